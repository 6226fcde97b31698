import type { FieldIssue } from '../http/errors.ts';
import type { Actor } from './actor.ts';
import { hashSecret, newSecret } from './secrets.ts';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1000;
export const TOKEN_PREFIX_LENGTH = 8;

/** Rules for a new password (pure): long enough, confirmed, and not simply the account's email. */
export function newPasswordIssues(newPassword: string, confirmPassword: string, email: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (newPassword.length === 0) issues.push({ path: 'newPassword', message: 'Enter a new password' });
  else if (newPassword.length < MIN_PASSWORD_LENGTH)
    issues.push({ path: 'newPassword', message: `Password must be ${MIN_PASSWORD_LENGTH} characters or more` });
  else if (newPassword.length > MAX_PASSWORD_LENGTH)
    issues.push({ path: 'newPassword', message: `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer` });
  else if (newPassword.trim().toLowerCase() === email.trim().toLowerCase())
    issues.push({ path: 'newPassword', message: 'Password must not be your email address' });
  if (issues.length === 0 && confirmPassword !== newPassword)
    issues.push({ path: 'confirmPassword', message: 'Passwords do not match: enter the same password twice' });
  return issues;
}

/** A personal API token: recognisable by its `all_` start; only its hash and first characters are stored. */
export function mintApiToken(): { token: string; tokenHash: string; prefix: string } {
  const token = `all_${newSecret()}`;
  return { token, tokenHash: hashSecret(token), prefix: token.slice(0, TOKEN_PREFIX_LENGTH) };
}

/** Account commands act on the actor's own record, so they need a person (not the CLI operator). */
export function actingPerson(actor: Actor): Extract<Actor, { kind: 'person' }> {
  if (actor.kind !== 'person') throw new Error('This action needs a signed-in person');
  return actor;
}
