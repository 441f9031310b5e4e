import { LOCKOUT_SECONDS, MAX_FAILED_LOGINS, passwordChangeReason, passwordProblem, usernameKey } from '@shared/domain/password-policy';
import { unitInfoSchema } from '@shared/domain/settings-schemas';
import { cleanLine } from '@shared/domain/text';
import type { WenshuDB } from '../database';
import { recordPendingAudit, type AuditDraft } from '../audit';
import { IntegrityError } from '../at-rest/keyring';
import { wrapDataKey } from '../at-rest/key-slots';
import { AT_REST_STATE_KEY, createInstallationKey, endSlotTransitionIfDone, FILES_CHANGED, readCredentials, unlockDataKey } from '../at-rest/session';
import { verifyAgainstDummy, verifyPassword } from '../password-hash';
import type { Actor, UnitInfo, UserRecord } from '../types';
import { writeWithAudit } from '../write';
import { getPasswordPolicy, UNIT_INFO_KEY } from './settings';
import { buildUser, toActor, toView, type UserView } from './users';
import { firstZodProblem } from '@shared/domain/zod-problem';
import { z } from 'zod';
import { defineCommand } from '../commands/define';
import { runCommand } from '../commands/execute';
import { RuleError } from '@shared/domain/rule-error';

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

/** Nobody: the caller of a command run before anyone is signed in (its actAs names who acted). */
const NOBODY: Actor = { id: '', username: '', displayName: '', roles: [] };

/** First run: the unit and its first 系统管理员, in one transaction; refused once any user exists. */
export const completeSetupCommand = defineCommand({
  name: 'setup.complete',
  input: z.object({
    unitName: z.string(),
    fondsCode: z.string(),
    username: z.string(),
    displayName: z.string().optional(),
    password: z.string(),
    passwordConfirm: z.string(),
  }),
  permission: 'signed-out',
  tables: ['users', 'settings'],
  // Validation, the password hash, the installation's key and its slot: before the transaction.
  prepare: async (db, _nobody, input, now) => {
    const unit = unitInfoSchema.safeParse({ name: input.unitName, fondsCode: input.fondsCode });
    if (!unit.success) {
      const e = firstZodProblem(unit.error);
      throw RuleError.at(e.field === 'name' ? 'unitName' : 'fondsCode', e.message);
    }
    if (input.password !== input.passwordConfirm) throw RuleError.at('passwordConfirm', '两次输入的密码不一致');
    const p = passwordProblem(input.username, input.password);
    if (p) throw RuleError.at('password', p);
    // Refused before a key is made: a second setup must not replace the key of a working installation.
    if ((await db.users.count()) > 0) throw new RuleError('系统已完成初始化');
    const built = await buildUser(
      {
        username: input.username,
        displayName: cleanLine(input.displayName) || input.username.trim(),
        password: input.password,
        roles: ['系统管理员'],
      },
      now,
      false,
    );
    // The installation's data key is born here, open from now on, and wrapped for the first account.
    const atRest = await createInstallationKey(db, now);
    const admin: UserRecord = { ...built, keySlot: await wrapDataKey(db.keyring, input.password) };
    return { admin, atRest, unitInfo: unit.data as UnitInfo };
  },
  actAs: ({ admin }) => toActor(admin),
  run: async ({ db, put, add, audit }, _input, { admin, atRest, unitInfo }): Promise<UserView> => {
    if ((await db.users.count()) > 0) throw new RuleError('系统已完成初始化');
    await put('settings', { key: UNIT_INFO_KEY, value: unitInfo });
    await put('settings', { key: AT_REST_STATE_KEY, value: atRest });
    await add('users', admin);
    audit({
      action: '系统初始化',
      entityType: '设置',
      entityId: UNIT_INFO_KEY,
      summary: `单位名称：${unitInfo.name}；全宗号：${unitInfo.fondsCode}`,
    });
    audit({ action: '新增用户', entityType: '用户', entityId: admin.id, summary: `${admin.username}（系统管理员）` });
    return toView(admin);
  },
});

export async function completeSetup(db: WenshuDB, input: SetupInput, now = new Date()): Promise<UserView> {
  return runCommand(db, NOBODY, completeSetupCommand, input, now);
}

export type LoginResult =
  /** sealing: the installation's rows are still to be encrypted (first sign-in after the update). */
  | { ok: true; user: UserView; sealing?: true }
  | { ok: false; message: string; retryAfterSeconds?: number };

/** The one message for an unknown user, a wrong password or a disabled account: nothing is revealed. */
export const BAD_CREDENTIALS = '用户名或密码错误';

/** Failed attempts on a name that is not an account are logged under this, never the typed text. */
export const UNKNOWN_ACTOR = '（未登录）';

/** A refused sign-in: counted, logged and answered by prepare(); login() returns its result. */
class SignInRefused extends Error {
  constructor(readonly result: LoginResult & { ok: false }) {
    super(result.message);
    this.name = 'SignInRefused';
  }
}

/** What a verified sign-in writes: the account (new key slot, a forced password change), its audit entries. */
interface VerifiedSignIn {
  key: string;
  user: UserRecord;
  signedIn: UserRecord;
  newSlot: boolean;
  reason: string | null;
  migrating: boolean;
}

/**
 * Everything before the write: the attempt counted, the password checked (slow, memory-hard) and
 * the data key opened. A refusal is counted and logged here and thrown as SignInRefused; the
 * throttle counters are not commands (nobody is signed in) and are written in their own
 * transactions, so parallel attempts are all counted.
 */
async function verifySignIn(db: WenshuDB, username: string, password: string, now: Date): Promise<VerifiedSignIn> {
  const key = usernameKey(username);
  if (!key || !password) throw new SignInRefused({ ok: false, message: '请输入用户名和密码' });
  await db.keyring.settled();
  // A key already open in this window (another session's, e.g. a test's or another tab's) stays open
  // when this attempt fails; one this attempt opened is dropped again.
  const heldBefore = db.keyring.isUnlocked();

  // Nobody is signed in, so the data key is not open: the account's password hash and key slot
  // are read as stored; who the account is (name, roles, disabled) only once the key is open.
  const cred = await readCredentials(db, key);
  const actorOf = { id: cred?.id ?? '', username: cred ? key : UNKNOWN_ACTOR };

  // 1. Count the attempt before checking the password, in one transaction: parallel attempts
  //    are all counted, so the lockout cannot be raced. Counted per typed name, existing or not.
  const lockedFor = await db.transaction('rw', [db.loginThrottle], async () => {
    const throttle = await db.loginThrottle.get(key);
    if (throttle?.lockedUntil && new Date(throttle.lockedUntil) > now) {
      return Math.ceil((new Date(throttle.lockedUntil).getTime() - now.getTime()) / 1000);
    }
    await db.loginThrottle.put({ usernameKey: key, failures: (throttle?.lockedUntil ? 0 : (throttle?.failures ?? 0)) + 1 });
    return null;
  });
  if (lockedFor !== null) {
    await noteLoginEvent(db, actorOf, { action: '登录被拒', entityType: '用户', entityId: cred?.id ?? '', summary: `${cred ? key : '未知用户名'}：锁定期间再次尝试` }, now);
    throw new SignInRefused({ ok: false, message: lockedMessage(lockedFor), retryAfterSeconds: lockedFor });
  }

  // 2. The slow, memory-hard check, outside any transaction; then the data key.
  const passwordOk = cred ? await verifyPassword(password, cred.passwordHash) : (await verifyAgainstDummy(password), false);
  let refusal: { reason: string; message: string } = { reason: cred ? '密码错误' : '用户名不存在', message: BAD_CREDENTIALS };
  if (cred && passwordOk) {
    const opened = await unlockDataKey(db, cred, password, now);
    if (!opened.ok) refusal = { reason: opened.message, message: opened.message };
    else {
      const user = await readAccount(db, cred.id);
      if (user === 'changed') refusal = { reason: FILES_CHANGED, message: FILES_CHANGED };
      else if (user && !user.disabled) {
        // Weak under today's password policy, or too old: replaced before anything is shown.
        const reason = user.mustChangePassword ? null : passwordChangeReason(await getPasswordPolicy(db), { username: user.username, password, changedAt: user.passwordChangedAt ?? user.createdAt }, now);
        const signedIn = { ...user, ...(opened.newSlot ? { keySlot: opened.newSlot } : {}), ...(reason ? { mustChangePassword: true, mustChangeReason: reason } : {}) };
        return { key, user, signedIn, newSlot: !!opened.newSlot, reason, migrating: opened.migrating };
      } else refusal = { reason: '账户已停用', message: BAD_CREDENTIALS };
      if (!heldBefore) db.keyring.lock();
    }
  }

  // 3. A failure: the attempt that reaches the limit starts the lockout.
  const startsLock = await db.transaction('rw', [db.loginThrottle], async () => {
    const t = await db.loginThrottle.get(key);
    const starts = !!t && !t.lockedUntil && t.failures >= MAX_FAILED_LOGINS;
    if (starts) await db.loginThrottle.put({ usernameKey: key, failures: 0, lockedUntil: new Date(now.getTime() + LOCKOUT_SECONDS * 1000).toISOString() });
    return starts;
  });
  await noteLoginEvent(db, actorOf, {
    action: '登录失败',
    entityType: '用户',
    entityId: cred?.id ?? '',
    summary: `${cred ? key : '未知用户名'}：${refusal.reason}${startsLock ? `，锁定 ${LOCKOUT_SECONDS} 秒` : ''}`,
  }, now);
  if (startsLock) throw new SignInRefused({ ok: false, message: lockedMessage(LOCKOUT_SECONDS), retryAfterSeconds: LOCKOUT_SECONDS });
  throw new SignInRefused({ ok: false, message: refusal.message });
}

/**
 * 登录: the credentials are checked in prepare() (so running it by name proves the password too);
 * the write clears the attempt counter, stores a new key slot or a forced password change, and
 * logs the sign-in as the account.
 */
export const signInCommand = defineCommand({
  name: 'session.signIn',
  input: z.object({ username: z.string(), password: z.string() }),
  permission: 'signed-out',
  tables: ['loginThrottle', 'users'],
  // A cut audit log must not lock everyone out: the 安全审计员 signs in to acknowledge it.
  pendingIfRefused: true,
  prepare: (db, _nobody, { username, password }, now) => verifySignIn(db, username, password, now),
  actAs: ({ signedIn }) => toActor(signedIn),
  run: async ({ put, delete: remove, audit }, _input, { key, user, signedIn, newSlot, reason, migrating }) => {
    await remove('loginThrottle', key);
    if (newSlot || reason) await put('users', signedIn);
    audit({ action: '登录', entityType: '用户', entityId: user.id, summary: `${user.username} 登录成功${newSlot ? '（已为本账户生成数据密钥槽）' : ''}` });
    if (reason) audit({ action: '要求修改密码', entityType: '用户', entityId: user.id, summary: `${user.username}：${reason}` });
    return { user: toView(signedIn), newSlot, migrating };
  },
});

export async function login(db: WenshuDB, username: string, password: string, now = new Date()): Promise<LoginResult> {
  try {
    const { user, newSlot, migrating } = await runCommand(db, NOBODY, signInCommand, { username, password }, now);
    // The at-rest transition ends once every account has its slot (raw reads: after the transaction).
    if (newSlot) await endSlotTransitionIfDone(db);
    return { ok: true, user, ...(migrating ? { sealing: true } : {}) };
  } catch (e) {
    if (e instanceof SignInRefused) return e.result;
    throw e;
  }
}

/** The account as stored, read through the data key: 'changed' when its row was altered in the files. */
async function readAccount(db: WenshuDB, id: string): Promise<UserRecord | undefined | 'changed'> {
  try {
    return await db.users.get(id);
  } catch (e) {
    if (e instanceof IntegrityError) return 'changed';
    throw e;
  }
}

/**
 * A login event goes into the audit chain when the key is open (another window signed in, or a
 * test), else it waits in pendingAudit for the next sign-in (the chain is sealed under the key).
 * Not a command: it records a refused attempt, by nobody signed in, and writes no table (so the
 * change log misses nothing); a command would let anyone write a failed sign-in for any name.
 */
async function noteLoginEvent(db: WenshuDB, actor: { id: string; username: string }, draft: AuditDraft, now: Date): Promise<void> {
  if (db.keyring.isUnlocked()) await writeWithAudit(db, actor, [], async (audit) => audit(draft), now, { pendingIfRefused: true });
  else await recordPendingAudit(db, actor, draft, now);
}

function lockedMessage(seconds: number): string {
  return `连续输错密码 ${MAX_FAILED_LOGINS} 次，请 ${seconds} 秒后再试`;
}

/**
 * 退出登录 and 空闲锁定: audit entries only. 'signed-out' in the pipeline's terms: an account that
 * was disabled, or must change its password, still signs out and is still logged.
 */
function sessionEnd<N extends string>(name: N, action: string) {
  return defineCommand({
    name,
    input: z.object({}),
    permission: 'signed-out',
    tables: [],
    pendingIfRefused: true,
    run: async ({ actor, audit }) => {
      audit({ action, entityType: '用户', entityId: actor.id, summary: actor.username });
    },
  });
}

export const signOutCommand = sessionEnd('session.signOut', '退出登录');
export const lockCommand = sessionEnd('session.lock', '空闲锁定');

export async function logoutAudit(db: WenshuDB, user: UserView, reason: '退出' | '锁定', now = new Date()): Promise<void> {
  await runCommand(db, toActor(user), reason === '退出' ? signOutCommand : lockCommand, {}, now);
}

/** Re-reads the signed-in user (roles or disabled may have changed since login). */
export async function currentUser(db: WenshuDB, id: string): Promise<UserView | null> {
  const u = await db.users.get(id);
  return u && !u.disabled ? toView(u) : null;
}
