import { formatDate } from '../../kernel/ui/format.ts';
import { escapeHtml } from '../../kernel/ui/html.ts';
import { evidenceTypeLabels } from './evidence-domain.ts';
import type { Coverage } from './framework-domain.ts';
import type { LoadedFramework } from './framework-queries.ts';
import type { EvidenceItem } from './portfolio-queries.ts';

// View-models of the portfolio pages: plain rows for the design system's table and summary list.

const list = (items: string[]) => (items.length ? `<ul class="govuk-list govuk-body-s">${items.join('')}</ul>` : '');

/** The coverage grid as table rows: one per standard, a cell per level, then the mentor's comments. */
export function coverageTable(grid: Coverage, evidenceHref: (id: string) => string) {
  return {
    head: [{ text: 'Standard' }, ...grid.levels.map((l) => ({ text: `${l.level} ${l.name}` })), { text: 'Mentor comments' }],
    rows: grid.rows.map((row) => [
      { html: `<span class="govuk-!-font-weight-bold">${escapeHtml(row.standard.code)}</span> ${escapeHtml(row.standard.title)}` },
      ...row.cells.map((cell) =>
        cell.evidenced
          ? {
              html: list(
                cell.evidence.map(
                  (e) =>
                    `<li><a class="govuk-link" href="${escapeHtml(evidenceHref(e.id))}">${escapeHtml(e.title)}</a>${e.ready ? ' (ready)' : ''}</li>`,
                ),
              ),
              classes: 'app-coverage--evidenced',
            }
          : { html: '<span class="govuk-visually-hidden">Not evidenced</span>' },
      ),
      { html: list(row.comments.map((c) => `<li>${escapeHtml(c.author)}: ${escapeHtml(c.body)}</li>`)) || 'None' },
    ]),
  };
}

export function passText(grid: Coverage, framework: LoadedFramework) {
  const { pass } = grid;
  const rule = `at least level ${framework.passRule.minLevel} on ${framework.passRule.minStandards} of ${framework.standards.length} standards`;
  return pass.met
    ? `The pass rule would be met if the claims are upheld: ${pass.standardsAtLevel} standards evidenced at level ${framework.passRule.minLevel} or above (${rule}).`
    : `The pass rule would not yet be met: ${pass.standardsAtLevel} of the ${pass.needed} standards needed are evidenced at level ${framework.passRule.minLevel} or above (${rule}).`;
}

export function evidenceRows(items: EvidenceItem[], framework: LoadedFramework, href: (id: string) => string) {
  const code = new Map(framework.standards.map((s) => [s.id, s.code]));
  return items.map((i) => [
    { html: `<a class="govuk-link" href="${escapeHtml(href(i.id))}">${escapeHtml(i.title)}</a>` },
    { text: formatDate(i.occurredOn) },
    { text: evidenceTypeLabels[i.type] },
    { text: i.claims.map((c) => `${code.get(c.standardId)} at ${c.claimedLevel}`).join(', ') },
    { text: i.readyAt ? 'Ready' : 'Draft' },
    { text: String(i.feedback.length) },
  ]);
}

export function evidenceSummary(item: EvidenceItem, framework: LoadedFramework) {
  const standard = new Map(framework.standards.map((s) => [s.id, s]));
  const level = new Map(framework.levels.map((l) => [l.level, l.name]));
  const row = (key: string, value: string | null) => ({ key: { text: key }, value: { text: value || 'Not given' } });
  return [
    row('Type', evidenceTypeLabels[item.type]),
    row('When', formatDate(item.occurredOn)),
    row('What was done', item.whatWasDone),
    row('With whom', item.withWhom),
    row('Impact', item.impact),
    row('How the impact was measured', item.impactMeasure),
    {
      key: { text: 'Standards claimed' },
      value: {
        html: list(
          item.claims.map((c) => {
            const s = standard.get(c.standardId);
            return `<li>${escapeHtml(`${s?.code} ${s?.title}: level ${c.claimedLevel} ${level.get(c.claimedLevel) ?? ''}`)}</li>`;
          }),
        ),
      },
    },
    row('Ready for assessment', item.readyAt ? 'Yes' : 'Not yet'),
  ];
}
