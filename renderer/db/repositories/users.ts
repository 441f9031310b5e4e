import { isBootstrapRoleSet } from '@shared/domain/account-approval';
import { wrapDataKey, type KeySlot } from '../at-rest/key-slots';
import { keyringFor } from '../at-rest/keyring';
import { authorize } from '../authorize';
import {
  DEFAULT_PASSWORD_POLICY,
  PASSWORD_HISTORY_SIZE,
  PASSWORD_REUSE_MESSAGE,
  passwordProblem,
  usernameKey,
  usernameProblem,
  type PasswordPolicy,
} from '@shared/domain/password-policy';
import { roleSetProblem, type Role } from '@shared/domain/permissions';
import { cleanLine } from '@shared/domain/text';
import type { WenshuDB } from '../database';
import { officeAccounts } from '../lan/pull';
import { newId } from '../ids';
import { hashPassword, verifyPassword } from '../password-hash';
import type { Actor, UserRecord } from '../types';
import { z } from 'zod';
import { defineCommand } from '../commands/define';
import { runCommand } from '../commands/execute';
import { getPasswordPolicy } from './settings';
import { RuleError } from '@shared/domain/rule-error';

/** What the UI may see of a user: never the hash. */
export type UserView = Omit<UserRecord, 'passwordHash' | 'keySlot' | 'passwordHistory'>;

export function toView(u: UserRecord): UserView {
  const { passwordHash: _omit, keySlot: _slot, passwordHistory: _history, ...rest } = u;
  return rest;
}

export function toActor(u: UserRecord | UserView): Actor {
  return { id: u.id, username: u.username, displayName: u.displayName, roles: [...u.roles] };
}

export async function listUsers(db: WenshuDB, actor: Actor): Promise<UserView[]> {
  await authorize(db, actor, 'users.manage');
  return (await db.users.toArray()).map(toView).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** People named in records (承办人, 传阅 readers …) — names only, any signed-in user may list them. */
export async function listActiveUserNames(db: WenshuDB): Promise<{ id: string; displayName: string; username: string }[]> {
  const all = await db.users.toArray();
  const here = all.filter((u) => !u.disabled).map((u) => ({ id: u.id, displayName: u.displayName, username: u.username }));
  // A LAN seat: the office's accounts on the server too (their ids are the ones records name).
  const known = new Set(all.map((u) => u.id));
  return [...here, ...(await officeAccounts(db)).filter((a) => !known.has(a.id))];
}

export interface NewUserInput {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  departmentId?: string;
}

function checkNewUser(input: NewUserInput, policy: PasswordPolicy): void {
  const u = usernameProblem(input.username);
  if (u) throw RuleError.at('username', u);
  // 姓名 is cleaned of control, bidi and zero-width characters (shared/domain/text.ts).
  const displayName = cleanLine(input.displayName);
  if (!displayName) throw RuleError.at('displayName', '请输入姓名');
  if (displayName.length > 20) throw RuleError.at('displayName', '姓名不能超过 20 个字');
  const p = passwordProblem(input.username, input.password, policy);
  if (p) throw RuleError.at('password', p);
  const r = roleSetProblem(input.roles);
  if (r) throw RuleError.at('roles', r);
}

/** Builds the record; the caller writes it inside its own audited transaction. */
export async function buildUser(
  input: NewUserInput,
  now: Date,
  mustChangePassword: boolean,
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
): Promise<UserRecord> {
  checkNewUser(input, policy);
  const at = now.toISOString();
  return {
    id: newId(),
    username: input.username.normalize('NFKC').trim(),
    usernameKey: usernameKey(input.username),
    displayName: cleanLine(input.displayName),
    ...(input.departmentId ? { departmentId: input.departmentId } : {}),
    roles: [...input.roles],
    passwordHash: await hashPassword(input.password),
    disabled: false,
    mustChangePassword,
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * The data key wrapped for `password`, computed in the session that makes the password take
 * effect (it holds the key). Undefined only where no key is open (no data key exists yet): the
 * account then cannot open the key until it gets a slot, which costs availability, never secrecy.
 */
export async function keySlotFor(db: WenshuDB, password: string): Promise<KeySlot | undefined> {
  const ring = keyringFor(db.name);
  return ring.isUnlocked() ? wrapDataKey(ring, password) : undefined;
}

/** 初始配置 lasts while no account has ever held 安全保密管理员 (accounts are never deleted). */
export async function accountBootstrapOpen(db: WenshuDB): Promise<boolean> {
  return (await db.users.filter((u) => u.roles.includes('安全保密管理员')).count()) === 0;
}

const newUserInput = z.object({
  username: z.string(),
  displayName: z.string(),
  password: z.string(),
  // Role names are checked by roleSetProblem (one message for an unknown role or a bad set).
  roles: z.array(z.string()).transform((r) => r as Role[]),
  departmentId: z.string().optional(),
});

/**
 * 初始配置 only (三员分立): while no 保密员 exists, nobody could approve anything, so the
 * 系统管理员 creates the first 安全保密管理员 and 安全审计员 directly, with an initial password
 * their owner must change at first sign-in. Every other account is proposed with
 * requestNewAccount (account-requests.ts) and exists only once a 保密员 approves it.
 */
export const createUserCommand = defineCommand({
  name: 'user.create',
  input: newUserInput,
  permission: 'users.manage',
  tables: ['users', 'accountRequests'],
  // Hashing and wrapping are async work outside IndexedDB, so they happen before the transaction opens.
  prepare: async (db, _actor, input, now) => {
    const record = await buildUser(input, now, true, await getPasswordPolicy(db));
    if (!isBootstrapRoleSet(record.roles)) throw new RuleError('新建账户须提交安全保密管理员审批');
    const keySlot = await keySlotFor(db, input.password);
    if (keySlot) record.keySlot = keySlot;
    return record;
  },
  run: async ({ db, add, audit }, _input, record): Promise<UserView> => {
    if (!(await accountBootstrapOpen(db))) throw new RuleError('已有安全保密管理员，新建账户须提交审批');
    if (await db.users.where('usernameKey').equals(record.usernameKey).first()) {
      throw RuleError.at('username', '该用户名已被使用');
    }
    const pending = await db.accountRequests.where('state').equals('待审批').toArray();
    if (pending.some((r) => r.kind === '新建账户' && usernameKey(r.username) === record.usernameKey)) {
      throw RuleError.at('username', '该用户名已有待审批的新建申请');
    }
    await add('users', record);
    audit({
      action: '初始配置',
      entityType: '用户',
      entityId: record.id,
      summary: `新增用户 ${record.username}（${record.displayName}）角色：${record.roles.join('、')}；初始密码由系统管理员设置，首次登录须修改`,
    });
    return toView(record);
  },
});

export async function createUser(db: WenshuDB, actor: Actor, input: NewUserInput, now = new Date()): Promise<UserView> {
  return runCommand(db, actor, createUserCommand, input, now);
}

async function mustGet(db: WenshuDB, id: string): Promise<UserRecord> {
  const u = await db.users.get(id);
  if (!u) throw new RuleError('该用户不存在');
  return u;
}

/** The last enabled 系统管理员 can be neither disabled nor stripped of the role: nobody could manage accounts. */
export async function ensureAnotherAdminRemains(db: WenshuDB, excludingId: string): Promise<void> {
  const others = await db.users
    .filter((u) => u.id !== excludingId && !u.disabled && u.roles.includes('系统管理员'))
    .count();
  if (others === 0) throw new RuleError('这是唯一启用的系统管理员，不能停用或取消其系统管理员角色');
}

/** Likewise the last enabled 安全保密管理员: nobody else could approve account requests. */
export async function ensureAnotherSecrecyAdminRemains(db: WenshuDB, excludingId: string): Promise<void> {
  const others = await db.users
    .filter((u) => u.id !== excludingId && !u.disabled && u.roles.includes('安全保密管理员'))
    .count();
  if (others === 0) throw new RuleError('这是唯一启用的安全保密管理员，不能停用或取消其安全保密管理员角色');
}

/**
 * 姓名 and 机构 only: they grant nothing. Roles are granted by the 安全保密管理员, on the
 * 系统管理员's proposal (requestRoleChange in account-requests.ts).
 */
export const updateUserCommand = defineCommand({
  name: 'user.update',
  // Loose: a caller from before the split (or the console) passing roles is refused, not ignored.
  input: z.looseObject({ id: z.string(), displayName: z.string().optional(), departmentId: z.string().nullable().optional() }),
  permission: 'users.manage',
  tables: ['users'],
  prepare: async (_db, _actor, input) => {
    if ('roles' in input) throw RuleError.at('roles', '修改角色须提交安全保密管理员审批');
    if (input.displayName !== undefined && !cleanLine(input.displayName)) throw RuleError.at('displayName', '请输入姓名');
  },
  run: async ({ db, put, audit, now }, patch): Promise<UserView> => {
    const id = patch.id;
    const before = await mustGet(db, id);
    const after: UserRecord = {
      ...before,
      ...(patch.displayName !== undefined ? { displayName: cleanLine(patch.displayName) } : {}),
      updatedAt: now.toISOString(),
    };
    if (patch.departmentId === null) delete after.departmentId;
    else if (patch.departmentId) after.departmentId = patch.departmentId;
    await put('users', after);
    audit({
      action: '修改用户',
      entityType: '用户',
      entityId: id,
      summary: `${after.username}：姓名 ${before.displayName} → ${after.displayName}`,
      details: { before: toView(before), after: toView(after) },
    });
    return toView(after);
  },
});

export async function updateUser(
  db: WenshuDB,
  actor: Actor,
  id: string,
  patch: { displayName?: string; departmentId?: string | null },
  now = new Date(),
): Promise<UserView> {
  return runCommand(db, actor, updateUserCommand, { ...patch, id }, now);
}

/** Accounts are disabled, never deleted: their names stay on every record they touched. */
export const disableUserCommand = defineCommand({
  name: 'user.disable',
  input: z.object({ id: z.string() }),
  permission: 'users.manage',
  tables: ['users'],
  prepare: async (_db, actor, { id }) => {
    if (id === actor.id) throw new RuleError('不能停用自己的账户');
  },
  run: async ({ db, put, audit, now }, { id }) => {
    const u = await mustGet(db, id);
    if (u.disabled) throw new RuleError('该账户已停用');
    if (u.roles.includes('系统管理员')) await ensureAnotherAdminRemains(db, id);
    if (u.roles.includes('安全保密管理员')) await ensureAnotherSecrecyAdminRemains(db, id);
    await put('users', { ...u, disabled: true, updatedAt: now.toISOString() });
    audit({ action: '停用用户', entityType: '用户', entityId: id, summary: u.username });
  },
});

export async function setUserDisabled(db: WenshuDB, actor: Actor, id: string, disabled: boolean, now = new Date()): Promise<void> {
  if (!disabled) {
    // 停用 only takes access away; 启用 restores it, so it is a request (requestEnable).
    await authorize(db, actor, 'users.manage');
    throw new RuleError('启用账户须提交安全保密管理员审批');
  }
  await runCommand(db, actor, disableUserCommand, { id }, now);
}

/**
 * The signed-in user's own password. 'signed-out' in the pipeline's terms: authorize() would
 * refuse an account that must change its password, which is exactly who needs this; the current
 * password is checked instead, and the account is re-read (disabled is refused).
 */
export const changePasswordCommand = defineCommand({
  name: 'user.changePassword',
  input: z.object({ currentPassword: z.string(), newPassword: z.string() }),
  permission: 'signed-out',
  tables: ['users'],
  // Every argon2 step (verify, history, hash, key slot) here, before the transaction.
  prepare: async (db, actor, { currentPassword, newPassword }) => {
    const u = await mustGet(db, actor.id);
    if (u.disabled) throw new RuleError('账户已停用');
    if (!(await verifyPassword(currentPassword, u.passwordHash))) throw RuleError.at('currentPassword', '当前密码不正确');
    const p = passwordProblem(u.username, newPassword, await getPasswordPolicy(db));
    if (p) throw RuleError.at('newPassword', p);
    if (currentPassword === newPassword) throw RuleError.at('newPassword', '新密码不能与当前密码相同');
    // The current password plus the earlier ones kept make the last PASSWORD_HISTORY_SIZE.
    const earlier = (u.passwordHistory ?? []).slice(0, PASSWORD_HISTORY_SIZE - 1);
    for (const old of earlier) {
      if (await verifyPassword(newPassword, old)) throw RuleError.at('newPassword', PASSWORD_REUSE_MESSAGE);
    }
    const passwordHash = await hashPassword(newPassword);
    // The data key, re-wrapped for the new password.
    const keySlot = await wrapDataKey(keyringFor(db.name), newPassword);
    return { user: u, passwordHash, keySlot };
  },
  actAs: ({ user }) => toActor(user),
  run: async ({ db, put, audit, now }, _input, { user: u, passwordHash, keySlot }) => {
    const fresh = await mustGet(db, u.id);
    // An administrator's reset between our check and this write wins: ask again.
    if (fresh.passwordHash !== u.passwordHash) throw RuleError.at('currentPassword', '密码刚被管理员重置，请使用新密码重试');
    const { mustChangeReason, ...rest } = fresh;
    await put('users', {
      ...rest,
      passwordHash,
      keySlot,
      passwordHistory: [fresh.passwordHash, ...(fresh.passwordHistory ?? [])].slice(0, PASSWORD_HISTORY_SIZE - 1),
      passwordChangedAt: now.toISOString(),
      mustChangePassword: false,
      updatedAt: now.toISOString(),
    });
    audit({
      action: '修改密码',
      entityType: '用户',
      entityId: u.id,
      summary: fresh.mustChangePassword ? `${fresh.username}（按要求修改：${mustChangeReason ?? '初始或重置的密码'}）` : fresh.username,
    });
  },
});

export async function changeOwnPassword(
  db: WenshuDB,
  actor: Actor,
  currentPassword: string,
  newPassword: string,
  now = new Date(),
): Promise<void> {
  await runCommand(db, actor, changePasswordCommand, { currentPassword, newPassword }, now);
}
