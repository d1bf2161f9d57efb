import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';
import { buildChartOption, chartDescription, type ChartSpec } from '../../../shared/domain/chart-options.ts';

/**
 * A chart drawn by ECharts with the SVG renderer (sharp in print), from the same option builder
 * the Word report uses. A thin wrapper over init / setOption / dispose (echarts-for-react has
 * React 19 double-render issues); a ResizeObserver keeps it the width of its card.
 */
export function EChart({ spec, height, onPick, testId }: {
  spec: ChartSpec;
  height: number;
  /** A bar or slice clicked: its category's index and its series' index. */
  onPick?: (categoryIndex: number, seriesIndex: number) => void;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    const el = box.current!;
    const c = echarts.init(el, null, { renderer: 'svg' });
    chart.current = c;
    c.on('click', (p) => pick.current?.(p.dataIndex, p.seriesIndex ?? 0));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(buildChartOption(spec, { showTitle: false }), { notMerge: true });
  }, [spec]);

  return <div ref={box} role="img" aria-label={chartDescription(spec)} style={{ width: '100%', height, cursor: onPick ? 'pointer' : undefined }} data-testid={testId} />;
}
