import { recordAudit } from '../../../kernel/audit/audit.ts';
import { hashSecret, newSecret } from '../../../kernel/auth/secrets.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { onUniqueViolation } from '../../../kernel/db/errors.ts';
import { conflict } from '../../../kernel/http/errors.ts';
import { feedback360Raters } from '../development-schema.ts';
import { type RaterRelationship, raterRelationshipLabels } from '../feedback360-domain.ts';
import type { FeedbackRow } from '../feedback360-queries.ts';

/** Invite a rater by email with a single-use link; only its hash is stored. */
export async function inviteFeedback360Rater(
  ctx: CommandContext,
  input: { feedback: FeedbackRow; leaderName: string; relationship: RaterRelationship; email: string },
) {
  if (input.feedback.status === 'self_rating') throw conflict('email', 'Rate yourself first, then invite raters');
  if (input.feedback.status === 'closed') throw conflict('email', 'This 360 is closed');
  const token = newSecret();
  const [row] = await ctx.db
    .insert(feedback360Raters)
    .values({ feedbackId: input.feedback.id, relationship: input.relationship, email: input.email, tokenHash: hashSecret(token) })
    .returning()
    .catch(onUniqueViolation('feedback360_raters_email_uq', () => conflict('email', 'You have already invited this person')));
  await recordAudit(ctx.db, ctx.actor, {
    action: 'feedback360.rater_invited',
    subjectType: 'feedback360',
    subjectId: input.feedback.id,
    networkId: input.feedback.networkId,
    detail: { relationship: input.relationship },
  });
  await ctx.mailer.send({
    to: input.email,
    subject: `${input.leaderName} asks for your feedback`,
    text: `Hello,\n\n${input.leaderName} has asked you, as their ${raterRelationshipLabels[input.relationship].toLowerCase()}, for feedback on their leadership. It takes about five minutes.\n\nYour answers are anonymous: ${input.leaderName} sees only everyone's answers together, and only once at least three people have answered.\n\nThe link works once:\n\n${ctx.config.appUrl}/feedback360/respond?token=${token}\n`,
  });
  return { raterId: row!.id, token };
}
