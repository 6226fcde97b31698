import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/database.ts';
import type { Database } from '../kernel/db/client.ts';
import { lpCertificates, lpSubmissions, lpSupportDays } from '../modules/accreditation/outcomes-schema.ts';
import { DEMO_CERTIFICATE_ID, seedAccreditationOutcomes } from './accreditation-outcomes.ts';
import { makeMember, makeNetwork } from './factories.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

it('seeds one accredited LP with a certificate and support days, once', async () => {
  const db = database.db;
  const networkId = (await makeNetwork(db)).id;
  const admin = await makeMember(db, networkId, 'network_admin');
  const holder = await makeMember(db, networkId, 'participant', { fullName: 'Aaron Able' });
  await seedAccreditationOutcomes(db, networkId, { assessor: admin.email });
  await seedAccreditationOutcomes(db, networkId, { assessor: admin.email });
  const certs = await db.select().from(lpCertificates).where(eq(lpCertificates.networkId, networkId));
  expect(certs).toHaveLength(1);
  expect(certs[0]).toMatchObject({ publicId: DEMO_CERTIFICATE_ID, personId: holder.id, issuedOn: '2024-07-12', expiresOn: '2027-07-12' });
  const [submission] = await db.select().from(lpSubmissions).where(eq(lpSubmissions.id, certs[0]!.submissionId));
  expect(submission).toMatchObject({ status: 'decided', outcome: 'accredited' });
  const days = await db.select().from(lpSupportDays).where(eq(lpSupportDays.certificateId, certs[0]!.id));
  expect(days.every((d) => Number(d.days) > 0)).toBe(true);
});
