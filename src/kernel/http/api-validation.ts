import type { Hook } from '@hono/zod-openapi';
import type { AppEnv } from './context.ts';
import { problem } from './problem.ts';

/** Invalid API input: 400 problem+json naming each field's path. */
// biome-ignore lint/suspicious/noExplicitAny: the hook is shared by routes of every shape.
export const validationHook: Hook<any, AppEnv, any, any> = (result, c) => {
  if (result.success) return;
  const errors = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  return problem(
    c,
    400,
    'Invalid request',
    `${errors.length} field(s) are invalid: ${errors.map((e) => e.path || '(body)').join(', ')}`,
    errors,
  );
};
