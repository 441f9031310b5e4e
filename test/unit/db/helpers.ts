import { WenshuDB } from '../../../renderer/db/database';
import { completeSetup } from '../../../renderer/db/repositories/auth';
import { saveDepartment } from '../../../renderer/db/repositories/settings';
import { approveAccountRequest, requestNewAccount } from '../../../renderer/db/repositories/account-requests';
import { buildUser, changeOwnPassword, createUser, toActor } from '../../../renderer/db/repositories/users';
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

/** The databases of the family of `name` (itself and those restores made of it: db/pointer.ts), sorted. */
export async function familyNames(name: string): Promise<string[]> {
  const { familyOf } = await import('../../../renderer/db/pointer');
  return (await indexedDB.databases()).map((d) => d.name!).filter((n) => familyOf(n) === familyOf(name)).sort();
}

// Not containing the user name: the password policy refuses that.
export const ADMIN_PASSWORD = 'Wenshu#2026x';

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

/**
 * The password a test user chooses at first sign-in (addUser): derived from the name so a test
 * can sign anyone in, yet within the password policy (which refuses one containing the name).
 */
export function passwordOf(username: string): string {
  return `Pw-${[...username].reverse().join('')}#2026`;
}

/** The user name of the 保密员 of 初始配置, who approves the accounts addUser proposes. */
export const OFFICER = 'anquan';

/**
 * The office's 安全保密管理员: the first one is created by the 系统管理员 directly (初始配置,
 * as on a fresh installation) and has replaced the initial password.
 */
export async function securityOfficer(db: WenshuDB, admin: Actor, now = new Date()): Promise<Actor> {
  const existing = await db.users.filter((u) => !u.disabled && !u.mustChangePassword && u.roles.includes('安全保密管理员')).first();
  if (existing) return toActor(existing);
  const initial = 'Initial#Mima2026';
  const u = toActor(await createUser(db, admin, { username: OFFICER, displayName: '安全保密管理员', password: initial, roles: ['安全保密管理员'] }, now));
  await changeOwnPassword(db, u, initial, passwordOf(OFFICER), now);
  return u;
}

/**
 * A user who has already replaced the initial password (as after their first login), made the
 * real way: the 系统管理员 proposes the account, a 保密员 (not the account itself) approves and
 * gets the one-time password, the user replaces it with passwordOf(username).
 */
export async function addUser(db: WenshuDB, admin: Actor, username: string, roles: Role[]): Promise<Actor> {
  return addApprovedUser(db, admin, { username, displayName: username, roles, password: passwordOf(username) });
}

/** addUser with a chosen 姓名, final password and time (component tests sign in with them). */
export async function addApprovedUser(
  db: WenshuDB,
  admin: Actor,
  u: { username: string; displayName: string; roles: Role[]; password: string },
  now = new Date(),
): Promise<Actor> {
  const officer = await securityOfficer(db, admin, now);
  const request = await requestNewAccount(db, admin, { username: u.username, displayName: u.displayName, roles: u.roles }, now);
  const approved = await approveAccountRequest(db, officer, request.id, now);
  const user = toActor(approved.user);
  await changeOwnPassword(db, user, approved.oneTimePassword!, u.password, now);
  return user;
}

/**
 * An account written straight into the users table, as an installation from before the
 * approval flow holds it (migration and old-backup seeds: older schemas have no accountRequests).
 * Nowhere else: every other test account goes through addUser.
 */
export async function seedUser(db: WenshuDB, u: { username: string; displayName: string; password: string; roles: Role[] }): Promise<Actor> {
  const record = await buildUser(u, new Date(), false);
  await db.users.add(record);
  return toActor(record);
}

/** A user as forms pick people: id and display name. */
export function personRef(a: Pick<Actor, 'id' | 'displayName'>): PersonRef {
  return { userId: a.id, name: a.displayName };
}

/** A fresh office at work on 收文: a 秘书 (clerk), two 工作人员 (reader, outsider) and the 办公室 (BGS). */
export async function staffedOffice() {
  const db = freshDb();
  const admin = await setUpOffice(db);
  // 初始配置: the 保密员 who approves the accounts below.
  const officer = await securityOfficer(db, admin);
  const clerk = await addUser(db, admin, 'clerk', ['秘书']);
  const reader = await addUser(db, admin, 'reader', ['工作人员']);
  const outsider = await addUser(db, admin, 'outsider', ['工作人员']);
  const dept = await saveDepartment(db, admin, { code: 'BGS', name: '办公室' });
  return { db, admin, officer, clerk, reader, outsider, dept };
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
