import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { inTransaction } from '../../kernel/commands.ts';
import { todayIso } from '../../kernel/dates.ts';
import { problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { HttpError, notFound } from '../../kernel/http/errors.ts';
import { networkFor } from '../networks/pages.ts';
import { cohortFor } from './cohorts-access.ts';
import { attendanceStatuses, candidateStages } from './cohorts-domain.ts';
import { cohortGroups, cohortMeetings, cohortPeople, cohortRoster, findMeeting, loadCohort, mentorAssignments } from './cohorts-queries.ts';
import { assignMentors } from './commands/assign-mentor.ts';
import { createCohort } from './commands/create-cohort.ts';
import { createGroup } from './commands/create-group.ts';
import { enrolCandidate } from './commands/enrol-candidate.ts';
import { recordAttendance } from './commands/record-attendance.ts';
import { scheduleMeeting } from './commands/schedule-meeting.ts';
import { ctxOf } from './framework-pages.ts';
import { proposeRotation } from './mentors-domain.ts';
import { rotationInput } from './mentors-pages.ts';

// Cohorts as JSON for the LP manager: create one, enrol candidates, schedule meetings and record
// attendance, groups, mentors and the proposed rotation. The same access checks (cohortFor) and commands
// as the pages; a partner network reads a cohort, only the running network changes it.

const IsoDate = z.iso.date().openapi({ example: '2025-09-01' });
const MentorPairing = z.object({ candidateId: Uuid, mentorId: Uuid, startsOn: IsoDate, endsOn: IsoDate }).openapi('LpMentorPairing');
const CohortDetail = z
  .object({
    id: Uuid,
    name: z.string(),
    networkId: Uuid,
    networks: z.array(z.object({ id: Uuid, name: z.string() })),
    leadId: Uuid.nullable(),
    startsOn: IsoDate,
    endsOn: IsoDate,
    frameworkVersionId: Uuid,
    maxMenteesPerMentor: z.number().int(),
    candidates: z.array(
      z.object({
        id: Uuid,
        personId: Uuid,
        fullName: z.string(),
        networkId: Uuid,
        stage: z.enum(candidateStages),
        headConsentName: z.string(),
        headConsentOn: IsoDate,
        mentorId: Uuid.nullable(),
      }),
    ),
    meetings: z.array(z.object({ id: Uuid, heldOn: IsoDate, title: z.string(), venue: z.string().nullable(), present: z.number().int() })),
    groups: z.array(z.object({ id: Uuid, name: z.string(), focus: z.string().nullable(), candidateIds: z.array(Uuid) })),
    mentors: z.array(MentorPairing),
  })
  .openapi('LpCohortDetail');
const NewCohort = z
  .object({
    name: z.string().trim().min(1).max(120),
    startsOn: IsoDate,
    endsOn: IsoDate,
    partnerNetworkIds: z.array(Uuid).max(20).default([]).openapi({ description: 'Active partner networks taking part' }),
    leadId: Uuid.nullable().default(null),
    maxMenteesPerMentor: z.number().int().min(1).max(10).default(2),
    halfTermlyMeetings: z.boolean().default(true),
  })
  .openapi('LpNewCohort');
const Enrolment = z
  .object({ personId: Uuid, headConsentName: z.string().trim().min(1).max(120), headConsentOn: IsoDate })
  .openapi('LpEnrolment');
const NewMeeting = z
  .object({ heldOn: IsoDate, title: z.string().trim().min(1).max(200), venue: z.string().trim().max(200).nullable().default(null) })
  .openapi('LpNewMeeting');
const Attendance = z
  .object({
    attendance: z
      .array(z.object({ candidateId: Uuid, status: z.enum(attendanceStatuses) }))
      .max(500)
      .openapi({ description: 'Each candidate present, sent apologies or absent' }),
  })
  .openapi('LpAttendance');
const NewGroup = z
  .object({
    name: z.string().trim().min(1).max(120),
    focus: z.string().trim().max(500).nullable().default(null),
    candidateIds: z.array(Uuid).max(50),
  })
  .openapi('LpNewGroup');

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const cohortParams = z.object({ networkId: Uuid, cohortId: Uuid });
const conflict = { 409: problemResponses[400] };

async function detail(c: AppContext, cohortId: string) {
  const db = c.var.deps.database.db;
  const cohort = (await loadCohort(db, cohortId))!;
  const [roster, meetings, groups, mentors] = await Promise.all([
    cohortRoster(db, cohort.id, todayIso()),
    cohortMeetings(db, cohort.id),
    cohortGroups(db, cohort.id),
    mentorAssignments(db, cohort.id),
  ]);
  return {
    id: cohort.id,
    name: cohort.name,
    networkId: cohort.networkId,
    networks: cohort.networks,
    leadId: cohort.leadId,
    startsOn: cohort.startsOn,
    endsOn: cohort.endsOn,
    frameworkVersionId: cohort.frameworkVersionId,
    maxMenteesPerMentor: cohort.maxMenteesPerMentor,
    candidates: roster.map((r) => ({
      id: r.id,
      personId: r.personId,
      fullName: r.fullName,
      networkId: r.networkId,
      stage: r.stage,
      headConsentName: r.headConsentName,
      headConsentOn: r.headConsentOn,
      mentorId: r.mentor?.id ?? null,
    })),
    meetings: meetings.map((m) => ({ id: m.id, heldOn: m.heldOn, title: m.title, venue: m.venue, present: m.present })),
    groups: groups.map((g) => ({ id: g.id, name: g.name, focus: g.focus, candidateIds: g.members.map((m) => m.candidateId) })),
    mentors: mentors.map((m) => ({ candidateId: m.candidateId, mentorId: m.mentorId, startsOn: m.startsOn, endsOn: m.endsOn })),
  };
}

export const cohortsApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/accreditation/cohorts',
      tags: ['Accreditation'],
      summary: 'Start a cohort on the network’s current framework version (which it keeps), with partner networks and meetings',
      request: { params: z.object({ networkId: Uuid }), body: body(NewCohort) },
      responses: { 201: json(CohortDetail, 'Started'), ...problemResponses, ...conflict },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'lpCohort.manage');
      const cohort = await inTransaction(c.var.deps.database, (db) =>
        createCohort(ctxOf(c)(db), { networkId: network.id, ...c.req.valid('json') }),
      );
      return c.json(await detail(c, cohort.id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/accreditation/cohorts/{cohortId}',
      tags: ['Accreditation'],
      summary: 'A cohort: its networks, candidates with today’s mentor, meetings, groups and mentor assignments',
      request: { params: cohortParams },
      responses: { 200: json(CohortDetail, 'The cohort'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const { cohort } = await cohortFor(c, 'lpCohort.view');
      return c.json(await detail(c, cohort.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/accreditation/cohorts/{cohortId}/candidates',
      tags: ['Accreditation'],
      summary: 'Enrol a member of a network of the cohort, with their headteacher’s consent',
      request: { params: cohortParams, body: body(Enrolment) },
      responses: { 201: json(CohortDetail, 'Enrolled'), ...problemResponses, ...conflict },
    }),
    async (c) => {
      signedIn(c);
      const { cohort } = await cohortFor(c, 'lpCohort.manage');
      await inTransaction(c.var.deps.database, (db) => enrolCandidate(ctxOf(c)(db), cohort, c.req.valid('json')));
      return c.json(await detail(c, cohort.id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/accreditation/cohorts/{cohortId}/meetings',
      tags: ['Accreditation'],
      summary: 'Schedule a cohort meeting',
      request: { params: cohortParams, body: body(NewMeeting) },
      responses: { 201: json(CohortDetail, 'Scheduled'), ...problemResponses, ...conflict },
    }),
    async (c) => {
      signedIn(c);
      const { cohort } = await cohortFor(c, 'lpCohort.manage');
      await inTransaction(c.var.deps.database, (db) => scheduleMeeting(ctxOf(c)(db), cohort, c.req.valid('json')));
      return c.json(await detail(c, cohort.id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/networks/{networkId}/accreditation/cohorts/{cohortId}/meetings/{meetingId}/attendance',
      tags: ['Accreditation'],
      summary: 'Record who was present, sent apologies or was absent at a meeting',
      request: { params: cohortParams.extend({ meetingId: Uuid }), body: body(Attendance) },
      responses: { 200: json(CohortDetail, 'Recorded'), ...problemResponses, ...conflict },
    }),
    async (c) => {
      signedIn(c);
      const { network, cohort } = await cohortFor(c, 'lpCohort.manage');
      const meeting = await findMeeting(c.var.deps.database.db, cohort.id, c.req.valid('param').meetingId);
      if (!meeting) throw notFound('Meeting');
      const { attendance } = c.req.valid('json');
      const marks = Object.fromEntries(attendance.map((a) => [a.candidateId, a.status]));
      await inTransaction(c.var.deps.database, (db) => recordAttendance(ctxOf(c)(db), meeting, network.id, marks));
      return c.json(await detail(c, cohort.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/accreditation/cohorts/{cohortId}/groups',
      tags: ['Accreditation'],
      summary: 'A small group of candidates who collaborate on shared evidence',
      request: { params: cohortParams, body: body(NewGroup) },
      responses: { 201: json(CohortDetail, 'Created'), ...problemResponses, ...conflict },
    }),
    async (c) => {
      signedIn(c);
      const { cohort } = await cohortFor(c, 'lpCohort.manage');
      await inTransaction(c.var.deps.database, (db) => createGroup(ctxOf(c)(db), cohort, c.req.valid('json')));
      return c.json(await detail(c, cohort.id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/accreditation/cohorts/{cohortId}/mentors',
      tags: ['Accreditation'],
      summary: 'Assign mentors (one pairing, or a whole rotation); a mentor over the cohort’s limit is refused with the reason',
      request: { params: cohortParams, body: body(z.object({ pairings: z.array(MentorPairing).min(1).max(500) })) },
      responses: { 200: json(CohortDetail, 'Assigned'), ...problemResponses, ...conflict },
    }),
    async (c) => {
      signedIn(c);
      const { cohort } = await cohortFor(c, 'lpCohort.manage');
      await inTransaction(c.var.deps.database, (db) => assignMentors(ctxOf(c)(db), cohort, c.req.valid('json').pairings));
      return c.json(await detail(c, cohort.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/accreditation/cohorts/{cohortId}/rotation',
      tags: ['Accreditation'],
      summary: 'The mentor rotation Alliance proposes among the chosen mentors: within each mentor’s limit, new perspectives each period',
      request: {
        params: cohortParams,
        query: z.object({
          mentorIds: z.string().max(4000).default('').openapi({ description: 'Comma-separated person ids of the mentors to rotate' }),
          periods: z.coerce.number().int().min(1).max(6).default(3),
        }),
      },
      responses: {
        200: json(z.object({ pairings: z.array(MentorPairing) }), 'The proposal; POST it to /mentors to confirm'),
        ...problemResponses,
        ...conflict,
      },
    }),
    async (c) => {
      signedIn(c);
      const { cohort } = await cohortFor(c, 'lpCohort.manage');
      const { mentorIds, periods } = c.req.valid('query');
      const db = c.var.deps.database.db;
      const [roster, assignments, people] = await Promise.all([
        cohortRoster(db, cohort.id, todayIso()),
        mentorAssignments(db, cohort.id),
        cohortPeople(
          db,
          cohort.networks.map((n) => n.id),
        ),
      ]);
      const candidatePeople = new Set(roster.map((r) => r.personId));
      const choices = people.filter((p) => !candidatePeople.has(p.id));
      const ids = mentorIds
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const result = proposeRotation(rotationInput(cohort, roster, choices, assignments, { mentorIds: ids, periods }));
      if (!result.ok) throw new HttpError(409, 'No rotation', result.reason, [{ path: 'mentorIds', message: result.reason }]);
      return c.json(
        { pairings: result.pairings.map(({ candidateId, mentorId, startsOn, endsOn }) => ({ candidateId, mentorId, startsOn, endsOn })) },
        200,
      );
    },
  );
