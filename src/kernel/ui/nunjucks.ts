import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { formatDate, formatDateTime } from './format.ts';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Template folders: the kernel's layout, then each module's `views/`, then the design systems. */
export function createTemplateEnvironment(moduleViewDirs: string[]): nunjucks.Environment {
  const env = nunjucks.configure(
    [
      fileURLToPath(new URL('./views', import.meta.url)),
      ...moduleViewDirs,
      path.join(root, 'node_modules/govuk-frontend/dist'),
      path.join(root, 'node_modules/@ministryofjustice/frontend'),
    ],
    { autoescape: true, throwOnUndefined: false, noCache: process.env.NODE_ENV === 'development' },
  );
  const mojFilters = require('@ministryofjustice/frontend/moj/filters/all.js')() as Record<string, (...args: unknown[]) => unknown>;
  for (const [name, filter] of Object.entries(mojFilters)) env.addFilter(name, filter);
  env.addFilter('ukDate', (value: unknown) => (value ? formatDate(value as string | Date) : ''));
  env.addFilter('ukDateTime', (value: unknown) => (value ? formatDateTime(value as string | Date) : ''));
  env.addFilter('number', (value: unknown) => (typeof value === 'number' ? value.toLocaleString('en-GB') : value));
  return env;
}
