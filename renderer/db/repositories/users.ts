import { authorize } from '../authorize';
import { passwordProblem, usernameKey, usernameProblem } from '@shared/domain/password-policy';
import { roleSetProblem, type Role } from '@shared/domain/permissions';
import type { WenshuDB } from '../database';
import { FieldError, RuleError } from '../errors';
import { newId } from '../ids';
import { hashPassword, verifyPassword } from '../password-hash';
import type { Actor, UserRecord } from '../types';
import { writeWithAudit } from '../write';

/** What the UI may see of a user: never the hash. */
export type UserView = Omit<UserRecord, 'passwordHash'>;

export function toView(u: UserRecord): UserView {
  const { passwordHash: _omit, ...rest } = u;
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
  return all.filter((u) => !u.disabled).map((u) => ({ id: u.id, displayName: u.displayName, username: u.username }));
}

export interface NewUserInput {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  departmentId?: string;
}

function checkNewUser(input: NewUserInput): void {
  const u = usernameProblem(input.username);
  if (u) throw new FieldError('username', u);
  if (!input.displayName.trim()) throw new FieldError('displayName', '请输入姓名');
  if (input.displayName.trim().length > 20) throw new FieldError('displayName', '姓名不能超过 20 个字');
  const p = passwordProblem(input.username, input.password);
  if (p) throw new FieldError('password', p);
  const r = roleSetProblem(input.roles);
  if (r) throw new FieldError('roles', r);
}

/** Builds the record; the caller writes it inside its own audited transaction. */
export async function buildUser(input: NewUserInput, now: Date, mustChangePassword: boolean): Promise<UserRecord> {
  checkNewUser(input);
  const at = now.toISOString();
  return {
    id: newId(),
    username: input.username.normalize('NFKC').trim(),
    usernameKey: usernameKey(input.username),
    displayName: input.displayName.trim(),
    ...(input.departmentId ? { departmentId: input.departmentId } : {}),
    roles: [...input.roles],
    passwordHash: await hashPassword(input.password),
    disabled: false,
    mustChangePassword,
    createdAt: at,
    updatedAt: at,
  };
}

export async function createUser(db: WenshuDB, actor: Actor, input: NewUserInput, now = new Date()): Promise<UserView> {
  actor = await authorize(db, actor, 'users.manage');
  // Hashing is async work outside IndexedDB, so it happens before the transaction opens.
  const record = await buildUser(input, now, true);
  await writeWithAudit(
    db,
    actor,
    [db.users],
    async (audit) => {
      if (await db.users.where('usernameKey').equals(record.usernameKey).first()) {
        throw new FieldError('username', '该用户名已被使用');
      }
      await db.users.add(record);
      audit({
        action: '新增用户',
        entityType: '用户',
        entityId: record.id,
        summary: `${record.username}（${record.displayName}）角色：${record.roles.join('、')}`,
      });
    },
    now,
  );
  return toView(record);
}

async function mustGet(db: WenshuDB, id: string): Promise<UserRecord> {
  const u = await db.users.get(id);
  if (!u) throw new RuleError('该用户不存在');
  return u;
}

/** The last enabled 系统管理员 can be neither disabled nor stripped of the role: nobody could manage accounts. */
async function ensureAnotherAdminRemains(db: WenshuDB, excludingId: string): Promise<void> {
  const others = await db.users
    .filter((u) => u.id !== excludingId && !u.disabled && u.roles.includes('系统管理员'))
    .count();
  if (others === 0) throw new RuleError('这是唯一启用的系统管理员，不能停用或取消其系统管理员角色');
}

export async function updateUser(
  db: WenshuDB,
  actor: Actor,
  id: string,
  patch: { displayName?: string; roles?: Role[]; departmentId?: string | null },
  now = new Date(),
): Promise<UserView> {
  actor = await authorize(db, actor, 'users.manage');
  if (patch.roles) {
    const r = roleSetProblem(patch.roles);
    if (r) throw new FieldError('roles', r);
    if (id === actor.id) throw new FieldError('roles', '不能修改自己的角色');
  }
  if (patch.displayName !== undefined && !patch.displayName.trim()) throw new FieldError('displayName', '请输入姓名');
  return writeWithAudit(
    db,
    actor,
    [db.users],
    async (audit) => {
      const before = await mustGet(db, id);
      if (patch.roles && before.roles.includes('系统管理员') && !patch.roles.includes('系统管理员') && !before.disabled) {
        await ensureAnotherAdminRemains(db, id);
      }
      const after: UserRecord = {
        ...before,
        ...(patch.displayName !== undefined ? { displayName: patch.displayName.trim() } : {}),
        ...(patch.roles ? { roles: [...patch.roles] } : {}),
        updatedAt: now.toISOString(),
      };
      if (patch.departmentId === null) delete after.departmentId;
      else if (patch.departmentId) after.departmentId = patch.departmentId;
      await db.users.put(after);
      audit({
        action: '修改用户',
        entityType: '用户',
        entityId: id,
        summary: `${after.username}：角色 ${before.roles.join('、')} → ${after.roles.join('、')}`,
        details: { before: toView(before), after: toView(after) },
      });
      return toView(after);
    },
    now,
  );
}

/** Accounts are disabled, never deleted: their names stay on every record they touched. */
export async function setUserDisabled(db: WenshuDB, actor: Actor, id: string, disabled: boolean, now = new Date()): Promise<void> {
  actor = await authorize(db, actor, 'users.manage');
  if (disabled && id === actor.id) throw new RuleError('不能停用自己的账户');
  await writeWithAudit(
    db,
    actor,
    [db.users],
    async (audit) => {
      const u = await mustGet(db, id);
      if (disabled && u.roles.includes('系统管理员')) await ensureAnotherAdminRemains(db, id);
      await db.users.put({ ...u, disabled, updatedAt: now.toISOString() });
      audit({ action: disabled ? '停用用户' : '启用用户', entityType: '用户', entityId: id, summary: u.username });
    },
    now,
  );
}

export async function resetPassword(db: WenshuDB, actor: Actor, id: string, newPassword: string, now = new Date()): Promise<void> {
  actor = await authorize(db, actor, 'users.manage');
  const target = await mustGet(db, id);
  const p = passwordProblem(target.username, newPassword);
  if (p) throw new FieldError('password', p);
  const passwordHash = await hashPassword(newPassword);
  await writeWithAudit(
    db,
    actor,
    [db.users, db.loginThrottle],
    async (audit) => {
      const u = await mustGet(db, id);
      await db.users.put({ ...u, passwordHash, mustChangePassword: true, updatedAt: now.toISOString() });
      await db.loginThrottle.delete(u.usernameKey);
      audit({ action: '重置密码', entityType: '用户', entityId: id, summary: `${u.username}（下次登录须修改密码）` });
    },
    now,
  );
}

export async function changeOwnPassword(
  db: WenshuDB,
  actor: Actor,
  currentPassword: string,
  newPassword: string,
  now = new Date(),
): Promise<void> {
  const u = await mustGet(db, actor.id);
  if (u.disabled) throw new RuleError('账户已停用');
  if (!(await verifyPassword(currentPassword, u.passwordHash))) throw new FieldError('currentPassword', '当前密码不正确');
  const p = passwordProblem(u.username, newPassword);
  if (p) throw new FieldError('newPassword', p);
  if (currentPassword === newPassword) throw new FieldError('newPassword', '新密码不能与当前密码相同');
  const passwordHash = await hashPassword(newPassword);
  await writeWithAudit(
    db,
    actor,
    [db.users],
    async (audit) => {
      const fresh = await mustGet(db, actor.id);
      // An administrator's reset between our check and this write wins: ask again.
      if (fresh.passwordHash !== u.passwordHash) throw new FieldError('currentPassword', '密码刚被管理员重置，请使用新密码重试');
      await db.users.put({ ...fresh, passwordHash, mustChangePassword: false, updatedAt: now.toISOString() });
      audit({ action: '修改密码', entityType: '用户', entityId: actor.id, summary: fresh.username });
    },
    now,
  );
}
