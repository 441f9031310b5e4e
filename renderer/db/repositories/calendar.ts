import { authorize } from '../authorize';
import { calendarOverrideSchema, createWorkCalendar, type CalendarOverride, type WorkCalendar } from '@shared/domain/workdays';
import type { WenshuDB } from '../database';
import type { Actor, CalendarOverrideRecord } from '../types';
import { writeWithAudit } from '../write';
import { firstZodProblem } from './zod-problem';
import { RuleError } from '@shared/domain/rule-error';

export async function listCalendarOverrides(db: WenshuDB): Promise<CalendarOverrideRecord[]> {
  return db.calendarOverrides.orderBy('date').toArray();
}

/** The working-day calendar in force: the shipped official schedule plus the administrator's days. */
export async function loadWorkCalendar(db: WenshuDB): Promise<WorkCalendar> {
  const overrides = await listCalendarOverrides(db);
  return createWorkCalendar(overrides.map(({ date, kind, note }) => ({ date, kind, ...(note ? { note } : {}) })));
}

export async function saveCalendarOverride(db: WenshuDB, actor: Actor, input: CalendarOverride, now = new Date()): Promise<void> {
  actor = await authorize(db, actor, 'settings.manage');
  const parsed = calendarOverrideSchema.safeParse(input);
  if (!parsed.success) throw firstZodProblem(parsed.error);
  const o = parsed.data;
  await writeWithAudit(
    db,
    actor,
    [db.calendarOverrides],
    async (audit) => {
      const before = await db.calendarOverrides.get(o.date);
      await db.calendarOverrides.put({ ...o, updatedAt: now.toISOString(), updatedBy: actor.username });
      audit({
        action: before ? '修改节假日设定' : '新增节假日设定',
        entityType: '节假日',
        entityId: o.date,
        summary: `${o.date} 设为${o.kind === 'workday' ? '工作日' : '休息日'}${o.note ? `（${o.note}）` : ''}`,
      });
    },
    now,
  );
}

export async function removeCalendarOverride(db: WenshuDB, actor: Actor, date: string, now = new Date()): Promise<void> {
  actor = await authorize(db, actor, 'settings.manage');
  await writeWithAudit(
    db,
    actor,
    [db.calendarOverrides],
    async (audit) => {
      const before = await db.calendarOverrides.get(date);
      if (!before) throw RuleError.at('date', '该日期没有设定');
      await db.calendarOverrides.delete(date);
      audit({ action: '删除节假日设定', entityType: '节假日', entityId: date, summary: `${date} 恢复为官方安排` });
    },
    now,
  );
}
