import { randomUUID } from 'node:crypto';
import { serve } from '@hono/node-server';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { startSession } from '../../src/kernel/auth/sessions.ts';
import type { Database } from '../../src/kernel/db/client.ts';
import { mailAfterCommit } from '../../src/kernel/mail/after-commit.ts';
import type { Mail, Mailer } from '../../src/kernel/mail/mailer.ts';
import { currentRecording, type Decision, recordInto } from '../../src/kernel/policy/decisions.ts';
import { createDeps } from '../../src/runtime.ts';
import { createTestDatabase } from './database.ts';

/** A mailer that keeps what was sent, for in-process HTTP tests (browser specs use a real SMTP peer). */
export function memoryMailer(): Mailer & { sent: Mail[] } {
  const sent: Mail[] = [];
  return {
    local: false,
    sent,
    async send(mail) {
      sent.push(mail);
    },
  };
}

/**
 * A JSON API call as a signed-in person: their session cookie and CSRF token, a same-origin Origin, and the
 * body as JSON when there is one. For `app.request(url, asJson(session, 'POST', body))`.
 */
export function asJson(session: { headers: Record<string, string>; csrf: string }, method: string, body?: unknown): RequestInit {
  return {
    method,
    headers: {
      ...session.headers,
      'x-csrf-token': session.csrf,
      origin: 'http://localhost',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  };
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  database: Database;
  db: Database['db'];
  mail: Mail[];
  /** Cookie and CSRF headers of a fresh session for this person. */
  signIn(personId: string): Promise<{ cookie: string; csrf: string; headers: Record<string, string> }>;
  /** A form POST as a signed-in person (CSRF token included). */
  post(path: string, session: { cookie: string; csrf: string }, fields: Record<string, string | string[]>): Promise<Response>;
  close(): Promise<void>;
}

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', APP_URL: 'http://localhost', ...env });
  const mailer = memoryMailer();
  const deps = { ...createDeps(config, database), mailer: mailAfterCommit(mailer) };
  const { app, stop } = await overSocketIfAsked(createApp(deps));
  return {
    app,
    database,
    db: database.db,
    mail: mailer.sent,
    async signIn(personId) {
      const { sessionId, csrfToken } = await startSession(database.db, personId);
      const cookie = `alliance_session=${sessionId}`;
      return { cookie, csrf: csrfToken, headers: { cookie } };
    },
    async post(path, session, fields) {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries({ ...fields, _csrf: session.csrf })) {
        for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
      }
      return app.request(path, {
        method: 'POST',
        body,
        headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      });
    },
    async close() {
      await stop();
      await Promise.allSettled([...deps.background]);
      await database.close();
    },
  };
}

/**
 * With TEST_OVER_SOCKET=1 (`npm run check:security` sets it), `app.request` goes through a real server on
 * 127.0.0.1 instead of calling the app in-process: the same tests then prove their point over HTTP. Redirects
 * are not followed, as with app.request.
 */
export async function overSocketIfAsked<T extends { fetch: (req: Request) => Response | Promise<Response>; request: unknown }>(
  app: T,
): Promise<{ app: T; stop: () => Promise<void> }> {
  if (process.env.TEST_OVER_SOCKET !== '1') return { app, stop: async () => {} };
  // A policy-decision recording open around a test's request (tenant isolation) travels with it by an id.
  const recordings = new Map<string, Decision[]>();
  const fetchInRecording = (req: Request) => {
    const recording = recordings.get(req.headers.get('x-test-recording') ?? '');
    return recording ? recordInto(recording, () => app.fetch(req)) : app.fetch(req);
  };
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: fetchInRecording, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  // An absolute URL (a test standing behind https://...) is sent to this server with its path and query.
  const request = async (input: string | URL, init?: RequestInit) => {
    const url = new URL(String(input), base);
    const recording = currentRecording();
    if (!recording) return fetch(`${base}${url.pathname}${url.search}`, { redirect: 'manual', ...init });
    const id = randomUUID();
    recordings.set(id, recording);
    const headers = new Headers(init?.headers);
    headers.set('x-test-recording', id);
    try {
      return await fetch(`${base}${url.pathname}${url.search}`, { redirect: 'manual', ...init, headers });
    } finally {
      recordings.delete(id);
    }
  };
  const wrapped = new Proxy(app, { get: (target, prop, receiver) => (prop === 'request' ? request : Reflect.get(target, prop, receiver)) });
  return { app: wrapped, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
