import { eq } from 'drizzle-orm';
import { findOrCreatePerson, recordPersonCreated } from '../../../modules/networks/commands/create-person.ts';
import { grantRole } from '../../../modules/networks/commands/grant-role.ts';
import { schoolExists } from '../../../modules/networks/people-queries.ts';
import { findNetwork } from '../../../modules/networks/queries.ts';
import { people } from '../../../modules/networks/schema.ts';
import { recordAudit } from '../../audit/audit.ts';
import type { CommandContext } from '../../commands.ts';
import { invalidField as invalid } from '../../http/errors.ts';
import { newPasswordIssues } from '../account-rules.ts';
import type { Role } from '../actor.ts';
import { hashPassword } from '../passwords.ts';
import { endAllSessions } from '../sessions.ts';

export interface CreateUserInput {
  email: string;
  fullName: string;
  schoolUrn?: number | undefined;
  /** With `role`: the membership to grant. */
  networkId?: string | undefined;
  role?: Role | undefined;
  password?: string | undefined;
}

/**
 * The operator's way in (`alliance user create`): create a person, or find the one with that email,
 * and grant the role. Re-running it is harmless.
 */
export async function createUser(ctx: CommandContext, input: CreateUserInput) {
  if ((input.networkId == null) !== (input.role == null)) throw invalid('role', 'Give both a network and a role, or neither');
  if (input.schoolUrn != null && !(await schoolExists(ctx.db, input.schoolUrn)))
    throw invalid('school', `There is no school with URN ${input.schoolUrn}: import schools first`);
  if (input.networkId != null && !(await findNetwork(ctx.db, input.networkId)))
    throw invalid('network', `There is no network with id ${input.networkId}`);
  if (input.password != null) {
    const issue = newPasswordIssues(input.password, input.password, input.email)[0];
    if (issue) throw invalid('password', issue.message);
  }

  // The person and the role as the people pages add them, except that holding the role already is fine.
  const { person, created } = await findOrCreatePerson(ctx.db, {
    email: input.email,
    fullName: input.fullName,
    schoolUrn: input.schoolUrn ?? null,
  });
  if (created) await recordPersonCreated(ctx, person, input.networkId ?? null);
  const personId = person.id;
  const firstPassword = person.passwordHash == null;
  const roleAdded =
    input.networkId != null && input.role != null
      ? (await grantRole(ctx, { networkId: input.networkId, personId, role: input.role })) !== null
      : false;

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
