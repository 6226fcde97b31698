import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { onUniqueViolation } from '../../../kernel/db/errors.ts';
import { conflict, invalidField } from '../../../kernel/http/errors.ts';
import { reviewGroupMembers, reviewGroups, reviewVisits } from '../development-schema.ts';
import { MAX_GROUP, MIN_GROUP, type ReviewFramework, rotation } from '../peer-review-domain.ts';
import { headsToGroup } from '../peer-review-queries.ts';

/** The admin forms a triad or quad of heads from different schools; the first cycle's rotation is laid out. */
export async function createReviewGroup(
  ctx: CommandContext,
  input: { networkId: string; name: string; framework: ReviewFramework; memberIds: string[] },
) {
  const ids = [...new Set(input.memberIds)];
  if (ids.length < MIN_GROUP || ids.length > MAX_GROUP) throw invalidField('memberIds', `Choose ${MIN_GROUP} or ${MAX_GROUP} heads`);
  const heads = new Map((await headsToGroup(ctx.db, input.networkId)).map((h) => [h.id, h]));
  const chosen = ids.map((id) => heads.get(id));
  if (chosen.some((h) => !h)) throw invalidField('memberIds', 'Choose school leaders of this network who have a school');
  if (new Set(chosen.map((h) => h!.schoolUrn)).size !== chosen.length) throw conflict('memberIds', 'Choose heads of different schools');
  const [group] = await ctx.db
    .insert(reviewGroups)
    .values({ networkId: input.networkId, name: input.name, framework: input.framework })
    .returning()
    .catch(onUniqueViolation('review_groups_name_uq', () => conflict('name', 'There is already a review group with this name')));
  await ctx.db
    .insert(reviewGroupMembers)
    .values(chosen.map((h, position) => ({ groupId: group!.id, personId: h!.id, schoolUrn: h!.schoolUrn!, position })));
  await ctx.db.insert(reviewVisits).values(
    rotation(chosen.length).map((v) => ({
      networkId: input.networkId,
      groupId: group!.id,
      cycle: 1,
      reviewedId: chosen[v.reviewed]!.id,
      schoolUrn: chosen[v.reviewed]!.schoolUrn!,
      leadReviewerId: chosen[v.lead]!.id,
    })),
  );
  await recordAudit(ctx.db, ctx.actor, {
    action: 'peer_review.group_created',
    subjectType: 'review_group',
    subjectId: group!.id,
    networkId: input.networkId,
    detail: { name: input.name, framework: input.framework, memberIds: ids },
  });
  return group!;
}
