import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { Role } from '../../../kernel/auth/actor.ts';
import { findPersonByEmail } from '../../../kernel/auth/sign-in.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import type { Db } from '../../../kernel/db/client.ts';
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
 * The person with this email (their record left as it is), or a new one with these details, whose school
 * must exist. Two adds of one new address at once: the second finds the first's row instead of failing.
 */
export async function findOrCreatePerson(
  db: Db,
  details: {
    email: string;
    fullName: string;
    schoolUrn: number | null;
    jobTitle?: string | null;
    leadershipLevel?: LeadershipLevel | null;
  },
) {
  const existing = await findPersonByEmail(db, details.email);
  if (existing) return { person: existing, created: false };
  if (details.schoolUrn != null && !(await schoolExists(db, details.schoolUrn))) throw noSuchSchool(details.schoolUrn);
  const [row] = await db.insert(people).values(details).onConflictDoNothing().returning();
  const person = row ?? (await findPersonByEmail(db, details.email));
  if (!person) throw new Error('person vanished while being added');
  return { person, created: Boolean(row) };
}

/**
 * Add a person to a network with a role. Emails are unique across Alliance (case-insensitively): when the
 * address already belongs to someone, that person gets the membership and their record is left as it is.
 */
export async function createPerson(ctx: CommandContext, input: CreatePersonInput) {
  const { db } = ctx;
  const { email, fullName, schoolUrn, jobTitle, leadershipLevel } = input;
  const { person, created } = await findOrCreatePerson(db, { email, fullName, schoolUrn, jobTitle, leadershipLevel });
  if (created) await recordPersonCreated(ctx, person, input.networkId);
  const granted = await grantRole(ctx, { networkId: input.networkId, personId: person.id, role: input.role });
  if (!granted) throw alreadyMember(person.email, input.role);
  return { personId: person.id, membershipId: granted.membershipId, created };
}

/** The audit event of a new person (the invitation path writes its own, as the invitee). */
export function recordPersonCreated(
  ctx: CommandContext,
  person: { id: string; fullName: string; email: string; schoolUrn: number | null },
  networkId: string | null,
) {
  return recordAudit(ctx.db, ctx.actor, {
    action: 'person.created',
    subjectType: 'person',
    subjectId: person.id,
    networkId,
    detail: { fullName: person.fullName, email: person.email, schoolUrn: person.schoolUrn },
  });
}
