import { Hono } from 'hono';
import type { AppEnv } from '../../kernel/http/context.ts';
import { unauthorized } from '../../kernel/http/errors.ts';
import { validateForm } from '../../kernel/http/forms.ts';
import { render } from '../../kernel/http/render.ts';
import { formatDateTime } from '../../kernel/ui/format.ts';
import { paginationView } from '../../kernel/ui/pagination.ts';
import { auditFilter } from './audit-filters.ts';
import { auditActions, listAuditEvents } from './audit-queries.ts';
import { networkFor, networkNav } from './pages.ts';

const PER_PAGE = 50;

const detailText = (detail: Record<string, unknown>) =>
  Object.entries(detail)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('; ');

export const auditPages = new Hono<AppEnv>().get('/networks/:networkId/audit', async (c) => {
  if (!c.var.actor) throw unauthorized();
  const network = await networkFor(c, 'audit.view');
  const db = c.var.deps.database.db;
  const raw = c.req.query();
  const form = validateForm(auditFilter, raw);
  const actions = await auditActions(db, network.id);
  const view = {
    title: 'Audit log',
    currentNetwork: network,
    nav: networkNav(c, network.id),
    values: raw,
    actionItems: [{ value: '', text: 'Any action' }, ...actions.map((a) => ({ value: a, text: a, selected: a === raw.action }))],
  };
  if (!form.ok) return render(c, 'audit.njk', { ...view, ...form }, 400);
  const { page, ...filter } = form.data;
  const { rows, total } = await listAuditEvents(db, network.id, filter, { page, perPage: PER_PAGE });
  return render(c, 'audit.njk', {
    ...view,
    ...paginationView({ page, perPage: PER_PAGE, total }, `/networks/${network.id}/audit`, {
      action: filter.action,
      actor: filter.actor,
      from: raw.from,
      to: raw.to,
    }),
    tableRows: rows.map((e) => [
      { text: formatDateTime(e.at) },
      { text: e.actorLabel },
      { text: e.action },
      { text: e.subjectId ? `${e.subjectType} ${e.subjectId}` : e.subjectType },
      { text: detailText(e.detail), classes: 'app-break-words' },
    ]),
  });
});
