import { and, asc, count, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../kernel/db/client.ts';
import { isUuid } from '../networks/queries.ts';
import { memberships, people, schools, specialisms } from '../networks/schema.ts';
import {
  deploymentCriteria,
  deploymentDayLogs,
  deploymentEvaluations,
  deploymentMilestones,
  deploymentNotes,
  deploymentStatusEvents,
  deployments,
  supportRequests,
} from './brokerage-schema.ts';
import type { DeploymentStatus } from './deployments-domain.ts';

const supported = alias(schools, 'supported_school');
const paying = alias(schools, 'paying_school');
const leaderSchool = alias(schools, 'leader_school');

function selectDeployments(db: Db) {
  return db
    .select({
      id: deployments.id,
      networkId: deployments.networkId,
      requestId: deployments.requestId,
      designationId: deployments.designationId,
      leaderId: deployments.leaderId,
      leaderName: people.fullName,
      leaderEmail: people.email,
      leaderSchoolUrn: people.schoolUrn,
      leaderSchoolName: leaderSchool.name,
      schoolUrn: deployments.schoolUrn,
      schoolName: supported.name,
      payingSchoolUrn: deployments.payingSchoolUrn,
      payingSchoolName: paying.name,
      kind: deployments.kind,
      tier: deployments.tier,
      status: deployments.status,
      objectives: deployments.objectives,
      days: sql<number>`${deployments.days}::float8`,
      startsOn: deployments.startsOn,
      endsOn: deployments.endsOn,
      schoolYear: deployments.schoolYear,
      leaderConsentAt: deployments.leaderConsentAt,
      releasedAt: deployments.releasedAt,
      agreedAt: deployments.agreedAt,
      dayRatePence: deployments.dayRatePence,
      feeKind: deployments.feeKind,
      feeValue: deployments.feeValue,
      vatBasisPoints: deployments.vatBasisPoints,
      closedReason: deployments.closedReason,
      specialismName: specialisms.name,
      raisedBy: supportRequests.raisedBy,
      requestFindings: supportRequests.findings,
      requestPhase: supportRequests.phase,
      loggedHalfDays: sql<number>`(select coalesce(sum(l.half_days), 0)::int from ${deploymentDayLogs} l where l.deployment_id = ${deployments.id})`,
    })
    .from(deployments)
    .innerJoin(people, eq(people.id, deployments.leaderId))
    .innerJoin(supported, eq(supported.urn, deployments.schoolUrn))
    .innerJoin(paying, eq(paying.urn, deployments.payingSchoolUrn))
    .leftJoin(leaderSchool, eq(leaderSchool.urn, people.schoolUrn))
    .innerJoin(supportRequests, eq(supportRequests.id, deployments.requestId))
    .leftJoin(specialisms, eq(specialisms.id, supportRequests.specialismId));
}

export type DeploymentRow = Awaited<ReturnType<typeof selectDeployments>>[number];

export async function findDeployment(db: Db, id: string): Promise<DeploymentRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await selectDeployments(db).where(eq(deployments.id, id));
  return row ?? null;
}

export interface DeploymentFilter {
  status?: DeploymentStatus | undefined;
  /** A party's own: the leader deployed, or a school supported or releasing. Undefined: all (admins). */
  partyOf?: { personId: string; schoolUrn: number | null } | undefined;
  leaderId?: string | undefined;
  requestId?: string | undefined;
}

export async function listDeployments(db: Db, networkId: string, f: DeploymentFilter, page: { page: number; perPage: number }) {
  const party = f.partyOf;
  const where: SQL | undefined = and(
    eq(deployments.networkId, networkId),
    f.status ? eq(deployments.status, f.status) : undefined,
    f.leaderId ? eq(deployments.leaderId, f.leaderId) : undefined,
    f.requestId ? eq(deployments.requestId, f.requestId) : undefined,
    party
      ? or(
          eq(deployments.leaderId, party.personId),
          party.schoolUrn !== null ? eq(deployments.schoolUrn, party.schoolUrn) : undefined,
          party.schoolUrn !== null ? eq(people.schoolUrn, party.schoolUrn) : undefined,
        )
      : undefined,
  );
  const rows = await selectDeployments(db)
    .where(where)
    .orderBy(desc(deployments.startsOn), asc(deployments.id))
    .limit(page.perPage)
    .offset((page.page - 1) * page.perPage);
  const [total] = await db.select({ n: count() }).from(deployments).innerJoin(people, eq(people.id, deployments.leaderId)).where(where);
  return { rows, total: total?.n ?? 0 };
}

/** Everything on a deployment's page besides the deployment itself. */
export async function deploymentDetail(db: Db, id: string) {
  const [criteria, logs, notes, milestones, [evaluation], events] = await Promise.all([
    db.select().from(deploymentCriteria).where(eq(deploymentCriteria.deploymentId, id)).orderBy(asc(deploymentCriteria.position)),
    db
      .select()
      .from(deploymentDayLogs)
      .where(eq(deploymentDayLogs.deploymentId, id))
      .orderBy(asc(deploymentDayLogs.workedOn), asc(deploymentDayLogs.createdAt)),
    db
      .select({ id: deploymentNotes.id, body: deploymentNotes.body, createdAt: deploymentNotes.createdAt, author: people.fullName })
      .from(deploymentNotes)
      .leftJoin(people, eq(people.id, deploymentNotes.authorId))
      .where(eq(deploymentNotes.deploymentId, id))
      .orderBy(asc(deploymentNotes.createdAt)),
    db.select().from(deploymentMilestones).where(eq(deploymentMilestones.deploymentId, id)).orderBy(asc(deploymentMilestones.dueOn)),
    db.select().from(deploymentEvaluations).where(eq(deploymentEvaluations.deploymentId, id)),
    db
      .select({
        event: deploymentStatusEvents.event,
        toStatus: deploymentStatusEvents.toStatus,
        note: deploymentStatusEvents.note,
        at: deploymentStatusEvents.at,
        actor: people.fullName,
      })
      .from(deploymentStatusEvents)
      .leftJoin(people, eq(people.id, deploymentStatusEvents.actorId))
      .where(eq(deploymentStatusEvents.deploymentId, id))
      .orderBy(desc(deploymentStatusEvents.at)),
  ]);
  return { criteria, logs, notes, milestones, evaluation: evaluation ?? null, events };
}

/** School leaders in the network at a school: the supported school's, or the leader's own (who release them). */
export function schoolLeadersOf(db: Db, networkId: string, schoolUrn: number | null) {
  if (schoolUrn === null) return Promise.resolve([]);
  return db
    .selectDistinct({ id: people.id, email: people.email, fullName: people.fullName })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.networkId, networkId), eq(memberships.role, 'school_leader'), eq(people.schoolUrn, schoolUrn)));
}

/** Everyone to tell about a change: the leader, both schools' leaders, whoever raised the request. */
export async function deploymentParties(db: Db, d: DeploymentRow) {
  const [hosts, releasers, raisers] = await Promise.all([
    schoolLeadersOf(db, d.networkId, d.schoolUrn),
    schoolLeadersOf(db, d.networkId, d.leaderSchoolUrn),
    d.raisedBy
      ? db
          .select({ id: people.id, email: people.email, fullName: people.fullName })
          .from(people)
          .where(inArray(people.id, [d.raisedBy]))
      : Promise.resolve([]),
  ]);
  const all = [{ id: d.leaderId, email: d.leaderEmail, fullName: d.leaderName }, ...hosts, ...releasers, ...raisers];
  const seen = new Set<string>();
  return all.filter((p) => !seen.has(p.id) && seen.add(p.id));
}

/** A leader's deployments for their profile: the evaluated ones with their impact, newest first. */
export async function pastDeployments(db: Db, networkId: string, leaderId: string) {
  return db
    .select({
      id: deployments.id,
      status: deployments.status,
      schoolName: supported.name,
      specialismName: specialisms.name,
      days: sql<number>`${deployments.days}::float8`,
      startsOn: deployments.startsOn,
      endsOn: deployments.endsOn,
      rating: deploymentEvaluations.schoolRating,
      comment: deploymentEvaluations.schoolComment,
      reflection: deploymentEvaluations.leaderReflection,
    })
    .from(deployments)
    .innerJoin(supported, eq(supported.urn, deployments.schoolUrn))
    .innerJoin(supportRequests, eq(supportRequests.id, deployments.requestId))
    .leftJoin(specialisms, eq(specialisms.id, supportRequests.specialismId))
    .leftJoin(deploymentEvaluations, eq(deploymentEvaluations.deploymentId, deployments.id))
    .where(
      and(
        eq(deployments.networkId, networkId),
        eq(deployments.leaderId, leaderId),
        inArray(deployments.status, ['completed', 'evaluated']),
      ),
    )
    .orderBy(desc(deployments.endsOn));
}

/** A person's deployment dates in every network, for their calendar feed. */
export function deploymentDatesOf(db: Db, personId: string) {
  return db
    .select({
      id: deployments.id,
      networkId: deployments.networkId,
      status: deployments.status,
      startsOn: deployments.startsOn,
      endsOn: deployments.endsOn,
      schoolName: supported.name,
      leaderName: people.fullName,
      objectives: deployments.objectives,
    })
    .from(deployments)
    .innerJoin(supported, eq(supported.urn, deployments.schoolUrn))
    .innerJoin(people, eq(people.id, deployments.leaderId))
    .where(and(eq(deployments.leaderId, personId), inArray(deployments.status, ['proposed', 'agreed', 'active', 'completed', 'evaluated'])))
    .orderBy(asc(deployments.startsOn));
}

/** The request raised from a diagnostic's findings, if any. */
export async function followUpOf(db: Db, requestId: string) {
  const [row] = await db.select({ id: supportRequests.id }).from(supportRequests).where(eq(supportRequests.followUpOf, requestId)).limit(1);
  return row?.id ?? null;
}
