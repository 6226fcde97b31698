import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { Hono } from 'hono';
import { z } from 'zod';
import { todayIso } from '../../kernel/dates.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { render } from '../../kernel/http/render.ts';
import { networkFor, networkNav } from '../networks/pages.ts';
import { formatDays, formatPounds } from './money-domain.ts';
import { paymentModelOf } from './money-queries.ts';
import { barChart } from './reports-chart.ts';
import { daysBy, deployedWithinThreeMonths, dimensionLabels, dimensions, ratedGoodOrBetter, type Share } from './reports-domain.ts';
import { dayRows, designationStarts, schoolRatings, targetFor } from './reports-queries.ts';
import { schoolYearLabel, schoolYearOf, statementsFor, termsOf } from './statements-domain.ts';
import { deploymentsForCharging } from './statements-queries.ts';
import { supportSubNav } from './support-nav.ts';

const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined) });
const base = (networkId: string) => `/networks/${networkId}/support/reports`;

/** Everything the report shows for one school year, computed once for the page and the exports. */
export async function supportReport(c: AppContext, networkId: string, startYear: number) {
  const db = c.var.deps.database.db;
  const [rows, starts, ratings, target, model, charging] = await Promise.all([
    dayRows(db, networkId, startYear),
    designationStarts(db, networkId),
    schoolRatings(db, networkId, startYear),
    targetFor(db, networkId, startYear),
    paymentModelOf(db, networkId),
    deploymentsForCharging(db, networkId),
  ]);
  // Income is what schools are charged, net of vouchers and before VAT (VAT is passed on).
  const incomePence = termsOf(startYear)
    .flatMap((t) => statementsFor(model, charging, t).statements)
    .flatMap((s) => s.items)
    .reduce((sum, i) => sum + i.charge.totalPence - (i.charge.lines.find((l) => l.kind === 'vat')?.pence ?? 0), 0);
  const halfDays = rows.reduce((a, r) => a + r.halfDays, 0);
  return {
    startYear,
    halfDays,
    incomePence,
    target,
    deployedSoon: deployedWithinThreeMonths(starts, todayIso()),
    goodOrBetter: ratedGoodOrBetter(ratings),
    by: Object.fromEntries(dimensions.map((d) => [d, daysBy(rows, d, startYear)])) as Record<
      (typeof dimensions)[number],
      { key: string; halfDays: number }[]
    >,
  };
}

const shareText = (s: Share) => (s.percent === null ? 'None yet' : `${s.percent}% (${s.count} of ${s.of})`);
const yearOf = (c: AppContext) => yearQuery.parse(c.req.query()).year ?? schoolYearOf(todayIso());

export const reportPages = new Hono<AppEnv>()
  .get('/networks/:networkId/support/reports', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'report.view');
    const year = yearOf(c);
    const r = await supportReport(c, network.id, year);
    const thisYear = schoolYearOf(todayIso());
    return render(c, 'reports.njk', {
      title: `Support reports: ${schoolYearLabel(year)}`,
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subNav: supportSubNav(c, network.id),
      yearText: schoolYearLabel(year),
      yearItems: [0, 1, 2, 3].map((n) => thisYear - n).map((y) => ({ value: String(y), text: schoolYearLabel(y), selected: y === year })),
      summaryRows: [
        [
          { text: 'Deployment days' },
          { text: formatDays(r.halfDays), format: 'numeric' },
          { text: r.target ? formatDays(r.target.days * 2) : 'Not set', format: 'numeric' },
        ],
        [
          { text: 'Income (before VAT)' },
          { text: formatPounds(r.incomePence), format: 'numeric' },
          { text: r.target ? formatPounds(r.target.incomePence) : 'Not set', format: 'numeric' },
        ],
      ],
      kpiRows: [
        { key: { text: 'Designated leaders deployed within 3 months of designation' }, value: { text: shareText(r.deployedSoon) } },
        { key: { text: 'Support rated good or better by the school' }, value: { text: shareText(r.goodOrBetter) } },
      ],
      termChart: barChart(
        r.by.term.map((x) => ({ key: x.key, value: x.halfDays / 2 })),
        'Days',
        `Bar chart of deployment days by term in ${schoolYearLabel(year)}; the table gives the figures.`,
      ),
      specialismChart: barChart(
        r.by.specialism.slice(0, 12).map((x) => ({ key: x.key, value: x.halfDays / 2 })),
        'Days',
        `Bar chart of deployment days by specialism in ${schoolYearLabel(year)}; the table gives the figures.`,
      ),
      tables: dimensions.map((d) => ({
        id: d,
        caption: `Days by ${dimensionLabels[d].toLowerCase()}`,
        head: [{ text: dimensionLabels[d] }, { text: 'Days', format: 'numeric' }],
        rows: r.by[d].map((x) => [{ text: x.key }, { text: String(x.halfDays / 2), format: 'numeric' }]),
        csvHref: `${base(network.id)}/days.csv?year=${year}&by=${d}`,
      })),
      xlsxHref: `${base(network.id)}/report.xlsx?year=${year}`,
    });
  })
  .get('/networks/:networkId/support/reports/days.csv', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'report.view');
    const year = yearOf(c);
    const by = z.enum(dimensions).catch('leader').parse(c.req.query('by'));
    const r = await supportReport(c, network.id, year);
    const csv = stringify([[by, 'days'], ...r.by[by].map((x) => [x.key, x.halfDays / 2])]);
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="days-by-${by}-${year}.csv"`,
    });
  })
  .get('/networks/:networkId/support/reports/report.xlsx', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'report.view');
    const year = yearOf(c);
    const r = await supportReport(c, network.id, year);
    const book = new ExcelJS.Workbook();
    const summary = book.addWorksheet('Summary');
    summary.addRows([
      ['School year', schoolYearLabel(year)],
      ['Deployment days', r.halfDays / 2, 'Target', r.target?.days ?? null],
      ['Income before VAT (£)', r.incomePence / 100, 'Target', r.target ? r.target.incomePence / 100 : null],
      ['Deployed within 3 months (%)', r.deployedSoon.percent, 'of', r.deployedSoon.of],
      ['Rated good or better (%)', r.goodOrBetter.percent, 'of', r.goodOrBetter.of],
    ]);
    for (const d of dimensions) {
      const sheet = book.addWorksheet(`Days by ${d}`);
      sheet.addRows([[dimensionLabels[d], 'Days'], ...r.by[d].map((x) => [x.key, x.halfDays / 2])]);
    }
    const bytes = await book.xlsx.writeBuffer();
    return c.body(new Uint8Array(bytes as ArrayBuffer), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="support-report-${year}.xlsx"`,
    });
  });
