import { randomUUID } from 'node:crypto';
import { argon2Verify } from 'hash-wasm';
import type pg from 'pg';
import { z } from 'zod';
import { approverProblem, checkRoleChange, concernsSecrecyAdmin, generateOneTimePassword, newAccountFields, type AccountRequest, type AccountRequestKind } from '../../shared/domain/account-approval';
import { DEFAULT_PASSWORD_POLICY, PASSWORD_HISTORY_SIZE, PASSWORD_REUSE_MESSAGE, passwordProblem, usernameKey } from '../../shared/domain/password-policy';
import { can, PermissionError, type Role } from '../../shared/domain/permissions';
import type { AccountAdminView } from '../../shared/domain/lan-protocol';
import { RuleError } from '../../shared/domain/rule-error';
import { cleanLine } from '../../shared/domain/text';
import { authenticate, hashPassword, tokenHash, verifyOrDummy, type SeatCredentials, type ServerActor } from './accounts';
import { appendAudit, lockChain } from './audit';
import { withClient } from './db';
import { defineServerCommand, type ServerContext } from './pipeline';

// The office's accounts on the LAN server, managed from a seat (issue #19: "accounts, roles and
// need to know live on the server in LAN mode") under the PC's 三员分立 with dual control
// (shared/domain/account-approval.ts): the 系统管理员 proposes what gives or restores access — a
// new account, a password reset, a role change, re-enabling — and nothing changes until a
// 安全保密管理员 approves it from a seat of theirs; 停用 takes effect at once. A password that
// comes out of an approval is generated here, shown once to the approver, never kept in the
// clear (not even in the replay answer), and must be replaced by its owner before the account
// may pull or send anything.

const PENDING = '待审批';
/** All account changes take turns: two approvals could each leave "another" 系统管理员 otherwise. */
const ACCOUNTS_LOCK = 'accounts';

interface AccountRow {
  id: string;
  login: string;
  display_name: string;
  roles: Role[];
  password_hash: string;
  disabled: boolean;
  must_change_password: boolean;
  password_history: string[];
}

async function accountById(client: pg.ClientBase, id: string): Promise<AccountRow> {
  const { rows } = await client.query<AccountRow>('SELECT * FROM accounts WHERE id = $1', [id]);
  if (!rows[0]) throw new RuleError('该账户不存在');
  return rows[0];
}

async function allAccounts(client: pg.ClientBase): Promise<AccountRow[]> {
  return (await client.query<AccountRow>('SELECT * FROM accounts ORDER BY login')).rows;
}

async function pendingRequests(client: pg.ClientBase): Promise<AccountRequest[]> {
  const { rows } = await client.query<{ row: AccountRequest }>(`SELECT row FROM account_requests WHERE row->>'state' = $1`, [PENDING]);
  return rows.map((r) => r.row);
}

async function saveRequest(client: pg.ClientBase, r: AccountRequest): Promise<void> {
  await client.query('INSERT INTO account_requests (id, requested_at, row) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET row = EXCLUDED.row', [r.id, r.requestedAt, JSON.stringify(r)]);
}

/** Neither the last enabled 系统管理员 nor the last enabled 保密员 may lose the role (nobody could manage or approve). */
async function checkRoleRemoval(client: pg.ClientBase, target: AccountRow, roles: readonly Role[]): Promise<void> {
  if (target.disabled) return;
  const all = await allAccounts(client);
  const others = (role: Role) => all.filter((a) => a.id !== target.id && !a.disabled && a.roles.includes(role)).length;
  if (target.roles.includes('系统管理员') && !roles.includes('系统管理员') && others('系统管理员') === 0) throw new RuleError('这是服务器上唯一启用的系统管理员，不能停用或取消其系统管理员角色');
  if (target.roles.includes('安全保密管理员') && !roles.includes('安全保密管理员') && others('安全保密管理员') === 0) throw new RuleError('这是服务器上唯一启用的安全保密管理员，不能停用或取消其安全保密管理员角色');
}

function draft(actor: ServerActor, kind: AccountRequestKind, target: { id: string; login: string; displayName: string }, now: Date): AccountRequest {
  return { id: randomUUID(), kind, state: PENDING, userId: target.id, username: target.login, displayName: target.displayName, requestedAt: now.toISOString(), requestedById: actor.id, requestedByName: actor.displayName };
}

const roleList = z.array(z.string()).transform((r) => r as Role[]);

const requestInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('新建账户'), username: z.string().max(64), displayName: z.string().max(60), roles: roleList }),
  z.object({ kind: z.literal('重置密码'), userId: z.string().max(64) }),
  z.object({ kind: z.literal('修改角色'), userId: z.string().max(64), roles: roleList }),
  z.object({ kind: z.literal('启用账户'), userId: z.string().max(64) }),
]);

async function requestFor(ctx: ServerContext, input: z.infer<typeof requestInput>): Promise<{ request: AccountRequest; summary: string }> {
  const { client, actor, now } = ctx;
  if (input.kind === '新建账户') {
    const { username: login, displayName } = newAccountFields(input);
    const key = usernameKey(login);
    if ((await allAccounts(client)).some((a) => usernameKey(a.login) === key)) throw RuleError.at('username', '服务器上已有该用户名');
    if ((await pendingRequests(client)).some((p) => p.kind === '新建账户' && usernameKey(p.username) === key)) throw RuleError.at('username', '该用户名已有待审批的新建申请');
    return { request: { ...draft(actor, '新建账户', { id: randomUUID(), login, displayName }, now), roles: [...input.roles] }, summary: `${login}（${displayName}）拟定角色：${input.roles.join('、')}` };
  }
  const target = await accountById(client, input.userId);
  const view = { id: target.id, login: target.login, displayName: target.display_name };
  if (input.kind === '重置密码') {
    if (target.id === actor.id) throw new RuleError('请在“修改密码”中修改自己的密码');
    return { request: draft(actor, '重置密码', view, now), summary: `${target.login}（批准后生成一次性初始密码，交给本人）` };
  }
  if (input.kind === '修改角色') {
    checkRoleChange(actor.id, target, input.roles);
    await checkRoleRemoval(client, target, input.roles);
    return { request: { ...draft(actor, '修改角色', view, now), roles: [...input.roles], previousRoles: [...target.roles] }, summary: `${target.login}：角色 ${target.roles.join('、')} → ${input.roles.join('、')}` };
  }
  if (!target.disabled) throw new RuleError('该账户未停用');
  return { request: draft(actor, '启用账户', view, now), summary: target.login };
}

/** 申请: the 系统管理员 proposes; stored with its audit entry. A second pending request of the same kind is refused. */
export const serverRequestAccount = defineServerCommand({
  name: 'accounts.request',
  input: requestInput,
  permission: 'users.manage',
  run: async (ctx, input): Promise<AccountRequest> => {
    await lockedActor(ctx, 'users.manage');
    const { request, summary } = await requestFor(ctx, input);
    if (request.kind !== '新建账户' && (await pendingRequests(ctx.client)).some((p) => p.userId === request.userId && p.kind === request.kind)) {
      throw new RuleError(`该账户已有待审批的${request.kind}申请`);
    }
    await saveRequest(ctx.client, request);
    ctx.audit({ action: `申请${request.kind}`, entityType: '账户申请', entityId: request.id, summary, details: { userId: request.userId } });
    return request;
  },
});

/**
 * The acting account as it stands once ACCOUNTS_LOCK is held: a role taken away or an account
 * disabled by a change that committed while this one waited counts (the pipeline read it before).
 */
async function lockedActor(ctx: ServerContext, permission: 'users.manage' | 'accounts.approve'): Promise<ServerActor> {
  await ctx.lockKey(ACCOUNTS_LOCK);
  const { rows } = await ctx.client.query<{ roles: Role[]; disabled: boolean }>('SELECT roles, disabled FROM accounts WHERE id = $1', [ctx.actor.id]);
  const actor = { ...ctx.actor, roles: rows[0]?.roles ?? [] };
  // A refusal (rolled back and answered), not a fault: the role went while this command waited.
  if (!rows[0] || rows[0].disabled || !can(actor, permission)) throw new RuleError(new PermissionError(permission).message);
  return actor;
}

async function mustGetPending(client: pg.ClientBase, id: string): Promise<AccountRequest> {
  const { rows } = await client.query<{ row: AccountRequest }>('SELECT row FROM account_requests WHERE id = $1 FOR UPDATE', [id]);
  const req = rows[0]?.row;
  if (!req) throw new RuleError('该申请不存在');
  if (req.state !== PENDING) throw new RuleError(`该申请已处理（${req.state}）`);
  return req;
}

/** Why `approver` may not decide `req`, or null (the PC's rule, on the server's accounts, read once by the caller). */
function decisionProblem(all: readonly AccountRow[], approver: ServerActor, req: AccountRequest): string | null {
  const target = all.find((a) => a.id === req.userId);
  return approverProblem({
    approver,
    request: req,
    concernsSecrecyAdmin: concernsSecrecyAdmin(target?.roles ?? [], req.roles),
    otherSecrecyAdmins: all.filter((a) => a.id !== req.userId && !a.disabled && a.roles.includes('安全保密管理员')).length,
  });
}

export const serverWithdrawAccountRequest = defineServerCommand({
  name: 'accounts.withdraw',
  input: z.object({ requestId: z.string().max(64) }),
  permission: 'users.manage',
  run: async (ctx, { requestId }): Promise<void> => {
    await lockedActor(ctx, 'users.manage');
    const req = await mustGetPending(ctx.client, requestId);
    await saveRequest(ctx.client, { ...req, state: '已撤回', decidedAt: ctx.now.toISOString(), decidedById: ctx.actor.id, decidedByName: ctx.actor.displayName });
    ctx.audit({ action: '撤回账户申请', entityType: '账户申请', entityId: req.id, summary: `${req.kind}：${req.username}` });
  },
});

export const serverRejectAccountRequest = defineServerCommand({
  name: 'accounts.reject',
  input: z.object({ requestId: z.string().max(64), reason: z.string().max(400) }),
  permission: 'accounts.approve',
  run: async (ctx, { requestId, reason }): Promise<void> => {
    const why = cleanLine(reason);
    if (!why) throw RuleError.at('reason', '请填写驳回理由');
    if (why.length > 200) throw RuleError.at('reason', '驳回理由不能超过 200 字');
    const actor = await lockedActor(ctx, 'accounts.approve');
    const req = await mustGetPending(ctx.client, requestId);
    const problem = decisionProblem(await allAccounts(ctx.client), actor, req);
    if (problem) throw new RuleError(problem);
    await saveRequest(ctx.client, { ...req, state: '已驳回', reason: why, decidedAt: ctx.now.toISOString(), decidedById: ctx.actor.id, decidedByName: ctx.actor.displayName });
    ctx.audit({ action: '驳回账户申请', entityType: '账户申请', entityId: req.id, summary: `${req.kind}：${req.username}；理由：${why}` });
  },
});

/** A one-time password that meets the LAN's policy (the server keeps the PC's default policy). */
function oneTimePasswordFor(login: string): string {
  for (;;) {
    const p = generateOneTimePassword(DEFAULT_PASSWORD_POLICY.minLength);
    if (!passwordProblem(login, p, DEFAULT_PASSWORD_POLICY)) return p;
  }
}

export interface ServerApproval {
  request: AccountRequest;
  /** 新建账户 and 重置密码: shown once to the approver; absent from a replayed answer (never stored). */
  oneTimePassword?: string;
}

/** 批准: the change takes effect in this transaction; a password reset ends the account's sessions. */
export const serverApproveAccountRequest = defineServerCommand({
  name: 'accounts.approve',
  input: z.object({ requestId: z.string().max(64) }),
  permission: 'accounts.approve',
  keep: (r: ServerApproval) => ({ request: r.request }),
  run: async (ctx, { requestId }): Promise<ServerApproval> => {
    const { client, now } = ctx;
    const actor = await lockedActor(ctx, 'accounts.approve');
    const req = await mustGetPending(client, requestId);
    const problem = decisionProblem(await allAccounts(client), actor, req);
    if (problem) throw new RuleError(problem);
    let oneTimePassword: string | undefined;
    if (req.kind === '新建账户') {
      if ((await allAccounts(client)).some((a) => usernameKey(a.login) === usernameKey(req.username))) throw new RuleError('服务器上已有该用户名，请驳回此申请');
      oneTimePassword = oneTimePasswordFor(req.username);
      await client.query('INSERT INTO accounts (id, login, display_name, roles, password_hash, must_change_password) VALUES ($1, $2, $3, $4, $5, true)', [req.userId, req.username, req.displayName, JSON.stringify(req.roles ?? []), await hashPassword(oneTimePassword)]);
      ctx.audit({ action: '新增用户', entityType: '用户', entityId: req.userId, summary: `${req.username}（${req.displayName}）角色：${(req.roles ?? []).join('、')}` });
    } else {
      const before = await accountById(client, req.userId);
      if (req.kind === '重置密码') {
        oneTimePassword = oneTimePasswordFor(before.login);
        const history = [before.password_hash, ...before.password_history].slice(0, PASSWORD_HISTORY_SIZE - 1);
        await client.query('UPDATE accounts SET password_hash = $2, password_history = $3, must_change_password = true WHERE id = $1', [before.id, await hashPassword(oneTimePassword), JSON.stringify(history)]);
        await client.query('DELETE FROM sessions WHERE account_id = $1', [before.id]);
        ctx.audit({ action: '重置密码', entityType: '用户', entityId: before.id, summary: before.login });
      } else if (req.kind === '修改角色') {
        const roles = req.roles ?? [];
        await checkRoleRemoval(client, before, roles);
        await client.query('UPDATE accounts SET roles = $2 WHERE id = $1', [before.id, JSON.stringify(roles)]);
        ctx.audit({ action: '修改角色', entityType: '用户', entityId: before.id, summary: `${before.login}：${before.roles.join('、')} → ${roles.join('、')}` });
      } else {
        if (!before.disabled) throw new RuleError('该账户未停用');
        await client.query('UPDATE accounts SET disabled = false WHERE id = $1', [before.id]);
        ctx.audit({ action: '启用账户', entityType: '用户', entityId: before.id, summary: before.login });
      }
    }
    const decided: AccountRequest = { ...req, state: '已批准', decidedAt: now.toISOString(), decidedById: actor.id, decidedByName: actor.displayName };
    await saveRequest(client, decided);
    ctx.audit({ action: '批准账户申请', entityType: '账户申请', entityId: req.id, summary: `${req.kind}：${req.username}（申请人 ${req.requestedByName}）` });
    if (oneTimePassword) {
      ctx.audit({ action: '发放一次性初始密码', entityType: '用户', entityId: req.userId, summary: `${req.username}：仅向审批人 ${actor.displayName} 显示一次，当面交给本人；首次登录须修改` });
    }
    return { request: decided, ...(oneTimePassword ? { oneTimePassword } : {}) };
  },
});

/** 停用 takes access away, so it needs no approval; the account's sessions end at once. */
export const serverDisableAccount = defineServerCommand({
  name: 'accounts.disable',
  input: z.object({ userId: z.string().max(64) }),
  permission: 'users.manage',
  run: async (ctx, { userId }): Promise<void> => {
    await lockedActor(ctx, 'users.manage');
    if (userId === ctx.actor.id) throw new RuleError('不能停用自己的账户');
    const target = await accountById(ctx.client, userId);
    if (target.disabled) throw new RuleError('该账户已停用');
    await checkRoleRemoval(ctx.client, target, []);
    await ctx.client.query('UPDATE accounts SET disabled = true WHERE id = $1', [userId]);
    await ctx.client.query('DELETE FROM sessions WHERE account_id = $1', [userId]);
    ctx.audit({ action: '停用账户', entityType: '用户', entityId: userId, summary: target.login });
  },
});

export const ACCOUNT_ADMIN_COMMANDS = [serverRequestAccount, serverWithdrawAccountRequest, serverRejectAccountRequest, serverApproveAccountRequest, serverDisableAccount];

/** What the accounts screen shows: to the 系统管理员 and to the approvers (requests hold no password). */
export async function accountAdminView(pool: pg.Pool, token: string, now = new Date()): Promise<AccountAdminView> {
  return withClient(pool, async (client) => {
    const actor = await authenticate(client, token, now);
    const approver = can(actor, 'accounts.approve');
    if (!approver && !can(actor, 'users.manage')) throw new PermissionError('users.manage');
    const all = await allAccounts(client);
    const accounts = all.map((a) => ({ id: a.id, login: a.login, displayName: a.display_name, roles: a.roles, disabled: a.disabled, mustChangePassword: a.must_change_password }));
    const { rows } = await client.query<{ row: AccountRequest }>('SELECT row FROM account_requests ORDER BY requested_at DESC LIMIT 200');
    const requests: AccountAdminView['requests'] = [];
    for (const { row } of rows) requests.push(approver && row.state === PENDING ? { ...row, blockedBy: decisionProblem(all, actor, row) } : row);
    return { accounts, requests };
  });
}

export const changePasswordSchema = z.object({ login: z.string().max(64), currentPassword: z.string().max(256), newPassword: z.string().max(256) });

/** The new password against the LAN's policy: checked before the current one is, so a weak choice is not counted as a guess. */
export function newPasswordCheck(input: z.infer<typeof changePasswordSchema>): void {
  const p = passwordProblem(input.login, input.newPassword, DEFAULT_PASSWORD_POLICY);
  if (p) throw RuleError.at('newPassword', p);
  if (input.newPassword === input.currentPassword) throw RuleError.at('newPassword', '新密码不能与当前密码相同');
}

/**
 * The owner's own password, from a paired seat: proven like a sign-in (the seat's credentials and
 * the current password), checked against the LAN's policy and the last passwords, audited on the
 * one chain. It also ends "must change" after a one-time password.
 */
export async function changeServerPassword(client: pg.ClientBase, seat: SeatCredentials, input: z.infer<typeof changePasswordSchema>, now = new Date()): Promise<void> {
  // Named: the audit head must be read after the chain lock, whatever the database's default isolation.
  await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
  try {
    const paired = await client.query('SELECT 1 FROM seats WHERE id = $1 AND secret_hash = $2 AND revoked_at IS NULL', [seat.id, tokenHash(seat.secret)]);
    const { rows } = await client.query<AccountRow>('SELECT * FROM accounts WHERE login = $1 FOR UPDATE', [input.login]);
    const account = rows[0];
    const ok = await verifyOrDummy(input.currentPassword, account?.password_hash);
    if (!account || account.disabled || paired.rowCount === 0 || !ok) {
      throw RuleError.at('currentPassword', '当前密码不正确，或账户已停用、本机已被停用');
    }
    newPasswordCheck(input);
    for (const old of account.password_history.slice(0, PASSWORD_HISTORY_SIZE - 1)) {
      if (await argon2Verify({ password: input.newPassword, hash: old })) throw RuleError.at('newPassword', PASSWORD_REUSE_MESSAGE);
    }
    const history = [account.password_hash, ...account.password_history].slice(0, PASSWORD_HISTORY_SIZE - 1);
    await client.query('UPDATE accounts SET password_hash = $2, password_history = $3, must_change_password = false WHERE id = $1', [account.id, await hashPassword(input.newPassword), JSON.stringify(history)]);
    // Every session of the account ends, on every seat: one opened with a one-time password (or by
    // whoever knew the old one) must not live on under the new. The seat that changed it signs in again.
    await client.query('DELETE FROM sessions WHERE account_id = $1', [account.id]);
    await lockChain(client);
    await appendAudit(client, [
      { time: now.toISOString(), actorId: account.id, actorName: account.display_name, action: '修改密码', entityType: '用户', entityId: account.id, summary: account.must_change_password ? `${account.login}（按要求修改一次性初始密码）` : account.login },
    ]);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  }
}
