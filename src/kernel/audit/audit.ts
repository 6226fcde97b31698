import { type Actor, actorLabel, actorPersonId } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { auditEvents } from './schema.ts';

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId?: string | number | null;
  networkId?: string | null;
  detail?: Record<string, unknown>;
}

/** Record who did what; call inside the command's transaction so the trail and the change commit together. */
export async function recordAudit(db: Db, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await db.insert(auditEvents).values({
    actorId: actorPersonId(actor),
    actorLabel: actorLabel(actor),
    networkId: entry.networkId ?? null,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId == null ? null : String(entry.subjectId),
    detail: entry.detail ?? {},
  });
}
