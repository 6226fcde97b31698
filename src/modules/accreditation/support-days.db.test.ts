import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, testTarget } from '../../../test/support/database.ts';
import type { Database } from '../../kernel/db/client.ts';
import { sqlState } from '../../kernel/db/errors.ts';
import { seedAccreditationOutcomes } from '../../seed/accreditation-outcomes.ts';
import { makeMember, makeNetwork } from '../../seed/factories.ts';
import { lpCertificates, lpSupportDays } from './outcomes-schema.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

it('refuses, in the database, any write that takes an academic year above ten days', async () => {
  const db = database.db;
  const networkId = (await makeNetwork(db)).id;
  const admin = await makeMember(db, networkId, 'network_admin');
  await makeMember(db, networkId, 'participant');
  await seedAccreditationOutcomes(db, networkId, { assessor: admin.email });
  const [cert] = await db.select().from(lpCertificates).where(eq(lpCertificates.networkId, networkId));
  await db.delete(lpSupportDays).where(eq(lpSupportDays.certificateId, cert!.id));
  const row = (givenOn: string, days: string) => ({
    certificateId: cert!.id,
    networkId,
    personId: cert!.personId,
    givenOn,
    academicYear: 2025,
    days,
    kind: 'cpd_delivery' as const,
  });
  await db.insert(lpSupportDays).values([row('2025-10-01', '6'), row('2025-11-01', '4')]);
  const eleventh = await db
    .insert(lpSupportDays)
    .values(row('2026-01-10', '0.5'))
    .catch((e: unknown) => e);
  expect(sqlState(eleventh)).toBe('23514');
  // Another academic year has its own ten.
  await db.insert(lpSupportDays).values({ ...row('2026-09-10', '1'), academicYear: 2026 });
  if (testTarget === 'postgresql') {
    // Two logs at once against a full-but-one year: the lock in the trigger lets exactly one through.
    await db.delete(lpSupportDays).where(eq(lpSupportDays.givenOn, '2025-11-01'));
    await db.insert(lpSupportDays).values(row('2025-11-01', '3.5'));
    const results = await Promise.allSettled(
      [0, 1].map(() => database.db.transaction((tx) => tx.insert(lpSupportDays).values(row('2026-02-02', '0.5')))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  }
});
