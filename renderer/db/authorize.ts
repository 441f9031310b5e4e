import { requirePermission, type Permission } from '@shared/domain/permissions';
import type { WenshuDB } from './database';
import type { Actor } from './types';
import { RuleError } from '@shared/domain/rule-error';

/**
 * Every repository call starts here: the actor is re-read from the database, so a disabled
 * account, a removed role or a made-up actor object from the console gets nothing, and the name
 * written to the audit log is the account's real one.
 */
export async function authorize(db: WenshuDB, actor: Pick<Actor, 'id'>, permission: Permission | null): Promise<Actor> {
  const u = await db.users.get(actor.id);
  if (!u || u.disabled) throw new RuleError('账户不存在或已停用，请重新登录');
  if (u.mustChangePassword) throw new RuleError('请先修改初始密码');
  if (permission) requirePermission(u, permission);
  return { id: u.id, username: u.username, displayName: u.displayName, roles: [...u.roles] };
}

