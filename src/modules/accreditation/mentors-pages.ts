import { Hono } from 'hono';
import { inTransaction } from '../../kernel/commands.ts';
import { todayIso } from '../../kernel/dates.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { commandFormErrors, type FormState, formFields, validateForm } from '../../kernel/http/forms.ts';
import { render } from '../../kernel/http/render.ts';
import { formatDate } from '../../kernel/ui/format.ts';
import type { Network } from '../networks/pages.ts';
import { areaBase, areaPage, cohortFor } from './cohorts-access.ts';
import { mentorForm, rotationForm, rotationQuery } from './cohorts-forms.ts';
import { type CohortDetail, cohortPeople, cohortRoster, mentorAssignments } from './cohorts-queries.ts';
import { assignMentors, type MentorPairing } from './commands/assign-mentor.ts';
import { ctxOf } from './framework-pages.ts';
import { proposeRotation, rotationPeriods } from './mentors-domain.ts';

const mentorsBase = (networkId: string, cohortId: string) => `${areaBase(networkId)}/cohorts/${cohortId}/mentors`;

/** What the rotation proposal weighs, for the page and the API alike: candidates still taking part, the chosen mentors, past pairings. */
export function rotationInput(
  cohort: CohortDetail,
  roster: Awaited<ReturnType<typeof cohortRoster>>,
  mentorChoices: { id: string; schoolUrn: number | null }[],
  assignments: Awaited<ReturnType<typeof mentorAssignments>>,
  query: { mentorIds: string[]; periods: number },
) {
  return {
    candidates: roster.filter((r) => r.stage !== 'withdrawn').map((r) => ({ id: r.id, personId: r.personId, schoolUrn: r.schoolUrn })),
    mentors: mentorChoices.filter((m) => query.mentorIds.includes(m.id)).map((m) => ({ personId: m.id, schoolUrn: m.schoolUrn })),
    periods: rotationPeriods(cohort.startsOn, cohort.endsOn, query.periods),
    maxMentees: cohort.maxMenteesPerMentor,
    history: assignments.map((a) => ({ candidateId: a.candidateId, mentorId: a.mentorId })),
  };
}

async function mentorsPage(c: AppContext, network: Network, cohort: CohortDetail, form: FormState = {}, status: 200 | 400 | 409 = 200) {
  const db = c.var.deps.database.db;
  const [roster, assignments, people] = await Promise.all([
    cohortRoster(db, cohort.id, todayIso()),
    mentorAssignments(db, cohort.id),
    cohortPeople(
      db,
      cohort.networks.map((n) => n.id),
    ),
  ]);
  const names = new Map(roster.map((r) => [r.id, r.fullName]));
  const candidatePeople = new Set(roster.map((r) => r.personId));
  const mentorChoices = people.filter((p) => !candidatePeople.has(p.id));
  const query = rotationQuery.parse({ periods: c.req.query('periods'), mentorIds: c.req.queries('mentorIds') });
  let proposal: { rows: unknown[][]; pairings: string[] } | null = null;
  let proposalError: string | null = null;
  if (query.mentorIds.length) {
    const result = proposeRotation(rotationInput(cohort, roster, mentorChoices, assignments, query));
    const mentorName = new Map(people.map((p) => [p.id, p.fullName]));
    if (result.ok) {
      proposal = {
        rows: result.pairings.map((p) => [
          { text: names.get(p.candidateId) ?? '' },
          { text: mentorName.get(p.mentorId) ?? '' },
          { text: `${formatDate(p.startsOn)} to ${formatDate(p.endsOn)}` },
        ]),
        pairings: result.pairings.map((p) => [p.candidateId, p.mentorId, p.startsOn, p.endsOn].join('|')),
      };
    } else proposalError = result.reason;
  }
  const values = (form.values ?? {}) as Record<string, unknown>;
  return render(
    c,
    'lp-mentors.njk',
    {
      title: `Mentors: ${cohort.name}`,
      ...areaPage(c, network, 'cohorts'),
      breadcrumbs: [
        { text: 'Cohorts', href: `${areaBase(network.id)}/cohorts` },
        { text: cohort.name, href: `${areaBase(network.id)}/cohorts/${cohort.id}` },
        { text: 'Mentors' },
      ],
      cohort,
      action: mentorsBase(network.id, cohort.id),
      mayManage: cohort.networkId === network.id,
      flash: c.req.query('done') === 'saved' && status === 200 ? { type: 'success', text: 'Mentors saved' } : undefined,
      assignmentRows: assignments.map((a) => [
        { text: names.get(a.candidateId) ?? '' },
        { text: a.mentorName },
        { text: `${formatDate(a.startsOn)} to ${formatDate(a.endsOn)}` },
      ]),
      candidateItems: [
        { value: '', text: 'Choose a candidate' },
        ...roster.map((r) => ({ value: r.id, text: r.fullName, selected: values.candidateId === r.id })),
      ],
      mentorItems: [
        { value: '', text: 'Choose a mentor' },
        ...mentorChoices.map((m) => ({ value: m.id, text: m.fullName, selected: values.mentorId === m.id })),
      ],
      rotationMentorItems: mentorChoices.map((m) => ({ value: m.id, text: m.fullName, checked: query.mentorIds.includes(m.id) })),
      periodItems: [1, 2, 3, 6].map((n) => ({
        value: String(n),
        text: n === 1 ? 'The whole year' : `${n} periods`,
        selected: query.periods === n,
      })),
      proposal,
      proposalError,
      values: { startsOn: cohort.startsOn, endsOn: cohort.endsOn, ...values },
      ...form,
    },
    status,
  );
}

async function saveMentors(c: AppContext, pairingsOf: (fields: Record<string, string | string[]>) => ReturnType<typeof validateForm>) {
  signedIn(c);
  const { network, cohort } = await cohortFor(c, 'lpCohort.manage');
  const fields = formFields(await c.req.parseBody({ all: true }));
  const parsed = pairingsOf(fields);
  if (!parsed.ok) return mentorsPage(c, network, cohort, { ...parsed, values: fields }, 400);
  try {
    await inTransaction(c.var.deps.database, (db) => assignMentors(ctxOf(c)(db), cohort, parsed.data as MentorPairing[]));
  } catch (err) {
    const refused = commandFormErrors(err);
    return mentorsPage(c, network, cohort, { ...refused.form, values: fields }, refused.status);
  }
  return c.redirect(`${mentorsBase(network.id, cohort.id)}?done=saved`, 303);
}

export const mentorPages = new Hono<AppEnv>()
  .get('/networks/:networkId/accreditation/cohorts/:cohortId/mentors', async (c) => {
    signedIn(c);
    const { network, cohort } = await cohortFor(c, 'lpCohort.view');
    return mentorsPage(c, network, cohort);
  })
  .post('/networks/:networkId/accreditation/cohorts/:cohortId/mentors', (c) =>
    saveMentors(c, (fields) => {
      const parsed = validateForm(mentorForm, fields);
      return parsed.ok ? { ok: true, data: [parsed.data] } : parsed;
    }),
  )
  .post('/networks/:networkId/accreditation/cohorts/:cohortId/rotation', (c) =>
    saveMentors(c, (fields) => {
      const parsed = validateForm(rotationForm, fields);
      if (!parsed.ok) return parsed;
      const pairings = parsed.data.pairing.map((p) => {
        const [candidateId, mentorId, startsOn, endsOn] = p.split('|') as [string, string, string, string];
        return { candidateId, mentorId, startsOn, endsOn };
      });
      return { ok: true, data: pairings };
    }),
  );
