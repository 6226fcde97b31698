import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testTarget } from '../../../test/support/database.ts';
import { type Database, openDatabase } from '../../kernel/db/client.ts';
import { migrationsFolder } from '../../kernel/db/migrate.ts';

// Migration 0003 on rows written before it: the partnership table gains an id and a status, and
// network and strategic partner names become unique (case-insensitive) without losing a row.
const files = readdirSync(migrationsFolder)
  .filter((f) => f.endsWith('.sql'))
  .sort();
const upTo = (prefix: string) => files.filter((f) => f < prefix);
const run = async (database: Database, names: string[]) => {
  for (const f of names)
    await database.exec(readFileSync(path.join(migrationsFolder, f), 'utf8').replaceAll('--> statement-breakpoint', ''));
};

let database: Database;
let dropName: string | null = null;
beforeAll(async () => {
  if (testTarget === 'pglite') {
    database = await openDatabase({});
  } else {
    const adminUrl = process.env.TEST_DATABASE_URL!;
    dropName = `alliance_m_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dropName}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${dropName}`;
    database = await openDatabase({ url: url.toString(), poolSize: 2 });
  }
  await database.exec('CREATE EXTENSION IF NOT EXISTS pg_trgm');
});
afterAll(async () => {
  await database.close();
  if (dropName) {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dropName} WITH (FORCE)`);
    await admin.end();
  }
});

const rows = async <T>(sqlText: string) => (await database.db.execute(sqlText as never)) as unknown as { rows: T[] };

it('turns each existing partnership into an active (or ended) one and keeps duplicate names apart', async () => {
  await run(database, upTo('0003'));
  const [a, b, c] = [
    '10000000-0000-4000-8000-000000000001',
    '20000000-0000-4000-8000-000000000002',
    '30000000-0000-4000-8000-000000000003',
  ];
  await database.exec(`
    insert into networks (id, name, kind, created_at) values
      ('${a}', 'Blue Sky', 'trust', '2020-01-01'), ('${b}', 'Castle Phoenix', 'trust', '2020-01-02'), ('${c}', 'BLUE SKY', 'trust', '2020-01-03');
    insert into network_partnerships (network_a, network_b, started_on, ended_on) values
      ('${a}', '${b}', '2016-09-01', null), ('${a}', '${c}', '2016-09-01', '2020-08-31');
    insert into strategic_partners (network_id, name, kind, created_at) values
      ('${a}', 'Coventry University', 'university', '2020-01-01'), ('${a}', 'coventry university', 'university', '2020-01-02'),
      ('${b}', 'Coventry University', 'university', '2020-01-01');`);
  await run(
    database,
    files.filter((f) => f.startsWith('0003')),
  );

  const partnerships = await rows<{ network_b: string; status: string; started_on: unknown; id: string }>(
    'select id, network_b, status, started_on from network_partnerships order by network_b',
  );
  expect(partnerships.rows.map((r) => [r.network_b, r.status])).toEqual([
    [b, 'active'],
    [c, 'ended'],
  ]);
  expect(partnerships.rows.every((r) => /^[0-9a-f-]{36}$/.test(r.id))).toBe(true);
  const names = await rows<{ name: string }>('select name from networks order by created_at');
  expect(names.rows.map((r) => r.name)).toEqual(['Blue Sky', 'Castle Phoenix', 'BLUE SKY (30000000)']);
  const partners = await rows<{ name: string }>(`select name from strategic_partners where network_id = '${a}' order by created_at`);
  expect(partners.rows[0]?.name).toBe('Coventry University');
  expect(partners.rows[1]?.name).toMatch(/^coventry university \([0-9a-f]{8}\)$/);
  // The open-row index now holds: a second active row for the same pair is refused.
  await expect(
    database.exec(
      `insert into network_partnerships (network_a, network_b, status, started_on) values ('${a}', '${b}', 'active', '2024-01-01')`,
    ),
  ).rejects.toThrow(/network_partnerships_open_uq/);
});
