import { describe, expect, it } from 'vitest';
import { mintApiToken, newPasswordIssues } from './account-rules.ts';
import { hashSecret } from './secrets.ts';

describe('new password rules', () => {
  const email = 'sam@school.org.uk';
  it('accepts 12 characters or more, confirmed', () => {
    expect(newPasswordIssues('twelve chars', 'twelve chars', email)).toEqual([]);
  });
  it('refuses 11 characters', () => {
    expect(newPasswordIssues('eleven char', 'eleven char', email)).toEqual([
      { path: 'newPassword', message: 'Password must be 12 characters or more' },
    ]);
  });
  it('refuses the email address, whatever its case', () => {
    expect(newPasswordIssues(' SAM@school.org.uk', ' SAM@school.org.uk', email)[0]?.message).toBe(
      'Password must not be your email address',
    );
  });
  it('refuses a confirmation that differs', () => {
    expect(newPasswordIssues('long enough password', 'long enough passwort', email)).toEqual([
      { path: 'confirmPassword', message: 'Passwords do not match: enter the same password twice' },
    ]);
  });
});

describe('API tokens', () => {
  it('start with all_, differ each time, and keep only a hash and the first 8 characters', () => {
    const a = mintApiToken();
    const b = mintApiToken();
    expect(a.token).toMatch(/^all_[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.tokenHash).toBe(hashSecret(a.token));
    expect(a.prefix).toBe(a.token.slice(0, 8));
  });
});
