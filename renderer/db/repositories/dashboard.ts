import { REGISTERS, type AnyRegister } from '@shared/domain/registers';
import type { WenshuDB } from '../database';
import { registerTable } from '../registers';

export interface DashboardCounts {
  users: number;
  activeUsers: number;
  departments: number;
  auditEntries: number;
  calendarOverrides: number;
  /** Records per register of the registry, in its order (收文, 涉密载体, 会议纪要, 督办事项, …). */
  registers: { kind: string; label: string; count: number }[];
}

/** Counts straight from the indexes (count() never loads the records). */
export async function dashboardCounts(db: WenshuDB, registers: readonly AnyRegister[] = REGISTERS): Promise<DashboardCounts> {
  const [users, disabled, departments, auditEntries, calendarOverrides, ...perRegister] = await Promise.all([
    db.users.count(),
    db.users.filter((u) => u.disabled).count(),
    db.departments.count(),
    db.auditLog.count(),
    db.calendarOverrides.count(),
    ...registers.map((d) => registerTable(db, d).count()),
  ]);
  return {
    users,
    activeUsers: users - disabled,
    departments,
    auditEntries,
    calendarOverrides,
    registers: registers.map((d, i) => ({ kind: d.kind, label: d.label, count: perRegister[i]! })),
  };
}
