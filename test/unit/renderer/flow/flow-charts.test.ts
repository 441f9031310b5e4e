import { describe, expect, it } from 'vitest';
import { groupBarOption, trendOption } from '../../../../renderer/features/flow/flow-charts';
import type { FlowFigures, FlowGroup } from '../../../../shared/domain/flow-stats-types';

// The 运转时效 charts: the slowest group's bar at the top; months as 1月…12月 with the average on a second axis.

const figures = (average: number | null): FlowFigures => ({
  finished: average === null ? 0 : 1,
  average,
  median: average,
  stages: [],
  withDeadline: 0,
  onTime: 0,
  onTimeRate: null,
  overdue: 0,
  longest: [],
  open: 0,
  openItems: [],
});
const group = (label: string, average: number | null): FlowGroup => ({ dimension: '承办单位', key: label, label, figures: figures(average) });

describe('flow charts', () => {
  it('draws the groups slowest first from the top (ECharts draws a category axis bottom-up), leaving out those with nothing finished', () => {
    const o = groupBarOption([group('财政科', 12.345), group('教育科', 6.6), group('办公室', null)]);
    expect(o.yAxis.data).toEqual(['教育科', '财政科']);
    expect(o.series[0]!.data).toEqual([6.6, 12.3]);
  });

  it('keeps a long name to 10 characters on the axis', () => {
    const o = groupBarOption([group('县住房和城乡建设局城市建设管理股', 3)]);
    expect(o.yAxis.data).toEqual(['县住房和城乡建设局城…']);
  });

  it('plots each month: 办结件数 as bars, 平均用时 as a line (gaps where nothing finished)', () => {
    const o = trendOption(
      [
        { month: '2026-01', finished: 3, average: 6.66, onTimeRate: 1 },
        { month: '2026-02', finished: 0, average: null, onTimeRate: null },
      ],
      '办结',
    );
    expect(o.xAxis.data).toEqual(['1月', '2月']);
    expect(o.series[0]!.data).toEqual([3, 0]);
    expect(o.series[1]!.data).toEqual([6.7, null]);
    expect(o.legend.data).toEqual(['办结件数', '平均用时（工作日）']);
  });

  it('names the year on the axis when a range runs across years', () => {
    const o = trendOption(
      [
        { month: '2025-12', finished: 1, average: 2, onTimeRate: null },
        { month: '2026-01', finished: 1, average: 3, onTimeRate: null },
      ],
      '核发',
    );
    expect(o.xAxis.data).toEqual(['2025年12月', '2026年1月']);
  });
});
