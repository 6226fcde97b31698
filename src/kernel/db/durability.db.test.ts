import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase } from '../../../test/support/postgres.ts';
import { loadConfig } from '../../config.ts';
import { createDeps, startServer } from '../../runtime.ts';
import type { Logger } from '../log.ts';
import { type Database, openDatabase } from './client.ts';
import { checkDurability } from './durability.ts';

const onPostgres = process.env.TEST_TARGET === 'postgresql';

function keptLog() {
  const lines: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) => lines.push({ level, msg, fields });
  const log: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { log, lines };
}
const config = (env: Record<string, string>) => loadConfig({ LOG_LEVEL: 'silent', PORT: '0', ...env });

describe.runIf(onPostgres)('startup on PostgreSQL', () => {
  let scratch: { url: string; drop(): Promise<void> };
  let database: Database;
  beforeAll(async () => {
    scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL!, 'alliance_dur');
    database = await openDatabase({ url: scratch.url, poolSize: 2 });
  });
  afterAll(async () => {
    await database?.close();
    await scratch?.drop();
  });

  it('says nothing when fsync and synchronous_commit are on', async () => {
    const { log, lines } = keptLog();
    await checkDurability(database, config({ NODE_ENV: 'production' }), log);
    expect(lines).toEqual([]);
  });

  describe('with synchronous_commit off for the database', () => {
    let unsafe: Database;
    beforeAll(async () => {
      const name = new URL(scratch.url).pathname.slice(1);
      await database.exec(`ALTER DATABASE ${name} SET synchronous_commit = off`);
      unsafe = await openDatabase({ url: scratch.url, poolSize: 2 }); // new sessions take the setting
    });
    afterAll(() => unsafe?.close());

    it('warns loudly outside production', async () => {
      const { log, lines } = keptLog();
      await checkDurability(unsafe, config({ NODE_ENV: 'development' }), log);
      expect(lines).toMatchObject([{ level: 'warn', msg: 'UNSAFE DATABASE DURABILITY', fields: { settings: ['synchronous_commit=off'] } }]);
    });

    it('refuses to start the server in production', async () => {
      const { log, lines } = keptLog();
      const deps = createDeps(config({ NODE_ENV: 'production' }), unsafe, log);
      await expect(startServer(deps, { migrate: false })).rejects.toThrow(/synchronous_commit=off.*ALLOW_UNSAFE_DURABILITY=true/s);
      expect(lines.map((l) => `${l.level} ${l.msg}`)).toEqual(['error UNSAFE DATABASE DURABILITY: refusing to start']);
    });

    it('starts in production with only a warning when ALLOW_UNSAFE_DURABILITY=true', async () => {
      const { log, lines } = keptLog();
      await checkDurability(unsafe, config({ NODE_ENV: 'production', ALLOW_UNSAFE_DURABILITY: 'true' }), log);
      expect(lines.map((l) => l.level)).toEqual(['warn']);
    });
  });
});

it('has nothing to check on PGlite', async () => {
  const pglite = await openDatabase({});
  const { log, lines } = keptLog();
  await checkDurability(pglite, config({ NODE_ENV: 'production' }), log);
  await pglite.close();
  expect(lines).toEqual([]);
});
