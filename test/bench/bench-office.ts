import { WenshuDB } from '../../renderer/db/database';
import { approveAccountRequest, requestNewAccount } from '../../renderer/db/repositories/account-requests';
import { completeSetup } from '../../renderer/db/repositories/auth';
import { createUser, toActor } from '../../renderer/db/repositories/users';
import type { Actor } from '../../renderer/db/types';

/**
 * A fresh office as 初始配置 leaves it: the 系统管理员, the 保密员 (created directly), and the 秘书
 * the 系统管理员 proposes and the 保密员 approves; both past their first login.
 */
export async function benchOffice(name: string): Promise<{ db: WenshuDB; admin: Actor; keeper: Actor; clerk: Actor }> {
  const db = new WenshuDB(name);
  const admin = toActor(await completeSetup(db, { unitName: '基准测试办', fondsCode: 'Z001', username: 'admin', password: 'Bench#2026x', passwordConfirm: 'Bench#2026x' }));
  const keeper = toActor(await createUser(db, admin, { username: 'baomi', displayName: '刘保密', password: 'Jiyao#2026x', roles: ['安全保密管理员'] }));
  await db.users.update(keeper.id, { mustChangePassword: false });
  const proposed = await requestNewAccount(db, admin, { username: 'clerk', displayName: '张秘书', roles: ['秘书'] });
  const clerk = toActor((await approveAccountRequest(db, keeper, proposed.id)).user);
  await db.users.update(clerk.id, { mustChangePassword: false });
  return { db, admin, keeper, clerk };
}
