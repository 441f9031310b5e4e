import { z } from 'zod';
import { usernameKey } from '@shared/domain/password-policy';
import { ROLES } from '@shared/domain/permissions';
import { RuleError } from '@shared/domain/rule-error';
import type { LanLinkCapability } from '../../platform/types';
import { wrapDataKey } from '../at-rest/key-slots';
import { FILES_CHANGED, readCredentials, unlockWithDataKey } from '../at-rest/session';
import { fromBase64 } from '@shared/backup-format';
import { defineCommand } from '../commands/define';
import { runCommand } from '../commands/execute';
import type { WenshuDB } from '../database';
import { hashPassword } from '../password-hash';
import { login, type LoginResult } from '../repositories/auth';
import { toActor, toView, type UserView } from '../repositories/users';
import type { UserRecord } from '../types';
import type { Posted } from './outbox';
import { Seat, type SeatAccount } from './seat';

// Signing in on a seat of the office LAN (issue #19). In LAN mode the office's accounts live on
// the server: the password goes there first. On success this PC keeps a mirror of the account
// (the server's id, name and roles; a password hash and key slot of its own), so the person can
// sign in here again while the server cannot be reached; an account new to this PC opens the
// files with the data key the seat left with the server at pairing (electron/seat-key.ts). When
// the server cannot be reached, the mirror signs in as any local account does. A local account
// (this PC's 系统管理员 of setup) is not on the server, which refuses it: it signs in locally.

const NOBODY = { id: '', username: '', displayName: '', roles: [] };
/** Why the owner must change the password (shown at sign-in), as the PC's approvals say it. */
const ONE_TIME_ON_SERVER = '审批后发放的一次性初始密码';

const accountSchema = z.object({ id: z.string().min(1).max(64), login: z.string().min(1).max(64), displayName: z.string().min(1).max(60), roles: z.array(z.enum(ROLES)).min(1) });

export const mirrorAccountCommand = defineCommand({
  name: 'lan.mirrorAccount',
  input: z.object({ account: accountSchema, password: z.string().min(1), mustChangePassword: z.boolean().optional() }),
  permission: 'signed-out',
  tables: ['users', 'loginThrottle'],
  pendingIfRefused: true,
  prepare: async (db, _nobody, { account, password, mustChangePassword }, now) => {
    const key = usernameKey(account.login);
    const existing = await db.users.where('usernameKey').equals(key).first();
    if (existing && existing.id !== account.id) throw RuleError.at('username', `本机已有同名的本地账户 ${existing.username}，不能以服务器账户登录；请系统管理员更改其一的用户名`);
    const same = existing ?? (await db.users.get(account.id));
    const user: UserRecord = {
      ...(same ?? { createdAt: now.toISOString(), updatedAt: now.toISOString(), mustChangePassword: false }),
      id: account.id,
      username: account.login,
      usernameKey: key,
      displayName: account.displayName,
      roles: [...account.roles],
      // Slow (argon2id, twice): outside the transaction.
      passwordHash: await hashPassword(password),
      keySlot: await wrapDataKey(db.keyring, password),
      disabled: false,
      // A one-time password from an approval on the server: replaced before anything is shown.
      mustChangePassword: mustChangePassword === true,
      lanAccount: true,
      updatedAt: now.toISOString(),
    };
    if (mustChangePassword) user.mustChangeReason = ONE_TIME_ON_SERVER;
    else delete user.mustChangeReason;
    return { user, key, isNew: !same };
  },
  actAs: ({ user }) => toActor(user),
  run: async ({ put, delete: remove, audit }, _input, { user, key, isNew }): Promise<UserView> => {
    await put('users', user);
    await remove('loginThrottle', key);
    audit({ action: '登录', entityType: '用户', entityId: user.id, summary: `${user.username} 以局域网服务器账户登录${isNew ? '（本机首次，已建立镜像账户）' : ''}` });
    return toView(user);
  },
});

export type SeatSignIn = (LoginResult & { ok: false }) | { ok: true; user: UserView; seat: Seat | null; sealing?: true };

/** Signs `username` in on this seat: with the server when it answers, else locally (a mirror or a local account). */
export async function signInOnSeat(db: WenshuDB, lan: Pick<LanLinkCapability, 'post'>, username: string, password: string, now = new Date()): Promise<SeatSignIn> {
  if (!username.trim() || !password) return { ok: false, message: '请输入用户名和密码' };
  const reply = (await lan.post('/api/sign-in', { login: username.trim(), password })) as Posted;
  if (reply.ok) {
    const body = reply.body as { token: string; account: SeatAccount; dataKey?: string; mustChangePassword?: boolean };
    const mustChange = body.mustChangePassword === true;
    const account = accountSchema.parse(body.account);
    await db.keyring.settled();
    const opened = !db.keyring.isUnlocked();
    if (opened) {
      if (!body.dataKey) {
        await lan.post('/api/sign-out', {}, body.token).catch(() => undefined);
        return { ok: false, message: '服务器上没有本机的数据密钥（本机配对时未留存），请系统管理员解除配对后重新配对' };
      }
      const key = fromBase64(body.dataKey);
      const ours = await unlockWithDataKey(db, key);
      key.fill(0);
      if (!ours) {
        await lan.post('/api/sign-out', {}, body.token).catch(() => undefined);
        return { ok: false, message: FILES_CHANGED };
      }
    }
    try {
      const user = await runCommand(db, NOBODY, mirrorAccountCommand, { account, password, mustChangePassword: mustChange }, now);
      // Until the one-time password is replaced the server's session opens nothing: it is ended,
      // and the seat signs in again with the new password (Seat.changePassword).
      if (mustChange) await lan.post('/api/sign-out', {}, body.token).catch(() => undefined);
      return { ok: true, user, seat: new Seat(db, lan, account, mustChange ? { password, mustChange } : { token: body.token }) };
    } catch (e) {
      if (opened) db.keyring.lock();
      await lan.post('/api/sign-out', {}, body.token).catch(() => undefined);
      if (e instanceof RuleError) return { ok: false, message: e.message };
      throw e;
    }
  }
  // A mirror signs in here only while the server cannot be reached at all: any answer of the
  // server's (a changed password, a disabled account, this PC stopped, too many attempts) stands.
  if (!reply.ok && reply.status !== 0 && (await readCredentials(db, usernameKey(username)))?.lanAccount) return { ok: false, message: reply.message };
  const local = await login(db, username, password, now);
  if (!local.ok) return local;
  if (!local.user.lanAccount) return { ...local, seat: null };
  const { displayName, roles, id } = local.user;
  return { ...local, seat: new Seat(db, lan, { id, login: local.user.username, displayName, roles }, { password }) };
}
