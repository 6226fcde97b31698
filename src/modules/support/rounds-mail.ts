import type { CommandContext } from '../../kernel/commands.ts';
import { panelMembers, schoolLeaders } from './rounds-queries.ts';

// Mail about designation applications; sent through ctx.mailer, so it goes out only once the command commits.

export const applicationLink = (ctx: CommandContext, a: { networkId: string; roundId: string; id: string }) =>
  `${ctx.config.appUrl}/networks/${a.networkId}/rounds/${a.roundId}/applications/${a.id}`;

export async function mailPerson(
  ctx: CommandContext,
  to: { email: string; fullName: string },
  subject: string,
  body: string,
  link: string,
) {
  await ctx.mailer.send({ to: to.email, subject, text: `Hello ${to.fullName},\n\n${body}\n\n${link}\n` });
}

/** The applicant's school leaders: they endorse and release the applicant. */
export async function mailHeads(ctx: CommandContext, networkId: string, schoolUrn: number, subject: string, body: string, link: string) {
  for (const head of await schoolLeaders(ctx.db, networkId, schoolUrn)) await mailPerson(ctx, head, subject, body, link);
}

/** The panel: the network's admins and assessors. */
export async function mailPanel(ctx: CommandContext, networkId: string, subject: string, body: string, link: string) {
  for (const member of await panelMembers(ctx.db, networkId)) await mailPerson(ctx, member, subject, body, link);
}
