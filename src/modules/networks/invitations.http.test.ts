import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { auditEvents } from '../../kernel/audit/schema.ts';
import { makeMember, makeNetwork, makeSchool } from '../../seed/factories.ts';
import { invitations, memberships, people } from './schema.ts';

type Session = Awaited<ReturnType<TestApp['signIn']>>;
let t: TestApp;
let own: { id: string };
let other: { id: string };
let schoolA: { urn: number };
let schoolB: { urn: number };
let admin: { id: string };
let leader: { id: string };
let teacher: { id: string; email: string };
let outsider: { id: string; email: string };
let asAdmin: Session;
let asLeader: Session;
let asTeacher: Session;
let asOutsider: Session;

beforeAll(async () => {
  t = await createTestApp();
  own = await makeNetwork(t.db, { name: 'Blue Sky Teaching School Alliance' });
  other = await makeNetwork(t.db, { name: 'Elsewhere Trust', kind: 'trust' });
  schoolA = await makeSchool(t.db, { name: 'Sacred Heart Primary' });
  schoolB = await makeSchool(t.db, { name: 'Caludon Castle School' });
  admin = await makeMember(t.db, own.id, 'network_admin', { fullName: 'Nadia Admin' });
  leader = await makeMember(t.db, own.id, 'school_leader', { fullName: 'Harriet Head', schoolUrn: schoolA.urn });
  teacher = await makeMember(t.db, own.id, 'participant', { fullName: 'Tom Teacher', schoolUrn: schoolA.urn });
  outsider = await makeMember(t.db, other.id, 'network_admin', { fullName: 'Olive Outsider', schoolUrn: schoolB.urn });
  asAdmin = await t.signIn(admin.id);
  asLeader = await t.signIn(leader.id);
  asTeacher = await t.signIn(teacher.id);
  asOutsider = await t.signIn(outsider.id);
});
afterAll(() => t.close());

const invite = (s: Session, fields: Record<string, string>, networkId = own.id) =>
  t.post(`/networks/${networkId}/invitations`, s, { fullName: 'Ivy Invitee', schoolUrn: '', role: 'participant', ...fields });
const invitationTo = async (email: string) => (await t.db.select().from(invitations).where(eq(invitations.email, email)))[0];
const lastLinkTo = (email: string) => {
  const mail = [...t.mail].reverse().find((m) => m.to === email);
  const link = mail?.text.match(/http:\/\/localhost(\/invitations\/accept\?token=[\w-]+)/)?.[1];
  if (!link) throw new Error(`no invitation mailed to ${email}`);
  return link;
};
const auditOf = (action: string) => t.db.select().from(auditEvents).where(eq(auditEvents.action, action));
const personByEmail = async (email: string) =>
  (await t.db.select().from(people).where(sql`lower(${people.email}) = ${email.toLowerCase()}`))[0];

/** Open the link as a stranger (no session), then press the button, as a browser would. */
async function accept(link: string) {
  const page = await t.app.request(link);
  const html = await page.text();
  // A refused link's page has no form: take the anonymous CSRF pair from the sign-in page instead.
  const signIn = await t.app.request('/sign-in');
  const csrfCookie = signIn.headers.get('set-cookie')?.match(/alliance_csrf=[^;]+/)?.[0] ?? '';
  const csrf = (await signIn.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
  const token = new URL(`http://localhost${link}`).searchParams.get('token') ?? '';
  const res = await t.app.request('/invitations/accept', {
    method: 'POST',
    body: new URLSearchParams({ _csrf: csrf, token }),
    headers: { cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
  });
  return { page, html, res };
}

describe('inviting and accepting', () => {
  it('lets a network admin invite by email: the link shows the invitation and accepting signs the invitee in', async () => {
    const sent = await invite(asAdmin, { email: 'ivy@example.org', role: 'system_leader', schoolUrn: String(schoolB.urn) });
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain('Invitation sent');
    const row = await invitationTo('ivy@example.org');
    expect(row).toMatchObject({ networkId: own.id, role: 'system_leader', invitedBy: admin.id, acceptedAt: null });
    const days = (row!.expiresAt.getTime() - Date.now()) / 86400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThanOrEqual(14);
    expect((await auditOf('invitation.created')).some((e) => e.subjectId === row!.id && e.actorId === admin.id)).toBe(true);

    const link = lastLinkTo('ivy@example.org');
    // Opening the link (as a mail scanner would) spends nothing.
    expect((await t.app.request(link)).status).toBe(200);
    const { html, res } = await accept(link);
    expect(html).toContain('Nadia Admin has invited you to join Blue Sky Teaching School Alliance on Alliance as System leader');
    expect(html).toContain('Accept and sign in');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/networks/${own.id}`);
    const sessionCookie = res.headers.get('set-cookie')?.match(/alliance_session=[^;]+/)?.[0];
    expect(sessionCookie).toBeTruthy();
    const home = await t.app.request(`/networks/${own.id}`, { headers: { cookie: sessionCookie! } });
    expect(home.status).toBe(200);

    const ivy = await personByEmail('ivy@example.org');
    expect(ivy).toMatchObject({ fullName: 'Ivy Invitee', schoolUrn: schoolB.urn });
    const roles = await t.db.select().from(memberships).where(eq(memberships.personId, ivy!.id));
    expect(roles.map((m) => [m.networkId, m.role])).toEqual([[own.id, 'system_leader']]);
    expect((await invitationTo('ivy@example.org'))?.acceptedAt).not.toBeNull();
    const accepted = (await auditOf('invitation.accepted')).find((e) => e.subjectId === row!.id);
    expect(accepted?.actorId).toBe(ivy!.id);
  });

  it('refuses a used link with a clear page', async () => {
    const link = lastLinkTo('ivy@example.org');
    const again = await accept(link);
    expect(again.page.status).toBe(400);
    expect(again.html).toContain('This invitation has already been used');
    expect(again.res.status).toBe(400);
  });

  it('refuses an expired link', async () => {
    await invite(asAdmin, { email: 'late@example.org' });
    await t.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.email, 'late@example.org'));
    const { page, html, res } = await accept(lastLinkTo('late@example.org'));
    expect(page.status).toBe(400);
    expect(html).toContain('This invitation has expired');
    expect(res.status).toBe(400);
    expect(await personByEmail('late@example.org')).toBeUndefined();
  });

  it('refuses an unknown token', async () => {
    const res = await t.app.request('/invitations/accept?token=made-up');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('This invitation link is not valid');
  });

  it('adds the role to an existing person with that email instead of creating another', async () => {
    await invite(asAdmin, { email: outsider.email.toUpperCase(), role: 'he_partner', fullName: 'Someone Else' });
    const { res } = await accept(lastLinkTo(outsider.email.toUpperCase()));
    expect(res.status).toBe(303);
    const rows = await t.db.select().from(people).where(sql`lower(${people.email}) = ${outsider.email.toLowerCase()}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.fullName).toBe('Olive Outsider');
    const roles = await t.db.select().from(memberships).where(eq(memberships.personId, outsider.id));
    expect(roles.map((m) => `${m.networkId === own.id ? 'own' : 'other'}:${m.role}`).sort()).toEqual([
      'other:network_admin',
      'own:he_partner',
    ]);
  });

  it('says clearly when the email is already a member with that role, and sends nothing', async () => {
    const before = t.mail.length;
    const res = await invite(asAdmin, { email: teacher.email.toUpperCase(), role: 'participant' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain(`${teacher.email} is already a member of this network as Teacher or participant`);
    expect(t.mail.length).toBe(before);
  });

  it('re-renders the form with messages on bad input, saving nothing', async () => {
    const res = await t.post(`/networks/${own.id}/invitations`, asAdmin, { fullName: '', email: 'nope', role: 'king', schoolUrn: '-4' });
    expect(res.status).toBe(400);
    const html = await res.text();
    for (const message of [
      'Enter their full name',
      'Enter an email address in the correct format',
      'Select a role',
      'School URN must be a number',
    ]) {
      expect(html).toContain(message);
    }
    expect(await invitationTo('nope')).toBeUndefined();
  });
});

describe('who may invite', () => {
  it('lets a school leader invite staff of their own school to staff roles', async () => {
    const res = await invite(asLeader, { email: 'newstaff@sacredheart.example', role: 'trainee' });
    expect(res.status).toBe(200);
    expect(await invitationTo('newstaff@sacredheart.example')).toMatchObject({
      schoolUrn: schoolA.urn,
      role: 'trainee',
      invitedBy: leader.id,
    });
  });

  it('refuses a school leader inviting to another school or to an admin role (audited)', async () => {
    const otherSchool = await invite(asLeader, { email: 'castle@example.org', schoolUrn: String(schoolB.urn) });
    expect(otherSchool.status).toBe(403);
    const adminRole = await invite(asLeader, { email: 'boss@example.org', role: 'network_admin' });
    expect(adminRole.status).toBe(403);
    expect(await invitationTo('castle@example.org')).toBeUndefined();
    expect(await invitationTo('boss@example.org')).toBeUndefined();
    const refused = (await auditOf('access.refused')).filter((e) => e.actorId === leader.id);
    expect(refused.map((e) => e.detail.action)).toEqual(expect.arrayContaining(['invitation.create', 'membership.manage']));
  });

  it('refuses a participant, and an admin of another network', async () => {
    expect((await t.app.request(`/networks/${own.id}/invitations/new`, { headers: asTeacher.headers })).status).toBe(403);
    expect((await invite(asTeacher, { email: 't1@example.org' })).status).toBe(403);
    expect((await invite(asOutsider, { email: 't2@example.org' })).status).toBe(403);
    expect(await invitationTo('t1@example.org')).toBeUndefined();
    expect(await invitationTo('t2@example.org')).toBeUndefined();
  });
});

describe('pending invitations', () => {
  it('shows admins the pending invitations and lets them revoke one, audited; the link then fails', async () => {
    await invite(asAdmin, { email: 'maybe@example.org', fullName: 'May Be' });
    const row = await invitationTo('maybe@example.org');
    const list = await (await t.app.request(`/networks/${own.id}/invitations`, { headers: asAdmin.headers })).text();
    expect(list).toContain('maybe@example.org');
    expect(list).not.toContain('ivy@example.org'); // accepted
    expect(list).not.toContain('late@example.org'); // expired
    const res = await t.post(`/networks/${own.id}/invitations/${row!.id}/revoke`, asAdmin, {});
    expect(res.status).toBe(303);
    expect((await invitationTo('maybe@example.org'))?.revokedAt).not.toBeNull();
    expect((await auditOf('invitation.revoked')).some((e) => e.subjectId === row!.id && e.actorId === admin.id)).toBe(true);
    const { html, res: acceptRes } = await accept(lastLinkTo('maybe@example.org'));
    expect(html).toContain('This invitation has been withdrawn');
    expect(acceptRes.status).toBe(400);
    expect(await personByEmail('maybe@example.org')).toBeUndefined();
  });

  it('keeps the list and revoking to admins of the network', async () => {
    await invite(asAdmin, { email: 'keep@example.org' });
    const row = await invitationTo('keep@example.org');
    expect((await t.app.request(`/networks/${own.id}/invitations`, { headers: asLeader.headers })).status).toBe(403);
    expect((await t.post(`/networks/${own.id}/invitations/${row!.id}/revoke`, asLeader, {})).status).toBe(403);
    // An admin of another network, through their own network's path: refused and audited.
    expect((await t.post(`/networks/${other.id}/invitations/${row!.id}/revoke`, asOutsider, {})).status).toBe(403);
    const refusals = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'access.refused'), eq(auditEvents.actorId, outsider.id), eq(auditEvents.networkId, own.id)));
    expect(refusals.length).toBeGreaterThan(0);
    expect((await t.post(`/networks/${own.id}/invitations/00000000-0000-4000-8000-000000000000/revoke`, asAdmin, {})).status).toBe(404);
    expect((await invitationTo('keep@example.org'))?.revokedAt).toBeNull();
  });
});
