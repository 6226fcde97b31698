import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { isUniqueViolation } from '../../../kernel/db/errors.ts';
import { conflict, invalidField } from '../../../kernel/http/errors.ts';
import { activePartners } from '../../networks/partnerships-queries.ts';
import { halfTermlyDates } from '../cohorts-domain.ts';
import { lpCohortNetworks, lpCohorts, lpMeetings } from '../schema.ts';
import { ensureFramework } from './save-framework.ts';

export interface CreateCohortInput {
  networkId: string;
  name: string;
  startsOn: string;
  endsOn: string;
  /** Partner networks taking part (cross-network cohorts): each must be an active partner. */
  partnerNetworkIds: string[];
  leadId: string | null;
  maxMenteesPerMentor: number;
  halfTermlyMeetings: boolean;
}

/** A cohort on the network's current framework version, which it keeps; half-termly meetings scheduled if asked. */
export async function createCohort(ctx: CommandContext, input: CreateCohortInput) {
  if (input.endsOn <= input.startsOn) throw invalidField('endsOn', 'The end date must be after the start date');
  const partners = new Set((await activePartners(ctx.db, input.networkId)).map((p) => p.id));
  const stranger = input.partnerNetworkIds.find((id) => !partners.has(id));
  if (stranger) throw invalidField('partnerNetworkIds', 'Choose only networks in an active partnership with this one');
  const framework = await ensureFramework(ctx, input.networkId);
  const [cohort] = await ctx.db
    .insert(lpCohorts)
    .values({
      networkId: input.networkId,
      name: input.name,
      frameworkVersionId: framework.versionId,
      leadId: input.leadId,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      maxMenteesPerMentor: input.maxMenteesPerMentor,
    })
    .returning()
    .catch((err: unknown) => {
      if (isUniqueViolation(err)) throw conflict('name', 'This network already has a cohort with that name');
      throw err;
    });
  const networkIds = [input.networkId, ...new Set(input.partnerNetworkIds)];
  await ctx.db.insert(lpCohortNetworks).values(networkIds.map((networkId) => ({ cohortId: cohort!.id, networkId })));
  if (input.halfTermlyMeetings) {
    const dates = halfTermlyDates(input.startsOn, input.endsOn);
    if (dates.length) {
      await ctx.db
        .insert(lpMeetings)
        .values(dates.map((heldOn, i) => ({ cohortId: cohort!.id, heldOn, title: `Network meeting ${i + 1}` })));
    }
  }
  await recordAudit(ctx.db, ctx.actor, {
    action: 'lp_cohort.created',
    subjectType: 'lp_cohort',
    subjectId: cohort!.id,
    networkId: input.networkId,
    detail: { name: input.name, networkIds, frameworkVersion: framework.version },
  });
  return cohort!;
}
