import { Hono } from 'hono';
import { z } from 'zod';
import { inTransaction } from '../../kernel/commands.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { commandFormErrors, type FormState, formFields, validateForm } from '../../kernel/http/forms.ts';
import { render } from '../../kernel/http/render.ts';
import { linkCell } from '../../kernel/ui/html.ts';
import { paginationView } from '../../kernel/ui/pagination.ts';
import { authorize, can } from '../../policy.ts';
import { type Phase, phaseLabels, phases } from '../networks/domain.ts';
import { type Network, networkFor, networkNav } from '../networks/pages.ts';
import { listSpecialisms } from '../networks/specialisms-queries.ts';
import { offerForm } from './brokerage-forms.ts';
import { pounds } from './brokerage-view.ts';
import { createOffer } from './commands/create-offer.ts';
import { daysText } from './deployments-domain.ts';
import { designatedPeople, findOffer, listOffers } from './offers-queries.ts';
import { supportSubNav } from './support-nav.ts';

const PER_PAGE = 25;
const base = (networkId: string) => `/networks/${networkId}/support/offers`;
const list = (v: unknown) => (Array.isArray(v) ? v : v ? [v] : []);

async function newOfferPage(c: AppContext, network: Network, form: FormState = {}, status: 200 | 400 | 409 = 200) {
  const db = c.var.deps.database.db;
  const [{ rows: specialisms }, { rows: people }] = await Promise.all([listSpecialisms(db, network.id), designatedPeople(db, network.id)]);
  const values = form.values ?? {};
  const chosen = list(values.providerIds);
  return render(
    c,
    'offers-new.njk',
    {
      title: 'Publish an offer',
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subNav: supportSubNav(c, network.id),
      backLink: base(network.id),
      values,
      specialismItems: [
        { value: '', text: 'None' },
        ...specialisms.map((s) => ({ value: s.id, text: s.name, selected: values.specialismId === s.id })),
      ],
      phaseItems: [
        { value: '', text: 'Any phase' },
        ...phases.map((p) => ({ value: p, text: phaseLabels[p], selected: values.phase === p })),
      ],
      providerItems: people.map((p) => ({ value: p.id, text: p.fullName, checked: chosen.includes(p.id) })),
      ...form,
    },
    status,
  );
}

export const offerPages = new Hono<AppEnv>()
  .get('/networks/:networkId/support', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'offer.view');
    const to = can(c.var.actor, 'request.list', { networkId: network.id }) ? 'requests' : 'offers';
    return c.redirect(`/networks/${network.id}/support/${to}`, 303);
  })
  .get('/networks/:networkId/support/offers', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'offer.view');
    const page = z.coerce
      .number()
      .int()
      .min(1)
      .max(100000)
      .catch(1)
      .parse(c.req.query('page') ?? 1);
    const { rows, total } = await listOffers(c.var.deps.database.db, network.id, { page, perPage: PER_PAGE });
    return render(c, 'offers.njk', {
      title: 'Support offers',
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subNav: supportSubNav(c, network.id),
      ...paginationView({ page, perPage: PER_PAGE, total }, base(network.id), {}),
      mayManage: can(c.var.actor, 'offer.manage', { networkId: network.id }),
      mayRequest: can(c.var.actor, 'request.list', { networkId: network.id }),
      tableRows: rows.map((o) => [
        linkCell(`${base(network.id)}/${o.id}`, o.title),
        { text: o.providers.join(', ') || 'The network' },
        { text: daysText(o.typicalDays) },
        { text: pounds(o.pricePence) },
      ]),
    });
  })
  .get('/networks/:networkId/support/offers/new', async (c) => {
    signedIn(c);
    return newOfferPage(c, await networkFor(c, 'offer.manage'));
  })
  .post('/networks/:networkId/support/offers', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'offer.manage');
    const body = formFields(await c.req.parseBody({ all: true }));
    const form = validateForm(offerForm, body);
    if (!form.ok) return newOfferPage(c, network, { values: body, ...form }, 400);
    const { database, mailer, config } = c.var.deps;
    const { price, ...rest } = form.data;
    try {
      const offer = await inTransaction(database, (db) =>
        createOffer(
          { db, actor, mailer, config },
          { networkId: network.id, ...rest, pricePence: price === null ? null : Math.round(price * 100) },
        ),
      );
      return c.redirect(`${base(network.id)}/${offer.id}`, 303);
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return newOfferPage(c, network, { values: body, ...failed }, status);
    }
  })
  .get('/networks/:networkId/support/offers/:offerId', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'offer.view');
    const offer = await findOffer(c.var.deps.database.db, c.req.param('offerId'));
    if (!offer || offer.networkId !== network.id) throw notFound('Offer');
    await authorize(c.var.deps.database.db, c.var.actor, 'offer.view', { networkId: offer.networkId });
    return render(c, 'offers-show.njk', {
      title: offer.title,
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subNav: supportSubNav(c, network.id),
      breadcrumbs: [{ text: 'Offers', href: base(network.id) }, { text: offer.title }],
      offer,
      mayRequest: can(c.var.actor, 'request.list', { networkId: network.id }),
      rows: [
        { key: { text: 'Description' }, value: { text: offer.description } },
        { key: { text: 'Provided by' }, value: { text: offer.providers.join(', ') || 'The network' } },
        { key: { text: 'Specialism' }, value: { text: offer.specialismName ?? 'Not set' } },
        { key: { text: 'Phase' }, value: { text: offer.phase ? phaseLabels[offer.phase as Phase] : 'Any phase' } },
        { key: { text: 'Typical days' }, value: { text: daysText(offer.typicalDays) } },
        { key: { text: 'Price' }, value: { text: pounds(offer.pricePence) } },
      ],
    });
  });
