import type { Context } from 'hono';
import type { FieldIssue } from './errors.ts';

/** RFC 9457 problem details. `errors` lists each invalid field by its path. */
export function problem(c: Context, status: number, title: string, detail?: string, errors?: FieldIssue[]) {
  return c.body(JSON.stringify({ type: 'about:blank', title, status, detail, errors }), status as 400, {
    'Content-Type': 'application/problem+json',
  });
}
