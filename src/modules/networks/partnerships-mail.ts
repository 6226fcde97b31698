import type { CommandContext } from '../../kernel/commands.ts';
import { networkAdmins } from './partnerships-queries.ts';

/** Tell every network admin of `networkId`; the link opens that network's settings, where partnerships are answered. */
export async function mailNetworkAdmins(ctx: CommandContext, networkId: string, subject: string, body: string) {
  const link = `${ctx.config.appUrl}/networks/${networkId}/settings#partnerships`;
  for (const admin of await networkAdmins(ctx.db, networkId)) {
    await ctx.mailer.send({
      to: admin.email,
      subject,
      text: `Hello ${admin.fullName},\n\n${body}\n\nSee it on your network's settings page:\n\n${link}\n`,
    });
  }
}
