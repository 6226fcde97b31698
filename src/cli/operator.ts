import { loadConfig } from '../config.ts';
import { operatorActor } from '../kernel/auth/actor.ts';
import type { CommandContext } from '../kernel/commands.ts';
import { BackupError } from '../kernel/db/backup.ts';
import type { Database } from '../kernel/db/client.ts';
import { migrate } from '../kernel/db/migrate.ts';
import { HttpError } from '../kernel/http/errors.ts';
import { createDeps, openConfiguredDatabase } from '../runtime.ts';

/** Bad input at the command line: the message is printed and the exit code is 2. */
export class UsageError extends Error {}

/** Print a usage error and set exit code 2; returns false so callers can `return fail(...)`. */
export function fail(message: string): false {
  console.error(message);
  process.exitCode = 2;
  return false;
}

/**
 * Run an operator command against the configured database (migrated first), closing it afterwards.
 * Refusals of bad input (unknown person, school, network; a backup that does not fit) exit with code 2.
 */
export async function asOperator(work: (ctx: Omit<CommandContext, 'db'>, database: Database) => Promise<void>): Promise<void> {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    await migrate(database);
    const { mailer } = createDeps(config, database);
    await work({ actor: operatorActor(), mailer, config }, database);
  } catch (err) {
    if (err instanceof UsageError || err instanceof BackupError) fail(err.message);
    else if (err instanceof HttpError && err.status < 500) fail(err.detail ?? err.title);
    else throw err;
  } finally {
    await database.close();
  }
}
