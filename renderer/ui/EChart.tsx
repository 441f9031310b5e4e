import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// One Apache ECharts chart, drawn as SVG (crisp, no canvas), for any feature's figures: bars and
// lines with axes, tooltip and legend. Import this module lazily (React.lazy): ECharts stays out of
// the app's first bundle. The option is ECharts' own; the caller builds it (a pure function it can test).

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

export type EChartOption = Parameters<echarts.ECharts['setOption']>[0];

export interface EChartProps {
  option: EChartOption;
  height: number;
  /** The chart's accessible name (role img). */
  label: string;
}

export default function EChart({ option, height, label }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // jsdom (and a hidden tab) report no size: fall back to a fixed one rather than draw nothing.
    const c = echarts.init(el, null, { renderer: 'svg', width: el.clientWidth || 520, height });
    chart.current = c;
    const observer = new ResizeObserver(() => {
      if (el.clientWidth) c.resize({ width: el.clientWidth, height });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [height]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option, height]);

  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
