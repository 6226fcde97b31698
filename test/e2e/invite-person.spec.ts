import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeMember, makeNetwork, makeSchool } from '../../src/seed/factories.ts';
import { type E2E, linkIn, startE2E } from '../support/e2e.ts';

let e2e: E2E;
let networkId: string;
let adminId: string;

beforeAll(async () => {
  e2e = await startE2E();
  const school = await makeSchool(e2e.db, { urn: 142205, name: 'Sacred Heart Catholic Primary School' });
  const network = await makeNetwork(e2e.db, { name: 'Blue Sky Teaching School Alliance', leadSchoolUrn: school.urn });
  networkId = network.id;
  adminId = (
    await makeMember(e2e.db, network.id, 'network_admin', {
      fullName: 'Helen Barker',
      email: 'helen.barker@example.org',
      schoolUrn: school.urn,
    })
  ).id;
});
afterAll(() => e2e?.close());

it('a network admin invites a person, who signs in through the link in the invitation mail', async () => {
  const admin = await e2e.newPageSignedInAs(adminId);
  await admin.goto(`/networks/${networkId}`);
  await e2e.checkPage(admin);
  await admin.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'People' }).click();
  await admin.getByRole('heading', { level: 1, name: 'People' }).waitFor();
  await e2e.checkPage(admin);
  await admin.getByRole('link', { name: 'Invite someone by email' }).click();
  await admin.getByRole('heading', { level: 1, name: 'Invite someone' }).waitFor();
  await e2e.checkPage(admin);

  // Submitting the empty form shows the error summary first.
  await admin.getByRole('button', { name: 'Send invitation' }).click();
  await admin.getByRole('alert').getByText('There is a problem').waitFor();
  await e2e.checkPage(admin);

  await admin.getByLabel('Full name').fill('Leanne Casey');
  await admin.getByLabel('Email address').fill('leanne.casey@st-michaels.example.org');
  await admin.getByLabel('School URN (optional)').fill('142205');
  await admin.getByLabel('Role in this network').selectOption({ label: 'Lead Practitioner candidate' });
  await admin.getByRole('button', { name: 'Send invitation' }).click();
  await admin.getByRole('heading', { name: 'Invitation sent' }).waitFor();
  await e2e.checkPage(admin);

  const mail = await e2e.smtp.waitFor('leanne.casey@st-michaels.example.org', /invited to join Blue Sky/);
  const link = linkIn(mail.text, /^\/invitations\/accept$/);

  const invitee = await e2e.newPage();
  await invitee.goto(link);
  await invitee.getByRole('heading', { level: 1, name: 'Join Blue Sky Teaching School Alliance' }).waitFor();
  await e2e.checkPage(invitee);
  await invitee.getByRole('button', { name: 'Accept and sign in' }).click();
  await invitee.getByRole('heading', { level: 1, name: 'Blue Sky Teaching School Alliance' }).waitFor();
  expect(new URL(invitee.url()).pathname).toBe(`/networks/${networkId}`);
  await invitee.getByText(/You are here as: Lead Practitioner candidate/).waitFor();
  await e2e.checkPage(invitee);

  // The invitation is spent: the same link now explains that.
  await invitee.goto(link);
  await invitee.getByRole('heading', { level: 1, name: 'This invitation has already been used' }).waitFor();
  await e2e.checkPage(invitee);
  e2e.assertAllPagesChecked();
});
