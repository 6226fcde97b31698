import { type Role, roleLabels, roles } from '../../kernel/auth/actor.ts';
import { HttpError } from '../../kernel/http/errors.ts';

/** Roles a school leader may give staff of their own school; every other role needs a network admin. */
export const staffRoles = ['participant', 'trainee', 'mentor', 'lp_candidate'] as const satisfies readonly Role[];
export const isStaffRole = (role: Role) => (staffRoles as readonly Role[]).includes(role);

/** Roles in the order of the `roles` list, whatever order the database gave them in. */
export const sortRoles = (list: readonly string[]): Role[] => roles.filter((r) => list.includes(r));

export const roleOptions = (allowed: readonly Role[], selected?: string) =>
  allowed.map((r) => ({ value: r, text: roleLabels[r], selected: r === selected }));

/** A rule of the domain broken by otherwise valid input: 409 naming the field, shown on the form. */
export const conflict = (path: string, message: string) => new HttpError(409, 'Conflict', message, [{ path, message }]);
export const invalidField = (path: string, message: string) => new HttpError(400, 'Invalid request', message, [{ path, message }]);

export const alreadyMember = (email: string, role: Role, path = 'email') =>
  conflict(path, `${email} is already a member of this network as ${roleLabels[role]}`);

export const noSuchSchool = (urn: number) => invalidField('schoolUrn', `There is no school with URN ${urn}`);

/** An invitation is usable only while pending: not accepted, not revoked, not past its expiry. */
export type InvitationState = 'pending' | 'accepted' | 'revoked' | 'expired';
export function invitationState(inv: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): InvitationState {
  if (inv.acceptedAt) return 'accepted';
  if (inv.revokedAt) return 'revoked';
  return inv.expiresAt <= now ? 'expired' : 'pending';
}

export const INVITATION_DAYS = 14;
