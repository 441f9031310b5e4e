import type { DirectoryPerson } from '@shared/domain/meeting-types';
import type { UserPhrases } from '@shared/domain/phrases';
import { useActor } from '../ui/session';
import { useDb } from './DbContext';
import { useLiveQuery } from './live';
import { listPeople } from './repositories/meetings';
import { getPhrases } from './repositories/phrases';
import { getSetting, listDepartments } from './repositories/settings';
import { listActiveUserNames } from './repositories/users';

// Data hooks more than one feature shares (features never import each other), and the lists the
// picker kit (ui/pickers.tsx) offers.

/** The 机构 a 责任单位 is picked from: the office's own (enabled departments) and the 其他机构 list. */
export interface UnitChoices {
  own: string[];
  /** 其他机构: the list the 秘书 keeps, and the 单位 named in the 人员名录. */
  others: string[];
  /** The 其他机构 list as stored (what an added name is appended to). */
  stored: string[];
}

export function useUnitChoices(): UnitChoices | undefined {
  const db = useDb();
  const actor = useActor();
  return useLiveQuery(async () => {
    const own = (await listDepartments(db)).filter((d) => !d.disabled).map((d) => d.name);
    const stored = (await getSetting(db, 'unitDirectory')).names;
    const ofPeople = (await listPeople(db, actor)).map((p) => p.unit).filter(Boolean);
    const others = [...new Set([...stored, ...ofPeople])].filter((n) => !own.includes(n));
    return { own, others: others.sort((a, b) => a.localeCompare(b, 'zh')), stored };
  }, [db, actor.id]);
}

/** The 人员名录, enabled people only (undefined while loading). */
export function usePeopleDirectory(): DirectoryPerson[] | undefined {
  const db = useDb();
  const actor = useActor();
  return useLiveQuery(() => listPeople(db, actor), [db, actor.id]);
}

/** The signed-in user's 常用意见 (undefined while loading). */
export function usePhrases(): UserPhrases | undefined {
  const db = useDb();
  const actor = useActor();
  return useLiveQuery(() => getPhrases(db, actor), [db, actor.id]);
}

/** An account a 承办人 or 传阅 reader is picked from (they need one: need to know, 已阅). */
export interface AccountChoice {
  id: string;
  name: string;
  /** 单位 and 职务 of the 人员名录 entry linked to the account, if any. */
  note: string;
}

export function useAccountChoices(): AccountChoice[] | undefined {
  const db = useDb();
  const actor = useActor();
  return useLiveQuery(async () => {
    const people = await listPeople(db, actor);
    return (await listActiveUserNames(db)).map((u) => {
      const p = people.find((x) => x.userId === u.id);
      return { id: u.id, name: u.displayName, note: p ? [p.unit, p.title].filter(Boolean).join(' ') : '' };
    });
  }, [db, actor.id]);
}
