import { and, asc, count, desc, eq, inArray, isNull, notExists, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../kernel/db/client.ts';
import type { Phase } from '../networks/domain.ts';
import { isUuid } from '../networks/queries.ts';
import { people, schools, specialisms } from '../networks/schema.ts';
import { isCurrent } from '../support/domain.ts';
import { releaseDaysLeft } from '../support/matching-domain.ts';
import { schoolYearOf } from '../support/requests-domain.ts';
import { matchCandidates } from '../support/requests-queries.ts';
import { designations } from '../support/schema.ts';
import { trioCycles, trioMembers, trioSignups, trios } from './development-schema.ts';
import type { Signup, SleCandidate } from './trios-domain.ts';

export type TrioRow = typeof trios.$inferSelect;
export type SignupRow = typeof trioSignups.$inferSelect;

const notPlaced = notExists(sql`(select 1 from ${trioMembers} where ${trioMembers.signupId} = ${trioSignups.id})`);

/** Open sign-ups not yet in a trio, with where their school is: the proposal's input. */
export async function unplacedSignups(db: Db, networkId: string): Promise<Signup[]> {
  return db
    .select({
      id: trioSignups.id,
      personId: trioSignups.personId,
      schoolUrn: trioSignups.schoolUrn,
      phase: sql<Phase>`${trioSignups.phase}`,
      focusId: trioSignups.focusId,
      easting: schools.easting,
      northing: schools.northing,
    })
    .from(trioSignups)
    .innerJoin(schools, eq(schools.urn, trioSignups.schoolUrn))
    .where(and(eq(trioSignups.networkId, networkId), isNull(trioSignups.withdrawnAt), notPlaced))
    .orderBy(asc(trioSignups.createdAt), asc(trioSignups.id));
}

/**
 * Current SLE designations in the network, with their specialisms and the days they have left this school
 * year: the support module's days left, which count its deployments and every trio's days alike.
 */
export async function sleCandidates(db: Db, networkId: string, today: string): Promise<(SleCandidate & { fullName: string })[]> {
  const current = (await matchCandidates(db, networkId, schoolYearOf(today))).filter((d) => d.kind === 'sle' && isCurrent(d, today));
  return current.map((d) => ({
    designationId: d.designationId,
    personId: d.personId,
    fullName: d.fullName,
    phase: d.phase,
    specialismIds: [...d.specialismIds],
    daysLeft: releaseDaysLeft(d),
    easting: d.location?.easting ?? null,
    northing: d.location?.northing ?? null,
  }));
}

export async function listSignups(db: Db, networkId: string, page: { page: number; perPage: number }) {
  const where = and(eq(trioSignups.networkId, networkId), isNull(trioSignups.withdrawnAt));
  const rows = await db
    .select({
      id: trioSignups.id,
      personId: trioSignups.personId,
      fullName: people.fullName,
      schoolName: schools.name,
      phase: trioSignups.phase,
      focus: specialisms.name,
      trioId: sql<
        string | null
      >`(select ${trioMembers.trioId}::text from ${trioMembers} where ${trioMembers.signupId} = ${trioSignups.id})`,
    })
    .from(trioSignups)
    .innerJoin(people, eq(people.id, trioSignups.personId))
    .innerJoin(schools, eq(schools.urn, trioSignups.schoolUrn))
    .innerJoin(specialisms, eq(specialisms.id, trioSignups.focusId))
    .where(where)
    .orderBy(asc(trioSignups.createdAt), asc(trioSignups.id))
    .limit(page.perPage)
    .offset((page.page - 1) * page.perPage);
  const [total] = await db.select({ n: count() }).from(trioSignups).where(where);
  return { rows, total: total?.n ?? 0 };
}

export async function findSignup(db: Db, id: string): Promise<SignupRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(trioSignups).where(eq(trioSignups.id, id));
  return row ?? null;
}

export async function openSignupOf(db: Db, networkId: string, personId: string) {
  const [row] = await db
    .select({ signup: trioSignups, trioId: trioMembers.trioId })
    .from(trioSignups)
    .leftJoin(trioMembers, eq(trioMembers.signupId, trioSignups.id))
    .where(and(eq(trioSignups.networkId, networkId), eq(trioSignups.personId, personId), isNull(trioSignups.withdrawnAt)));
  return row ?? null;
}

const sle = alias(people, 'sle');

function selectTrios(db: Db) {
  return db
    .select({
      id: trios.id,
      networkId: trios.networkId,
      name: trios.name,
      phase: trios.phase,
      focusId: trios.focusId,
      focus: specialisms.name,
      status: trios.status,
      sleDesignationId: trios.sleDesignationId,
      slePersonId: designations.personId,
      sleName: sle.fullName,
      sleDays: sql<number>`${trios.sleDays}::float8`,
      schoolYear: trios.schoolYear,
      evaluation: trios.evaluation,
      evaluatedAt: trios.evaluatedAt,
      createdAt: trios.createdAt,
      cycles: sql<number>`(select count(*)::int from ${trioCycles} where ${trioCycles.trioId} = ${trios.id})`,
    })
    .from(trios)
    .innerJoin(specialisms, eq(specialisms.id, trios.focusId))
    .leftJoin(designations, eq(designations.id, trios.sleDesignationId))
    .leftJoin(sle, eq(sle.id, designations.personId));
}

export type TrioView = Awaited<ReturnType<typeof selectTrios>>[number];

export async function listTrios(db: Db, networkId: string, page: { page: number; perPage: number }) {
  const rows = await selectTrios(db)
    .where(eq(trios.networkId, networkId))
    .orderBy(desc(trios.createdAt), asc(trios.name), asc(trios.id))
    .limit(page.perPage)
    .offset((page.page - 1) * page.perPage);
  const [total] = await db.select({ n: count() }).from(trios).where(eq(trios.networkId, networkId));
  return { rows, total: total?.n ?? 0 };
}

export async function findTrio(db: Db, id: string): Promise<TrioView | null> {
  if (!isUuid(id)) return null;
  const [row] = await selectTrios(db).where(eq(trios.id, id));
  return row ?? null;
}

export async function membersOf(db: Db, trioIds: string[]) {
  if (trioIds.length === 0) return [];
  return db
    .select({
      trioId: trioMembers.trioId,
      personId: trioMembers.personId,
      signupId: trioMembers.signupId,
      position: trioMembers.position,
      fullName: people.fullName,
      schoolUrn: trioMembers.schoolUrn,
      schoolName: schools.name,
    })
    .from(trioMembers)
    .innerJoin(people, eq(people.id, trioMembers.personId))
    .innerJoin(schools, eq(schools.urn, trioMembers.schoolUrn))
    .where(inArray(trioMembers.trioId, trioIds))
    .orderBy(asc(trioMembers.position));
}

export async function cyclesOf(db: Db, trioId: string) {
  return db
    .select({ id: trioCycles.id, kind: trioCycles.kind, heldOn: trioCycles.heldOn, notes: trioCycles.notes, recordedBy: people.fullName })
    .from(trioCycles)
    .leftJoin(people, eq(people.id, trioCycles.recordedBy))
    .where(eq(trioCycles.trioId, trioId))
    .orderBy(asc(trioCycles.heldOn), asc(trioCycles.createdAt));
}

/** Everyone who takes part in a trio: its three members and its SLE. */
export const trioParticipants = (trio: TrioView, members: { personId: string }[]) =>
  [...members.map((m) => m.personId), trio.slePersonId].filter((id): id is string => id != null);
