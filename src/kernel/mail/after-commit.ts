import { AsyncLocalStorage } from 'node:async_hooks';
import type { Mail, Mailer } from './mailer.ts';

type Queued = () => Promise<void>;
const openTransactionMail = new AsyncLocalStorage<Queued[]>();

/**
 * Mail sent while a command's transaction is open waits for the commit, and is dropped on rollback:
 * nobody gets a link to something that was never saved, and no mail work holds the transaction open
 * (PGlite has one connection, so the development outbox could not write until the commit).
 */
export function mailAfterCommit(inner: Mailer): Mailer {
  return {
    local: inner.local,
    async send(mail: Mail) {
      const queue = openTransactionMail.getStore();
      if (queue) queue.push(() => inner.send(mail));
      else await inner.send(mail);
    },
  };
}

/** Run `work` (which opens the transaction) collecting its mail; send the mail once `work` has committed. */
export async function withMailAfterCommit<T>(work: () => Promise<T>): Promise<T> {
  const queue: Queued[] = [];
  const result = await openTransactionMail.run(queue, work);
  for (const send of queue) await send();
  return result;
}
