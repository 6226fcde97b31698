import type { Command } from 'commander';
import { z } from 'zod';
import { createApiToken } from '../kernel/auth/commands/create-api-token.ts';
import { findPersonByEmail } from '../kernel/auth/sign-in.ts';
import { inTransaction } from '../kernel/commands.ts';
import { asOperator, fail, UsageError } from './operator.ts';

const options = z.object({
  email: z.string().trim().pipe(z.email('--email is not an email address (like name@school.org.uk)')),
  name: z.string().trim().min(1, '--name must not be empty').max(100, '--name must be 100 characters or fewer'),
});

/** `alliance token create`: stdout gets only the token, so a script can capture it. */
export function registerTokenCommand(program: Command) {
  program
    .command('token')
    .description('Personal API tokens')
    .command('create')
    .description('Create a personal API token for a person and print it (once)')
    .requiredOption('--email <email>', 'whose token: it acts with their roles')
    .option('--name <name>', 'a name to tell tokens apart', 'Command line')
    .action(async (raw: Record<string, unknown>) => {
      const parsed = options.safeParse(raw);
      if (!parsed.success) return void fail(parsed.error.issues.map((i) => i.message).join('\n'));
      await asOperator(async (ctx, database) => {
        const created = await inTransaction(database, async (db) => {
          const person = await findPersonByEmail(db, parsed.data.email);
          if (!person) throw new UsageError(`No person has the email ${parsed.data.email}: create them with \`alliance user create\`.`);
          return createApiToken({ ...ctx, db }, { personId: person.id, name: parsed.data.name });
        });
        console.error(`API token "${created.name}" for ${parsed.data.email}. It is shown only this once: store it somewhere safe.`);
        console.log(created.token);
      });
    });
}
