import { z } from 'zod';

const optionalUrl = z
  .string()
  .optional()
  .transform((s) => (s?.trim() ? s.trim() : undefined))
  .pipe(z.url().optional());

const settingsSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Public base URL, used in links sent by mail; https here makes cookies Secure. */
  APP_URL: optionalUrl,
  /** PostgreSQL connection string; without it the embedded PGlite database in DATA_DIR is used. */
  DATABASE_URL: optionalUrl,
  DATA_DIR: z.string().default('./data'),
  /** smtp://user:pass@host:port; without it mail goes to the development outbox. */
  SMTP_URL: optionalUrl,
  MAIL_FROM: z.string().default('Alliance <no-reply@alliance.localhost>'),
  /** Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy in front of the app. */
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0', ''])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /** Start in production even when PostgreSQL runs with fsync or synchronous_commit off (see checkDurability). */
  ALLOW_UNSAFE_DURABILITY: z
    .enum(['true', 'false', '1', '0', ''])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** How long a signed-in person's roles are kept in memory between requests; 0 reads them on every request (ADR 14). */
  ACTOR_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  /** Largest uploaded file (e.g. evidence attachments), in MB. */
  UPLOAD_MAX_FILE_MB: z.coerce.number().min(0.01).max(100).default(10),
  /** What one person may keep in uploaded files in all, in MB. */
  UPLOAD_QUOTA_MB: z.coerce.number().min(1).max(10_000).default(200),
  /** PKCS#8 PEM private key (RSA: RS256, or Ed25519: EdDSA) that signs Open Badges; without it one is made in DATA_DIR. */
  BADGE_SIGNING_KEY: z
    .string()
    .optional()
    .transform((s) => (s?.trim() ? s.trim() : undefined)),
});

export type Config = z.infer<typeof settingsSchema> & { appUrl: string; secureCookies: boolean };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid settings (see .env.example):\n${lines.join('\n')}`);
  }
  const s = parsed.data;
  const appUrl = (s.APP_URL ?? `http://localhost:${s.PORT}`).replace(/\/$/, '');
  return { ...s, appUrl, secureCookies: appUrl.startsWith('https://') };
}
