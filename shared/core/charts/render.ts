import * as echarts from 'echarts';
import { buildChartOption, chartDescription, type ChartSpec } from '../../domain/chart-options.ts';
import { rasterise } from './rasterise.ts';

export type { ChartSpec } from '../../domain/chart-options.ts';

export interface RenderChartOptions {
  width: number;
  height: number;
  format: 'svg' | 'png';
  /** PNG only: pixels per SVG unit (2 by default, sharp when printed). */
  pixelRatio?: number;
}

/**
 * Draws a chart in Node with ECharts' server-side SVG renderer (no DOM, no canvas): SVG text for
 * print and the browser, or a PNG for a Word report. The options come from the same builder the
 * 分析 page uses.
 */
export async function renderChart(spec: ChartSpec, opts: RenderChartOptions & { format: 'svg' }): Promise<string>;
export async function renderChart(spec: ChartSpec, opts: RenderChartOptions & { format: 'png' }): Promise<Uint8Array>;
export async function renderChart(spec: ChartSpec, opts: RenderChartOptions): Promise<string | Uint8Array>;
export async function renderChart(spec: ChartSpec, opts: RenderChartOptions): Promise<string | Uint8Array> {
  const svg = renderSvg(spec, opts.width, opts.height);
  if (opts.format === 'svg') return svg;
  return rasterise(svg, opts.width, opts.pixelRatio ?? 2);
}

function renderSvg(spec: ChartSpec, width: number, height: number): string {
  if (!(width > 0 && height > 0)) throw new Error('图表的宽度和高度必须大于 0');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(buildChartOption(spec, { animation: false }));
    const svg = chart.renderToSVGString();
    return withTitle(svg, spec);
  } finally {
    chart.dispose();
  }
}

/** A <title> and role="img" so a screen reader (or Word's alt text import) names the chart. */
function withTitle(svg: string, spec: ChartSpec): string {
  const text = chartDescription(spec).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return svg.replace(/<svg([^>]*)>/, (_m, attrs: string) => {
    const a = `${attrs.replace(/\s(role|aria-label)="[^"]*"/g, '')} role="img" aria-label="${text}"`;
    return `<svg${a}><title>${text}</title>`;
  });
}
