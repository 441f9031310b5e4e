import { addDays, isIsoDate, parseIsoDate, type IsoDate } from './dates';
import { FLOW_DIMENSIONS, previousYearPeriod } from './flow-stats';
import type { FlowFigures, FlowItem, FlowRegister } from './flow-stats-types';
import { MASK } from './need-to-know';

// How the 运转时效 page, its print and its XLSX say the figures (one wording for all three): the
// period the office picked (月, 季, 年, 自定义) as dates and as words, working days to one decimal,
// 按期办结率 as a percent, and the two-period comparison sentence.

export const FLOW_REGISTER_LABELS: Record<FlowRegister, string> = { incoming: '收文', outgoing: '发文', tasks: '督办' };

/** What each register can be grouped by (the data layer's list; the first is the page's default). */
export { FLOW_DIMENSIONS };

/** What "办结" is called in each register (发文 ends at 核发). */
export const FLOW_FINISH_WORD: Record<FlowRegister, string> = { incoming: '办结', outgoing: '核发', tasks: '办结' };

export type FlowPeriodKind = '月' | '季' | '年' | '自定义';
export const FLOW_PERIOD_KINDS: readonly FlowPeriodKind[] = ['月', '季', '年', '自定义'];

/** A period as picked: for 月 anchor is YYYY-MM, for 季 YYYY-Qn, for 年 YYYY; 自定义 has its dates. */
export interface FlowPeriod {
  kind: FlowPeriodKind;
  start: IsoDate;
  end: IsoDate;
}

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The month, quarter or year holding `date`, or the custom range. */
export function periodOf(kind: FlowPeriodKind, date: IsoDate, customEnd?: IsoDate): FlowPeriod {
  const d = parseIsoDate(date);
  if (!d) throw new Error(`日期无效：${date}`);
  switch (kind) {
    case '月':
      return { kind, start: `${d.year}-${pad(d.month)}-01`, end: `${d.year}-${pad(d.month)}-${pad(lastDayOfMonth(d.year, d.month))}` };
    case '季': {
      const first = Math.floor((d.month - 1) / 3) * 3 + 1;
      return { kind, start: `${d.year}-${pad(first)}-01`, end: `${d.year}-${pad(first + 2)}-${pad(lastDayOfMonth(d.year, first + 2))}` };
    }
    case '年':
      return { kind, start: `${d.year}-01-01`, end: `${d.year}-12-31` };
    case '自定义':
      return { kind, start: date, end: customEnd && isIsoDate(customEnd) ? customEnd : date };
  }
}

/** The same period a year earlier (上年同期), as the data layer counts it (a month's last day stays its last day). */
export function sameTimeLastYear(p: FlowPeriod): FlowPeriod {
  if (p.kind === '自定义') return { ...p, ...previousYearPeriod(p.start, p.end) };
  return periodOf(p.kind, previousYearPeriod(p.start, p.start).start);
}

/** The period just before (上一期): the previous month, quarter or year; a custom range of the same length. */
export function previousPeriod(p: FlowPeriod): FlowPeriod {
  if (p.kind === '自定义') {
    const s = parseIsoDate(p.start)!;
    const e = parseIsoDate(p.end)!;
    const days = Math.round((Date.UTC(e.year, e.month - 1, e.day) - Date.UTC(s.year, s.month - 1, s.day)) / 86_400_000);
    const end = addDays(p.start, -1);
    return { kind: p.kind, start: addDays(end, -days), end };
  }
  return periodOf(p.kind, addDays(p.start, -1));
}

/** 2026年11月 / 2026年第四季度 / 2026年 / 2026年1月5日至2026年3月20日. */
export function periodText(p: FlowPeriod): string {
  const s = parseIsoDate(p.start)!;
  switch (p.kind) {
    case '月':
      return `${s.year}年${s.month}月`;
    case '季':
      return `${s.year}年第${['一', '二', '三', '四'][Math.floor((s.month - 1) / 3)]}季度`;
    case '年':
      return `${s.year}年`;
    case '自定义': {
      const e = parseIsoDate(p.end)!;
      return `${s.year}年${s.month}月${s.day}日至${e.year}年${e.month}月${e.day}日`;
    }
  }
}

/** Working days to one decimal ("6.6"), "—" when nothing was counted. */
export function daysText(days: number | null): string {
  return days === null ? '—' : days.toFixed(1);
}

/** 按期办结率 as a percent to one decimal ("87.5%"), "—" without a 办理时限 among the finished. */
export function onTimeText(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** "本期 6.6 个工作日，上年同期 27.0" (the average from start to finish of each period). */
export function comparisonText(current: number | null, previous: number | null, label: '上年同期' | '上一期'): string {
  return `本期 ${daysText(current)} 个工作日，${label} ${daysText(previous)}`;
}

/** Whether the average went down (faster), up or stayed, as words after the comparison. */
export function changeText(current: number | null, previous: number | null): string {
  if (current === null || previous === null) return '';
  const diff = Math.round((current - previous) * 10) / 10;
  if (diff === 0) return '持平';
  const pct = previous > 0 ? `（${Math.round((Math.abs(diff) / previous) * 1000) / 10}%）` : '';
  return diff < 0 ? `缩短 ${Math.abs(diff).toFixed(1)} 个工作日${pct}` : `延长 ${diff.toFixed(1)} 个工作日${pct}`;
}

/**
 * The sentence that opens the print: "2026年收文办结120件，平均用时6.6个工作日，中位数5.0个工作日；
 * 按期办结率87.5%，超期3件；在办8件。"
 */
export function flowSummary(register: FlowRegister, period: string, f: FlowFigures): string {
  const finish = FLOW_FINISH_WORD[register];
  return (
    `${period}${FLOW_REGISTER_LABELS[register]}${finish}${f.finished}件，平均用时${daysText(f.average)}个工作日，中位数${daysText(f.median)}个工作日；` +
    `按期${finish}率${onTimeText(f.onTimeRate)}（有办理时限的${f.withDeadline}件中按期${f.onTime}件），超期${f.overdue}件；在办${f.open}件。`
  );
}

/**
 * A listed record's 标题 on paper and in the XLSX: the print is a statistic, not watermarked or
 * numbered, so a 秘密+ record's title never goes on it (the mask text instead, whoever prints);
 * on screen the title follows the reader's need to know.
 */
export function paperTitle(item: FlowItem): string {
  return item.classified ? MASK : item.title;
}
