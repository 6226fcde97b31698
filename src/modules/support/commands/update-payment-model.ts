import { sql } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import { actorPersonId } from '../../../kernel/auth/actor.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { HttpError } from '../../../kernel/http/errors.ts';
import { type PaymentModel, paymentModelIssues } from '../money-domain.ts';
import { paymentModels } from '../money-schema.ts';

/** A network admin sets the network's payment model (rates, fee, VAT, hours in a day). */
export async function updatePaymentModel(ctx: CommandContext, input: { networkId: string; model: PaymentModel }) {
  const issues = paymentModelIssues(input.model);
  if (issues.length) throw new HttpError(400, 'Invalid request', issues.map((i) => i.message).join('; '), issues);
  const values = {
    ...input.model,
    hoursPerDay: String(input.model.hoursPerDay),
    updatedBy: actorPersonId(ctx.actor),
    updatedAt: sql`now()`,
  };
  await ctx.db
    .insert(paymentModels)
    .values({ networkId: input.networkId, ...values })
    .onConflictDoUpdate({ target: paymentModels.networkId, set: values });
  await recordAudit(ctx.db, ctx.actor, {
    action: 'payment_model.updated',
    subjectType: 'payment_model',
    subjectId: input.networkId,
    networkId: input.networkId,
    detail: { ...input.model },
  });
}
