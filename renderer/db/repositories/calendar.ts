import { z } from 'zod';
import { calendarOverrideSchema, createWorkCalendar, type CalendarOverride, type WorkCalendar } from '@shared/domain/workdays';
import type { WenshuDB } from '../database';
import type { Actor, CalendarOverrideRecord } from '../types';
import { defineCommand } from '../commands/define';
import { runCommand } from '../commands/execute';
import { RuleError } from '@shared/domain/rule-error';
import { noticeInputSchema } from '@shared/domain/holiday-notice';

export async function listCalendarOverrides(db: WenshuDB): Promise<CalendarOverrideRecord[]> {
  return db.calendarOverrides.orderBy('date').toArray();
}

/** The working-day calendar in force: the shipped official schedule plus the administrator's days. */
export async function loadWorkCalendar(db: WenshuDB): Promise<WorkCalendar> {
  const overrides = await listCalendarOverrides(db);
  return createWorkCalendar(overrides.map(({ date, kind, note, noticeYear }) => ({ date, kind, ...(note ? { note } : {}), ...(noticeYear ? { noticeYear } : {}) })));
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

/**
 * 录入全年安排: the days of one year's 国务院办公厅 notice (read by parseHolidayNotice and previewed),
 * saved at once over the shipped schedule; that year then counts as covered. Entering the same
 * year again replaces what its earlier entry set (a corrected notice); days entered one by one stay.
 */
export const importHolidayNoticeCommand = defineCommand({
  name: 'calendar.importNotice',
  input: noticeInputSchema,
  permission: 'settings.manage',
  tables: ['calendarOverrides'],
  run: async ({ db, put, delete: remove, audit, actor, now }, { year, days }) => {
    const seen = new Set<string>();
    for (const d of days) {
      if (seen.has(d.date)) throw RuleError.at('text', `${d.date} 出现了两次`);
      seen.add(d.date);
      const y = Number(d.date.slice(0, 4));
      if (y < year - 1 || y > year + 1) throw RuleError.at('text', `${d.date} 不在 ${year} 年前后`);
    }
    const all = await db.calendarOverrides.toArray();
    const before = all.some((o) => o.noticeYear === year);
    const earlier = all.filter((o) => o.noticeYear === year && !seen.has(o.date));
    for (const o of earlier) await remove('calendarOverrides', o.date);
    const at = now.toISOString();
    for (const d of days) await put('calendarOverrides', { date: d.date, kind: d.kind, ...(d.note ? { note: d.note } : {}), noticeYear: year, updatedAt: at, updatedBy: actor.username });
    const off = days.filter((d) => d.kind === 'holiday').length;
    audit({
      action: before ? '修改节假日安排' : '录入节假日安排',
      entityType: '节假日',
      entityId: String(year),
      summary: `${year} 年节假日安排（国务院办公厅通知）：放假 ${off} 天，调休上班 ${days.length - off} 天${earlier.length ? `；撤销此前录入的 ${earlier.length} 天` : ''}`,
    });
  },
});
