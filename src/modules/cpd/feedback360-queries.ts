import { and, count, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { hashSecret } from '../../kernel/auth/secrets.ts';
import type { Db } from '../../kernel/db/client.ts';
import { isUuid } from '../networks/queries.ts';
import { people } from '../networks/schema.ts';
import {
  feedback360Raters,
  feedback360ResponseScores,
  feedback360Responses,
  feedback360SelfScores,
  feedback360s,
} from './development-schema.ts';

export type FeedbackRow = typeof feedback360s.$inferSelect;

export async function findFeedback(db: Db, id: string): Promise<FeedbackRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(feedback360s).where(eq(feedback360s.id, id));
  return row ?? null;
}

/** A leader's 360s in a network, newest first, paged. */
export async function listOwnFeedback(db: Db, networkId: string, leaderId: string, page: { page: number; perPage: number }) {
  const where = and(eq(feedback360s.networkId, networkId), eq(feedback360s.leaderId, leaderId));
  const rows = await db
    .select({
      id: feedback360s.id,
      title: feedback360s.title,
      status: feedback360s.status,
      createdAt: feedback360s.createdAt,
      // The outer table written out: in a one-table select drizzle leaves ${feedback360s.id} unqualified, and the
      // subquery would read it as the response's own id.
      answered: sql<number>`(select count(*)::int from feedback360_responses r where r.feedback_id = feedback360s.id)`,
    })
    .from(feedback360s)
    .where(where)
    .orderBy(desc(feedback360s.createdAt), desc(feedback360s.id))
    .limit(page.perPage)
    .offset((page.page - 1) * page.perPage);
  const [total] = await db.select({ n: count() }).from(feedback360s).where(where);
  return { rows, total: total?.n ?? 0 };
}

export async function selfScores(db: Db, feedbackId: string): Promise<Map<string, number>> {
  const rows = await db.select().from(feedback360SelfScores).where(eq(feedback360SelfScores.feedbackId, feedbackId));
  return new Map(rows.map((r) => [r.qualityId, r.score]));
}

/** The raters invited: who and whether they answered, never what they answered. */
export async function listRaters(db: Db, feedbackId: string) {
  return db
    .select({
      id: feedback360Raters.id,
      relationship: feedback360Raters.relationship,
      email: feedback360Raters.email,
      invitedAt: feedback360Raters.invitedAt,
      responded: isNotNull(feedback360Raters.respondedAt),
    })
    .from(feedback360Raters)
    .where(eq(feedback360Raters.feedbackId, feedbackId))
    .orderBy(feedback360Raters.invitedAt, feedback360Raters.id);
}

export async function countAnswers(db: Db, feedbackId: string) {
  const [row] = await db.select({ n: count() }).from(feedback360Responses).where(eq(feedback360Responses.feedbackId, feedbackId));
  return row?.n ?? 0;
}

/** Every rater's score per quality, as bare numbers, and the comments in alphabetical order (no order of arrival). */
export async function othersScores(db: Db, feedbackId: string) {
  const rows = await db
    .select({ qualityId: feedback360ResponseScores.qualityId, score: feedback360ResponseScores.score })
    .from(feedback360ResponseScores)
    .innerJoin(feedback360Responses, eq(feedback360Responses.id, feedback360ResponseScores.responseId))
    .where(eq(feedback360Responses.feedbackId, feedbackId));
  const scores = new Map<string, number[]>();
  for (const r of rows) scores.set(r.qualityId, [...(scores.get(r.qualityId) ?? []), r.score]);
  const comments = await db
    .select({ comment: feedback360Responses.comment })
    .from(feedback360Responses)
    .where(and(eq(feedback360Responses.feedbackId, feedbackId), isNotNull(feedback360Responses.comment)))
    .orderBy(feedback360Responses.comment);
  return { scores, comments: comments.map((c) => c.comment!) };
}

/** The rater a link belongs to, with the 360 and the leader's name (for the form's heading). */
export async function findRaterByToken(db: Db, token: string) {
  const [row] = await db
    .select({
      rater: feedback360Raters,
      feedback: feedback360s,
      leaderName: people.fullName,
    })
    .from(feedback360Raters)
    .innerJoin(feedback360s, eq(feedback360s.id, feedback360Raters.feedbackId))
    .innerJoin(people, eq(people.id, feedback360s.leaderId))
    .where(eq(feedback360Raters.tokenHash, hashSecret(token)));
  return row ?? null;
}
