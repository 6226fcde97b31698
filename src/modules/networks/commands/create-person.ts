import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { Role } from '../../../kernel/auth/actor.ts';
import { findPersonByEmail } from '../../../kernel/auth/sign-in.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { type LeadershipLevel, noSuchSchool } from '../domain.ts';
import { alreadyMember } from '../people-domain.ts';
import { schoolExists } from '../people-queries.ts';
import { people } from '../schema.ts';
import { grantRole } from './grant-role.ts';

export interface CreatePersonInput {
  networkId: string;
  fullName: string;
  email: string;
  schoolUrn: number | null;
  jobTitle: string | null;
  leadershipLevel: LeadershipLevel | null;
  role: Role;
}

/**
 * Add a person to a network with a role. Emails are unique across Alliance (case-insensitively): when the
 * address already belongs to someone, that person gets the membership and their record is left as it is.
 */
export async function createPerson(ctx: CommandContext, input: CreatePersonInput) {
  const { db } = ctx;
  let person = await findPersonByEmail(db, input.email);
  let created = false;
  if (!person) {
    if (input.schoolUrn != null && !(await schoolExists(db, input.schoolUrn))) throw noSuchSchool(input.schoolUrn);
    // Two adds of one new address at once: the second finds the first's row instead of failing.
    const [row] = await db
      .insert(people)
      .values({
        fullName: input.fullName,
        email: input.email,
        schoolUrn: input.schoolUrn,
        jobTitle: input.jobTitle,
        leadershipLevel: input.leadershipLevel,
      })
      .onConflictDoNothing()
      .returning();
    created = Boolean(row);
    person = row ?? (await findPersonByEmail(db, input.email));
    if (!person) throw new Error('person vanished while being added');
    if (created) {
      await recordAudit(db, ctx.actor, {
        action: 'person.created',
        subjectType: 'person',
        subjectId: person.id,
        networkId: input.networkId,
        detail: { fullName: person.fullName, email: person.email, schoolUrn: person.schoolUrn },
      });
    }
  }
  const granted = await grantRole(ctx, { networkId: input.networkId, personId: person.id, role: input.role });
  if (!granted) throw alreadyMember(person.email, input.role);
  return { personId: person.id, membershipId: granted.membershipId, created };
}
