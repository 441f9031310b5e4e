import { LOCKOUT_SECONDS, MAX_FAILED_LOGINS, passwordProblem, usernameKey } from '@shared/domain/password-policy';
import { unitInfoSchema } from '@shared/domain/settings-schemas';
import type { WenshuDB } from '../database';
import { FieldError, RuleError } from '../errors';
import { appendAudit } from '../audit';
import { verifyAgainstDummy, verifyPassword } from '../password-hash';
import type { UnitInfo } from '../types';
import { writeWithAudit } from '../write';
import { UNIT_INFO_KEY } from './settings';
import { buildUser, toActor, toView, type UserView } from './users';
import { firstZodProblem } from './zod-problem';

export async function needsSetup(db: WenshuDB): Promise<boolean> {
  return (await db.users.count()) === 0;
}

export interface SetupInput {
  unitName: string;
  fondsCode: string;
  username: string;
  displayName?: string;
  password: string;
  passwordConfirm: string;
}

/** First run: the unit and its first 系统管理员, in one transaction; refused once any user exists. */
export async function completeSetup(db: WenshuDB, input: SetupInput, now = new Date()): Promise<UserView> {
  const unit = unitInfoSchema.safeParse({ name: input.unitName, fondsCode: input.fondsCode });
  if (!unit.success) {
    const e = firstZodProblem(unit.error);
    throw new FieldError(e.field === 'name' ? 'unitName' : 'fondsCode', e.message);
  }
  if (input.password !== input.passwordConfirm) throw new FieldError('passwordConfirm', '两次输入的密码不一致');
  const p = passwordProblem(input.username, input.password);
  if (p) throw new FieldError('password', p);
  const admin = await buildUser(
    {
      username: input.username,
      displayName: input.displayName?.trim() || input.username.trim(),
      password: input.password,
      roles: ['系统管理员'],
    },
    now,
    false,
  );
  const unitInfo: UnitInfo = unit.data;
  await writeWithAudit(
    db,
    admin,
    [db.users],
    async (audit) => {
      if ((await db.users.count()) > 0) throw new RuleError('系统已完成初始化');
      await db.settings.put({ key: UNIT_INFO_KEY, value: unitInfo });
      await db.users.add(admin);
      audit({
        action: '系统初始化',
        entityType: '设置',
        entityId: UNIT_INFO_KEY,
        summary: `单位名称：${unitInfo.name}；全宗号：${unitInfo.fondsCode}`,
      });
      audit({ action: '新增用户', entityType: '用户', entityId: admin.id, summary: `${admin.username}（系统管理员）` });
    },
    now,
  );
  return toView(admin);
}

export type LoginResult =
  | { ok: true; user: UserView }
  | { ok: false; message: string; retryAfterSeconds?: number };

/** The one message for an unknown user, a wrong password or a disabled account: nothing is revealed. */
export const BAD_CREDENTIALS = '用户名或密码错误';

/** Failed attempts on a name that is not an account are logged under this, never the typed text. */
export const UNKNOWN_ACTOR = '（未登录）';

export async function login(db: WenshuDB, username: string, password: string, now = new Date()): Promise<LoginResult> {
  const key = usernameKey(username);
  if (!key || !password) return { ok: false, message: '请输入用户名和密码' };

  // 1. Count the attempt before checking the password, in one transaction: parallel attempts
  //    are all counted, so the lockout cannot be raced. Counted per typed name, existing or not.
  const reserved = await db.transaction('rw', [db.loginThrottle, db.users, db.auditLog, db.settings], async () => {
    const throttle = await db.loginThrottle.get(key);
    const user = await db.users.where('usernameKey').equals(key).first();
    if (throttle?.lockedUntil && new Date(throttle.lockedUntil) > now) {
      await appendAudit(db, { id: user?.id ?? '', username: user?.username ?? UNKNOWN_ACTOR }, [
        { action: '登录被拒', entityType: '用户', entityId: user?.id ?? '', summary: `${user ? user.username : '未知用户名'}：锁定期间再次尝试` },
      ], now);
      return { locked: Math.ceil((new Date(throttle.lockedUntil).getTime() - now.getTime()) / 1000), user: undefined };
    }
    await db.loginThrottle.put({ usernameKey: key, failures: (throttle?.lockedUntil ? 0 : (throttle?.failures ?? 0)) + 1 });
    return { locked: null, user };
  });
  if (reserved.locked !== null) return { ok: false, message: lockedMessage(reserved.locked), retryAfterSeconds: reserved.locked };

  // 2. The slow, memory-hard check, outside any transaction.
  const user = reserved.user;
  const passwordOk = user ? await verifyPassword(password, user.passwordHash) : (await verifyAgainstDummy(password), false);

  if (user && passwordOk && !user.disabled) {
    await writeWithAudit(
      db,
      user,
      [db.loginThrottle],
      async (audit) => {
        await db.loginThrottle.delete(key);
        audit({ action: '登录', entityType: '用户', entityId: user.id, summary: `${user.username} 登录成功` });
      },
      now,
    );
    return { ok: true, user: toView(user) };
  }

  // 3. A failure: the attempt that reaches the limit starts the lockout.
  const locked = await writeWithAudit(
    db,
    { id: user?.id ?? '', username: user?.username ?? UNKNOWN_ACTOR },
    [db.loginThrottle],
    async (audit) => {
      const t = await db.loginThrottle.get(key);
      const startsLock = !!t && !t.lockedUntil && t.failures >= MAX_FAILED_LOGINS;
      if (startsLock) {
        await db.loginThrottle.put({ usernameKey: key, failures: 0, lockedUntil: new Date(now.getTime() + LOCKOUT_SECONDS * 1000).toISOString() });
      }
      audit({
        action: '登录失败',
        entityType: '用户',
        entityId: user?.id ?? '',
        summary: `${user ? user.username : '未知用户名'}：${!user ? '用户名不存在' : user.disabled && passwordOk ? '账户已停用' : '密码错误'}${startsLock ? `，锁定 ${LOCKOUT_SECONDS} 秒` : ''}`,
      });
      const after = await db.loginThrottle.get(key);
      return !!after?.lockedUntil && new Date(after.lockedUntil) > now;
    },
    now,
  );
  if (locked) return { ok: false, message: lockedMessage(LOCKOUT_SECONDS), retryAfterSeconds: LOCKOUT_SECONDS };
  return { ok: false, message: BAD_CREDENTIALS };
}

function lockedMessage(seconds: number): string {
  return `连续输错密码 ${MAX_FAILED_LOGINS} 次，请 ${seconds} 秒后再试`;
}

export async function logoutAudit(db: WenshuDB, user: UserView, reason: '退出' | '锁定', now = new Date()): Promise<void> {
  await writeWithAudit(
    db,
    toActor(user),
    [],
    async (audit) => {
      audit({ action: reason === '退出' ? '退出登录' : '空闲锁定', entityType: '用户', entityId: user.id, summary: user.username });
    },
    now,
  );
}

/** Re-reads the signed-in user (roles or disabled may have changed since login). */
export async function currentUser(db: WenshuDB, id: string): Promise<UserView | null> {
  const u = await db.users.get(id);
  return u && !u.disabled ? toView(u) : null;
}
