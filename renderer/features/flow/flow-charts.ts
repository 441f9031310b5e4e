import type { FlowGroup, FlowTrendPoint } from '@shared/domain/flow-stats-types';

// The two charts of the 运转时效 page as ECharts options (renderer/ui/EChart draws them): the
// month-by-month trend (办结件数 as bars, 平均用时 as a line on its own axis) and the average per
// group (承办单位 …), slowest first as the data layer orders them, drawn top-down.

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

export function trendOption(trend: readonly FlowTrendPoint[], finishWord: string) {
  // Within one year "3月"; a range across years names the year too.
  const oneYear = new Set(trend.map((p) => p.month.slice(0, 4))).size <= 1;
  const months = trend.map((p) => (oneYear ? `${Number(p.month.slice(5))}月` : `${p.month.slice(0, 4)}年${Number(p.month.slice(5))}月`));
  return {
    animation: false,
    tooltip: { trigger: 'axis' as const },
    legend: { top: 0, data: [`${finishWord}件数`, '平均用时（工作日）'] },
    grid: { left: 44, right: 44, top: 36, bottom: 28 },
    xAxis: { type: 'category' as const, data: months, axisLabel: { interval: 0 } },
    yAxis: [
      { type: 'value' as const, name: '件', minInterval: 1 },
      { type: 'value' as const, name: '工作日', splitLine: { show: false } },
    ],
    series: [
      { name: `${finishWord}件数`, type: 'bar' as const, barMaxWidth: 22, itemStyle: { color: '#91caff' }, data: trend.map((p) => p.finished) },
      {
        name: '平均用时（工作日）',
        type: 'line' as const,
        yAxisIndex: 1,
        connectNulls: false,
        itemStyle: { color: '#cf1322' },
        label: { show: trend.length <= 12, position: 'top' as const },
        data: trend.map((p) => round1(p.average)),
      },
    ],
  };
}

/** Bars per group, the slowest at the top; at most `max` groups (the rest are in the table). */
export function groupBarOption(groups: readonly FlowGroup[], max = 15) {
  const shown = groups.filter((g) => g.figures.average !== null).slice(0, max);
  // ECharts draws a category axis bottom-up: reversed, the slowest comes first at the top.
  const rows = [...shown].reverse();
  return {
    animation: false,
    tooltip: { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const } },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value' as const, name: '工作日' },
    yAxis: { type: 'category' as const, data: rows.map((g) => (g.label.length > 10 ? `${g.label.slice(0, 10)}…` : g.label)) },
    series: [
      {
        name: '平均用时（工作日）',
        type: 'bar' as const,
        barMaxWidth: 18,
        itemStyle: { color: '#1677ff' },
        label: { show: true, position: 'right' as const },
        data: rows.map((g) => round1(g.figures.average)),
      },
    ],
  };
}
