import { useActor } from '../ui/session';
import { useDb } from './DbContext';
import { useLiveQuery } from './live';
import { taskUnits } from './repositories/supervision';
import { listDepartments } from './repositories/settings';

// Data hooks more than one feature shares (features never import each other).

/** 责任单位 the office knows: its departments (enabled), then any unit a task already names. */
export function useUnitNames(): string[] {
  const db = useDb();
  const actor = useActor();
  return (
    useLiveQuery(async () => {
      const depts = (await listDepartments(db)).filter((d) => !d.disabled).map((d) => d.name);
      const used = await taskUnits(db, actor);
      return [...new Set([...depts, ...used])];
    }, [db, actor.id]) ?? []
  );
}
