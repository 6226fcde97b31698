import { Hono } from 'hono';
import { actorPersonId } from '../../kernel/auth/actor.ts';
import { inTransaction } from '../../kernel/commands.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { commandFormErrors, type FormState, formFields } from '../../kernel/http/forms.ts';
import { render } from '../../kernel/http/render.ts';
import { formatDateTime } from '../../kernel/ui/format.ts';
import { can } from '../../policy.ts';
import { type Network, networkFor } from '../networks/pages.ts';
import { sessionBookings } from './bookings-queries.ts';
import { takeRegister } from './commands/take-register.ts';
import { facilitatorInPath } from './facilitators-queries.ts';
import { cpdBase, cpdFrame } from './programmes-pages.ts';
import { registerRefusal } from './registers-domain.ts';
import { sessionFor } from './sessions-pages.ts';
import type { SessionRow } from './sessions-queries.ts';

const list = (v: unknown) => (Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : []);

/** The register, one checkbox a person: made to be ticked on a phone at the door. */
async function registerPage(c: AppContext, network: Network, session: SessionRow, form: FormState = {}, status: 200 | 400 | 409 = 200) {
  const confirmed = (await sessionBookings(c.var.deps.database.db, session.id)).filter((b) => b.status === 'confirmed');
  const ticked = form.values ? list(form.values.attended) : confirmed.filter((b) => b.attended).map((b) => b.id);
  const taken = confirmed.some((b) => b.attended != null);
  return render(
    c,
    'registers-take.njk',
    {
      title: `Register: ${session.title}`,
      ...cpdFrame(c, network),
      // A facilitator from a partner network cannot open the session's page: back to their own pages.
      backLink: can(c.var.actor, 'cpd.view', { networkId: network.id }) ? `${cpdBase(network.id)}/sessions/${session.id}` : '/',
      session,
      when: formatDateTime(session.startsAt),
      refusal: registerRefusal(session, new Date()),
      items: confirmed.map((b) => ({
        value: b.id,
        text: b.fullName,
        hint: { text: b.schoolName ?? 'No school given' },
        checked: ticked.includes(b.id),
      })),
      summary: taken
        ? `${confirmed.filter((b) => b.attended).length} attended, ${confirmed.filter((b) => b.attended === false).length} did not`
        : null,
      flash: c.req.query('done') === 'saved' && status === 200 ? { type: 'success', text: 'Register saved' } : undefined,
      ...form,
    },
    status,
  );
}

/** The network in the path, for the register: its admins, or the session's facilitator (refused and audited otherwise). */
async function registerNetwork(c: AppContext) {
  const personId = await facilitatorInPath(c.var.deps.database.db, c.req.param(), actorPersonId(c.var.actor));
  return networkFor(c, 'cpd.register', { personId });
}

export const registerPages = new Hono<AppEnv>()
  .get('/networks/:networkId/cpd/sessions/:sessionId/register', async (c) => {
    signedIn(c);
    const network = await registerNetwork(c);
    return registerPage(c, network, await sessionFor(c, network));
  })
  .post('/networks/:networkId/cpd/sessions/:sessionId/register', async (c) => {
    const actor = signedIn(c);
    const network = await registerNetwork(c);
    const session = await sessionFor(c, network);
    const body = formFields(await c.req.parseBody({ all: true }));
    const { database, mailer, config } = c.var.deps;
    try {
      await inTransaction(database, (db) =>
        takeRegister({ db, actor, mailer, config }, { sessionId: session.id, attendedBookingIds: list(body.attended) }),
      );
    } catch (err) {
      const { status, form } = commandFormErrors(err);
      return registerPage(c, network, session, { values: body, ...form }, status);
    }
    return c.redirect(`${cpdBase(network.id)}/sessions/${session.id}/register?done=saved`, 303);
  });
