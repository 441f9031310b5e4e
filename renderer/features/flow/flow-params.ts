import { isIsoDate, type IsoDate } from '@shared/domain/dates';
import { FLOW_DIMENSIONS, FLOW_PERIOD_KINDS, periodOf, previousPeriod, sameTimeLastYear, type FlowPeriod, type FlowPeriodKind } from '@shared/domain/flow-format';
import type { FlowDimension, FlowQuery, FlowRegister } from '@shared/domain/flow-stats-types';

// What the 运转时效 page shows, kept in the URL (?r=&p=&d=&e=&g=&c=) so 打印 and a reload show the
// same figures: register, period kind and its anchor day (自定义: start d and end e), grouping and
// the period compared with.

export type CompareWith = '上年同期' | '上一期';

export interface FlowView {
  register: FlowRegister;
  period: FlowPeriod;
  groupBy: FlowDimension;
  compare: CompareWith;
}

const REGISTERS: readonly FlowRegister[] = ['incoming', 'outgoing', 'tasks'];

export function flowView(params: URLSearchParams, today: IsoDate): FlowView {
  const r = params.get('r') as FlowRegister | null;
  const register = r && REGISTERS.includes(r) ? r : 'incoming';
  const p = params.get('p') as FlowPeriodKind | null;
  const kind = p && FLOW_PERIOD_KINDS.includes(p) ? p : '年';
  const d = params.get('d');
  const anchor = d && isIsoDate(d) ? d : today;
  const e = params.get('e');
  let period = periodOf(kind, anchor, e && isIsoDate(e) ? e : today);
  if (period.end < period.start) period = { ...period, end: period.start };
  const g = params.get('g') as FlowDimension | null;
  const dims = FLOW_DIMENSIONS[register];
  const groupBy = g && dims.includes(g) ? g : dims[0]!;
  const compare: CompareWith = params.get('c') === '上一期' ? '上一期' : '上年同期';
  return { register, period, groupBy, compare };
}

export function flowViewQuery(v: FlowView): string {
  const q = new URLSearchParams({ r: v.register, p: v.period.kind, d: v.period.start, g: v.groupBy, c: v.compare });
  if (v.period.kind === '自定义') q.set('e', v.period.end);
  return q.toString();
}

export function flowQuery(v: FlowView): FlowQuery {
  return { register: v.register, start: v.period.start, end: v.period.end, groupBy: v.groupBy };
}

export function comparedPeriod(v: FlowView): FlowPeriod {
  return v.compare === '上一期' ? previousPeriod(v.period) : sameTimeLastYear(v.period);
}

/** Where a listed record opens. */
export function recordPath(register: FlowRegister, id: string): string {
  return `${register === 'incoming' ? '/incoming' : register === 'outgoing' ? '/outgoing' : '/supervision'}/${id}`;
}
