import { configure, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { WenshuDB } from '../../../renderer/db/database';
import { completeSetup } from '../../../renderer/db/repositories/auth';
import { createMeetingRecord, getMeetingSettings, listPeople, savePerson } from '../../../renderer/db/repositories/meetings';
import { saveDepartment } from '../../../renderer/db/repositories/settings';
import { toActor } from '../../../renderer/db/repositories/users';
import type { Actor } from '../../../renderer/db/types';
import { OverdueMinutesCard } from '../../../renderer/features/meetings/OverdueMinutesCard';
import { contributionsFor, FEATURES } from '../../../renderer/app/features';
import { SettingsPage } from '../../../renderer/features/settings/SettingsPage';
import { addApprovedUser } from '../../unit/db/helpers';
import { chooseOption } from '../antd-select';
import { freshDb, seededOnce, renderComponent, type TestUser } from '../render-component';

// 设置 → 会议设置 and 人员名录 as a 秘书 (not a system administrator) uses them, and the 工作台
// card of minutes not issued in time. The clock is fixed (only Date is faked) on Friday
// 2026-11-20, four working days after a Monday meeting whose minutes are due on Thursday 11-19.
// 设置 and the 工作台 card are rendered for the signed-in 秘书 (the sign-in and the menu are
// covered by test/e2e/meetings.e2e.ts); the office is seeded once and cloned per test.

const NOW = new Date(2026, 10, 20, 10, 0); // local 2026-11-20 10:00, Friday
const MON = new Date(2026, 10, 16, 8, 0); // Monday 2026-11-16
const WED = new Date(2026, 10, 18, 8, 0); // Wednesday 2026-11-18
const PASSWORD = 'Lanting#2026';

interface Office {
  db: WenshuDB;
  clerk: Actor;
}

/** An office with a 系统管理员, one department (办公室) and a 秘书 李秘书 (mishu). */
async function office(): Promise<Office> {
  const db = freshDb();
  const admin = toActor(await completeSetup(db, { unitName: '测试县人民政府办公室', fondsCode: 'Z109', username: 'admin', password: 'Wenshu#2026x', passwordConfirm: 'Wenshu#2026x' }, MON));
  await saveDepartment(db, admin, { code: 'BGS', name: '办公室' });
  const clerk = await addApprovedUser(db, admin, { username: 'mishu', displayName: '李秘书', password: PASSWORD, roles: ['秘书'] }, MON);
  return { db, clerk };
}

/** A copy of the seeded office: each test changes its own. */
const officeCopy = seededOnce(office, NOW);

/** 设置 as the 秘书 opens it from the menu, on the tab `tab`. */
async function openTab(db: WenshuDB, clerk: Actor, tab: '会议设置' | '人员名录'): Promise<TestUser> {
  // The tabs every feature contributes, as the app shell hands them to 设置.
  const { user } = await renderComponent(db, clerk, <SettingsPage tabs={contributionsFor(FEATURES, clerk).settingsTabs} />, { at: '/settings' });
  await user.click(await screen.findByRole('tab', { name: tab }));
  return user;
}

/** The tags shown in the 会议类型 box. */
function typeTags(): string[] {
  const box = screen.getByLabelText('会议类型').closest('.ant-select')!;
  return [...box.querySelectorAll('.ant-select-selection-item')].map((t) => t.getAttribute('title') ?? t.textContent ?? '');
}

/** The table row of the person named `name` (found by text: role queries over the page are slow in jsdom). */
function rowOf(name: string): HTMLElement {
  // The 姓名 cell holds its text in an ellipsis span (cut to the column, whole in a tooltip).
  return screen.getByText(name, { selector: 'td .ant-typography' }).closest('tr')!;
}

// A loaded 2-core machine can take more than the default second to re-query and re-render.
configure({ asyncUtilTimeout: 5000 });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  window.location.hash = '';
});

describe('设置 → 会议设置', () => {
  test('a 秘书 sees the meeting tabs (not the administrator’s) and saves 会议类型, 纪要编号 and 签发时限', async () => {
    const { db, clerk } = await officeCopy();
    const user = await openTab(db, clerk, '会议设置');
    expect(screen.queryByRole('tab', { name: '用户管理' })).toBeNull();
    expect(screen.queryByRole('tab', { name: '编号规则' })).toBeNull();
    expect(screen.getByRole('tab', { name: '人员名录' })).toBeVisible();

    const form = await screen.findByRole('form', { name: '会议设置' });
    await waitFor(() => expect(typeTags()).toEqual(['常务会议', '专题会议', '办公会议', '党组会议']));
    expect(within(form).getByLabelText('纪要编号')).toHaveValue('第N期');
    expect(within(form).getByText('示例：第1期')).toBeVisible();
    expect(within(form).getByLabelText('签发时限')).toHaveValue('3');
    expect(within(form).getByText('个工作日')).toBeVisible();

    // Add a type (ended by 、: rc-select reads Enter from the legacy `which`, which jsdom leaves 0), remove one.
    await user.type(within(form).getByLabelText('会议类型'), '专家论证会、');
    await waitFor(() => expect(typeTags()).toContain('专家论证会'));
    const party = screen.getByLabelText('会议类型').closest('.ant-select')!.querySelector('.ant-select-selection-item[title="党组会议"]')!;
    await user.click(party.querySelector<HTMLElement>('.ant-select-selection-item-remove')!);
    await waitFor(() => expect(typeTags()).not.toContain('党组会议'));

    const pattern = within(form).getByLabelText('纪要编号');
    await user.clear(pattern);
    await user.type(pattern, 'YYYY年第NN期');
    expect(await within(form).findByText('示例：2026年第01期')).toBeVisible();
    const due = within(form).getByLabelText('签发时限');
    await user.clear(due);
    await user.type(due, '5');

    await user.click(within(form).getByRole('button', { name: '保存' }));
    await waitFor(async () =>
      expect(await getMeetingSettings(db)).toEqual({ types: ['常务会议', '专题会议', '办公会议', '专家论证会'], minutesPattern: 'YYYY年第NN期', dueWorkdays: 5 }),
    );
    const audit = await db.auditLog.toArray();
    expect(audit.some((a) => a.action === '修改会议设置' && a.actorName === 'mishu')).toBe(true);
  }, 60_000);

  test('印发机关 of the 纪要 版记: blank by default (the 单位名称 prints), saved and audited when set', async () => {
    const { db, clerk } = await officeCopy();
    const user = await openTab(db, clerk, '会议设置');
    const form = await screen.findByRole('form', { name: '会议设置' });
    const by = await within(form).findByLabelText('印发机关');
    expect(by).toHaveValue('');
    await user.type(by, '县政府办公室');
    await user.click(within(form).getByRole('button', { name: '保存' }));
    await waitFor(async () => expect((await getMeetingSettings(db)).printedBy).toBe('县政府办公室'));
    const audit = await db.auditLog.toArray();
    expect(audit.find((a) => a.action === '修改会议设置')?.summary).toContain('印发机关：县政府办公室');
  }, 60_000);

  test('an unusable 纪要编号 or 签发时限 is refused beside its field, and nothing is saved', async () => {
    const { db, clerk } = await officeCopy();
    const user = await openTab(db, clerk, '会议设置');
    const form = await screen.findByRole('form', { name: '会议设置' });
    const pattern = await within(form).findByLabelText('纪要编号');
    await waitFor(() => expect(pattern).toHaveValue('第N期'));
    await user.clear(pattern);
    await user.type(pattern, '第期');
    expect(within(form).queryByText(/^示例：/)).toBeNull();
    await user.click(within(form).getByRole('button', { name: '保存' }));
    const error = await within(form).findByText(/编号格式中要用连续的 N 表示序号的位置/);
    expect(error.closest('.ant-form-item')).toContainElement(pattern);

    await user.clear(pattern);
    await user.type(pattern, '第N期');
    const due = within(form).getByLabelText('签发时限');
    await user.clear(due);
    await user.type(due, '40');
    await user.click(within(form).getByRole('button', { name: '保存' }));
    const dueError = await within(form).findByText('签发时限应为 1–30 个工作日');
    expect(dueError.closest('.ant-form-item')).toContainElement(due);

    expect(await db.settings.get('meetings')).toBeUndefined();
  }, 60_000);
});

describe('设置 → 人员名录', () => {
  // Typing into antd inputs is slow in jsdom: on a loaded 2-core machine these take 30–60 s.
  test('添加人员 puts the person in the table and in the directory; 姓名 is required', async () => {
    const { db, clerk } = await officeCopy();
    const user = await openTab(db, clerk, '人员名录');
    const table = await screen.findByRole('table');
    for (const h of ['姓名', '单位', '职务', '账号', '状态', '操作']) expect(within(table).getByRole('columnheader', { name: h })).toBeVisible();

    const form = screen.getByRole('form', { name: '添加人员' });
    await user.click(within(form).getByRole('button', { name: '添加人员' }));
    expect(await within(form).findByText('请填写姓名')).toBeVisible();

    await user.type(within(form).getByLabelText('姓名'), '赵局长');
    // 单位 is picked from the 机构 list; 县财政局 is not in it yet, so it is added in place.
    await user.type(within(form).getByLabelText('单位'), '县财政局');
    await user.click(await screen.findByTitle('添加“县财政局”到机构名录'));
    await waitFor(() => expect(within(form).getByLabelText('单位').closest('.ant-select-content')).toHaveAttribute('title', '县财政局'));
    await user.type(within(form).getByLabelText('职务'), '局长');
    await user.click(within(form).getByRole('button', { name: '添加人员' }));
    const row = await waitFor(() => rowOf('赵局长'));
    expect(within(row).getByRole('cell', { name: '县财政局' })).toBeVisible();
    expect(within(row).getByRole('cell', { name: '局长' })).toBeVisible();
    expect(row).toHaveTextContent('启用');
    await waitFor(() => expect(within(form).getByLabelText('姓名')).toHaveValue(''));
    expect(await listPeople(db, clerk)).toMatchObject([{ name: '赵局长', unit: '县财政局', title: '局长' }]);
  }, 90_000);

  test('单位 suggests the departments; 关联账号 links the person to an account', async () => {
    const { db, clerk } = await officeCopy();
    const user = await openTab(db, clerk, '人员名录');
    const form = await screen.findByRole('form', { name: '添加人员' });
    await user.type(within(form).getByLabelText('姓名'), '李秘书');
    await user.type(within(form).getByLabelText('单位'), '办');
    await user.click(
      await waitFor(() => {
        const el = document.querySelector<HTMLElement>('.ant-select-dropdown .ant-select-item-option[title="办公室"]');
        if (!el) throw new Error('no 办公室 suggested');
        return el;
      }),
    );
    await waitFor(() => expect(within(form).getByLabelText('单位').closest('.ant-select-content')).toHaveAttribute('title', '办公室'));
    await user.type(within(form).getByLabelText('职务'), '秘书');
    await chooseOption(user, '关联账号', '李秘书（mishu）', form);
    await user.click(within(form).getByRole('button', { name: '添加人员' }));
    await waitFor(() => expect(rowOf('李秘书')).toHaveTextContent('李秘书（mishu）'));
    expect(await listPeople(db, clerk)).toMatchObject([{ name: '李秘书', unit: '办公室', title: '秘书', userId: clerk.id }]);
  }, 90_000);

  test('修改 in a dialog; 停用 keeps the person listed as 已停用 but out of the directory; 启用 brings them back', async () => {
    const { db, clerk } = await officeCopy();
    await savePerson(db, clerk, { name: '赵局长', unit: '县财政局', title: '局长' });
    await savePerson(db, clerk, { name: '钱局长', unit: '县住建局', title: '局长' });
    const user = await openTab(db, clerk, '人员名录');
    await waitFor(() => rowOf('赵局长'));

    await user.click(within(rowOf('赵局长')).getByRole('button', { name: '修改' }));
    const dialog = await screen.findByRole('dialog');
    const title = within(dialog).getByLabelText('职务');
    expect(title).toHaveValue('局长');
    await user.clear(title);
    await user.type(title, '党组书记、局长');
    await user.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(within(rowOf('赵局长')).getByRole('cell', { name: '党组书记、局长' })).toBeVisible());

    await user.click(within(rowOf('赵局长')).getByRole('button', { name: '停用' }));
    await waitFor(() => expect(rowOf('赵局长')).toHaveTextContent('已停用'));
    expect((await listPeople(db, clerk)).map((p) => p.name)).toEqual(['钱局长']);
    expect((await listPeople(db, clerk, true)).find((p) => p.name === '赵局长')).toMatchObject({ disabled: true, title: '党组书记、局长' });
    await user.click(within(rowOf('赵局长')).getByRole('button', { name: '启用' }));
    await waitFor(() => expect(within(rowOf('赵局长')).getByRole('button', { name: '停用' })).toBeVisible());
    expect(await listPeople(db, clerk)).toHaveLength(2);
  }, 90_000);
});

describe('工作台', () => {
  test('纪要逾期未签发 lists the meeting whose minutes are past their 签发时限, linking to it', async () => {
    const { db, clerk } = await officeCopy();
    const host = await savePerson(db, clerk, { name: '张县长', unit: '县人民政府', title: '县长' });
    const meeting = (name: string, startAt: string, now: Date) =>
      createMeetingRecord(
        db,
        clerk,
        {
          name,
          meetingType: '专题会议',
          startAt,
          location: '县政府第一会议室',
          host: '张县长',
          recorder: '李秘书',
          classification: '非密',
          topics: [],
          invitees: [{ personId: host.id, name: host.name, unit: host.unit, title: host.title, role: '出席' }],
        },
        now,
      );
    // Monday's minutes were due Thursday 11-19; Wednesday's are due Monday 11-23 (still in time).
    const late = await meeting('县政府专题会议（供暖）', '2026-11-16T15:00', MON);
    await meeting('县政府专题会议（道路）', '2026-11-18T09:00', WED);

    await renderComponent(db, clerk, <OverdueMinutesCard />, { at: '/dashboard' });
    const list = await screen.findByRole('list', { name: '纪要逾期未签发' });
    const link = await within(list).findByRole('link', { name: '县政府专题会议（供暖）' });
    expect(link).toHaveAttribute('href', `#/meetings/${late.id}`);
    const item = link.closest('li')!;
    expect(item).toHaveTextContent('2026-11-16');
    expect(item).toHaveTextContent('专题会议');
    expect(item).toHaveTextContent('应于 2026-11-19 前签发');
    expect(within(item).getByText('逾期1个工作日')).toHaveClass('ant-typography-danger');
    expect(list).not.toHaveTextContent('道路');
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    const card = list.closest('.ant-card')!;
    expect(within(card as HTMLElement).getByRole('link', { name: '查看全部' })).toHaveAttribute('href', '#/meetings?overdue=1');
  }, 60_000);
});
