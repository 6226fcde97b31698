import { type Role, roleLabels, roles } from '../../kernel/auth/actor.ts';
import { conflict } from '../../kernel/http/errors.ts';

/** Roles a school leader may give staff of their own school; every other role needs a network admin. */
export const staffRoles = ['participant', 'trainee', 'mentor', 'lp_candidate'] as const satisfies readonly Role[];
export const isStaffRole = (role: Role) => (staffRoles as readonly Role[]).includes(role);

/** Roles in the order of the `roles` list, whatever order the database gave them in. */
export const sortRoles = (list: readonly string[]): Role[] => roles.filter((r) => list.includes(r));

export const roleOptions = (allowed: readonly Role[], selected?: string) =>
  allowed.map((r) => ({ value: r, text: roleLabels[r], selected: r === selected }));

// Kept for the commands that still import them from here; their home is the kernel.

export const alreadyMember = (email: string, role: Role, path = 'email') =>
  conflict(path, `${email} is already a member of this network as ${roleLabels[role]}`);

/** An invitation is usable only while pending: not accepted, not revoked, not past its expiry. */
export type InvitationState = 'pending' | 'accepted' | 'revoked' | 'expired';
export function invitationState(inv: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): InvitationState {
  if (inv.acceptedAt) return 'accepted';
  if (inv.revokedAt) return 'revoked';
  return inv.expiresAt <= now ? 'expired' : 'pending';
}

export const INVITATION_DAYS = 14;
