import { configure, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { WenshuDB } from '../../../renderer/db/database';
import { completeSetup } from '../../../renderer/db/repositories/auth';
import { saveDepartment } from '../../../renderer/db/repositories/settings';
import { addTaskProgress, createManualTask, finishTask, listTasks, TASK_PATTERN } from '../../../renderer/db/repositories/supervision';
import { toActor } from '../../../renderer/db/repositories/users';
import type { Actor } from '../../../renderer/db/types';
import { OverdueMattersCard } from '../../../renderer/features/dashboard/OverdueMattersCard';
import { SupervisionPage } from '../../../renderer/features/supervision/SupervisionPage';
import { addDays } from '../../../shared/domain/dates';
import { formatSerial } from '../../../shared/domain/numbering';
import { createTask, type TaskRecord } from '../../../shared/domain/supervision';
import { addApprovedUser } from '../../unit/db/helpers';
import { chooseOption } from '../antd-select';
import { freshDb, seededOnce, renderComponent, type TestUser } from '../render-component';

// 督办事项 on screen: the list as a table and as a board, the 责任单位 filter, a task's page with
// its dialogs, the 督办通报 with its 办结率, and the 工作台 card. The clock is fixed (only Date is
// faked) on Wednesday 2026-11-25, so 已逾期 and the week of the 周报 never depend on the run day.
// The 督办事项 screens are rendered for the signed-in 秘书 at /supervision (the sign-in and the
// menu are covered by test/e2e/meetings.e2e.ts); the office is seeded once and cloned per test.

const NOW = new Date(2026, 10, 25, 10, 0); // local 2026-11-25 10:00
const MON = new Date(2026, 10, 23, 9, 0); // the tasks were entered on Monday
const TUE = new Date(2026, 10, 24, 16, 0);
const PASSWORD = 'Lanting#2026';

interface Office {
  db: WenshuDB;
  clerk: Actor;
  serials: { late: string; moving: string; done: string; fresh: string };
}

/** An office with a 秘书 and four tasks: 县财政局 has one overdue, one under way, one done; 县教育局 one not started. */
async function office(): Promise<Office> {
  const db = freshDb();
  const admin = toActor(await completeSetup(db, { unitName: '测试县人民政府办公室', fondsCode: 'Z109', username: 'admin', password: 'Wenshu#2026x', passwordConfirm: 'Wenshu#2026x' }, MON));
  await saveDepartment(db, admin, { code: 'BGS', name: '办公室' });
  const clerk = await addApprovedUser(db, admin, { username: 'mishu', displayName: '李秘书', password: PASSWORD, roles: ['秘书'] }, MON);
  const task = (content: string, unit: string, person: string, dueDate: string) => createManualTask(db, clerk, { assignedBy: '张主任', content, unit, person, dueDate }, MON);
  const late = await task('起草年度财政预算执行情况报告', '县财政局', '王科长', '2026-11-20');
  const moving = await task('清理拖欠企业账款', '县财政局', '赵科长', '2026-12-10');
  const done = await task('报送三季度财政收支数据', '县财政局', '王科长', '2026-11-30');
  const fresh = await task('制定寒假安全工作方案', '县教育局', '孙股长', '2026-12-05');
  await addTaskProgress(db, clerk, moving.id, { date: '2026-11-24', text: '已梳理欠款清单 12 笔' }, TUE);
  await finishTask(db, clerk, done.id, { date: '2026-11-24', result: '已报送市财政局' }, TUE);
  return { db, clerk, serials: { late: late.serial, moving: moving.serial, done: done.serial, fresh: fresh.serial } };
}

/** `n` more tasks, all finished, with 时限 in October (before the office's own finished one). */
async function addFinished(db: WenshuDB, n: number): Promise<void> {
  const actor = { id: 'seed', name: '李秘书', roles: ['秘书' as const] };
  const tasks = Array.from({ length: n }, (_, i): TaskRecord => {
    const t = createTask(
      { source: { kind: '口头交办', assignedBy: '张主任' }, content: `已办结事项${i + 1}`, unit: '县财政局', person: '王科长', dueDate: addDays('2026-10-01', i % 30) },
      { id: `extra-${i}`, serial: formatSerial(TASK_PATTERN, 2026, 101 + i) },
      actor,
      MON,
    );
    return { ...t, state: '已办结', done: { date: '2026-11-24', result: '完成', at: TUE.toISOString(), byName: '李秘书' } };
  });
  await db.tasks.bulkAdd(tasks);
}

/** A copy of the seeded office: each test changes its own. */
const officeCopy = seededOnce(office, NOW);

/** The 督办事项 list, as the 秘书 opens it from the menu. */
async function openSupervision(db: WenshuDB, clerk: Actor): Promise<TestUser> {
  const { user } = await renderComponent(db, clerk, <SupervisionPage />, { at: '/supervision', path: '/supervision/*' });
  await screen.findByText('督办事项', { selector: '.ant-card-head-title' });
  return user;
}

/** Body rows of the list table (the header row and antd's hidden measure row left out). */
function bodyRows(table: HTMLElement): HTMLElement[] {
  return within(table)
    .getAllByRole('row')
    .filter((r) => r.closest('tbody') && !r.classList.contains('ant-table-placeholder'));
}

function rowOf(serial: string): HTMLElement {
  return screen.getByRole('link', { name: serial }).closest('tr')!;
}

// A loaded 2-core machine can take more than the default second to re-query and re-render.
configure({ asyncUtilTimeout: 5000 });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  // jsdom has no canvas; ECharts (SVG renderer) then estimates text widths itself, without the warning.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => null);
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  window.location.hash = '';
});

describe('督办事项 list', () => {
  test('the table shows every task with its 来源, 状态 (已逾期 with its days) and 最近进展', async () => {
    const { db, clerk, serials } = await officeCopy();
    await openSupervision(db, clerk);
    const table = await screen.findByRole('table');
    await waitFor(() => expect(bodyRows(table)).toHaveLength(4));
    for (const h of ['督办编号', '来源', '督办内容', '责任单位', '责任人', '时限', '状态', '最近进展']) expect(within(table).getByRole('columnheader', { name: h })).toBeVisible();

    const late = rowOf(serials.late);
    expect(late).toHaveTextContent('已逾期');
    // 时限 Friday 11-20, today Wednesday 11-25: 3 working days (not 5 calendar days), said as such.
    await waitFor(() => expect(rowOf(serials.late)).toHaveTextContent('逾期 3 个工作日'));
    expect(late).toHaveTextContent('口头交办（张主任）');
    expect(within(late).getByText('已逾期')).toHaveClass('ant-tag-red');
    expect(rowOf(serials.moving)).toHaveTextContent('推进中');
    expect(rowOf(serials.moving)).toHaveTextContent('2026-11-24 已梳理欠款清单 12 笔');
    expect(rowOf(serials.done)).toHaveTextContent('已办结');
    expect(rowOf(serials.fresh)).toHaveTextContent('未开始');
    // Finished tasks last; the rest by 时限, soonest first.
    expect(bodyRows(table).map((r) => within(r).getAllByRole('link')[0]!.textContent)).toEqual([serials.late, serials.fresh, serials.moving, serials.done]);
  }, 60_000);

  test('filtering by 责任单位 and by 状态', async () => {
    const { db, clerk, serials } = await officeCopy();
    const user = await openSupervision(db, clerk);
    const table = await screen.findByRole('table');
    await waitFor(() => expect(bodyRows(table)).toHaveLength(4));

    await chooseOption(user, '责任单位', '县教育局');
    await waitFor(() => expect(bodyRows(screen.getByRole('table'))).toHaveLength(1));
    expect(rowOf(serials.fresh)).toHaveTextContent('制定寒假安全工作方案');

    await chooseOption(user, '责任单位', '县财政局');
    await waitFor(() => expect(bodyRows(screen.getByRole('table'))).toHaveLength(3));

    await chooseOption(user, '状态', '已逾期');
    await waitFor(() => expect(bodyRows(screen.getByRole('table'))).toHaveLength(1));
    expect(rowOf(serials.late)).toBeVisible();
  }, 60_000);

  test('the table reads one page of 50 at a time, with the count of all', async () => {
    const { db, clerk, serials } = await officeCopy();
    await addFinished(db, 120);
    const user = await openSupervision(db, clerk);
    const table = await screen.findByRole('table');
    await waitFor(() => expect(bodyRows(table)).toHaveLength(50), { timeout: 15_000 });
    expect(screen.getByText('共 124 件')).toBeVisible();
    const first = (rows: HTMLElement[]) => within(rows[0]!).getAllByRole('link')[0]!.textContent;
    expect(first(bodyRows(table))).toBe(serials.late);

    await user.click(screen.getByTitle('3'));
    await waitFor(() => expect(bodyRows(screen.getByRole('table'))).toHaveLength(24), { timeout: 15_000 });
    // The office's own finished task has the latest 时限 of the finished: last of all.
    const rows = bodyRows(screen.getByRole('table'));
    expect(within(rows.at(-1)!).getAllByRole('link')[0]!.textContent).toBe(serials.done);
    expect(screen.getByText('共 124 件')).toBeVisible();

    // A filter starts again on the first page.
    await chooseOption(user, '状态', '已办结');
    await waitFor(() => expect(bodyRows(screen.getByRole('table'))).toHaveLength(50), { timeout: 15_000 });
    expect(screen.getByText('共 121 件')).toBeVisible();
  }, 60_000);

  test('a board column shows its first 100 cards and says how many more the table has', async () => {
    const { db, clerk } = await officeCopy();
    await addFinished(db, 120);
    const user = await openSupervision(db, clerk);
    await user.click(screen.getByText('看板'));
    const done = await screen.findByRole('region', { name: '已办结' });
    await waitFor(() => expect(within(done).getByText('共 121 件')).toBeVisible(), { timeout: 15_000 });
    expect(within(done).getByText('另有 21 件，请在表格中查看')).toBeVisible();
    expect(within(done).getAllByRole('link')).toHaveLength(100);
    expect(within(screen.getByRole('region', { name: '未开始' })).queryByText(/另有/)).toBeNull();
  }, 60_000);

  test('the board has four columns by 状态 with their counts and cards', async () => {
    const { db, clerk, serials } = await officeCopy();
    const user = await openSupervision(db, clerk);
    await user.click(screen.getByText('看板'));
    const counts: Record<string, number> = { 未开始: 1, 推进中: 1, 已逾期: 1, 已办结: 1 };
    for (const [status, n] of Object.entries(counts)) {
      const column = await screen.findByRole('region', { name: status });
      await waitFor(() => expect(within(column).getByText(`共 ${n} 件`)).toBeVisible());
    }
    const overdue = screen.getByRole('region', { name: '已逾期' });
    expect(within(overdue).getByRole('link', { name: serials.late })).toHaveAttribute('href', expect.stringMatching(/^#\/supervision\/.+/));
    await waitFor(() => expect(screen.getByRole('region', { name: '已逾期' })).toHaveTextContent('逾期 3 个工作日'));
    expect(within(screen.getByRole('region', { name: '已办结' })).getByRole('link', { name: serials.done })).toBeVisible();

    await chooseOption(user, '责任单位', '县教育局');
    await waitFor(() => expect(within(screen.getByRole('region', { name: '已逾期' })).getByText('共 0 件')).toBeVisible());
    expect(within(screen.getByRole('region', { name: '未开始' })).getByText('共 1 件')).toBeVisible();
  }, 60_000);
});

describe('a task', () => {
  test('新建督办 (口头交办), then 进展反馈 and a refused 办结 shown in the dialog', async () => {
    const { db, clerk } = await officeCopy();
    const user = await openSupervision(db, clerk);
    await user.click(screen.getByRole('button', { name: '新建督办' }));
    const form = await screen.findByRole('form', { name: '新建督办' });
    await user.click(within(form).getByRole('button', { name: '保存' }));
    expect(await within(form).findByText('请填写交办人')).toBeVisible();

    await user.type(within(form).getByLabelText('交办人'), '刘副县长');
    await user.type(within(form).getByLabelText('督办内容'), '督促完成老旧小区改造项目验收');
    // Picked from the lists; neither is in them yet, so each is added in place.
    await user.type(within(form).getByLabelText('责任单位'), '县住建局');
    await user.click(await screen.findByTitle('添加“县住建局”到机构名录'));
    await waitFor(() => expect(within(form).getByTitle('县住建局')).toBeInTheDocument());
    await user.type(within(form).getByLabelText('责任人'), '陈局长');
    await user.click(await screen.findByTitle('添加“陈局长”到人员名录'));
    await waitFor(() => expect(within(form).getByTitle('陈局长')).toBeInTheDocument());
    await user.clear(within(form).getByLabelText('时限'));
    await user.type(within(form).getByLabelText('时限'), '2026-12-15');
    await user.click(within(form).getByRole('button', { name: '保存' }));

    // The task's page.
    await screen.findByText('口头交办（刘副县长）');
    expect(screen.getByText('督促完成老旧小区改造项目验收')).toBeVisible();
    expect(screen.getByText('县住建局')).toBeVisible();
    const [created] = (await listTasks(db, clerk, { unit: '县住建局' })).tasks;
    expect(created).toMatchObject({ unit: '县住建局', person: '陈局长', dueDate: '2026-12-15', state: '未开始', source: { kind: '口头交办', assignedBy: '刘副县长' } });
    expect(screen.queryByRole('button', { name: '催办' })).toBeNull();

    await user.click(screen.getByRole('button', { name: '进展反馈' }));
    const progress = await screen.findByRole('dialog');
    expect(within(progress).getByLabelText('反馈日期')).toHaveValue('2026-11-25');
    await user.type(within(progress).getByLabelText('进展情况'), '已完成 3 个小区的初验');
    await user.click(within(progress).getByRole('button', { name: '保存' }));
    const log = await screen.findByRole('table', { name: '进展反馈' });
    await waitFor(() => expect(log).toHaveTextContent('已完成 3 个小区的初验'));
    expect(log).toHaveTextContent('2026-11-25');
    expect(log).toHaveTextContent('李秘书');

    await user.click(screen.getByRole('button', { name: '办结' }));
    const finish = await screen.findByRole('dialog');
    await user.clear(within(finish).getByLabelText('办结日期'));
    await user.type(within(finish).getByLabelText('办结日期'), '2026-11-30');
    await user.type(within(finish).getByLabelText('办理结果'), '已全部验收');
    await user.click(within(finish).getByRole('button', { name: '办结' }));
    expect(await within(finish).findByRole('alert')).toHaveTextContent('办结日期不能晚于今天');
    await user.clear(within(finish).getByLabelText('办结日期'));
    await user.type(within(finish).getByLabelText('办结日期'), '2026-11-25');
    await user.click(within(finish).getByRole('button', { name: '办结' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText('已全部验收')).toBeVisible();
    expect(screen.queryByRole('button', { name: '进展反馈' })).toBeNull();
  }, 60_000);

  test('an overdue task offers 催办, which records the 催办 and opens the 催办单', async () => {
    const { db, clerk, serials } = await officeCopy();
    const user = await openSupervision(db, clerk);
    await user.click(await screen.findByRole('link', { name: serials.late }));
    await user.click(await screen.findByRole('button', { name: '催办' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: '催办' }));
    expect(await screen.findByRole('toolbar', { name: '打印预览' }, { timeout: 10_000 })).toBeVisible();
    expect(await screen.findByRole('heading', { name: '督办催办单' })).toBeVisible();
    const task = await db.tasks.where('serial').equals(serials.late).first();
    expect(task?.reminders).toHaveLength(1);
  }, 60_000);
});

describe('督办通报 and 工作台', () => {
  test('the weekly report counts per 责任单位 with 办结率 and 合计, lists the overdue, and draws the chart', async () => {
    const { db, clerk, serials } = await officeCopy();
    const user = await openSupervision(db, clerk);
    await user.click(screen.getByRole('button', { name: '督办通报' }));
    expect(await screen.findByText(/2026年11月23日—11月29日/)).toBeVisible();
    expect(screen.getByLabelText('统计日期')).toHaveValue('2026-11-25');
    const table = await screen.findByRole('table', { name: '各责任单位办理情况' });
    for (const h of ['责任单位', '任务数', '已办结', '已逾期', '办结率']) expect(within(table).getByRole('columnheader', { name: h })).toBeVisible();
    const cells = (name: RegExp) => within(within(table).getByRole('row', { name })).getAllByRole('cell').map((c) => c.textContent);
    expect(cells(/县财政局/)).toEqual(['县财政局', '3', '1', '1', '33%']);
    expect(cells(/县教育局/)).toEqual(['县教育局', '1', '0', '0', '0%']);
    expect(cells(/合计/)).toEqual(['合计', '4', '1', '1', '25%']);

    const overdue = screen.getByRole('table', { name: '逾期事项' });
    expect(within(overdue).getByRole('link', { name: serials.late })).toBeVisible();
    // 逾期工作日 to 11-25: Monday to Wednesday after a Friday 时限.
    expect(within(overdue).getByRole('columnheader', { name: '逾期工作日' })).toBeVisible();
    expect(within(within(overdue).getByRole('row', { name: new RegExp(serials.late.replace(/[〔〕]/g, '.')) })).getAllByRole('cell').at(-1)).toHaveTextContent(/^3$/);

    expect(await screen.findByRole('img', { name: '督办通报图表' }, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '导出Excel' })).toBeEnabled();
    expect(screen.getByRole('button', { name: '打印' })).toBeEnabled();

    await user.click(screen.getByText('月报'));
    expect(await screen.findByText(/2026年11月（2026-11-01 至 2026-11-30）/)).toBeVisible();
  }, 60_000);

  test('印发 gives the 通报 第1期 of the year; its print carries the number, a preview before 印发 第（未编号）期', async () => {
    const { db, clerk } = await officeCopy();
    const user = await openSupervision(db, clerk);
    await user.click(screen.getByRole('button', { name: '督办通报' }));
    expect(await screen.findByText('本期通报尚未印发：打印稿期号显示为“第（未编号）期”，印发后编入本年度期号。')).toBeVisible();

    // Before 印发: the print shows 第（未编号）期 and today's date.
    await user.click(screen.getByRole('button', { name: '打印' }));
    const preview = await screen.findByTestId('bulletin-number', {}, { timeout: 10_000 });
    expect(preview).toHaveTextContent('第（未编号）期');
    await user.click(await screen.findByRole('button', { name: '关闭' }));

    await waitFor(() => expect(screen.getByRole('button', { name: '印发通报' })).toBeEnabled());
    await user.click(screen.getByRole('button', { name: '印发通报' }));
    await user.click(await screen.findByRole('button', { name: /^印\s*发$/ }));
    expect(await screen.findByText(/本期通报已于 2026-11-25 印发（2026年第1期，/)).toBeVisible();
    expect(screen.getByRole('button', { name: '印发通报' })).toBeDisabled();
    expect((await db.bulletins.toArray()).map((b) => [b.kind, b.start, b.numberText])).toEqual([['周报', '2026-11-23', '第1期']]);

    await user.click(screen.getByRole('button', { name: '打印' }));
    expect(await screen.findByTestId('bulletin-number', {}, { timeout: 10_000 })).toHaveTextContent(/^第1期$/);
    expect(document.querySelector('.ws-bulletin-issuer')).toHaveTextContent('2026年11月25日');
  }, 60_000);

  test('工作台 shows the overdue task in 逾期事项, late in working days, linking to it', async () => {
    const { db, clerk, serials } = await officeCopy();
    await renderComponent(db, clerk, <OverdueMattersCard />, { at: '/dashboard' });
    const list = await screen.findByRole('list', { name: '逾期事项' }, { timeout: 5000 });
    const link = await within(list).findByRole('link', { name: serials.late });
    expect(link.getAttribute('href')).toMatch(/^#\/supervision\/.+/);
    // 时限 Friday 11-20, today Wednesday 11-25: Monday, Tuesday, Wednesday.
    expect(list).toHaveTextContent('督办逾期');
    expect(list).toHaveTextContent('逾期 3 个工作日');
    expect(within(list).queryByRole('link', { name: serials.moving })).toBeNull();
  }, 60_000);
});
