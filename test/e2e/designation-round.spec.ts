import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findPersonByEmail } from '../../src/kernel/auth/sign-in.ts';
import { networks } from '../../src/modules/networks/schema.ts';
import { BLUE_SKY, type Persona, seedDemo } from '../../src/seed/demo.ts';
import { makeMember } from '../../src/seed/factories.ts';
import { type E2E, startE2E } from '../support/e2e.ts';

let e2e: E2E;
let personas: Persona[];
let networkId: string;

beforeAll(async () => {
  e2e = await startE2E();
  personas = await seedDemo(e2e.deps);
  networkId = (await e2e.db.select().from(networks).where(eq(networks.name, BLUE_SKY)))[0]!.id;
}, 120_000);
afterAll(() => e2e?.close());

const idOf = async (name: string) => (await findPersonByEmail(e2e.db, personas.find((p) => p.name === name)!.email))!.id;

it('walks a round from application through endorsement and scoring to designation, then a statement and the reports', async () => {
  const head = await findPersonByEmail(e2e.db, personas.find((p) => p.name === 'Rachel Hughes')!.email);
  const applicant = await makeMember(e2e.db, networkId, 'participant', {
    fullName: 'Maya Okafor',
    schoolUrn: head!.schoolUrn,
    leadershipLevel: 'middle_leader',
  });

  // The applicant finds the open round from the designations page and applies.
  const page = await e2e.newPageSignedInAs(applicant.id);
  await page.goto(`/networks/${networkId}/designations`);
  await e2e.checkPage(page);
  await page.getByRole('link', { name: 'Designation rounds' }).click();
  await page.getByRole('heading', { level: 1, name: 'Designation rounds' }).waitFor();
  await e2e.checkPage(page);
  await page.getByRole('link', { name: 'SLE designation: primary cohort' }).click();
  await e2e.checkPage(page);
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('heading', { level: 1, name: /Apply to be designated/ }).waitFor();
  await e2e.checkPage(page);
  await page.getByRole('button', { name: 'Send application' }).click();
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  await e2e.checkPage(page);
  await page.getByLabel('Phase').selectOption('primary');
  await page.getByLabel('Years in a leadership role below headteacher', { exact: true }).fill('3');
  await page.getByRole('checkbox', { name: 'Mathematics' }).check();
  await page.getByLabel(/Criterion 1/).fill('Head of maths for four years.');
  await page.getByLabel(/Criterion 2/).fill('KS2 maths at the expected standard up from 61% to 82%.');
  await page.getByLabel(/Criterion 3/).fill('I coach two new subject leaders.');
  await page.getByRole('button', { name: 'Send application' }).click();
  await page.getByText('Application sent').waitFor();
  await e2e.checkPage(page);
  const applicationUrl = page.url().split('?')[0]!;

  // Her headteacher endorses it and confirms the release days.
  const asHead = await e2e.newPageSignedInAs(head!.id);
  await asHead.goto(applicationUrl);
  await e2e.checkPage(asHead);
  await asHead.getByRole('radio', { name: /Yes, I endorse it/ }).check();
  await asHead.getByLabel('Days a year you will release them').fill('15');
  await asHead.getByRole('button', { name: 'Send endorsement' }).click();
  await asHead.getByText('Endorsed, with the panel').first().waitFor();
  await e2e.checkPage(asHead);

  // The director scores it against each criterion and designates.
  const asAdmin = await e2e.newPageSignedInAs(await idOf('Helen Barker'));
  await asAdmin.goto(applicationUrl);
  await e2e.checkPage(asAdmin);
  await asAdmin.getByRole('textbox', { name: /^At least two years.*\(0 to 4\)/ }).fill('4');
  await asAdmin.getByRole('textbox', { name: /^A record of impact.*\(0 to 4\)/ }).fill('3');
  await asAdmin.getByRole('textbox', { name: /^Coaching or facilitation.*\(0 to 4\)/ }).fill('3');
  await asAdmin.getByRole('button', { name: 'Save scores' }).click();
  await asAdmin.getByText('Total: 10 of 12').waitFor();
  await e2e.checkPage(asAdmin);
  await asAdmin.getByRole('radio', { name: 'Designate' }).check();
  await asAdmin.getByRole('button', { name: 'Record the decision' }).click();
  await asAdmin.getByRole('link', { name: 'See the designation' }).waitFor();
  await e2e.checkPage(asAdmin);
  await asAdmin.getByRole('link', { name: 'See the designation' }).click();
  await asAdmin.getByRole('heading', { level: 1, name: 'Maya Okafor' }).waitFor();
  await e2e.checkPage(asAdmin);
  expect(await asAdmin.getByRole('main').textContent()).toContain('Mathematics');

  // A statement from last year's autumn term (the demo's deployments), and the reports with their charts.
  await asAdmin.goto(`/networks/${networkId}/support/statements`);
  await e2e.checkPage(asAdmin);
  await asAdmin.getByLabel('Term').selectOption({ label: 'Autumn term 2025' });
  await asAdmin.getByRole('button', { name: 'Show' }).click();
  await asAdmin.getByRole('heading', { level: 1, name: /Statements/ }).waitFor();
  await e2e.checkPage(asAdmin);
  await asAdmin.getByRole('table').first().getByRole('link').first().click();
  await asAdmin.getByRole('heading', { level: 1, name: /Statement for/ }).waitFor();
  await e2e.checkPage(asAdmin);
  expect(await asAdmin.getByRole('main').textContent()).toContain('Total due: £');
  await asAdmin.getByRole('link', { name: 'Reports' }).click();
  await asAdmin.getByRole('heading', { level: 1, name: /Support reports/ }).waitFor();
  await e2e.checkPage(asAdmin);
  await asAdmin.goto(`/networks/${networkId}/support/reports?year=2025`);
  await e2e.checkPage(asAdmin);
  expect(await asAdmin.locator('svg.app-chart').count()).toBe(2);
  e2e.assertAllPagesChecked();
}, 240_000);
