import type { ReactElement } from 'react';
import type { FlowFigures, FlowItem, FlowReport } from '../../shared/domain/flow-stats-types';
import { FlowReportSheet } from '../../renderer/print/index';
import { longText } from './longest';

// 运转时效分析 with the longest values: 来文单位 as group (100 characters, the schema's longest),
// 9999 of everything, averages of 999.9 working days, 30 groups, 12 months, the 10 longest and
// 40 在办 of the highest 收文编号, the unit's name of 60 characters.

function item(i: number, open: boolean): FlowItem {
  return { id: `f${i}`, number: `收〔2026〕${String(9999 - i).padStart(4, '0')}`, title: longText(200, i % 3), workdays: 999, dueDate: '2026-12-31', group: longText(100, i % 3), late: i % 2 === 0 || open, ...(i % 4 === 3 ? { classified: true } : {}) };
}

function figures(): FlowFigures {
  return {
    finished: 99999,
    average: 999.94,
    median: 999.5,
    stages: [
      { key: 'r2p', label: '登记→拟办', count: 99999, average: 999.9, median: 999 },
      { key: 'p2i', label: '拟办→批示', count: 99999, average: 999.9, median: 999 },
      { key: 'i2a', label: '批示→承办', count: 99999, average: 999.9, median: 999 },
      { key: 'a2d', label: '承办→办结', count: 99999, average: 999.9, median: 999 },
    ],
    withDeadline: 99999,
    onTime: 88888,
    onTimeRate: 0.888,
    overdue: 99999,
    longest: Array.from({ length: 10 }, (_, i) => item(i, false)),
    open: 99999,
    openItems: Array.from({ length: 40 }, (_, i) => item(100 + i, true)),
  };
}

export function longestFlowReport(): FlowReport {
  const f = figures();
  return {
    query: { register: 'incoming', start: '2026-01-01', end: '2026-12-31', groupBy: '来文单位' },
    asOf: '2026-12-31',
    total: f,
    groups: Array.from({ length: 30 }, (_, i) => ({ dimension: '来文单位' as const, key: `g${i}`, label: `${longText(98, i % 3)}${String(i).padStart(2, '0')}`, figures: f })),
    trend: Array.from({ length: 12 }, (_, i) => ({ month: `2026-${String(i + 1).padStart(2, '0')}`, finished: 99999, average: 999.9, onTimeRate: 0.999 })),
    tookMs: 1,
  };
}

export const FLOW_PROOFS: Record<string, () => ReactElement> = {
  'flow-report': () => (
    <FlowReportSheet
      report={longestFlowReport()}
      previous={longestFlowReport()}
      previousLabel="上年同期"
      previousPeriod={{ kind: '年', start: '2025-01-01', end: '2025-12-31' }}
      periodText="2026年"
      unitName={longText(60, 1)}
      date="2026-12-31"
    />
  ),
  'flow-report-custom': () => (
    <FlowReportSheet
      report={{ ...longestFlowReport(), query: { register: 'outgoing', start: '2026-01-05', end: '2026-12-28', groupBy: '发文字号' }, groups: [] }}
      previous={longestFlowReport()}
      previousLabel="上一期"
      previousPeriod={{ kind: '自定义', start: '2025-01-08', end: '2026-01-04' }}
      periodText="2026年1月5日至2026年12月28日"
      unitName={longText(60, 1)}
      date="2026-12-31"
    />
  ),
};
