import { sql } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import { actorPersonId } from '../../../kernel/auth/actor.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict, forbidden, HttpError } from '../../../kernel/http/errors.ts';
import { mayApplicationDo } from '../rounds-domain.ts';
import { applicationLink, mailPanel } from '../rounds-mail.ts';
import type { ApplicationRow, RoundDetail } from '../rounds-queries.ts';
import { designationApplicationScores } from '../rounds-schema.ts';

export interface ScoreInput {
  application: ApplicationRow;
  round: RoundDetail;
  /** Score for every criterion, by criterion id. */
  scores: Record<string, number>;
  comment: string | null;
}

/** A panel member scores an endorsed application against each criterion; scoring again replaces their scores. */
export async function scoreApplication(ctx: CommandContext, input: ScoreInput) {
  const { application: a, round } = input;
  const scorerId = actorPersonId(ctx.actor);
  if (!scorerId) throw forbidden('Only a person can score.');
  if (scorerId === a.personId) throw conflict('scores', 'You cannot score your own application');
  if (!mayApplicationDo(a.status, 'score')) throw conflict('scores', 'Only an endorsed application awaiting a decision can be scored');
  const issues = round.criteria.flatMap((c) => {
    const s = input.scores[c.id];
    return s === undefined || !Number.isInteger(s) || s < 0 || s > c.maxScore
      ? [{ path: `score-${c.position}`, message: `Score “${c.title}” from 0 to ${c.maxScore}` }]
      : [];
  });
  if (issues.length) throw new HttpError(400, 'Invalid request', issues.map((i) => i.message).join('; '), issues);
  await ctx.db
    .insert(designationApplicationScores)
    .values(
      round.criteria.map((c) => ({ applicationId: a.id, criterionId: c.id, scorerId, score: input.scores[c.id]!, comment: input.comment })),
    )
    .onConflictDoUpdate({
      target: [designationApplicationScores.applicationId, designationApplicationScores.criterionId, designationApplicationScores.scorerId],
      set: { score: sql`excluded.score`, comment: sql`excluded.comment`, scoredAt: sql`now()` },
    });
  await recordAudit(ctx.db, ctx.actor, {
    action: 'application.scored',
    subjectType: 'designation_application',
    subjectId: a.id,
    networkId: a.networkId,
    detail: { scores: input.scores },
  });
  await mailPanel(
    ctx,
    a.networkId,
    `Panel scores recorded: ${a.fullName}`,
    `A panel member has scored ${a.fullName}’s application. It is ready for a decision.`,
    applicationLink(ctx, a),
  );
}
