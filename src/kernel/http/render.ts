import type { AppContext } from './context.ts';

export interface NavItem {
  text: string;
  href: string;
  active?: boolean;
}

/** Render a page template with what the layout needs (actor, CSRF token, nonce, mail banner). */
export function render(
  c: AppContext,
  template: string,
  view: Record<string, unknown>,
  status: 200 | 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503 = 200,
) {
  const deps = c.var.deps;
  const html = deps.templates.render(template, {
    ...view,
    actor: c.var.actor,
    csrfToken: c.var.csrfToken,
    cspNonce: c.var.cspNonce,
    mailIsLocal: deps.mailer.local,
    currentPath: c.req.path,
  });
  return c.html(html, status);
}
