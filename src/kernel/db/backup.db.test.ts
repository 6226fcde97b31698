import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testTarget } from '../../../test/support/database.ts';
import { addSchoolToNetwork, makeMember, makeNetwork, makeSchool } from '../../seed/factories.ts';
import { recordAudit } from '../audit/audit.ts';
import { auditEvents } from '../audit/schema.ts';
import { mintApiToken } from '../auth/account-rules.ts';
import { operatorActor } from '../auth/actor.ts';
import { apiTokens } from '../auth/schema.ts';
import { backupDatabase, readBackupHeader, restoreDatabase, tableChecksums } from './backup.ts';
import { type Database, openDatabase } from './client.ts';
import { migrate } from './migrate.ts';

let source: Database;
let dir: string;
let file: string;
const toClose: Database[] = [];

async function freshDatabase() {
  const database = await createTestDatabase();
  toClose.push(database);
  return database;
}

async function freshPglite() {
  const database = await openDatabase({});
  await migrate(database);
  toClose.push(database);
  return database;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'alliance-backup-'));
  file = path.join(dir, 'backup.jsonl.gz');
  source = await freshDatabase();
  const db = source.db;
  const lead = await makeSchool(db, { name: 'Sacred Heart Catholic Primary School, O\'Neill\'s "site"', ofstedDate: '2023-03-14' });
  const network = await makeNetwork(db, { name: 'Blue Sky Teaching School Alliance', leadSchoolUrn: lead.urn });
  await addSchoolToNetwork(db, network.id, lead.urn);
  for (let i = 0; i < 30; i++) await makeMember(db, network.id, i === 0 ? 'network_admin' : 'participant', { schoolUrn: lead.urn });
  const admin = await makeMember(db, network.id, 'network_admin', { fullName: 'Zoë Ünïcode', passwordHash: '$argon2id$v=19$x' });
  await db.insert(apiTokens).values({ personId: admin.id, name: 'sync', tokenHash: mintApiToken().tokenHash, prefix: 'all_abcd' });
  for (let i = 0; i < 5; i++)
    await recordAudit(db, operatorActor('test'), {
      action: 'test.event',
      subjectType: 'thing',
      subjectId: i,
      networkId: network.id,
      detail: { nested: { list: [1, 2.5, 'three', null], at: new Date('2024-05-01T10:00:00.123Z') } },
    });
});

afterAll(async () => {
  for (const d of [source, ...toClose]) await d?.close().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('writes a header with the format version, the schema version and every table', async () => {
    const progress: string[] = [];
    await backupDatabase(source, file, (m) => progress.push(m));
    const header = await readBackupHeader(file);
    expect(header.format).toBe('alliance-backup');
    expect(header.version).toBe(1);
    expect(header.migrations.count).toBeGreaterThanOrEqual(2);
    const names = header.tables.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['networks', 'people', 'memberships', 'schools', 'audit_events', 'api_tokens']));
    // Parents before children.
    expect(names.indexOf('schools')).toBeLessThan(names.indexOf('networks'));
    expect(names.indexOf('people')).toBeLessThan(names.indexOf('memberships'));
    expect(header.tables.find((t) => t.name === 'people')?.rows).toBe(31);
    expect(progress.some((m) => m.startsWith('people: 31 rows'))).toBe(true);
  });

  it('restores into a fresh database with equal row counts and checksums, and sequences moved on', async () => {
    const target = await freshDatabase();
    await restoreDatabase(target, file);
    const [before, after] = [await tableChecksums(source), await tableChecksums(target)];
    expect(after).toEqual(before);
    expect(after.find((t) => t.name === 'audit_events')?.rows).toBeGreaterThanOrEqual(5);
    // A new audit event gets a fresh id, not one already restored.
    const maxId = (await target.db.select({ id: auditEvents.id }).from(auditEvents)).reduce((m, r) => Math.max(m, r.id), 0);
    await recordAudit(target.db, operatorActor('test'), { action: 'after.restore', subjectType: 'thing' });
    const [row] = await target.db
      .execute(sql`select max(id)::int as id from audit_events`)
      .then((r) => (r as unknown as { rows: { id: number }[] }).rows);
    expect(row!.id).toBeGreaterThan(maxId);
  });

  it('refuses a database that already has networks or people, unless forced', async () => {
    const target = await freshDatabase();
    await makeNetwork(target.db, { name: 'Already here' });
    await expect(restoreDatabase(target, file)).rejects.toThrow(/already has networks.*--force/);
    expect((await tableChecksums(target)).find((t) => t.name === 'people')?.rows).toBe(0);
    await restoreDatabase(target, file, { force: true });
    expect(await tableChecksums(target)).toEqual(await tableChecksums(source));
  });

  it('refuses a database at another schema version', async () => {
    const target = await freshDatabase();
    await target.exec('delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations)');
    await expect(restoreDatabase(target, file)).rejects.toThrow(/schema version/);
  });

  it('refuses a damaged file and changes nothing', async () => {
    const header = await readBackupHeader(file);
    const truncated = path.join(dir, 'truncated.jsonl.gz');
    writeFileSync(truncated, gzipSync(`${JSON.stringify(header)}\n${JSON.stringify({ '@table': header.tables[0]!.name, rows: 3 })}\n`));
    const target = await freshDatabase();
    const before = await tableChecksums(target);
    await expect(restoreDatabase(target, truncated)).rejects.toThrow(/incomplete|expected table/);
    expect(await tableChecksums(target)).toEqual(before);
    const notBackup = path.join(dir, 'not.gz');
    writeFileSync(notBackup, 'hello');
    await expect(restoreDatabase(target, notBackup)).rejects.toThrow(/Alliance backup/);
  });

  it.runIf(testTarget === 'postgresql')(
    'moves between PostgreSQL and PGlite in both directions',
    async () => {
      const embedded = await freshPglite();
      await restoreDatabase(embedded, file);
      expect(await tableChecksums(embedded)).toEqual(await tableChecksums(source));
      const back = path.join(dir, 'from-pglite.jsonl.gz');
      await backupDatabase(embedded, back);
      expect((await readBackupHeader(back)).source).toBe('pglite');
      const server = await freshDatabase();
      await restoreDatabase(server, back);
      expect(await tableChecksums(server)).toEqual(await tableChecksums(source));
    },
    120_000,
  );
});
