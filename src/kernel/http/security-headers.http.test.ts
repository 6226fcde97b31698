import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

function expectCommonHeaders(res: Response) {
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('same-origin');
  return csp;
}

function expectSecurityHeaders(res: Response) {
  const csp = expectCommonHeaders(res);
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'/);
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("object-src 'none'");
  return /'nonce-([^']+)'/.exec(csp)![1]!;
}

/** JSON loads nothing, so API answers allow nothing at all. */
function expectApiHeaders(res: Response) {
  expect(expectCommonHeaders(res)).toMatch(/^default-src 'none'/);
}

it('sends a strict CSP, frame refusal, nosniff and a referrer policy on a page, which the page satisfies', async () => {
  const res = await t.app.request('/sign-in');
  expect(res.status).toBe(200);
  const nonce = expectSecurityHeaders(res);
  const html = await res.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  // Every script carries this response's nonce; no inline styles or event handlers.
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  expect(html).not.toMatch(/\sstyle="|\son[a-z]+="/i);
  expect(expectSecurityHeaders(await t.app.request('/sign-in'))).not.toBe(nonce);
});

it('sends the strictest policy and the same other headers on API answers, including refusals', async () => {
  expectApiHeaders(await t.app.request('/api/v1/openapi.json'));
  const refused = await t.app.request('/api/v1/networks');
  expect(refused.status).toBe(401);
  expectApiHeaders(refused);
});
