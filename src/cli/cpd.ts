import type { Command } from 'commander';
import { inTransaction } from '../kernel/commands.ts';
import { expireOffers } from '../modules/cpd/commands/expire-offers.ts';
import { sendFollowUps } from '../modules/cpd/commands/send-follow-ups.ts';
import { sendReminders } from '../modules/cpd/commands/send-reminders.ts';
import { asOperator, fail } from './operator.ts';

/** `alliance cpd expire-offers | send-reminders | send-follow-ups`: CPD housekeeping, for cron (safe to run often). */
export function registerCpdCommands(program: Command) {
  const cpd = program.command('cpd').description('CPD housekeeping: offers of freed places, reminders, follow-up surveys');
  cpd
    .command('expire-offers')
    .description('Close offers of places past their time limit and offer each place to the next on the waiting list')
    .action(async () => {
      await asOperator(async (ctx, database) => {
        const { expired } = await inTransaction(database, (db) => expireOffers({ ...ctx, db }));
        console.log(`${expired} ${expired === 1 ? 'offer' : 'offers'} expired.`);
      });
    });
  cpd
    .command('send-reminders')
    .description('Remind everyone with a place on a session starting soon (once per booking)')
    .option('--hours <hours>', 'how far ahead to look', '48')
    .action(async (opts: { hours: string }) => {
      const hours = Number(opts.hours);
      if (!Number.isInteger(hours) || hours < 1 || hours > 336) return void fail('--hours must be a whole number from 1 to 336');
      await asOperator(async (ctx, database) => {
        const { sent } = await inTransaction(database, (db) => sendReminders({ ...ctx, db }, { hours }));
        console.log(`${sent} ${sent === 1 ? 'reminder' : 'reminders'} sent.`);
      });
    });
  cpd
    .command('send-follow-ups')
    .description('Send the impact follow-up survey to attendees of sessions that ended the network’s follow-up weeks ago')
    .action(async () => {
      await asOperator(async (ctx, database) => {
        const { sessions, sent } = await inTransaction(database, (db) => sendFollowUps({ ...ctx, db }));
        console.log(
          `${sent} follow-up ${sent === 1 ? 'survey' : 'surveys'} sent for ${sessions} ${sessions === 1 ? 'session' : 'sessions'}.`,
        );
      });
    });
}
