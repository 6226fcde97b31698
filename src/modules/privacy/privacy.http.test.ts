import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { loadConfig } from '../../config.ts';
import { auditEvents } from '../../kernel/audit/schema.ts';
import { operatorActor } from '../../kernel/auth/actor.ts';
import { inTransaction } from '../../kernel/commands.ts';
import { foreignKeys } from '../../kernel/db/foreign-keys.ts';
import { BLUE_SKY, seedDemo } from '../../seed/demo.ts';
import { makeMember } from '../../seed/factories.ts';
import { invitations, memberships, networks, people } from '../networks/schema.ts';
import { applyRetention } from './commands/apply-retention.ts';
import { ERASED_NAME, retainedOnErasure } from './domain.ts';
import type { PersonDataExport } from './queries.ts';

// UK GDPR rights over the demo data: the export holds every row that refers to a person (found by
// walking the schema's foreign keys to people, so tables added later are covered), erasure removes or
// anonymises them everywhere but the records kept for a stated reason, retention erases former members
// on schedule; all three audited.

let t: TestApp;
let networkId: string;
let admin: Awaited<ReturnType<TestApp['signIn']>>;
const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;

/** The people referred to by the most rows, through every foreign key to people. */
async function busiestPeople(n: number) {
  const fks = (await foreignKeys(t.db)).filter((fk) => fk.refTable === 'people');
  const unions = sql.join(
    fks.map((fk) => sql`select ${sql.identifier(fk.column)}::uuid as id from ${sql.identifier(fk.table)}`),
    sql` union all `,
  );
  return rowsOf<{ id: string }>(
    await t.db.execute(sql`select r.id from (${unions}) r join memberships m on m.person_id = r.id and m.network_id = ${networkId}
      where r.id is not null group by r.id order by count(*) desc limit ${n}`),
  ).map((r) => r.id);
}

async function referencesTo(personId: string) {
  const out: Record<string, number> = {};
  for (const fk of (await foreignKeys(t.db)).filter((f) => f.refTable === 'people')) {
    const [row] = rowsOf<{ n: number }>(
      await t.db.execute(sql`select count(*)::int as n from ${sql.identifier(fk.table)} where ${sql.identifier(fk.column)} = ${personId}`),
    );
    if (row!.n) out[`${fk.table}.${fk.column}`] = row!.n;
  }
  return out;
}

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo({ config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database: t.database });
  networkId = (await t.db.select().from(networks).where(eq(networks.name, BLUE_SKY)))[0]!.id;
  admin = await t.signIn((await makeMember(t.db, networkId, 'network_admin')).id);
}, 120_000);
afterAll(() => t.close());

describe('data export (right of access)', () => {
  it('holds every row that refers to the person, through every foreign key to people, without credentials', async () => {
    const fks = (await foreignKeys(t.db)).filter((fk) => fk.refTable === 'people' && fk.refColumn === 'id');
    expect(fks.length).toBeGreaterThan(10);
    let covered = 0;
    for (const personId of await busiestPeople(3)) {
      const res = await t.app.request(`/networks/${networkId}/people/${personId}/data-export`, { headers: admin.headers });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toContain('attachment');
      const data = (await res.json()) as PersonDataExport;
      expect(data.tables.people?.[0]?.id).toBe(personId);
      expect(data.references).toEqual(expect.arrayContaining(fks.map((fk) => ({ table: fk.table, column: fk.column }))));
      for (const fk of fks) {
        const ids = rowsOf<{ row: Record<string, unknown> }>(
          await t.db.execute(
            sql`select to_jsonb(x) as row from ${sql.identifier(fk.table)} x where ${sql.identifier(fk.column)} = ${personId}`,
          ),
        ).map((r) => JSON.stringify(r.row.id ?? r.row));
        if (ids.length) covered++;
        const exported = new Set((data.tables[fk.table] ?? []).map((r) => JSON.stringify(r.id ?? r)));
        for (const id of ids) expect(exported.has(id), `${fk.table}.${fk.column} row ${id} missing from the export`).toBe(true);
      }
      expect(JSON.stringify(data)).not.toMatch(/password_hash|token_hash|id_hash|csrf_token/);
    }
    expect(covered).toBeGreaterThan(3);
    const audited = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'privacy.data_exported'));
    expect(audited.length).toBe(3);
  });

  it('has no column that names a person without a foreign key to people (it would escape export and erasure)', async () => {
    const fkColumns = new Set((await foreignKeys(t.db)).map((fk) => `${fk.table}.${fk.column}`));
    const candidates = rowsOf<{ c: string }>(
      await t.db.execute(sql`select table_name || '.' || column_name as c from information_schema.columns
        where table_schema = 'public' and data_type = 'uuid' and column_name ~ '(^|_)(person|people|mentor|candidate|assessor|leader|author|reviewer)(_id)?$|_by$'`),
    ).map((r) => r.c);
    const handled = new Set(['audit_events.actor_id']);
    const loose = candidates.filter((c) => !fkColumns.has(c) && !handled.has(c));
    expect(loose, 'add .references(() => people.id, { onDelete: ... }) to these columns').toEqual([]);
  });

  it('lets a person download their own data from Your account and the API, and refuses a member who is not an admin', async () => {
    const member = await makeMember(t.db, networkId, 'participant');
    const session = await t.signIn(member.id);
    const page = await t.app.request('/account/data-export', { headers: session.headers });
    expect(page.status).toBe(200);
    expect(((await page.json()) as PersonDataExport).tables.people?.[0]?.email).toBe(member.email);
    const api = await t.app.request('/api/v1/me/data-export', { headers: session.headers });
    expect(((await api.json()) as PersonDataExport).personId).toBe(member.id);
    const other = (await busiestPeople(1))[0]!;
    expect((await t.app.request(`/networks/${networkId}/people/${other}/data-export`, { headers: session.headers })).status).toBe(403);
  });
});

describe('erasure', () => {
  it('removes or anonymises every reference except the records kept for a stated reason, and audits it', async () => {
    const personId = (await busiestPeople(1))[0]!;
    const [before] = await t.db.select().from(people).where(eq(people.id, personId));
    const refsBefore = await referencesTo(personId);
    expect(Object.keys(refsBefore).length).toBeGreaterThan(1);

    const form = await t.app.request(`/networks/${networkId}/people/${personId}/erase`, { headers: admin.headers });
    expect(form.status).toBe(200);
    expect(await form.text()).toContain(before!.fullName);
    expect((await t.post(`/networks/${networkId}/people/${personId}/erase`, admin, { reason: '' })).status).toBe(400);
    const res = await t.post(`/networks/${networkId}/people/${personId}/erase`, admin, { reason: 'Their request of 3 March (Art. 17)' });
    expect(res.status).toBe(303);

    const left = await referencesTo(personId);
    for (const key of Object.keys(left))
      expect(Object.keys(retainedOnErasure), `${key} still refers to the person`).toContain(key.split('.')[0]);
    const [after] = await t.db.select().from(people).where(eq(people.id, personId));
    expect(after!.fullName).toBe(ERASED_NAME);
    expect(after!.email).not.toBe(before!.email);
    expect(after!.passwordHash).toBeNull();
    const trail = JSON.stringify(await t.db.select().from(auditEvents));
    expect(trail).not.toContain(before!.email);
    const erased = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'privacy.person_erased'));
    expect(erased.some((e) => e.subjectId === personId && e.networkId === networkId)).toBe(true);
    const exported = await t.app.request('/api/v1/me/data-export', { headers: admin.headers });
    expect(JSON.stringify(await exported.json())).not.toContain(before!.email);
  });
});

describe('retention', () => {
  it('erases former members and old invitations past the network’s retention period, on schedule, audited', async () => {
    expect((await t.post(`/networks/${networkId}/privacy`, admin, { retentionMonths: 'forever' })).status).toBe(400);
    expect((await t.post(`/networks/${networkId}/privacy`, admin, { retentionMonths: '12' })).status).toBe(303);
    const longAgo = new Date(Date.now() - 2 * 365 * 24 * 3600_000);
    const former = await makeMember(t.db, networkId, 'participant');
    const recent = await makeMember(t.db, networkId, 'participant');
    const current = await makeMember(t.db, networkId, 'participant');
    for (const p of [former, recent, current]) {
      await t.db.update(people).set({ createdAt: longAgo }).where(eq(people.id, p.id));
      await t.db
        .insert(auditEvents)
        .values({ at: longAgo, actorLabel: 'test', networkId, action: 'role.revoked', subjectType: 'person', subjectId: p.id });
    }
    await t.db
      .insert(auditEvents)
      .values({ actorLabel: 'test', networkId, action: 'role.revoked', subjectType: 'person', subjectId: recent.id });
    await t.db.delete(memberships).where(sql`${memberships.personId} in (${former.id}, ${recent.id})`);
    await t.db.insert(invitations).values({
      networkId,
      email: 'never.came@example.org',
      fullName: 'Never Came',
      role: 'participant',
      tokenHash: 'x'.repeat(64),
      expiresAt: longAgo,
      createdAt: longAgo,
    });

    const reports = await inTransaction(t.database, (db) =>
      applyRetention({
        db,
        actor: operatorActor('cron'),
        mailer: { local: false, send: async () => {} },
        config: loadConfig({ NODE_ENV: 'test' }),
      }),
    );
    expect(reports.find((r) => r.networkId === networkId)).toMatchObject({ retentionMonths: 12, erasedPeople: 1, deletedInvitations: 1 });
    const name = async (id: string) => (await t.db.select().from(people).where(eq(people.id, id)))[0]!.fullName;
    expect(await name(former.id)).toBe(ERASED_NAME);
    expect(await name(recent.id)).not.toBe(ERASED_NAME);
    expect(await name(current.id)).not.toBe(ERASED_NAME);
    const actions = (await t.db.select().from(auditEvents).where(eq(auditEvents.networkId, networkId))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['privacy.retention_set', 'privacy.retention_applied', 'privacy.person_erased']));
  });
});

describe('where people find their rights', () => {
  it('links an admin to a person’s export and erasure, a colleague to neither, and everyone to their own export', async () => {
    const member = await makeMember(t.db, networkId, 'school_leader');
    const colleague = await t.signIn((await makeMember(t.db, networkId, 'school_leader')).id);
    const personPage = `/networks/${networkId}/people/${member.id}`;
    const asAdmin = await (await t.app.request(personPage, { headers: admin.headers })).text();
    expect(asAdmin).toContain(`href="${personPage}/data-export"`);
    expect(asAdmin).toContain(`href="${personPage}/erase"`);
    const asColleague = await t.app.request(personPage, { headers: colleague.headers });
    expect(asColleague.status).toBe(200);
    expect(await asColleague.text()).not.toContain('/data-export');
    const account = await (await t.app.request('/account', { headers: colleague.headers })).text();
    expect(account).toContain('href="/account/data-export"');
  });
});
