import { sql } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { notFound } from '../../../kernel/http/errors.ts';
import { ERASED_LABEL, ERASED_NAME, erasedEmail, retainedOnErasure } from '../domain.ts';
import { emailReferences, networksOf, personReferences } from '../queries.ts';

export interface ErasureReport {
  personId: string;
  deleted: Record<string, number>;
  unlinked: Record<string, number>;
  kept: Record<string, { rows: number; reason: string }>;
}

const q = (name: string) => sql.identifier(name);
const count = (result: unknown) =>
  (result as { rowCount?: number | null; affectedRows?: number }).rowCount ?? (result as { affectedRows?: number }).affectedRows ?? 0;

/**
 * Erase a person (UK GDPR right to erasure): every row that refers to them is deleted, or loses the
 * reference where the row belongs to others (ON DELETE SET NULL), except the records kept for a
 * legal reason (retainedOnErasure), which keep pointing at the person row, now anonymised.
 * Sessions, tokens and sign-in links go with it. Audited in each network the person belonged to.
 */
export async function erasePerson(ctx: CommandContext, input: { personId: string; reason: string }): Promise<ErasureReport> {
  const { db } = ctx;
  const rows = (await db.execute(sql`select email from people where id = ${input.personId} for update`)) as unknown as {
    rows: { email: string }[];
  };
  const email = rows.rows[0]?.email;
  if (email === undefined) throw notFound('Person');
  const networkIds = await networksOf(db, input.personId);
  const report: ErasureReport = { personId: input.personId, deleted: {}, unlinked: {}, kept: {} };
  const add = (into: Record<string, number>, table: string, n: number) => {
    if (n) into[table] = (into[table] ?? 0) + n;
  };

  // Rows in tables kept for a legal reason are counted, not touched.
  const references = await personReferences(db);
  for (const fk of references.filter((r) => r.table in retainedOnErasure)) {
    const n = (await db.execute(
      sql`select count(*)::int as n from ${q(fk.table)} where ${q(fk.column)} = ${input.personId}`,
    )) as unknown as {
      rows: { n: number }[];
    };
    if (n.rows[0]!.n)
      report.kept[fk.table] = { rows: (report.kept[fk.table]?.rows ?? 0) + n.rows[0]!.n, reason: retainedOnErasure[fk.table]! };
  }
  // References that belong to someone else's record lose the person; the person's own records go.
  for (const fk of references.filter((r) => !(r.table in retainedOnErasure) && r.onDelete === 'set null')) {
    add(
      report.unlinked,
      fk.table,
      count(await db.execute(sql`update ${q(fk.table)} set ${q(fk.column)} = null where ${q(fk.column)} = ${input.personId}`)),
    );
  }
  for (const fk of references.filter((r) => !(r.table in retainedOnErasure) && r.onDelete !== 'set null')) {
    add(report.deleted, fk.table, count(await db.execute(sql`delete from ${q(fk.table)} where ${q(fk.column)} = ${input.personId}`)));
  }
  for (const [table, column] of await emailReferences(db)) {
    add(report.deleted, table, count(await db.execute(sql`delete from ${q(table)} where lower(${q(column)}) = lower(${email})`)));
  }
  await db.execute(sql`delete from sign_in_attempts where key = ${`account:${email.trim().toLowerCase()}`}`);

  // The person row stays (kept records point at it) with nothing personal left in it.
  const nullable = (await db.execute(sql`
    select column_name from information_schema.columns
    where table_schema = 'public' and table_name = 'people' and is_nullable = 'YES'`)) as unknown as { rows: { column_name: string }[] };
  const clear = nullable.rows.map((c) => sql`${q(c.column_name)} = null`);
  await db.execute(
    sql`update people set full_name = ${ERASED_NAME}, email = ${erasedEmail(input.personId)}${clear.length ? sql`, ${sql.join(clear, sql`, `)}` : sql``} where id = ${input.personId}`,
  );
  // The audit trail is kept (accountability) without the name or email.
  await db.execute(sql`
    update audit_events set actor_label = ${ERASED_LABEL},
      detail = replace(detail::text, ${email}, ${ERASED_LABEL})::jsonb
    where actor_id = ${input.personId} or subject_id = ${input.personId} or actor_label = ${email}`);

  for (const networkId of networkIds.length ? networkIds : [null]) {
    await recordAudit(db, ctx.actor, {
      action: 'privacy.person_erased',
      subjectType: 'person',
      subjectId: input.personId,
      networkId,
      detail: { reason: input.reason, deleted: report.deleted, unlinked: report.unlinked, kept: Object.keys(report.kept) },
    });
  }
  return report;
}
