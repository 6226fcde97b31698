import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeMember, makeNetwork } from '../../src/seed/factories.ts';
import { type E2E, linkIn, startE2E } from '../support/e2e.ts';

let e2e: E2E;
let networkId: string;

beforeAll(async () => {
  e2e = await startE2E();
  const network = await makeNetwork(e2e.db, { name: 'Blue Sky Teaching School Alliance' });
  networkId = network.id;
  await makeMember(e2e.db, network.id, 'network_admin', { fullName: 'Helen Barker', email: 'helen.barker@example.org' });
});
afterAll(() => e2e?.close());

it('signs in with a link mailed through SMTP and lands on the network home', async () => {
  const page = await e2e.newPage();
  await page.goto('/');
  await expect.poll(() => new URL(page.url()).pathname).toBe('/sign-in');
  await e2e.checkPage(page);

  // Ask for a link: the form under the main heading.
  const linkForm = page.locator('form').filter({ has: page.getByRole('button', { name: 'Email me a sign-in link' }) });
  await linkForm.getByLabel('Email address').fill('Helen.Barker@example.org');
  await linkForm.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();
  await e2e.checkPage(page);

  const mail = await e2e.smtp.waitFor('helen.barker@example.org', /sign in/i);
  const link = linkIn(mail.text, /^\/sign-in\/link$/);
  expect(new URL(link).origin).toBe(e2e.baseUrl);

  await page.goto(link);
  await e2e.checkPage(page);
  await page.getByRole('button', { name: 'Continue to Alliance' }).click();
  await page.getByRole('heading', { level: 1, name: 'Blue Sky Teaching School Alliance' }).waitFor();
  expect(new URL(page.url()).pathname).toBe(`/networks/${networkId}`);
  await e2e.checkPage(page);

  // The link works once.
  await page.goto(link);
  await e2e.checkPage(page);
  await page.getByRole('button', { name: 'Continue to Alliance' }).click();
  await page.getByRole('heading', { name: 'That sign-in link has expired or been used' }).waitFor();
  await e2e.checkPage(page);
  e2e.assertAllPagesChecked();
});
