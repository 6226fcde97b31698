import { and, eq, isNull } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertDefaultFramework } from '../../src/modules/cpd/commands/adopt-default-framework.ts';
import { trioSignups } from '../../src/modules/cpd/development-schema.ts';
import { defaultFramework } from '../../src/modules/cpd/leadership-domain.ts';
import { specialisms } from '../../src/modules/networks/schema.ts';
import { makeMember, makeNetwork, makeSchool } from '../../src/seed/factories.ts';
import { type E2E, linkIn, startE2E } from '../support/e2e.ts';

let e2e: E2E;
let networkId: string;
let leaderId: string;
const raters = [
  ['Line manager', 'chair@st-michaels.example.org'],
  ['Peer', 'peer.head@example.org'],
  ['Member of their team', 'deputy@st-michaels.example.org'],
] as const;

beforeAll(async () => {
  e2e = await startE2E();
  const school = await makeSchool(e2e.db, { name: "St Michael's Church of England Primary School" });
  networkId = (await makeNetwork(e2e.db, { name: 'Blue Sky Teaching School Alliance' })).id;
  leaderId = (await makeMember(e2e.db, networkId, 'school_leader', { fullName: 'Rachel Hughes', schoolUrn: school.urn })).id;
  await insertDefaultFramework(e2e.db, networkId);
});
afterAll(() => e2e?.close());

/** Choose a rating for every quality of the default framework, on a leader's or a rater's form. */
async function rateAll(page: Page, rating: string) {
  for (const q of defaultFramework) await page.getByRole('group', { name: q.name }).getByLabel(rating).check();
}

async function answer(link: string, rating: string) {
  const rater = await e2e.newPage();
  await rater.goto(link);
  await rater.getByRole('heading', { level: 1, name: 'Feedback for Rachel Hughes' }).waitFor();
  await e2e.checkPage(rater);
  await rateAll(rater, rating);
  await rater.getByLabel('Anything else you would like to say (optional)').fill(`Rated ${rating}`);
  await rater.getByRole('button', { name: 'Send my feedback' }).click();
  await rater.getByRole('heading', { name: 'Thank you for your feedback' }).waitFor();
  await e2e.checkPage(rater);
  return rater;
}

it('a leader rates themself, three raters answer anonymously through single-use links, and the report suggests a pathway', async () => {
  const leader = await e2e.newPageSignedInAs(leaderId);
  // From the network's home, through the CPD menu and its sub-navigation.
  await leader.goto(`/networks/${networkId}`);
  await e2e.checkPage(leader);
  await leader.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'CPD' }).click();
  await leader.waitForURL(/\/cpd$/);
  await e2e.checkPage(leader);
  await leader.getByRole('navigation', { name: 'CPD' }).getByRole('link', { name: 'Leadership and 360' }).click();
  await leader.getByRole('heading', { level: 1, name: 'Leadership and 360' }).waitFor();
  await e2e.checkPage(leader);
  await leader.getByLabel('Name of a new 360').fill('Spring term 2026');
  await leader.getByRole('button', { name: 'Start a 360' }).click();
  await leader.getByRole('heading', { level: 1, name: 'Spring term 2026' }).waitFor();
  await e2e.checkPage(leader);

  // Saving with nothing chosen names each quality in the error summary.
  await leader.getByRole('button', { name: 'Save my ratings' }).click();
  await leader.getByRole('alert').getByText('There is a problem').waitFor();
  await e2e.checkPage(leader);
  await rateAll(leader, '5 – Consistently');
  await leader.getByRole('button', { name: 'Save my ratings' }).click();
  await leader.getByRole('heading', { level: 2, name: 'Raters' }).waitFor();
  await e2e.checkPage(leader);

  for (const [relationship, email] of raters) {
    await leader.getByLabel('How they work with you').selectOption({ label: relationship });
    await leader.getByLabel('Email address').fill(email);
    await leader.getByRole('button', { name: 'Send invitation' }).click();
    await leader.getByText('Invitation sent').first().waitFor();
    await e2e.checkPage(leader);
  }
  const links: string[] = [];
  for (const [, email] of raters) {
    const mail = await e2e.smtp.waitFor(email, /Rachel Hughes asks for your feedback/);
    links.push(linkIn(mail.text, /^\/feedback360\/respond$/));
  }

  await answer(links[0]!, '3 – Often');
  await answer(links[1]!, '4 – Usually');

  // A used link says so plainly.
  const again = await e2e.newPage();
  await again.goto(links[0]!);
  await again.getByRole('heading', { level: 1, name: 'This link has already been used' }).waitFor();
  await e2e.checkPage(again);

  // Two answers: no report yet, and the count is given.
  await leader.goto(`${new URL(leader.url()).pathname}/report`);
  await leader.getByText('2 of at least 3 raters have answered').waitFor();
  await e2e.checkPage(leader);

  await answer(links[2]!, '2 – Sometimes');
  await leader.reload();
  await leader.getByText('Based on 3 anonymous answers').waitFor();
  expect(await leader.locator('svg.app-chart').count()).toBe(1);
  const table = leader.getByRole('table', { name: 'Your ratings and others’ for each quality' });
  await table.getByRole('row', { name: /Vision and direction 5 3\.0 \+2\.0/ }).waitFor();
  expect(await leader.getByText('chair@st-michaels.example.org').count()).toBe(0);
  await e2e.checkPage(leader);

  await leader
    .getByRole('button', { name: /^Add to my pathway/ })
    .first()
    .click();
  await leader.getByRole('heading', { level: 2, name: 'Your development pathway' }).waitFor();
  await leader.getByText(/: Planned$/).waitFor();
  await e2e.checkPage(leader);

  e2e.assertAllPagesChecked();
}, 240_000);

it('trios and heads’ peer review: sign up, the admin’s proposal, a trio, a review group and a visit, axe on every page', async () => {
  const [maths] = await e2e.db
    .select()
    .from(specialisms)
    .where(and(eq(specialisms.code, 'maths'), isNull(specialisms.networkId)));
  const adminId = (await makeMember(e2e.db, networkId, 'network_admin', { fullName: 'Helen Barker' })).id;
  const teachers: string[] = [];
  const heads: string[] = [leaderId];
  for (let i = 0; i < 3; i++) {
    const school = await makeSchool(e2e.db, { easting: 433000 + i * 1500, northing: 279000 });
    teachers.push((await makeMember(e2e.db, networkId, 'participant', { fullName: `Teacher ${i}`, schoolUrn: school.urn })).id);
    if (i < 2) heads.push((await makeMember(e2e.db, networkId, 'school_leader', { fullName: `Head ${i}`, schoolUrn: school.urn })).id);
  }
  const schoolOf = async (id: string) => (await e2e.db.query.people.findFirst({ where: (p, { eq }) => eq(p.id, id) }))!.schoolUrn!;
  for (const id of teachers.slice(1))
    await e2e.db
      .insert(trioSignups)
      .values({ networkId, personId: id, schoolUrn: await schoolOf(id), phase: 'primary', focusId: maths!.id });

  const teacher = await e2e.newPageSignedInAs(teachers[0]!);
  await teacher.goto(`/networks/${networkId}/cpd/trios`);
  await e2e.checkPage(teacher);
  await teacher.getByLabel('Your phase').selectOption({ label: 'Primary' });
  await teacher.getByLabel('Focus').selectOption(maths!.id);
  await teacher.getByRole('button', { name: 'Sign up' }).click();
  await teacher.getByText('You have signed up and are waiting').waitFor();
  await e2e.checkPage(teacher);

  const admin = await e2e.newPageSignedInAs(adminId);
  await admin.goto(`/networks/${networkId}/cpd/trios`);
  await e2e.checkPage(admin);
  await admin.getByRole('link', { name: 'Propose trios from the sign-ups' }).click();
  await admin.getByRole('heading', { level: 1, name: 'Propose trios' }).waitFor();
  await e2e.checkPage(admin);
  await admin.getByRole('button', { name: 'Create these trios' }).click();
  await admin.getByText('Saved').waitFor();
  await e2e.checkPage(admin);
  await admin.getByRole('link', { name: /Mathematics trio/ }).click();
  await admin.getByRole('heading', { level: 2, name: 'Adjust the trio' }).waitFor();
  await e2e.checkPage(admin);

  await teacher.goto(`/networks/${networkId}/cpd/trios`);
  await e2e.checkPage(teacher);
  await teacher.getByRole('link', { name: 'open your trio' }).click();
  await teacher.getByRole('heading', { level: 2, name: 'Cycles' }).waitFor();
  await e2e.checkPage(teacher);
  await teacher.getByLabel('What the trio did').selectOption({ label: 'Reciprocal observation' });
  await teacher.getByLabel('Date').fill('2026-01-20');
  await teacher.getByLabel('Notes').fill('Observed each other’s openers');
  await teacher.getByRole('button', { name: 'Record cycle' }).click();
  await teacher.getByText('Observed each other’s openers').waitFor();
  await e2e.checkPage(teacher);

  await admin.getByRole('navigation', { name: 'CPD' }).getByRole('link', { name: 'Heads’ peer review' }).click();
  await admin.getByRole('heading', { level: 1, name: 'Heads’ peer review' }).waitFor();
  await e2e.checkPage(admin);
  await admin.getByLabel('Name').fill('North triad');
  await admin.getByLabel('Framework').selectOption({ label: 'Ofsted school inspection toolkit (from November 2025)' });
  for (const name of ['Rachel Hughes', 'Head 0', 'Head 1']) await admin.getByLabel(new RegExp(`${name} \\(`)).check();
  await admin.getByRole('button', { name: 'Form group' }).click();
  await admin.getByText('Review group created').waitFor();
  await e2e.checkPage(admin);

  const head = await e2e.newPageSignedInAs(heads[1]!);
  await head.goto(`/networks/${networkId}/cpd/peer-review`);
  await e2e.checkPage(head);
  await head.getByRole('link', { name: 'North triad' }).click();
  await head.getByRole('heading', { level: 2, name: 'Rotation' }).waitFor();
  await e2e.checkPage(head);
  await head.getByRole('link', { name: /Rachel Hughes/ }).click();
  await head.getByRole('heading', { level: 2, name: 'Record the visit' }).waitFor();
  await e2e.checkPage(head);
  await head.getByLabel('Findings').fill('Reading strong; fluency uneven in Year 4');
  await head.getByLabel('Agreed actions').fill('Daily fluency routine');
  await head.getByRole('button', { name: 'Save visit' }).click();
  await head.getByText('Visit saved').waitFor();
  await e2e.checkPage(head);

  e2e.assertAllPagesChecked();
}, 240_000);
