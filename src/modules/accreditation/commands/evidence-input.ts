import { eq } from 'drizzle-orm';
import type { CommandContext } from '../../../kernel/commands.ts';
import { notFound } from '../../../kernel/http/errors.ts';
import { assertPortfolioOpen } from '../portfolio-domain.ts';
import { lpPortfolios } from '../schema.ts';

/** Lock the portfolio row and refuse if it is no longer open: a submission cannot slip between check and write. */
export async function lockOpenPortfolio(ctx: CommandContext, portfolioId: string) {
  const [portfolio] = await ctx.db.select().from(lpPortfolios).where(eq(lpPortfolios.id, portfolioId)).for('update');
  if (!portfolio) throw notFound('Portfolio');
  assertPortfolioOpen(portfolio.status);
  await ctx.db.update(lpPortfolios).set({ updatedAt: new Date() }).where(eq(lpPortfolios.id, portfolioId));
  return portfolio;
}
