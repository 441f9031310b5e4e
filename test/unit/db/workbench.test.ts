import { describe, expect, test } from 'vitest';
import { send } from '../../../renderer/db/commands/client';
import { loadWorkCalendar } from '../../../renderer/db/repositories/calendar';
import { actOnIncoming, registerIncoming } from '../../../renderer/db/repositories/incoming';
import { saveDepartment } from '../../../renderer/db/repositories/settings';
import { createManualTask } from '../../../renderer/db/repositories/supervision';
import { updateUser } from '../../../renderer/db/repositories/users';
import { calendarGaps, myWorkbench, overdueMatters, type WorkItem } from '../../../renderer/db/repositories/workbench';
import type { WenshuDB } from '../../../renderer/db/database';
import type { Actor } from '../../../renderer/db/types';
import type { Registration } from '../../../shared/domain/incoming-types';
import { MASK } from '../../../shared/domain/need-to-know';
import { parseHolidayNotice } from '../../../shared/domain/holiday-notice';
import { PermissionError } from '../../../shared/domain/permissions';
import { addApprovedUser, personRef, staffedOffice } from './helpers';

// 工作台 for each person (issue 14) through the repository: a leader's and a 科室 user's own items,
// one row per overdue matter, lateness in working days, and the years without a holiday schedule.

const FRI = new Date(2026, 10, 20, 9, 0); // Friday 2026-11-20
const TUE = '2026-11-24';

const reg = (title: string, more: Partial<Registration> = {}): Registration => ({
  receivedDate: '2026-11-19',
  fromUnit: '县财政局',
  docNumber: '',
  title,
  docType: '通知',
  classification: '非密',
  copies: 1,
  pages: 2,
  urgency: '普通',
  signedBy: '张秘书',
  handling: '办件',
  ...more,
});

/** Registers, 拟办, 批示 and 承办s a 收文 to `host` (and `person`) with 时限 `due`: a 督办 follows. */
async function assigned(db: WenshuDB, clerk: Actor, title: string, host: { id: string; name: string }, due: string, person?: Actor, more: Partial<Registration> = {}) {
  const r = await registerIncoming(db, clerk, reg(title, more), {}, FRI);
  await actOnIncoming(db, clerk, r.id, { type: '初审' }, FRI);
  await actOnIncoming(db, clerk, r.id, { type: '拟办', text: '拟请办理' }, FRI);
  await actOnIncoming(db, clerk, r.id, { type: '批示', leader: '王县长', text: '同意', at: FRI.toISOString(), oral: false }, FRI);
  return actOnIncoming(db, clerk, r.id, { type: '承办', host, cooperating: [], ...(person ? { person: personRef(person) } : {}), deadline: { kind: 'date', date: due } }, FRI);
}

async function office() {
  const o = await staffedOffice();
  const { db, admin, clerk, dept } = o;
  const czk = await saveDepartment(db, admin, { code: 'CZK', name: '财政科' });
  const leader = await addApprovedUser(db, admin, { username: 'wangxz', displayName: '王县长', roles: ['工作人员'], password: 'Lingdao#2026x' });
  const staff = await addApprovedUser(db, admin, { username: 'likz', displayName: '李科长', roles: ['工作人员'], password: 'Keyuan#2026xx' });
  await updateUser(db, admin, staff.id, { departmentId: czk.id });

  // 传阅 to the leader, unread.
  const circulated = await registerIncoming(db, clerk, reg('关于冬季防火的通知', { handling: '阅件' }), {}, FRI);
  await actOnIncoming(db, clerk, circulated.id, { type: '传阅', readers: [personRef(leader)] }, FRI);
  // 承办 by 财政科, due Friday: late on Tuesday, both as 收文 and as its 督办.
  const late = await assigned(db, clerk, '关于年终决算的通知', { id: czk.id, name: czk.name }, '2026-11-20');
  // 承办 by the leader himself (办公室), due next week.
  const leaders = await assigned(db, clerk, '关于召开全县经济工作会议的通知', { id: dept.id, name: dept.name }, '2026-12-01', leader);
  // Classified, 承办 by 财政科 with nobody named: the 科室 user sees it is theirs, not its title.
  const secret = await assigned(db, clerk, '关于绝密经费的请示', { id: czk.id, name: czk.name }, '2026-12-04', undefined, { classification: '机密', copyNumber: '1' });
  // 口头交办: one to 财政科 (late), one to 王县长 by name, one to another unit.
  const czkTask = await createManualTask(db, clerk, { assignedBy: '张主任', content: '清理拖欠企业账款', unit: '财政科', person: '', dueDate: '2026-11-19' }, FRI);
  const leaderTask = await createManualTask(db, clerk, { assignedBy: '张主任', content: '听取重点项目汇报', unit: '县政府', person: '王县长', dueDate: '2026-12-10' }, FRI);
  const otherTask = await createManualTask(db, clerk, { assignedBy: '张主任', content: '制定寒假安全工作方案', unit: '县教育局', person: '孙股长', dueDate: '2026-11-18' }, FRI);
  return { ...o, czk, leader, staff, circulated, late, leaders, secret, czkTask, leaderTask, otherTask };
}

// One office for the file (five accounts cost seconds of password hashing each); the tests run in
// order and change only what no later test reads.
let shared: ReturnType<typeof office> | undefined;
const theOffice = () => (shared ??= office());

const keys = (rows: WorkItem[]) => rows.map((r) => r.incoming?.serial ?? r.task!.serial);

describe('工作台 for each person', () => {
  test("a leader's and a 科室 user's 工作台 hold exactly their items, overdue first", async () => {
    const o = await theOffice();
    const leader = await myWorkbench(o.db, o.leader, TUE);
    expect(keys(leader.toRead)).toEqual([o.circulated.serial]);
    expect(keys(leader.toHandle)).toEqual([o.leaders.serial]);
    expect(leader.toHandle[0]!.marks).toEqual(['督办']);
    expect(keys(leader.myTasks)).toEqual([o.leaderTask.serial]);

    const staff = await myWorkbench(o.db, o.staff, TUE);
    expect(staff.toRead).toEqual([]);
    // Overdue first: the late 收文 (with its 督办, one row), then the classified one by 时限.
    expect(keys(staff.toHandle)).toEqual([o.late.serial, o.secret.serial]);
    expect(staff.toHandle[0]).toMatchObject({ overdue: true, late: '逾期 2 个工作日', marks: ['收文已超期', '督办逾期'], task: { id: o.late.taskId } });
    expect(staff.toHandle[1]!.incoming).toMatchObject({ title: MASK, masked: true });
    // The task of the late 收文 is not a second row; the 口头交办 to 财政科 is.
    expect(keys(staff.myTasks)).toEqual([o.czkTask.serial]);
    expect(staff.myTasks[0]).toMatchObject({ overdue: true, marks: ['督办逾期'], late: '逾期 3 个工作日' });

    // Read: gone from 待我阅.
    await actOnIncoming(o.db, o.leader, o.circulated.id, { type: '已阅', userId: o.leader.id }, FRI);
    expect((await myWorkbench(o.db, o.leader, TUE)).toRead).toEqual([]);
  });

  test('the 秘书 sees one row per overdue matter, with both marks', async () => {
    const o = await theOffice();
    const { total, rows } = await overdueMatters(o.db, o.clerk, TUE);
    // 2 late 收文 marks + 3 late 督办 marks would be 5 rows; they are 3 matters.
    expect(total).toBe(3);
    expect(keys(rows)).toEqual([o.otherTask.serial, o.czkTask.serial, o.late.serial]);
    expect(rows[2]).toMatchObject({ marks: ['收文已超期', '督办逾期'], late: '逾期 2 个工作日' });
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
  });

  test('a deadline in 2027 (no holiday data) is reported until the notice for 2027 is entered', async () => {
    const o = await theOffice();
    expect(await calendarGaps(o.db, o.clerk, TUE)).toEqual({ years: [], deadlines: 0 });
    await createManualTask(o.db, o.clerk, { assignedBy: '张主任', content: '春节前走访慰问', unit: '财政科', person: '', dueDate: '2027-01-15' }, FRI);
    expect(await calendarGaps(o.db, o.clerk, TUE)).toEqual({ years: [2027], deadlines: 1 });
    expect(await calendarGaps(o.db, o.staff, TUE)).toEqual({ years: [2027], deadlines: 1 });
    // The leader has no deadline in 2027.
    expect(await calendarGaps(o.db, o.leader, TUE)).toEqual({ years: [], deadlines: 0 });
    // The administrator is told from November that next year is missing.
    expect((await calendarGaps(o.db, o.admin, TUE)).years).toEqual([2027]);

    const parsed = parseHolidayNotice('一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n二、春节：2月6日至12日放假调休，共7天。2月14日（周日）上班。', 2027);
    await expect(send(o.db, o.clerk, 'calendar.importNotice', { year: 2027, days: parsed.days })).rejects.toBeInstanceOf(PermissionError);
    const before = await o.db.auditLog.count();
    await send(o.db, o.admin, 'calendar.importNotice', { year: 2027, days: parsed.days });
    expect(await o.db.auditLog.count()).toBe(before + 1);
    expect(await o.db.auditLog.orderBy('seq').last()).toMatchObject({ action: '录入节假日安排', entityId: '2027', summary: '2027 年节假日安排（国务院办公厅通知）：放假 10 天，调休上班 1 天' });
    const cal = await loadWorkCalendar(o.db);
    expect(cal.isYearCovered(2027)).toBe(true);
    expect(cal.dayInfo('2027-02-08')).toMatchObject({ workday: false, name: '春节' });
    expect(cal.isWorkday('2027-02-14')).toBe(true);
    expect(await calendarGaps(o.db, o.clerk, TUE)).toEqual({ years: [], deadlines: 0 });

    // Entered again, corrected: the days it no longer names go back to the shipped rules.
    await send(o.db, o.admin, 'calendar.importNotice', { year: 2027, days: parsed.days.filter((d) => d.date !== '2027-02-14') });
    expect((await loadWorkCalendar(o.db)).isWorkday('2027-02-14')).toBe(false);
    expect(await o.db.auditLog.orderBy('seq').last()).toMatchObject({ action: '修改节假日安排', summary: expect.stringContaining('撤销此前录入的 1 天') });
  });

  test('a notice with a date twice or far from its year is refused beside the text, nothing saved', async () => {
    const o = await theOffice();
    const before = await o.db.calendarOverrides.count();
    await expect(send(o.db, o.admin, 'calendar.importNotice', { year: 2027, days: [{ date: '2029-01-01', kind: 'holiday', note: '元旦' }] })).rejects.toMatchObject({ field: 'text' });
    await expect(send(o.db, o.admin, 'calendar.importNotice', { year: 2027, days: [{ date: '2027-01-01', kind: 'holiday', note: '元旦' }, { date: '2027-01-01', kind: 'workday', note: '元旦' }] })).rejects.toMatchObject({ field: 'text' });
    expect(await o.db.calendarOverrides.count()).toBe(before);
  });
});
