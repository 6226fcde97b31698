import { stringify } from 'csv-stringify/sync';
import { Hono } from 'hono';
import { z } from 'zod';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { render } from '../../kernel/http/render.ts';
import { type Network, networkFor } from '../networks/pages.ts';
import { type CpdReport, cpdReport } from './cpd-reports.ts';
import { currentSchoolYear, type Figures } from './cpd-reports-queries.ts';
import { cpdBase, cpdFrame } from './programmes-pages.ts';

const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).catch(currentSchoolYear()).default(currentSchoolYear()) });
const pct = (v: number | null) => (v == null ? '–' : `${v}%`);
const num = (v: number) => ({ text: v.toLocaleString('en-GB'), format: 'numeric' });

const figureHead = ['Bookings', 'Attended', 'No-shows', 'Positive feedback', 'Follow-ups answered', 'Reporting an effect on pupils'];

function figureCells(r: Figures & { positivePercent: number | null }) {
  return [
    num(r.bookings),
    num(r.attended),
    num(r.noShows),
    { text: `${pct(r.positivePercent)} of ${r.rated}`, format: 'numeric' },
    { text: `${r.followUpsAnswered} of ${r.followUpsSent}`, format: 'numeric' },
    num(r.withEffect),
  ];
}

async function load(c: AppContext): Promise<{ network: Network; year: number; report: CpdReport }> {
  signedIn(c);
  const network = await networkFor(c, 'cpd.report');
  const { year } = yearQuery.parse(c.req.query());
  return { network, year, report: await cpdReport(c.var.deps.database.db, network.id, year) };
}

export const reportPages = new Hono<AppEnv>()
  .get('/networks/:networkId/cpd/reports', async (c) => {
    const { network, year, report } = await load(c);
    const this_ = currentSchoolYear();
    return render(c, 'cpd-reports.njk', {
      title: `CPD report ${report.yearLabel}`,
      ...cpdFrame(c, network),
      report,
      csvHref: `${cpdBase(network.id)}/reports.csv?year=${year}`,
      yearItems: [this_ - 2, this_ - 1, this_, this_ + 1].map((y) => ({
        value: String(y),
        text: `${y} to ${y + 1}`,
        selected: y === year,
      })),
      targetRows: [
        {
          key: { text: 'Days of CPD delivered' },
          value: { text: `${report.kpi.days} of a target of ${report.kpi.targetDays} (${report.kpi.daysMet ? 'met' : 'not met yet'})` },
        },
        {
          key: { text: 'Positive feedback' },
          value: {
            text: `${pct(report.kpi.positivePercent)} of ${report.kpi.rated} answers, against a target of ${report.kpi.targetPositivePercent}% (${report.kpi.positiveMet ? 'met' : 'not met'})`,
          },
        },
      ],
      programmeHead: [
        { text: 'Programme' },
        { text: 'Sessions', format: 'numeric' },
        { text: 'Delivered', format: 'numeric' },
        { text: 'Days', format: 'numeric' },
        ...figureHead.map((text) => ({ text, format: 'numeric' })),
      ],
      programmeRows: report.programmes.map((p) => [{ text: p.title }, num(p.sessions), num(p.delivered), num(p.days), ...figureCells(p)]),
      schoolHead: [{ text: 'School' }, ...figureHead.map((text) => ({ text, format: 'numeric' }))],
      schoolRows: report.schools.map((s) => [{ text: s.name }, ...figureCells(s)]),
    });
  })
  .get('/networks/:networkId/cpd/reports.csv', async (c) => {
    const { network, year, report } = await load(c);
    const header = [
      'group',
      'name',
      'sessions',
      'delivered',
      'days',
      'bookings',
      'attended',
      'no_shows',
      'feedback_answers',
      'positive_percent',
      'follow_ups_sent',
      'follow_ups_answered',
      'reporting_effect',
    ];
    const figures = (r: Figures & { positivePercent: number | null }) => [
      r.bookings,
      r.attended,
      r.noShows,
      r.rated,
      r.positivePercent ?? '',
      r.followUpsSent,
      r.followUpsAnswered,
      r.withEffect,
    ];
    const rows = [
      ...report.programmes.map((p) => ['programme', p.title, p.sessions, p.delivered, p.days, ...figures(p)]),
      ...report.schools.map((s) => ['school', s.name, '', '', '', ...figures(s)]),
      [
        'network',
        `days delivered against target ${report.kpi.targetDays}`,
        '',
        '',
        report.kpi.days,
        '',
        '',
        '',
        report.kpi.rated,
        report.kpi.positivePercent ?? '',
        '',
        '',
        '',
      ],
    ];
    const csv = stringify([header, ...rows]);
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="cpd-${network.id.slice(0, 8)}-${year}.csv"`,
    });
  });
