import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import { loadConfig } from '../../config.ts';
import { operatorActor } from '../../kernel/auth/actor.ts';
import type { Database } from '../../kernel/db/client.ts';
import { makeNetwork } from '../../seed/factories.ts';
import { frameworkOf } from './assessment-queries.ts';
import { ensureFramework } from './commands/save-framework.ts';

// A saved framework numbers standards within each group; whatever lists them (the assessment form, the
// reports, the demo) must still give them in framework order, S1 to S10.

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

it('lists a saved framework’s standards in framework order, group by group', async () => {
  const db = database.db;
  const networkId = (await makeNetwork(db)).id;
  const mailer = { local: true, send: async () => {} };
  const saved = await ensureFramework({ db, actor: operatorActor('test'), mailer, config: loadConfig({ NODE_ENV: 'test' }) }, networkId);
  const listed = await frameworkOf(db, saved.versionId);
  expect(listed.standards.map((s) => s.code)).toEqual(['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8', 'S9', 'S10']);
});
