/** The SQLSTATE of a database error: drizzle wraps the driver's error, which is then at `cause`. */
export function sqlState(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.cause?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

const constraintOf = (err: unknown): string | undefined => {
  const e = err as { constraint?: unknown; cause?: { constraint?: unknown } } | null;
  const name = e?.cause?.constraint ?? e?.constraint;
  return typeof name === 'string' ? name : undefined;
};

/** True for a unique violation (23505), of `constraint` when given and the driver names it. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  if (sqlState(err) !== '23505') return false;
  const name = constraintOf(err);
  return !constraint || !name || name === constraint;
}

/**
 * A `.catch` handler: a unique violation of `constraint` becomes `refusal()` (a clear 409 rather than a
 * 500 when two people save at once and the database, not the check before it, catches the duplicate).
 */
export const onUniqueViolation =
  (constraint: string, refusal: () => Error) =>
  (err: unknown): never => {
    throw isUniqueViolation(err, constraint) ? refusal() : err;
  };

/**
 * True when the database refused text it cannot store: a NUL character (\u0000) in a string, which
 * PostgreSQL's text never holds (22021), or a character outside the encoding (22P05). Only input does that.
 */
export function isUnstorableText(err: unknown): boolean {
  const state = sqlState(err);
  return state === '22021' || state === '22P05';
}
