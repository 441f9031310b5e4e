import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { ReportRow } from '@shared/domain/supervision-types';

// The 督办通报's bar chart: per 责任单位, 任务数 / 已办结 / 已逾期 side by side. Apache ECharts
// with only the parts it needs, drawn as SVG (crisp when printed, and it needs no canvas).
// This module is loaded lazily: ECharts stays out of the app's first bundle.

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

const HEIGHT = 320;

export function chartOption(rows: readonly ReportRow[]) {
  const bar = (name: string, color: string, pick: (r: ReportRow) => number) => ({
    name,
    type: 'bar' as const,
    itemStyle: { color },
    barMaxWidth: 28,
    label: { show: rows.length <= 12, position: 'top' as const },
    data: rows.map(pick),
  });
  return {
    animation: false,
    tooltip: { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const } },
    legend: { top: 0, data: ['任务数', '已办结', '已逾期'] },
    grid: { left: 40, right: 16, top: 40, bottom: rows.length > 6 ? 70 : 40 },
    xAxis: { type: 'category' as const, data: rows.map((r) => r.unit), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value' as const, minInterval: 1 },
    series: [bar('任务数', '#1677ff', (r) => r.total), bar('已办结', '#52c41a', (r) => r.done), bar('已逾期', '#cf1322', (r) => r.overdue)],
  };
}

export default function ReportChart({ rows }: { rows: readonly ReportRow[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // jsdom (and a hidden tab) report no size: fall back to a fixed one rather than draw nothing.
    const c = echarts.init(el, null, { renderer: 'svg', width: el.clientWidth || 720, height: HEIGHT });
    chart.current = c;
    const observer = new ResizeObserver(() => {
      if (el.clientWidth) c.resize({ width: el.clientWidth, height: HEIGHT });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(chartOption(rows), { notMerge: true });
  }, [rows]);

  return <div ref={ref} role="img" aria-label="督办通报图表" style={{ width: '100%', height: HEIGHT }} />;
}
