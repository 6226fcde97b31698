import { sql } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { ERASED_NAME } from '../domain.ts';
import { erasePerson } from './erase-person.ts';

export interface RetentionReport {
  networkId: string;
  retentionMonths: number;
  erasedPeople: number;
  deletedInvitations: number;
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/**
 * Apply each network's retention setting (run daily from cron: `alliance privacy apply-retention`).
 * Former members (no role in any network now) whose last recorded activity in the network is older
 * than its retention period are erased; invitations never accepted and older than it are deleted.
 * Audited in the network, with the figures.
 */
export async function applyRetention(ctx: CommandContext, input: { now?: Date } = {}): Promise<RetentionReport[]> {
  const now = input.now ?? new Date();
  const settings = rowsOf<{ network_id: string; retention_months: number }>(
    await ctx.db.execute(
      sql`select network_id, retention_months from privacy_settings where retention_months is not null order by network_id`,
    ),
  );
  const reports: RetentionReport[] = [];
  for (const s of settings) {
    const cutoff = new Date(now);
    cutoff.setUTCMonth(cutoff.getUTCMonth() - s.retention_months);
    // Former members of this network: audit events about them here, none since the cut-off, no role anywhere.
    const former = rowsOf<{ id: string }>(
      await ctx.db.execute(sql`
        select p.id from people p
        where p.full_name <> ${ERASED_NAME}
          and not exists (select 1 from memberships m where m.person_id = p.id)
          and exists (select 1 from audit_events e where e.network_id = ${s.network_id} and e.subject_id = p.id::text)
          and not exists (select 1 from audit_events e where e.subject_id = p.id::text and e.at >= ${cutoff.toISOString()})
          and not exists (select 1 from audit_events e where e.actor_id = p.id and e.at >= ${cutoff.toISOString()})
          and p.created_at < ${cutoff.toISOString()}`),
    );
    for (const person of former) {
      await erasePerson(ctx, { personId: person.id, reason: `retention: ${s.retention_months} months after leaving the network` });
    }
    const invitations = rowsOf<{ id: string }>(
      await ctx.db.execute(sql`
        delete from invitations where network_id = ${s.network_id} and accepted_at is null and created_at < ${cutoff.toISOString()}
        returning id`),
    );
    const report = {
      networkId: s.network_id,
      retentionMonths: s.retention_months,
      erasedPeople: former.length,
      deletedInvitations: invitations.length,
    };
    await recordAudit(ctx.db, ctx.actor, {
      action: 'privacy.retention_applied',
      subjectType: 'network',
      subjectId: s.network_id,
      networkId: s.network_id,
      detail: { ...report, cutoff: cutoff.toISOString() },
    });
    reports.push(report);
  }
  return reports;
}
