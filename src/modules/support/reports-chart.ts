import * as Plot from '@observablehq/plot';
import { plotSvg } from '../../kernel/ui/chart.ts';

/** A horizontal bar chart drawn on the server as SVG; the page's table beside it gives the same figures as text. */
export function barChart(rows: { key: string; value: number }[], label: string, description: string): string {
  return plotSvg(
    {
      width: 640,
      height: 50 + Math.max(rows.length, 1) * 28,
      marginLeft: 200,
      x: { grid: true, label },
      y: { domain: rows.map((r) => r.key), label: null },
      marks: [Plot.barX(rows, { x: 'value', y: 'key', fill: '#1d70b8' }), Plot.ruleX([0])],
    },
    description,
  );
}
