import type { Command } from 'commander';
import { z } from 'zod';
import { inTransaction } from '../kernel/commands.ts';
import { sendExpiryReminders } from '../modules/accreditation/commands/send-expiry-reminders.ts';
import { asOperator, fail } from './operator.ts';

const options = z.object({ today: z.iso.date('--today must be a date like 2026-09-01').optional() });

/** `alliance accreditation remind`: run daily (cron); each LP is mailed once when their accreditation has 90 days or fewer left. */
export function registerAccreditationCommands(program: Command) {
  program
    .command('accreditation')
    .description('Lead Practitioner accreditation')
    .command('remind')
    .description('Mail accredited LPs whose accreditation ends within 90 days (each once)')
    .option('--today <date>', 'treat this date as today (yyyy-mm-dd)')
    .action(async (raw: Record<string, unknown>) => {
      const parsed = options.safeParse(raw);
      if (!parsed.success) return void fail(parsed.error.issues.map((i) => i.message).join('\n'));
      await asOperator(async (ctx, database) => {
        const { sent } = await inTransaction(database, (db) => sendExpiryReminders({ ...ctx, db }, { today: parsed.data.today }));
        console.log(`Sent ${sent} expiry ${sent === 1 ? 'reminder' : 'reminders'}.`);
      });
    });
}
