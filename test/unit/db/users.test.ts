import { describe, expect, test } from 'vitest';
import { approveAccountRequest, requestNewAccount, requestPasswordReset, requestRoleChange } from '../../../renderer/db/repositories/account-requests';
import * as users from '../../../renderer/db/repositories/users';
import { login } from '../../../renderer/db/repositories/auth';
import { saveDepartment, saveUnitInfo } from '../../../renderer/db/repositories/settings';
import { PermissionError } from '../../../shared/domain/permissions';
import { addUser, freshDb, passwordOf, securityOfficer, setUpOffice } from './helpers';

const toActorOf = users.toActor;

describe('user management (设置 → 用户管理)', () => {
  test('only the 系统管理员 may manage users — checked in the repository, not just the UI', async () => {
    const db = freshDb();
    const admin = await setUpOffice(db);
    const clerk = await addUser(db, admin, 'clerk', ['秘书']);
    const auditor = await addUser(db, admin, 'auditor', ['安全审计员']);
    for (const actor of [clerk, auditor]) {
      await expect(users.createUser(db, actor, { username: 'x1', displayName: 'x', password: 'Lanting#2026', roles: ['工作人员'] })).rejects.toBeInstanceOf(PermissionError);
      await expect(users.listUsers(db, actor)).rejects.toBeInstanceOf(PermissionError);
      await expect(requestNewAccount(db, actor, { username: 'x2', displayName: 'x', roles: ['工作人员'] })).rejects.toBeInstanceOf(PermissionError);
      await expect(requestPasswordReset(db, actor, admin.id)).rejects.toBeInstanceOf(PermissionError);
      await expect(users.setUserDisabled(db, actor, admin.id, true)).rejects.toBeInstanceOf(PermissionError);
      await expect(saveUnitInfo(db, actor, { name: '改', fondsCode: 'Z1' })).rejects.toBeInstanceOf(PermissionError);
    }
    // admin, the 保密员 of 初始配置, clerk, auditor
    expect(await db.users.count()).toBe(4);
  });

  test('the repository trusts the stored account, not the actor object it is handed', async () => {
    const db = freshDb();
    const admin = await setUpOffice(db);
    const clerk = await addUser(db, admin, 'clerk', ['秘书']);
    // A made-up actor claiming a role it does not have, and a real one claiming extra roles.
    await expect(users.listUsers(db, { id: 'nobody', username: 'x', displayName: 'x', roles: ['系统管理员'] })).rejects.toThrow('请重新登录');
    await expect(users.listUsers(db, { ...clerk, roles: ['系统管理员'] })).rejects.toBeInstanceOf(PermissionError);
    // A disabled administrator can do nothing, even with an actor object from before.
    const second = await addUser(db, admin, 'admin2', ['系统管理员']);
    await users.setUserDisabled(db, second, admin.id, true);
    await expect(saveUnitInfo(db, admin, { name: '被停用的人改的', fondsCode: 'Z1' })).rejects.toThrow('已停用');
    // A user who has not replaced the initial password can do nothing but that.
    const request = await requestNewAccount(db, second, { username: 'newbie', displayName: '新人', roles: ['系统管理员'] });
    const fresh = toActorOf((await approveAccountRequest(db, await securityOfficer(db, second), request.id)).user);
    await expect(users.listUsers(db, fresh)).rejects.toThrow('请先修改初始密码');
    // Whatever name the actor object carries, the log records the account's own.
    await saveDepartment(db, { ...second, username: 'someone-else' }, { code: 'ZZ', name: '测试' });
    expect((await db.auditLog.orderBy('seq').last())!.actorName).toBe('admin2');
  });

  test('the three admin roles can never be combined on one account', async () => {
    const db = freshDb();
    const admin = await setUpOffice(db);
    for (const roles of [
      ['系统管理员', '安全审计员'],
      ['安全保密管理员', '安全审计员'],
      ['系统管理员', '安全保密管理员', '秘书'],
    ] as const) {
      await expect(requestNewAccount(db, admin, { username: 'combo', displayName: 'c', roles: [...roles] })).rejects.toMatchObject({ field: 'roles' });
      await expect(users.createUser(db, admin, { username: 'combo', displayName: 'c', password: 'Lanting#2026', roles: [...roles] })).rejects.toMatchObject({ field: 'roles' });
    }
    const sec = await addUser(db, admin, 'baomi', ['安全保密管理员', '秘书']);
    await expect(requestRoleChange(db, admin, sec.id, ['安全保密管理员', '系统管理员'])).rejects.toMatchObject({ field: 'roles' });
    expect((await db.users.get(sec.id))!.roles).toEqual(['安全保密管理员', '秘书']);
    // Nor may an administrator give themself another role, directly or by request.
    await expect(requestRoleChange(db, admin, admin.id, ['系统管理员'])).rejects.toMatchObject({ field: 'roles', message: '不能修改自己的角色' });
    await expect(users.updateUser(db, admin, admin.id, { roles: ['系统管理员'] } as never)).rejects.toMatchObject({ field: 'roles' });
    expect(await db.accountRequests.count()).toBe(1); // addUser's request for baomi, nothing else
  });

  test('a duplicate user name (any case) is refused beside the field', async () => {
    const db = freshDb();
    const admin = await setUpOffice(db);
    await addUser(db, admin, 'zhang', ['秘书']);
    await expect(requestNewAccount(db, admin, { username: 'ZHANG', displayName: '张', roles: ['秘书'] })).rejects.toMatchObject({
      field: 'username',
      message: '该用户名已被使用',
    });
    // A name already proposed and waiting is refused too.
    await requestNewAccount(db, admin, { username: 'wang', displayName: '王', roles: ['秘书'] });
    await expect(requestNewAccount(db, admin, { username: 'Wang', displayName: '王', roles: ['秘书'] })).rejects.toMatchObject({ field: 'username' });
    expect(await db.users.count()).toBe(3); // admin, the 保密员 of 初始配置, zhang
  });

  test('an approved reset must be changed at next login; the old password stops working', async () => {
    const db = freshDb();
    const admin = await setUpOffice(db);
    const officer = await securityOfficer(db, admin);
    const clerk = await addUser(db, admin, 'clerk', ['秘书']);
    await expect(users.changeOwnPassword(db, clerk, 'wrong-one', 'Zhengshi#2026c')).rejects.toMatchObject({ field: 'currentPassword' });
    const request = await requestPasswordReset(db, admin, clerk.id);
    const { oneTimePassword } = await approveAccountRequest(db, officer, request.id);
    expect((await login(db, 'clerk', passwordOf('clerk'))).ok).toBe(false);
    const r = await login(db, 'clerk', oneTimePassword!);
    expect(r.ok && r.user.mustChangePassword).toBe(true);
  });

  test('nobody is ever hard-deleted; the last 系统管理员 cannot be disabled or demoted', async () => {
    const db = freshDb();
    const admin = await setUpOffice(db);
    expect(Object.keys(users).some((k) => /delete|remove/i.test(k))).toBe(false);
    await expect(users.setUserDisabled(db, admin, admin.id, true)).rejects.toThrow('不能停用自己');
    const second = await addUser(db, admin, 'admin2', ['系统管理员']);
    await users.setUserDisabled(db, second, admin.id, true);
    expect((await db.users.get(admin.id))!.disabled).toBe(true);
    // admin2 is now the only enabled 系统管理员 and cannot disable itself; the disabled one can do nothing.
    await expect(users.setUserDisabled(db, second, second.id, true)).rejects.toThrow('不能停用自己');
    await expect(users.setUserDisabled(db, admin, second.id, true)).rejects.toThrow('已停用');
    expect(await db.users.count()).toBe(3); // admin, the 保密员 of 初始配置, admin2
  });

  test('department codes are unique', async () => {
    const db = freshDb();
    const admin = await setUpOffice(db);
    await saveDepartment(db, admin, { code: 'BGS', name: '办公室' });
    await expect(saveDepartment(db, admin, { code: 'BGS', name: '另一个' })).rejects.toMatchObject({ field: 'code' });
    await expect(saveDepartment(db, admin, { code: 'bgs!', name: '坏代码' })).rejects.toMatchObject({ field: 'code' });
    expect(await db.departments.count()).toBe(1);
  });
});
