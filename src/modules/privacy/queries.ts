import { sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import { foreignKeys } from '../../kernel/db/foreign-keys.ts';
import { secretColumn } from './domain.ts';

export interface PersonDataExport {
  format: 'alliance-personal-data';
  version: 1;
  exportedAt: string;
  personId: string;
  /** Every row that refers to the person, by table; `people` holds the person's own row. */
  tables: Record<string, Record<string, unknown>[]>;
  /** How each table refers to the person (the foreign keys walked, plus email and audit references). */
  references: { table: string; column: string }[];
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
const q = (name: string) => sql.identifier(name);
const withoutSecrets = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).filter(([k]) => !secretColumn(k)));

/** The foreign keys that point at a person (people.id): read from the catalogue, so new tables are covered. */
export async function personReferences(db: Db) {
  return (await foreignKeys(db)).filter((fk) => fk.refTable === 'people' && fk.refColumn === 'id');
}

async function rowsWhere(db: Db, table: string, condition: ReturnType<typeof sql>) {
  return rowsOf<{ row: Record<string, unknown> }>(
    await db.execute(sql`select to_jsonb(t) as row from ${q(table)} t where ${condition} order by 1`),
  ).map((r) => withoutSecrets(r.row));
}

/** Everything Alliance holds about a person, machine-readable (JSON). Null when there is no such person. */
export async function personData(db: Db, personId: string): Promise<PersonDataExport | null> {
  const [person] = await rowsWhere(db, 'people', sql`t.id = ${personId}`);
  if (!person) return null;
  const email = String(person.email);
  const tables: PersonDataExport['tables'] = { people: [person] };
  const references: PersonDataExport['references'] = [];
  const add = (table: string, rows: Record<string, unknown>[]) => {
    if (rows.length === 0) return;
    const seen = new Set((tables[table] ?? []).map((r) => JSON.stringify(r)));
    tables[table] = [...(tables[table] ?? []), ...rows.filter((r) => !seen.has(JSON.stringify(r)))];
  };
  for (const fk of await personReferences(db)) {
    references.push({ table: fk.table, column: fk.column });
    add(fk.table, await rowsWhere(db, fk.table, sql`${sql`t.${q(fk.column)}`} = ${personId}`));
  }
  // References without a foreign key: the audit trail (by or about the person) and rows keyed by email.
  references.push({ table: 'audit_events', column: 'actor_id' }, { table: 'audit_events', column: 'subject_id' });
  add('audit_events', await rowsWhere(db, 'audit_events', sql`t.actor_id = ${personId} or t.subject_id = ${personId}`));
  for (const [table, column] of await emailReferences(db)) {
    references.push({ table, column });
    add(table, await rowsWhere(db, table, sql`lower(${sql`t.${q(column)}`}) = lower(${email})`));
  }
  return { format: 'alliance-personal-data', version: 1, exportedAt: new Date().toISOString(), personId, tables, references };
}

/** Tables that name a person by email address rather than by id (invitations, the development outbox). */
export async function emailReferences(db: Db): Promise<[string, string][]> {
  const known: [string, string][] = [
    ['invitations', 'email'],
    ['outbox_messages', 'to'],
  ];
  const present = rowsOf<{ table_name: string; column_name: string }>(
    await db.execute(sql`select table_name, column_name from information_schema.columns where table_schema = 'public'`),
  );
  return known.filter(([t, c]) => present.some((p) => p.table_name === t && p.column_name === c));
}

/** The networks a person belongs to (where an erasure or export is recorded). */
export async function networksOf(db: Db, personId: string): Promise<string[]> {
  return rowsOf<{ network_id: string }>(
    await db.execute(sql`select distinct network_id from memberships where person_id = ${personId}`),
  ).map((r) => r.network_id);
}

/** Is the person a member of the network (so its admins may act on their data)? */
export async function isMemberOf(db: Db, networkId: string, personId: string): Promise<boolean> {
  return (await networksOf(db, personId)).includes(networkId);
}

export async function retentionOf(db: Db, networkId: string): Promise<number | null> {
  const [row] = rowsOf<{ retention_months: number | null }>(
    await db.execute(sql`select retention_months from privacy_settings where network_id = ${networkId}`),
  );
  return row?.retention_months ?? null;
}
