import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { completeSetup, needsSetup } from '../../../renderer/db/repositories/auth';
import { renderApp, freshDb } from '../render-app';

describe('first-run setup page', () => {
  test('shows each problem beside its field and creates nothing', async () => {
    const { db } = renderApp();
    const user = userEvent.setup();
    await screen.findByRole('button', { name: '完成设置' });
    await user.click(screen.getByRole('button', { name: '完成设置' }));
    expect(await screen.findByText('请输入单位名称')).toBeVisible();
    expect(screen.getByText('请输入全宗号')).toBeVisible();
    expect(screen.getByText('请输入用户名')).toBeVisible();

    await user.type(screen.getByLabelText('单位名称'), '某县政府办');
    await user.type(screen.getByLabelText('全宗号'), 'Z109');
    await user.type(screen.getByLabelText('用户名'), 'admin');
    await user.type(screen.getByLabelText('密码'), 'Wenshu#2026');
    await user.type(screen.getByLabelText('确认密码'), 'Admin#2027');
    await user.click(screen.getByRole('button', { name: '完成设置' }));
    expect(await screen.findByText('两次输入的密码不一致')).toBeVisible();
    expect(await needsSetup(db)).toBe(true);
    expect(await db.auditLog.count()).toBe(0);

    await user.clear(screen.getByLabelText('确认密码'));
    await user.type(screen.getByLabelText('确认密码'), 'Wenshu#2026');
    await user.click(screen.getByRole('button', { name: '完成设置' }));
    expect(await screen.findByRole('button', { name: '登录' }, { timeout: 5000 })).toBeVisible();
    expect(await needsSetup(db)).toBe(false);
  });
});

describe('login page', () => {
  test('a wrong password shows the neutral message; the right one opens 工作台', async () => {
    const db = freshDb();
    await completeSetup(db, { unitName: '某县政府办', fondsCode: 'Z109', username: 'admin', password: 'Wenshu#2026', passwordConfirm: 'Wenshu#2026' });
    renderApp(db);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('用户名'), 'admin');
    await user.type(screen.getByLabelText('密码'), 'wrong-pass');
    await user.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('用户名或密码错误');
    expect(screen.getByLabelText('密码')).toHaveValue('');
    await user.type(screen.getByLabelText('密码'), 'Wenshu#2026');
    await user.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByRole('heading', { name: '工作台' }, { timeout: 5000 })).toBeVisible();
    await waitFor(() => expect(screen.getByText('审计日志条数')).toBeVisible());
  });
});
