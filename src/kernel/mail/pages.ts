import { desc } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { notFound } from '../http/errors.ts';
import { render } from '../http/render.ts';
import { outboxMessages } from './schema.ts';

/** The development outbox: only when no SMTP server is set and not in production. */
export const devPages = new Hono<AppEnv>().get('/dev/outbox', async (c) => {
  const { mailer, config, database } = c.var.deps;
  if (!mailer.local || config.NODE_ENV === 'production') throw notFound();
  const messages = await database.db.select().from(outboxMessages).orderBy(desc(outboxMessages.createdAt)).limit(50);
  return render(c, 'outbox.njk', { title: 'Development outbox', messages });
});
