import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import type { AccountRequest } from '@shared/domain/account-approval';
import type { Role } from '@shared/domain/permissions';
import { accountAdminView, changeServerPassword, type ServerApproval } from '../../../electron/server/account-admin';
import { addAccount, addSeat, authenticate, signIn, type SeatCredentials } from '../../../electron/server/accounts';
import { verifyServerAudit } from '../../../electron/server/audit';
import { SERVER_COMMANDS } from '../../../electron/server/commands';
import { runServerCommand, type CommandReply } from '../../../electron/server/pipeline';
import { initSchema } from '../../../electron/server/schema';
import { clusterForFile } from '../../fixtures/pg-pools';

// The office's accounts on the LAN server under 三员分立 with dual control (issue #19), against a
// real throwaway PostgreSQL: the 系统管理员 proposes, the 安全保密管理员 approves, and a password
// an approval generates opens nothing until its owner replaces it.

const NOW = new Date('2026-12-07T02:00:00Z');
const PW = (login: string) => `${login}-密码-2026`;

const { newPool } = clusterForFile();

async function office() {
  const pool = await newPool(8);
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const seat: Record<string, SeatCredentials> = {};
  const c = await pool.connect();
  try {
    await initSchema(c);
    const people: [string, string, Role[]][] = [
      ['admin', '系统管理员', ['系统管理员']],
      ['secrecy', '保密员', ['安全保密管理员']],
      ['auditor', '审计员', ['安全审计员']],
      ['clerk', '张秘书', ['秘书']],
    ];
    for (const [login, name, roles] of people) {
      ids[login] = await addAccount(c, { login, displayName: name, roles, password: PW(login) });
      seat[login] = await addSeat(c, `${name}的电脑`);
      tokens[login] = (await signIn(c, seat[login]!, login, PW(login))).token;
    }
  } finally {
    c.release();
  }
  const send = (who: string, name: string, input: unknown, clientId: string = randomUUID()) => runServerCommand(pool, tokens[who]!, { clientId, name, input }, SERVER_COMMANDS, NOW);
  const q = async (sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows;
  return { pool, tokens, ids, seat, send, q };
}

function result<R>(reply: CommandReply): R {
  if (!reply.ok) throw new Error(`refused: ${reply.message}`);
  return reply.result as R;
}

describe('LAN server: accounts under dual control', () => {
  test('a new account exists only once the 保密员 approves; its one-time password opens nothing until its owner replaces it', async () => {
    const { pool, send, q } = await office();
    const proposed = result<AccountRequest>(await send('admin', 'accounts.request', { kind: '新建账户', username: 'zhao', displayName: '赵科员', roles: ['工作人员'] }));
    expect(proposed).toMatchObject({ kind: '新建账户', state: '待审批', username: 'zhao', roles: ['工作人员'], requestedByName: '系统管理员' });
    expect(await q(`SELECT 1 FROM accounts WHERE login = 'zhao'`)).toEqual([]);
    // Nobody approves their own proposal, a 秘书 cannot, the 审计员 only for a 保密员 account.
    expect(await send('admin', 'accounts.approve', { requestId: proposed.id })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await send('clerk', 'accounts.approve', { requestId: proposed.id })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await send('auditor', 'accounts.approve', { requestId: proposed.id })).toMatchObject({ ok: false, message: '此申请由安全保密管理员审批' });
    // The same login twice waits for one decision.
    expect(await send('admin', 'accounts.request', { kind: '新建账户', username: 'ZHAO', displayName: '赵二', roles: ['工作人员'] })).toMatchObject({ ok: false, field: 'username', message: '该用户名已有待审批的新建申请' });

    const clientId = randomUUID();
    const approved = result<ServerApproval>(await send('secrecy', 'accounts.approve', { requestId: proposed.id }, clientId));
    expect(approved.request).toMatchObject({ state: '已批准', decidedByName: '保密员' });
    expect(approved.oneTimePassword).toMatch(/^[A-HJ-NP-Za-km-z2-9]{4}(-[A-HJ-NP-Za-km-z2-9]{4}){2,}$/);
    const otp = approved.oneTimePassword!;
    // The password is kept nowhere in the clear: not in the replay's answer, not in any table.
    const replay = await send('secrecy', 'accounts.approve', { requestId: proposed.id }, clientId);
    expect(replay).toMatchObject({ ok: true, replayed: true });
    expect(JSON.stringify(replay)).not.toContain(otp);
    const dump = JSON.stringify(await q(`SELECT (SELECT json_agg(c) FROM commands c) AS c, (SELECT json_agg(a) FROM audit_log a) AS a, (SELECT json_agg(r) FROM account_requests r) AS r, (SELECT json_agg(x) FROM accounts x) AS x`));
    expect(dump).not.toContain(otp);
    expect(await q(`SELECT display_name, roles, must_change_password FROM accounts WHERE login = 'zhao'`)).toEqual([{ display_name: '赵科员', roles: ['工作人员'], must_change_password: true }]);

    // Signed in with it: the session opens nothing (no pull, no command) until the password is changed.
    const c = await pool.connect();
    try {
      const zhaoSeat = await addSeat(c, '赵科员的电脑');
      const first = await signIn(c, zhaoSeat, 'zhao', otp);
      expect(first.mustChangePassword).toBe(true);
      await expect(authenticate(c, first.token)).rejects.toThrow(/须先修改初始密码/);
      // A weak new one or the wrong current one is refused beside its field, changing nothing.
      await expect(changeServerPassword(c, zhaoSeat, { login: 'zhao', currentPassword: otp, newPassword: '12345678' })).rejects.toMatchObject({ field: 'newPassword' });
      await expect(changeServerPassword(c, zhaoSeat, { login: 'zhao', currentPassword: 'wrong', newPassword: 'Xin#Mima-2026a' })).rejects.toMatchObject({ field: 'currentPassword' });
      // Not from a seat the server does not know.
      await expect(changeServerPassword(c, { id: zhaoSeat.id, secret: 'x'.repeat(43) }, { login: 'zhao', currentPassword: otp, newPassword: 'Xin#Mima-2026a' })).rejects.toMatchObject({ field: 'currentPassword' });
      await changeServerPassword(c, zhaoSeat, { login: 'zhao', currentPassword: otp, newPassword: 'Xin#Mima-2026a' }, NOW);
      await expect(signIn(c, zhaoSeat, 'zhao', otp)).rejects.toThrow('用户名或密码错误');
      // The session opened with the one-time password does not come to life under the new one.
      await expect(authenticate(c, first.token, NOW)).rejects.toThrow();
      const second = await signIn(c, zhaoSeat, 'zhao', 'Xin#Mima-2026a');
      expect(second.mustChangePassword).toBe(false);
      expect(await authenticate(c, second.token, NOW)).toMatchObject({ displayName: '赵科员', roles: ['工作人员'] });
      // Going back to the one-time password is refused (the history).
      await expect(changeServerPassword(c, zhaoSeat, { login: 'zhao', currentPassword: 'Xin#Mima-2026a', newPassword: otp })).rejects.toMatchObject({ field: 'newPassword', message: expect.stringContaining('不能使用最近') });
    } finally {
      c.release();
    }
    const actions = (await q('SELECT action, actor_name FROM audit_log ORDER BY seq')).map((r) => `${r.actor_name}:${r.action}`);
    expect(actions).toEqual(['系统管理员:申请新建账户', '保密员:新增用户', '保密员:批准账户申请', '保密员:发放一次性初始密码', '赵科员:修改密码']);
    expect(await verifyServerAudit(pool)).toMatchObject({ ok: true, count: 5 });
  });

  test('a reset ends the account’s sessions; a role change and re-enabling wait for approval; 停用 is at once; the last 系统管理员 and 保密员 stay', async () => {
    const { pool, send, q, ids, tokens } = await office();
    // 重置密码: the old password works until approved; then every session of that account ends.
    const reset = result<AccountRequest>(await send('admin', 'accounts.request', { kind: '重置密码', userId: ids.clerk }));
    expect(await send('admin', 'accounts.request', { kind: '重置密码', userId: ids.clerk })).toMatchObject({ ok: false, message: '该账户已有待审批的重置密码申请' });
    const c = await pool.connect();
    try {
      expect(await authenticate(c, tokens.clerk!, NOW)).toMatchObject({ id: ids.clerk });
      const otp = result<ServerApproval>(await send('secrecy', 'accounts.approve', { requestId: reset.id })).oneTimePassword!;
      await expect(authenticate(c, tokens.clerk!, NOW)).rejects.toThrow();
      expect((await signIn(c, await addSeat(c, '又一台'), 'clerk', otp)).mustChangePassword).toBe(true);
    } finally {
      c.release();
    }

    // 修改角色: nothing changes until approved; a 秘书 made 工作人员 keeps the same account.
    const role = result<AccountRequest>(await send('admin', 'accounts.request', { kind: '修改角色', userId: ids.clerk, roles: ['工作人员'] }));
    expect(await q(`SELECT roles FROM accounts WHERE login = 'clerk'`)).toEqual([{ roles: ['秘书'] }]);
    expect(await send('admin', 'accounts.request', { kind: '修改角色', userId: ids.admin, roles: ['秘书'] })).toMatchObject({ ok: false, field: 'roles', message: '不能修改自己的角色' });
    expect(await send('admin', 'accounts.request', { kind: '修改角色', userId: ids.clerk, roles: ['系统管理员', '秘书'] })).toMatchObject({ ok: false, field: 'roles' });
    // A 驳回 needs its reason, beside the field.
    expect(await send('secrecy', 'accounts.reject', { requestId: role.id, reason: '  ' })).toMatchObject({ ok: false, field: 'reason' });
    result(await send('secrecy', 'accounts.approve', { requestId: role.id }));
    expect(await q(`SELECT roles FROM accounts WHERE login = 'clerk'`)).toEqual([{ roles: ['工作人员'] }]);
    expect(await send('secrecy', 'accounts.approve', { requestId: role.id })).toMatchObject({ ok: false, message: '该申请已处理（已批准）' });

    // 停用 at once (no approval), its sessions end; 启用 waits for the 保密员.
    expect(await send('admin', 'accounts.disable', { userId: ids.admin })).toMatchObject({ ok: false, message: '不能停用自己的账户' });
    result(await send('admin', 'accounts.disable', { userId: ids.auditor }));
    expect(await send('auditor', 'accounts.request', { kind: '重置密码', userId: ids.clerk })).toMatchObject({ ok: false, code: 'unauthenticated' });
    const enable = result<AccountRequest>(await send('admin', 'accounts.request', { kind: '启用账户', userId: ids.auditor }));
    expect(await q(`SELECT disabled FROM accounts WHERE login = 'auditor'`)).toEqual([{ disabled: true }]);
    result(await send('secrecy', 'accounts.approve', { requestId: enable.id }));
    expect(await q(`SELECT disabled FROM accounts WHERE login = 'auditor'`)).toEqual([{ disabled: false }]);

    // The only 保密员 can be neither disabled nor stripped of the role: nobody could approve.
    expect(await send('admin', 'accounts.disable', { userId: ids.secrecy })).toMatchObject({ ok: false, message: expect.stringContaining('唯一启用的安全保密管理员') });
    expect(await send('admin', 'accounts.request', { kind: '修改角色', userId: ids.secrecy, roles: ['秘书'] })).toMatchObject({ ok: false, message: expect.stringContaining('唯一启用的安全保密管理员') });

    // A request about the 保密员's own account: not theirs to decide; the 审计员 does (no other 保密员).
    const secrecyReset = result<AccountRequest>(await send('admin', 'accounts.request', { kind: '重置密码', userId: ids.secrecy }));
    expect(await send('secrecy', 'accounts.approve', { requestId: secrecyReset.id })).toMatchObject({ ok: false, message: '不能审批涉及本人账户的申请' });
    const c2 = await pool.connect();
    let auditorToken: string;
    try {
      auditorToken = (await signIn(c2, await addSeat(c2, '审计员又一台'), 'auditor', PW('auditor'))).token;
    } finally {
      c2.release();
    }
    const view = await accountAdminView(pool, auditorToken, NOW);
    expect(view.requests.find((r) => r.id === secrecyReset.id)).toMatchObject({ state: '待审批', blockedBy: null });
    expect(await runServerCommand(pool, auditorToken, { clientId: randomUUID(), name: 'accounts.reject', input: { requestId: secrecyReset.id, reason: '本人未提出' } }, SERVER_COMMANDS, NOW)).toMatchObject({ ok: true });

    // A 秘书 (or a 工作人员) sees neither the accounts nor the requests.
    const c3 = await pool.connect();
    try {
      await c3.query(`UPDATE accounts SET roles = '["秘书"]' WHERE login = 'auditor'`);
    } finally {
      c3.release();
    }
    await expect(accountAdminView(pool, auditorToken, NOW)).rejects.toThrow(/权限/);
    expect(await verifyServerAudit(pool)).toMatchObject({ ok: true });
  });

  test('a refusal changes no account, request or audit row', async () => {
    const { send, q, ids } = await office();
    const before = JSON.stringify(await q('SELECT (SELECT count(*) FROM audit_log) AS a, (SELECT count(*) FROM account_requests) AS r, (SELECT json_agg(x ORDER BY login) FROM accounts x) AS x'));
    const refused = [
      await send('admin', 'accounts.request', { kind: '新建账户', username: 'clerk', displayName: '重名', roles: ['秘书'] }),
      await send('admin', 'accounts.request', { kind: '新建账户', username: 'a b', displayName: '坏名', roles: ['秘书'] }),
      await send('admin', 'accounts.request', { kind: '新建账户', username: 'sun', displayName: '', roles: ['秘书'] }),
      await send('admin', 'accounts.request', { kind: '新建账户', username: 'sun', displayName: '孙', roles: [] }),
      await send('admin', 'accounts.request', { kind: '启用账户', userId: ids.clerk }),
      await send('admin', 'accounts.request', { kind: '重置密码', userId: 'nobody' }),
      await send('clerk', 'accounts.request', { kind: '重置密码', userId: ids.admin }),
      await send('secrecy', 'accounts.disable', { userId: ids.clerk }),
    ];
    expect(refused.map((r) => r.ok)).toEqual(refused.map(() => false));
    expect(refused.slice(0, 4).map((r) => (r.ok ? null : r.field))).toEqual(['username', 'username', 'displayName', 'roles']);
    expect(JSON.stringify(await q('SELECT (SELECT count(*) FROM audit_log) AS a, (SELECT count(*) FROM account_requests) AS r, (SELECT json_agg(x ORDER BY login) FROM accounts x) AS x'))).toBe(before);
  });
});
