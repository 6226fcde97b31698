import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { onUniqueViolation } from '../../../kernel/db/errors.ts';
import { conflict } from '../../../kernel/http/errors.ts';
import { cpdProgrammes } from '../schema.ts';

export interface ProgrammeInput {
  networkId: string;
  title: string;
  description: string | null;
  themes: string[];
  memberPricePence: number;
  otherPricePence: number;
}

export async function createProgramme(ctx: CommandContext, input: ProgrammeInput) {
  const [row] = await ctx.db
    .insert(cpdProgrammes)
    .values(input)
    .returning()
    .catch(onUniqueViolation('cpd_programmes_title_uq', () => conflict('title', 'The network already has a programme with this title')));
  await recordAudit(ctx.db, ctx.actor, {
    action: 'cpd.programme_created',
    subjectType: 'cpd_programme',
    subjectId: row!.id,
    networkId: input.networkId,
    detail: { title: input.title, themes: input.themes, memberPricePence: input.memberPricePence, otherPricePence: input.otherPricePence },
  });
  return row!;
}
