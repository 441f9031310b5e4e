import { describe, expect, test } from 'vitest';
import { verifyAuditChain } from '../../../renderer/db/audit';
import type { WenshuDB } from '../../../renderer/db/database';
import { actOnIncoming, registerIncoming } from '../../../renderer/db/repositories/incoming';
import {
  addTaskProgress,
  createManualTask,
  finishTask,
  getTask,
  issuedBulletin,
  listTasks,
  overdueTasks,
  remindTaskRec,
  supervisionReport,
  TASK_PATTERN,
  taskBoard,
  taskUnits,
  type TaskPage,
  type TaskQuery,
} from '../../../renderer/db/repositories/supervision';
import { recordOutput } from '../../../renderer/db/repositories/output';
import { send } from '../../../renderer/db/commands/client';
import { addDays } from '../../../shared/domain/dates';
import type { Registration } from '../../../shared/domain/incoming-types';
import { formatSerial } from '../../../shared/domain/numbering';
import { buildReport, createTask, taskStatus } from '../../../shared/domain/supervision';
import { TASK_STATUSES, type SupervisionReport, type TaskRecord, type TaskStatus } from '../../../shared/domain/supervision-types';
import { personRef, staffedOffice } from './helpers';
import { RuleError } from '@shared/domain/rule-error';

// 督办 through the repository (issue #5), on fake-indexeddb: 口头交办 entered by hand, 进展反馈,
// 办结, 催办, the lists and the 督办通报, and the task a 收文's 批示 becomes. Every call gets an
// explicit local clock, and every change shares its transaction with its audit entry.

const MON = new Date(2026, 10, 23, 9, 0); // Monday 2026-11-23
const TUE = new Date(2026, 10, 24, 16, 0);
const WED = new Date(2026, 10, 25, 10, 0);
const TODAY = '2026-11-25';

async function auditOf(db: WenshuDB) {
  return db.auditLog.orderBy('seq').toArray();
}

async function snapshot(db: WenshuDB) {
  return { tasks: await db.tasks.toArray(), counters: await db.counters.toArray(), audit: await auditOf(db), settings: await db.settings.toArray() };
}

const manual = { assignedBy: '张县长', content: '清理拖欠企业账款', unit: '县财政局', person: '赵科长', dueDate: '2026-12-10' };

/** staffedOffice() with four tasks entered on Monday: 县财政局 late, moving and done; 县教育局 fresh. */
async function taskOffice() {
  const office = await staffedOffice();
  const { db, clerk } = office;
  const task = (content: string, unit: string, person: string, dueDate: string) => createManualTask(db, clerk, { assignedBy: '张县长', content, unit, person, dueDate }, MON);
  const late = await task('起草年度财政预算执行情况报告', '县财政局', '王科长', '2026-11-20');
  const moving = await task('清理拖欠企业账款', '县财政局', '赵科长', '2026-12-10');
  const done = await task('报送三季度财政收支数据', '县财政局', '王科长', '2026-11-30');
  const fresh = await task('制定寒假安全工作方案', '县教育局', '孙股长', '2026-12-05');
  await addTaskProgress(db, clerk, moving.id, { date: '2026-11-24', text: '已梳理欠款清单 12 笔' }, TUE);
  await finishTask(db, clerk, done.id, { date: '2026-11-24', result: '已报送市财政局' }, TUE);
  return { ...office, tasks: { late, moving, done, fresh } };
}

describe('口头交办 entered by hand', () => {
  test('createManualTask numbers the task 督〔YYYY〕NNNN and audits it', async () => {
    const { db, clerk } = await staffedOffice();
    const start = (await auditOf(db)).length;
    const t = await createManualTask(db, clerk, { ...manual, content: ' 清理拖欠企业账款 ' }, MON);
    expect(t).toEqual({
      id: t.id,
      serial: '督〔2026〕0001',
      source: { kind: '口头交办', assignedBy: '张县长' },
      content: '清理拖欠企业账款',
      unit: '县财政局',
      person: '赵科长',
      dueDate: '2026-12-10',
      state: '未开始',
      progress: [],
      reminders: [],
      createdAt: MON.toISOString(),
      createdByName: 'clerk',
      updatedAt: MON.toISOString(),
    });
    expect(await db.tasks.get(t.id)).toEqual(t);
    expect((await createManualTask(db, clerk, manual, MON)).serial).toBe('督〔2026〕0002');
    const log = (await auditOf(db)).slice(start);
    expect(log.map((e) => [e.action, e.entityType, e.entityId, e.summary, e.time])).toEqual([
      ['新建督办', '督办', t.id, '督〔2026〕0001 口头交办；责任单位：县财政局；时限：2026-12-10', MON.toISOString()],
      ['新建督办', '督办', log[1]!.entityId, '督〔2026〕0002 口头交办；责任单位：县财政局；时限：2026-12-10', MON.toISOString()],
    ]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  test('bad input is refused beside its field, takes no number, and writes nothing', async () => {
    const { db, clerk, reader } = await staffedOffice();
    const before = await snapshot(db);
    await expect(createManualTask(db, clerk, { ...manual, unit: ' ' }, MON)).rejects.toMatchObject({ field: 'unit', message: '请填写责任单位' });
    await expect(createManualTask(db, clerk, { ...manual, dueDate: '2026-11-31' }, MON)).rejects.toBeInstanceOf(RuleError);
    await expect(createManualTask(db, clerk, { ...manual, assignedBy: '' }, MON)).rejects.toMatchObject({ field: 'assignedBy', message: '请填写交办人' });
    await expect(createManualTask(db, reader, manual, MON)).rejects.toThrow('没有权限执行此操作（需要：督办管理）');
    expect(await snapshot(db)).toEqual(before);
    // No gap: the first task that is accepted is still 0001.
    expect((await createManualTask(db, clerk, manual, MON)).serial).toBe('督〔2026〕0001');
  });
});

describe('进展反馈, 办结 and 催办', () => {
  test('each step is stored with its audit entry naming the state change', async () => {
    const { db, clerk } = await staffedOffice();
    const t = await createManualTask(db, clerk, manual, MON);
    const start = (await auditOf(db)).length;

    const moving = await addTaskProgress(db, clerk, t.id, { date: '2026-11-24', text: '已梳理欠款清单' }, TUE);
    expect(moving.state).toBe('推进中');
    expect(moving.progress).toEqual([{ date: '2026-11-24', text: '已梳理欠款清单', at: TUE.toISOString(), byName: 'clerk' }]);

    const reminded = await remindTaskRec(db, clerk, t.id, '请于本周内反馈', WED);
    expect(reminded.reminders).toEqual([{ at: WED.toISOString(), byName: 'clerk', note: '请于本周内反馈' }]);
    expect(reminded.state).toBe('推进中');

    const done = await finishTask(db, clerk, t.id, { date: TODAY, result: '已全部清偿' }, WED);
    expect(done.state).toBe('已办结');
    expect(done.done).toEqual({ date: TODAY, result: '已全部清偿', at: WED.toISOString(), byName: 'clerk' });
    expect(await db.tasks.get(t.id)).toEqual(done);

    const log = (await auditOf(db)).slice(start);
    expect(log.map((e) => [e.action, e.entityId, e.summary, e.time])).toEqual([
      ['督办进展反馈', t.id, '督〔2026〕0001 未开始 → 推进中', TUE.toISOString()],
      ['督办催办', t.id, '督〔2026〕0001 推进中 → 推进中', WED.toISOString()],
      ['督办办结', t.id, '督〔2026〕0001 推进中 → 已办结', WED.toISOString()],
    ]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  test('refused steps change nothing: a second 办结, a future date, a 工作人员, an unknown task', async () => {
    const { db, clerk, reader } = await staffedOffice();
    const t = await createManualTask(db, clerk, manual, MON);
    await finishTask(db, clerk, t.id, { date: '2026-11-24', result: '完成' }, TUE);
    const before = await snapshot(db);
    const again = await finishTask(db, clerk, t.id, { date: TODAY, result: '再次办结' }, WED).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(RuleError);
    expect((again as Error).message).toBe('该事项已于 2026-11-24 办结');
    await expect(addTaskProgress(db, clerk, t.id, { date: TODAY, text: '进展' }, WED)).rejects.toThrow('该事项已办结，不能再反馈进展');
    await expect(remindTaskRec(db, clerk, t.id, '催', WED)).rejects.toThrow('该事项已办结，无需催办');
    await expect(addTaskProgress(db, reader, t.id, { date: TODAY, text: '进展' }, WED)).rejects.toThrow('没有权限');
    await expect(finishTask(db, clerk, 'no-such-id', { date: TODAY, result: '完成' }, WED)).rejects.toThrow('该督办事项不存在');
    expect(await snapshot(db)).toEqual(before);

    const open = await createManualTask(db, clerk, manual, MON);
    const beforeOpen = await snapshot(db);
    await expect(addTaskProgress(db, clerk, open.id, { date: '2026-11-26', text: '进展' }, WED)).rejects.toMatchObject({ field: 'date', message: '反馈日期不能晚于今天' });
    await expect(finishTask(db, clerk, open.id, { date: TODAY, result: ' ' }, WED)).rejects.toMatchObject({ field: 'result', message: '请填写办理结果' });
    expect(await snapshot(db)).toEqual(beforeOpen);
  });
});

describe('lists, 工作台 and the 督办通报', () => {
  test('listTasks: unfinished first by 时限, finished last; filters by unit, status and search', async () => {
    const { db, reader, tasks } = await taskOffice();
    const ids = (list: { tasks: { id: string }[] }) => list.tasks.map((r) => r.id);
    const { late, moving, done, fresh } = tasks;
    expect(ids(await listTasks(db, reader, {}, TODAY))).toEqual([late.id, fresh.id, moving.id, done.id]);
    expect(ids(await listTasks(db, reader, { unit: '县财政局' }, TODAY))).toEqual([late.id, moving.id, done.id]);
    expect(ids(await listTasks(db, reader, { status: '已逾期' }, TODAY))).toEqual([late.id]);
    expect(ids(await listTasks(db, reader, { status: '推进中' }, TODAY))).toEqual([moving.id]);
    expect(ids(await listTasks(db, reader, { status: '未开始' }, TODAY))).toEqual([fresh.id]);
    expect(ids(await listTasks(db, reader, { status: '已办结' }, TODAY))).toEqual([done.id]);
    // On 12-06 the 县教育局 task is late too.
    expect(ids(await listTasks(db, reader, { status: '已逾期' }, '2026-12-06'))).toEqual([late.id, fresh.id]);
    expect(ids(await listTasks(db, reader, { search: ' 王科长 ' }, TODAY))).toEqual([late.id, done.id]);
    expect(ids(await listTasks(db, reader, { search: '督〔2026〕0004' }, TODAY))).toEqual([fresh.id]);
    expect(ids(await listTasks(db, reader, { search: '寒假' }, TODAY))).toEqual([fresh.id]);
    expect(ids(await listTasks(db, reader, { unit: '县财政局', status: '已逾期', search: '预算' }, TODAY))).toEqual([late.id]);
    expect(await listTasks(db, reader, { unit: '县审计局' }, TODAY)).toEqual({ tasks: [], total: 0 });
  });

  test('overdueTasks, taskUnits and getTask', async () => {
    const { db, reader, tasks } = await taskOffice();
    expect((await overdueTasks(db, reader, TODAY)).map((t) => t.id)).toEqual([tasks.late.id]);
    expect((await overdueTasks(db, reader, '2026-12-11')).map((t) => t.id)).toEqual([tasks.late.id, tasks.fresh.id, tasks.moving.id]);
    expect(await taskUnits(db, reader)).toEqual(['县财政局', '县教育局']);
    expect(await getTask(db, reader, tasks.done.id)).toEqual(await db.tasks.get(tasks.done.id));
    expect(await getTask(db, reader, 'no-such-id')).toBeNull();
  });

  test('supervisionReport: the month with its 办结率 per 责任单位, and the week', async () => {
    const { db, reader, tasks } = await taskOffice();
    const month = await supervisionReport(db, reader, '月报', '2026-11-10', TODAY);
    expect(month).toMatchObject({ kind: '月报', periodText: '2026年11月', start: '2026-11-01', end: '2026-11-30', asOf: TODAY });
    expect(month.rows).toEqual([
      { unit: '县财政局', total: 3, done: 1, overdue: 1, rate: 1 / 3 },
      { unit: '县教育局', total: 1, done: 0, overdue: 0, rate: 0 },
    ]);
    expect(month.totals).toEqual({ unit: '合计', total: 4, done: 1, overdue: 1, rate: 0.25 });
    expect(month.overdueTasks.map((t) => t.id)).toEqual([tasks.late.id]);

    // The next week: the task finished on 11-24 is no longer in it.
    const week = await supervisionReport(db, reader, '周报', '2026-12-01', '2026-12-01');
    expect(week.periodText).toBe('2026年11月30日—12月6日');
    expect(week.totals).toEqual({ unit: '合计', total: 3, done: 0, overdue: 1, rate: 0 });

    // October: none of these tasks existed yet.
    expect((await supervisionReport(db, reader, '月报', '2026-10-01', TODAY)).rows).toEqual([]);
  });

  test('recordOutput logs prints and exports of tasks', async () => {
    const { db, reader, tasks } = await taskOffice();
    await recordOutput(db, reader, { kind: '打印', document: '催办单', task: tasks.late }, WED);
    expect((await auditOf(db)).at(-1)).toMatchObject({ action: '打印催办单', entityType: '督办', entityId: tasks.late.id, actorName: 'reader', summary: `督〔2026〕0001 督办催办单；责任单位：${tasks.late.unit}`, time: WED.toISOString() });
    await recordOutput(db, reader, { kind: '导出XLSX', document: '督办通报', description: '某县督办月度通报 2026年11月', path: '/docs/督办通报.xlsx' }, WED);
    expect((await auditOf(db)).at(-1)).toMatchObject({ action: '导出督办通报', entityType: '督办', entityId: '', summary: '某县督办月度通报 2026年11月' });
  });
});

describe('督办通报 印发: 第N期 per year, once per period, reprinted as issued', () => {
  test('each 通报 issued takes the next 期号 of the year (周报 and 月报 one series) and keeps its figures', async () => {
    const { db, clerk, reader, tasks } = await taskOffice();
    expect(await issuedBulletin(db, reader, '月报', '2026-11-10')).toBeNull();

    const month = await send(db, clerk, 'supervision.issueReport', { kind: '月报', anchor: '2026-11-10' }, WED);
    expect(month).toMatchObject({ kind: '月报', start: '2026-11-01', year: 2026, number: 1, numberText: '第1期', issuedDate: TODAY, issuedByName: clerk.displayName, unitName: '测试县人民政府办公室' });
    // The figures of the day: 4 tasks, 1 done (by its 时限), 1 overdue.
    expect(month.report).toEqual(await supervisionReport(db, reader, '月报', '2026-11-10', TODAY));
    expect(month.report.onTimeDone).toBe(1);
    expect((await auditOf(db)).at(-1)).toMatchObject({ action: '印发督办通报', entityType: '督办通报', entityId: month.id, summary: '2026年第1期：2026年11月月报；任务 4 件，已办结 1 件，已逾期 1 件' });

    const week = await send(db, clerk, 'supervision.issueReport', { kind: '周报', anchor: '2026-11-24' }, WED);
    expect([week.start, week.numberText]).toEqual(['2026-11-23', '第2期']);

    // Once per period: a second 印发 is refused and takes no number.
    const before = await snapshot(db);
    await expect(send(db, clerk, 'supervision.issueReport', { kind: '月报', anchor: '2026-11-30' }, WED)).rejects.toThrow('2026年11月的督办通报（月报）已于 2026-11-25 印发，为2026年第1期；可直接打印');
    expect(await snapshot(db)).toEqual(before);
    expect(await db.bulletins.count()).toBe(2);

    // A reprint after more work is the paper as issued: same number, same figures.
    await finishTask(db, clerk, tasks.late.id, { date: TODAY, result: '已报送' }, WED);
    const again = await issuedBulletin(db, reader, '月报', '2026-11-30');
    expect(again).toEqual(month);
    expect((await supervisionReport(db, reader, '月报', '2026-11-10', TODAY)).totals.done).toBe(2);

    // The next year starts again at 第1期.
    const jan = await send(db, clerk, 'supervision.issueReport', { kind: '月报', anchor: '2026-12-10' }, new Date(2027, 0, 4, 9, 0));
    expect([jan.year, jan.numberText]).toEqual([2027, '第1期']);
    expect((await db.counters.where(':id').startsWith('督办通报').toArray()).map((c) => [c.key, c.last])).toEqual([
      ['督办通报|2026', 2],
      ['督办通报|2027', 1],
    ]);
  });

  test('refused: a 工作人员, a bad date (beside its field), a period not yet begun; nothing is written', async () => {
    const { db, clerk, reader } = await taskOffice();
    const before = await snapshot(db);
    await expect(send(db, reader, 'supervision.issueReport', { kind: '月报', anchor: '2026-11-10' }, WED)).rejects.toThrow(/没有权限/);
    const bad = await send(db, clerk, 'supervision.issueReport', { kind: '月报', anchor: '2026-13-01' }, WED).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(RuleError);
    expect(bad).toMatchObject({ field: 'anchor', message: '请输入有效日期，如 2026-11-25' });
    await expect(send(db, clerk, 'supervision.issueReport', { kind: '月报', anchor: '2026-12-10' }, WED)).rejects.toThrow('2026年12月尚未开始，不能印发通报');
    expect(await snapshot(db)).toEqual(before);
    expect(await db.bulletins.count()).toBe(0);
  });
});

describe('the list, the board and the 通报 read through the indexes, as the whole table would', () => {
  const UNITS = ['县财政局', '县教育局', '县住建局', '县卫健委'];
  const PEOPLE = ['王科长', '赵科长', '孙股长', '李主任'];
  const CONTENTS = ['起草预算执行报告', '清理拖欠企业账款', '制定寒假安全方案', '推进老旧小区改造', '报送统计数据'];
  const actor = { id: 'seed', name: '种子', roles: ['秘书' as const] };

  /** A repeatable pseudo-random sequence (mulberry32). */
  function random(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /**
   * 300 tasks over two years' 督办编号, entered from August to late November 2026 with 时限 on one
   * of 24 days (many ties), about half finished: ids are random, so the index's order of tasks
   * with the same 时限 is not the list's (督办编号).
   */
  function seedTasks(): TaskRecord[] {
    const r = random(20261125);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    const dueDays = Array.from({ length: 24 }, (_, i) => addDays('2026-09-01', i * 5 + (i % 3)));
    return Array.from({ length: 300 }, (_, i) => {
      const year = i < 40 ? 2025 : 2026;
      const created = addDays('2026-08-01', Math.floor(r() * 116));
      const t = createTask(
        { source: { kind: '口头交办', assignedBy: '张县长' }, content: pick(CONTENTS), unit: pick(UNITS), person: pick(PEOPLE), dueDate: pick(dueDays) },
        { id: `t-${r().toString(36).slice(2)}`, serial: formatSerial(TASK_PATTERN, year, year === 2025 ? 300 - i : i) },
        actor,
        new Date(`${created}T09:00:00`),
      );
      const roll = r();
      if (roll < 0.5) {
        const done = addDays(created, Math.floor(r() * 60));
        return { ...t, state: '已办结' as const, done: { date: done > '2026-11-25' ? '2026-11-25' : done, result: '完成', at: t.createdAt, byName: '种子' } };
      }
      return roll < 0.75 ? { ...t, state: '推进中' as const } : t;
    });
  }

  /** What listTasks returned when it read every task: the reference. */
  function reference(all: readonly TaskRecord[], q: TaskQuery, today: string): TaskRecord[] {
    const needle = q.search?.trim() ?? '';
    return all
      .filter((t) => (!q.unit || t.unit === q.unit) && (!q.status || taskStatus(t, today) === q.status) && (!needle || t.content.includes(needle) || t.serial.includes(needle) || t.person.includes(needle)))
      .sort((a, b) => Number(a.state === '已办结') - Number(b.state === '已办结') || a.dueDate.localeCompare(b.dueDate) || a.serial.localeCompare(b.serial));
  }

  async function seeded() {
    const { db, reader } = await staffedOffice();
    const all = seedTasks();
    await db.tasks.bulkAdd(all);
    return { db, reader, all };
  }

  const serials = (tasks: readonly TaskRecord[]) => tasks.map((t) => t.serial);
  const STATUSES: (TaskStatus | undefined)[] = [undefined, ...TASK_STATUSES];
  const PAGES: (TaskPage | undefined)[] = [undefined, { offset: 0, limit: 50 }, { offset: 50, limit: 50 }, { offset: 100, limit: 50 }, { offset: 250, limit: 50 }, { offset: 0, limit: 1 }, { offset: 7, limit: 13 }, { offset: 140, limit: 1000 }, { offset: 400, limit: 50 }];

  test('listTasks pages equal the whole sorted list for every 状态 × 责任单位 × page (and with a search term)', async () => {
    const { db, reader, all } = await seeded();
    const finished = all.filter((t) => t.state === '已办结').length;
    expect(finished).toBeGreaterThan(100);
    for (const today of ['2026-11-25', '2026-10-15']) {
      for (const status of STATUSES) {
        for (const unit of [undefined, ...UNITS, '县审计局']) {
          for (const search of [undefined, '账款', ' 王科长 ']) {
            const q: TaskQuery = { ...(status ? { status } : {}), ...(unit ? { unit } : {}), ...(search ? { search } : {}) };
            const expected = reference(all, q, today);
            for (const page of search ? [undefined, { offset: 0, limit: 50 }, { offset: 20, limit: 20 }] : PAGES) {
              const got = await listTasks(db, reader, q, today, page);
              const want = page ? expected.slice(page.offset, page.offset + page.limit) : expected;
              expect({ q, today, page, total: got.total, serials: serials(got.tasks) }).toEqual({ q, today, page, total: expected.length, serials: serials(want) });
            }
          }
        }
      }
    }
    // Whole records, not only their order.
    expect((await listTasks(db, reader, {}, '2026-11-25', { offset: 140, limit: 60 })).tasks).toEqual(reference(all, {}, '2026-11-25').slice(140, 200));
  });

  test('taskBoard: per 状态 the first tasks of the list and the count, for every filter', async () => {
    const { db, reader, all } = await seeded();
    for (const status of STATUSES) {
      for (const unit of [undefined, UNITS[0]!, '县审计局']) {
        for (const search of [undefined, '账款']) {
          for (const perColumn of [3, 100]) {
            const q: TaskQuery = { ...(status ? { status } : {}), ...(unit ? { unit } : {}), ...(search ? { search } : {}) };
            const expected = reference(all, q, TODAY);
            const board = await taskBoard(db, reader, q, TODAY, perColumn);
            for (const s of TASK_STATUSES) {
              const column = expected.filter((t) => taskStatus(t, TODAY) === s);
              expect({ q, s, perColumn, total: board[s].total, serials: serials(board[s].tasks) }).toEqual({ q, s, perColumn, total: column.length, serials: serials(column.slice(0, perColumn)) });
            }
          }
        }
      }
    }
  });

  test('supervisionReport equals buildReport over every task for weeks and months, past and current', async () => {
    const { db, reader, all } = await seeded();
    const periods: [SupervisionReport['kind'], string][] = [
      ['周报', '2026-11-25'],
      ['周报', '2026-11-02'],
      ['周报', '2026-09-16'],
      ['周报', '2026-07-01'],
      ['月报', '2026-11-10'],
      ['月报', '2026-10-31'],
      ['月报', '2026-09-01'],
      ['月报', '2026-08-15'],
      ['月报', '2026-12-01'],
    ];
    for (const today of [TODAY, '2026-11-30']) {
      for (const [kind, anchor] of periods) {
        const report = await supervisionReport(db, reader, kind, anchor, today);
        expect(report).toEqual(buildReport(kind, anchor, all, today));
      }
    }
    // The periods above see tasks finished before them left out, and tasks in them counted.
    expect(buildReport('月报', '2026-11-10', all, TODAY).totals.total).toBeLessThan(all.length);
    expect(buildReport('月报', '2026-11-10', all, TODAY).totals.done).toBeGreaterThan(0);
  });
});

describe('收文批示 → 督办 (followIncoming)', () => {
  const base: Registration = {
    receivedDate: '2026-11-20',
    fromUnit: '县财政局',
    docNumber: '县财发〔2026〕12号',
    title: '关于做好年终财务决算工作的通知',
    docType: '通知',
    classification: '非密',
    copies: 1,
    pages: 3,
    urgency: '普通',
    signedBy: '张秘书',
    handling: '办件',
  };

  /** Registers `reg` and takes it through 初审, 拟办 and 批示 (王主任: 同意，抓紧办理). */
  async function instructed(db: WenshuDB, clerk: Awaited<ReturnType<typeof staffedOffice>>['clerk'], reg: Registration) {
    const r = await registerIncoming(db, clerk, reg, {}, MON);
    await actOnIncoming(db, clerk, r.id, { type: '初审' }, MON);
    await actOnIncoming(db, clerk, r.id, { type: '拟办', text: '拟请办公室牵头办理' }, MON);
    await actOnIncoming(db, clerk, r.id, { type: '批示', leader: '王主任', text: '同意，抓紧办理', at: MON.toISOString(), oral: false }, MON);
    return r;
  }

  test('承办 with a 时限 makes one task linked both ways; the 收文\'s 办结 finishes it', async () => {
    const { db, clerk, reader, dept } = await staffedOffice();
    const r = await instructed(db, clerk, base);
    expect(await db.tasks.count()).toBe(0);

    const assigned = await actOnIncoming(db, clerk, r.id, { type: '承办', host: { id: dept.id, name: dept.name }, cooperating: [], person: personRef(reader), deadline: { kind: 'workdays', days: 3 } }, MON);
    const [task] = await db.tasks.toArray();
    expect(task).toMatchObject({
      serial: '督〔2026〕0001',
      source: { kind: '收文批示', incomingId: r.id, incomingSerial: '收〔2026〕0001', leader: '王主任' },
      // What is to be done: the document's 标题 and the 批示, not "同意，抓紧办理" alone.
      content: '落实《关于做好年终财务决算工作的通知》：王主任批示“同意，抓紧办理”',
      unit: '办公室',
      person: 'reader',
      dueDate: '2026-11-26',
      state: '未开始',
    });
    expect(assigned.taskId).toBe(task!.id);
    expect((await db.incoming.get(r.id))!.taskId).toBe(task!.id);
    const created = (await auditOf(db)).filter((e) => e.action === '新建督办');
    expect(created.map((e) => e.summary)).toEqual(['督〔2026〕0001 来源：收文 收〔2026〕0001 批示；责任单位：办公室；时限：2026-11-26']);

    // A 催办 of the 收文 makes no second task.
    await actOnIncoming(db, clerk, r.id, { type: '催办', note: '请抓紧' }, TUE);
    expect(await db.tasks.count()).toBe(1);

    await actOnIncoming(db, clerk, r.id, { type: '办结', result: '已按要求完成决算' }, WED);
    const finished = (await db.tasks.get(task!.id))!;
    expect(finished.state).toBe('已办结');
    expect(finished.done).toEqual({ date: TODAY, result: '已按要求完成决算', at: WED.toISOString(), byName: 'clerk' });
    expect((await auditOf(db)).filter((e) => e.action === '督办办结').map((e) => e.summary)).toEqual(['督〔2026〕0001 随收文 收〔2026〕0001 办结']);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  test('a classified 收文\'s task says only where to look', async () => {
    const { db, clerk, dept } = await staffedOffice();
    const r = await instructed(db, clerk, { ...base, classification: '机密', copyNumber: '3' });
    await actOnIncoming(db, clerk, r.id, { type: '承办', host: { id: dept.id, name: dept.name }, cooperating: [], deadline: { kind: 'date', date: '2026-12-01' } }, MON);
    const [task] = await db.tasks.toArray();
    expect(task).toMatchObject({ content: '落实【涉密】收文 收〔2026〕0001 的领导批示（涉密，详见收文）', person: '', dueDate: '2026-12-01' });
    expect(JSON.stringify(task)).not.toContain('抓紧办理');
    expect(JSON.stringify(task)).not.toContain('决算');
  });

  test('the 事项 as worded in the 承办 dialog is the task\'s; empty falls back to 标题 + 批示; too long is refused', async () => {
    const { db, clerk, dept } = await staffedOffice();
    const assign = (id: string, taskContent: string) =>
      actOnIncoming(db, clerk, id, { type: '承办', host: { id: dept.id, name: dept.name }, cooperating: [], deadline: { kind: 'date', date: '2026-12-01' } }, MON, taskContent);
    const worded = await instructed(db, clerk, base);
    await assign(worded.id, '12月1日前完成年终财务决算并报县政府');
    const other = await instructed(db, clerk, { ...base, docNumber: '县财发〔2026〕13号', title: '关于清理暂付款的通知' });
    const before = await db.tasks.count();
    await expect(assign(other.id, '事'.repeat(501))).rejects.toMatchObject({ field: 'content', message: expect.stringContaining('500') });
    // Refused whole: no task, no 承办.
    expect(await db.tasks.count()).toBe(before);
    expect((await db.incoming.get(other.id))!.state).toBe('已批示');
    await assign(other.id, '   ');
    const contents = (await db.tasks.toArray()).map((t) => t.content).sort();
    expect(contents).toEqual(['12月1日前完成年终财务决算并报县政府', '落实《关于清理暂付款的通知》：王主任批示“同意，抓紧办理”']);
  });

  test('承办 without a 时限 makes no task and takes no 督办 number', async () => {
    const { db, clerk, dept } = await staffedOffice();
    const r = await instructed(db, clerk, base);
    const assigned = await actOnIncoming(db, clerk, r.id, { type: '承办', host: { id: dept.id, name: dept.name }, cooperating: [] }, MON);
    expect(assigned.taskId).toBeUndefined();
    expect(await db.tasks.count()).toBe(0);
    expect((await db.counters.toArray()).map((c) => c.key)).toEqual(['收文|2026']);
  });
});
