import { isNull } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { Database } from '../../kernel/db/client.ts';
import { specialisms } from './schema.ts';
import { sharedSpecialisms } from './specialisms.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

it('ships the shared specialism taxonomy as reference data, matching the list in code', async () => {
  const rows = await database.db.select().from(specialisms).where(isNull(specialisms.networkId));
  const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code);
  expect(rows.map(({ code, area, name }) => ({ code, area, name })).sort(byCode)).toEqual([...sharedSpecialisms].sort(byCode));
});
