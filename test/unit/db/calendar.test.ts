import { describe, expect, test } from 'vitest';
import { listCalendarOverrides, loadWorkCalendar, removeCalendarOverride, saveCalendarOverride } from '../../../renderer/db/repositories/calendar';
import { PermissionError } from '../../../shared/domain/permissions';
import { addUser, freshDb, setUpOffice } from './helpers';

describe('calendar overrides (设置 → 节假日)', () => {
  test('an invalid date is refused beside the field and nothing is stored', async () => {
    const db = freshDb();
    const admin = await setUpOffice(db);
    const before = await db.auditLog.count();
    for (const date of ['2026-02-30', '2026-13-01', '20260101', '']) {
      await expect(saveCalendarOverride(db, admin, { date, kind: 'holiday' })).rejects.toMatchObject({ field: 'date' });
    }
    expect(await listCalendarOverrides(db)).toEqual([]);
    expect(await db.auditLog.count()).toBe(before);
  });

  test('an override entered offline changes the calendar in force, and can be removed', async () => {
    const db = freshDb();
    const admin = await setUpOffice(db);
    // 2026-10-01 is 国庆 in the shipped schedule; a Wednesday 2026-11-25 is an ordinary working day.
    expect((await loadWorkCalendar(db)).isWorkday('2026-11-25')).toBe(true);
    await saveCalendarOverride(db, admin, { date: '2026-11-25', kind: 'holiday', note: '临时放假' });
    const cal = await loadWorkCalendar(db);
    expect(cal.isWorkday('2026-11-25')).toBe(false);
    expect(cal.addWorkdays('2026-11-24', 1)).toBe('2026-11-26');
    await removeCalendarOverride(db, admin, '2026-11-25');
    expect((await loadWorkCalendar(db)).isWorkday('2026-11-25')).toBe(true);
  });

  test('only a 系统管理员 may change the calendar', async () => {
    const db = freshDb();
    const admin = await setUpOffice(db);
    const clerk = await addUser(db, admin, 'clerk', ['秘书']);
    await expect(saveCalendarOverride(db, clerk, { date: '2027-01-01', kind: 'holiday' })).rejects.toBeInstanceOf(PermissionError);
  });
});
