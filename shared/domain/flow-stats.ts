import { dayNumber, fromDayNumber, isIsoDate, toLocalIsoDate, type IsoDate } from './dates';
import type { FlowDimension, FlowFigures, FlowGroup, FlowItem, FlowQuery, FlowRegister, FlowReport, FlowTrendPoint, StageFigures } from './flow-stats-types';
import type { IncomingRecord, IncomingStep } from './incoming-types';
import type { OutgoingRecord } from './outgoing-types';
import { RuleError } from './rule-error';
import type { TaskRecord } from './supervision-types';
import type { WorkCalendar } from './workdays';

// 公文运转时效 (issue #17 §1): how fast documents move, in WORKING days on the office calendar.
// Pure: the data layer (renderer/db/repositories/flow-stats.ts) turns each record into a compact
// FlowFact (day numbers, no text) and computeFlowReport does the rest; titles are filled in after,
// by the caller, within the need to know.
//
// What the figures mean, precisely (the page and the print say the same):
// - A duration is counted as 办理时限 is (shared/domain/workdays.ts countWorkdays): the working days
//   after the first day up to and including the last. 收文 on Monday, 办结 on Tuesday: 1; the same
//   day: 0; 收文 on Friday, 办结 on Monday: 1 (the weekend is not counted). A duration that would be
//   negative (a date corrected to after a later step) counts as 0.
// - Start: 收文 its 收文日期 (the day the paper arrived), 发文 the day of 拟稿, 督办 the day of 交办
//   (the task's creation). Finish: 收文 the day of 办结, 发文 the day the last unit got its copy
//   (核发 complete), 督办 its 办结日期. Days of steps are local days of the step's recorded time.
// - "Finished in the period" (已办结): the finish day falls within the period, both ends included,
//   wherever the start was. The averages, medians, stages, 按期办结率 and the longest 10 are over
//   these records.
// - A stage (登记→拟办 …) counts the finished records that went through both its ends; a record that
//   skipped a stage (a 阅件 goes 登记 → 传阅 → 办结) is simply not in that stage's figures.
// - 按期办结: finished on or before its 办理时限 (a calendar date: a 时限 on a Saturday met on Monday
//   is late, as 工作台 says it). 按期办结率 = 按期 / finished with a 办理时限.
// - 在办: started within the period and not finished by its end, or by today when the period has not
//   ended (the cut-off); its age is the working days from its start to the cut-off. Never left
//   out: `open` counts them all; `openItems` lists the oldest.
// - 超期件数: finished after their 办理时限, plus 在办 already past it at the cut-off.
// - A 收文 退回, a 发文 作废 or a 督办 撤销 was never the office's to finish: counted nowhere.

/** One stage of a register's flow: between two of its points (indexes into FlowFact.points). */
export interface FlowStage {
  key: string;
  label: string;
  from: number;
  to: number;
}

/** The points of each register's flow, in order; FlowFact.points follows this order. */
export const FLOW_POINTS: Record<FlowRegister, readonly string[]> = {
  incoming: ['登记', '拟办', '批示', '承办', '办结'],
  outgoing: ['拟稿', '签发', '核发'],
  tasks: ['交办', '办结'],
};

function stagesOf(points: readonly string[]): FlowStage[] {
  return points.slice(1).map((p, i) => ({ key: `${points[i]}-${p}`, label: `${points[i]}→${p}`, from: i, to: i + 1 }));
}

export const FLOW_STAGES: Record<FlowRegister, readonly FlowStage[]> = {
  incoming: stagesOf(FLOW_POINTS.incoming),
  outgoing: stagesOf(FLOW_POINTS.outgoing),
  tasks: stagesOf(FLOW_POINTS.tasks),
};

/** The dimensions each register groups by. */
export const FLOW_DIMENSIONS: Record<FlowRegister, readonly FlowDimension[]> = {
  incoming: ['承办单位', '文种', '紧急程度', '来文单位'],
  outgoing: ['文种', '发文字号'],
  tasks: ['责任单位'],
};

/** How many of the longest finished records a figures block lists. */
export const LONGEST_ITEMS = 10;
/** How many 在办 a figures block lists (oldest first); `open` counts them all. */
export const OPEN_ITEMS = 100;
/** The same inside each group (a bar per 承办单位 does not need a hundred names each). */
export const GROUP_OPEN_ITEMS = 10;

/** One record as the computation sees it: day numbers (dates.ts dayNumber), no text but its number. */
export interface FlowFact {
  id: string;
  /** 收文编号, 文号, 督办编号 as listed. */
  number: string;
  start: number;
  /** Day of each point of FLOW_POINTS[register]; null or absent when the record has not reached it. */
  points: readonly (number | null | undefined)[];
  /** Day finished (null: not finished). */
  end: number | null;
  /** 办理时限 (null: none). */
  due: number | null;
  /** 退回 / 作废 / 撤销: counted nowhere. */
  closed: boolean;
}

// --- the compact form kept in a register's projection -----------------------------------------

/**
 * A record's flow as its projection entry keeps it, small: [start day, then for each point its
 * offset in calendar days from the start, null where not reached], trailing nulls dropped. A year
 * of 收文 adds some 15 characters an entry.
 */
export type PackedFlow = (number | null)[];

export function packFlow(start: IsoDate, points: readonly (IsoDate | undefined)[]): PackedFlow {
  const s = dayNumber(start);
  const out: PackedFlow = [s, ...points.map((p) => (p ? dayNumber(p) - s : null))];
  while (out.length > 1 && out[out.length - 1] === null) out.pop();
  return out;
}

/** The days of a packed flow's points (`count` of them), and its start. */
export function unpackFlow(flow: PackedFlow, count: number): { start: number; points: (number | null)[] } {
  const start = flow[0] ?? 0;
  const points: (number | null)[] = [];
  for (let i = 0; i < count; i++) {
    const d = flow[i + 1];
    points.push(d === null || d === undefined ? null : start + d);
  }
  return { start, points };
}

/** The local day of a step's recorded time. */
function localDay(at: string): IsoDate {
  return toLocalIsoDate(new Date(at));
}

function firstStep<S extends { action: string; at: string }>(history: readonly S[], action: string): IsoDate | undefined {
  const s = history.find((h) => h.action === action);
  return s ? localDay(s.at) : undefined;
}

/**
 * A 收文's points (登记, 拟办, 批示, 承办, 办结) from its history, each the day of its step (every
 * one of these steps happens at most once), and its start, the 收文日期. 办结 only once 已办结. A
 * record imported from a legacy register entered the procedure on the day of its 导入.
 */
export function incomingFlow(r: Pick<IncomingRecord, 'receivedDate' | 'state' | 'history'>): PackedFlow {
  const history: readonly IncomingStep[] = r.history;
  return packFlow(r.receivedDate, [
    firstStep(history, '登记') ?? firstStep(history, '导入'),
    firstStep(history, '拟办'),
    firstStep(history, '批示'),
    firstStep(history, '承办'),
    r.state === '已办结' ? firstStep(history, '办结') : undefined,
  ]);
}

/**
 * A 发文's points (拟稿, 签发, 核发): 核发 is the day the last unit got its copy, once 已核发. Starts at 拟稿.
 * A 退回修改 sends it back before 签发 and it is signed again: the last 签发 counts.
 */
export function outgoingFlow(r: Pick<OutgoingRecord, 'state' | 'history' | 'createdAt'>): PackedFlow {
  const draft = firstStep(r.history, '拟稿') ?? localDay(r.createdAt);
  const signed = r.history.findLast((h) => h.action === '签发');
  const issued = r.state === '已核发' ? r.history.findLast((h) => h.action === '核发') : undefined;
  return packFlow(draft, [draft, signed ? localDay(signed.at) : undefined, issued ? localDay(issued.at) : undefined]);
}

/** A 督办's fact: 交办 the day it was made, 办结 its 办结日期, 时限 its 时限. */
export function taskFact(t: Pick<TaskRecord, 'id' | 'serial' | 'createdAt' | 'done' | 'dueDate' | 'state'>): FlowFact {
  const start = dayNumber(localDay(t.createdAt));
  const end = t.state === '已办结' && t.done ? dayNumber(t.done.date) : null;
  return { id: t.id, number: t.serial, start, points: [start, end], end, due: dayNumber(t.dueDate), closed: t.state === '已撤销' };
}

/**
 * The day number of a date read back from a stored record (validated when it was written): by
 * arithmetic on its digits, without the checks of dayNumber, which a year's page would run tens
 * of thousands of times.
 */
export function storedDayNumber(iso: IsoDate): number {
  const n = (i: number) => iso.charCodeAt(i) - 48;
  const year = n(0) * 1000 + n(1) * 100 + n(2) * 10 + n(3);
  const month = n(5) * 10 + n(6);
  const day = n(8) * 10 + n(9);
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

// --- periods ---------------------------------------------------------------------------------------

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function monthPeriod(year: number, month: number): { start: IsoDate; end: IsoDate } {
  return { start: `${year}-${pad(month)}-01`, end: `${year}-${pad(month)}-${pad(lastDayOfMonth(year, month))}` };
}

export function quarterPeriod(year: number, quarter: 1 | 2 | 3 | 4): { start: IsoDate; end: IsoDate } {
  const first = (quarter - 1) * 3 + 1;
  return { start: `${year}-${pad(first)}-01`, end: monthPeriod(year, first + 2).end };
}

export function yearPeriod(year: number): { start: IsoDate; end: IsoDate } {
  return { start: `${year}-01-01`, end: `${year}-12-31` };
}

function yearBefore(date: IsoDate, keepMonthEnd: boolean): IsoDate {
  const y = Number(date.slice(0, 4)) - 1;
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const last = lastDayOfMonth(y, m);
  // 2-29 has no twin in a common year; a month's last day stays its last day (2025-02-28 ↔ 2024-02-29).
  const day = keepMonthEnd && d === lastDayOfMonth(y + 1, m) ? last : Math.min(d, last);
  return `${y}-${pad(m)}-${pad(day)}`;
}

/** 上年同期: the same days a year earlier (a month's last day stays the month's last day). */
export function previousYearPeriod(start: IsoDate, end: IsoDate): { start: IsoDate; end: IsoDate } {
  return { start: yearBefore(start, false), end: yearBefore(end, true) };
}

/** The months of a period, 'YYYY-MM', in order. */
export function monthsOf(start: IsoDate, end: IsoDate): string[] {
  const out: string[] = [];
  let y = Number(start.slice(0, 4));
  let m = Number(start.slice(5, 7));
  const last = end.slice(0, 7);
  for (;;) {
    const key = `${y}-${pad(m)}`;
    out.push(key);
    if (key >= last) return out;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
}

// --- the computation --------------------------------------------------------------------------------

/** The longest period a report covers (10 years). */
export const MAX_PERIOD_DAYS = 3653;

/** Checks a query's period and grouping: RuleError on the field at fault. */
export function checkFlowQuery(q: FlowQuery): void {
  if (!isIsoDate(q.start)) throw new RuleError('开始日期无效，格式如 2026-01-01', 'start');
  if (!isIsoDate(q.end)) throw new RuleError('结束日期无效，格式如 2026-12-31', 'end');
  if (q.end < q.start) throw new RuleError('结束日期不能早于开始日期', 'end');
  // A trend of more than ten years of months is no page anyone reads (and a typo like 9026 is caught).
  if (dayNumber(q.end) - dayNumber(q.start) > MAX_PERIOD_DAYS) throw new RuleError('统计期间不能超过 10 年', 'end');
  const dims = FLOW_DIMENSIONS[q.register];
  if (!dims) throw new RuleError('统计对象无效', 'register');
  if (q.groupBy && !dims.includes(q.groupBy)) throw new RuleError(`此类公文不能按${q.groupBy}分组`, 'groupBy');
  if (q.only && !dims.includes(q.only.dimension)) throw new RuleError(`此类公文不能按${q.only.dimension}筛选`, 'only');
}

/**
 * Working days between two day numbers by one table lookup (the same count as countWorkdays):
 * a year's page counts tens of thousands of durations, and walking the calendar day by day for each
 * would take seconds.
 */
export function workdayCounter(calendar: Pick<WorkCalendar, 'isWorkday'>, first: number, last: number): (from: number, to: number) => number {
  const lo = Math.min(first, last);
  const size = Math.max(first, last) - lo + 1;
  // cum[i]: working days in (lo, lo + i].
  const cum = new Int32Array(size);
  for (let i = 1; i < size; i++) cum[i] = cum[i - 1]! + (calendar.isWorkday(fromDayNumber(lo + i)) ? 1 : 0);
  return (from, to) => cum[to - lo]! - cum[from - lo]!;
}

export function median(sorted: ArrayLike<number>): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function average(xs: ArrayLike<number>): number | null {
  if (xs.length === 0) return null;
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += xs[i]!;
  return sum / xs.length;
}

/** Longest first; among equals the earlier number (the order of the register), then the id. */
function byDays(a: { days: number; fact: FlowFact }, b: { days: number; fact: FlowFact }): number {
  if (a.days !== b.days) return b.days - a.days;
  const x = a.fact.number;
  const y = b.fact.number;
  if (x !== y) return x < y ? -1 : 1;
  return a.fact.id < b.fact.id ? -1 : a.fact.id > b.fact.id ? 1 : 0;
}

/** The first k of `rows` in the order of `cmp` (a total order): one pass, instead of sorting thousands for ten. */
export function topK<R>(rows: readonly R[], k: number, cmp: (a: R, b: R) => number): R[] {
  const top: R[] = [];
  if (k <= 0) return top;
  for (const r of rows) {
    if (top.length === k && cmp(r, top[k - 1]!) >= 0) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(top[mid]!, r) <= 0) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, r);
    if (top.length > k) top.pop();
  }
  return top;
}

interface Finished<F> {
  fact: F;
  days: number;
  late: boolean;
  group: string;
}

interface Open<F> {
  fact: F;
  days: number;
  late: boolean;
  group: string;
}

/** What a block of figures collects (the total, one group, one month). */
class Tally<F extends FlowFact> {
  readonly finished: Finished<F>[] = [];
  readonly open: Open<F>[] = [];
  readonly stages: number[][];
  withDeadline = 0;
  onTime = 0;
  constructor(stageCount: number) {
    this.stages = Array.from({ length: stageCount }, () => []);
  }
}

export interface FlowInput<F extends FlowFact> {
  query: FlowQuery;
  today: IsoDate;
  calendar: Pick<WorkCalendar, 'isWorkday'>;
  facts: Iterable<F>;
  /** The record's key in a dimension ('' when it has none: a 收文 not yet given to a 承办单位). */
  keyOf?: (fact: F, dimension: FlowDimension) => string;
  /** How a group key reads (the 承办单位's name …); the key itself when absent. */
  labelOf?: (dimension: FlowDimension, key: string) => string;
}

/**
 * The report of one period, its titles left '' (the caller fills them within the need to know:
 * flowItemIds, withTitles). `tookMs` is the caller's to set.
 */
export function computeFlowReport<F extends FlowFact>(input: FlowInput<F>): FlowReport {
  const { query, today, calendar } = input;
  checkFlowQuery(query);
  const stages = FLOW_STAGES[query.register];
  const S = dayNumber(query.start);
  const E = dayNumber(query.end);
  const T = dayNumber(today);
  const cutoff = Math.min(E, T);
  const keyOf = input.keyOf ?? (() => '');
  const only = query.only;
  const groupBy = query.groupBy;

  // Pass 1: the records the period concerns, and the span of days the counts need.
  const finished: F[] = [];
  const open: F[] = [];
  let lo = Math.min(S, cutoff);
  let hi = Math.max(E, cutoff);
  const widen = (d: number | null | undefined) => {
    if (d === null || d === undefined) return;
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  };
  for (const f of input.facts) {
    if (f.closed) continue;
    const isFinished = f.end !== null && f.end >= S && f.end <= E;
    const isOpen = f.start >= S && f.start <= cutoff && (f.end === null || f.end > cutoff);
    if (!isFinished && !isOpen) continue;
    if (only && keyOf(f, only.dimension) !== only.key) continue;
    widen(f.start);
    widen(f.end);
    for (const p of f.points) widen(p);
    if (isFinished) finished.push(f);
    else open.push(f);
  }
  const count = workdayCounter(calendar, lo, hi);
  const between = (a: number, b: number) => Math.max(0, count(a, b));

  const total = new Tally<F>(stages.length);
  const groups = new Map<string, Tally<F>>();
  const months = monthsOf(query.start, query.end);
  const monthTallies = months.map(() => new Tally<F>(stages.length));
  // The month of each day of the period, by offset from its start (one lookup a finished record).
  const monthOfDay = new Uint16Array(E - S + 1);
  for (let m = 1; m < months.length; m++) monthOfDay.fill(m, dayNumber(`${months[m]}-01`) - S);
  const tallyOf = (key: string) => {
    let t = groups.get(key);
    if (!t) groups.set(key, (t = new Tally<F>(stages.length)));
    return t;
  };

  const stageDays: number[] = stages.map(() => -1);
  const tallies: Tally<F>[] = [total, total];
  for (const f of finished) {
    const end = f.end!;
    const days = between(f.start, end);
    const late = f.due !== null && end > f.due;
    const group = groupBy ? keyOf(f, groupBy) : '';
    const row: Finished<F> = { fact: f, days, late, group };
    // A stage the record skipped is -1 here (durations are never negative).
    for (let i = 0; i < stages.length; i++) {
      const a = f.points[stages[i]!.from];
      const b = f.points[stages[i]!.to];
      stageDays[i] = a === null || a === undefined || b === null || b === undefined ? -1 : between(a, b);
    }
    tallies[1] = monthTallies[monthOfDay[end - S]!]!;
    if (groupBy) tallies[2] = tallyOf(group);
    for (const t of tallies) {
      t.finished.push(row);
      for (let i = 0; i < stages.length; i++) if (stageDays[i]! >= 0) t.stages[i]!.push(stageDays[i]!);
      if (f.due !== null) {
        t.withDeadline += 1;
        if (!late) t.onTime += 1;
      }
    }
  }
  for (const f of open) {
    const group = groupBy ? keyOf(f, groupBy) : '';
    const row: Open<F> = { fact: f, days: between(f.start, cutoff), late: f.due !== null && f.due < cutoff, group };
    total.open.push(row);
    if (groupBy) tallyOf(group).open.push(row);
  }

  const label = (key: string) => (groupBy && input.labelOf ? input.labelOf(groupBy, key) : key);
  const item = (r: Finished<F> | Open<F>): FlowItem => ({
    id: r.fact.id,
    number: r.fact.number,
    title: '',
    workdays: r.days,
    ...(r.fact.due !== null ? { dueDate: fromDayNumber(r.fact.due) } : {}),
    ...(groupBy ? { group: label(r.group) } : {}),
    late: r.late,
  });
  const figures = (t: Tally<F>, openLimit: number): FlowFigures => {
    // Typed arrays sort numbers natively, several times faster than a comparator.
    const days = Int32Array.from(t.finished, (r) => r.days).sort();
    const stageFigures: StageFigures[] = stages.map((s, i) => {
      const xs = Int32Array.from(t.stages[i]!).sort();
      return { key: s.key, label: s.label, count: xs.length, average: average(xs), median: median(xs) };
    });
    const lateFinished = t.finished.reduce((n, r) => n + (r.late ? 1 : 0), 0);
    const lateOpen = t.open.reduce((n, r) => n + (r.late ? 1 : 0), 0);
    return {
      finished: t.finished.length,
      average: average(days),
      median: median(days),
      stages: stageFigures,
      withDeadline: t.withDeadline,
      onTime: t.onTime,
      onTimeRate: t.withDeadline === 0 ? null : t.onTime / t.withDeadline,
      overdue: lateFinished + lateOpen,
      longest: topK(t.finished, LONGEST_ITEMS, byDays).map(item),
      open: t.open.length,
      openItems: topK(t.open, openLimit, byDays).map(item),
    };
  };

  const groupList: FlowGroup[] = groupBy
    ? [...groups].map(([key, t]) => ({ dimension: groupBy, key, label: label(key), figures: figures(t, GROUP_OPEN_ITEMS) }))
    : [];
  // Slowest first: highest average; groups with nothing finished (only 在办) last; then more finished, then by name.
  groupList.sort(
    (a, b) =>
      (b.figures.average ?? -1) - (a.figures.average ?? -1) ||
      b.figures.finished - a.figures.finished ||
      b.figures.open - a.figures.open ||
      a.label.localeCompare(b.label, 'zh-Hans-CN'),
  );
  const trend: FlowTrendPoint[] = months.map((month, m) => {
    const t = monthTallies[m]!;
    return {
      month,
      finished: t.finished.length,
      average: average(Int32Array.from(t.finished, (r) => r.days)),
      onTimeRate: t.withDeadline === 0 ? null : t.onTime / t.withDeadline,
    };
  });
  return { query, asOf: fromDayNumber(cutoff), total: figures(total, OPEN_ITEMS), groups: groupList, trend, tookMs: 0 };
}

/** Every record a report lists (longest and 在办, in the total and the groups), each once. */
export function flowItemIds(report: FlowReport): string[] {
  const ids = new Set<string>();
  const add = (f: FlowFigures) => {
    for (const i of f.longest) ids.add(i.id);
    for (const i of f.openItems) ids.add(i.id);
  };
  add(report.total);
  for (const g of report.groups) add(g.figures);
  return [...ids];
}

/** The report with each listed record's title (the caller masks them outside the need to know). */
export function withTitles(report: FlowReport, titles: ReadonlyMap<string, string>, classified: ReadonlySet<string> = new Set()): FlowReport {
  const fill = (items: FlowItem[]) => items.map((i) => ({ ...i, title: titles.get(i.id) ?? '', ...(classified.has(i.id) ? { classified: true } : {}) }));
  const figures = (f: FlowFigures): FlowFigures => ({ ...f, longest: fill(f.longest), openItems: fill(f.openItems) });
  return { ...report, total: figures(report.total), groups: report.groups.map((g) => ({ ...g, figures: figures(g.figures) })) };
}
