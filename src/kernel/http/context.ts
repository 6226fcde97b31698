import type { Context } from 'hono';
import type nunjucks from 'nunjucks';
import type { Config } from '../../config.ts';
import type { Actor } from '../auth/actor.ts';
import type { ActorCache } from '../auth/actor-cache.ts';
import type { Database } from '../db/client.ts';
import type { Logger } from '../log.ts';
import type { Mailer } from '../mail/mailer.ts';
import { unauthorized } from './errors.ts';

/** What every request handler can reach: created once at start, shared by pages, API and CLI. */
export interface Deps {
  config: Config;
  database: Database;
  mailer: Mailer;
  templates: nunjucks.Environment;
  log: Logger;
  /** Who each token or session is, kept between requests while the database's change notices are heard. */
  identities: ActorCache<Identity>;
  /** Background work started by a request (e.g. an import); tests await it. */
  background: Set<Promise<unknown>>;
}

/** A signed-in person as the request sees them; csrfToken and expiresAt are a session's. */
export interface Identity {
  actor: Actor;
  sessionCsrfToken: string | null;
  expiresAt: number | null;
}

export interface AppEnv {
  Variables: {
    deps: Deps;
    actor: Actor | null;
    /** Raw session id from the cookie, when signed in by session. */
    sessionId: string | null;
    csrfToken: string;
    cspNonce: string;
    clientIp: string;
  };
}

export type AppContext = Context<AppEnv>;

/** The signed-in actor, or a 401 (pages send the visitor to sign in; the API answers problem+json). */
export function signedIn(c: AppContext): Actor {
  if (!c.var.actor) throw unauthorized();
  return c.var.actor;
}
