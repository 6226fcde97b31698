import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { backupDatabase, restoreDatabase } from '../kernel/db/backup.ts';
import { asOperator, fail } from './operator.ts';

const progress = (message: string) => process.stderr.write(`  ${message}\n`);
const defaultName = () =>
  `alliance-backup-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-')}.jsonl.gz`;

/** `alliance backup` and `alliance restore`: one file format for PGlite and PostgreSQL. */
export function registerBackupCommands(program: Command) {
  program
    .command('backup')
    .description('Write a consistent snapshot of the whole database to a file (gzip’d JSON lines)')
    .option('--output <file>', 'where to write it (default: alliance-backup-<time>.jsonl.gz here)')
    .action(async (opts: { output?: string }) => {
      const file = opts.output ?? defaultName();
      await asOperator(async (_ctx, database) => {
        const started = Date.now();
        process.stderr.write(`Backing up the ${database.kind} database to ${file}\n`);
        const header = await backupDatabase(database, file, progress);
        const rows = header.tables.reduce((n, t) => n + t.rows, 0);
        process.stderr.write(
          `Done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${header.tables.length} tables, ${rows} rows, schema version ${header.migrations.count}.\n`,
        );
        console.log(file);
      });
    });

  program
    .command('restore')
    .description('Restore a backup into an empty database (PGlite or PostgreSQL, whichever made it)')
    .argument('<file>', 'a file written by `alliance backup`')
    .option('--force', 'replace everything in a database that already has networks or people')
    .action(async (file: string, opts: { force?: boolean }) => {
      if (!existsSync(file)) return void fail(`Cannot read ${file}.`);
      await asOperator(async (_ctx, database) => {
        const started = Date.now();
        process.stderr.write(`Restoring ${file} into the ${database.kind} database\n`);
        const header = await restoreDatabase(database, file, { force: opts.force ?? false, progress });
        const rows = header.tables.reduce((n, t) => n + t.rows, 0);
        console.error(
          `Restored ${rows} rows in ${header.tables.length} tables (backup of ${header.createdAt} from ${header.source}) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
        );
      });
    });
}
