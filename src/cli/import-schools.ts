import { createReadStream } from 'node:fs';
import { access, constants } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { operatorActor } from '../kernel/auth/actor.ts';
import { migrate } from '../kernel/db/migrate.ts';
import { createDeps, openConfiguredDatabase } from '../runtime.ts';

/** Newlines in a file, read as a stream: the first figure for the progress line. */
async function countRows(file: string): Promise<number> {
  let lines = 0;
  let last = 10;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    if (chunk.length > 0) last = chunk[chunk.length - 1]!;
  }
  return Math.max(0, lines + (last === 10 ? 0 : 1) - 1);
}

/** `alliance import-schools FILE.csv`: exit 0 when the file was read (even with rejected rows), 2 when it could not be. */
export function registerImportSchoolsCommand(program: Command) {
  program
    .command('import-schools')
    .argument('<file>', 'a GIAS CSV: the full export (edubasealldata*.csv) or the reduced national file')
    .description('Import or update schools from a GIAS CSV file, by URN; safe to re-run')
    .action(async (file: string) => {
      try {
        await access(file, constants.R_OK);
      } catch {
        console.error(`Cannot read ${file}.`);
        process.exitCode = 2;
        return;
      }
      const config = loadConfig();
      const database = await openConfiguredDatabase(config);
      try {
        await migrate(database);
        const { importSchools } = await import('../modules/networks/commands/import-schools.ts');
        const deps = createDeps(config, database);
        const tty = process.stderr.isTTY;
        const started = Date.now();
        const result = await importSchools(
          { db: database.db, actor: operatorActor(), mailer: deps.mailer, config },
          {
            source: createReadStream(file),
            fileName: file,
            estimatedRows: await countRows(file),
            onProgress: (p) => {
              const pct = p.total ? Math.min(100, Math.floor((p.processed / p.total) * 100)) : 0;
              const line = `${p.processed.toLocaleString('en-GB')} of ${p.total.toLocaleString('en-GB')} rows (${pct}%): ${p.imported} imported, ${p.rejected} rejected`;
              if (tty) process.stderr.write(`\r\x1b[2K${line}`);
              else process.stderr.write(`${line}\n`);
            },
          },
        );
        if (tty) process.stderr.write('\n');
        if (result.status === 'failed') {
          console.error(`Nothing imported from ${file}: ${result.error}`);
          process.exitCode = 2;
          return;
        }
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        console.log(
          `Read ${result.processed} rows of ${file} (${result.format} GIAS format) in ${seconds} s: ${result.imported} imported or updated, ${result.rejected} rejected.`,
        );
        for (const r of result.rejections) console.log(`  line ${r.line}${r.urn ? `, URN ${r.urn}` : ''}: ${r.reason}`);
        if (result.rejected > result.rejections.length) console.log(`  ... and ${result.rejected - result.rejections.length} more`);
      } finally {
        await database.close();
      }
    });
}
