import { z } from 'zod';
import { type FieldIssue, HttpError } from './errors.ts';

export interface ErrorSummaryItem {
  text: string;
  href: string;
}

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: ErrorSummaryItem[]; fieldErrors: Record<string, { text: string }>; issues: FieldIssue[] };

/** A text field that must be filled in: `missing` when empty, and a limit named by its label. */
export const requiredText = (missing: string, label: string, max = 200) =>
  z.string({ error: missing }).trim().min(1, missing).max(max, `${label} must be ${max} characters or fewer`);

/** A text field that may be left empty (stored as null). */
export const optionalText = (label: string, max = 200) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .optional()
    .transform((v) => v || null);

/** Validate submitted fields; on failure give the GOV.UK error summary list and per-field messages (first message per field). */
export function validateForm<S extends z.ZodType>(schema: S, input: unknown): FormResult<z.infer<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  return formErrors(result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
}

export function formErrors(issues: FieldIssue[]): Extract<FormResult<never>, { ok: false }> {
  const fieldErrors: Record<string, { text: string }> = {};
  const errors: ErrorSummaryItem[] = [];
  for (const issue of issues) {
    if (fieldErrors[issue.path]) continue;
    fieldErrors[issue.path] = { text: issue.message };
    errors.push({ text: issue.message, href: `#${issue.path || 'main-content'}` });
  }
  return { ok: false, errors, fieldErrors, issues };
}

/** What a page re-rendered after a refused form gets: the submitted values and the messages. */
export type FormState = { values?: Record<string, unknown>; errors?: unknown[]; fieldErrors?: Record<string, { text: string }> };

/** A command's field-level refusal (409 already a member, 400 no such school) as the form's error summary; anything else propagates. */
export function commandFormErrors(err: unknown): { status: 400 | 409; form: Extract<FormResult<never>, { ok: false }> } {
  if (err instanceof HttpError && err.fields?.length && (err.status === 400 || err.status === 409)) {
    return { status: err.status, form: formErrors(err.fields) };
  }
  throw err;
}

/** Body fields as plain strings (repeated names become arrays); files are left out. */
export function formFields(body: Record<string, unknown>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === '_csrf') continue;
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === 'string');
  }
  return out;
}
