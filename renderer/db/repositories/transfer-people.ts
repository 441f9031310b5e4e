import type { PeopleCandidates } from '@shared/domain/transfer-people';
import { authorize } from '../authorize';
import type { WenshuDB } from '../database';
import type { Actor } from '../types';
import { listPeople } from './meetings';
import { listActiveUserNames } from './users';

// Who the persons of an arriving 迁移包 may become here (issue #20, shared/domain/transfer-people.ts):
// the active accounts (only they can read: need to know) and the enabled 人员名录 entries.

/**
 * This PC's candidates for the people mapping, for `actor` who previews the import: active accounts
 * (姓名, with 单位 and 职务 of a linked 名录 entry) and enabled 人员名录 entries, each sorted by name.
 */
export async function peopleCandidates(db: WenshuDB, actor: Actor): Promise<PeopleCandidates> {
  await authorize(db, actor, 'records.read');
  const people = await listPeople(db, actor);
  const users = await listActiveUserNames(db);
  const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name, 'zh');
  return {
    accounts: users
      .map((u) => {
        const p = people.find((x) => x.userId === u.id);
        return { userId: u.id, name: u.displayName, username: u.username, note: p ? [p.unit, p.title].filter(Boolean).join(' ') : '' };
      })
      .sort(byName),
    directory: people.map((p) => ({ personId: p.id, name: p.name, unit: p.unit, title: p.title, ...(p.userId ? { userId: p.userId } : {}) })).sort(byName),
  };
}
