import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import { loadConfig } from '../../config.ts';
import { createDeps } from '../../runtime.ts';
import { makeNetwork } from '../../seed/factories.ts';
import { inTransaction } from '../commands.ts';
import type { Database } from '../db/client.ts';
import { outboxMessages } from './schema.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

// The development set-up: no SMTP, so mail goes to the outbox table through the database itself.
const deps = () => createDeps(loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent' }), database);

it('sends mail written inside a transaction once it commits (the outbox does not wait on the open transaction)', async () => {
  const { mailer } = deps();
  const network = await inTransaction(database, async (db) => {
    const created = await makeNetwork(db, { name: 'Mail After Commit Alliance' });
    await mailer.send({ to: 'head@example.org', subject: 'You are invited', text: 'Join us' });
    const outboxDuringTransaction = await db.select().from(outboxMessages);
    expect(outboxDuringTransaction.map((m) => m.subject)).not.toContain('You are invited');
    return created;
  });
  expect(network.name).toBe('Mail After Commit Alliance');
  const outbox = await database.db.select().from(outboxMessages);
  expect(outbox.map((m) => m.subject)).toContain('You are invited');
});

it('drops the mail of a transaction that rolls back', async () => {
  const { mailer } = deps();
  await expect(
    inTransaction(database, async () => {
      await mailer.send({ to: 'head@example.org', subject: 'Never saved', text: 'x' });
      throw new Error('rule broken');
    }),
  ).rejects.toThrow('rule broken');
  const outbox = await database.db.select().from(outboxMessages);
  expect(outbox.map((m) => m.subject)).not.toContain('Never saved');
});
