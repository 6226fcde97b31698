import { and, eq, gt, isNull } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { Actor } from '../../../kernel/auth/actor.ts';
import { hashSecret } from '../../../kernel/auth/secrets.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { type InvitationState, invitationState } from '../people-domain.ts';
import { invitations } from '../schema.ts';
import { findOrCreatePerson } from './create-person.ts';
import { grantRole } from './grant-role.ts';

export type AcceptOutcome =
  | { ok: true; personId: string; networkId: string }
  | { ok: false; state: Exclude<InvitationState, 'pending'> | 'unknown' };

/**
 * Accept an invitation by its token: spent atomically, it creates the person (or finds them by email) and
 * gives the role. Whoever holds the token acts here, signed in or not, so the invitee is the audit's actor.
 */
export async function acceptInvitation(ctx: Omit<CommandContext, 'actor'>, input: { token: string }): Promise<AcceptOutcome> {
  const { db } = ctx;
  const now = new Date();
  const tokenHash = hashSecret(input.token);
  const [inv] = await db
    .update(invitations)
    .set({ acceptedAt: now })
    .where(
      and(
        eq(invitations.tokenHash, tokenHash),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .returning();
  if (!inv) {
    const [found] = await db.select().from(invitations).where(eq(invitations.tokenHash, tokenHash));
    const state = found ? invitationState(found, now) : 'unknown';
    return { ok: false, state: state === 'pending' ? 'accepted' : state };
  }
  const { person, created } = await findOrCreatePerson(db, { fullName: inv.fullName, email: inv.email, schoolUrn: inv.schoolUrn });
  const invitee: Actor = {
    kind: 'person',
    personId: person.id,
    name: person.fullName,
    email: person.email,
    schoolUrn: person.schoolUrn,
    memberships: [],
    partnerNetworkIds: [],
    via: 'session',
  };
  const asInvitee = { ...ctx, actor: invitee };
  if (created) {
    await recordAudit(db, invitee, {
      action: 'person.created',
      subjectType: 'person',
      subjectId: person.id,
      networkId: inv.networkId,
      detail: { fullName: person.fullName, email: person.email, schoolUrn: person.schoolUrn, invitationId: inv.id },
    });
  }
  await grantRole(asInvitee, { networkId: inv.networkId, personId: person.id, role: inv.role });
  await recordAudit(db, invitee, {
    action: 'invitation.accepted',
    subjectType: 'invitation',
    subjectId: inv.id,
    networkId: inv.networkId,
    detail: { email: inv.email, role: inv.role, personId: person.id },
  });
  return { ok: true, personId: person.id, networkId: inv.networkId };
}
