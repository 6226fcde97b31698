import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import { actorPersonId, type Role, roleLabels } from '../../../kernel/auth/actor.ts';
import { hashSecret, newSecret } from '../../../kernel/auth/secrets.ts';
import { findPersonByEmail } from '../../../kernel/auth/sign-in.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict } from '../../../kernel/http/errors.ts';
import { formatDate } from '../../../kernel/ui/format.ts';
import { noSuchSchool } from '../domain.ts';
import { hasPendingInvitation } from '../invitations-queries.ts';
import { alreadyMember, INVITATION_DAYS } from '../people-domain.ts';
import { schoolExists } from '../people-queries.ts';
import { invitations, memberships, networks } from '../schema.ts';

export interface InvitePersonInput {
  networkId: string;
  fullName: string;
  email: string;
  schoolUrn: number | null;
  role: Role;
}

/** Invite someone by email to join a network with a role; the link works once, for 14 days. */
export async function invitePerson(ctx: CommandContext, input: InvitePersonInput) {
  const { db, actor } = ctx;
  const existing = await findPersonByEmail(db, input.email);
  if (existing) {
    const held = await db
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.networkId, input.networkId), eq(memberships.personId, existing.id), eq(memberships.role, input.role)));
    if (held.length > 0) throw alreadyMember(existing.email, input.role);
  }
  if (await hasPendingInvitation(db, input.networkId, input.email, input.role)) {
    throw conflict('email', `${input.email} already has a pending invitation as ${roleLabels[input.role]}: revoke it to send a new one`);
  }
  if (input.schoolUrn != null && !(await schoolExists(db, input.schoolUrn))) throw noSuchSchool(input.schoolUrn);
  const [network] = await db.select({ name: networks.name }).from(networks).where(eq(networks.id, input.networkId));
  if (!network) throw new Error(`network ${input.networkId} not found`);

  const token = newSecret();
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 24 * 3600_000);
  const [row] = await db
    .insert(invitations)
    .values({
      networkId: input.networkId,
      email: input.email,
      fullName: input.fullName,
      role: input.role,
      schoolUrn: input.schoolUrn,
      tokenHash: hashSecret(token),
      invitedBy: actorPersonId(actor),
      expiresAt,
    })
    .returning({ id: invitations.id });
  await recordAudit(db, actor, {
    action: 'invitation.created',
    subjectType: 'invitation',
    subjectId: row!.id,
    networkId: input.networkId,
    detail: { email: input.email, role: input.role },
  });
  const inviter = actor.kind === 'person' ? actor.name : 'An administrator';
  await ctx.mailer.send({
    to: input.email,
    subject: `You are invited to join ${network.name} on Alliance`,
    text: `Hello ${input.fullName},\n\n${inviter} has invited you to join ${network.name} on Alliance as ${roleLabels[input.role]}.\n\nOpen this link to accept. It works once, until ${formatDate(expiresAt)}:\n\n${ctx.config.appUrl}/invitations/accept?token=${token}\n\nIf you were not expecting this, you can ignore this email.\n`,
  });
  return { invitationId: row!.id, expiresAt };
}
