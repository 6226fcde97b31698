import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeLpCandidate, makeLpCohort, makeLpEvidence } from '../../src/seed/accreditation-outcomes-factories.ts';
import { makeMember, makeNetwork, makeSchool } from '../../src/seed/factories.ts';
import { type E2E, startE2E } from '../support/e2e.ts';

let e2e: E2E;
let networkId: string;
let cohortId: string;
let adminId: string;
let assessorId: string;
const people: Record<'leanne' | 'ben', { personId: string; candidateId: string }> = {} as never;
let standards: { id: string; code: string }[];

beforeAll(async () => {
  e2e = await startE2E();
  const db = e2e.db;
  networkId = (await makeNetwork(db, { name: 'Blue Sky Teaching School Alliance' })).id;
  adminId = (await makeMember(db, networkId, 'network_admin', { fullName: 'Helen Barker' })).id;
  assessorId = (await makeMember(db, networkId, 'assessor', { fullName: 'Sam Assessor' })).id;
  const { cohort, framework } = await makeLpCohort(db, networkId, { name: 'Coventry cohort' });
  cohortId = cohort.id;
  standards = framework.standards;
  for (const [key, name] of [
    ['leanne', 'Leanne Casey'],
    ['ben', 'Ben Okafor'],
  ] as const) {
    const school = await makeSchool(db);
    const person = await makeMember(db, networkId, 'lp_candidate', { fullName: name, schoolUrn: school.urn });
    const { candidate, portfolio } = await makeLpCandidate(db, cohort.id, networkId, person.id, school.urn);
    await makeLpEvidence(db, portfolio.id, framework, [3, 3, 3, 3, 3, 3, 3, 2, 2, 1], { title: `${name}: Singapore maths CPD` });
    people[key] = { personId: person.id, candidateId: candidate.id };
  }
});
afterAll(() => e2e?.close());

it('a peer reviews, an assessor accredits and the certificate verifies publicly', async () => {
  const base = `/networks/${networkId}/accreditation`;

  // The LP manager confirms Alliance's proposed pairing.
  const admin = await e2e.newPageSignedInAs(adminId);
  await admin.goto(`${base}/cohorts/${cohortId}/peer-reviews`);
  await admin.getByRole('heading', { level: 1, name: 'Peer review pairings' }).waitFor();
  await e2e.checkPage(admin);
  await admin.getByRole('button', { name: 'Confirm pairings' }).click();
  await admin.getByRole('table', { name: 'Confirmed pairings' }).waitFor();
  await e2e.checkPage(admin);

  // Ben reviews Leanne's portfolio with the checklist; missing answers are named first.
  const ben = await e2e.newPageSignedInAs(people.ben.personId);
  await ben.goto(`${base}/peer-reviews`);
  await e2e.checkPage(ben);
  await ben.getByRole('link', { name: "Leanne Casey's portfolio" }).click();
  await ben.getByRole('heading', { level: 1, name: 'Leanne Casey’s portfolio' }).waitFor();
  await ben.getByText('Leanne Casey: Singapore maths CPD').waitFor();
  await e2e.checkPage(ben);
  await ben.getByRole('button', { name: 'Send peer review' }).click();
  await ben.getByRole('alert').getByText('There is a problem').waitFor();
  await e2e.checkPage(ben);
  for (const group of await ben.getByRole('group').all()) {
    const yes = group.getByLabel('Yes', { exact: true });
    if (await yes.count()) await yes.check();
  }
  await ben.getByLabel('What the portfolio does well').fill('Impact is measured before and after');
  await ben.getByRole('button', { name: 'Send peer review' }).click();
  await ben.getByText('Peer review sent', { exact: true }).waitFor();
  await e2e.checkPage(ben);

  // Leanne reviews Ben's in turn, then submits her own.
  const leanne = await e2e.newPageSignedInAs(people.leanne.personId);
  await leanne.goto(`${base}/peer-reviews`);
  await e2e.checkPage(leanne);
  await leanne.getByRole('link', { name: "Ben Okafor's portfolio" }).click();
  await leanne.getByRole('heading', { level: 1, name: 'Ben Okafor’s portfolio' }).waitFor();
  await e2e.checkPage(leanne);
  for (const group of await leanne.getByRole('group').all()) {
    const yes = group.getByLabel('Yes', { exact: true });
    if (await yes.count()) await yes.check();
  }
  await leanne.getByLabel('What the portfolio does well').fill('Strong coaching evidence');
  await leanne.getByRole('button', { name: 'Send peer review' }).click();
  await leanne.getByText('Peer review sent', { exact: true }).waitFor();
  await e2e.checkPage(leanne);
  await leanne.goto(`${base}/candidates/${people.leanne.candidateId}/submission`);
  await e2e.checkPage(leanne);
  await leanne.getByRole('button', { name: 'Submit portfolio for assessment' }).click();
  await leanne.getByText('Portfolio submitted', { exact: true }).waitFor();
  await e2e.checkPage(leanne);

  // The manager assigns the assessor, who judges every standard and finishes.
  await admin.goto(`${base}/submissions`);
  await e2e.checkPage(admin);
  await admin.getByRole('link', { name: 'Leanne Casey' }).click();
  await admin.getByRole('heading', { level: 1, name: /Leanne Casey/ }).waitFor();
  await e2e.checkPage(admin);
  await admin.getByLabel('Assessor').selectOption({ label: 'Sam Assessor' });
  await admin.getByRole('button', { name: 'Assign assessor' }).click();
  await admin.getByText('Assessor assigned', { exact: true }).waitFor();
  await e2e.checkPage(admin);

  const assessor = await e2e.newPageSignedInAs(assessorId);
  await assessor.goto(`${base}/submissions`);
  await e2e.checkPage(assessor);
  await assessor.getByRole('link', { name: 'Leanne Casey' }).click();
  await assessor.getByRole('heading', { level: 2, name: 'Assess each standard' }).waitFor();
  await e2e.checkPage(assessor);
  const levels = [3, 3, 3, 3, 4, 3, 3, 2, 2, 1];
  for (const [i, s] of standards.entries()) {
    await assessor.locator(`input[name="level-${s.id}"][value="${levels[i]}"]`).check();
    await assessor.getByLabel(`Feedback on ${s.code}`, { exact: true }).fill(`Evidence for ${s.code} reviewed`);
  }
  await assessor.getByRole('button', { name: 'Finish assessment' }).click();
  await assessor.getByText('Outcome decided', { exact: true }).waitFor();
  await assessor.getByText('Accredited', { exact: true }).waitFor();
  await e2e.checkPage(assessor);

  // Leanne's certificate, then its public page: no sign-in, name, framework and dates only.
  await leanne.goto(`${base}/certificates`);
  await e2e.checkPage(leanne);
  await leanne.getByRole('link', { name: 'Leanne Casey' }).click();
  await leanne.getByRole('heading', { level: 1, name: 'Leanne Casey' }).waitFor();
  await e2e.checkPage(leanne);
  const verifyHref = await leanne.getByRole('link', { name: 'Public verification page' }).getAttribute('href');
  const visitor = await e2e.newPage();
  await visitor.goto(verifyHref!);
  await visitor.getByRole('heading', { level: 1, name: 'Accredited Lead Practitioner' }).waitFor();
  await e2e.checkPage(visitor);
  const text = (await visitor.locator('main').textContent()) ?? '';
  expect(text).toContain('Leanne Casey');
  expect(text).toContain('Lead Practitioner standards');
  expect(text).not.toContain('@');
  expect(text).not.toContain('Coventry cohort');
  e2e.assertAllPagesChecked();
}, 300_000);
