import { eq } from 'drizzle-orm';
import { memberships, networks, people, schools } from '../../../modules/networks/schema.ts';
import { recordAudit } from '../../audit/audit.ts';
import type { CommandContext } from '../../commands.ts';
import { HttpError } from '../../http/errors.ts';
import { newPasswordIssues } from '../account-rules.ts';
import type { Role } from '../actor.ts';
import { hashPassword } from '../passwords.ts';
import { endAllSessions } from '../sessions.ts';
import { findPersonByEmail } from '../sign-in.ts';

export interface CreateUserInput {
  email: string;
  fullName: string;
  schoolUrn?: number | undefined;
  /** With `role`: the membership to grant. */
  networkId?: string | undefined;
  role?: Role | undefined;
  password?: string | undefined;
}

const invalid = (path: string, message: string) => new HttpError(400, 'Invalid input', message, [{ path, message }]);

/**
 * The operator's way in (`alliance user create`): create a person, or find the one with that email,
 * and grant the role. Re-running it is harmless.
 */
export async function createUser(ctx: CommandContext, input: CreateUserInput) {
  if ((input.networkId == null) !== (input.role == null)) throw invalid('role', 'Give both a network and a role, or neither');
  if (input.schoolUrn != null) {
    const [school] = await ctx.db.select({ urn: schools.urn }).from(schools).where(eq(schools.urn, input.schoolUrn));
    if (!school) throw invalid('school', `There is no school with URN ${input.schoolUrn}: import schools first`);
  }
  if (input.networkId != null) {
    const [network] = await ctx.db.select({ id: networks.id }).from(networks).where(eq(networks.id, input.networkId));
    if (!network) throw invalid('network', `There is no network with id ${input.networkId}`);
  }
  if (input.password != null) {
    const issue = newPasswordIssues(input.password, input.password, input.email)[0];
    if (issue) throw invalid('password', issue.message);
  }

  const existing = await findPersonByEmail(ctx.db, input.email);
  const created = !existing;
  const person =
    existing ??
    (
      await ctx.db
        .insert(people)
        .values({ email: input.email, fullName: input.fullName, schoolUrn: input.schoolUrn ?? null })
        .returning()
    )[0]!;
  if (created) {
    await recordAudit(ctx.db, ctx.actor, {
      action: 'person.created',
      subjectType: 'person',
      subjectId: person.id,
      networkId: input.networkId ?? null,
      detail: { email: input.email, schoolUrn: input.schoolUrn ?? null },
    });
  }
  const personId = person.id;
  const firstPassword = person.passwordHash == null;

  let roleAdded = false;
  if (input.networkId != null && input.role != null) {
    const rows = await ctx.db
      .insert(memberships)
      .values({ networkId: input.networkId, personId, role: input.role })
      .onConflictDoNothing()
      .returning({ id: memberships.id });
    roleAdded = rows.length > 0;
    if (roleAdded)
      await recordAudit(ctx.db, ctx.actor, {
        action: 'membership.created',
        subjectType: 'person',
        subjectId: personId,
        networkId: input.networkId,
        detail: { role: input.role },
      });
  }

  if (input.password != null) {
    await ctx.db
      .update(people)
      .set({ passwordHash: await hashPassword(input.password) })
      .where(eq(people.id, personId));
    // Setting a password for someone who had one is a reset: their sessions end.
    if (!firstPassword) await endAllSessions(ctx.db, personId);
    await recordAudit(ctx.db, ctx.actor, {
      action: 'account.password_changed',
      subjectType: 'person',
      subjectId: personId,
      detail: { firstPassword },
    });
  }
  return { personId, created, roleAdded };
}
