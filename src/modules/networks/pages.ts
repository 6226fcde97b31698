import { Hono } from 'hono';
import { type Role, roleLabels } from '../../kernel/auth/actor.ts';
import type { AppContext, AppEnv } from '../../kernel/http/context.ts';
import { notFound, unauthorized } from '../../kernel/http/errors.ts';
import { render } from '../../kernel/http/render.ts';
import { networkScope } from '../../kernel/policy/policy.ts';
import { type Action, authorize, can } from '../../policy.ts';
import { type NetworkKind, networkKindLabels } from './domain.ts';
import { activePartners } from './partnerships-queries.ts';
import { findNetwork, listNetworks, networkCounts } from './queries.ts';

export type Network = Awaited<ReturnType<typeof networkFor>>;

/** Load the network named in the path and check the actor may do `action` in it. */
export async function networkFor(c: AppContext, action: Action, extra: { schoolUrn?: number | null; personId?: string | null } = {}) {
  const db = c.var.deps.database.db;
  const network = await findNetwork(db, c.req.param('networkId') ?? '');
  if (!network) throw notFound('Network');
  await authorize(db, c.var.actor, action, { networkId: network.id, ...extra });
  return network;
}

/** The service navigation inside a network, showing only what the actor may open. */
export function networkNav(c: AppContext, networkId: string) {
  const base = `/networks/${networkId}`;
  const items: { text: string; href: string; action: Action; area?: string[] }[] = [
    { text: 'Home', href: base, action: 'network.view' },
    { text: 'Schools', href: `${base}/schools`, action: 'school.view' },
    { text: 'People', href: `${base}/people`, action: 'person.list' },
    { text: 'Specialisms', href: `${base}/specialisms`, action: 'specialism.view' },
    // School-to-school support is one area (its pages carry their own sub-navigation): the directory,
    // designations and rounds, brokerage and money.
    {
      text: 'Support',
      href: `${base}/support`,
      action: 'offer.view',
      area: ['directory', 'designations', 'rounds'].map((p) => `${base}/${p}`),
    },
    { text: 'CPD', href: `${base}/cpd`, action: 'cpd.view' },
    { text: 'Accreditation', href: `${base}/accreditation`, action: 'accreditation.view' },
    { text: 'Audit log', href: `${base}/audit`, action: 'audit.view' },
    { text: 'Settings', href: `${base}/settings`, action: 'network.manage' },
  ];
  const path = c.req.path;
  return items
    .filter((i) => can(c.var.actor, i.action, { networkId }))
    .map((i) => ({
      text: i.text,
      href: i.href,
      active: i.href === base ? path === base : [i.href, ...(i.area ?? [])].some((prefix) => path.startsWith(prefix)),
    }));
}

export const networkPages = new Hono<AppEnv>()
  .get('/', async (c) => {
    const actor = c.var.actor;
    if (!actor) return c.redirect('/sign-in', 303);
    const list = await listNetworks(c.var.deps.database.db, networkScope(actor));
    if (list.length === 1 && list[0]) return c.redirect(`/networks/${list[0].id}`, 303);
    return render(c, 'networks.njk', {
      title: 'Your networks',
      networks: list.map((n) => ({ ...n, kindLabel: networkKindLabels[n.kind as NetworkKind] })),
    });
  })
  .get('/networks/:networkId', async (c) => {
    if (!c.var.actor) throw unauthorized();
    const network = await networkFor(c, 'network.view');
    const db = c.var.deps.database.db;
    const [counts, partners] = await Promise.all([networkCounts(db, network.id), activePartners(db, network.id)]);
    const actor = c.var.actor;
    const myRoles =
      actor.kind === 'person' ? actor.memberships.filter((m) => m.networkId === network.id).map((m) => roleLabels[m.role as Role]) : [];
    return render(c, 'network-home.njk', {
      title: network.name,
      currentNetwork: network,
      nav: networkNav(c, network.id),
      kindLabel: networkKindLabels[network.kind as NetworkKind],
      counts,
      roleRows: Object.entries(counts.byRole).map(([role, n]) => [
        { text: roleLabels[role as Role] ?? role },
        { text: String(n), format: 'numeric' },
      ]),
      myRoles,
      // A partner's directory is open to this network's members (directory.view).
      partners: partners.map((p) => ({
        ...p,
        directoryHref: can(c.var.actor, 'directory.view', { networkId: p.id }) ? `/networks/${p.id}/directory` : null,
      })),
    });
  });
