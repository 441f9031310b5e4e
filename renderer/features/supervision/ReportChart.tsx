import { useMemo } from 'react';
import type { ReportRow } from '@shared/domain/supervision-types';
import EChart from '../../ui/EChart';

// The 督办通报's bar chart: per 责任单位, 任务数 / 已办结 / 已逾期 side by side, drawn by the
// app's one ECharts component (renderer/ui/EChart, SVG). This module is loaded lazily: ECharts
// stays out of the app's first bundle.

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
  // Memoised: a new option object redraws the chart.
  const option = useMemo(() => chartOption(rows), [rows]);
  return <EChart option={option} height={HEIGHT} label="督办通报图表" />;
}
