import type { Config } from '../config.ts';
import type { Actor } from './auth/actor.ts';
import type { Database, Db } from './db/client.ts';
import { withMailAfterCommit } from './mail/after-commit.ts';
import type { Mailer } from './mail/mailer.ts';

/**
 * What every command receives: the open transaction, who is acting, and the outside world.
 * A command applies the domain rules, writes, records its audit event (same transaction) and sends mail.
 */
export interface CommandContext {
  db: Db;
  actor: Actor;
  mailer: Mailer;
  config: Config;
}

/**
 * Run `work` in one transaction: everything it writes (with its audit events) commits or none does.
 * Mail it sends goes out after the commit (see mailAfterCommit).
 */
export function inTransaction<T>(database: Database, work: (db: Db) => Promise<T>): Promise<T> {
  return withMailAfterCommit(() => database.db.transaction((tx) => work(tx)));
}
