import { and, asc, count, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import { networks, people } from '../networks/schema.ts';
import {
  lpAttendance,
  lpCandidates,
  lpCohortNetworks,
  lpCohorts,
  lpGroupMembers,
  lpGroups,
  lpMeetings,
  lpMentorAssignments,
  lpPortfolios,
} from './schema.ts';

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (id: string) => uuidShape.test(id);

/** A cohort with every network taking part (the owner first). */
export async function loadCohort(db: Db, cohortId: string) {
  if (!isUuid(cohortId)) return null;
  const [cohort] = await db
    .select({ cohort: lpCohorts, leadName: people.fullName })
    .from(lpCohorts)
    .leftJoin(people, eq(people.id, lpCohorts.leadId))
    .where(eq(lpCohorts.id, cohortId));
  if (!cohort) return null;
  const taking = await db
    .select({ id: networks.id, name: networks.name })
    .from(lpCohortNetworks)
    .innerJoin(networks, eq(networks.id, lpCohortNetworks.networkId))
    .where(eq(lpCohortNetworks.cohortId, cohortId))
    .orderBy(asc(networks.name));
  const owner = taking.find((n) => n.id === cohort.cohort.networkId);
  return { ...cohort.cohort, leadName: cohort.leadName, networks: [...(owner ? [owner] : []), ...taking.filter((n) => n !== owner)] };
}
export type CohortDetail = NonNullable<Awaited<ReturnType<typeof loadCohort>>>;

/** Cohorts a network runs or takes part in, newest first. */
export async function listCohorts(db: Db, networkId: string, page = 1, perPage = 25) {
  const where = eq(lpCohortNetworks.networkId, networkId);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: lpCohorts.id,
        name: lpCohorts.name,
        networkId: lpCohorts.networkId,
        startsOn: lpCohorts.startsOn,
        endsOn: lpCohorts.endsOn,
        candidates: sql<number>`(select count(*)::int from ${lpCandidates} where ${lpCandidates.cohortId} = ${lpCohorts.id})`,
      })
      .from(lpCohortNetworks)
      .innerJoin(lpCohorts, eq(lpCohorts.id, lpCohortNetworks.cohortId))
      .where(where)
      .orderBy(desc(lpCohorts.startsOn), asc(lpCohorts.name))
      .limit(perPage)
      .offset((page - 1) * perPage),
    db.select({ n: count() }).from(lpCohortNetworks).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Candidates of a cohort with their stage, portfolio and mentor today. */
export async function cohortRoster(db: Db, cohortId: string, today: string) {
  const rows = await db
    .select({
      id: lpCandidates.id,
      personId: lpCandidates.personId,
      fullName: people.fullName,
      networkId: lpCandidates.networkId,
      schoolUrn: lpCandidates.schoolUrn,
      stage: lpCandidates.stage,
      headConsentName: lpCandidates.headConsentName,
      headConsentOn: lpCandidates.headConsentOn,
      portfolioId: lpPortfolios.id,
      portfolioStatus: lpPortfolios.status,
    })
    .from(lpCandidates)
    .innerJoin(people, eq(people.id, lpCandidates.personId))
    .leftJoin(lpPortfolios, eq(lpPortfolios.candidateId, lpCandidates.id))
    .where(eq(lpCandidates.cohortId, cohortId))
    .orderBy(asc(people.fullName));
  const mentors = await currentMentors(db, cohortId, today);
  return rows.map((r) => ({ ...r, mentor: mentors.get(r.id) ?? null }));
}

/** Candidate id -> today's mentor. */
export async function currentMentors(db: Db, cohortId: string, today: string) {
  const rows = await db
    .select({ candidateId: lpMentorAssignments.candidateId, mentorId: lpMentorAssignments.mentorId, name: people.fullName })
    .from(lpMentorAssignments)
    .innerJoin(people, eq(people.id, lpMentorAssignments.mentorId))
    .where(
      and(eq(lpMentorAssignments.cohortId, cohortId), lte(lpMentorAssignments.startsOn, today), gte(lpMentorAssignments.endsOn, today)),
    );
  return new Map(rows.map((r) => [r.candidateId, { id: r.mentorId, name: r.name }]));
}

/** Every mentor assignment of the cohort, by start date. */
export async function mentorAssignments(db: Db, cohortId: string) {
  return db
    .select({
      id: lpMentorAssignments.id,
      candidateId: lpMentorAssignments.candidateId,
      mentorId: lpMentorAssignments.mentorId,
      mentorName: people.fullName,
      startsOn: lpMentorAssignments.startsOn,
      endsOn: lpMentorAssignments.endsOn,
    })
    .from(lpMentorAssignments)
    .innerJoin(people, eq(people.id, lpMentorAssignments.mentorId))
    .where(eq(lpMentorAssignments.cohortId, cohortId))
    .orderBy(asc(lpMentorAssignments.startsOn));
}

export async function cohortMeetings(db: Db, cohortId: string) {
  return db
    .select({
      id: lpMeetings.id,
      heldOn: lpMeetings.heldOn,
      title: lpMeetings.title,
      venue: lpMeetings.venue,
      present: sql<number>`(select count(*)::int from ${lpAttendance} where ${lpAttendance.meetingId} = ${lpMeetings.id} and ${lpAttendance.status} = 'present')`,
      recorded: sql<number>`(select count(*)::int from ${lpAttendance} where ${lpAttendance.meetingId} = ${lpMeetings.id})`,
    })
    .from(lpMeetings)
    .where(eq(lpMeetings.cohortId, cohortId))
    .orderBy(asc(lpMeetings.heldOn));
}

export async function findMeeting(db: Db, cohortId: string, meetingId: string) {
  if (!isUuid(meetingId)) return null;
  const [row] = await db
    .select()
    .from(lpMeetings)
    .where(and(eq(lpMeetings.id, meetingId), eq(lpMeetings.cohortId, cohortId)));
  return row ?? null;
}

export async function meetingAttendance(db: Db, meetingId: string) {
  const rows = await db.select().from(lpAttendance).where(eq(lpAttendance.meetingId, meetingId));
  return new Map(rows.map((r) => [r.candidateId, r.status]));
}

export async function cohortGroups(db: Db, cohortId: string) {
  const groups = await db.select().from(lpGroups).where(eq(lpGroups.cohortId, cohortId)).orderBy(asc(lpGroups.name));
  const members = groups.length
    ? await db
        .select({ groupId: lpGroupMembers.groupId, candidateId: lpGroupMembers.candidateId, fullName: people.fullName })
        .from(lpGroupMembers)
        .innerJoin(lpCandidates, eq(lpCandidates.id, lpGroupMembers.candidateId))
        .innerJoin(people, eq(people.id, lpCandidates.personId))
        .where(
          inArray(
            lpGroupMembers.groupId,
            groups.map((g) => g.id),
          ),
        )
        .orderBy(asc(people.fullName))
    : [];
  return groups.map((g) => ({ ...g, members: members.filter((m) => m.groupId === g.id) }));
}

/** People who may be enrolled or mentor: members of any network of the cohort, by name. */
export async function cohortPeople(db: Db, networkIds: string[]) {
  return db
    .selectDistinctOn([people.fullName, people.id], { id: people.id, fullName: people.fullName, schoolUrn: people.schoolUrn })
    .from(people)
    .where(sql`exists (select 1 from memberships m where m.person_id = ${people.id} and m.network_id in ${networkIds})`)
    .orderBy(asc(people.fullName), asc(people.id));
}
