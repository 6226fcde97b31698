import type { Command } from 'commander';
import { z } from 'zod';
import { inTransaction } from '../kernel/commands.ts';
import { todayIso } from '../kernel/dates.ts';
import { createNetwork } from '../modules/networks/commands/create-network.ts';
import { createPartnership } from '../modules/networks/commands/create-partnership.ts';
import { networkKinds } from '../modules/networks/domain.ts';
import { listNetworks } from '../modules/networks/queries.ts';
import { asOperator, fail } from './operator.ts';

export const createOptions = z.object({
  name: z.string().trim().min(1, '--name must not be empty').max(200, '--name must be 200 characters or fewer'),
  kind: z.enum(networkKinds, { error: `--kind must be one of: ${networkKinds.join(', ')}` }),
  leadUrn: z
    .string()
    .regex(/^[1-9]\d{0,7}$/, '--lead-urn must be a URN (a number, like 142205)')
    .transform(Number)
    .optional(),
  adminEmail: z.string().trim().pipe(z.email('--admin-email is not an email address (like name@school.org.uk)')).optional(),
});

const partnerOptions = z.object({
  a: z.uuid('--a must be a network id (a UUID)'),
  b: z.uuid('--b must be a network id (a UUID)'),
});

const usage = (error: z.ZodError) => fail(error.issues.map((i) => i.message).join('\n'));

/** `alliance network create | list | partner`: set up networks before anyone can sign in to one. */
export function registerNetworkCommands(program: Command) {
  const network = program.command('network').description('Manage networks from the command line');
  network
    .command('create')
    .description('Create a network (with its lead school as a member from today, and a first admin); prints its id')
    .requiredOption('--name <name>', 'the network’s name (unique)')
    .requiredOption('--kind <kind>', `one of: ${networkKinds.join(', ')}`)
    .option('--lead-urn <urn>', 'URN of the lead school (imported already)')
    .option('--admin-email <email>', 'email of a person (created already) to make network admin')
    .action(async (raw: Record<string, unknown>) => {
      const parsed = createOptions.safeParse(raw);
      if (!parsed.success) return void usage(parsed.error);
      const o = parsed.data;
      await asOperator(async (ctx, database) => {
        const { network: created } = await inTransaction(database, (db) =>
          createNetwork(
            { ...ctx, db },
            { name: o.name, kind: o.kind, leadSchoolUrn: o.leadUrn, adminEmail: o.adminEmail, joinedOn: todayIso() },
          ),
        );
        console.error(
          `Created ${created.name}${o.leadUrn ? `, led by URN ${o.leadUrn}` : ''}${o.adminEmail ? `, with ${o.adminEmail} as network admin` : ''}.`,
        );
        console.log(created.id);
      });
    });
  network
    .command('list')
    .description('List every network: id, kind, lead school URN and name, tab-separated')
    .action(async () => {
      await asOperator(async (_ctx, database) => {
        for (const n of await listNetworks(database.db, null)) console.log([n.id, n.kind, n.leadSchoolUrn ?? '', n.name].join('\t'));
      });
    });
  network
    .command('partner')
    .description(
      'Start an active partnership between two networks from today, with no proposal to accept (they see each other’s directory and offers); prints its id',
    )
    .requiredOption('--a <id>', 'one network id')
    .requiredOption('--b <id>', 'the other network id')
    .action(async (raw: Record<string, unknown>) => {
      const parsed = partnerOptions.safeParse(raw);
      if (!parsed.success) return void usage(parsed.error);
      const { a, b } = parsed.data;
      await asOperator(async (ctx, database) => {
        const row = await inTransaction(database, (db) =>
          createPartnership({ ...ctx, db }, { networkId: a, partnerNetworkId: b, startedOn: todayIso() }),
        );
        console.error('Partnership started.');
        console.log(row.id);
      });
    });
}
