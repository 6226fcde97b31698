import { eq, type SQL, sql } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import { actorPersonId } from '../../../kernel/auth/actor.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import {
  GiasFileError,
  type GiasFormat,
  type GiasInput,
  type GiasRejection,
  type GiasSchool,
  giasFields,
  placeholderName,
  readGias,
} from '../gias.ts';
import { schoolImports } from '../schema.ts';

export interface ImportProgress {
  total: number;
  processed: number;
  imported: number;
  rejected: number;
}

export interface ImportSchoolsInput {
  source: GiasInput;
  fileName: string;
  /** The network whose admin started the import (null from the CLI). */
  networkId?: string | null;
  /** A run already recorded by beginSchoolImport (the upload page redirects to it before the work starts). */
  importId?: string;
  /** Rows expected, for the progress bar; corrected when the file has been read. */
  estimatedRows?: number;
  onProgress?: (progress: ImportProgress) => void;
  batchSize?: number;
}

export interface ImportSchoolsResult extends ImportProgress {
  importId: string;
  status: 'finished' | 'failed';
  format: GiasFormat | null;
  rejections: GiasRejection[];
  /** Why the whole file was refused (wrong header, broken CSV). */
  error: string | null;
}

/** Rejections kept in the import record; beyond this only the count grows. */
const MAX_STORED_REJECTIONS = 10_000;

/** Data rows in a file, from its line count: a first figure for the progress bar. */
export function estimateRows(bytes: Uint8Array | string): number {
  let lines = 0;
  if (typeof bytes === 'string') for (let i = bytes.indexOf('\n'); i !== -1; i = bytes.indexOf('\n', i + 1)) lines++;
  else for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) lines++;
  const last = typeof bytes === 'string' ? bytes.at(-1) : bytes.at(-1) === 10 ? '\n' : 'x';
  return Math.max(0, lines + (last === '\n' ? 0 : 1) - 1);
}

/** Record a run as started, so that a page can show its progress while the work goes on in the background. */
export async function beginSchoolImport(
  ctx: CommandContext,
  input: { fileName: string; networkId?: string | null; estimatedRows?: number },
): Promise<string> {
  const [row] = await ctx.db
    .insert(schoolImports)
    .values({
      fileName: input.fileName,
      networkId: input.networkId ?? null,
      startedBy: actorPersonId(ctx.actor),
      totalRows: input.estimatedRows ?? 0,
    })
    .returning({ id: schoolImports.id });
  return row!.id;
}

/**
 * Import a GIAS file: upsert good rows by URN in batches, report each bad row. Safe to re-run.
 * Give it the database rather than a transaction: each batch commits with its progress, so that
 * the progress page can read it and a large file does not hold one long transaction.
 */
export async function importSchools(ctx: CommandContext, input: ImportSchoolsInput): Promise<ImportSchoolsResult> {
  const importId = input.importId ?? (await beginSchoolImport(ctx, input));
  const batchSize = input.batchSize ?? 2000;
  const progress: ImportProgress = { total: input.estimatedRows ?? 0, processed: 0, imported: 0, rejected: 0 };
  const rejections: GiasRejection[] = [];
  let format: GiasFormat | null = null;
  let batch: GiasSchool[] = [];

  const flush = async () => {
    const rows = batch;
    batch = [];
    await ctx.db.transaction(async (tx) => {
      if (rows.length > 0 && format) await upsertSchools(tx, format, rows);
      progress.imported += rows.length;
      progress.total = Math.max(progress.total, progress.processed);
      await tx
        .update(schoolImports)
        .set({
          totalRows: progress.total,
          processedRows: progress.processed,
          importedRows: progress.imported,
          rejectedRows: progress.rejected,
        })
        .where(eq(schoolImports.id, importId));
    });
    input.onProgress?.({ ...progress });
  };

  try {
    for await (const event of readGias(input.source, (f) => {
      format = f;
    })) {
      progress.processed++;
      if (event.kind === 'rejected') {
        progress.rejected++;
        if (rejections.length < MAX_STORED_REJECTIONS) rejections.push(event.rejection);
      } else {
        batch.push(event.school);
        if (batch.length >= batchSize) await flush();
      }
    }
  } catch (err) {
    if (!(err instanceof GiasFileError)) {
      await finish(ctx, importId, 'failed', progress, rejections, String(err));
      throw err;
    }
    await finish(ctx, importId, 'failed', progress, rejections, err.message);
    return { importId, status: 'failed', format, ...progress, rejections, error: err.message };
  }
  progress.total = progress.processed;
  await flush();
  await ctx.db.transaction(async (tx) => {
    await finish({ ...ctx, db: tx }, importId, 'finished', progress, rejections, null);
    await recordAudit(tx, ctx.actor, {
      action: 'schools.imported',
      subjectType: 'school_import',
      subjectId: importId,
      networkId: input.networkId ?? null,
      detail: { fileName: input.fileName, format, rows: progress.processed, imported: progress.imported, rejected: progress.rejected },
    });
  });
  await refreshSearchIndex(ctx.db);
  return { importId, status: 'finished', format, ...progress, rejections, error: null };
}

/**
 * After a bulk load: fresh planner statistics, and the trigram index's pending list merged (PGlite has no
 * autovacuum to do it; until then every name search scans the list). Best effort: the import has committed.
 */
async function refreshSearchIndex(db: CommandContext['db']) {
  try {
    await db.execute(sql`analyze schools`);
    await db.execute(sql`select gin_clean_pending_list('schools_name_trgm_idx'::regclass)`);
  } catch {
    // e.g. a role without the rights: searches are slower until autovacuum runs, nothing is wrong.
  }
}

async function finish(
  ctx: Pick<CommandContext, 'db'>,
  importId: string,
  status: 'finished' | 'failed',
  progress: ImportProgress,
  rejections: GiasRejection[],
  error: string | null,
) {
  await ctx.db
    .update(schoolImports)
    .set({
      status,
      totalRows: progress.total,
      processedRows: progress.processed,
      importedRows: progress.imported,
      rejectedRows: progress.rejected,
      rejections: JSON.stringify(rejections),
      error,
      finishedAt: new Date(),
    })
    .where(eq(schoolImports.id, importId));
}

const columnOf = {
  name: 'name',
  phase: 'phase',
  type: 'type',
  localAuthority: 'local_authority',
  region: 'region',
  postcode: 'postcode',
  easting: 'easting',
  northing: 'northing',
  ofstedRating: 'ofsted_rating',
  ofstedDate: 'ofsted_date',
  isOpen: 'is_open',
} as const satisfies Record<Exclude<keyof GiasSchool, 'urn'>, string>;

/**
 * One INSERT ... ON CONFLICT (urn) DO UPDATE per batch. Only the columns the file's format has are
 * overwritten; a placeholder name never replaces a stored one; unchanged rows are left untouched.
 */
async function upsertSchools(db: CommandContext['db'], format: GiasFormat, rows: GiasSchool[]) {
  const assignments: SQL[] = [];
  const changed: SQL[] = [];
  for (const field of giasFields(format)) {
    if (field === 'urn') continue;
    const column = sql.raw(`"${columnOf[field]}"`);
    if (field === 'name') {
      // The placeholder is written only for a new school; an existing name (real or not) stays.
      assignments.push(sql`name = case when excluded.name = 'School ' || excluded.urn then schools.name else excluded.name end`);
      changed.push(sql`(excluded.name <> 'School ' || excluded.urn and excluded.name <> schools.name)`);
    } else {
      assignments.push(sql`${column} = excluded.${column}`);
      changed.push(sql`excluded.${column} is distinct from schools.${column}`);
    }
  }
  // The batch travels as one JSON parameter: far cheaper for both drivers than a dozen parameters a row.
  const json = JSON.stringify(
    rows.map((r) => ({
      urn: r.urn,
      name: r.name ?? placeholderName(r.urn),
      phase: r.phase,
      type: r.type,
      local_authority: r.localAuthority,
      region: r.region,
      postcode: r.postcode,
      easting: r.easting,
      northing: r.northing,
      ofsted_rating: r.ofstedRating,
      ofsted_date: r.ofstedDate,
      is_open: r.isOpen,
    })),
  );
  await db.execute(sql`
    insert into schools (urn, name, phase, type, local_authority, region, postcode, easting, northing, ofsted_rating, ofsted_date, is_open)
    select * from json_to_recordset(${json}::json) as r(urn integer, name text, phase text, type text, local_authority text,
      region text, postcode text, easting integer, northing integer, ofsted_rating text, ofsted_date date, is_open boolean)
    on conflict (urn) do update set ${sql.join(assignments, sql`, `)}, updated_at = now()
    where ${sql.join(changed, sql` or `)}`);
}
