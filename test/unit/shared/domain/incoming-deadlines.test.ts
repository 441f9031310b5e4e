import { describe, expect, it } from 'vitest';
import {
  applyIncomingAction,
  deadlineStatus,
  resolveDueDate,
  type IncomingActor,
} from '../../../../shared/domain/incoming';
import type { IncomingRecord, IncomingState } from '../../../../shared/domain/incoming-types';
import { INCOMING_STATES } from '../../../../shared/domain/incoming-types';
import { createWorkCalendar } from '../../../../shared/domain/workdays';

// 办理时限 in working days (DOMAIN.md §7) over real schedules from the shipped chinese-days data:
// 2025 春节 01-28..02-04 off, 调休上班 Sunday 01-26 and Saturday 02-08;
// 2025 国庆/中秋 10-01..10-08 off, 调休上班 Sunday 09-28 and Saturday 10-11.
// (incoming-deadlines.ts is exercised through the incoming module, which re-exports it.)

const cal = createWorkCalendar();

describe('the calendar days these cases rely on', () => {
  it('are what the official schedule says', () => {
    expect(cal.dayInfo('2025-01-26')).toMatchObject({ workday: true, reason: '调休上班' });
    expect(cal.dayInfo('2025-01-28')).toMatchObject({ workday: false, reason: '法定节假日' });
    expect(cal.dayInfo('2025-02-04')).toMatchObject({ workday: false, reason: '法定节假日' });
    expect(cal.dayInfo('2025-02-08')).toMatchObject({ workday: true, reason: '调休上班' });
    expect(cal.dayInfo('2025-09-28')).toMatchObject({ workday: true, reason: '调休上班' });
    expect(cal.dayInfo('2025-10-08')).toMatchObject({ workday: false, reason: '法定节假日' });
    expect(cal.dayInfo('2025-10-11')).toMatchObject({ workday: true, reason: '调休上班' });
  });
});

describe('resolveDueDate: "N 个工作日内" counts from the next working day', () => {
  it.each([
    // 承办 on Monday 2025-01-27, the last working day before 春节.
    ['2025-01-27', 1, '2025-02-05'],
    ['2025-01-27', 2, '2025-02-06'],
    ['2025-01-27', 3, '2025-02-07'],
    ['2025-01-27', 4, '2025-02-08'], // the 调休 Saturday is a working day
    ['2025-01-27', 5, '2025-02-10'], // Sunday 02-09 is not
    // 承办 during the holiday: still counts from the next working day.
    ['2025-01-30', 1, '2025-02-05'],
    // 承办 on the 调休 Sunday before 春节.
    ['2025-01-26', 1, '2025-01-27'],
    ['2025-01-26', 2, '2025-02-05'],
    // 国庆: 3 个工作日 from Tuesday 09-30 ends on the 调休 Saturday 10-11.
    ['2025-09-30', 1, '2025-10-09'],
    ['2025-09-30', 3, '2025-10-11'],
    ['2025-09-30', 4, '2025-10-13'],
    // An ordinary week: Friday + 1 is Monday.
    ['2025-03-07', 1, '2025-03-10'],
    ['2025-03-07', 5, '2025-03-14'],
  ])('承办 %s + %i 个工作日 → %s', (today, days, due) => {
    expect(resolveDueDate({ kind: 'workdays', days }, today, cal)).toBe(due);
  });

  it('keeps a date as given, even on a day off', () => {
    expect(resolveDueDate({ kind: 'date', date: '2025-02-01' }, '2025-01-27', cal)).toBe('2025-02-01');
  });

  it('follows an administrator override', () => {
    // The office works Wednesday 2025-01-29 (a local arrangement): 1 个工作日 from 01-27 is then that day.
    const local = createWorkCalendar([{ date: '2025-01-29', kind: 'workday' }]);
    expect(resolveDueDate({ kind: 'workdays', days: 1 }, '2025-01-27', local)).toBe('2025-01-29');
  });
});

describe('承办 with "N 个工作日" stores the due date', () => {
  const secretary: IncomingActor = { id: 'u-sec', name: '王秘书', roles: ['秘书'] };
  function approved(urgency: IncomingRecord['urgency'] = '加急'): IncomingRecord {
    return {
      id: 'r1',
      year: 2025,
      seq: 1,
      serial: '收〔2025〕0001',
      receivedDate: '2025-01-20',
      fromUnit: '市政府办公室',
      docNumber: '市政办〔2025〕1号',
      title: '关于春节期间安全工作的通知',
      docType: '通知',
      classification: '非密',
      copies: 1,
      pages: 2,
      urgency,
      signedBy: '王秘书',
      handling: '办件',
      state: '已批示',
      duplicateKey: '市政府办公室|市政办〔2025〕1号',
      circulation: [],
      reminders: [],
      namedUserIds: [],
      history: [],
      createdAt: '2025-01-20T01:00:00.000Z',
      updatedAt: '2025-01-20T01:00:00.000Z',
    };
  }
  const host = { id: 'd-1', name: '办公室' };

  it.each([
    [new Date(2025, 0, 27, 16, 0), 3, '2025-02-07'],
    [new Date(2025, 0, 27, 16, 0), 4, '2025-02-08'],
    [new Date(2025, 8, 30, 9, 0), 3, '2025-10-11'],
  ])('承办 at %s with %i 个工作日 → due %s', (now, days, due) => {
    const after = applyIncomingAction(approved(), { type: '承办', host, cooperating: [], deadline: { kind: 'workdays', days } }, secretary, now, cal);
    expect(after.dueDate).toBe(due);
    expect(after.assignment?.deadline).toEqual({ kind: 'workdays', days });
  });

  it('counts "today" from the local calendar day of `now`, late in the evening too', () => {
    const after = applyIncomingAction(approved(), { type: '承办', host, cooperating: [], deadline: { kind: 'workdays', days: 1 } }, secretary, new Date(2025, 0, 27, 23, 59), cal);
    expect(after.dueDate).toBe('2025-02-05');
  });
});

describe('deadlineStatus', () => {
  const open: IncomingState = '承办中';

  it.each([
    // Due on the 调休 Saturday 2025-02-08.
    ['2025-02-08', '2025-01-27', null], // 02-05, 02-06, 02-07, 02-08 left: 4
    ['2025-02-08', '2025-02-04', null], // still 4: the holiday does not count
    ['2025-02-08', '2025-02-05', null], // 3 left
    ['2025-02-08', '2025-02-06', '即将到期'], // 2 left
    ['2025-02-08', '2025-02-07', '即将到期'], // 1 left
    ['2025-02-08', '2025-02-08', '今日到期'],
    ['2025-02-08', '2025-02-09', '已超期'],
    ['2025-02-08', '2025-02-10', '已超期'],
    // Due right after 春节: nine calendar days away, but only one working day.
    ['2025-02-05', '2025-01-27', '即将到期'],
    // From Friday 01-24 the 调休 Sunday 01-26 counts: 01-26, 01-27, 02-05 → 3 left.
    ['2025-02-05', '2025-01-24', null],
    ['2025-02-05', '2025-01-26', '即将到期'],
    // 国庆: due Thursday 10-09.
    ['2025-10-09', '2025-09-28', null], // 09-29, 09-30, 10-09 → 3 left (09-28 is a 调休 working Sunday)
    ['2025-10-09', '2025-09-29', '即将到期'],
    ['2025-10-09', '2025-10-01', '即将到期'],
    ['2025-10-09', '2025-10-09', '今日到期'],
    ['2025-10-09', '2025-10-10', '已超期'],
    // Due on a day off: the day before it has 0 working days left, and the date passes like any other.
    ['2025-03-01', '2025-02-28', '即将到期'],
    ['2025-03-01', '2025-03-01', '今日到期'],
    ['2025-03-01', '2025-03-03', '已超期'],
    // Far away.
    ['2025-12-31', '2025-03-03', null],
  ] as const)('due %s, today %s → %s', (due, today, status) => {
    expect(deadlineStatus(due, open, today, cal)).toBe(status);
  });

  it('is null without a 办理时限', () => {
    expect(deadlineStatus(undefined, open, '2025-02-08', cal)).toBeNull();
  });

  it.each(INCOMING_STATES)('in state %s', (state) => {
    const closed = state === '已办结' || state === '已退回';
    expect(deadlineStatus('2025-02-07', state, '2025-02-10', cal)).toBe(closed ? null : '已超期');
  });
});
