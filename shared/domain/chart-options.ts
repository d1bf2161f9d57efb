/**
 * One place for chart options: the 分析 page (ECharts in the browser) and the Word report
 * (ECharts server-side rendering in shared/core/charts) draw from the same builder, so a chart
 * looks the same on screen, on paper and in the report. No DOM or Node imports here.
 */

export type ChartKind = 'bar' | 'pie' | 'line';

export interface ChartSeries {
  name: string;
  values: number[];
}

export interface ChartSpec {
  kind: ChartKind;
  title: string;
  categories: string[];
  series: ChartSeries[];
  /** Optional fixed colours per category (pie) or per series (bar/line), e.g. the signal colours. */
  colors?: string[];
  /** Bars laid out horizontally (long unit names read better down the side). */
  horizontal?: boolean;
}

/** Fonts that exist on Windows (微软雅黑, 宋体) and on Linux (Noto CJK / 文泉驿). */
export const CHART_FONT_FAMILY = "'Microsoft YaHei', SimSun, 'Noto Sans CJK SC', 'Noto Sans SC', 'WenQuanYi Micro Hei', sans-serif";

/** Colour-blind-safe palette (Okabe–Ito), used when a spec names no colours. */
export const CHART_PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'];

/** Patterns (decals) so that series differ without colour, on screen and in black-and-white print. */
const DECALS = [
  { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: Math.PI / 4, color: 'rgba(0,0,0,0.35)' },
  { symbol: 'circle', symbolSize: 0.8, dashArrayX: [[8, 8], [0, 8, 8, 0]], dashArrayY: [6, 0], color: 'rgba(0,0,0,0.35)' },
  { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: -Math.PI / 4, color: 'rgba(0,0,0,0.35)' },
  { symbol: 'none', color: 'rgba(0,0,0,0)' },
  { symbol: 'rect', dashArrayX: [[1, 0], [1, 0]], dashArrayY: [1, 4], rotation: 0, color: 'rgba(0,0,0,0.35)' },
  { symbol: 'triangle', symbolSize: 0.7, dashArrayX: [[6, 6], [0, 6, 6, 0]], dashArrayY: [5, 0], color: 'rgba(0,0,0,0.35)' },
];

/** Text a screen reader reads for the chart: the title and every figure. */
export function chartDescription(spec: ChartSpec): string {
  const parts = spec.series.map((s) => {
    const figures = spec.categories.map((c, i) => `${c} ${s.values[i] ?? 0}`).join('，');
    return spec.series.length > 1 ? `${s.name}：${figures}` : figures;
  });
  return `${spec.title}。${parts.join('；')}。`;
}

function truncate(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/**
 * The ECharts option for a spec. `animation` off for server rendering and print; the browser
 * keeps ECharts' default. The return type is a plain object so this file needs no echarts types.
 */
export function buildChartOption(spec: ChartSpec, o: { animation?: boolean; showTitle?: boolean } = {}): Record<string, unknown> {
  const palette = spec.colors && spec.colors.length > 0 ? spec.colors : CHART_PALETTE;
  const common = {
    animation: o.animation ?? true,
    color: palette,
    textStyle: { fontFamily: CHART_FONT_FAMILY },
    aria: { enabled: true, label: { enabled: true, description: chartDescription(spec) }, decal: { show: true, decals: DECALS } },
    title: o.showTitle === false ? undefined : { text: spec.title, left: 'center', top: 4, textStyle: { fontSize: 15, fontFamily: CHART_FONT_FAMILY } },
    tooltip: { trigger: spec.kind === 'pie' ? 'item' : 'axis' },
  };
  const top = o.showTitle === false ? 16 : 40;

  if (spec.kind === 'pie') {
    const s = spec.series[0] ?? { name: spec.title, values: [] };
    return {
      ...common,
      legend: { bottom: 0, type: 'scroll' },
      series: [
        {
          type: 'pie',
          name: s.name,
          radius: ['28%', '54%'],
          center: ['50%', '46%'],
          avoidLabelOverlap: true,
          label: { formatter: '{b}\n{c}（{d}%）', fontFamily: CHART_FONT_FAMILY },
          data: spec.categories.map((c, i) => ({ name: c, value: s.values[i] ?? 0, itemStyle: spec.colors ? { color: spec.colors[i % spec.colors.length] } : undefined })),
        },
      ],
    };
  }

  const horizontal = spec.kind === 'bar' && !!spec.horizontal;
  const categoryAxis = {
    type: 'category',
    data: spec.categories,
    inverse: horizontal,
    axisLabel: horizontal
      ? { formatter: (v: string) => truncate(v, 10), fontFamily: CHART_FONT_FAMILY }
      : { interval: 0, rotate: spec.categories.length > 6 ? 30 : 0, formatter: (v: string) => truncate(v, 8), fontFamily: CHART_FONT_FAMILY },
  };
  const valueAxis = { type: 'value', minInterval: 1 };
  const multi = spec.series.length > 1;
  return {
    ...common,
    legend: multi ? { bottom: 0 } : undefined,
    grid: { left: 12, right: 24, top, bottom: multi ? 36 : 12, containLabel: true },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: spec.series.map((s) => ({
      type: spec.kind,
      name: s.name,
      data: s.values,
      stack: spec.kind === 'bar' && multi ? 'total' : undefined,
      barMaxWidth: 36,
      label: spec.kind === 'bar' && !multi ? { show: true, position: horizontal ? 'right' : 'top' } : undefined,
      symbolSize: spec.kind === 'line' ? 7 : undefined,
    })),
  };
}
