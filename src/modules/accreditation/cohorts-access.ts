import type { Actor } from '../../kernel/auth/actor.ts';
import type { AppContext } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { type Action, authorize, can } from '../../policy.ts';
import { type Network, networkFor, networkNav } from '../networks/pages.ts';
import { activePartners } from '../networks/partnerships-queries.ts';
import { type CohortDetail, loadCohort } from './cohorts-queries.ts';
import { loadFrameworkVersion } from './framework-queries.ts';
import { type CandidatePortfolio, isMentorOf, loadCandidatePortfolio } from './portfolio-queries.ts';

// Who may open which cohort and portfolio, found once here for pages and API alike.

export const areaBase = (networkId: string) => `/networks/${networkId}/accreditation`;

/** The cohort in the path, seen from the network in the path, which must take part in it (else 403, audited). */
export async function cohortFor(c: AppContext, action: Extract<Action, 'lpCohort.view' | 'lpCohort.manage'>) {
  const network = await networkFor(c, action);
  const db = c.var.deps.database.db;
  const cohort = await loadCohort(db, c.req.param('cohortId') ?? '');
  if (!cohort) throw notFound('Cohort');
  // Changes are made from the network that runs the cohort; partners see it from theirs.
  const from = action === 'lpCohort.manage' ? [cohort.networkId] : await sharingNetworks(c, cohort, cohort.networkId);
  if (!from.includes(network.id)) await authorize(db, c.var.actor, action, { networkId: cohort.networkId });
  return { network, cohort };
}

/**
 * The networks of a cohort that may see records held by `holder` (the cohort's own network, or a candidate's):
 * the holder itself, and the cohort's other networks only while in an active partnership with the holder.
 */
async function sharingNetworks(c: AppContext, cohort: CohortDetail, holder: string): Promise<string[]> {
  const partners = new Set((await activePartners(c.var.deps.database.db, holder)).map((p) => p.id));
  return cohort.networks.map((n) => n.id).filter((id) => id === holder || partners.has(id));
}

export interface PortfolioAccess {
  network: Network;
  portfolio: CandidatePortfolio;
  cohort: CohortDetail;
  mayView: boolean;
  mayEdit: boolean;
  mayMentor: boolean;
}

/**
 * The portfolio in the path, from the network in the path (one of the cohort's networks): the candidate,
 * their mentors and the admins of the cohort's networks may open it; anyone else is refused and audited.
 */
export async function portfolioFor(c: AppContext, need: 'view' | 'edit' | 'mentor'): Promise<PortfolioAccess> {
  const network = await networkFor(c, 'accreditation.view');
  const db = c.var.deps.database.db;
  const portfolio = await loadCandidatePortfolio(db, c.req.param('candidateId') ?? '');
  if (!portfolio) throw notFound('Portfolio');
  const cohort = (await loadCohort(db, portfolio.cohort.id))!;
  const actor = c.var.actor as Extract<Actor, { kind: 'person' }>;
  const candidate = portfolio.candidate.personId;
  const sharing = await sharingNetworks(c, cohort, portfolio.candidate.networkId);
  const subjectNetwork = sharing.includes(network.id) ? network.id : portfolio.candidate.networkId;
  const mentor = actor.kind === 'person' && (await isMentorOf(db, portfolio.candidate.id, actor.personId)) ? actor.personId : null;
  const mayView = can(actor, 'lpPortfolio.view', { networkId: subjectNetwork, personId: candidate });
  const mayMentor = can(actor, 'lpPortfolio.mentor', { networkId: subjectNetwork, personId: mentor });
  const mayEdit = can(actor, 'lpPortfolio.edit', { networkId: subjectNetwork, personId: candidate });
  const allowed = need === 'edit' ? mayEdit : need === 'mentor' ? mayMentor : mayView || mayMentor;
  if (!allowed) {
    const action = need === 'edit' ? 'lpPortfolio.edit' : need === 'mentor' ? 'lpPortfolio.mentor' : 'lpPortfolio.view';
    await authorize(db, actor, action, { networkId: subjectNetwork, personId: need === 'mentor' ? mentor : candidate });
  }
  return { network, portfolio, cohort, mayView: mayView || mayMentor, mayEdit, mayMentor };
}

export async function frameworkOf(c: AppContext, versionId: string) {
  const framework = await loadFrameworkVersion(c.var.deps.database.db, versionId);
  if (!framework) throw notFound('Framework');
  return framework;
}

type AreaKey = 'home' | 'cohorts' | 'framework' | 'peer-reviews' | 'submissions' | 'certificates' | 'reports';

/**
 * The area's one sub-navigation, for the portfolio side and the outcomes side alike: only what the actor
 * may open. The current item is `active`, or else the one whose address the request is under.
 */
export function areaNav(c: AppContext, network: Network, active?: AreaKey | 'portfolio' | 'mentees') {
  const base = areaBase(network.id);
  const actor = c.var.actor;
  const s = { networkId: network.id };
  const items: { key: AreaKey; text: string; show: boolean }[] = [
    { key: 'home', text: 'Overview', show: true },
    { key: 'cohorts', text: 'Cohorts', show: can(actor, 'lpCohort.view', s) },
    { key: 'framework', text: 'Standards framework', show: can(actor, 'lpFramework.view', s) },
    { key: 'peer-reviews', text: 'Peer reviews', show: can(actor, 'accreditation.view', s) },
    { key: 'submissions', text: 'Submissions', show: can(actor, 'lpOutcome.manage', s) || can(actor, 'lpModeration.sample', s) },
    { key: 'certificates', text: 'Certificates', show: can(actor, 'accreditation.view', s) },
    { key: 'reports', text: 'Reports', show: can(actor, 'lpReport.view', s) },
  ];
  const hrefOf = (key: AreaKey) => (key === 'home' ? base : `${base}/${key}`);
  const current = active ?? items.find((i) => i.key !== 'home' && c.req.path.startsWith(hrefOf(i.key)))?.key ?? 'home';
  return items.filter((i) => i.show).map((i) => ({ text: i.text, href: hrefOf(i.key), active: i.key === current }));
}

/** What every page of the area passes to the layout. */
export function areaPage(c: AppContext, network: Network, active: Parameters<typeof areaNav>[2]) {
  return { currentNetwork: network, nav: networkNav(c, network.id), subnav: areaNav(c, network, active) };
}
