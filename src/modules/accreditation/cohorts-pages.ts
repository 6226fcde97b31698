import { Hono } from 'hono';
import { z } from 'zod';
import { inTransaction } from '../../kernel/commands.ts';
import { todayIso } from '../../kernel/dates.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { commandFormErrors, type FormState, formFields, validateForm } from '../../kernel/http/forms.ts';
import { render } from '../../kernel/http/render.ts';
import { formatDate } from '../../kernel/ui/format.ts';
import { linkCell } from '../../kernel/ui/html.ts';
import { paginationView } from '../../kernel/ui/pagination.ts';
import { type Network, networkFor } from '../networks/pages.ts';
import { activePartners } from '../networks/partnerships-queries.ts';
import { areaBase, areaPage, cohortFor } from './cohorts-access.ts';
import { attendanceLabels, attendanceStatuses, candidateStageLabels } from './cohorts-domain.ts';
import { attendanceForm, cohortForm, enrolForm, groupForm, meetingForm } from './cohorts-forms.ts';
import {
  type CohortDetail,
  cohortGroups,
  cohortMeetings,
  cohortPeople,
  cohortRoster,
  findMeeting,
  listCohorts,
  meetingAttendance,
} from './cohorts-queries.ts';
import { createCohort } from './commands/create-cohort.ts';
import { createGroup } from './commands/create-group.ts';
import { enrolCandidate } from './commands/enrol-candidate.ts';
import { recordAttendance } from './commands/record-attendance.ts';
import { scheduleMeeting } from './commands/schedule-meeting.ts';
import { ctxOf } from './framework-pages.ts';
import { loadFrameworkVersion } from './framework-queries.ts';
import { portfolioStatusLabels } from './portfolio-domain.ts';

const PER_PAGE = 25;
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100000).catch(1).default(1) });
const cohortBase = (networkId: string, cohortId: string) => `${areaBase(networkId)}/cohorts/${cohortId}`;
type Status = 200 | 400 | 409;

async function newCohortPage(c: AppContext, network: Network, form: FormState = {}, status: Status = 200) {
  const db = c.var.deps.database.db;
  const [partners, leads] = await Promise.all([activePartners(db, network.id), cohortPeople(db, [network.id])]);
  const values = (form.values ?? { maxMenteesPerMentor: '2', halfTermlyMeetings: 'yes' }) as Record<string, unknown>;
  const chosen = ([] as unknown[]).concat(values.partnerNetworkIds ?? []);
  return render(
    c,
    'lp-cohort-new.njk',
    {
      title: 'Start a cohort',
      ...areaPage(c, network, 'cohorts'),
      backLink: `${areaBase(network.id)}/cohorts`,
      partnerItems: partners.map((p) => ({ value: p.id, text: p.name, checked: chosen.includes(p.id) })),
      leadItems: [
        { value: '', text: 'Choose the lead' },
        ...leads.map((p) => ({ value: p.id, text: p.fullName, selected: values.leadId === p.id })),
      ],
      values,
      ...form,
    },
    status,
  );
}

async function cohortPage(c: AppContext, network: Network, cohort: CohortDetail, form: FormState = {}, status: Status = 200) {
  const db = c.var.deps.database.db;
  const base = areaBase(network.id);
  const [roster, meetings, groups, people, framework] = await Promise.all([
    cohortRoster(db, cohort.id, todayIso()),
    cohortMeetings(db, cohort.id),
    cohortGroups(db, cohort.id),
    cohortPeople(
      db,
      cohort.networks.map((n) => n.id),
    ),
    loadFrameworkVersion(db, cohort.frameworkVersionId),
  ]);
  const enrolled = new Set(roster.map((r) => r.personId));
  const networkName = new Map(cohort.networks.map((n) => [n.id, n.name]));
  const values = (form.values ?? {}) as Record<string, unknown>;
  const mayManage = cohort.networkId === network.id;
  return render(
    c,
    'lp-cohort.njk',
    {
      title: cohort.name,
      ...areaPage(c, network, 'cohorts'),
      breadcrumbs: [{ text: 'Cohorts', href: `${base}/cohorts` }, { text: cohort.name }],
      cohort,
      mayManage,
      base: cohortBase(network.id, cohort.id),
      flash: c.req.query('done') && status === 200 ? { type: 'success', text: doneText[c.req.query('done') ?? ''] ?? 'Saved' } : undefined,
      summaryRows: [
        { key: { text: 'Networks' }, value: { text: cohort.networks.map((n) => n.name).join(', ') } },
        { key: { text: 'Lead' }, value: { text: cohort.leadName ?? 'Not set' } },
        { key: { text: 'Dates' }, value: { text: `${formatDate(cohort.startsOn)} to ${formatDate(cohort.endsOn)}` } },
        { key: { text: 'Framework' }, value: { text: framework ? `${framework.name}, version ${framework.version}` : '' } },
        { key: { text: 'Candidates per mentor' }, value: { text: `At most ${cohort.maxMenteesPerMentor} at a time` } },
      ],
      candidateRows: roster.map((r) => [
        linkCell(`${base}/portfolios/${r.id}`, r.fullName),
        { text: networkName.get(r.networkId) ?? '' },
        { text: candidateStageLabels[r.stage] },
        { text: r.portfolioStatus ? portfolioStatusLabels[r.portfolioStatus] : '' },
        { text: r.mentor?.name ?? 'None' },
        { text: `${r.headConsentName}, ${formatDate(r.headConsentOn)}` },
      ]),
      meetingRows: meetings.map((m) => [
        { text: formatDate(m.heldOn) },
        linkCell(`${cohortBase(network.id, cohort.id)}/meetings/${m.id}`, m.title),
        { text: m.recorded ? `${m.present} of ${roster.length} present` : 'Not recorded' },
      ]),
      groups,
      personItems: [
        { value: '', text: 'Choose a person' },
        ...people.filter((p) => !enrolled.has(p.id)).map((p) => ({ value: p.id, text: p.fullName, selected: values.personId === p.id })),
      ],
      candidateItems: roster.map((r) => ({ value: r.id, text: r.fullName })),
      values,
      ...form,
    },
    status,
  );
}

const doneText: Record<string, string> = {
  created: 'Cohort started',
  enrolled: 'Candidate enrolled',
  meeting: 'Meeting added',
  group: 'Group created',
  attendance: 'Attendance saved',
};

/** Validate, run the command in a transaction, and on refusal show the cohort page again with the messages. */
async function cohortAction<S extends z.ZodType>(
  c: AppContext,
  schema: S,
  run: (ctx: ReturnType<ReturnType<typeof ctxOf>>, cohort: CohortDetail, data: z.infer<S>) => Promise<unknown>,
  done: string,
) {
  signedIn(c);
  const { network, cohort } = await cohortFor(c, 'lpCohort.manage');
  const fields = formFields(await c.req.parseBody({ all: true }));
  const parsed = validateForm(schema, fields);
  if (!parsed.ok) return cohortPage(c, network, cohort, { ...parsed, values: fields }, 400);
  try {
    await inTransaction(c.var.deps.database, (db) => run(ctxOf(c)(db), cohort, parsed.data));
  } catch (err) {
    const refused = commandFormErrors(err);
    return cohortPage(c, network, cohort, { ...refused.form, values: fields }, refused.status);
  }
  return c.redirect(`${cohortBase(network.id, cohort.id)}?done=${done}`, 303);
}

async function meetingPage(c: AppContext, form: FormState = {}, status: Status = 200) {
  const { network, cohort } = await cohortFor(c, 'lpCohort.view');
  const db = c.var.deps.database.db;
  const meeting = await findMeeting(db, cohort.id, c.req.param('meetingId') ?? '');
  if (!meeting) return null;
  const [roster, marks] = await Promise.all([cohortRoster(db, cohort.id, todayIso()), meetingAttendance(db, meeting.id)]);
  const values = (form.values ?? Object.fromEntries(marks)) as Record<string, unknown>;
  return render(
    c,
    'lp-meeting.njk',
    {
      title: `${meeting.title}, ${formatDate(meeting.heldOn)}`,
      ...areaPage(c, network, 'cohorts'),
      breadcrumbs: [
        { text: 'Cohorts', href: `${areaBase(network.id)}/cohorts` },
        { text: cohort.name, href: cohortBase(network.id, cohort.id) },
        { text: meeting.title },
      ],
      meeting,
      mayManage: cohort.networkId === network.id,
      action: `${cohortBase(network.id, cohort.id)}/meetings/${meeting.id}`,
      candidates: roster.map((r) => ({
        id: r.id,
        name: r.fullName,
        items: attendanceStatuses.map((s) => ({ value: s, text: attendanceLabels[s], checked: values[r.id] === s })),
      })),
      ...form,
    },
    status,
  );
}

export const cohortPages = new Hono<AppEnv>()
  .get('/networks/:networkId/accreditation/cohorts', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'lpCohort.view');
    const { page } = pageQuery.parse(c.req.query());
    const { rows, total } = await listCohorts(c.var.deps.database.db, network.id, page, PER_PAGE);
    const base = areaBase(network.id);
    return render(c, 'lp-cohorts.njk', {
      title: 'Cohorts',
      ...areaPage(c, network, 'cohorts'),
      mayCreate: true,
      ...paginationView({ page, perPage: PER_PAGE, total }, `${base}/cohorts`, {}),
      tableRows: rows.map((r) => [
        linkCell(`${base}/cohorts/${r.id}`, r.name),
        { text: `${formatDate(r.startsOn)} to ${formatDate(r.endsOn)}` },
        { text: String(r.candidates) },
        { text: r.networkId === network.id ? 'Runs it' : 'Partner' },
      ]),
    });
  })
  .get('/networks/:networkId/accreditation/cohorts/new', async (c) => {
    signedIn(c);
    return newCohortPage(c, await networkFor(c, 'lpCohort.manage'));
  })
  .post('/networks/:networkId/accreditation/cohorts', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'lpCohort.manage');
    const fields = formFields(await c.req.parseBody({ all: true }));
    const parsed = validateForm(cohortForm, fields);
    if (!parsed.ok) return newCohortPage(c, network, { ...parsed, values: fields }, 400);
    try {
      const cohort = await inTransaction(c.var.deps.database, (db) =>
        createCohort(ctxOf(c)(db), { networkId: network.id, ...parsed.data }),
      );
      return c.redirect(`${cohortBase(network.id, cohort.id)}?done=created`, 303);
    } catch (err) {
      const refused = commandFormErrors(err);
      return newCohortPage(c, network, { ...refused.form, values: fields }, refused.status);
    }
  })
  .get('/networks/:networkId/accreditation/cohorts/:cohortId', async (c) => {
    signedIn(c);
    const { network, cohort } = await cohortFor(c, 'lpCohort.view');
    return cohortPage(c, network, cohort);
  })
  .post('/networks/:networkId/accreditation/cohorts/:cohortId/candidates', (c) =>
    cohortAction(c, enrolForm, (ctx, cohort, data) => enrolCandidate(ctx, cohort, data), 'enrolled'),
  )
  .post('/networks/:networkId/accreditation/cohorts/:cohortId/meetings', (c) =>
    cohortAction(
      c,
      meetingForm,
      (ctx, cohort, data) => scheduleMeeting(ctx, cohort, { heldOn: data.heldOn, title: data.meetingTitle, venue: data.venue }),
      'meeting',
    ),
  )
  .post('/networks/:networkId/accreditation/cohorts/:cohortId/groups', (c) =>
    cohortAction(
      c,
      groupForm,
      (ctx, cohort, data) => createGroup(ctx, cohort, { name: data.groupName, focus: data.focus, candidateIds: data.candidateIds }),
      'group',
    ),
  )
  .get('/networks/:networkId/accreditation/cohorts/:cohortId/meetings/:meetingId', async (c) => {
    signedIn(c);
    const page = await meetingPage(c);
    if (!page) return c.notFound();
    return page;
  })
  .post('/networks/:networkId/accreditation/cohorts/:cohortId/meetings/:meetingId', async (c) => {
    signedIn(c);
    const { network, cohort } = await cohortFor(c, 'lpCohort.manage');
    const db = c.var.deps.database.db;
    const meeting = await findMeeting(db, cohort.id, c.req.param('meetingId'));
    if (!meeting) return c.notFound();
    const fields = formFields(await c.req.parseBody());
    const parsed = validateForm(attendanceForm, fields);
    if (!parsed.ok) return (await meetingPage(c, { ...parsed, values: fields }, 400))!;
    try {
      await inTransaction(c.var.deps.database, (tx) => recordAttendance(ctxOf(c)(tx), meeting, network.id, parsed.data));
    } catch (err) {
      const refused = commandFormErrors(err);
      return (await meetingPage(c, { ...refused.form, values: fields }, refused.status))!;
    }
    return c.redirect(`${cohortBase(network.id, cohort.id)}?done=attendance`, 303);
  });
