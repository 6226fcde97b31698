import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeMember, makeNetwork } from '../../src/seed/factories.ts';
import { type E2E, startE2E } from '../support/e2e.ts';

// The network's reach on the money page: a refused value shown in the error summary, then saved; axe on each.

let e2e: E2E;
let networkId: string;
let adminId: string;

beforeAll(async () => {
  e2e = await startE2E();
  networkId = (await makeNetwork(e2e.db, { name: 'Blue Sky Teaching School Alliance' })).id;
  adminId = (await makeMember(e2e.db, networkId, 'network_admin', { fullName: 'Helen Barker' })).id;
});
afterAll(() => e2e?.close());

it('refuses a reach of 0 km with the error summary, then saves 30 km', async () => {
  const admin = await e2e.newPageSignedInAs(adminId);
  await admin.goto(`/networks/${networkId}/support/money`);
  const reach = admin.getByLabel('The network’s reach');
  expect(await reach.inputValue()).toBe('50');
  await e2e.checkPage(admin);
  await reach.fill('0');
  await admin.getByRole('button', { name: 'Save the reach' }).click();
  await admin.getByRole('alert').getByRole('link', { name: 'Enter the reach in whole kilometres, from 1 to 500' }).waitFor();
  await e2e.checkPage(admin);
  await admin.getByLabel('The network’s reach').fill('30');
  await admin.getByRole('button', { name: 'Save the reach' }).click();
  await admin.getByText('Saved').first().waitFor();
  expect(await admin.getByLabel('The network’s reach').inputValue()).toBe('30');
  await e2e.checkPage(admin);
});
