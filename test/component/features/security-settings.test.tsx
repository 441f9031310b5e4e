import { configure, render, screen, waitFor } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import { describe, expect, test, vi } from 'vitest';
import { DbProvider } from '../../../renderer/db/DbContext';
import { completeSetup } from '../../../renderer/db/repositories/auth';
import { getPasswordPolicy } from '../../../renderer/db/repositories/settings';
import { toActor } from '../../../renderer/db/repositories/users';
import type { Actor } from '../../../renderer/db/types';
import { SecurityPanel } from '../../../renderer/features/settings/SecurityPanel';
import { DEFAULT_PASSWORD_POLICY } from '../../../shared/domain/password-policy';
import { chooseOption } from '../antd-select';
import { freshDb } from '../render-app';

// The panel alone, as the signed-in 系统管理员 (the sign-in flow has tests of its own).
const signedIn = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock('../../../renderer/ui/session', () => ({ useActor: () => signedIn.actor }));

// 设置 → 安全设置 → 密码策略 as the 系统管理员 uses it: the 密级 picks the floor, a value below it
// is refused beside its field, a stricter one is saved.

configure({ asyncUtilTimeout: 5000 });

describe('安全设置: 密码策略', () => {
  test('the 密级 sets the floor; below it the field says so; stricter is saved', { timeout: 60_000 }, async () => {
    const db = freshDb();
    signedIn.actor = toActor(await completeSetup(db, { unitName: '某县政府办', fondsCode: 'Z109', username: 'admin', password: 'Wenshu#2026x', passwordConfirm: 'Wenshu#2026x' }));
    render(
      <ConfigProvider button={{ autoInsertSpace: false }} theme={{ token: { motion: false } }}>
        <DbProvider db={db}>
          <AntApp>
            <SecurityPanel />
          </AntApp>
        </DbProvider>
      </ConfigProvider>,
    );
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    await waitFor(() => expect(screen.getByLabelText('密码最短位数')).toHaveValue('10'));

    await chooseOption(user, '本机最高密级', '机密');
    // A new level starts from its defaults.
    expect(screen.getByLabelText('密码最短位数')).toHaveValue('12');
    expect(screen.getByLabelText('密码有效期（天）')).toHaveValue('7');

    await user.clear(screen.getByLabelText('密码最短位数'));
    await user.type(screen.getByLabelText('密码最短位数'), '10');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('机密级不得低于 12 位')).toBeVisible();
    expect(await getPasswordPolicy(db)).toEqual(DEFAULT_PASSWORD_POLICY);

    await user.clear(screen.getByLabelText('密码最短位数'));
    await user.type(screen.getByLabelText('密码最短位数'), '14');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(async () => expect(await getPasswordPolicy(db)).toEqual({ level: '机密', minLength: 14, minClasses: 3, expiryDays: 7 }));
    const last = (await db.auditLog.orderBy('seq').last())!;
    expect(last.action).toBe('修改安全设置');
    expect(last.summary).toContain('本机最高密级 机密');
  });
});
