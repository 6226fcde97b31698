import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { startSession } from '../../src/kernel/auth/sessions.ts';
import type { Database } from '../../src/kernel/db/client.ts';
import type { Deps } from '../../src/kernel/http/context.ts';
import { createDeps, type RunningServer, startServer } from '../../src/runtime.ts';
import { checkAccessibility } from './axe.ts';
import { createTestDatabase } from './database.ts';
import { type SmtpPeer, startSmtpPeer } from './smtp-peer.ts';

// Browser specs run the real server (PGlite in memory, real SMTP to a local peer) and drive Debian's
// Chromium with playwright-core. Never `npx playwright install`: nothing is downloaded.

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface E2E {
  baseUrl: string;
  deps: Deps;
  database: Database;
  db: Database['db'];
  smtp: SmtpPeer;
  browser: Browser;
  /** A fresh browser (own cookies) with a page that records navigations and CSP errors. */
  newPage(): Promise<Page>;
  /** A fresh browser already signed in as this person (a session made directly, as the sign-in pages would). */
  newPageSignedInAs(personId: string): Promise<Page>;
  /** Run axe on the current page (and mark it checked); every page a spec visits must pass. */
  checkPage(page: Page): Promise<void>;
  /** Fail if a page was visited but never checked, or the browser reported a CSP violation. */
  assertAllPagesChecked(): void;
  close(): Promise<void>;
}

export async function startE2E(): Promise<E2E> {
  const smtp = await startSmtpPeer();
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0', SMTP_URL: smtp.url });
  const deps = createDeps(config, database);
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startServer(deps, { migrate: false });
    // The OS chose the port: links in mail must point at it.
    config.appUrl = `http://127.0.0.1:${server.port}`;
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
  } catch (err) {
    await server?.stop();
    await smtp.close();
    throw err;
  }
  const contexts: BrowserContext[] = [];
  const unchecked = new Map<Page, string>();
  const missed: string[] = [];
  const cspErrors: string[] = [];
  const brokenAssets: string[] = [];
  const b = browser;
  const running = server;

  async function newPage(): Promise<Page> {
    const context = await b.newContext({ baseURL: config.appUrl, locale: 'en-GB', timezoneId: 'Europe/London' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame() || frame.url().startsWith('about:')) return;
      const previous = unchecked.get(page);
      if (previous) missed.push(previous);
      unchecked.set(page, frame.url());
    });
    page.on('response', (response) => {
      const kind = response.request().resourceType();
      if (['script', 'stylesheet', 'image', 'font'].includes(kind) && response.status() >= 400) {
        brokenAssets.push(`${response.status()} ${kind} ${response.url()} (on ${page.url()})`);
      }
    });
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspErrors.push(`${page.url()}: ${message.text()}`);
    });
    return page;
  }

  return {
    baseUrl: config.appUrl,
    deps,
    database,
    db: database.db,
    smtp,
    browser: b,
    newPage,
    async newPageSignedInAs(personId) {
      const page = await newPage();
      const { sessionId } = await startSession(database.db, personId);
      await page
        .context()
        .addCookies([{ name: 'alliance_session', value: sessionId, url: config.appUrl, httpOnly: true, sameSite: 'Lax' }]);
      return page;
    },
    async checkPage(page) {
      await checkAccessibility(page);
      unchecked.delete(page);
    },
    assertAllPagesChecked() {
      expect([...missed, ...unchecked.values()], 'pages visited without an accessibility check').toEqual([]);
      expect(cspErrors, 'Content Security Policy violations').toEqual([]);
      expect(brokenAssets, 'scripts, styles, images or fonts that failed to load').toEqual([]);
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => {});
      await b.close().catch(() => {});
      await running.stop();
      await smtp.close();
    },
  };
}

/** The sign-in link in a mail from Alliance, as a path on the test server. */
export function linkIn(text: string, pathPattern: RegExp): string {
  const url = text.split(/\s+/).find((word) => /^https?:\/\//.test(word) && pathPattern.test(new URL(word).pathname));
  if (!url) throw new Error(`No link matching ${pathPattern} in:\n${text}`);
  return url;
}
