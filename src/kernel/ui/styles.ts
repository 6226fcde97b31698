import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sass from 'sass';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const sourcePath = fileURLToPath(new URL('./styles/app.scss', import.meta.url));
const cacheDir = path.join(root, 'node_modules', '.cache', 'alliance');

/** Compile the stylesheet once per source change; the result is cached on disk because Sass takes seconds. */
export function compiledStylesheet(): string {
  const source = readFileSync(sourcePath, 'utf8');
  const versions = ['govuk-frontend', '@ministryofjustice/frontend'].map(
    (p) => JSON.parse(readFileSync(path.join(root, 'node_modules', p, 'package.json'), 'utf8')).version,
  );
  const key = createHash('sha256').update(source).update(versions.join()).digest('hex').slice(0, 16);
  const cached = path.join(cacheDir, `app-${key}.css`);
  try {
    return readFileSync(cached, 'utf8');
  } catch {
    const css = sass.compile(sourcePath, {
      loadPaths: [root, path.join(root, 'node_modules')],
      style: 'compressed',
      quietDeps: true,
      logger: sass.Logger.silent,
    }).css;
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(cached, css);
    return css;
  }
}
