import type { Command } from 'commander';
import { sql } from 'drizzle-orm';
import { inTransaction } from '../kernel/commands.ts';
import { applyRetention } from '../modules/privacy/commands/apply-retention.ts';
import { erasePerson } from '../modules/privacy/commands/erase-person.ts';
import { exportPersonData } from '../modules/privacy/commands/export-person-data.ts';
import { asOperator, UsageError } from './operator.ts';

/** A person by id or email. */
async function personIdOf(db: Parameters<typeof exportPersonData>[0]['db'], who: string) {
  const rows = (await db.execute(sql`select id from people where id::text = ${who} or lower(email) = lower(${who})`)) as unknown as {
    rows: { id: string }[];
  };
  if (!rows.rows[0]) throw new UsageError(`No person ${who}.`);
  return rows.rows[0].id;
}

/** `alliance privacy export|erase|apply-retention`: UK GDPR requests at the command line, audited like the pages. */
export function registerPrivacyCommands(program: Command) {
  const privacy = program.command('privacy').description('UK GDPR: export or erase a person’s data; apply retention (run daily from cron)');
  privacy
    .command('export')
    .description('Print everything held about a person as JSON')
    .argument('<person>', 'id or email')
    .action(async (who: string) => {
      await asOperator(async (ctx, database) => {
        const data = await inTransaction(database, async (db) =>
          exportPersonData({ ...ctx, db }, { personId: await personIdOf(db, who), networkId: null, via: 'cli' }),
        );
        console.log(JSON.stringify(data, null, 2));
      });
    });
  privacy
    .command('erase')
    .description('Erase a person everywhere, keeping only the records held for a legal reason')
    .argument('<person>', 'id or email')
    .requiredOption('--reason <text>', 'why (recorded in the audit log)')
    .action(async (who: string, opts: { reason: string }) => {
      await asOperator(async (ctx, database) => {
        const report = await inTransaction(database, async (db) =>
          erasePerson({ ...ctx, db }, { personId: await personIdOf(db, who), reason: opts.reason }),
        );
        console.log(JSON.stringify(report, null, 2));
      });
    });
  privacy
    .command('apply-retention')
    .description('Erase former members and old invitations past each network’s retention period (for cron, daily)')
    .action(async () => {
      await asOperator(async (ctx, database) => {
        const reports = await inTransaction(database, (db) => applyRetention({ ...ctx, db }));
        for (const r of reports) {
          console.log(
            `${r.networkId}: ${r.retentionMonths} months; ${r.erasedPeople} people erased, ${r.deletedInvitations} invitations deleted`,
          );
        }
      });
    });
}
