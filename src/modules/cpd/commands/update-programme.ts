import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { onUniqueViolation } from '../../../kernel/db/errors.ts';
import { conflict, notFound } from '../../../kernel/http/errors.ts';
import { cpdProgrammes } from '../schema.ts';
import type { ProgrammeInput } from './create-programme.ts';

/** Change a programme's title, description, themes or prices. Bookings already made keep the price they were given. */
export async function updateProgramme(ctx: CommandContext, input: Omit<ProgrammeInput, 'networkId'> & { programmeId: string }) {
  const { programmeId, ...values } = input;
  const [before] = await ctx.db.select().from(cpdProgrammes).where(eq(cpdProgrammes.id, programmeId)).for('update');
  if (!before) throw notFound('Programme');
  const [row] = await ctx.db
    .update(cpdProgrammes)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(cpdProgrammes.id, programmeId))
    .returning()
    .catch(onUniqueViolation('cpd_programmes_title_uq', () => conflict('title', 'The network already has a programme with this title')));
  await recordAudit(ctx.db, ctx.actor, {
    action: 'cpd.programme_updated',
    subjectType: 'cpd_programme',
    subjectId: programmeId,
    networkId: before.networkId,
    detail: {
      title: { from: before.title, to: values.title },
      memberPricePence: { from: before.memberPricePence, to: values.memberPricePence },
      otherPricePence: { from: before.otherPricePence, to: values.otherPricePence },
      themes: values.themes,
    },
  });
  return row!;
}
