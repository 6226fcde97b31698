import { Hono } from 'hono';
import { z } from 'zod';
import { inTransaction } from '../../kernel/commands.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { commandFormErrors, type FormState, formFields, validateForm } from '../../kernel/http/forms.ts';
import { render } from '../../kernel/http/render.ts';
import { linkCell } from '../../kernel/ui/html.ts';
import { paginationView } from '../../kernel/ui/pagination.ts';
import { can } from '../../policy.ts';
import { type Network, networkFor, networkNav } from '../networks/pages.ts';
import { formatPence } from './bookings-domain.ts';
import { createProgramme } from './commands/create-programme.ts';
import { updateProgramme } from './commands/update-programme.ts';
import { followUpByProgramme } from './cpd-reports-queries.ts';
import { programmeForm } from './programmes-forms.ts';
import { cpdSubnav } from './programmes-nav.ts';
import { findProgramme, listProgrammes, type ProgrammeRow } from './programmes-queries.ts';
import { listSessions } from './sessions-queries.ts';
import { sessionTableRows } from './sessions-view.ts';

const PER_PAGE = 25;
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100000).catch(1).default(1) });
export const cpdBase = (networkId: string) => `/networks/${networkId}/cpd`;

/** What every CPD page hands the layout: the network, its menu and the CPD sub-navigation. */
export const cpdFrame = (c: AppContext, network: Network) => ({
  currentNetwork: network,
  nav: networkNav(c, network.id),
  subnav: cpdSubnav(c, network.id),
});

export const priceText = (p: { memberPricePence: number; otherPricePence: number }) =>
  p.memberPricePence === 0 && p.otherPricePence === 0
    ? 'Free'
    : `${p.memberPricePence === 0 ? 'Free' : formatPence(p.memberPricePence)} for staff of member schools; ${
        p.otherPricePence === 0 ? 'free' : formatPence(p.otherPricePence)
      } for others`;

/** The programme named in the path, in this network (another network's is not found here). */
export async function programmeFor(c: AppContext, network: Network): Promise<ProgrammeRow> {
  const programme = await findProgramme(c.var.deps.database.db, c.req.param('programmeId') ?? '');
  if (!programme || programme.networkId !== network.id) throw notFound('Programme');
  return programme;
}

function newPage(c: AppContext, network: Network, form: FormState = {}, status: 200 | 400 | 409 = 200) {
  return render(
    c,
    'programmes-new.njk',
    { title: 'New programme', ...cpdFrame(c, network), backLink: `${cpdBase(network.id)}/programmes`, values: form.values ?? {}, ...form },
    status,
  );
}

const flashes: Record<string, string> = { created: 'Programme created', saved: 'Programme saved' };
const poundsText = (pence: number) => (pence === 0 ? '' : (pence / 100).toFixed(2));

async function editPage(c: AppContext, network: Network, form: FormState = {}, status: 200 | 400 | 409 = 200) {
  const programme = await programmeFor(c, network);
  const values = form.values ?? {
    title: programme.title,
    description: programme.description ?? '',
    themes: programme.themes.join(', '),
    memberPrice: poundsText(programme.memberPricePence),
    otherPrice: poundsText(programme.otherPricePence),
  };
  return render(
    c,
    'programmes-new.njk',
    {
      title: `Change ${programme.title}`,
      heading: `Change ${programme.title}`,
      button: 'Save changes',
      action: `${cpdBase(network.id)}/programmes/${programme.id}`,
      ...cpdFrame(c, network),
      backLink: `${cpdBase(network.id)}/programmes/${programme.id}`,
      values,
      ...form,
    },
    status,
  );
}

export const programmePages = new Hono<AppEnv>()
  .get('/networks/:networkId/cpd/programmes', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'cpd.view');
    const { page } = pageQuery.parse(c.req.query());
    const { rows, total } = await listProgrammes(c.var.deps.database.db, network.id, { page, perPage: PER_PAGE });
    return render(c, 'programmes-list.njk', {
      title: 'CPD programmes',
      ...cpdFrame(c, network),
      ...paginationView({ page, perPage: PER_PAGE, total }, `${cpdBase(network.id)}/programmes`, {}),
      mayManage: can(c.var.actor, 'cpd.manage', { networkId: network.id }),
      tableRows: rows.map((p) => [
        linkCell(`${cpdBase(network.id)}/programmes/${p.id}`, p.title),
        { text: p.themes.join(', ') },
        { text: String(p.sessions), format: 'numeric' },
        { text: String(p.upcoming), format: 'numeric' },
        { text: priceText(p) },
      ]),
    });
  })
  .get('/networks/:networkId/cpd/programmes/new', async (c) => {
    signedIn(c);
    return newPage(c, await networkFor(c, 'cpd.manage'));
  })
  .post('/networks/:networkId/cpd/programmes', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'cpd.manage');
    const body = formFields(await c.req.parseBody({ all: true }));
    const form = validateForm(programmeForm, body);
    if (!form.ok) return newPage(c, network, { values: body, ...form }, 400);
    const { database, mailer, config } = c.var.deps;
    try {
      const { memberPrice, otherPrice, ...rest } = form.data;
      const row = await inTransaction(database, (db) =>
        createProgramme(
          { db, actor, mailer, config },
          { networkId: network.id, ...rest, memberPricePence: memberPrice, otherPricePence: otherPrice },
        ),
      );
      return c.redirect(`${cpdBase(network.id)}/programmes/${row.id}?done=created`, 303);
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return newPage(c, network, { values: body, ...failed }, status);
    }
  })
  .get('/networks/:networkId/cpd/programmes/:programmeId/edit', async (c) => {
    signedIn(c);
    return editPage(c, await networkFor(c, 'cpd.manage'));
  })
  .post('/networks/:networkId/cpd/programmes/:programmeId', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'cpd.manage');
    const programme = await programmeFor(c, network);
    const body = formFields(await c.req.parseBody({ all: true }));
    const form = validateForm(programmeForm, body);
    if (!form.ok) return editPage(c, network, { values: body, ...form }, 400);
    const { database, mailer, config } = c.var.deps;
    try {
      const { memberPrice, otherPrice, ...rest } = form.data;
      await inTransaction(database, (db) =>
        updateProgramme(
          { db, actor, mailer, config },
          { programmeId: programme.id, ...rest, memberPricePence: memberPrice, otherPricePence: otherPrice },
        ),
      );
      return c.redirect(`${cpdBase(network.id)}/programmes/${programme.id}?done=saved`, 303);
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return editPage(c, network, { values: body, ...failed }, status);
    }
  })
  .get('/networks/:networkId/cpd/programmes/:programmeId', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'cpd.view');
    const programme = await programmeFor(c, network);
    const db = c.var.deps.database.db;
    const mayManage = can(c.var.actor, 'cpd.manage', { networkId: network.id });
    const [{ rows }, followUp] = await Promise.all([
      listSessions(db, network.id, { programmeId: programme.id, publishedOnly: !mayManage }, { page: 1, perPage: 200 }),
      followUpByProgramme(db, network.id, programme.id),
    ]);
    return render(c, 'programmes-show.njk', {
      title: programme.title,
      ...cpdFrame(c, network),
      breadcrumbs: [{ text: 'Programmes', href: `${cpdBase(network.id)}/programmes` }, { text: programme.title }],
      programme,
      flash: flashes[c.req.query('done') ?? ''] ? { type: 'success', text: flashes[c.req.query('done') ?? ''] } : undefined,
      rows: [
        { key: { text: 'Themes' }, value: { text: programme.themes.join(', ') || 'None given' } },
        { key: { text: 'Price' }, value: { text: priceText(programme) } },
      ],
      mayManage,
      sessionRows: sessionTableRows(network.id, rows, { showProgramme: false }),
      followUp,
    });
  });
