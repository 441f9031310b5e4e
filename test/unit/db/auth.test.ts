import { describe, expect, test } from 'vitest';
import { BAD_CREDENTIALS, completeSetup, login, needsSetup } from '../../../renderer/db/repositories/auth';
import { getUnitInfo } from '../../../renderer/db/repositories/settings';
import { setUserDisabled } from '../../../renderer/db/repositories/users';
import { ADMIN_PASSWORD, addUser, freshDb, passwordOf, setUpOffice } from './helpers';

const valid = { unitName: '某县政府办', fondsCode: 'Z109', username: 'admin', password: ADMIN_PASSWORD, passwordConfirm: ADMIN_PASSWORD };

describe('first-run setup', () => {
  test.each([
    [{ unitName: '  ' }, 'unitName', '请输入单位名称'],
    [{ fondsCode: '' }, 'fondsCode', '请输入全宗号'],
    [{ passwordConfirm: 'Wenshu#2026y' }, 'passwordConfirm', '两次输入的密码不一致'],
    [{ password: 'short', passwordConfirm: 'short' }, 'password', '密码至少 10 位'],
    [{ username: 'admin12345', password: 'ADMIN12345', passwordConfirm: 'ADMIN12345' }, 'password', '密码不能与用户名相同'],
    [{ username: '' }, 'username', '请输入用户名'],
  ])('refuses %o with a message on %s and changes nothing', async (patch, field, message) => {
    const db = freshDb();
    await expect(completeSetup(db, { ...valid, ...patch })).rejects.toMatchObject({ field, message });
    expect(await needsSetup(db)).toBe(true);
    expect(await db.auditLog.count()).toBe(0);
    expect(await getUnitInfo(db)).toBeNull();
  });

  test('creates the unit and one 系统管理员 with an argon2id hash, once', async () => {
    const db = freshDb();
    await completeSetup(db, valid);
    expect(await needsSetup(db)).toBe(false);
    expect(await getUnitInfo(db)).toEqual({ name: '某县政府办', fondsCode: 'Z109' });
    const [admin] = await db.users.toArray();
    expect(admin!.roles).toEqual(['系统管理员']);
    expect(admin!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(admin!.passwordHash).not.toContain(valid.password);
    await expect(completeSetup(db, { ...valid, username: 'admin2' })).rejects.toThrow('已完成初始化');
    expect(await db.users.count()).toBe(1);
  });
});

describe('login', () => {
  test('a wrong password and an unknown user get the same message', async () => {
    const db = freshDb();
    await setUpOffice(db);
    const wrong = await login(db, 'admin', 'not-the-password');
    const unknown = await login(db, 'ghost', 'not-the-password');
    expect(wrong).toEqual({ ok: false, message: BAD_CREDENTIALS });
    expect(unknown).toEqual({ ok: false, message: BAD_CREDENTIALS });
    const ok = await login(db, ' ADMIN ', ADMIN_PASSWORD);
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(ok.user).not.toHaveProperty('passwordHash');
  });

  test('five wrong passwords make the name wait 60 s — existing or not — then it works again', async () => {
    const db = freshDb();
    await setUpOffice(db);
    const t0 = new Date('2026-11-23T09:00:00Z');
    for (const name of ['admin', 'ghost']) {
      for (let i = 0; i < 4; i++) expect((await login(db, name, 'bad-password', t0)).ok).toBe(false);
      const fifth = await login(db, name, 'bad-password', t0);
      expect(fifth).toMatchObject({ ok: false, retryAfterSeconds: 60 });
      if (!fifth.ok) expect(fifth.message).toContain('60 秒后再试');
    }
    // Even the right password is refused while locked, with the same words as for the unknown name.
    const during = await login(db, 'admin', ADMIN_PASSWORD, new Date(t0.getTime() + 30_000));
    const duringGhost = await login(db, 'ghost', ADMIN_PASSWORD, new Date(t0.getTime() + 30_000));
    expect(during).toEqual({ ok: false, message: '连续输错密码 5 次，请 30 秒后再试', retryAfterSeconds: 30 });
    expect(duringGhost).toEqual(during);
    const after = await login(db, 'admin', ADMIN_PASSWORD, new Date(t0.getTime() + 61_000));
    expect(after.ok).toBe(true);
  });

  test('a success clears the failure count', async () => {
    const db = freshDb();
    await setUpOffice(db);
    for (let i = 0; i < 4; i++) await login(db, 'admin', 'bad-password');
    expect((await login(db, 'admin', ADMIN_PASSWORD)).ok).toBe(true);
    for (let i = 0; i < 4; i++) expect(await login(db, 'admin', 'bad-password')).toEqual({ ok: false, message: BAD_CREDENTIALS });
  });

  test('a disabled account cannot sign in, and the message reveals nothing', async () => {
    const db = freshDb();
    const admin = await setUpOffice(db);
    const clerk = await addUser(db, admin, 'clerk', ['秘书']);
    await setUserDisabled(db, admin, clerk.id, true);
    expect(await login(db, 'clerk', passwordOf('clerk'))).toEqual({ ok: false, message: BAD_CREDENTIALS });
  });

  test('every attempt is in the audit log', async () => {
    const db = freshDb();
    await setUpOffice(db);
    await login(db, 'ghost', 'whatever1');
    await login(db, 'admin', ADMIN_PASSWORD);
    const entries = await db.auditLog.orderBy('seq').toArray();
    expect(entries.slice(-2).map((e) => `${e.actorName}:${e.action}`)).toEqual(['（未登录）:登录失败', 'admin:登录']);
    // What was typed into 用户名 (it might be a password) is never stored.
    expect(JSON.stringify(entries)).not.toContain('ghost');
  });

  test('parallel wrong attempts are all counted: the lockout cannot be raced', async () => {
    const db = freshDb();
    await setUpOffice(db);
    const t0 = new Date('2026-11-23T09:00:00Z');
    const results = await Promise.all(Array.from({ length: 12 }, () => login(db, 'admin', 'bad-password', t0)));
    expect(results.some((r) => !r.ok && r.retryAfterSeconds === 60)).toBe(true);
    expect((await login(db, 'admin', ADMIN_PASSWORD, new Date(t0.getTime() + 1000))).ok).toBe(false);
  });

  test('attempts during a lockout are logged too', async () => {
    const db = freshDb();
    await setUpOffice(db);
    const t0 = new Date('2026-11-23T09:00:00Z');
    for (let i = 0; i < 5; i++) await login(db, 'admin', 'bad-password', t0);
    await login(db, 'admin', ADMIN_PASSWORD, new Date(t0.getTime() + 5000));
    const last = (await db.auditLog.orderBy('seq').last())!;
    expect(last).toMatchObject({ actorName: 'admin', action: '登录被拒' });
  });

  test('a name typed in full-width (IME) is the same account', async () => {
    const db = freshDb();
    await setUpOffice(db);
    expect((await login(db, 'ａｄｍｉｎ', ADMIN_PASSWORD)).ok).toBe(true);
  });
});
