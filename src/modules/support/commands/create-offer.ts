import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { invalidField } from '../../../kernel/http/errors.ts';
import type { Phase } from '../../networks/domain.ts';
import { memberships } from '../../networks/schema.ts';
import { supportOfferProviders, supportOffers } from '../brokerage-schema.ts';
import { countUsableSpecialisms } from '../designations-queries.ts';
import { daysIssue } from '../requests-domain.ts';

export interface CreateOfferInput {
  networkId: string;
  title: string;
  description: string;
  specialismId: string | null;
  phase: Phase | null;
  typicalDays: number;
  pricePence: number | null;
  providerIds: string[];
}

/** A network admin publishes an offer on the network's menu of support. */
export async function createOffer(ctx: CommandContext, input: CreateOfferInput) {
  const issue = daysIssue('typicalDays', input.typicalDays);
  if (issue) throw invalidField(issue.path, issue.message);
  if (input.specialismId && (await countUsableSpecialisms(ctx.db, input.networkId, [input.specialismId])) !== 1)
    throw invalidField('specialismId', 'Choose a specialism from the list');
  const providers = [...new Set(input.providerIds)];
  if (providers.length) {
    const found = await ctx.db
      .selectDistinct({ id: memberships.personId })
      .from(memberships)
      .where(and(eq(memberships.networkId, input.networkId), inArray(memberships.personId, providers)));
    if (found.length !== providers.length) throw invalidField('providerIds', 'Choose providers from the network’s members');
  }
  const [row] = await ctx.db
    .insert(supportOffers)
    .values({
      networkId: input.networkId,
      title: input.title,
      description: input.description,
      specialismId: input.specialismId,
      phase: input.phase,
      typicalDays: String(input.typicalDays),
      pricePence: input.pricePence,
    })
    .returning();
  if (providers.length) await ctx.db.insert(supportOfferProviders).values(providers.map((personId) => ({ offerId: row!.id, personId })));
  await recordAudit(ctx.db, ctx.actor, {
    action: 'support_offer.created',
    subjectType: 'support_offer',
    subjectId: row!.id,
    networkId: input.networkId,
    detail: { title: input.title, typicalDays: input.typicalDays, pricePence: input.pricePence, providerIds: providers },
  });
  return row!;
}
