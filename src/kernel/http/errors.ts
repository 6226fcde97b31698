/** An error that the app answers with its status: a page for browsers, problem+json for the API. */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503,
    readonly title: string,
    readonly detail?: string,
    readonly fields?: FieldIssue[],
  ) {
    super(detail ?? title);
  }
}

export interface FieldIssue {
  /** Dotted path of the field, e.g. `email` or `memberships.0.role`. */
  path: string;
  message: string;
}

export const notFound = (what = 'Page') => new HttpError(404, `${what} not found`);
export const forbidden = (detail = 'You do not have permission to do that.') => new HttpError(403, 'Forbidden', detail);
export const unauthorized = () => new HttpError(401, 'Sign in required', 'Sign in to continue.');

/** A rule of the domain broken by otherwise valid input: 409 naming the field, shown on the form. */
export const conflict = (path: string, message: string) => new HttpError(409, 'Conflict', message, [{ path, message }]);
/** Input that is well formed but names nothing usable (no such school...): 400 naming the field. */
export const invalidField = (path: string, message: string) => new HttpError(400, 'Invalid request', message, [{ path, message }]);
