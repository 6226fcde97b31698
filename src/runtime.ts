import path from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { createApp, viewDirs } from './app.ts';
import type { Config } from './config.ts';
import { ActorCache } from './kernel/auth/actor-cache.ts';
import { type Database, openDatabase } from './kernel/db/client.ts';
import { checkDurability } from './kernel/db/durability.ts';
import { migrate } from './kernel/db/migrate.ts';
import type { Deps, Identity } from './kernel/http/context.ts';
import { createLogger, type Logger } from './kernel/log.ts';
import { mailAfterCommit } from './kernel/mail/after-commit.ts';
import { outboxMailer, smtpMailer } from './kernel/mail/mailer.ts';
import { createTemplateEnvironment } from './kernel/ui/nunjucks.ts';

export function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase({ url: config.DATABASE_URL, dataDir: path.resolve(config.DATA_DIR) });
}

/** Everything a request needs, built once per process. */
export function createDeps(config: Config, database: Database, log: Logger = createLogger(config.LOG_LEVEL)): Deps {
  const mailer = mailAfterCommit(
    config.SMTP_URL
      ? smtpMailer(config.SMTP_URL, config.MAIL_FROM)
      : outboxMailer(
          () => database.db,
          (line) => log.info(line),
        ),
  );
  return {
    config,
    database,
    mailer,
    log,
    templates: createTemplateEnvironment(viewDirs),
    identities: new ActorCache<Identity>(config.ACTOR_CACHE_SECONDS * 1000),
    background: new Set(),
  };
}

export interface RunningServer {
  server: ServerType;
  port: number;
  stop(): Promise<void>;
}

/** Check the database keeps writes (PostgreSQL), migrate, then listen; close the database cleanly on SIGINT/SIGTERM (PGlite needs it). */
export async function startServer(
  deps: Deps,
  options: { migrate?: boolean; beforeReady?: () => Promise<void> } = {},
): Promise<RunningServer> {
  const { config, database, log } = deps;
  await checkDurability(database, config, log);
  if (options.migrate !== false) await migrate(database);
  if (options.beforeReady) await options.beforeReady();
  const stopHearingChanges = await hearIdentityChanges(deps);
  const app = createApp(deps);
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...deps.background]);
      await stopHearingChanges();
      await database.close();
    })();
    return stopping;
  };
  log.info('listening', { url: `http://${config.HOST}:${port}`, database: database.kind });
  return { server, port, stop };
}

/**
 * The identity cache is used only while this process hears `actor_changed` (sent by triggers when people,
 * roles, partnerships, sessions or tokens change): each notice empties it (ADR 14).
 */
async function hearIdentityChanges(deps: Deps): Promise<() => Promise<void>> {
  const { identities, database, log } = deps;
  if (identities.ttlMs === 0) return async () => {};
  return database.listen(
    'actor_changed',
    () => identities.clear(),
    (live) => {
      if (live !== identities.live) log.info(live ? 'identity cache on' : 'identity cache off: not hearing changes');
      identities.setLive(live);
    },
  );
}

/** Stop on the first SIGINT/SIGTERM; closing the server also closes the database. */
export function stopOnSignals(stop: () => Promise<void>, log: Logger) {
  const onSignal = (signal: string) => {
    log.info('stopping', { signal });
    stop()
      .then(() => process.exit(0))
      .catch((err) => {
        log.error('stop failed', { error: String(err) });
        process.exit(1);
      });
  };
  process.once('SIGINT', () => onSignal('SIGINT'));
  process.once('SIGTERM', () => onSignal('SIGTERM'));
}
