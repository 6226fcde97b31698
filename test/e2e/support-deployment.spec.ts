import { and, eq, isNull } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { specialisms } from '../../src/modules/networks/schema.ts';
import { addSchoolToNetwork, makeDesignation, makeMember, makeNetwork, makeSchool } from '../../src/seed/factories.ts';
import { type E2E, startE2E } from '../support/e2e.ts';

let e2e: E2E;
let networkId: string;
const people: Record<string, string> = {};

beforeAll(async () => {
  e2e = await startE2E();
  const host = await makeSchool(e2e.db, { name: 'Hill Primary School', easting: 433000, northing: 279000 });
  const home = await makeSchool(e2e.db, { name: 'Vale Primary School', easting: 436000, northing: 279000 });
  const network = await makeNetwork(e2e.db, { name: 'Blue Sky Teaching School Alliance' });
  networkId = network.id;
  for (const s of [host, home]) await addSchoolToNetwork(e2e.db, networkId, s.urn);
  const [maths] = await e2e.db
    .select()
    .from(specialisms)
    .where(and(isNull(specialisms.networkId), eq(specialisms.code, 'maths')));
  people.admin = (await makeMember(e2e.db, networkId, 'network_admin', { fullName: 'Helen Barker' })).id;
  people.host = (await makeMember(e2e.db, networkId, 'school_leader', { fullName: 'Rachel Hughes', schoolUrn: host.urn })).id;
  people.home = (await makeMember(e2e.db, networkId, 'school_leader', { fullName: 'Mark Evans', schoolUrn: home.urn })).id;
  people.priya = (
    await makeMember(e2e.db, networkId, 'system_leader', { fullName: 'Priya Sharma', email: 'priya@example.org', schoolUrn: home.urn })
  ).id;
  await makeDesignation(e2e.db, networkId, people.priya, { specialismIds: [maths!.id] });
});
afterAll(() => e2e?.close());

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();
const answer = async (page: Page, question: string, reply: 'Yes' | 'No', button: string) => {
  await page.getByRole('group', { name: question }).getByLabel(reply).check();
  await page.getByRole('button', { name: button }).click();
};

it('walks a request from commission to an evaluated deployment and the school’s statement', async () => {
  // The requesting school's head commissions support.
  const host = await e2e.newPageSignedInAs(people.host!);
  await host.goto(`/networks/${networkId}`);
  await e2e.checkPage(host);
  await host.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Support' }).click();
  await heading(host, 'Requests for support');
  await e2e.checkPage(host);
  await host.getByRole('link', { name: 'Request support' }).click();
  await heading(host, 'Request support');
  await e2e.checkPage(host);
  await host.getByRole('button', { name: 'Send request' }).click();
  await host.getByRole('alert').getByText('There is a problem').waitFor();
  await e2e.checkPage(host);
  await host.getByLabel('A known need').check();
  await host.getByLabel('Specialism').selectOption({ label: 'Mathematics' });
  await host.getByLabel('Phase').selectOption({ label: 'Primary' });
  await host.getByLabel('Objectives').fill('Raise attainment in year 6 maths');
  await host.getByLabel('Days').fill('2.5');
  await host.getByLabel('Earliest start').fill('2025-10-01');
  await host.getByLabel('Latest end').fill('2025-12-19');
  await host.getByRole('button', { name: 'Send request' }).click();
  await heading(host, 'Hill Primary School');
  await e2e.checkPage(host);
  const requestUrl = host.url();

  // The broker sees the ranked, explained match and proposes Priya.
  const admin = await e2e.newPageSignedInAs(people.admin!);
  await admin.goto(requestUrl);
  await admin.getByText(/Holds Mathematics\. Primary phase, as requested\. 3\.0 km away/).waitFor();
  await e2e.checkPage(admin);
  await admin.getByRole('button', { name: 'Propose this leader' }).click();
  await heading(admin, /Priya Sharma at Hill Primary School/);
  await e2e.checkPage(admin);
  const deploymentUrl = admin.url();
  await e2e.smtp.waitFor('priya@example.org', /Proposed: Priya Sharma/);

  // Priya consents; her own head releases her.
  const priya = await e2e.newPageSignedInAs(people.priya!);
  await priya.goto(deploymentUrl);
  await e2e.checkPage(priya);
  await answer(priya, 'Do you agree to be deployed?', 'Yes', 'Send your answer');
  await priya.getByText('Leader consented').waitFor();
  await e2e.checkPage(priya);
  const home = await e2e.newPageSignedInAs(people.home!);
  await home.goto(deploymentUrl);
  await e2e.checkPage(home);
  await answer(home, 'Does your school release Priya Sharma for these days?', 'Yes', 'Send the answer');
  await home.getByText('Released by the leader’s school').waitFor();
  await e2e.checkPage(home);

  // The school agrees objectives, a criterion with its baseline, days, dates and who pays.
  await host.goto(deploymentUrl);
  await e2e.checkPage(host);
  await host.getByLabel('Success criterion', { exact: true }).fill('Pupils at the expected standard in maths');
  await host.getByLabel('Baseline measure', { exact: true }).fill('54%');
  await host.getByLabel('Target (optional)', { exact: true }).fill('70%');
  await host.getByRole('button', { name: 'Agree the deployment' }).click();
  await host.locator('.govuk-tag', { hasText: 'Agreed' }).first().waitFor();
  await e2e.checkPage(host);

  // Priya logs her days (halves allowed) and completes.
  await priya.goto(deploymentUrl);
  await e2e.checkPage(priya);
  await priya.getByLabel('Date worked').fill('2025-10-02');
  await priya.getByLabel('Activity').fill('Lesson observations and feedback');
  await priya.getByRole('button', { name: 'Log the day' }).click();
  await priya.getByRole('cell', { name: 'Lesson observations and feedback' }).waitFor();
  await e2e.checkPage(priya);
  await priya.getByLabel('Date worked').fill('2025-10-09');
  await priya.getByLabel('Half day').check();
  await priya.getByLabel('Activity').fill('Planning with the maths lead');
  await priya.getByRole('button', { name: 'Log the day' }).click();
  await priya.getByRole('cell', { name: 'Planning with the maths lead' }).waitFor();
  await e2e.checkPage(priya);
  await priya.getByRole('button', { name: 'Mark as completed' }).click();
  await priya.locator('.govuk-tag', { hasText: 'Completed' }).first().waitFor();
  await e2e.checkPage(priya);

  // The school evaluates against the baseline.
  await host.goto(deploymentUrl);
  await e2e.checkPage(host);
  await host.getByLabel(/End measure: Pupils at the expected standard/).fill('68%');
  await host.getByLabel('Good').check();
  await host.getByRole('button', { name: 'Save the evaluation' }).click();
  await host.locator('.govuk-tag', { hasText: 'Evaluated' }).first().waitFor();
  await host.getByRole('cell', { name: '68%' }).waitFor();
  await e2e.checkPage(host);

  // The school's statement for the term charges the days logged at the rate agreed (member SLE £350, 10% fee, VAT).
  await host.goto(`/networks/${networkId}/support/statements?term=2025-autumn`);
  await heading(host, /Statements/);
  await e2e.checkPage(host);
  await host.getByRole('link', { name: 'Hill Primary School' }).click();
  await heading(host, /Statement for Hill Primary School/);
  await e2e.checkPage(host);
  const statement = (await host.getByRole('main').textContent()) ?? '';
  expect(statement).toContain('Support (SLE): 1.5 days at £350.00 a day');
  expect(statement).toContain('Total due: £693.00');

  // The broker's other pages: offers, deployments, allocation; Priya's profile shows the impact.
  for (const [path, name] of [
    ['support/offers', 'Support offers'],
    ['support/deployments', 'Deployments'],
    ['support/allocate', 'Allocate all open requests'],
    [`directory/${people.priya}`, 'Priya Sharma'],
  ] as const) {
    await admin.goto(`/networks/${networkId}/${path}`);
    await heading(admin, name);
    await e2e.checkPage(admin);
  }
  expect(await admin.getByText('1 of 1 evaluated deployments rated good or better').count()).toBe(1);
  e2e.assertAllPagesChecked();
}, 240_000);
