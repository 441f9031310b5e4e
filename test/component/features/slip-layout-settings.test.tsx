import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import type { WenshuDB } from '../../../renderer/db/database';
import { completeSetup } from '../../../renderer/db/repositories/auth';
import { getSlipLayout } from '../../../renderer/db/repositories/slip-layout';
import { toActor } from '../../../renderer/db/repositories/users';
import type { Actor } from '../../../renderer/db/types';
import { contributionsFor, FEATURES } from '../../../renderer/app/features';
import { SettingsPage } from '../../../renderer/features/settings/SettingsPage';
import { DEFAULT_SLIP_LAYOUT } from '../../../shared/domain/slip-layout';
import { addApprovedUser } from '../../unit/db/helpers';
import { freshDb, seededOnce, renderComponent, type TestUser } from '../render-component';

// 设置 → 打印 (issue #15): the 收文处理笺 layout form with its live preview (the real slip, a
// sample record). Bad input gets its message beside the field and nothing is saved.

const NOW = new Date(2026, 10, 20, 10, 0);

interface Office {
  db: WenshuDB;
  admin: Actor;
  clerk: Actor;
  reader: Actor;
}

async function office(): Promise<Office> {
  const db = freshDb();
  const admin = toActor(await completeSetup(db, { unitName: '测试县人民政府办公室', fondsCode: 'Z109', username: 'admin', password: 'Wenshu#2026x', passwordConfirm: 'Wenshu#2026x' }, NOW));
  const clerk = await addApprovedUser(db, admin, { username: 'mishu', displayName: '李秘书', password: 'Lanting#2026', roles: ['秘书'] }, NOW);
  const reader = await addApprovedUser(db, admin, { username: 'reader', displayName: '王科员', password: 'Lanting#2026', roles: ['工作人员'] }, NOW);
  return { db, admin, clerk, reader };
}
const officeCopy = seededOnce(office, NOW);

configure({ asyncUtilTimeout: 5000 });
afterEach(() => {
  window.location.hash = '';
});

async function openPrintTab(db: WenshuDB, actor: Actor): Promise<TestUser> {
  const { user } = await renderComponent(db, actor, <SettingsPage tabs={contributionsFor(FEATURES, actor).settingsTabs} />, { at: '/settings' });
  await user.click(await screen.findByRole('tab', { name: '打印' }));
  await screen.findByRole('form', { name: '收文处理笺格式' });
  return user;
}

/** The preview's slip: its title and its box labels top to bottom. */
function preview() {
  const figure = screen.getByRole('figure', { name: '预览' });
  return {
    title: figure.querySelector('.ws-slip-title')?.textContent ?? '',
    labels: [...figure.querySelectorAll('.ws-slip-box-label')].map((l) => l.textContent),
  };
}

const rowsList = () => screen.getByRole('list', { name: '栏目' });
const row = (name: string) => within(rowsList()).getByRole('listitem', { name });

describe('设置 → 打印: 收文处理笺', () => {
  test('who sees the tab: the 系统管理员 and the 秘书, not a 工作人员', async () => {
    const { admin, clerk, reader } = await officeCopy();
    const tabs = (a: Actor) => contributionsFor(FEATURES, a).settingsTabs.map((t) => t.label);
    expect(tabs(admin)).toContain('打印');
    expect(tabs(clerk)).toContain('打印');
    expect(tabs(reader)).not.toContain('打印');
  });

  test('the preview follows the form: title, a new row, a move by button and by Alt+↑; saved as shown', async () => {
    const { db, clerk } = await officeCopy();
    const user = await openPrintTab(db, clerk);
    await waitFor(() => expect(preview().title).toBe('测试县人民政府办公室收文处理笺'));
    await waitFor(() => expect(preview().labels).toEqual(['拟办意见', '领导批示', '办理结果', '传阅']));

    const title = screen.getByLabelText('标题');
    await user.clear(title);
    await user.type(title, '{{单位名称}公文处理单');
    await waitFor(() => expect(preview().title).toBe('测试县人民政府办公室公文处理单'));

    await user.click(screen.getByRole('button', { name: '添加栏目' }));
    await user.type(screen.getByLabelText('第 5 栏名称'), '核稿');
    await waitFor(() => expect(preview().labels).toEqual(['拟办意见', '领导批示', '办理结果', '传阅', '核稿']));

    // 传阅 off the slip; 核稿 up by its button, then 领导批示 up by the keyboard.
    await user.click(within(row('传阅')).getByRole('button', { name: '删除 传阅' }));
    await user.click(within(row('核稿')).getByRole('button', { name: '上移 核稿' }));
    await waitFor(() => expect(preview().labels).toEqual(['拟办意见', '领导批示', '核稿', '办理结果']));
    // The moved row's button keeps the focus.
    expect(document.activeElement).toBe(within(row('核稿')).getByRole('button', { name: '上移 核稿' }));
    fireEvent.keyDown(within(row('领导批示')).getByLabelText('领导批示高度'), { key: 'ArrowUp', altKey: true });
    await waitFor(() => expect(preview().labels).toEqual(['领导批示', '拟办意见', '核稿', '办理结果']));
    expect(screen.getByRole('button', { name: '恢复“传阅”栏' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(async () =>
      expect(await getSlipLayout(db)).toEqual({
        title: '{单位名称}公文处理单',
        rows: [
          { kind: 'instruction', lines: 4 },
          { kind: 'proposal', lines: 3 },
          { kind: 'extra', label: '核稿', lines: 2 },
          { kind: 'handling', lines: 3 },
        ],
      }),
    );
  });

  test('a bad label gets its message beside it, too many lines beside the rows; nothing is saved', async () => {
    const { db, clerk } = await officeCopy();
    const user = await openPrintTab(db, clerk);
    const audits = await db.auditLog.count();
    await user.click(screen.getByRole('button', { name: '添加栏目' }));
    const label = screen.getByLabelText('第 5 栏名称');
    await user.type(label, '办公室负责人核稿意见');
    await user.click(screen.getByRole('button', { name: '保存' }));
    const item = label.closest('.ant-form-item')!;
    await waitFor(() => expect(within(item as HTMLElement).getByRole('alert')).toHaveTextContent('栏目名称不能超过 8 个字'));
    expect(label).toHaveAttribute('aria-invalid', 'true');

    await user.clear(label);
    await user.type(label, '核稿');
    // The row takes its new name on the next render (slow under load: waited for, not assumed).
    const lines = await waitFor(() => within(row('核稿')).getByLabelText('核稿高度'));
    await user.clear(lines);
    await user.type(lines, '8');
    // The total is shown as it is typed, and refused on saving beside the rows.
    await waitFor(() => expect(screen.getByText('合计 20 行，一页最多 15 行')).toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(within(rowsList()).getByRole('alert')).toHaveTextContent('各栏高度合计 20 行，一页 A4 最多排 15 行'));

    expect(await getSlipLayout(db)).toEqual(DEFAULT_SLIP_LAYOUT);
    expect(await db.auditLog.count()).toBe(audits);
  });
});
