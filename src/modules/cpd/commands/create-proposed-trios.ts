import { eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { todayIso } from '../../../kernel/dates.ts';
import { onUniqueViolation } from '../../../kernel/db/errors.ts';
import { conflict } from '../../../kernel/http/errors.ts';
import { phaseLabels } from '../../networks/domain.ts';
import { specialisms } from '../../networks/schema.ts';
import { schoolYearOf } from '../../support/requests-domain.ts';
import { designations } from '../../support/schema.ts';
import { trioMembers, trios } from '../development-schema.ts';
import { proposeTrios } from '../trios-domain.ts';
import { sleCandidates, unplacedSignups } from '../trios-queries.ts';

/**
 * Create the trios Alliance proposes from the open sign-ups, as the admin saw them. The SLE designations
 * are locked first, so that two admins at once cannot give one SLE more days than they have left.
 */
export async function createProposedTrios(ctx: CommandContext, input: { networkId: string; sleDays: number }) {
  await ctx.db.select({ id: designations.id }).from(designations).where(eq(designations.networkId, input.networkId)).for('update');
  const signups = await unplacedSignups(ctx.db, input.networkId);
  const today = todayIso();
  const sles = await sleCandidates(ctx.db, input.networkId, today);
  const proposal = proposeTrios(signups, sles, input.sleDays);
  if (proposal.trios.length === 0) throw conflict('sleDays', 'No trio can be formed from the open sign-ups');
  const focusIds = [...new Set(proposal.trios.map((t) => t.focusId))];
  const names = new Map(
    (await ctx.db.select({ id: specialisms.id, name: specialisms.name }).from(specialisms).where(inArray(specialisms.id, focusIds))).map(
      (s) => [s.id, s.name],
    ),
  );
  const byId = new Map(signups.map((s) => [s.id, s]));
  const created: string[] = [];
  for (const [i, p] of proposal.trios.entries()) {
    const [trio] = await ctx.db
      .insert(trios)
      .values({
        networkId: input.networkId,
        name: `${names.get(p.focusId)} trio (${phaseLabels[p.phase].toLowerCase()}) ${new Date().getUTCFullYear()}-${i + 1}`,
        phase: p.phase,
        focusId: p.focusId,
        sleDesignationId: p.sleDesignationId,
        sleDays: String(p.sleDesignationId ? input.sleDays : 0),
        schoolYear: schoolYearOf(today),
      })
      .returning();
    await ctx.db
      .insert(trioMembers)
      .values(
        p.signupIds.map((id, position) => ({
          trioId: trio!.id,
          signupId: id,
          personId: byId.get(id)!.personId,
          schoolUrn: byId.get(id)!.schoolUrn,
          position,
        })),
      )
      .catch(onUniqueViolation('trio_members_signup_uq', () => conflict('sleDays', 'Someone else has just formed trios: look again')));
    created.push(trio!.id);
  }
  await recordAudit(ctx.db, ctx.actor, {
    action: 'trio.proposal_accepted',
    subjectType: 'trio',
    networkId: input.networkId,
    detail: { trios: created, unplaced: proposal.unplaced.length, sleDays: input.sleDays },
  });
  return { created, unplaced: proposal.unplaced };
}
