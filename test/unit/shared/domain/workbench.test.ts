import { describe, expect, it } from 'vitest';
import type { IncomingRecord } from '../../../../shared/domain/incoming-types';
import type { TaskRecord } from '../../../../shared/domain/supervision-types';
import { awaitsMyHandling, awaitsMyReading, isMyTask, lateText, lateWorkdays, mergeMatters, overdueFirst } from '../../../../shared/domain/workbench';
import { createWorkCalendar, uncoveredYears, uncoveredYearsWarning } from '../../../../shared/domain/workdays';

const cal = createWorkCalendar();
const me = { id: 'u-li', departmentId: 'd-czk', names: ['李科长'], units: ['财政科'] };

type Handling = Pick<IncomingRecord, 'state' | 'assignment' | 'circulation'>;
const assigned = (host: string, person?: string, state: IncomingRecord['state'] = '承办中'): Handling => ({
  state,
  circulation: [],
  assignment: { host: { id: host, name: host }, cooperating: [], ...(person ? { person: { userId: person, name: person } } : {}), at: '' },
});

describe('which items are mine', () => {
  it('待我阅: out for 传阅 to me and not yet read; closed records are not', () => {
    const sent = { sentAt: '2026-11-20T01:00:00Z' };
    expect(awaitsMyReading({ state: '传阅中', circulation: [{ userId: 'u-li', name: '李科长', ...sent }] }, me)).toBe(true);
    expect(awaitsMyReading({ state: '传阅中', circulation: [{ userId: 'u-li', name: '李科长', ...sent, readAt: '2026-11-21T01:00:00Z' }] }, me)).toBe(false);
    expect(awaitsMyReading({ state: '传阅中', circulation: [{ userId: 'u-wang', name: '王科员', ...sent }] }, me)).toBe(false);
    expect(awaitsMyReading({ state: '已办结', circulation: [{ userId: 'u-li', name: '李科长', ...sent }] }, me)).toBe(false);
  });

  it('待我办: 承办 by me or by my 机构, until 办结', () => {
    expect(awaitsMyHandling(assigned('d-bgs', 'u-li'), me)).toBe(true);
    expect(awaitsMyHandling(assigned('d-czk'), me)).toBe(true);
    expect(awaitsMyHandling(assigned('d-czk', undefined, '传阅中'), me)).toBe(true);
    expect(awaitsMyHandling(assigned('d-bgs', 'u-wang'), me)).toBe(false);
    expect(awaitsMyHandling(assigned('d-czk', undefined, '已办结'), me)).toBe(false);
    expect(awaitsMyHandling({ state: '已批示' }, me)).toBe(false);
    // No 机构 on the account: another's 机构-less record is not mine.
    expect(awaitsMyHandling(assigned('d-czk'), { id: 'u-x', departmentId: undefined })).toBe(false);
  });

  it('我的督办: my name as 责任人, my 机构 as 责任单位, or the 收文 it follows is 承办 by me; open only', () => {
    const t = (unit: string, person: string, state: TaskRecord['state'] = '未开始') => ({ unit, person, state });
    expect(isMyTask(t('县财政局', '李科长'), me)).toBe(true);
    expect(isMyTask(t('财政科', ''), me)).toBe(true);
    expect(isMyTask(t('县教育局', '孙股长'), me)).toBe(false);
    expect(isMyTask(t('财政科', '', '已办结'), me)).toBe(false);
    expect(isMyTask(t('财政科', '', '已撤销'), me)).toBe(false);
    // 机构 renamed since: the linked 收文's 承办 still names it by id.
    expect(isMyTask(t('财务科', ''), me, assigned('d-czk'))).toBe(true);
    expect(isMyTask(t('办公室', ''), me, assigned('d-bgs'))).toBe(false);
  });
});

describe('one row per matter', () => {
  const task = (id: string, incomingId?: string) => ({
    id,
    source: incomingId ? { kind: '收文批示' as const, incomingId, incomingSerial: '', leader: '' } : { kind: '口头交办' as const, assignedBy: '张主任' },
  });

  it('a late 收文 and the 督办 made from its 批示 are one row with both; the rest stay rows of their own', () => {
    const incoming = [{ id: 'a', taskId: 't-a' }, { id: 'b' }, { id: 'c' }, { id: 'd', taskId: 't-d' }];
    const tasks = [task('t-a', 'a'), task('t-c', 'c'), task('t-x'), task('t-d')];
    const rows = mergeMatters(incoming, tasks);
    expect(rows.map((r) => `${r.incoming?.id ?? '-'}/${r.task?.id ?? '-'}`)).toEqual(['a/t-a', 'b/-', 'c/t-c', 'd/t-d', '-/t-x']);
    // 7 marks (4 收文 + 3 linked or not tasks … ) stand for 5 matters; no task is used twice.
    expect(new Set(rows.flatMap((r) => (r.task ? [r.task.id] : []))).size).toBe(4);
  });

  it('overdue first, then by 时限, then as given', () => {
    const rows = [
      { n: 1, overdue: false, dueDate: '2026-11-20' },
      { n: 2, overdue: true, dueDate: '2026-11-18' },
      { n: 3, overdue: false },
      { n: 4, overdue: true, dueDate: '2026-11-10' },
      { n: 5, overdue: false, dueDate: '2026-11-20' },
    ];
    expect(overdueFirst(rows).map((r) => r.n)).toEqual([4, 2, 1, 5, 3]);
  });
});

describe('late in working days', () => {
  it('a Friday 时限 on the next Tuesday is 2 working days late, not 4 days', () => {
    expect(lateWorkdays(cal, '2026-11-20', '2026-11-24')).toBe(2);
    expect(lateText(cal, '2026-11-20', '2026-11-24')).toBe('逾期 2 个工作日');
  });

  it('over a holiday: the 国庆 week does not count', () => {
    // 10-01 to 10-07 off: 10-08 is the first working day after the 时限, 8 calendar days later.
    expect(lateText(cal, '2026-09-30', '2026-10-08')).toBe('逾期 1 个工作日');
  });

  it('past the 时限 only by a weekend, and not yet late', () => {
    expect(lateText(cal, '2026-11-20', '2026-11-22')).toBe('已过时限（未满 1 个工作日）');
    expect(lateText(cal, '2026-11-20', '2026-11-20')).toBeNull();
    expect(lateWorkdays(cal, '2026-11-20', '2026-11-19')).toBe(0);
  });
});

describe('years without holiday data', () => {
  it('finds a deadline in 2027 (not shipped), and every year a count from 2026 walks through', () => {
    expect(cal.isYearCovered(2026)).toBe(true);
    expect(uncoveredYears(cal, ['2026-12-20', undefined, '2027-01-15'])).toEqual([2027]);
    expect(uncoveredYears(cal, ['2026-12-20'])).toEqual([]);
    expect(uncoveredYears(cal, ['2028-03-01'], '2026-12-01')).toEqual([2027, 2028]);
    expect(uncoveredYearsWarning([2027])).toContain('2027 年的节假日安排尚未录入');
    expect(uncoveredYearsWarning([])).toBeNull();
  });

  it('a year whose notice was entered whole counts as covered; a day entered on its own does not', () => {
    expect(createWorkCalendar([{ date: '2027-02-10', kind: 'holiday', note: '春节' }]).isYearCovered(2027)).toBe(false);
    const entered = createWorkCalendar([{ date: '2027-02-10', kind: 'holiday', note: '春节', noticeYear: 2027 }]);
    expect(entered.isYearCovered(2027)).toBe(true);
    expect(entered.coveredYears().at(-1)).toBe(2027);
    expect(uncoveredYears(entered, ['2027-01-15'])).toEqual([]);
  });
});
