import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BACKGROUND_FROM_REQUESTS } from '../../src/modules/support/brokerage-allocation-runs.ts';
import { addSchoolToNetwork, makeDesignation, makeMember, makeNetwork, makeSchool, makeSupportRequest } from '../../src/seed/factories.ts';
import { type E2E, startE2E } from '../support/e2e.ts';

// "Allocate all" for a network with as many open requests as run it in the background: the button, the
// progress page, the proposal, and the page for a run the server no longer holds, each checked with axe.

let e2e: E2E;
let networkId: string;
let adminId: string;
const requestCount = BACKGROUND_FROM_REQUESTS + 2;

beforeAll(async () => {
  e2e = await startE2E();
  networkId = (await makeNetwork(e2e.db, { name: 'Blue Sky Teaching School Alliance' })).id;
  const home = await makeSchool(e2e.db, { name: 'Vale Primary School', easting: 436000, northing: 279000 });
  await addSchoolToNetwork(e2e.db, networkId, home.urn);
  const schools = [];
  for (let i = 0; i < 4; i++) {
    const s = await makeSchool(e2e.db, { name: `Hill Primary School ${i + 1}`, easting: 430000 + i * 1000, northing: 279000 });
    await addSchoolToNetwork(e2e.db, networkId, s.urn);
    schools.push(s);
  }
  adminId = (await makeMember(e2e.db, networkId, 'network_admin', { fullName: 'Helen Barker' })).id;
  let maths = '';
  for (let i = 0; i < requestCount; i++)
    maths = (await makeSupportRequest(e2e.db, networkId, schools[i % schools.length]!.urn, { days: '1' })).specialismId!;
  for (const fullName of ['Priya Sharma', 'Tom Reid']) {
    const leader = await makeMember(e2e.db, networkId, 'system_leader', { fullName, schoolUrn: home.urn });
    await makeDesignation(e2e.db, networkId, leader.id, { specialismIds: [maths] });
  }
});
afterAll(() => e2e?.close());

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();

it('starts the allocation from a button, shows its progress, then the proposal to keep; a lost run says so', async () => {
  const admin = await e2e.newPageSignedInAs(adminId);
  const allocate = `/networks/${networkId}/support/allocate`;
  // The run reads each request in a turn of the server's event loop (about 0.1 s for these): the browser
  // normally lands on its progress page, but a busy machine may be slower than the run, so start it again.
  let progressSeen = false;
  for (let attempt = 0; attempt < 3 && !progressSeen; attempt++) {
    await admin.goto(allocate);
    await heading(admin, 'Allocate all open requests');
    await admin.getByText(`There are ${requestCount} open requests.`).waitFor();
    await e2e.checkPage(admin);
    await admin.getByRole('button', { name: 'Find the best allocation' }).click();
    await admin.waitForURL(/\/support\/allocate\/runs\/[0-9a-f-]{36}$/);
    const title = await admin.getByRole('heading', { level: 1 }).textContent();
    progressSeen = title === 'Finding the best allocation';
    if (progressSeen) {
      await admin
        .getByRole('status')
        .getByText(/Counting the open requests|Reading the eligible leaders of each open request|finding the best allocation/)
        .waitFor();
      await admin.getByRole('link', { name: 'Check progress' }).waitFor();
    }
    await e2e.checkPage(admin);
  }
  expect(progressSeen).toBe(true);

  // live-progress.js re-reads the page until the run is done, then shows the proposal in its place.
  await heading(admin, 'Allocate all open requests');
  await admin.getByRole('button', { name: 'Propose the kept lines' }).waitFor();
  await e2e.checkPage(admin);
  await admin.getByRole('button', { name: 'Propose the kept lines' }).click();
  await heading(admin, 'Allocation proposed');
  expect(await admin.getByText(/: proposed (Priya Sharma|Tom Reid)/).count()).toBe(30);
  await e2e.checkPage(admin);

  // A run the server no longer holds (say after a restart): a page that says so and starts again.
  await admin.goto(`${allocate}/runs/${crypto.randomUUID()}`);
  await heading(admin, 'This allocation is no longer available');
  await e2e.checkPage(admin);
  await admin.getByRole('link', { name: 'Start the allocation again' }).click();
  await heading(admin, 'Allocate all open requests');
  await e2e.checkPage(admin);
  e2e.assertAllPagesChecked();
}, 120_000);
