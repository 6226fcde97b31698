import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/support/database.ts';
import { loadConfig } from '../../../config.ts';
import { auditEvents } from '../../../kernel/audit/schema.ts';
import { operatorActor } from '../../../kernel/auth/actor.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import type { Database } from '../../../kernel/db/client.ts';
import { makeSchool } from '../../../seed/factories.ts';
import { schoolImports, schools } from '../schema.ts';
import { type ImportProgress, importSchools } from './import-schools.ts';

const HEADER = 'urn,laestab,num_pupils,phase,la_name,region,ofsted_rating,last_ofsted_date,easting,northing';
const sample = readFileSync(new URL('../../../../test/fixtures/gias_sample.csv', import.meta.url));

let database: Database;
let ctx: CommandContext;
const snapshot = async () => (await database.db.select().from(schools).orderBy(schools.urn)).map(({ updatedAt: _u, ...s }) => s);

beforeAll(async () => {
  database = await createTestDatabase();
  ctx = {
    db: database.db,
    actor: operatorActor('test'),
    mailer: { local: true, send: async () => {} },
    config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
  };
});
afterAll(() => database.close());

describe('importSchools', () => {
  it('imports the GIAS sample, records the run and audits it', async () => {
    const progress: ImportProgress[] = [];
    const result = await importSchools(ctx, {
      source: sample,
      fileName: 'gias_sample.csv',
      batchSize: 40,
      onProgress: (p) => progress.push(p),
    });
    expect(result).toMatchObject({ status: 'finished', format: 'full', processed: 99, imported: 99, rejected: 0 });
    const aldgate = (await database.db.select().from(schools).where(eq(schools.urn, 100000)))[0];
    expect(aldgate).toMatchObject({ name: 'The Aldgate School', localAuthority: 'City of London', ofstedDate: '2013-04-19', isOpen: true });
    expect(progress.map((p) => p.processed)).toEqual([40, 80, 99]);
    const [run] = await database.db.select().from(schoolImports).where(eq(schoolImports.id, result.importId));
    expect(run).toMatchObject({ status: 'finished', totalRows: 99, processedRows: 99, importedRows: 99, rejectedRows: 0 });
    const [audit] = await database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, result.importId));
    expect(audit).toMatchObject({ action: 'schools.imported', actorLabel: 'operator:test' });
    expect(audit?.detail).toMatchObject({ imported: 99, rejected: 0 });
  });

  it('is idempotent: a second run changes nothing', async () => {
    const before = await database.db.select().from(schools).orderBy(schools.urn);
    const result = await importSchools(ctx, { source: sample, fileName: 'gias_sample.csv' });
    expect(result).toMatchObject({ status: 'finished', imported: 99, rejected: 0 });
    // Unchanged rows are not even rewritten (updated_at stays).
    expect(await database.db.select().from(schools).orderBy(schools.urn)).toEqual(before);
  });

  it('reports bad rows, imports the good ones and changes nothing else', async () => {
    await makeSchool(database.db, { urn: 555001, name: 'Untouched Academy', phase: 'Secondary' });
    const before = await snapshot();
    const csv = [
      HEADER,
      '555101,1,,Primary,Leeds,Yorkshire and the Humber,Good,01-03-2017,430000,433000',
      ',1,,Primary,Leeds,Yorkshire and the Humber,,,430000,433000',
      '55510x,1,,Primary,Leeds,Yorkshire and the Humber,,,430000,433000',
      '555104,1,,Primary,Leeds,Yorkshire and the Humber,,,east,433000',
      '555105,1,,Primary,Leeds,Yorkshire and the Humber,Good,2017-99-01,430000,433000',
      '555101,1,,Secondary,Leeds,Yorkshire and the Humber,,,430000,433000',
      '555107,1,,Nursery,Leeds,Yorkshire and the Humber,,,430100,433100',
    ].join('\r\n');
    const result = await importSchools(ctx, { source: csv, fileName: 'bad.csv' });
    expect(result).toMatchObject({ status: 'finished', processed: 7, imported: 2, rejected: 5 });
    expect(result.rejections.map((r) => [r.line, r.urn])).toEqual([
      [3, null],
      [4, '55510x'],
      [5, '555104'],
      [6, '555105'],
      [7, '555101'],
    ]);
    const after = await snapshot();
    const added = after.filter((s) => !before.some((b) => b.urn === s.urn));
    expect(added.map((s) => [s.urn, s.name, s.phase])).toEqual([
      [555101, 'School 555101', 'Primary'],
      [555107, 'School 555107', 'Nursery'],
    ]);
    expect(after.filter((s) => before.some((b) => b.urn === s.urn))).toEqual(before);
    const [run] = await database.db.select().from(schoolImports).where(eq(schoolImports.id, result.importId));
    expect(JSON.parse(run!.rejections)).toHaveLength(5);
  });

  it('never replaces a real name with a placeholder, and keeps columns the reduced file lacks', async () => {
    const csv = `${HEADER}\n100000,201,,Primary,City of London,London,Good,01-02-2020,533498,181201\n`;
    const result = await importSchools(ctx, { source: csv, fileName: 'reduced.csv' });
    expect(result).toMatchObject({ status: 'finished', imported: 1 });
    const [aldgate] = await database.db.select().from(schools).where(eq(schools.urn, 100000));
    expect(aldgate).toMatchObject({
      name: 'The Aldgate School',
      type: 'Voluntary aided school',
      postcode: 'EC3A 5DE',
      ofstedRating: 'Good',
      ofstedDate: '2020-02-01',
    });
  });

  it('refuses a file with the wrong header whole, recording the failed run', async () => {
    const [{ n: before }] = (await database.db.select({ n: sql<number>`count(*)::int` }).from(schools)) as [{ n: number }];
    const result = await importSchools(ctx, { source: 'URN,Name\n999999,Somewhere\n', fileName: 'wrong.csv' });
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/missing columns .*"EstablishmentName"/);
    const [{ n: after }] = (await database.db.select({ n: sql<number>`count(*)::int` }).from(schools)) as [{ n: number }];
    expect(after).toBe(before);
    const [run] = await database.db.select().from(schoolImports).where(eq(schoolImports.id, result.importId));
    expect(run).toMatchObject({ status: 'failed', importedRows: 0 });
  });
});
