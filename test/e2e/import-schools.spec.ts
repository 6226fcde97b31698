import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { schools } from '../../src/modules/networks/schema.ts';
import { makeMember, makeNetwork } from '../../src/seed/factories.ts';
import { type E2E, startE2E } from '../support/e2e.ts';

const sample = fileURLToPath(new URL('../fixtures/gias_sample.csv', import.meta.url));
const sampleRows = (parse(readFileSync(sample), { columns: true, bom: true }) as unknown[]).length;
let e2e: E2E;
let networkId: string;
let adminId: string;

beforeAll(async () => {
  e2e = await startE2E();
  const network = await makeNetwork(e2e.db, { name: 'Blue Sky Teaching School Alliance' });
  networkId = network.id;
  adminId = (await makeMember(e2e.db, network.id, 'network_admin', { fullName: 'Helen Barker', email: 'helen.barker@example.org' })).id;
});
afterAll(() => e2e?.close());

it('imports the GIAS sample through the upload page and shows how many schools came in', async () => {
  const page = await e2e.newPageSignedInAs(adminId);
  await page.goto(`/networks/${networkId}/schools`);
  await e2e.checkPage(page);
  await page.getByRole('link', { name: 'Import schools from a GIAS file' }).click();
  await page.getByRole('heading', { level: 1, name: 'Import schools' }).waitFor();
  await e2e.checkPage(page);

  // No file: the error summary, linked to the field.
  await page.getByRole('button', { name: 'Import schools' }).click();
  await page.getByRole('alert').getByText('There is a problem').waitFor();
  await e2e.checkPage(page);

  // While the import runs, the page updates itself in place (a live region, no reload) until the result shows.
  await page.getByLabel('GIAS CSV file').setInputFiles(sample);
  await page.getByRole('button', { name: 'Import schools' }).click();
  await page.getByRole('heading', { level: 1, name: 'Schools imported' }).waitFor({ timeout: 30_000 });
  await e2e.checkPage(page);

  const summary = page.locator('.govuk-summary-list');
  const value = async (key: string) =>
    Number(
      ((await summary.locator('.govuk-summary-list__row', { hasText: key }).locator('dd').textContent()) ?? '').replace(/[^0-9]/g, ''),
    );
  const imported = await value('Schools imported or updated');
  const rejected = await value('Rows rejected');
  expect(await value('Rows read')).toBe(sampleRows);
  expect(imported + rejected).toBe(sampleRows);
  expect(imported).toBeGreaterThan(0);
  const [inDatabase] = await e2e.db.select({ n: count() }).from(schools);
  expect(inDatabase!.n).toBe(imported);
  e2e.assertAllPagesChecked();
});
