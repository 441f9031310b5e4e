import { describe, expect, test } from 'vitest';
import {
  approveAccountRequest,
  listAccountRequests,
  rejectAccountRequest,
  requestEnable,
  requestNewAccount,
  requestPasswordReset,
  requestRoleChange,
  withdrawAccountRequest,
} from '../../../renderer/db/repositories/account-requests';
import { login } from '../../../renderer/db/repositories/auth';
import { listCarriers } from '../../../renderer/db/repositories/carriers';
import { listArchive } from '../../../renderer/db/repositories/filing';
import { getIncoming, listIncoming, registerIncoming } from '../../../renderer/db/repositories/incoming';
import { listMeetings } from '../../../renderer/db/repositories/meetings';
import { listTasks } from '../../../renderer/db/repositories/supervision';
import { changeOwnPassword, createUser, setUserDisabled, toActor } from '../../../renderer/db/repositories/users';
import type { WenshuDB } from '../../../renderer/db/database';
import type { Actor } from '../../../renderer/db/types';
import { generateOneTimePassword } from '../../../shared/domain/account-approval';
import { passwordProblem } from '../../../shared/domain/password-policy';
import { PermissionError } from '../../../shared/domain/permissions';
import type { Registration } from '../../../shared/domain/incoming-types';
import { addUser, freshDb, passwordOf, securityOfficer, setUpOffice, staffedOffice } from './helpers';

// Attack C of issue #12: the 系统管理员 must not reach a business account's records by resetting
// its password, creating an account or changing roles. Each test is the attack, then the rule.

const TODAY = '2026-11-25';

const registration: Registration = {
  receivedDate: '2026-11-20',
  fromUnit: '县保密局',
  docNumber: '县保发〔2026〕9号',
  title: '关于机密事项的请示',
  docType: '请示',
  classification: '机密',
  copyNumber: '3',
  copies: 1,
  pages: 3,
  urgency: '普通',
  signedBy: '张秘书',
  handling: '办件',
};

async function auditText(db: WenshuDB): Promise<string> {
  return JSON.stringify(await db.auditLog.toArray());
}

/** What a business user's first screen would read: every one must wait for the new password. */
function readsOfBusinessUser(db: WenshuDB, user: Actor, incomingId: string): Promise<unknown>[] {
  return [
    listIncoming(db, user, { offset: 0, limit: 10 }, TODAY),
    listIncoming(db, user, { search: '机密', offset: 0, limit: 10 }, TODAY),
    getIncoming(db, user, incomingId),
    listCarriers(db, user, { offset: 0, limit: 10 }, TODAY),
    listMeetings(db, user, TODAY),
    listTasks(db, user, {}, TODAY),
    listArchive(db, user, 2026),
  ];
}

describe('三员分立: account changes by the 系统管理员 wait for the 安全保密管理员', () => {
  test('attack C by reset: until approval the old password works and no new one exists; then only the one-time password, which must be changed before any record', async () => {
    const { db, admin, officer, clerk } = await staffedOffice();
    const doc = await registerIncoming(db, clerk, registration);
    const before = (await db.users.get(clerk.id))!;

    // The 系统管理员 asks for a reset: he is given no password, and nothing changes on the account.
    const request = await requestPasswordReset(db, admin, clerk.id);
    expect(request).toMatchObject({ kind: '重置密码', state: '待审批', userId: clerk.id, requestedById: admin.id });
    expect(JSON.stringify(request)).not.toMatch(/password/i);
    const pending = (await db.users.get(clerk.id))!;
    expect(pending.passwordHash).toBe(before.passwordHash);
    expect(pending.mustChangePassword).toBe(false);
    expect((await login(db, 'clerk', passwordOf('clerk'))).ok).toBe(true);

    // He cannot approve it himself (no role of his may), nor can the 秘书, nor can he ask twice.
    await expect(approveAccountRequest(db, admin, request.id)).rejects.toBeInstanceOf(PermissionError);
    await expect(approveAccountRequest(db, clerk, request.id)).rejects.toBeInstanceOf(PermissionError);
    await expect(requestPasswordReset(db, admin, clerk.id)).rejects.toThrow('已有待审批的重置密码申请');

    // The 保密员 approves: a one-time password, shown to the approver only.
    const approved = await approveAccountRequest(db, officer, request.id);
    const once = approved.oneTimePassword!;
    expect(once).toMatch(/^[A-HJ-NP-Za-km-np-z2-9]{4}(-[A-HJ-NP-Za-km-np-z2-9]{4}){2,}$/);
    expect(passwordProblem('clerk', once)).toBeNull();
    expect(approved.request).toMatchObject({ state: '已批准', decidedById: officer.id });
    await expect(approveAccountRequest(db, officer, request.id)).rejects.toThrow('该申请已处理');

    expect((await login(db, 'clerk', passwordOf('clerk'))).ok).toBe(false);
    expect((await login(db, 'clerk', 'Anything#2026x')).ok).toBe(false);
    const signedIn = await login(db, 'clerk', once);
    expect(signedIn.ok && signedIn.user.mustChangePassword).toBe(true);

    // Whoever holds the one-time password reads nothing until it is replaced.
    for (const read of readsOfBusinessUser(db, clerk, doc.id)) await expect(read).rejects.toThrow('请先修改初始密码');
    await changeOwnPassword(db, clerk, once, 'Xinmima#2026q');
    expect((await listIncoming(db, clerk, { offset: 0, limit: 10 }, TODAY)).rows.map((r) => r.id)).toEqual([doc.id]);

    // Every step is in the log; the password itself never is.
    const log = await db.auditLog.orderBy('seq').toArray();
    const actions = log.map((e) => `${e.actorName}:${e.action}`);
    expect(actions).toEqual(expect.arrayContaining(['admin:申请重置密码', 'anquan:批准账户申请', 'anquan:重置密码', 'anquan:发放一次性初始密码', 'clerk:修改密码']));
    expect(await auditText(db)).not.toContain(once);
  });

  test('attack C by a new account: nothing exists to sign in to before approval; after it, only the one-time password, to be changed', async () => {
    const db = freshDb();
    const admin = await setUpOffice(db);
    const officer = await securityOfficer(db, admin);
    const request = await requestNewAccount(db, admin, { username: 'mishu2', displayName: '新秘书', roles: ['秘书'] });
    expect(await db.users.where('usernameKey').equals('mishu2').count()).toBe(0);
    for (const guess of ['Mishu2#2026x', 'Wenshu#2026x', generateOneTimePassword()]) expect((await login(db, 'mishu2', guess)).ok).toBe(false);
    // 初始配置 is over (a 保密员 exists): he cannot create it directly either, whatever the roles.
    await expect(createUser(db, admin, { username: 'mishu3', displayName: '秘书', password: 'Chushi#2026a', roles: ['秘书'] })).rejects.toThrow('须提交安全保密管理员审批');
    await expect(createUser(db, admin, { username: 'shenji2', displayName: '审计', password: 'Chushi#2026a', roles: ['安全审计员'] })).rejects.toThrow('已有安全保密管理员');

    const { oneTimePassword, user } = await approveAccountRequest(db, officer, request.id);
    expect(user).toMatchObject({ id: request.userId, username: 'mishu2', roles: ['秘书'], mustChangePassword: true });
    const r = await login(db, 'mishu2', oneTimePassword!);
    expect(r.ok && r.user.mustChangePassword).toBe(true);
    await expect(listIncoming(db, toActor(user), { offset: 0, limit: 10 }, TODAY)).rejects.toThrow('请先修改初始密码');
    expect(await auditText(db)).not.toContain(oneTimePassword!);
  });

  test('a role change does not take effect before approval; a rejection needs a reason and changes nothing', async () => {
    const { db, admin, officer, reader } = await staffedOffice();
    const request = await requestRoleChange(db, admin, reader.id, ['秘书']);
    expect((await db.users.get(reader.id))!.roles).toEqual(['工作人员']);
    await expect(registerIncoming(db, reader, registration)).rejects.toBeInstanceOf(PermissionError);

    await expect(rejectAccountRequest(db, officer, request.id, '  ')).rejects.toMatchObject({ field: 'reason' });
    await rejectAccountRequest(db, officer, request.id, '未见科室申请');
    expect((await db.users.get(reader.id))!.roles).toEqual(['工作人员']);
    expect((await db.accountRequests.get(request.id))!).toMatchObject({ state: '已驳回', reason: '未见科室申请' });

    const again = await requestRoleChange(db, admin, reader.id, ['秘书']);
    const result = await approveAccountRequest(db, officer, again.id);
    expect(result.oneTimePassword).toBeUndefined();
    expect((await db.users.get(reader.id))!.roles).toEqual(['秘书']);
    expect((await db.auditLog.orderBy('seq').toArray()).map((e) => e.action)).toEqual(
      expect.arrayContaining(['申请修改角色', '驳回账户申请', '批准账户申请', '修改用户']),
    );
  });

  test('停用 is at once, 启用 waits; the last enabled 保密员 cannot be disabled', async () => {
    const { db, admin, officer, outsider } = await staffedOffice();
    await setUserDisabled(db, admin, outsider.id, true);
    await expect(listIncoming(db, outsider, { offset: 0, limit: 10 }, TODAY)).rejects.toThrow('已停用');
    await expect(setUserDisabled(db, admin, outsider.id, false)).rejects.toThrow('须提交安全保密管理员审批');
    const enable = await requestEnable(db, admin, outsider.id);
    expect((await db.users.get(outsider.id))!.disabled).toBe(true);
    await approveAccountRequest(db, officer, enable.id);
    expect((await login(db, 'outsider', passwordOf('outsider'))).ok).toBe(true);

    await expect(setUserDisabled(db, admin, officer.id, true)).rejects.toThrow('唯一启用的安全保密管理员');
    const second = await addUser(db, admin, 'baomi2', ['安全保密管理员']);
    await setUserDisabled(db, admin, officer.id, true);
    await expect(setUserDisabled(db, admin, second.id, true)).rejects.toThrow('唯一启用的安全保密管理员');
    // Nor may the last one lose the role by a role change.
    await expect(requestRoleChange(db, admin, second.id, ['秘书'])).rejects.toThrow('唯一启用的安全保密管理员');
  });

  test('a request about a 保密员 is decided by another 保密员, or by the 安全审计员 when there is none; nobody decides their own', async () => {
    const { db, admin, officer, clerk } = await staffedOffice();
    const auditor = await addUser(db, admin, 'shenji', ['安全审计员']);

    // The only 保密员's reset: not by himself, not by the 秘书; by the 审计员.
    const own = await requestPasswordReset(db, admin, officer.id);
    await expect(approveAccountRequest(db, officer, own.id)).rejects.toThrow('不能审批涉及本人账户的申请');
    await expect(approveAccountRequest(db, clerk, own.id)).rejects.toBeInstanceOf(PermissionError);
    expect((await listAccountRequests(db, auditor)).find((r) => r.id === own.id)?.blockedBy).toBeNull();
    const { oneTimePassword } = await approveAccountRequest(db, auditor, own.id);
    expect((await login(db, 'anquan', oneTimePassword!)).ok).toBe(true);
    await changeOwnPassword(db, officer, oneTimePassword!, 'Baomi#Xin2026');

    // The 审计员 decides nothing else, nor a 保密员 request once another 保密员 exists.
    const clerkReset = await requestPasswordReset(db, admin, clerk.id);
    await expect(approveAccountRequest(db, auditor, clerkReset.id)).rejects.toThrow('此申请由安全保密管理员审批');
    await addUser(db, admin, 'baomi2', ['安全保密管理员']);
    const again = await requestPasswordReset(db, admin, officer.id);
    await expect(approveAccountRequest(db, auditor, again.id)).rejects.toThrow('由其他安全保密管理员审批');
    await expect(rejectAccountRequest(db, auditor, again.id, '不该由我')).rejects.toThrow('由其他安全保密管理员审批');
    // The 系统管理员 may list the requests (to see what waits) and withdraw his own.
    expect((await listAccountRequests(db, admin)).filter((r) => r.state === '待审批').map((r) => r.id).sort()).toEqual([clerkReset.id, again.id].sort());
    await withdrawAccountRequest(db, admin, again.id);
    expect((await db.accountRequests.get(again.id))!.state).toBe('已撤回');
    await expect(listAccountRequests(db, clerk)).rejects.toBeInstanceOf(PermissionError);
    await expect(requestPasswordReset(db, admin, admin.id)).rejects.toThrow('修改自己的密码');
  });

  test('初始配置: the first 保密员 and 审计员 only, directly and audited as such; business accounts never', async () => {
    const db = freshDb();
    const admin = await setUpOffice(db);
    await expect(createUser(db, admin, { username: 'mishu', displayName: '秘书', password: 'Chushi#2026a', roles: ['秘书'] })).rejects.toThrow('须提交安全保密管理员审批');
    await expect(createUser(db, admin, { username: 'bm', displayName: '保密', password: 'Chushi#2026a', roles: ['安全保密管理员', '秘书'] })).rejects.toThrow('须提交安全保密管理员审批');
    const auditor = await createUser(db, admin, { username: 'shenji', displayName: '审计员', password: 'Chushi#2026a', roles: ['安全审计员'] });
    const officer = await createUser(db, admin, { username: 'baomi', displayName: '保密员', password: 'Chushi#2026b', roles: ['安全保密管理员'] });
    expect([auditor.mustChangePassword, officer.mustChangePassword]).toEqual([true, true]);
    await expect(createUser(db, admin, { username: 'baomi2', displayName: '保密员', password: 'Chushi#2026c', roles: ['安全保密管理员'] })).rejects.toThrow('已有安全保密管理员');
    const entries = (await db.auditLog.orderBy('seq').toArray()).filter((e) => e.action === '初始配置');
    expect(entries.map((e) => e.summary)).toEqual([expect.stringContaining('shenji'), expect.stringContaining('baomi')]);
    expect(await auditText(db)).not.toContain('Chushi#2026');
  });
});
