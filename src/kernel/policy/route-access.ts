/**
 * Routes that answer without asking the policy (`authorize`, `networkFor` or `networkScope`), each with
 * the reason. The tenant-isolation test (src/tenant-isolation.http.test.ts) reads every route from the
 * app's route table and fails on any route that succeeds without a policy decision unless it is here.
 * Only add a route that serves public data, or the signed-in person's own records and nothing else.
 * Keys are `METHOD path` exactly as Hono lists them (`app.routes`).
 */
export const routesWithoutPolicy: Record<string, string> = {
  'GET /healthz': 'public: liveness probe, names the database kind only',
  'GET /static/app.css': 'public: stylesheet',
  'GET /static/govuk-frontend.min.js': 'public: script',
  'GET /static/init.js': 'public: script',
  'GET /static/live-progress.js': 'public: script',
  'GET /assets/images/:file{icon-[a-z-]+\\.svg}': 'public: icons',
  'GET /sign-in': 'public: sign-in form',
  'POST /sign-in/email': 'public: asks for a sign-in link (throttled)',
  'POST /sign-in/password': 'public: password sign-in (throttled)',
  'GET /sign-in/link': 'public: confirm page for a sign-in link',
  'POST /sign-in/link': 'public: spends a single-use sign-in link',
  'POST /sign-out': "own: ends the caller's session",
  'GET /invitations/accept': 'token: the single-use invitation token in the link decides',
  'POST /invitations/accept': 'token: the single-use invitation token in the link decides',
  'GET /dev/outbox': 'development only: the local mail outbox (absent in production)',
  'GET /account': "own: the signed-in person's account",
  'GET /account/password': "own: the signed-in person's password form",
  'POST /account/password': "own: the signed-in person's password",
  'POST /account/sign-out-everywhere': "own: the signed-in person's sessions",
  'POST /account/tokens': "own: the signed-in person's API tokens",
  'POST /account/tokens/:tokenId/revoke': "own: the signed-in person's API tokens (another's answers 404)",
  'GET /api/v1/me': 'own: the caller',
  // Added by the security check (issue 7) for the calendar helper's routes: they serve and renew only the
  // signed-in person's own feed link. Confirm when the calendar work lands.
  'GET /calendar': "own: the signed-in person's calendar feed link",
  'POST /calendar': "own: renews the signed-in person's calendar feed link (audited)",
  'GET /api/v1/me/data-export': "own: the caller's personal data (UK GDPR access; audited)",
  'GET /account/data-export': "own: the signed-in person's personal data (UK GDPR access; audited)",
  'GET /api/v1/openapi.json': 'public: the API description',
  'GET /api/v1/schools': 'public data: the DfE register of schools (GIAS)',
  'GET /api/v1/schools/:urn': 'public data: the DfE register of schools (GIAS)',
  'GET /api/v1/specialisms': 'shared: the one specialism taxonomy, no personal data',
  'GET /verify/:certificateId': 'public: an LP certificate by its unguessable number; name, framework and dates only',
  'GET /.well-known/jwks.json': 'public: the public key that signs Open Badges, for anyone verifying one',
};

/**
 * Tables whose rows are shared by every network rather than owned by one: a route in one network may
 * show any of them (the test does not count it as another network's record). Each with the reason.
 */
export const sharedTables: Record<string, string> = {
  schools: "public data: the DfE register of schools (GIAS); a network's own link to a school is network_schools",
};
