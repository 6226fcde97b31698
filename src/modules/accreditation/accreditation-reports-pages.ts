import { stringify } from 'csv-stringify/sync';
import { Hono } from 'hono';
import { z } from 'zod';
import { todayIso } from '../../kernel/dates.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { render } from '../../kernel/http/render.ts';
import { formatDate } from '../../kernel/ui/format.ts';
import { networkFor, networkNav } from '../networks/pages.ts';
import {
  candidatesByStage,
  cohortsOf,
  coverageByStandard,
  meetingAttendance,
  outcomesOf,
  supportAgainstCommitment,
} from './accreditation-reports-queries.ts';
import { frameworkOf } from './assessment-queries.ts';
import { areaNav } from './cohorts-access.ts';
import { candidateStageLabels, candidateStages } from './cohorts-domain.ts';
import { academicYearLabel, academicYearOf, SUPPORT_DAYS_PER_YEAR } from './support-days-domain.ts';

const query = z.object({
  cohort: z.string().uuid().optional().catch(undefined),
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
});

const percent = (part: number, whole: number) => (whole ? `${Math.round((100 * part) / whole)}%` : 'None decided');

/** Every table of the report, as headed rows of plain values: the page and the CSV show the same figures. */
export async function reportTables(c: AppContext, networkId: string) {
  const db = c.var.deps.database.db;
  const q = query.parse(c.req.query());
  const cohorts = await cohortsOf(db, networkId);
  const cohort = cohorts.find((co) => co.id === q.cohort) ?? cohorts.at(-1) ?? null;
  const year = q.year ?? academicYearOf(todayIso());
  const support = await supportAgainstCommitment(db, networkId, year);
  const supportTable = {
    title: `Support after accreditation, ${academicYearLabel(year)}`,
    head: ['Lead Practitioner', 'Accredited on', 'Valid until', 'Days given', 'Commitment (days)'],
    rows: support.map((s) => [
      s.holderName,
      formatDate(s.issuedOn),
      formatDate(s.expiresOn),
      String(Number(s.days)),
      String(SUPPORT_DAYS_PER_YEAR),
    ]),
  };
  if (!cohort) return { cohorts, cohort, year, tables: [supportTable] };
  const framework = await frameworkOf(db, cohort.frameworkVersionId);
  const [stages, meetings, coverage, outcomes] = await Promise.all([
    candidatesByStage(db, cohort.id),
    meetingAttendance(db, cohort.id),
    coverageByStandard(db, cohort.id, cohort.frameworkVersionId, framework.passMinLevel),
    outcomesOf(db, cohort.id),
  ]);
  const byStage = new Map(stages.map((s) => [s.stage, s.n]));
  const tables = [
    {
      title: 'Candidates by stage',
      head: ['Stage', 'Candidates'],
      rows: candidateStages.map((s) => [candidateStageLabels[s], String(byStage.get(s) ?? 0)]),
    },
    {
      title: 'Meeting attendance',
      head: ['Date', 'Meeting', 'Present', 'Apologies', 'Absent'],
      rows: meetings.map((m) => [formatDate(m.heldOn), m.title, String(m.present), String(m.apologies), String(m.absent)]),
    },
    {
      title: 'Coverage by standard',
      head: ['Standard', 'Candidates with evidence', `Candidates claiming level ${framework.passMinLevel} or above`],
      rows: coverage.map((s) => [`${s.code} ${s.title}`, String(s.evidenced), String(s.atPassLevel)]),
    },
    {
      title: 'Pass rate',
      head: ['Decided submissions', 'Accredited', 'Resubmit', 'Pass rate'],
      rows: [
        [String(outcomes.decided), String(outcomes.accredited), String(outcomes.resubmit), percent(outcomes.accredited, outcomes.decided)],
      ],
    },
    supportTable,
  ];
  return { cohorts, cohort, year, tables };
}

export const accreditationReportPages = new Hono<AppEnv>()
  .get('/networks/:networkId/accreditation/reports', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'lpReport.view');
    const { cohorts, cohort, year, tables } = await reportTables(c, network.id);
    const params = new URLSearchParams({ ...(cohort ? { cohort: cohort.id } : {}), year: String(year) });
    return render(c, 'accreditation-reports.njk', {
      title: 'Accreditation reports',
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subnav: areaNav(c, network),
      cohortItems: cohorts.map((co) => ({ value: co.id, text: co.name, selected: co.id === cohort?.id })),
      year,
      csvHref: `/networks/${network.id}/accreditation/reports.csv?${params}`,
      tables: tables.map((t) => ({
        caption: t.title,
        captionClasses: 'govuk-table__caption--m',
        head: t.head.map((text) => ({ text })),
        rows: t.rows.map((r) => r.map((text) => ({ text }))),
      })),
    });
  })
  .get('/networks/:networkId/accreditation/reports.csv', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'lpReport.view');
    const { cohort, year, tables } = await reportTables(c, network.id);
    // One file: each table under its title, a blank line between.
    const lines = tables.flatMap((t, i) => [...(i ? [[]] : []), [t.title], t.head, ...t.rows]);
    return c.body(stringify(lines), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="accreditation-${cohort ? cohort.id.slice(0, 8) : 'network'}-${year}.csv"`,
    });
  });
