import type { Command } from 'commander';
import { z } from 'zod';
import { roles } from '../kernel/auth/actor.ts';
import { createUser } from '../kernel/auth/commands/create-user.ts';
import { inTransaction } from '../kernel/commands.ts';
import { asOperator, fail } from './operator.ts';

const options = z.object({
  email: z.string().trim().pipe(z.email('--email is not an email address (like name@school.org.uk)')),
  name: z.string().trim().min(1, '--name must not be empty'),
  school: z.coerce.number().int('--school must be a URN (a number)').positive('--school must be a URN (a number)').optional(),
  network: z.uuid('--network must be a network id (a UUID)').optional(),
  role: z.enum(roles, { error: `--role must be one of: ${roles.join(', ')}` }).optional(),
  passwordStdin: z.boolean().optional(),
});

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** `alliance user create`: create a person (or find them by email) and grant a role; prints the id. */
export function registerUserCommand(program: Command) {
  program
    .command('user')
    .description('Manage people from the command line')
    .command('create')
    .description('Create a person, or give a role to the person with that email; prints their id')
    .requiredOption('--email <email>', 'email address (unique, case-insensitive)')
    .requiredOption('--name <name>', 'full name')
    .option('--school <urn>', "URN of the person's school (imported already)")
    .option('--network <id>', 'network id, with --role')
    .option('--role <role>', `role in that network: ${roles.join(', ')}`)
    .option('--password-stdin', 'read a password (12 characters or more) from standard input')
    .action(async (raw: Record<string, unknown>) => {
      const parsed = options.safeParse(raw);
      if (!parsed.success) return void fail(parsed.error.issues.map((i) => i.message).join('\n'));
      const o = parsed.data;
      if ((o.network == null) !== (o.role == null)) return void fail('Give --network and --role together, or neither.');
      const password = o.passwordStdin ? await readStdin() : undefined;
      await asOperator(async (ctx, database) => {
        const result = await inTransaction(database, (db) =>
          createUser(
            { ...ctx, db },
            { email: o.email, fullName: o.name, schoolUrn: o.school, networkId: o.network, role: o.role, password },
          ),
        );
        console.error(
          `${result.created ? 'Created' : 'Found'} ${o.email}${result.roleAdded ? ` and gave them the role ${o.role}` : ''}${password ? '; password set' : ''}.`,
        );
        console.log(result.personId);
      });
    });
}
