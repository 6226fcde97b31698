import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import { isUuid } from '../networks/queries.ts';
import { memberships, people, schools, specialisms } from '../networks/schema.ts';
import {
  designationApplicationScores,
  designationApplicationSpecialisms,
  designationApplicationStatements,
  designationApplications,
  designationRoundCriteria,
  designationRoundReviews,
  designationRounds,
  designationTrainingAttendance,
  designationTrainings,
} from './rounds-schema.ts';

// Drizzle leaves columns unqualified in a query on one table, so these subqueries name their tables in full.
const roundSpecialismNames = sql<string[]>`array(${sql.raw(
  'select s.name from designation_round_specialisms rs join specialisms s on s.id = rs.specialism_id where rs.round_id = designation_rounds.id order by lower(s.name)',
)})`;
const roundSpecialismIds = sql<string[]>`array(${sql.raw(
  'select rs.specialism_id::text from designation_round_specialisms rs where rs.round_id = designation_rounds.id',
)})`;
const applicationCount = sql<number>`(${sql.raw('select count(*)::int from designation_applications a where a.round_id = designation_rounds.id')})`;

function selectRounds(db: Db) {
  return db
    .select({
      id: designationRounds.id,
      networkId: designationRounds.networkId,
      title: designationRounds.title,
      kind: designationRounds.kind,
      phases: designationRounds.phases,
      opensOn: designationRounds.opensOn,
      closesOn: designationRounds.closesOn,
      termStartsOn: designationRounds.termStartsOn,
      termEndsOn: designationRounds.termEndsOn,
      specialisms: roundSpecialismNames,
      specialismIds: roundSpecialismIds,
      applications: applicationCount,
    })
    .from(designationRounds);
}
export type RoundRow = Awaited<ReturnType<typeof selectRounds>>[number];

export async function listRounds(db: Db, networkId: string, page: { page: number; perPage: number }) {
  const where = eq(designationRounds.networkId, networkId);
  const rows = await selectRounds(db)
    .where(where)
    .orderBy(desc(designationRounds.opensOn), asc(designationRounds.id))
    .limit(page.perPage)
    .offset((page.page - 1) * page.perPage);
  const [total] = await db.select({ n: count() }).from(designationRounds).where(where);
  return { rows, total: total?.n ?? 0 };
}

export async function findRound(db: Db, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await selectRounds(db).where(eq(designationRounds.id, id));
  if (!row) return null;
  const criteria = await db
    .select()
    .from(designationRoundCriteria)
    .where(eq(designationRoundCriteria.roundId, id))
    .orderBy(asc(designationRoundCriteria.position));
  return { ...row, criteria };
}
export type RoundDetail = NonNullable<Awaited<ReturnType<typeof findRound>>>;

const applicationSpecialismNames = sql<
  string[]
>`array(select ${specialisms.name} from ${designationApplicationSpecialisms} join ${specialisms} on ${specialisms.id} = ${designationApplicationSpecialisms.specialismId} where ${designationApplicationSpecialisms.applicationId} = ${designationApplications.id} order by lower(${specialisms.name}))`;
const applicationSpecialismIds = sql<
  string[]
>`array(select ${designationApplicationSpecialisms.specialismId}::text from ${designationApplicationSpecialisms} where ${designationApplicationSpecialisms.applicationId} = ${designationApplications.id})`;

function selectApplications(db: Db) {
  return db
    .select({
      id: designationApplications.id,
      networkId: designationApplications.networkId,
      roundId: designationApplications.roundId,
      personId: designationApplications.personId,
      fullName: people.fullName,
      email: people.email,
      schoolUrn: designationApplications.schoolUrn,
      schoolName: schools.name,
      phase: designationApplications.phase,
      leadershipYears: sql<number>`${designationApplications.leadershipYears}::float8`,
      status: designationApplications.status,
      submittedAt: designationApplications.submittedAt,
      endorsedAt: designationApplications.endorsedAt,
      releaseDays: sql<number | null>`${designationApplications.releaseDays}::float8`,
      endorsementNote: designationApplications.endorsementNote,
      decidedAt: designationApplications.decidedAt,
      feedback: designationApplications.feedback,
      designationId: designationApplications.designationId,
      specialisms: applicationSpecialismNames,
      specialismIds: applicationSpecialismIds,
    })
    .from(designationApplications)
    .innerJoin(people, eq(people.id, designationApplications.personId))
    .innerJoin(schools, eq(schools.urn, designationApplications.schoolUrn));
}
export type ApplicationRow = Awaited<ReturnType<typeof selectApplications>>[number];

/** A round's applications; `only` narrows them to one applicant or one school (what a non-panel reader may see). */
export function listApplications(db: Db, roundId: string, only: { personId?: string; schoolUrn?: number } | null = null) {
  return selectApplications(db)
    .where(
      and(
        eq(designationApplications.roundId, roundId),
        only?.personId ? eq(designationApplications.personId, only.personId) : undefined,
        only?.schoolUrn ? eq(designationApplications.schoolUrn, only.schoolUrn) : undefined,
      ),
    )
    .orderBy(asc(designationApplications.submittedAt), asc(designationApplications.id));
}

export async function findApplication(db: Db, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await selectApplications(db).where(eq(designationApplications.id, id));
  if (!row) return null;
  const [statements, scores] = await Promise.all([
    db.select().from(designationApplicationStatements).where(eq(designationApplicationStatements.applicationId, id)),
    db
      .select({
        criterionId: designationApplicationScores.criterionId,
        scorerId: designationApplicationScores.scorerId,
        scorerName: people.fullName,
        score: designationApplicationScores.score,
        comment: designationApplicationScores.comment,
      })
      .from(designationApplicationScores)
      .innerJoin(people, eq(people.id, designationApplicationScores.scorerId))
      .where(eq(designationApplicationScores.applicationId, id)),
  ]);
  return { ...row, statements, scores };
}
export type ApplicationDetail = NonNullable<Awaited<ReturnType<typeof findApplication>>>;

/** The school leaders of a school in a network: who endorses and releases an applicant from it. */
export function schoolLeaders(db: Db, networkId: string, schoolUrn: number) {
  return db
    .selectDistinct({ id: people.id, fullName: people.fullName, email: people.email })
    .from(people)
    .innerJoin(memberships, eq(memberships.personId, people.id))
    .where(and(eq(memberships.networkId, networkId), eq(memberships.role, 'school_leader'), eq(people.schoolUrn, schoolUrn)));
}

/** Who sits on the panel: the network's admins and assessors. */
export function panelMembers(db: Db, networkId: string) {
  return db
    .selectDistinct({ id: people.id, fullName: people.fullName, email: people.email })
    .from(people)
    .innerJoin(memberships, eq(memberships.personId, people.id))
    .where(and(eq(memberships.networkId, networkId), inArray(memberships.role, ['network_admin', 'assessor'])));
}

export async function roundTrainings(db: Db, roundId: string) {
  const trainings = await db
    .select()
    .from(designationTrainings)
    .where(eq(designationTrainings.roundId, roundId))
    .orderBy(asc(designationTrainings.heldOn), asc(designationTrainings.id));
  const attendance = trainings.length
    ? await db
        .select()
        .from(designationTrainingAttendance)
        .where(
          inArray(
            designationTrainingAttendance.trainingId,
            trainings.map((t) => t.id),
          ),
        )
    : [];
  return trainings.map((t) => ({ ...t, attendees: attendance.filter((a) => a.trainingId === t.id).map((a) => a.applicationId) }));
}

export function roundReviews(db: Db, roundId: string) {
  return db
    .select({
      id: designationRoundReviews.id,
      heldOn: designationRoundReviews.heldOn,
      attendees: designationRoundReviews.attendees,
      notes: designationRoundReviews.notes,
      actions: designationRoundReviews.actions,
      recordedBy: people.fullName,
    })
    .from(designationRoundReviews)
    .leftJoin(people, eq(people.id, designationRoundReviews.recordedBy))
    .where(eq(designationRoundReviews.roundId, roundId))
    .orderBy(desc(designationRoundReviews.heldOn));
}
