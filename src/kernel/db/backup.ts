import { once } from 'node:events';
import { createReadStream, createWriteStream, renameSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { type SQL, sql } from 'drizzle-orm';
import type { Database, DatabaseKind, Db } from './client.ts';

// A backup is gzip'd JSON lines: a header, then for each table a `{"@table", "rows"}` line followed by
// that many rows (each row PostgreSQL's own `to_jsonb` text, so types survive the trip unchanged), then
// `{"@end": true}`. The same file restores into PGlite or PostgreSQL.

export const BACKUP_FORMAT = 'alliance-backup';
export const BACKUP_VERSION = 1;
const FETCH_ROWS = 2000;
const INSERT_ROWS = 1000;
const INSERT_BYTES = 4 * 1024 * 1024;

export interface TableSummary {
  name: string;
  rows: number;
  /** md5 over the md5 of each row's JSON text, in a fixed order: equal tables give equal checksums. */
  checksum: string;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  source: DatabaseKind;
  /** The drizzle migrations applied to the source: restore needs a database at the same schema version. */
  migrations: { count: number; hashes: string[] };
  /** In an order that satisfies foreign keys (parents first). */
  tables: TableSummary[];
  sequences: { name: string; lastValue: string | null }[];
}

export type Progress = (message: string) => void;

export class BackupError extends Error {}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
const table = (name: string) => sql`${sql.identifier('public')}.${sql.identifier(name)}`;
/** The name as text for a `::regclass` parameter. */
const qualified = (name: string) => `"public"."${name.replaceAll('"', '""')}"`;

/** Same text for timestamps on both databases, whatever the server's own time zone. */
async function fixSessionFormat(tx: Db) {
  await tx.execute(sql`set local timezone = 'UTC'`);
  await tx.execute(sql`set local datestyle = 'ISO, YMD'`);
}

/** Tables of the application (public schema), parents before children by their foreign keys. */
export async function applicationTables(db: Db): Promise<string[]> {
  const names = rowsOf<{ name: string }>(
    await db.execute(sql`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by c.relname`),
  ).map((r) => r.name);
  const edges = rowsOf<{ child: string; parent: string }>(
    await db.execute(sql`
      select ch.relname as child, pa.relname as parent from pg_constraint k
      join pg_class ch on ch.oid = k.conrelid join pg_class pa on pa.oid = k.confrelid
      join pg_namespace n on n.oid = ch.relnamespace
      where k.contype = 'f' and n.nspname = 'public'`),
  );
  const parents = new Map(names.map((n) => [n, new Set<string>()]));
  for (const e of edges) if (e.child !== e.parent && parents.has(e.parent)) parents.get(e.child)?.add(e.parent);
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < names.length) {
    const ready = names.filter((n) => !placed.has(n) && [...parents.get(n)!].every((p) => placed.has(p)));
    // A cycle: take the rest by name (restore then relies on foreign-key checks being off).
    const batch = ready.length > 0 ? ready : names.filter((n) => !placed.has(n));
    for (const n of batch) {
      ordered.push(n);
      placed.add(n);
    }
  }
  return ordered;
}

export async function appliedMigrations(db: Db): Promise<string[]> {
  try {
    return rowsOf<{ hash: string }>(await db.execute(sql`select hash from drizzle.__drizzle_migrations order by id`)).map((r) => r.hash);
  } catch {
    return [];
  }
}

async function summarise(db: Db, name: string): Promise<TableSummary> {
  const [row] = rowsOf<{ n: string | number; checksum: string }>(
    await db.execute(sql`
      select count(*)::bigint as n,
        coalesce(md5(string_agg(h, '' order by h collate "C")), '') as checksum
      from (select md5(to_jsonb(t)::text) as h from ${table(name)} t) rows`),
  );
  return { name, rows: Number(row?.n ?? 0), checksum: row?.checksum ?? '' };
}

/** Row count and checksum of every application table, as of one snapshot. */
export async function tableChecksums(database: Database): Promise<TableSummary[]> {
  return database.db.transaction(
    async (tx) => {
      await fixSessionFormat(tx);
      const out: TableSummary[] = [];
      for (const name of await applicationTables(tx)) out.push(await summarise(tx, name));
      return out;
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

async function primaryKeyOrder(db: Db, name: string): Promise<SQL> {
  const cols = rowsOf<{ col: string }>(
    await db.execute(sql`
      select a.attname as col from pg_index i
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
      where i.indrelid = ${qualified(name)}::regclass and i.indisprimary
      order by array_position(i.indkey, a.attnum)`),
  ).map((r) => r.col);
  return cols.length
    ? sql` order by ${sql.join(
        cols.map((c) => sql.identifier(c)),
        sql`, `,
      )}`
    : sql``;
}

const rowsText = (n: number) => `${n.toLocaleString('en-GB')} row${n === 1 ? '' : 's'}`;

/** Progress at most once a second, plus the lines that must be said (`force`). */
function throttled(progress: Progress | undefined) {
  let last = Date.now();
  return (message: string, force = false) => {
    const now = Date.now();
    if (progress && (force || now - last >= 1000)) {
      last = now;
      progress(message);
    }
  };
}

/**
 * Write a consistent snapshot (one REPEATABLE READ, read-only transaction) of every application table.
 * The file appears under its name only when complete.
 */
export async function backupDatabase(database: Database, file: string, progress?: Progress): Promise<BackupHeader> {
  const partial = `${file}.partial`;
  const gzip = createGzip();
  const out = createWriteStream(partial);
  gzip.pipe(out);
  const write = async (line: string) => {
    if (!gzip.write(`${line}\n`)) await once(gzip, 'drain');
  };
  const report = throttled(progress);
  try {
    const header = await database.db.transaction(
      async (tx) => {
        await fixSessionFormat(tx);
        const hashes = await appliedMigrations(tx);
        if (hashes.length === 0) throw new BackupError('The database has no migrations applied: there is nothing to back up.');
        const names = await applicationTables(tx);
        const tables: TableSummary[] = [];
        for (const name of names) tables.push(await summarise(tx, name));
        const sequences = rowsOf<{ name: string; last_value: string | number | null }>(
          await tx.execute(sql`select sequencename as name, last_value from pg_sequences where schemaname = 'public' order by 1`),
        ).map((s) => ({ name: s.name, lastValue: s.last_value == null ? null : String(s.last_value) }));
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: new Date().toISOString(),
          source: database.kind,
          migrations: { count: hashes.length, hashes },
          tables,
          sequences,
        };
        await write(JSON.stringify(header));
        for (const t of tables) {
          await write(JSON.stringify({ '@table': t.name, rows: t.rows }));
          await tx.execute(
            sql`declare alliance_backup no scroll cursor for select to_jsonb(t)::text as j from ${table(t.name)} t${await primaryKeyOrder(tx, t.name)}`,
          );
          let done = 0;
          for (;;) {
            const batch = rowsOf<{ j: string }>(await tx.execute(sql.raw(`fetch forward ${FETCH_ROWS} from alliance_backup`)));
            for (const r of batch) await write(r.j);
            done += batch.length;
            report(`${t.name}: ${done.toLocaleString('en-GB')} of ${rowsText(t.rows)}`);
            if (batch.length < FETCH_ROWS) break;
          }
          await tx.execute(sql`close alliance_backup`);
          if (done !== t.rows) throw new BackupError(`${t.name}: counted ${t.rows} rows but read ${done}`);
          report(`${t.name}: ${rowsText(done)}`, true);
        }
        await write(JSON.stringify({ '@end': true }));
        return header;
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    gzip.end();
    await finished(out);
    renameSync(partial, file);
    return header;
  } catch (err) {
    gzip.destroy();
    out.destroy();
    rmSync(partial, { force: true });
    throw err;
  }
}

/** Read a backup line by line; `next()` gives the next parsed line or raw row text. */
function lineReader(file: string) {
  const input = createReadStream(file).pipe(createGunzip());
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })[Symbol.asyncIterator]();
  return {
    async next(): Promise<string | null> {
      try {
        const r = await lines.next();
        return r.done ? null : r.value;
      } catch (err) {
        throw new BackupError(`Cannot read ${file}: ${(err as Error).message} (is it an Alliance backup?)`);
      }
    },
    close: () => input.destroy(),
  };
}

/** Just the header: for checks before anything is written. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  const reader = lineReader(file);
  try {
    return parseHeader(await reader.next());
  } finally {
    reader.close();
  }
}

function parseHeader(line: string | null): BackupHeader {
  let header: Partial<BackupHeader> = {};
  try {
    header = JSON.parse(line ?? '');
  } catch {
    // reported below
  }
  if (header.format !== BACKUP_FORMAT) throw new BackupError('This file is not an Alliance backup.');
  if (header.version !== BACKUP_VERSION)
    throw new BackupError(`This backup has format version ${header.version}; this Alliance reads version ${BACKUP_VERSION}.`);
  return header as BackupHeader;
}

export interface RestoreOptions {
  /** Replace the data of a database that already has networks or people. */
  force?: boolean;
  progress?: Progress;
}

/** Refuse unless the database is migrated to the backup's schema version and (without force) empty. */
async function checkTarget(db: Db, header: BackupHeader, force: boolean) {
  const hashes = await appliedMigrations(db);
  const same = hashes.length === header.migrations.count && hashes.every((h, i) => h === header.migrations.hashes[i]);
  if (!same) {
    throw new BackupError(
      `The backup is at schema version ${header.migrations.count} but this database is at version ${hashes.length}` +
        `${hashes.length === header.migrations.count ? ' (with different migrations)' : ''}. ` +
        'Restore with the version of Alliance that made the backup, then upgrade.',
    );
  }
  const present = new Set(await applicationTables(db));
  const missing = header.tables.map((t) => t.name).filter((n) => !present.has(n));
  if (missing.length) throw new BackupError(`This database has no table ${missing.join(', ')}.`);
  if (force) return;
  for (const name of ['networks', 'people'].filter((n) => present.has(n))) {
    const [row] = rowsOf<{ any: boolean }>(await db.execute(sql`select exists (select 1 from ${table(name)}) as any`));
    if (row?.any)
      throw new BackupError(
        `This database already has ${name}: restore only into an empty database (or pass --force to replace everything in it).`,
      );
  }
}

/**
 * Restore a backup into a migrated database, in one transaction: empty every application table,
 * insert the rows parents first (foreign-key checks off where the server allows it), set the
 * sequences, then check every table's row count and checksum against the backup's.
 */
export async function restoreDatabase(database: Database, file: string, options: RestoreOptions = {}): Promise<BackupHeader> {
  const header = await readBackupHeader(file);
  await checkTarget(database.db, header, options.force ?? false);
  const report = throttled(options.progress);
  const reader = lineReader(file);
  try {
    await reader.next(); // the header, read above
    await database.db.transaction(async (tx) => {
      await fixSessionFormat(tx);
      await checkTarget(tx, header, options.force ?? false);
      // Triggers and foreign-key checks off (superusers; PGlite's user is one); the order is safe without it.
      await tx.transaction((sp) => sp.execute(sql`set local session_replication_role = replica`)).catch(() => {});
      const all = await applicationTables(tx);
      await tx.execute(sql`truncate table ${sql.join(all.map(table), sql`, `)} restart identity cascade`);
      for (const expected of header.tables) {
        const marker = JSON.parse((await reader.next()) ?? 'null') as { '@table'?: string; rows?: number } | null;
        if (marker?.['@table'] !== expected.name)
          throw new BackupError(`The backup is incomplete or damaged (expected table ${expected.name}).`);
        await restoreTable(tx, expected, reader, report);
      }
      const end = JSON.parse((await reader.next()) ?? 'null') as { '@end'?: boolean } | null;
      if (!end?.['@end']) throw new BackupError('The backup is incomplete: its last line is missing.');
      for (const s of header.sequences) {
        if (s.lastValue != null) await tx.execute(sql`select setval(${qualified(s.name)}::regclass, ${s.lastValue}::bigint, true)`);
      }
      for (const expected of header.tables) {
        const actual = await summarise(tx, expected.name);
        if (actual.rows !== expected.rows || actual.checksum !== expected.checksum)
          throw new BackupError(
            `${expected.name}: restored ${actual.rows} rows that do not match the backup's ${expected.rows}; nothing was restored.`,
          );
      }
      report('checked every table against the backup', true);
    });
  } finally {
    reader.close();
  }
  return header;
}

async function restoreTable(tx: Db, expected: TableSummary, reader: ReturnType<typeof lineReader>, report: ReturnType<typeof throttled>) {
  const columns = rowsOf<{ col: string }>(
    await tx.execute(sql`
      select attname as col from pg_attribute
      where attrelid = ${qualified(expected.name)}::regclass and attnum > 0 and not attisdropped and attgenerated = ''
      order by attnum`),
  ).map((r) => sql.identifier(r.col));
  const list = sql.join(columns, sql`, `);
  let batch: string[] = [];
  let bytes = 0;
  let done = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await tx.execute(sql`
      insert into ${table(expected.name)} (${list}) overriding system value
      select ${list} from jsonb_populate_recordset(null::${table(expected.name)}, ${`[${batch.join(',')}]`}::jsonb)`);
    done += batch.length;
    batch = [];
    bytes = 0;
    report(`${expected.name}: ${done.toLocaleString('en-GB')} of ${rowsText(expected.rows)}`);
  };
  for (let i = 0; i < expected.rows; i++) {
    const line = await reader.next();
    if (line == null) throw new BackupError(`The backup is incomplete: it ends inside table ${expected.name}.`);
    batch.push(line);
    bytes += line.length;
    if (batch.length >= INSERT_ROWS || bytes >= INSERT_BYTES) await flush();
  }
  await flush();
  report(`${expected.name}: ${rowsText(done)}`, true);
}
