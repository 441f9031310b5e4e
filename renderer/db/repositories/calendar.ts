import { z } from 'zod';
import { calendarOverrideSchema, createWorkCalendar, type CalendarOverride, type WorkCalendar } from '@shared/domain/workdays';
import type { WenshuDB } from '../database';
import type { Actor, CalendarOverrideRecord } from '../types';
import { defineCommand } from '../commands/define';
import { runCommand } from '../commands/execute';
import { RuleError } from '@shared/domain/rule-error';

export async function listCalendarOverrides(db: WenshuDB): Promise<CalendarOverrideRecord[]> {
  return db.calendarOverrides.orderBy('date').toArray();
}

/** The working-day calendar in force: the shipped official schedule plus the administrator's days. */
export async function loadWorkCalendar(db: WenshuDB): Promise<WorkCalendar> {
  const overrides = await listCalendarOverrides(db);
  return createWorkCalendar(overrides.map(({ date, kind, note }) => ({ date, kind, ...(note ? { note } : {}) })));
}

/** 节假日设定: a date made a workday or a rest day, over the shipped official schedule. */
export const saveCalendarOverrideCommand = defineCommand({
  name: 'calendar.saveOverride',
  input: calendarOverrideSchema,
  permission: 'settings.manage',
  tables: ['calendarOverrides'],
  run: async ({ db, put, audit, actor, now }, o) => {
    const before = await db.calendarOverrides.get(o.date);
    await put('calendarOverrides', { ...o, updatedAt: now.toISOString(), updatedBy: actor.username });
    audit({
      action: before ? '修改节假日设定' : '新增节假日设定',
      entityType: '节假日',
      entityId: o.date,
      summary: `${o.date} 设为${o.kind === 'workday' ? '工作日' : '休息日'}${o.note ? `（${o.note}）` : ''}`,
    });
  },
});

export async function saveCalendarOverride(db: WenshuDB, actor: Actor, input: CalendarOverride, now = new Date()): Promise<void> {
  await runCommand(db, actor, saveCalendarOverrideCommand, input, now);
}

/** The date goes back to the official schedule. */
export const removeCalendarOverrideCommand = defineCommand({
  name: 'calendar.removeOverride',
  input: z.object({ date: z.string() }),
  permission: 'settings.manage',
  tables: ['calendarOverrides'],
  run: async ({ db, delete: remove, audit }, { date }) => {
    const before = await db.calendarOverrides.get(date);
    if (!before) throw RuleError.at('date', '该日期没有设定');
    await remove('calendarOverrides', date);
    audit({ action: '删除节假日设定', entityType: '节假日', entityId: date, summary: `${date} 恢复为官方安排` });
  },
});

export async function removeCalendarOverride(db: WenshuDB, actor: Actor, date: string, now = new Date()): Promise<void> {
  await runCommand(db, actor, removeCalendarOverrideCommand, { date }, now);
}
