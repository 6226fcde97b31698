import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { apiApp } from './api.ts';
import { accountPages } from './kernel/auth/account-pages.ts';
import { authPages } from './kernel/auth/pages.ts';
import { calendarPages, calendarViews } from './kernel/calendar/pages.ts';
import { isMigrated } from './kernel/db/migrate.ts';
import type { AppEnv, Deps } from './kernel/http/context.ts';
import { handleError } from './kernel/http/error-handler.ts';
import { notFound } from './kernel/http/errors.ts';
import { csrfProtection, identify, provideDeps, securityHeaders } from './kernel/http/middleware.ts';
import { devPages } from './kernel/mail/pages.ts';
import { compiledStylesheet } from './kernel/ui/styles.ts';
import { outcomesModulePages, outcomesViews, verificationPages } from './modules/accreditation/assessment-routes.ts';
import { accreditationBodyLimit, accreditationModulePages } from './modules/accreditation/routes.ts';
import { cpdModulePages, cpdViews } from './modules/cpd/routes.ts';
import { networksModulePages, networksViews } from './modules/networks/routes.ts';
import { importBodyLimit } from './modules/networks/schools-pages.ts';
import { privacyPages, privacyViews } from './modules/privacy/routes.ts';
import { supportModulePages, supportViews } from './modules/support/routes.ts';

const nodeModules = fileURLToPath(new URL('../node_modules/', import.meta.url));
const immutable = { 'Cache-Control': 'public, max-age=86400' };

/** Module view folders, for the template loader. */
export const viewDirs = [
  fileURLToPath(new URL('./kernel/auth/views', import.meta.url)),
  fileURLToPath(new URL('./kernel/mail/views', import.meta.url)),
  networksViews,
  supportViews,
  cpdViews,
  outcomesViews,
  calendarViews,
  privacyViews,
];

function staticRoutes() {
  const app = new Hono<AppEnv>();
  const css = compiledStylesheet();
  const govukJs = readFileSync(`${nodeModules}govuk-frontend/dist/govuk/govuk-frontend.min.js`);
  const liveProgressJs = readFileSync(fileURLToPath(new URL('./kernel/ui/static/live-progress.js', import.meta.url)));
  const initJs = "import { initAll } from '/static/govuk-frontend.min.js';\ninitAll();\n";
  app.get('/static/app.css', (c) => c.body(css, 200, { 'Content-Type': 'text/css; charset=utf-8', ...immutable }));
  app.get('/static/govuk-frontend.min.js', (c) => c.body(govukJs, 200, { 'Content-Type': 'text/javascript; charset=utf-8', ...immutable }));
  app.get('/static/live-progress.js', (c) => c.body(liveProgressJs, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  app.get('/static/init.js', (c) => c.body(initJs, 200, { 'Content-Type': 'text/javascript; charset=utf-8', ...immutable }));
  // MoJ component icons only: Alliance does not serve the GOV.UK crest, crown or favicons.
  app.get('/assets/images/:file{icon-[a-z-]+\\.svg}', (c) => {
    try {
      const svg = readFileSync(`${nodeModules}@ministryofjustice/frontend/moj/assets/images/${c.req.param('file')}`);
      return c.body(svg, 200, { 'Content-Type': 'image/svg+xml', ...immutable });
    } catch {
      throw notFound();
    }
  });
  return app;
}

export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.use(provideDeps(deps));
  app.get('/healthz', async (c) => {
    const ready = await isMigrated(deps.database);
    return c.json({ status: ready ? 'ok' : 'starting', database: deps.database.kind }, ready ? 200 : 503);
  });
  app.route('/', staticRoutes());
  // Before the CSRF check, which reads the body: refuse an over-large upload unread.
  app.post('/networks/:networkId/schools/import', importBodyLimit);
  app.post('/networks/:networkId/accreditation/*', accreditationBodyLimit(deps.config));
  app.post('/api/v1/networks/:networkId/accreditation/*', accreditationBodyLimit(deps.config));
  app.use(securityHeaders, identify, csrfProtection);
  app.route('/', authPages);
  app.route('/', accountPages);
  app.route('/', devPages);
  app.route('/', networksModulePages);
  app.route('/', supportModulePages);
  app.route('/', accreditationModulePages);
  app.route('/', cpdModulePages);
  app.route('/', outcomesModulePages);
  app.route('/', privacyPages);
  app.route('/', verificationPages);
  app.route('/', calendarPages);
  app.route('/api/v1', apiApp);
  app.notFound((c) => handleError(notFound(), c));
  return app;
}
