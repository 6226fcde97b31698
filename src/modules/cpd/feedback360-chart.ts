import * as Plot from '@observablehq/plot';
import { plotSvg } from '../../kernel/ui/chart.ts';
import type { QualityResult } from './feedback360-domain.ts';

/** Series colours, named again in the page's key (the chart carries no legend of its own). */
export const chartColours = { self: '#1d70b8', others: '#d4351c' } as const;

/**
 * The 360 report's chart, drawn on the server as SVG: per quality, the leader's own rating and the
 * others' mean on the 1 to 5 scale, joined by a line showing the gap.
 */
export function comparisonChart(results: QualityResult[]): string {
  const rows = results.filter((r) => r.self != null || r.others != null);
  const points = rows.flatMap((r) => [
    ...(r.self != null ? [{ quality: r.name, who: 'You', score: r.self }] : []),
    ...(r.others != null ? [{ quality: r.name, who: 'Others', score: r.others }] : []),
  ]);
  const gaps = rows.filter((r) => r.self != null && r.others != null);
  return plotSvg(
    {
      width: 640,
      height: 40 + rows.length * 36,
      marginLeft: 220,
      x: { domain: [1, 5], ticks: 5, grid: true, label: 'Rating (1 rarely, 5 consistently)' },
      y: { domain: rows.map((r) => r.name), label: null },
      color: { domain: ['You', 'Others'], range: [chartColours.self, chartColours.others] },
      marks: [
        Plot.link(gaps, { x1: 'self', x2: 'others', y1: 'name', y2: 'name', stroke: '#b1b4b6', strokeWidth: 3 }),
        Plot.dot(points, { x: 'score', y: 'quality', fill: 'who', r: 7, symbol: 'who' }),
      ],
    },
    'Chart comparing your own ratings with the mean of the others’ ratings for each quality; the table below gives the figures.',
  );
}
