import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Unit, database and in-process HTTP tests run on PGlite; files named *.db.test.ts or *.http.test.ts
// run again on PostgreSQL when TEST_DATABASE_URL is set; browser specs run when Chromium is present.
const withPostgres = Boolean(process.env.TEST_DATABASE_URL);
const withBrowser = existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
const databaseTests = ['src/**/*.{db,http}.test.ts', 'test/**/*.{db,http}.test.ts'];

// Files share a worker's module cache (isolate: false) and three run at once: most of a file's time is
// spent waiting on PostgreSQL, PGlite or Chromium, and re-importing the app per file cost minutes.
export default defineConfig({
  test: {
    maxWorkers: 3,
    projects: [
      {
        test: {
          name: 'pglite',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bin/**/*.test.ts'],
          env: { TEST_TARGET: 'pglite' },
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(withPostgres
        ? [
            {
              test: {
                name: 'postgresql',
                include: databaseTests,
                env: { TEST_TARGET: 'postgresql' },
                isolate: false,
                testTimeout: 30_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
      ...(withBrowser
        ? [
            {
              test: {
                name: 'browser',
                include: ['test/e2e/**/*.spec.ts'],
                testTimeout: 60_000,
                hookTimeout: 120_000,
                fileParallelism: false,
              },
            },
          ]
        : []),
    ],
  },
});
