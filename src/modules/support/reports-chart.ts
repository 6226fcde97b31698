import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

/**
 * A horizontal bar chart drawn on the server as SVG. The CSP allows no inline styles, so the <style>
 * element and style attributes Plot adds are removed (app.scss sizes `.app-chart`); the page's table
 * beside it gives the same figures as text.
 */
export function barChart(rows: { key: string; value: number }[], label: string, description: string): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const svg = Plot.plot({
    document,
    width: 640,
    height: 50 + Math.max(rows.length, 1) * 28,
    marginLeft: 200,
    x: { grid: true, label },
    y: { domain: rows.map((r) => r.key), label: null },
    marks: [Plot.barX(rows, { x: 'value', y: 'key', fill: '#1d70b8' }), Plot.ruleX([0])],
  } as Plot.PlotOptions & { document: unknown }) as unknown as Element;
  for (const style of [...svg.querySelectorAll('style')]) style.remove();
  for (const el of [svg, ...svg.querySelectorAll('[style]')]) el.removeAttribute('style');
  // The whole chart is one image to assistive technology: Plot's labels on inner groups would be invalid ARIA.
  for (const el of [...svg.querySelectorAll('[aria-label]'), ...svg.querySelectorAll('[aria-description]')]) {
    el.removeAttribute('aria-label');
    el.removeAttribute('aria-description');
  }
  svg.setAttribute('class', 'app-chart');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', description);
  return svg.outerHTML;
}
