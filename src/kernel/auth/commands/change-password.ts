import { eq } from 'drizzle-orm';
import { people } from '../../../modules/networks/schema.ts';
import { recordAudit } from '../../audit/audit.ts';
import type { CommandContext } from '../../commands.ts';
import type { FieldIssue } from '../../http/errors.ts';
import { actingPerson, newPasswordIssues } from '../account-rules.ts';

import { hashPassword, verifyPassword } from '../passwords.ts';
import { endAllSessions } from '../sessions.ts';

export interface ChangePasswordInput {
  /** Required when the person already has a password. */
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export type ChangePasswordResult = { ok: true; firstPassword: boolean } | { ok: false; issues: FieldIssue[] };

/**
 * Set or change the actor's own password. Every session of the person ends (a stolen session
 * must not outlive a password change); the caller starts a new one for the current browser.
 */
export async function changePassword(ctx: CommandContext, input: ChangePasswordInput): Promise<ChangePasswordResult> {
  const me = actingPerson(ctx.actor);
  const [person] = await ctx.db.select().from(people).where(eq(people.id, me.personId)).for('update');
  if (!person) throw new Error('The signed-in person no longer exists');
  const firstPassword = person.passwordHash == null;
  if (!firstPassword) {
    if (!input.currentPassword) return { ok: false, issues: [{ path: 'currentPassword', message: 'Enter your current password' }] };
    if (!(await verifyPassword(person.passwordHash, input.currentPassword))) {
      await recordAudit(ctx.db, ctx.actor, { action: 'account.password_change_refused', subjectType: 'person', subjectId: person.id });
      return { ok: false, issues: [{ path: 'currentPassword', message: 'Your current password is not right' }] };
    }
  }
  const issues = newPasswordIssues(input.newPassword, input.confirmPassword, person.email);
  if (issues.length > 0) return { ok: false, issues };
  await ctx.db
    .update(people)
    .set({ passwordHash: await hashPassword(input.newPassword) })
    .where(eq(people.id, person.id));
  await endAllSessions(ctx.db, person.id);
  await recordAudit(ctx.db, ctx.actor, {
    action: 'account.password_changed',
    subjectType: 'person',
    subjectId: person.id,
    detail: { firstPassword },
  });
  return { ok: true, firstPassword };
}
