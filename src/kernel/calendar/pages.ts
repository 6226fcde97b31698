import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { recordAudit } from '../audit/audit.ts';
import { inTransaction } from '../commands.ts';
import { type AppEnv, signedIn } from '../http/context.ts';
import { notFound, unauthorized } from '../http/errors.ts';
import { render } from '../http/render.ts';
import { calendarFeed, hasFeed, personForFeedToken, renewFeedToken } from './feed.ts';

export const calendarViews = fileURLToPath(new URL('./views', import.meta.url));

/** `/calendar`: get (or replace) the secret link of one's own calendar feed; `/calendar/<token>.ics`: the feed. */
export const calendarPages = new Hono<AppEnv>()
  .get('/calendar', async (c) => {
    const actor = signedIn(c);
    if (actor.kind !== 'person') throw unauthorized();
    return render(c, 'calendar.njk', { title: 'Your calendar feed', hasFeed: await hasFeed(c.var.deps.database.db, actor.personId) });
  })
  .post('/calendar', async (c) => {
    const actor = signedIn(c);
    if (actor.kind !== 'person') throw unauthorized();
    const token = await inTransaction(c.var.deps.database, async (db) => {
      const t = await renewFeedToken(db, actor.personId);
      await recordAudit(db, actor, { action: 'calendar.link_created', subjectType: 'person', subjectId: actor.personId });
      return t;
    });
    return render(c, 'calendar.njk', {
      title: 'Your calendar feed',
      hasFeed: true,
      feedUrl: `${c.var.deps.config.appUrl}/calendar/${token}.ics`,
    });
  })
  .get('/calendar/:file{[A-Za-z0-9_-]{20,100}\\.ics}', async (c) => {
    const db = c.var.deps.database.db;
    const personId = await personForFeedToken(db, c.req.param('file').replace(/\.ics$/, ''));
    if (!personId) throw notFound('Calendar');
    const text = await calendarFeed(db, personId, c.var.deps.config.appUrl);
    return c.body(text, 200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': 'private, no-store' });
  });
