import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';

export interface ForeignKey {
  table: string;
  column: string;
  refTable: string;
  refColumn: string;
  onDelete: 'cascade' | 'set null' | 'restrict' | 'no action' | 'set default';
}

const actions: Record<string, ForeignKey['onDelete']> = { c: 'cascade', n: 'set null', r: 'restrict', a: 'no action', d: 'set default' };

/** Every single-column foreign key of the application's tables (public schema), read from the catalogue. */
export async function foreignKeys(db: Db): Promise<ForeignKey[]> {
  const result = await db.execute(sql`
    select c.relname as "table", a.attname as "column", rc.relname as "refTable", ra.attname as "refColumn", k.confdeltype as "onDelete"
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
    join pg_class rc on rc.oid = k.confrelid
    join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
    join pg_attribute ra on ra.attrelid = k.confrelid and ra.attnum = k.confkey[1]
    where k.contype = 'f' and n.nspname = 'public' and array_length(k.conkey, 1) = 1
    order by 1, 2`);
  return (result as unknown as { rows: (Omit<ForeignKey, 'onDelete'> & { onDelete: string })[] }).rows.map((r) => ({
    ...r,
    onDelete: actions[r.onDelete] ?? 'no action',
  }));
}

/** Columns of each application table, by table name. */
export async function tableColumns(db: Db): Promise<Map<string, string[]>> {
  const result = await db.execute(sql`
    select table_name as "table", column_name as "column" from information_schema.columns
    where table_schema = 'public' order by table_name, ordinal_position`);
  const map = new Map<string, string[]>();
  for (const r of (result as unknown as { rows: { table: string; column: string }[] }).rows) {
    map.set(r.table, [...(map.get(r.table) ?? []), r.column]);
  }
  return map;
}
