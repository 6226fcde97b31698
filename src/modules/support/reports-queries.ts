import { and, eq, gte, inArray, isNotNull, lt, min, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import { type Phase, phaseLabels } from '../networks/domain.ts';
import { people, schools, specialisms } from '../networks/schema.ts';
import { deploymentDayLogs, deploymentEvaluations, deployments, supportRequests } from './brokerage-schema.ts';
import { listTargets } from './money-queries.ts';
import type { DayRow } from './reports-domain.ts';
import { designations } from './schema.ts';

const counted = ['agreed', 'active', 'completed', 'evaluated'] as const;

/** Every day logged in the network in the school year, with what the report groups by. */
export async function dayRows(db: Db, networkId: string, startYear: number): Promise<DayRow[]> {
  const rows = await db
    .select({
      leader: people.fullName,
      school: schools.name,
      specialism: specialisms.name,
      kind: supportRequests.kind,
      phase: supportRequests.phase,
      workedOn: deploymentDayLogs.workedOn,
      halfDays: deploymentDayLogs.halfDays,
    })
    .from(deploymentDayLogs)
    .innerJoin(deployments, eq(deployments.id, deploymentDayLogs.deploymentId))
    .innerJoin(people, eq(people.id, deployments.leaderId))
    .innerJoin(schools, eq(schools.urn, deployments.schoolUrn))
    .innerJoin(supportRequests, eq(supportRequests.id, deployments.requestId))
    .leftJoin(specialisms, eq(specialisms.id, supportRequests.specialismId))
    .where(
      and(
        eq(deployments.networkId, networkId),
        inArray(deployments.status, [...counted]),
        gte(deploymentDayLogs.workedOn, `${startYear}-09-01`),
        lt(deploymentDayLogs.workedOn, `${startYear + 1}-09-01`),
      ),
    );
  return rows.map((r) => ({
    leader: r.leader,
    school: r.school,
    specialism: r.specialism ?? (r.kind === 'diagnostic' ? 'Diagnostic review' : 'Not given'),
    phase: phaseLabels[r.phase as Phase] ?? r.phase,
    workedOn: r.workedOn,
    halfDays: r.halfDays,
  }));
}

/** Each designation's start and the start of its first deployment that went ahead. */
export async function designationStarts(db: Db, networkId: string) {
  const first = db
    .select({ designationId: deployments.designationId, firstDeployedOn: min(deployments.startsOn).as('first_deployed_on') })
    .from(deployments)
    .where(and(eq(deployments.networkId, networkId), inArray(deployments.status, [...counted])))
    .groupBy(deployments.designationId)
    .as('first');
  return db
    .select({ startsOn: designations.startsOn, firstDeployedOn: sql<string | null>`${first.firstDeployedOn}` })
    .from(designations)
    .leftJoin(first, eq(first.designationId, designations.id))
    .where(and(eq(designations.networkId, networkId), inArray(designations.kind, ['sle', 'lle', 'nle'])));
}

export async function schoolRatings(db: Db, networkId: string, startYear: number) {
  const rows = await db
    .select({ rating: deploymentEvaluations.schoolRating })
    .from(deploymentEvaluations)
    .innerJoin(deployments, eq(deployments.id, deploymentEvaluations.deploymentId))
    .where(and(eq(deployments.networkId, networkId), eq(deployments.schoolYear, startYear), isNotNull(deploymentEvaluations.schoolRating)));
  return rows.map((r) => r.rating as string);
}

export async function targetFor(db: Db, networkId: string, startYear: number) {
  return (await listTargets(db, networkId)).find((t) => t.startYear === startYear) ?? null;
}
