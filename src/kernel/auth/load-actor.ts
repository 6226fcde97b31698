import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Actor, Membership } from './actor.ts';
import { hashSecret } from './secrets.ts';

/** How stale `api_tokens.last_used_at` may get, so that reads do not each cost a write. */
const TOKEN_TOUCH_INTERVAL = '5 minutes';

interface ActorRow {
  id: string;
  full_name: string;
  email: string;
  school_urn: number | null;
  memberships: Membership[];
  partner_ids: string[];
}

// One round trip: the person (`who` selects exactly one row of people, aliased p), their roles, and the
// networks in an active (accepted) partnership with theirs: started on or before today, not ended by today.
const actorQuery = (who: SQL, extraColumns: SQL) => sql`
  with p as (${who}),
  m as (select network_id, role from memberships where person_id = (select id from p))
  select ${extraColumns} p.id, p.full_name, p.email, p.school_urn,
    coalesce((select json_agg(json_build_object('networkId', network_id, 'role', role)) from m), '[]'::json) as memberships,
    coalesce((
      select json_agg(case when np.network_a in (select network_id from m) then np.network_b else np.network_a end)
      from network_partnerships np
      where (np.network_a in (select network_id from m) or np.network_b in (select network_id from m))
        and np.status = 'active' and np.started_on <= current_date and (np.ended_on is null or np.ended_on > current_date)
    ), '[]'::json) as partner_ids
  from p`;

function toActor(row: ActorRow, via: 'session' | 'token'): Actor {
  const own = new Set(row.memberships.map((m) => m.networkId));
  return {
    kind: 'person',
    personId: row.id,
    name: row.full_name,
    email: row.email,
    schoolUrn: row.school_urn,
    memberships: row.memberships,
    partnerNetworkIds: [...new Set(row.partner_ids)].filter((id) => !own.has(id)),
    via,
  };
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

export async function loadPersonActor(db: Db, personId: string, via: 'session' | 'token'): Promise<Actor | null> {
  const who = sql`select id, full_name, email, school_urn from people where id = ${personId}`;
  const [row] = rowsOf<ActorRow>(await db.execute(actorQuery(who, sql``)));
  return row ? toActor(row, via) : null;
}

export interface LoadedSession {
  personId: string;
  csrfToken: string;
  actor: Actor;
  /** When the session lapses, in epoch milliseconds. */
  expiresAt: number;
}

/** The live session with this id, and its person as the actor. */
export async function findSession(db: Db, sessionId: string): Promise<LoadedSession | null> {
  const [row] = rowsOf<ActorRow & { csrf_token: string; expires_ms: number | string }>(
    await db.execute(
      actorQuery(
        sql`select pe.id, pe.full_name, pe.email, pe.school_urn, s.csrf_token,
              (extract(epoch from s.expires_at) * 1000)::float8 as expires_ms
            from sessions s join people pe on pe.id = s.person_id
            where s.id_hash = ${hashSecret(sessionId)} and s.expires_at > now()`,
        sql`p.csrf_token, p.expires_ms,`,
      ),
    ),
  );
  return row ? { personId: row.id, csrfToken: row.csrf_token, actor: toActor(row, 'session'), expiresAt: Number(row.expires_ms) } : null;
}

/** The person behind an unrevoked API token; `last_used_at` is refreshed at most every few minutes. */
export async function actorFromBearerToken(db: Db, token: string): Promise<Actor | null> {
  const tokenHash = hashSecret(token);
  const [row] = rowsOf<ActorRow & { token_id: string; stale: boolean }>(
    await db.execute(
      actorQuery(
        sql`select pe.id, pe.full_name, pe.email, pe.school_urn, t.id as token_id,
              (t.last_used_at is null or t.last_used_at < now() - ${TOKEN_TOUCH_INTERVAL}::interval) as stale
            from api_tokens t join people pe on pe.id = t.person_id
            where t.token_hash = ${tokenHash} and t.revoked_at is null`,
        sql`p.token_id, p.stale,`,
      ),
    ),
  );
  if (!row) return null;
  if (row.stale) await db.execute(sql`update api_tokens set last_used_at = now() where id = ${row.token_id}`);
  return toActor(row, 'token');
}
