import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cpdSessions } from '../../src/modules/cpd/schema.ts';
import { addSchoolToNetwork, makeMember, makeNetwork, makeSchool } from '../../src/seed/factories.ts';
import { type E2E, startE2E } from '../support/e2e.ts';

let e2e: E2E;
let networkId: string;
let adminId: string;
let firstId: string;
let secondId: string;
let secondEmail: string;
let facilitatorId: string;

beforeAll(async () => {
  e2e = await startE2E();
  const school = await makeSchool(e2e.db, { name: 'Oak Primary School' });
  const network = await makeNetwork(e2e.db, { name: 'Blue Sky Teaching School Alliance' });
  networkId = network.id;
  await addSchoolToNetwork(e2e.db, networkId, school.urn);
  adminId = (await makeMember(e2e.db, networkId, 'network_admin', { fullName: 'Helen Barker' })).id;
  firstId = (await makeMember(e2e.db, networkId, 'participant', { fullName: 'Amy Patel', schoolUrn: school.urn })).id;
  const ben = await makeMember(e2e.db, networkId, 'participant', { fullName: 'Ben Okafor', schoolUrn: school.urn });
  secondId = ben.id;
  secondEmail = ben.email;
  facilitatorId = (await makeMember(e2e.db, networkId, 'system_leader', { fullName: 'Tom Whitfield' })).id;
});
afterAll(() => e2e?.close());

it('an admin publishes a session; it fills, the next joins the waiting list, a cancellation offers them the place, and the facilitator takes the register', async () => {
  const admin = await e2e.newPageSignedInAs(adminId);
  await admin.goto(`/networks/${networkId}`);
  await e2e.checkPage(admin);
  await admin.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'CPD' }).click();
  await admin.getByRole('heading', { level: 1, name: 'Upcoming CPD sessions' }).waitFor();
  await e2e.checkPage(admin);
  await admin.getByRole('navigation', { name: 'CPD' }).getByRole('link', { name: 'Programmes' }).click();
  await e2e.checkPage(admin);
  await admin.getByRole('button', { name: 'Create a programme' }).click();
  await e2e.checkPage(admin);
  await admin.getByLabel('Title').fill('Monday twilights: literacy');
  await admin.getByLabel('Themes (optional)').fill('literacy, reading');
  await admin.getByLabel('Price a session for others').fill('45');
  await admin.getByRole('button', { name: 'Create programme' }).click();
  await admin.getByRole('heading', { level: 1, name: 'Monday twilights: literacy' }).waitFor();
  await e2e.checkPage(admin);

  await admin.getByRole('button', { name: 'Add a session' }).click();
  await admin.getByRole('heading', { level: 1, name: 'New session' }).waitFor();
  await e2e.checkPage(admin);
  const date = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  await admin.getByLabel('Title').fill('Reading for pleasure');
  await admin.getByLabel('Twilight (after school)').check();
  await admin.getByLabel('Date').fill(date);
  await admin.getByLabel('Start time').fill('16:00');
  await admin.getByLabel('End time').fill('17:30');
  await admin.getByLabel('Venue (optional)').fill('Oak Primary hall');
  await admin.getByLabel('Facilitator on Alliance (optional)').selectOption({ label: 'Tom Whitfield' });
  await admin.getByLabel('Places').fill('1');
  await admin.getByLabel('Publish now, so that members can book').check();
  await admin.getByRole('button', { name: 'Save session' }).click();
  await admin.getByRole('heading', { level: 1, name: 'Reading for pleasure' }).waitFor();
  await e2e.checkPage(admin);
  const sessionPath = new URL(admin.url()).pathname;

  // The first teacher books the only place.
  const amy = await e2e.newPageSignedInAs(firstId);
  await amy.goto(sessionPath);
  await e2e.checkPage(amy);
  await amy.getByRole('button', { name: 'Book a place' }).click();
  await amy.getByText('Booked: your place is confirmed').waitFor();
  await e2e.checkPage(amy);

  // The session is full: the second joins the waiting list.
  const ben = await e2e.newPageSignedInAs(secondId);
  await ben.goto(sessionPath);
  await e2e.checkPage(ben);
  await ben.getByRole('button', { name: 'Join the waiting list' }).click();
  await ben.getByText('The session is full: you are on the waiting list').waitFor();
  await e2e.checkPage(ben);
  const benBooking = new URL(ben.url()).pathname;

  // The first cancels; the place is offered to the second, who accepts it.
  await amy.getByRole('button', { name: 'Cancel this booking' }).click();
  await amy.getByText('Booking cancelled').waitFor();
  await e2e.checkPage(amy);
  await e2e.smtp.waitFor(secondEmail, /A place is free: Reading for pleasure/);
  await ben.goto(benBooking);
  await ben.getByText(/A place has come free and is held for you until/).waitFor();
  await e2e.checkPage(ben);
  await ben.getByRole('button', { name: 'Accept the place' }).click();
  await ben.getByText('Place accepted: your booking is confirmed').waitFor();
  await e2e.checkPage(ben);

  // On the day: the register, ticked on the admin's phone.
  const sessionId = sessionPath.split('/').at(-1)!;
  const soon = new Date(Date.now() + 20 * 60_000);
  await e2e.db
    .update(cpdSessions)
    .set({ startsAt: soon, endsAt: new Date(soon.getTime() + 90 * 60_000) })
    .where(eq(cpdSessions.id, sessionId));
  // On the day: the facilitator finds the session among theirs and ticks the register on a phone.
  const tom = await e2e.newPageSignedInAs(facilitatorId);
  await tom.setViewportSize({ width: 375, height: 740 });
  await tom.goto(`/networks/${networkId}/cpd`);
  await tom.getByRole('table', { name: 'Sessions you facilitate' }).waitFor();
  await e2e.checkPage(tom);
  await tom.getByRole('link', { name: 'Register for Reading for pleasure' }).click();
  await tom.getByRole('heading', { level: 1, name: 'Register: Reading for pleasure' }).waitFor();
  await e2e.checkPage(tom);
  await tom.getByLabel('Ben Okafor').check();
  await tom.getByRole('button', { name: 'Save the register' }).click();
  await tom.getByText('Register saved').waitFor();
  await tom.getByText('1 attended, 0 did not').waitFor();
  await e2e.checkPage(tom);
  expect(await tom.getByLabel('Ben Okafor').isChecked()).toBe(true);
  // The admin sees who facilitates on the session's page.
  await admin.goto(sessionPath);
  await admin.getByText('Tom Whitfield').waitFor();
  await e2e.checkPage(admin);

  // The network's CPD settings: a bad value is explained, a good one saved.
  await admin.getByRole('navigation', { name: 'CPD' }).getByRole('link', { name: 'Settings' }).click();
  await admin.getByRole('heading', { level: 1, name: 'CPD settings' }).waitFor();
  await e2e.checkPage(admin);
  await admin.getByLabel('How long a freed place is held').fill('0');
  await admin.getByRole('button', { name: 'Save settings' }).click();
  await admin.getByRole('link', { name: 'Enter how long a freed place is held from 1 to 336 hours (two weeks)' }).waitFor();
  await e2e.checkPage(admin);
  await admin.getByLabel('How long a freed place is held').fill('24');
  await admin.getByRole('button', { name: 'Save settings' }).click();
  await admin.getByText('CPD settings saved').waitFor();
  await e2e.checkPage(admin);
  e2e.assertAllPagesChecked();
}, 240_000);
