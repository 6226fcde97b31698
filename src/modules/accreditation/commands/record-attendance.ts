import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { invalidField } from '../../../kernel/http/errors.ts';
import type { AttendanceStatus } from '../cohorts-domain.ts';
import { lpAttendance, lpCandidates } from '../schema.ts';

/** Record (or correct) who came to a meeting: one status per candidate of the cohort. */
export async function recordAttendance(
  ctx: CommandContext,
  meeting: { id: string; cohortId: string },
  networkId: string,
  marks: Record<string, AttendanceStatus>,
) {
  const enrolled = new Set(
    (await ctx.db.select({ id: lpCandidates.id }).from(lpCandidates).where(eq(lpCandidates.cohortId, meeting.cohortId))).map((r) => r.id),
  );
  const rows = Object.entries(marks).map(([candidateId, status]) => ({ meetingId: meeting.id, candidateId, status }));
  if (rows.some((r) => !enrolled.has(r.candidateId)))
    throw invalidField('attendance', 'Record attendance only for candidates of this cohort');
  if (rows.length) {
    await ctx.db
      .insert(lpAttendance)
      .values(rows)
      .onConflictDoUpdate({ target: [lpAttendance.meetingId, lpAttendance.candidateId], set: { status: sql`excluded.status` } });
  }
  await recordAudit(ctx.db, ctx.actor, {
    action: 'lp_meeting.attendance_recorded',
    subjectType: 'lp_meeting',
    subjectId: meeting.id,
    networkId,
    detail: { marks },
  });
}
