import type { WenshuDB } from '../database';

export interface DashboardCounts {
  users: number;
  activeUsers: number;
  departments: number;
  auditEntries: number;
  calendarOverrides: number;
  incoming: number;
}

/** Counts straight from the indexes (count() never loads the records). */
export async function dashboardCounts(db: WenshuDB): Promise<DashboardCounts> {
  const [users, disabled, departments, auditEntries, calendarOverrides, incoming] = await Promise.all([
    db.users.count(),
    db.users.filter((u) => u.disabled).count(),
    db.departments.count(),
    db.auditLog.count(),
    db.calendarOverrides.count(),
    db.incoming.count(),
  ]);
  return { users, activeUsers: users - disabled, departments, auditEntries, calendarOverrides, incoming };
}
