import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from '../../schema.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';

export type Schema = typeof schema;
/** The database or an open transaction: commands accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema> | PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type DatabaseKind = 'pglite' | 'postgresql';

export interface Database {
  db: PgDatabase<PgQueryResultHKT, Schema>;
  kind: DatabaseKind;
  /** Run SQL text as is (several statements allowed); used by migrate, backup and tests. */
  exec(sqlText: string): Promise<void>;
  /**
   * Hear NOTIFYs on `channel`. `onLive(false)` reports a lost listener (notifications may have been missed);
   * `onLive(true)` that it listens (again). Resolves to a function that stops listening.
   */
  listen(channel: string, onNotify: () => void, onLive: (live: boolean) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL connection string; when absent, PGlite. */
  url?: string | undefined;
  /** PGlite data folder; when absent (and no url), an in-memory database. */
  dataDir?: string | undefined;
  poolSize?: number;
  /** PGlite only: start from this dumped data folder (tests use a migrated snapshot). */
  loadDataDir?: Blob;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url, options.poolSize ?? 10);
  return openPglite(options.dataDir, options.loadDataDir);
}

async function openPostgres(url: string, max: number): Promise<Database> {
  // UTC sessions, as PGlite's: current_date and todayIso() then agree (dates are shown in Europe/London by the app).
  const pool = new pg.Pool({ connectionString: url, max, options: '-c timezone=UTC' });
  // An idle connection can still be cut (the server restarts, an administrator ends it): the pool drops it and
  // opens another on next use. Without a listener its 'error' event would end the process.
  pool.on('error', () => {});
  // Fail fast with the driver's own message if the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  const db = drizzleNodePg(pool, { schema }) as unknown as Database['db'];
  return {
    db,
    kind: 'postgresql',
    exec: async (sqlText) => {
      await pool.query(sqlText);
    },
    listen: (channel, onNotify, onLive) => listenOnPostgres(url, channel, onNotify, onLive),
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string | undefined, loadDataDir?: Blob): Promise<Database> {
  let releaseLock = () => {};
  let folder: string | undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    releaseLock = acquireDataDirLock(dataDir);
    folder = path.join(dataDir, 'pglite');
  }
  let client: PGlite;
  try {
    client = await PGlite.create(folder, { extensions: { pg_trgm }, loadDataDir });
  } catch (err) {
    releaseLock();
    throw err;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Database['db'];
  let closed = false;
  return {
    db,
    kind: 'pglite',
    exec: async (sqlText) => {
      await client.exec(sqlText);
    },
    listen: async (channel, onNotify, onLive) => {
      // In-process: notifications arrive as the notifying transaction commits, and cannot be lost.
      const unlisten = await client.listen(channel, () => onNotify());
      onLive(true);
      return async () => {
        onLive(false);
        if (!closed) await unlisten();
      };
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await client.close();
      releaseLock();
    },
  };
}

const RECONNECT_DELAY_MS = 1_000;

/** A dedicated connection that LISTENs, and reconnects (reporting the gap) when it cannot connect or drops. */
async function listenOnPostgres(
  url: string,
  channel: string,
  onNotify: () => void,
  onLive: (live: boolean) => void,
): Promise<() => Promise<void>> {
  let stopped = false;
  let current: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  const connect = async () => {
    const client = new pg.Client({ connectionString: url, application_name: 'alliance-listener' });
    const lost = () => {
      if (current !== client) return;
      current = null;
      onLive(false);
      if (!stopped) retry = setTimeout(() => void connect(), RECONNECT_DELAY_MS);
    };
    client.on('notification', (message) => {
      if (message.channel === channel) onNotify();
    });
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch {
      // Not live: the caller works without what it listens for until a retry succeeds.
      await client.end().catch(() => {});
      if (!stopped) retry = setTimeout(() => void connect(), RECONNECT_DELAY_MS);
      return;
    }
    if (stopped) {
      await client.end();
      return;
    }
    current = client;
    onLive(true);
  };
  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const client = current;
    current = null;
    onLive(false);
    await client?.end();
  };
}
