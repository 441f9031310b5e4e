import { describe, expect, test } from 'vitest';
import { completeSetup, login } from '../../../renderer/db/repositories/auth';
import { getPasswordPolicy, saveSecuritySettings } from '../../../renderer/db/repositories/settings';
import { changeOwnPassword } from '../../../renderer/db/repositories/users';
import { DEFAULT_PASSWORD_POLICY, PASSWORD_REUSE_MESSAGE } from '../../../shared/domain/password-policy';
import { addUser, freshDb, passwordOf, setUpOffice } from './helpers';

const DAY = 86_400_000;

async function officeWithClerk() {
  const db = freshDb();
  const admin = await setUpOffice(db);
  const clerk = await addUser(db, admin, 'clerk', ['秘书']);
  return { db, admin, clerk };
}

async function lastAudit(db: Awaited<ReturnType<typeof officeWithClerk>>['db'], n: number) {
  return (await db.auditLog.orderBy('seq').toArray()).slice(-n).map((e) => `${e.action}：${e.summary}`);
}

describe('password policy in the repositories (issue 12, item 5)', () => {
  test('attack E: 12345678, aaaaaaaa and password are refused at setup, beside 密码', async () => {
    for (const password of ['12345678', 'aaaaaaaa', 'password', 'password12', 'Admin#2026x']) {
      const db = freshDb();
      await expect(completeSetup(db, { unitName: '某县政府办', fondsCode: 'Z109', username: 'admin', password, passwordConfirm: password })).rejects.toMatchObject({
        field: 'password',
      });
      expect(await db.users.count()).toBe(0);
    }
  });

  test('no reuse of the last 5 passwords (the current one included); the 6th most recent is allowed again', { timeout: 120_000 }, async () => {
    const { db, clerk } = await officeWithClerk();
    const sixth = passwordOf('clerk');
    const last5 = ['Lanting#2026a', 'Lanting#2026b', 'Lanting#2026c', 'Lanting#2026d', 'Lanting#2026e'];
    let current = sixth;
    for (const next of last5) {
      await changeOwnPassword(db, clerk, current, next);
      current = next;
    }
    const stored = (await db.users.get(clerk.id))!;
    expect(stored.passwordHistory).toHaveLength(4);
    for (const h of stored.passwordHistory!) expect(h).toMatch(/^\$argon2id\$/);
    for (const old of last5.slice(0, -1)) {
      await expect(changeOwnPassword(db, clerk, current, old)).rejects.toMatchObject({ field: 'newPassword', message: PASSWORD_REUSE_MESSAGE });
    }
    await expect(changeOwnPassword(db, clerk, current, current)).rejects.toMatchObject({ field: 'newPassword' });
    expect(PASSWORD_REUSE_MESSAGE).toBe('不能使用最近 5 次用过的密码');
    await changeOwnPassword(db, clerk, current, sixth);
    expect((await login(db, 'clerk', sixth)).ok).toBe(true);
  });

  test('the stored policy applies to every new password; its floor cannot be lowered', async () => {
    const { db, admin, clerk } = await officeWithClerk();
    expect(await getPasswordPolicy(db)).toEqual(DEFAULT_PASSWORD_POLICY);
    await expect(
      saveSecuritySettings(db, admin, { idleLockMinutes: 10, passwordPolicy: { level: '秘密', minLength: 8, minClasses: 3, expiryDays: 30 } }),
    ).rejects.toMatchObject({ field: 'passwordPolicy.minLength', message: '秘密级不得低于 10 位' });
    await expect(
      saveSecuritySettings(db, admin, { idleLockMinutes: 10, passwordPolicy: { level: '机密', minLength: 12, minClasses: 3, expiryDays: 0 } }),
    ).rejects.toMatchObject({ field: 'passwordPolicy.expiryDays' });
    expect(await getPasswordPolicy(db)).toEqual(DEFAULT_PASSWORD_POLICY);
    await saveSecuritySettings(db, admin, { idleLockMinutes: 10, passwordPolicy: { level: '机密', minLength: 14, minClasses: 3, expiryDays: 7 } });
    expect(await lastAudit(db, 1)).toEqual(['修改安全设置：空闲锁定：10 分钟；密码策略（本机最高密级 机密）：至少 14 位、3 类字符，7 天更换']);
    await expect(changeOwnPassword(db, clerk, passwordOf('clerk'), 'Lanting#2026x')).rejects.toMatchObject({ field: 'newPassword', message: '密码至少 14 位' });
    await expect(changeOwnPassword(db, clerk, passwordOf('clerk'), 'lantingxu1234567')).rejects.toMatchObject({ field: 'newPassword' });
    await changeOwnPassword(db, clerk, passwordOf('clerk'), 'Lanting#2026xyz');
  });

  test('a password the policy now refuses must be changed at sign-in, and the log says why', { timeout: 60_000 }, async () => {
    const { db, admin, clerk } = await officeWithClerk();
    await saveSecuritySettings(db, admin, { idleLockMinutes: 10, passwordPolicy: { ...DEFAULT_PASSWORD_POLICY, minLength: 16 } });
    const r = await login(db, 'clerk', passwordOf('clerk'));
    const reason = '密码不符合本单位的密码策略（密码至少 16 位）';
    expect(r).toMatchObject({ ok: true, user: { mustChangePassword: true, mustChangeReason: reason } });
    expect((await db.users.get(clerk.id))!).toMatchObject({ mustChangePassword: true, mustChangeReason: reason });
    expect(await lastAudit(db, 2)).toEqual(['登录：clerk 登录成功', `要求修改密码：clerk：${reason}`]);
    // Replacing it lifts the requirement; the change is logged with its cause.
    await changeOwnPassword(db, clerk, passwordOf('clerk'), 'Lanting#2026-xuzhou');
    const after = (await db.users.get(clerk.id))!;
    expect(after.mustChangePassword).toBe(false);
    expect(after).not.toHaveProperty('mustChangeReason');
    expect((await db.auditLog.orderBy('seq').toArray()).map((e) => e.summary)).toContain(`clerk（按要求修改：${reason}）`);
    expect(await login(db, 'clerk', 'Lanting#2026-xuzhou')).toMatchObject({ ok: true, user: { mustChangePassword: false } });
  });

  test('an expired password must be changed at sign-in', { timeout: 60_000 }, async () => {
    const { db, clerk } = await officeWithClerk();
    const changedAt = new Date((await db.users.get(clerk.id))!.passwordChangedAt!);
    const early = await login(db, 'clerk', passwordOf('clerk'), new Date(changedAt.getTime() + 89 * DAY));
    expect(early).toMatchObject({ ok: true, user: { mustChangePassword: false } });
    const late = await login(db, 'clerk', passwordOf('clerk'), new Date(changedAt.getTime() + 90 * DAY));
    expect(late).toMatchObject({ ok: true, user: { mustChangePassword: true, mustChangeReason: '密码已使用超过 90 天，须定期更换' } });
    expect(await lastAudit(db, 1)).toEqual(['要求修改密码：clerk：密码已使用超过 90 天，须定期更换']);
  });
});
