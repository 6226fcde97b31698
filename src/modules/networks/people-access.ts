import { type Actor, type Role, roles } from '../../kernel/auth/actor.ts';
import { findPersonByEmail } from '../../kernel/auth/sign-in.ts';
import type { Db } from '../../kernel/db/client.ts';
import { authorize, can } from '../../policy.ts';
import { isStaffRole, staffRoles } from './people-domain.ts';

type AddAction = 'person.create' | 'invitation.create';

/**
 * May the actor add this person (directly or by invitation) with this role? The rule looks at the school of
 * the person concerned: an existing person's own school, else the school given. Roles beyond staff roles
 * need the right to manage memberships. Refusals are audited by `authorize`.
 */
export async function authorizeAdding(
  db: Db,
  actor: Actor | null,
  action: AddAction,
  networkId: string,
  input: { email: string; schoolUrn: number | null; role: Role },
) {
  const existing = await findPersonByEmail(db, input.email);
  const schoolUrn = existing ? existing.schoolUrn : input.schoolUrn;
  await authorize(db, actor, action, { networkId, schoolUrn, personId: existing?.id ?? null });
  if (!isStaffRole(input.role)) await authorize(db, actor, 'membership.manage', { networkId });
}

/** What the add and invite forms offer: whoever may add people of no particular school chooses the school. */
export function addingChoices(actor: Actor | null, action: AddAction, networkId: string) {
  const mayChooseSchool = can(actor, action, { networkId, schoolUrn: null });
  const fixedSchoolUrn = !mayChooseSchool && actor?.kind === 'person' ? actor.schoolUrn : null;
  const allowedRoles: readonly Role[] = can(actor, 'membership.manage', { networkId }) ? roles : staffRoles;
  return { mayChooseSchool, fixedSchoolUrn, allowedRoles };
}

/** The school of the person being added: as given, else (for a school leader) the actor's own. */
export function schoolOfNewPerson(actor: Actor | null, action: AddAction, networkId: string, given: number | null | undefined) {
  const { mayChooseSchool, fixedSchoolUrn } = addingChoices(actor, action, networkId);
  return given ?? (mayChooseSchool ? null : fixedSchoolUrn);
}
