import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

/**
 * Draws an Observable Plot chart on the server as SVG markup that the strict CSP and axe accept: Plot's
 * <style> element and style attributes are removed (app.scss sizes `.app-chart`), and the chart is one
 * image to assistive technology, described by `description` (pages give the figures in a table too).
 */
export function plotSvg(options: Plot.PlotOptions, description: string): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const svg = Plot.plot({ ...options, document } as Plot.PlotOptions & { document: unknown }) as unknown as Element;
  for (const style of [...svg.querySelectorAll('style')]) style.remove();
  for (const el of [svg, ...svg.querySelectorAll('[style]')]) el.removeAttribute('style');
  // Labels on inner groups would be invalid ARIA inside role="img".
  for (const el of [...svg.querySelectorAll('[aria-label]'), ...svg.querySelectorAll('[aria-description]')]) {
    el.removeAttribute('aria-label');
    el.removeAttribute('aria-description');
  }
  svg.setAttribute('class', 'app-chart');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', description);
  return svg.outerHTML;
}
