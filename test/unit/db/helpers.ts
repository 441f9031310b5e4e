import { WenshuDB } from '../../../renderer/db/database';
import { completeSetup } from '../../../renderer/db/repositories/auth';
import { saveDepartment } from '../../../renderer/db/repositories/settings';
import { createUser, toActor } from '../../../renderer/db/repositories/users';
import type { Actor } from '../../../renderer/db/types';
import type { PersonRef } from '../../../shared/domain/carrier';
import type { Role } from '../../../shared/domain/permissions';
import { carrierInput } from '../../fixtures/carriers';

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

/** A user as forms pick people: id and display name. */
export function personRef(a: Pick<Actor, 'id' | 'displayName'>): PersonRef {
  return { userId: a.id, name: a.displayName };
}

/** A fresh office at work on 收文: a 秘书 (clerk), two 工作人员 (reader, outsider) and the 办公室 (BGS). */
export async function staffedOffice() {
  const db = freshDb();
  const admin = await setUpOffice(db);
  const clerk = await addUser(db, admin, 'clerk', ['秘书']);
  const reader = await addUser(db, admin, 'reader', ['工作人员']);
  const outsider = await addUser(db, admin, 'outsider', ['工作人员']);
  const dept = await saveDepartment(db, admin, { code: 'BGS', name: '办公室' });
  return { db, admin, clerk, reader, outsider, dept };
}

/** The 名称 of carrierOffice()'s carrierInput: secret, so it must never reach the audit log. */
export const CARRIER_NAME = '关于绝密事项的报告（纸质）';

/**
 * staffedOffice() with a 保密员 (baomi) and a 工作人员 who approves loans (leader), and the carrier
 * the 保密员 registers there: a 机密 paper report of 12 pages, 份号 1, kept by baomi in
 * 机要室 1 号保密柜, known to reader and baomi.
 */
export async function carrierOffice() {
  const office = await staffedOffice();
  const baomi = await addUser(office.db, office.admin, 'baomi', ['安全保密管理员']);
  const leader = await addUser(office.db, office.admin, 'leader', ['工作人员']);
  const input = carrierInput({
    name: CARRIER_NAME,
    secrecyStart: '2026-11-01',
    pages: 12,
    knowers: [personRef(office.reader), personRef(baomi)],
    custodian: personRef(baomi),
    location: '机要室 1 号保密柜',
  });
  return { ...office, baomi, leader, carrierInput: input };
}
