import { describe, expect, test } from 'vitest';
import { dayNumber, fromDayNumber } from '../../../../shared/domain/dates';
import {
  checkFlowQuery,
  computeFlowReport,
  flowItemIds,
  incomingFlow,
  monthPeriod,
  monthsOf,
  outgoingFlow,
  packFlow,
  previousYearPeriod,
  quarterPeriod,
  taskFact,
  unpackFlow,
  withTitles,
  workdayCounter,
  yearPeriod,
  type FlowFact,
} from '../../../../shared/domain/flow-stats';
import type { FlowDimension, FlowQuery } from '../../../../shared/domain/flow-stats-types';
import type { IncomingStep } from '../../../../shared/domain/incoming-types';
import type { OutgoingStep } from '../../../../shared/domain/outgoing-types';
import { RuleError } from '../../../../shared/domain/rule-error';
import { createWorkCalendar } from '../../../../shared/domain/workdays';

// The office calendar of autumn 2025 (the shipped schedule): 9-27 Sat off, 9-28 Sun 调休上班,
// 10-01 … 10-08 国庆/中秋 holidays, 10-11 Sat 调休上班, 10-12 Sun off. Every figure below is
// counted by hand on it: a duration is the working days after the first day up to the last.
const calendar = createWorkCalendar();
const d = dayNumber;

interface Fact extends FlowFact {
  host: string;
}

function fact(id: string, start: string, points: (string | null)[], opts: { due?: string; host?: string; closed?: boolean } = {}): Fact {
  const pts = points.map((p) => (p ? d(p) : null));
  return {
    id,
    number: id,
    start: d(start),
    points: pts,
    end: pts[4] ?? null,
    due: opts.due ? d(opts.due) : null,
    closed: opts.closed ?? false,
    host: opts.host ?? '',
  };
}

// 收文 points: 登记, 拟办, 批示, 承办, 办结.
const A = fact('A', '2025-09-26', ['2025-09-26', '2025-09-28', '2025-09-30', '2025-10-09', '2025-10-10'], { due: '2025-10-10', host: 'x' });
// A 阅件: 登记 → 传阅 → 办结, no 拟办/批示/承办.
const B = fact('B', '2025-10-09', ['2025-10-09', null, null, null, '2025-10-13']);
const C = fact('C', '2025-10-13', ['2025-10-13', '2025-10-14', '2025-10-14', '2025-10-15', '2025-10-24'], { due: '2025-10-17', host: 'y' });
// Open, past its 时限 at the period's end.
const D = fact('D', '2025-10-20', ['2025-10-20', '2025-10-21', null, null, null], { due: '2025-10-28', host: 'y' });
// Started in the period, finished after it: 在办 at its end.
const E = fact('E', '2025-10-30', ['2025-10-30', '2025-10-30', '2025-10-31', '2025-11-03', '2025-11-05']);
// Finished before the period.
const F = fact('F', '2025-09-22', ['2025-09-22', '2025-09-23', '2025-09-24', '2025-09-25', '2025-09-30'], { due: '2025-10-09', host: 'x' });
// 退回: counted nowhere.
const G = fact('G', '2025-10-10', ['2025-10-10', null, null, null, null], { closed: true, host: 'y' });
// Started before the period and still open: not the period's 在办.
const H = fact('H', '2025-09-01', ['2025-09-01', null, null, null, null], { due: '2025-09-15' });
// 时限 on a Sunday (10-12), 办结 on the Monday: late, as 工作台 says it.
const I = fact('I', '2025-09-29', ['2025-09-29', '2025-09-29', '2025-09-29', '2025-09-30', '2025-10-13'], { due: '2025-10-12', host: 'x' });
const ALL = [A, B, C, D, E, F, G, H, I];

const OCTOBER: FlowQuery = { register: 'incoming', start: '2025-10-01', end: '2025-10-31' };
const keyOf = (f: Fact, dim: FlowDimension) => (dim === '承办单位' ? f.host : '');
const labelOf = (_dim: FlowDimension, key: string) => (key ? `单位${key}` : '未交承办');

function report(query: FlowQuery = OCTOBER, today = '2025-11-20', facts: Fact[] = ALL) {
  return computeFlowReport({ query, today, calendar, facts, keyOf, labelOf });
}

describe('运转时效 figures (hand-counted on the 2025 calendar)', () => {
  test('durations count working days as 办理时限 does: weekends and holidays out, 调休上班 in', () => {
    const count = workdayCounter(calendar, d('2025-09-01'), d('2025-12-31'));
    expect(count(d('2025-09-26'), d('2025-10-10'))).toBe(5); // 9-28 (调休), 9-29, 9-30, 10-9, 10-10
    expect(count(d('2025-10-09'), d('2025-10-13'))).toBe(3); // 10-10, 10-11 (调休), 10-13
    expect(count(d('2025-09-30'), d('2025-10-08'))).toBe(0); // the holiday only
    expect(count(d('2025-10-13'), d('2025-10-13'))).toBe(0);
    // The table gives the calendar's own count for every pair.
    for (let a = d('2025-09-01'); a <= d('2025-11-30'); a += 7) {
      for (let b = a; b <= d('2025-12-31'); b += 5) expect(count(a, b)).toBe(calendar.countWorkdays(fromDayNumber(a), fromDayNumber(b)));
    }
  });

  test('the period total: finished in it, average, median, stages, 按期, 超期, longest and 在办', () => {
    const r = report();
    const t = r.total;
    // Finished in October: A 5, B 3, C 9, I 5 working days (F finished in September; G was 退回).
    expect(t.finished).toBe(4);
    expect(t.average).toBe(22 / 4);
    expect(t.median).toBe(5);
    expect(t.stages).toEqual([
      // A 1 (9-27 off, 9-28 调休), C 1, I 0; B (阅件) never had 拟办.
      { key: '登记-拟办', label: '登记→拟办', count: 3, average: 2 / 3, median: 1 },
      { key: '拟办-批示', label: '拟办→批示', count: 3, average: 2 / 3, median: 0 },
      { key: '批示-承办', label: '批示→承办', count: 3, average: 1, median: 1 },
      { key: '承办-办结', label: '承办→办结', count: 3, average: 4, median: 4 },
    ]);
    // With a 时限: A (on the day: on time), C (late), I (due Sunday, done Monday: late).
    expect(t.withDeadline).toBe(3);
    expect(t.onTime).toBe(1);
    expect(t.onTimeRate).toBe(1 / 3);
    // C and I finished late; D open past its 时限 at 10-31. H is not this period's.
    expect(t.overdue).toBe(3);
    expect(t.longest.map((i) => [i.id, i.workdays, i.late])).toEqual([
      ['C', 9, true],
      ['A', 5, false],
      ['I', 5, true],
      ['B', 3, false],
    ]);
    expect(t.longest[0]).toMatchObject({ number: 'C', dueDate: '2025-10-17', title: '' });
    expect(t.longest[3]!.dueDate).toBeUndefined();
    // 在办 at 10-31: D since 10-20 (9 working days, late), E since 10-30 (1; finished only in November).
    expect(t.open).toBe(2);
    expect(t.openItems.map((i) => [i.id, i.workdays, i.late])).toEqual([
      ['D', 9, true],
      ['E', 1, false],
    ]);
    expect(r.asOf).toBe('2025-10-31');
    expect(r.groups).toEqual([]);
    expect(r.trend).toEqual([{ month: '2025-10', finished: 4, average: 5.5, onTimeRate: 1 / 3 }]);
  });

  test('groups per 承办单位, slowest first, each with its own figures', () => {
    const r = report({ ...OCTOBER, groupBy: '承办单位' });
    expect(r.groups.map((g) => [g.key, g.label, g.figures.finished, g.figures.average, g.figures.open, g.figures.overdue])).toEqual([
      ['y', '单位y', 1, 9, 1, 2],
      ['x', '单位x', 2, 5, 0, 1],
      ['', '未交承办', 1, 3, 1, 0],
    ]);
    const x = r.groups[1]!.figures;
    expect([x.withDeadline, x.onTime, x.onTimeRate, x.median]).toEqual([2, 1, 0.5, 5]);
    expect(x.stages.map((s) => s.count)).toEqual([2, 2, 2, 2]);
    // The items say their group.
    expect(r.total.longest.map((i) => i.group)).toEqual(['单位y', '单位x', '单位x', '未交承办']);
    // The groups add up to the total.
    expect(r.groups.reduce((n, g) => n + g.figures.finished, 0)).toBe(r.total.finished);
    expect(r.groups.reduce((n, g) => n + g.figures.open, 0)).toBe(r.total.open);
  });

  test('only one group (drill-down) restricts every figure to it', () => {
    const r = report({ ...OCTOBER, only: { dimension: '承办单位', key: 'x' } });
    expect(r.total.finished).toBe(2);
    expect(r.total.longest.map((i) => i.id)).toEqual(['A', 'I']);
    expect(r.total.open).toBe(0);
  });

  test('a period running today counts 在办 ages to today; a month trend over two months', () => {
    const running = report(OCTOBER, '2025-10-22', [A, B, D, I]);
    expect(running.asOf).toBe('2025-10-22');
    expect(running.total.openItems.map((i) => [i.id, i.workdays, i.late])).toEqual([['D', 2, false]]);
    // September and October: F (9-22 → 9-30: 7 working days, before its 时限) joins in September;
    // H (9-01, still open) is 在办 now, long past its 时限.
    const r = report({ register: 'incoming', start: '2025-09-01', end: '2025-10-31' });
    expect(r.trend).toEqual([
      { month: '2025-09', finished: 1, average: 7, onTimeRate: 1 },
      { month: '2025-10', finished: 4, average: 5.5, onTimeRate: 1 / 3 },
    ]);
    expect(r.total.finished).toBe(5);
    expect(r.total.open).toBe(3);
    const h = r.total.openItems.find((i) => i.id === 'H')!;
    expect(h.late).toBe(true);
    expect(h.workdays).toBe(calendar.countWorkdays('2025-09-01', '2025-10-31'));
    expect(r.total.openItems[0]!.id).toBe('H');
  });

  test('an empty period has no averages, no rates, and still a trend of its months', () => {
    const r = report({ register: 'incoming', ...quarterPeriod(2024, 1) }, '2025-11-20');
    expect(r.total).toMatchObject({ finished: 0, average: null, median: null, withDeadline: 0, onTime: 0, onTimeRate: null, overdue: 0, longest: [], open: 0, openItems: [] });
    expect(r.total.stages.every((s) => s.count === 0 && s.average === null && s.median === null)).toBe(true);
    expect(r.trend.map((p) => [p.month, p.finished, p.average, p.onTimeRate])).toEqual([
      ['2024-01', 0, null, null],
      ['2024-02', 0, null, null],
      ['2024-03', 0, null, null],
    ]);
    expect(report({ ...OCTOBER, groupBy: '承办单位' }, '2025-11-20', []).groups).toEqual([]);
  });

  test('a date corrected past a later step counts 0, never negative', () => {
    const odd = fact('K', '2025-10-15', ['2025-10-14', '2025-10-13', null, null, '2025-10-14']);
    const r = report(OCTOBER, '2025-11-20', [odd]);
    expect(r.total.longest[0]!.workdays).toBe(0);
    expect(r.total.stages[0]).toMatchObject({ count: 1, average: 0 });
  });

  test('the longest are 10 and the 在办 list is the oldest 100 (10 in a group), while the counts hold every record', () => {
    const many: Fact[] = [];
    for (let i = 0; i < 130; i++) {
      const start = fromDayNumber(d('2025-10-01') + (i % 30));
      many.push(fact(`o${String(i).padStart(3, '0')}`, start, [start, null, null, null, null]));
      many.push(fact(`f${String(i).padStart(3, '0')}`, '2025-09-01', ['2025-09-01', null, null, null, fromDayNumber(d('2025-10-01') + (i % 30))]));
    }
    const r = report(OCTOBER, '2025-11-20', many);
    expect(r.total.finished).toBe(130);
    expect(r.total.longest).toHaveLength(10);
    expect(r.total.longest[0]!.workdays).toBeGreaterThanOrEqual(r.total.longest[9]!.workdays);
    expect(r.total.open).toBe(130);
    expect(r.total.openItems).toHaveLength(100);
    expect(r.total.openItems[0]!.workdays).toBe(calendar.countWorkdays('2025-10-01', '2025-10-31'));
    // Each group lists its 10 longest and its 10 oldest 在办 (a drill-down with `only` lists 100).
    const g = report({ ...OCTOBER, groupBy: '承办单位' }, '2025-11-20', many).groups[0]!.figures;
    expect([g.finished, g.longest.length, g.open, g.openItems.length]).toEqual([130, 10, 130, 10]);
    expect(g.openItems).toEqual(r.total.openItems.slice(0, 10).map((i) => ({ ...i, group: '未交承办' })));
  });

  test('titles are filled in by id, for every listed record', () => {
    const r = report({ ...OCTOBER, groupBy: '承办单位' });
    const ids = flowItemIds(r);
    expect(ids.sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'I']);
    const titled = withTitles(r, new Map(ids.map((id) => [id, `标题${id}`])));
    expect(titled.total.longest.map((i) => i.title)).toEqual(['标题C', '标题A', '标题I', '标题B']);
    expect(titled.groups[0]!.figures.openItems.map((i) => i.title)).toEqual(['标题D']);
  });

  test('a bad period or grouping is refused beside its field', () => {
    const refused = (q: FlowQuery, field: string) => {
      try {
        checkFlowQuery(q);
      } catch (e) {
        expect(e).toBeInstanceOf(RuleError);
        expect((e as RuleError).field).toBe(field);
        return;
      }
      throw new Error('not refused');
    };
    refused({ ...OCTOBER, start: '2025-02-30' }, 'start');
    refused({ ...OCTOBER, end: '2025-09-30' }, 'end');
    refused({ ...OCTOBER, end: '9025-10-31' }, 'end');
    expect(() => checkFlowQuery({ register: 'incoming', start: '2016-01-01', end: '2025-12-31' })).not.toThrow();
    refused({ ...OCTOBER, groupBy: '责任单位' }, 'groupBy');
    refused({ register: 'tasks', start: '2025-01-01', end: '2025-01-31', only: { dimension: '承办单位', key: 'x' } }, 'only');
    expect(() => report({ ...OCTOBER, end: '2025-09-30' })).toThrow('结束日期不能早于开始日期');
  });
});

describe('the facts kept per record', () => {
  const step = (action: IncomingStep['action'], at: string): IncomingStep => ({ action, at, byId: 'u', byName: '张秘书' });

  test('a 收文 keeps its 收文日期 and the day of each step, compactly', () => {
    const history = [
      step('登记', '2025-10-09T01:00:00.000Z'),
      step('初审', '2025-10-09T02:00:00.000Z'),
      step('拟办', '2025-10-10T02:00:00.000Z'),
      step('批示', '2025-10-13T02:00:00.000Z'),
      step('承办', '2025-10-13T03:00:00.000Z'),
      step('催办', '2025-10-20T03:00:00.000Z'),
      step('办结', '2025-10-24T03:00:00.000Z'),
    ];
    const flow = incomingFlow({ receivedDate: '2025-10-08', state: '已办结', history });
    expect(flow).toEqual([d('2025-10-08'), 1, 2, 5, 5, 16]);
    expect(unpackFlow(flow, 5)).toEqual({ start: d('2025-10-08'), points: ['2025-10-09', '2025-10-10', '2025-10-13', '2025-10-13', '2025-10-24'].map(d) });
    // Not yet 办结: the trailing points are dropped, and read back as not reached.
    const open = incomingFlow({ receivedDate: '2025-10-08', state: '承办中', history: history.slice(0, 5) });
    expect(open).toEqual([d('2025-10-08'), 1, 2, 5, 5]);
    expect(unpackFlow(open, 5).points[4]).toBeNull();
    // A 阅件: 登记 → 传阅 → 办结.
    const read = incomingFlow({ receivedDate: '2025-10-08', state: '已办结', history: [step('登记', '2025-10-08T01:00:00.000Z'), step('传阅', '2025-10-08T02:00:00.000Z'), step('办结', '2025-10-09T02:00:00.000Z')] });
    expect(read).toEqual([d('2025-10-08'), 0, null, null, null, 1]);
    expect(packFlow('2025-10-08', [undefined, undefined])).toEqual([d('2025-10-08')]);
    // Imported from the legacy register on 10-20, 拟办 in the app on 10-21.
    expect(incomingFlow({ receivedDate: '2025-03-01', state: '已拟办', history: [step('导入', '2025-10-20T01:00:00.000Z'), step('初审', '2025-10-21T01:00:00.000Z'), step('拟办', '2025-10-21T02:00:00.000Z')] })).toEqual([
      d('2025-03-01'),
      d('2025-10-20') - d('2025-03-01'),
      d('2025-10-21') - d('2025-03-01'),
    ]);
  });

  test('a 发文 starts at 拟稿; the last 签发 counts; 核发 is the last unit’s, once 已核发', () => {
    const s = (action: OutgoingStep['action'], at: string): OutgoingStep => ({ action, at, byId: 'u', byName: '张秘书' });
    const history = [
      s('拟稿', '2025-10-09T01:00:00.000Z'),
      s('签发', '2025-10-10T01:00:00.000Z'),
      s('退回修改', '2025-10-10T02:00:00.000Z'),
      s('签发', '2025-10-13T01:00:00.000Z'),
      s('核发', '2025-10-14T01:00:00.000Z'),
      s('核发', '2025-10-16T01:00:00.000Z'),
    ];
    expect(outgoingFlow({ state: '已核发', history, createdAt: '2025-10-09T01:00:00.000Z' })).toEqual([d('2025-10-09'), 0, 4, 7]);
    expect(outgoingFlow({ state: '待核发', history: history.slice(0, 5), createdAt: '2025-10-09T01:00:00.000Z' })).toEqual([d('2025-10-09'), 0, 4]);
  });

  test('a 督办 runs from 交办 to its 办结日期; 撤销 counts nowhere', () => {
    const base = { id: 't1', serial: '督〔2025〕0001', createdAt: '2025-10-09T01:00:00.000Z', dueDate: '2025-10-17' };
    expect(taskFact({ ...base, state: '已办结', done: { date: '2025-10-20', result: '已完成', at: '2025-10-21T01:00:00.000Z', byName: '张秘书' } })).toEqual({
      id: 't1',
      number: '督〔2025〕0001',
      start: d('2025-10-09'),
      points: [d('2025-10-09'), d('2025-10-20')],
      end: d('2025-10-20'),
      due: d('2025-10-17'),
      closed: false,
    });
    expect(taskFact({ ...base, state: '推进中' }).end).toBeNull();
    expect(taskFact({ ...base, state: '已撤销' }).closed).toBe(true);
  });
});

describe('periods', () => {
  test('month, quarter, year and the months of a period', () => {
    expect(monthPeriod(2024, 2)).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(quarterPeriod(2025, 4)).toEqual({ start: '2025-10-01', end: '2025-12-31' });
    expect(yearPeriod(2025)).toEqual({ start: '2025-01-01', end: '2025-12-31' });
    expect(monthsOf('2025-11-15', '2026-02-03')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  test('上年同期: the same days a year earlier, a month’s end staying its end', () => {
    expect(previousYearPeriod('2025-01-01', '2025-12-31')).toEqual({ start: '2024-01-01', end: '2024-12-31' });
    expect(previousYearPeriod('2025-02-01', '2025-02-28')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(previousYearPeriod('2024-02-01', '2024-02-29')).toEqual({ start: '2023-02-01', end: '2023-02-28' });
    expect(previousYearPeriod('2024-02-29', '2024-03-10')).toEqual({ start: '2023-02-28', end: '2023-03-10' });
    expect(previousYearPeriod('2025-10-01', '2025-12-31')).toEqual({ start: '2024-10-01', end: '2024-12-31' });
  });
});
