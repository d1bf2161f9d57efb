export { renderChart, type RenderChartOptions } from './render.ts';
export type { ChartSpec, ChartSeries, ChartKind } from '../../domain/chart-options.ts';
