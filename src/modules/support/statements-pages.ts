import { Hono } from 'hono';
import { todayIso } from '../../kernel/dates.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { render } from '../../kernel/http/render.ts';
import { linkCell } from '../../kernel/ui/html.ts';
import { can } from '../../policy.ts';
import { type Network, networkFor, networkNav } from '../networks/pages.ts';
import { formatDays, formatPounds } from './money-domain.ts';
import { paymentModelOf } from './money-queries.ts';
import { parseTerm, recentTerms, statementsFor, type Term, termId, termLabel, termOf } from './statements-domain.ts';
import { incomeCsv, incomePdf, statementCsv, statementPdf } from './statements-export.ts';
import { deploymentsForCharging } from './statements-queries.ts';
import { supportSubNav } from './support-nav.ts';

const base = (networkId: string) => `/networks/${networkId}/support/statements`;
const termFrom = (c: AppContext): Term => parseTerm(c.req.query('term')) ?? termOf(todayIso());

/** The network's statements and income for a term; the caller narrows them to what the actor may see. */
export async function termStatements(c: AppContext, networkId: string, term: Term) {
  const db = c.var.deps.database.db;
  const [model, deployments] = await Promise.all([paymentModelOf(db, networkId), deploymentsForCharging(db, networkId)]);
  return statementsFor(model, deployments, term);
}

/** An admin sees every school; a school leader only their own school. */
const mayView = (c: AppContext, networkId: string, urn: number) => can(c.var.actor, 'statement.view', { networkId, schoolUrn: urn });

async function statementFor(c: AppContext, network: Network) {
  const urn = Number(c.req.param('urn'));
  await networkFor(c, 'statement.view', { schoolUrn: urn });
  const term = termFrom(c);
  const { statements } = await termStatements(c, network.id, term);
  const statement = statements.find((s) => s.schoolUrn === urn);
  return { statement, term, urn };
}

const file = (c: AppContext, body: string | Buffer, type: string, name: string) =>
  c.body(typeof body === 'string' ? body : new Uint8Array(body), 200, {
    'Content-Type': type,
    'Content-Disposition': `attachment; filename="${name}"`,
  });

export const statementPages = new Hono<AppEnv>()
  .get('/networks/:networkId/support/statements', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'statement.list');
    const db = c.var.deps.database.db;
    const [model, charging] = await Promise.all([paymentModelOf(db, network.id), deploymentsForCharging(db, network.id)]);
    const visible = (t: Term) => {
      const { statements, income } = statementsFor(model, charging, t);
      return {
        mine: statements.filter((s) => mayView(c, network.id, s.schoolUrn)),
        dueToMine: income.filter((r) => mayView(c, network.id, r.schoolUrn)),
      };
    };
    // Without a term asked for: this term, or else the latest term with something charged in it.
    const asked = parseTerm(c.req.query('term'));
    const current = termOf(todayIso());
    const term = asked ?? recentTerms(todayIso(), 9).find((t) => visible(t).mine.length > 0 || visible(t).dueToMine.length > 0) ?? current;
    const { mine, dueToMine } = visible(term);
    const q = `?term=${termId(term)}`;
    return render(c, 'statements.njk', {
      title: `Statements: ${termLabel(term)}`,
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subNav: supportSubNav(c, network.id),
      termText: termLabel(term),
      fellBack: !asked && termId(term) !== termId(current) ? termLabel(current) : null,
      termItems: recentTerms(todayIso(), 9).map((t) => ({ value: termId(t), text: termLabel(t), selected: termId(t) === termId(term) })),
      q,
      statementRows: mine.map((s) => [
        linkCell(`${base(network.id)}/${s.schoolUrn}${q}`, s.schoolName),
        { text: formatDays(s.items.reduce((a, i) => a + i.halfDays, 0)), format: 'numeric' },
        { text: formatPounds(s.totalPence), format: 'numeric' },
      ]),
      incomeRows: dueToMine.map((r) => [
        { text: r.schoolName },
        { text: formatDays(r.halfDays), format: 'numeric' },
        { text: formatPounds(r.pence), format: 'numeric' },
      ]),
      incomeTotal: formatPounds(dueToMine.reduce((a, r) => a + r.pence, 0)),
      isAdmin: can(c.var.actor, 'money.manage', { networkId: network.id }),
    });
  })
  .get('/networks/:networkId/support/statements/income.csv', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'money.manage');
    const term = termFrom(c);
    const { income } = await termStatements(c, network.id, term);
    return file(c, incomeCsv(income), 'text/csv; charset=utf-8', `income-${termId(term)}.csv`);
  })
  .get('/networks/:networkId/support/statements/income.pdf', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'money.manage');
    const term = termFrom(c);
    const { income } = await termStatements(c, network.id, term);
    return file(c, await incomePdf(income, termLabel(term), network.name), 'application/pdf', `income-${termId(term)}.pdf`);
  })
  .get('/networks/:networkId/support/statements/:urn{[0-9]{1,9}}', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'statement.list');
    const { statement, term, urn } = await statementFor(c, network);
    const q = `?term=${termId(term)}`;
    return render(c, 'statement.njk', {
      title: `Statement: ${statement?.schoolName ?? `URN ${urn}`}, ${termLabel(term)}`,
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subNav: supportSubNav(c, network.id),
      breadcrumbs: [{ text: 'Statements', href: `${base(network.id)}${q}` }, { text: statement?.schoolName ?? `URN ${urn}` }],
      termText: termLabel(term),
      schoolName: statement?.schoolName ?? `URN ${urn}`,
      items: (statement?.items ?? []).map((i) => ({
        title: `${i.title} (${formatDays(i.halfDays)})`,
        rows: i.charge.lines.map((l) => [{ text: l.description }, { text: formatPounds(l.pence), format: 'numeric' }]),
        total: formatPounds(i.charge.totalPence),
      })),
      total: formatPounds(statement?.totalPence ?? 0),
      csvHref: `${base(network.id)}/${urn}/statement.csv${q}`,
      pdfHref: `${base(network.id)}/${urn}/statement.pdf${q}`,
    });
  })
  .get('/networks/:networkId/support/statements/:urn{[0-9]{1,9}}/statement.csv', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'statement.list');
    const { statement, term, urn } = await statementFor(c, network);
    if (!statement) throw notFound('Statement');
    return file(c, statementCsv(statement), 'text/csv; charset=utf-8', `statement-${urn}-${termId(term)}.csv`);
  })
  .get('/networks/:networkId/support/statements/:urn{[0-9]{1,9}}/statement.pdf', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'statement.list');
    const { statement, term, urn } = await statementFor(c, network);
    if (!statement) throw notFound('Statement');
    return file(c, await statementPdf(statement, network.name), 'application/pdf', `statement-${urn}-${termId(term)}.pdf`);
  });
