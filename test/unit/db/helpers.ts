import { WenshuDB } from '../../../renderer/db/database';
import { completeSetup } from '../../../renderer/db/repositories/auth';
import { createUser, toActor } from '../../../renderer/db/repositories/users';
import type { Actor } from '../../../renderer/db/types';
import type { Role } from '../../../shared/domain/permissions';

let n = 0;
/** A database of its own for each test (fake-indexeddb, in memory). */
export function freshDb(): WenshuDB {
  n += 1;
  return new WenshuDB(`wenshu-test-${process.pid}-${n}-${Math.random().toString(36).slice(2)}`);
}

export const ADMIN_PASSWORD = 'Admin#2026x';

/** A set-up database and its first 系统管理员. */
export async function setUpOffice(db: WenshuDB): Promise<Actor> {
  const admin = await completeSetup(db, {
    unitName: '测试县人民政府办公室',
    fondsCode: 'Z109',
    username: 'admin',
    password: ADMIN_PASSWORD,
    passwordConfirm: ADMIN_PASSWORD,
  });
  return toActor(admin);
}

/** A user who has already replaced the initial password (as after their first login). */
export async function addUser(db: WenshuDB, admin: Actor, username: string, roles: Role[]): Promise<Actor> {
  const u = await createUser(db, admin, { username, displayName: username, password: `${username}#pass1`, roles });
  await db.users.update(u.id, { mustChangePassword: false });
  return toActor(u);
}
