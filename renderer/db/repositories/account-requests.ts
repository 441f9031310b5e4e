import {
  approverProblem,
  checkRoleChange,
  newAccountFields,
  concernsSecrecyAdmin,
  generateOneTimePassword,
  type AccountRequest,
  type AccountRequestKind,
} from '@shared/domain/account-approval';
import { PASSWORD_HISTORY_SIZE, passwordProblem, usernameKey } from '@shared/domain/password-policy';
import { can, PermissionError, roleSetProblem, type Role } from '@shared/domain/permissions';
import { cleanLine } from '@shared/domain/text';
import { authorize } from '../authorize';
import type { WenshuDB } from '../database';
import { newId } from '../ids';
import { hashPassword } from '../password-hash';
import type { Actor, UserRecord } from '../types';
import type { AuditSink } from '../write';
import { z } from 'zod';
import { defineCommand } from '../commands/define';
import { runCommand } from '../commands/execute';
import { getPasswordPolicy } from './settings';
import { buildUser, ensureAnotherAdminRemains, ensureAnotherSecrecyAdminRemains, keySlotFor, toView, type UserView } from './users';
import { RuleError } from '@shared/domain/rule-error';

// 三员分立 with dual control (issue #12, DOMAIN.md §9). The 系统管理员 proposes what gives or
// restores access — a new account, a password reset, a role change, re-enabling an account — and
// nothing changes until a 安全保密管理员 signs in and approves (who may decide what:
// shared/domain/account-approval.ts). A password that comes out of an approval is generated here,
// shown once to the approver and must be replaced by its owner before any record is shown
// (authorize() refuses everything while mustChangePassword is set), so the 系统管理员 never knows
// the password of an account he did not create during 初始配置.

export interface NewAccountInput {
  username: string;
  displayName: string;
  roles: Role[];
  departmentId?: string;
}

const PENDING = '待审批';
/** Why the owner must change the password (shown at sign-in, named in the audit entry). */
const ONE_TIME = '审批后发放的一次性初始密码';

async function pendingFor(db: WenshuDB, userId: string): Promise<AccountRequest[]> {
  return (await db.accountRequests.where('userId').equals(userId).toArray()).filter((r) => r.state === PENDING);
}

async function mustGetUser(db: WenshuDB, id: string): Promise<UserRecord> {
  const u = await db.users.get(id);
  if (!u) throw new RuleError('该用户不存在');
  return u;
}

function draftRequest(actor: Actor, kind: AccountRequestKind, target: Pick<UserRecord, 'id' | 'username' | 'displayName' | 'departmentId'>, now: Date): AccountRequest {
  return {
    id: newId(),
    kind,
    state: PENDING,
    userId: target.id,
    username: target.username,
    displayName: target.displayName,
    ...(target.departmentId ? { departmentId: target.departmentId } : {}),
    requestedAt: now.toISOString(),
    requestedById: actor.id,
    requestedByName: actor.username,
  };
}

const requestInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('新建账户'),
    username: z.string(),
    displayName: z.string(),
    // Role names are checked by roleSetProblem (one message for an unknown role or a bad set).
    roles: z.array(z.string()).transform((r) => r as Role[]),
    departmentId: z.string().optional(),
  }),
  z.object({ kind: z.literal('重置密码'), userId: z.string() }),
  z.object({ kind: z.literal('修改角色'), userId: z.string(), roles: z.array(z.string()).transform((r) => r as Role[]) }),
  z.object({ kind: z.literal('启用账户'), userId: z.string() }),
]);
type RequestInput = z.infer<typeof requestInput>;

/** The request, its audit summary, and what is checked again inside the transaction. */
async function draftFor(db: WenshuDB, actor: Actor, input: RequestInput, now: Date): Promise<{ request: AccountRequest; summary: string; check?: () => Promise<void> }> {
  switch (input.kind) {
    case '新建账户': {
      const { username, displayName } = newAccountFields(input);
      const key = usernameKey(username);
      const request: AccountRequest = {
        ...draftRequest(actor, '新建账户', { id: newId(), username, displayName, ...(input.departmentId ? { departmentId: input.departmentId } : {}) }, now),
        roles: [...input.roles],
      };
      return {
        request,
        summary: `${username}（${displayName}）拟定角色：${input.roles.join('、')}`,
        check: async () => {
          if (await db.users.where('usernameKey').equals(key).first()) throw RuleError.at('username', '该用户名已被使用');
          const pending = await db.accountRequests.where('state').equals(PENDING).toArray();
          if (pending.some((p) => p.kind === '新建账户' && usernameKey(p.username) === key)) throw RuleError.at('username', '该用户名已有待审批的新建申请');
        },
      };
    }
    case '重置密码': {
      if (input.userId === actor.id) throw new RuleError('请在“修改密码”中修改自己的密码');
      const target = await mustGetUser(db, input.userId);
      return { request: draftRequest(actor, '重置密码', target, now), summary: `${target.username}（批准后生成一次性初始密码，交给本人）` };
    }
    case '修改角色': {
      const { userId, roles } = input;
      const target = await mustGetUser(db, userId);
      checkRoleChange(actor.id, target, roles);
      const request: AccountRequest = { ...draftRequest(actor, '修改角色', target, now), roles: [...roles], previousRoles: [...target.roles] };
      return { request, summary: `${target.username}：角色 ${target.roles.join('、')} → ${roles.join('、')}`, check: () => checkRoleRemoval(db, target, roles) };
    }
    case '启用账户': {
      const target = await mustGetUser(db, input.userId);
      if (!target.disabled) throw new RuleError('该账户未停用');
      return { request: draftRequest(actor, '启用账户', target, now), summary: target.username };
    }
  }
}

/**
 * 申请: the 系统管理员 proposes a new account, a password reset, a role change or re-enabling an
 * account; stored with its audit entry. A second pending request of the same kind is refused.
 */
export const requestAccountCommand = defineCommand({
  name: 'account.request',
  input: requestInput,
  permission: 'users.manage',
  tables: ['users', 'accountRequests'],
  prepare: (db, actor, input, now) => draftFor(db, actor, input, now),
  run: async ({ db, add, audit }, _input, { request, summary, check }): Promise<AccountRequest> => {
    await check?.();
    if (request.kind !== '新建账户' && (await pendingFor(db, request.userId)).some((r) => r.kind === request.kind)) {
      throw new RuleError(`该账户已有待审批的${request.kind}申请`);
    }
    await add('accountRequests', request);
    audit({ action: `申请${request.kind}`, entityType: '账户申请', entityId: request.id, summary, details: { userId: request.userId } });
    return request;
  },
});

/** 新增用户: proposes an account; it exists (with a generated password) only once approved. */
export async function requestNewAccount(db: WenshuDB, actor: Actor, input: NewAccountInput, now = new Date()): Promise<AccountRequest> {
  return runCommand(db, actor, requestAccountCommand, { ...input, kind: '新建账户' }, now);
}

/** 重置密码 of another account: the old password keeps working until a 保密员 approves. */
export async function requestPasswordReset(db: WenshuDB, actor: Actor, userId: string, now = new Date()): Promise<AccountRequest> {
  return runCommand(db, actor, requestAccountCommand, { kind: '重置密码', userId }, now);
}

/** 修改角色: roles are granted by the 保密员, on the 系统管理员's proposal. */
export async function requestRoleChange(db: WenshuDB, actor: Actor, userId: string, roles: Role[], now = new Date()): Promise<AccountRequest> {
  return runCommand(db, actor, requestAccountCommand, { kind: '修改角色', userId, roles }, now);
}

/** 启用 restores access, so it waits for approval too (停用 takes effect at once: setUserDisabled). */
export async function requestEnable(db: WenshuDB, actor: Actor, userId: string, now = new Date()): Promise<AccountRequest> {
  return runCommand(db, actor, requestAccountCommand, { kind: '启用账户', userId }, now);
}

/** The 系统管理员 takes back a request of his that nobody has decided yet. */
export const withdrawAccountRequestCommand = defineCommand({
  name: 'account.withdraw',
  input: z.object({ requestId: z.string() }),
  permission: 'users.manage',
  tables: ['accountRequests'],
  run: async ({ db, put, audit, actor: who, now }, { requestId }) => {
    const req = await mustGetPending(db, requestId);
    await put('accountRequests', { ...req, state: '已撤回', decidedAt: now.toISOString(), decidedById: who.id, decidedByName: who.username });
    audit({ action: '撤回账户申请', entityType: '账户申请', entityId: req.id, summary: `${req.kind}：${req.username}` });
  },
});

export async function withdrawAccountRequest(db: WenshuDB, actor: Actor, requestId: string, now = new Date()): Promise<void> {
  await runCommand(db, actor, withdrawAccountRequestCommand, { requestId }, now);
}

/** Neither the last 系统管理员 nor the last 保密员 may lose the role. */
async function checkRoleRemoval(db: WenshuDB, target: UserRecord, roles: readonly Role[]): Promise<void> {
  if (target.disabled) return;
  if (target.roles.includes('系统管理员') && !roles.includes('系统管理员')) await ensureAnotherAdminRemains(db, target.id);
  if (target.roles.includes('安全保密管理员') && !roles.includes('安全保密管理员')) await ensureAnotherSecrecyAdminRemains(db, target.id);
}

async function mustGetPending(db: WenshuDB, requestId: string): Promise<AccountRequest> {
  const req = await db.accountRequests.get(requestId);
  if (!req) throw new RuleError('该申请不存在');
  if (req.state !== PENDING) throw new RuleError(`该申请已处理（${req.state}）`);
  return req;
}

/** Why `approver` may not decide `req`, or null; reads the accounts it depends on. */
async function decisionProblem(db: WenshuDB, approver: Actor, req: AccountRequest): Promise<string | null> {
  const target = req.kind === '新建账户' ? undefined : await db.users.get(req.userId);
  const otherSecrecyAdmins = await db.users
    .filter((u) => u.id !== req.userId && !u.disabled && u.roles.includes('安全保密管理员'))
    .count();
  return approverProblem({
    approver,
    request: req,
    concernsSecrecyAdmin: concernsSecrecyAdmin(target?.roles ?? [], req.roles),
    otherSecrecyAdmins,
  });
}

export interface AccountRequestView extends AccountRequest {
  /** For an approver: why they may not decide it (null: they may). Absent for the 系统管理员. */
  blockedBy?: string | null;
}

/**
 * Requests, newest first: the 系统管理员 sees them beside each account, approvers in 账户审批.
 * They hold no password, so both may read all of them.
 */
export async function listAccountRequests(db: WenshuDB, actor: Actor): Promise<AccountRequestView[]> {
  actor = await authorize(db, actor, null);
  const approver = can(actor, 'accounts.approve');
  if (!approver && !can(actor, 'users.manage')) throw new PermissionError('accounts.approve');
  const all = (await db.accountRequests.toArray()).sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
  if (!approver) return all;
  const out: AccountRequestView[] = [];
  for (const r of all) out.push(r.state === PENDING ? { ...r, blockedBy: await decisionProblem(db, actor, r) } : r);
  return out;
}

export interface ApprovalResult {
  request: AccountRequest;
  user: UserView;
  /** 新建账户 and 重置密码: shown once to the approver, to hand over in person; stored nowhere. */
  oneTimePassword?: string;
}

/** 批准: the change takes effect now, in the approver's session (which holds the data key). */
export const approveAccountRequestCommand = defineCommand({
  name: 'account.approve',
  input: z.object({ requestId: z.string() }),
  permission: 'accounts.approve',
  tables: ['users', 'accountRequests', 'loginThrottle'],
  // Slow work (argon2id: the hash and the key slot) before the transaction opens.
  prepare: async (db, approver, { requestId }, now) => {
    const first = await mustGetPending(db, requestId);
    const problem = await decisionProblem(db, approver, first);
    if (problem) throw new RuleError(problem);
    let secret: { password: string; hash: string; slot: UserRecord['keySlot'] } | undefined;
    let newRecord: UserRecord | undefined;
    if (first.kind === '新建账户' || first.kind === '重置密码') {
      const policy = await getPasswordPolicy(db);
      let password = generateOneTimePassword(policy.minLength);
      while (passwordProblem(first.username, password, policy)) password = generateOneTimePassword(policy.minLength);
      if (first.kind === '新建账户') {
        const input = { username: first.username, displayName: first.displayName, roles: first.roles ?? [], password };
        newRecord = await buildUser({ ...input, ...(first.departmentId ? { departmentId: first.departmentId } : {}) }, now, true, policy);
      }
      secret = { password, hash: newRecord?.passwordHash ?? (await hashPassword(password)), slot: await keySlotFor(db, password) };
    }
    return { secret, newRecord };
  },
  run: async ({ db, add, put, delete: remove, audit, actor: approver, now }, { requestId }, { secret, newRecord }): Promise<ApprovalResult> => {
    const req = await mustGetPending(db, requestId);
    const again = await decisionProblem(db, approver, req);
    if (again) throw new RuleError(again);
    const at = now.toISOString();
    let user: UserRecord;
    if (req.kind === '新建账户') {
      if (!newRecord || !secret) throw new Error('内部错误：缺少新账户');
      if (await db.users.where('usernameKey').equals(newRecord.usernameKey).first()) throw new RuleError('该用户名已被使用，请驳回此申请');
      user = { ...newRecord, id: req.userId, mustChangeReason: ONE_TIME, ...(secret.slot ? { keySlot: secret.slot } : {}) };
      await add('users', user);
      audit({ action: '新增用户', entityType: '用户', entityId: user.id, summary: `${user.username}（${user.displayName}）角色：${user.roles.join('、')}` });
    } else {
      const before = await mustGetUser(db, req.userId);
      user = applyChange(req, before, secret, at);
      if (req.kind === '修改角色') await checkRoleRemoval(db, before, user.roles);
      await put('users', user);
      if (req.kind === '重置密码') await remove('loginThrottle', user.usernameKey);
      auditChange(audit, req, before, user);
    }
    const decided: AccountRequest = { ...req, state: '已批准', decidedAt: at, decidedById: approver.id, decidedByName: approver.username };
    await put('accountRequests', decided);
    audit({ action: '批准账户申请', entityType: '账户申请', entityId: req.id, summary: `${req.kind}：${req.username}（申请人 ${req.requestedByName}）` });
    if (secret) {
      audit({
        action: '发放一次性初始密码',
        entityType: '用户',
        entityId: user.id,
        summary: `${user.username}：仅向审批人 ${approver.username} 显示一次，当面交给本人；首次登录须修改`,
      });
    }
    return { request: decided, user: toView(user), ...(secret ? { oneTimePassword: secret.password } : {}) };
  },
});

export async function approveAccountRequest(db: WenshuDB, actor: Actor, requestId: string, now = new Date()): Promise<ApprovalResult> {
  return runCommand(db, actor, approveAccountRequestCommand, { requestId }, now);
}

function applyChange(req: AccountRequest, before: UserRecord, secret: { hash: string; slot: UserRecord['keySlot'] } | undefined, at: string): UserRecord {
  switch (req.kind) {
    case '重置密码': {
      if (!secret) throw new Error('内部错误：缺少一次性密码');
      const { keySlot: _old, ...rest } = before;
      return {
        ...rest,
        passwordHash: secret.hash,
        ...(secret.slot ? { keySlot: secret.slot } : {}),
        // The password being replaced joins the history: the owner cannot simply go back to it.
        passwordHistory: [before.passwordHash, ...(before.passwordHistory ?? [])].slice(0, PASSWORD_HISTORY_SIZE - 1),
        mustChangePassword: true,
        mustChangeReason: ONE_TIME,
        updatedAt: at,
      };
    }
    case '修改角色': {
      const r = roleSetProblem(req.roles ?? []);
      if (r) throw new RuleError(r);
      return { ...before, roles: [...(req.roles ?? [])], updatedAt: at };
    }
    case '启用账户':
      return { ...before, disabled: false, updatedAt: at };
    case '新建账户':
      throw new Error('内部错误：新建账户不修改已有账户');
  }
}

function auditChange(audit: AuditSink, req: AccountRequest, before: UserRecord, after: UserRecord): void {
  const base = { entityType: '用户', entityId: after.id };
  if (req.kind === '重置密码') audit({ ...base, action: '重置密码', summary: `${after.username}（原密码失效，首次登录须修改）` });
  else if (req.kind === '修改角色') {
    audit({ ...base, action: '修改用户', summary: `${after.username}：角色 ${before.roles.join('、')} → ${after.roles.join('、')}`, details: { before: toView(before), after: toView(after) } });
  } else audit({ ...base, action: '启用用户', summary: after.username });
}

/** 驳回 with a reason; nothing changes on the account. */
export const rejectAccountRequestCommand = defineCommand({
  name: 'account.reject',
  input: z.object({ requestId: z.string(), reason: z.string() }),
  permission: 'accounts.approve',
  tables: ['users', 'accountRequests'],
  prepare: async (_db, _actor, { reason }) => {
    const why = cleanLine(reason).trim();
    if (!why) throw RuleError.at('reason', '请填写驳回理由');
    if (why.length > 200) throw RuleError.at('reason', '驳回理由不能超过 200 字');
    return why;
  },
  run: async ({ db, put, audit, actor: approver, now }, { requestId }, why): Promise<AccountRequest> => {
    const req = await mustGetPending(db, requestId);
    const problem = await decisionProblem(db, approver, req);
    if (problem) throw new RuleError(problem);
    const decided: AccountRequest = { ...req, state: '已驳回', decidedAt: now.toISOString(), decidedById: approver.id, decidedByName: approver.username, reason: why };
    await put('accountRequests', decided);
    audit({ action: '驳回账户申请', entityType: '账户申请', entityId: req.id, summary: `${req.kind}：${req.username}（申请人 ${req.requestedByName}）；理由：${why}` });
    return decided;
  },
});

export async function rejectAccountRequest(db: WenshuDB, actor: Actor, requestId: string, reason: string, now = new Date()): Promise<AccountRequest> {
  return runCommand(db, actor, rejectAccountRequestCommand, { requestId, reason }, now);
}
