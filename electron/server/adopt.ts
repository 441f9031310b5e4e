import { z } from 'zod';
import { ADOPT_BATCH, ADOPTED_TABLES, adoptRenumberNote, incomingStays, meetingStays, taskStays, type AdoptedTable } from '../../shared/domain/lan-adopt';
import type { MeetingRecord } from '../../shared/domain/meeting-types';
import { meetingSettings } from './meetings';
import type { ServerRow } from '../../shared/domain/lan-protocol';
import type { IncomingRecord } from '../../shared/domain/incoming-types';
import { DEFAULT_INCOMING_PATTERN, formatRegisterNumber, minutesSeries, SERIES_PATTERNS } from '../../shared/domain/numbering';
import { can, PERMISSION_LABELS } from '../../shared/domain/permissions';
import { auditLabel, INCOMING_REGISTER, MEETINGS_REGISTER, TASKS_REGISTER, type AnyRegister, type RegisterRow } from '../../shared/domain/registers';
import { RuleError } from '../../shared/domain/rule-error';
import { incomingReachesSeat, meetingReachesSeat, taskReachesSeat } from '../../shared/domain/lan-scope';
import type { TaskRecord } from '../../shared/domain/supervision-types';
import { firstZodProblem } from '../../shared/domain/zod-problem';
import { readMeta } from './db';
import { lanSettings } from './incoming';
import { defineServerCommand, type ServerContext } from './pipeline';

// 把本机记录交到服务器 (issue #19): a PC that kept its register alone, paired as a seat, hands the
// server its own 收文 and their 督办 事项, as a 迁移包 of another PC of the office is taken
// (本单位其他计算机, renderer/db/repositories/transfer-plan.ts): each keeps its id and number; a
// number the server already gave another record is renumbered from the server's counter, the old
// one kept as 原编号. The counters are first raised past the PC's highest numbers (`highest`, the
// whole PC's, sent with every batch), so neither a renumbered record nor a registration on another
// seat ever takes a number a later batch keeps. A record already on the server (a batch sent
// again after its answer was lost) is answered as it stands there, to one who may hold it.

const DESCRIPTORS: Record<AdoptedTable, AnyRegister> = { incoming: INCOMING_REGISTER as AnyRegister, meetings: MEETINGS_REGISTER as AnyRegister, tasks: TASKS_REGISTER as AnyRegister };
const WHAT: Record<AdoptedTable, string> = { incoming: '收文', meetings: '纪要', tasks: '督办事项' };

/**
 * A position of `highest`: only the series of the registers handed over (收文, 督办, a 会议类型's
 * 纪要; with a PC's prefix or not): a seat may not push another register's counter on.
 */
const positionSchema = z.object({
  series: z
    .string()
    .max(60)
    .regex(/^(?:(?:收文|督办)(?:@[A-Z0-9]{1,3})?|纪要:.+)$/, '编号序列无效'),
  year: z.number().int().min(1000).max(9999),
  seq: z.number().int().min(1).max(9_999_999),
});

export const serverAdoptRecords = defineServerCommand({
  name: 'lan.adopt',
  input: z.object({
    items: z.array(z.object({ tbl: z.enum(ADOPTED_TABLES), row: z.unknown() })).min(1).max(ADOPT_BATCH),
    highest: z.array(positionSchema).max(1000),
  }),
  // Per register below: the permission a 迁移包 import of it asks (办理收文, 督办管理).
  permission: null,
  run: async (ctx, { items, highest }): Promise<{ rows: ServerRow[] }> => {
    const rows = items.map((item, i) => ({ tbl: item.tbl, row: parsed(item.tbl, item.row, i) }));
    for (const tbl of new Set(rows.map((r) => r.tbl))) {
      const permission = DESCRIPTORS[tbl].transfer.importPermission;
      if (!can(ctx.actor, permission)) throw new RuleError(`没有权限把本机的${WHAT[tbl]}交到服务器（需要：${PERMISSION_LABELS[permission]}）`);
    }
    // Two PCs handing over at once take turns: each sees the other's numbers as taken.
    await ctx.lockKey('lan.adopt');
    const { maxClassification } = await lanSettings(ctx.client);
    const stored = new Map<string, { row: RegisterRow; version: number }>();
    for (const r of rows) {
      const s = await ctx.get<RegisterRow>(r.tbl, r.row.id);
      if (s) stored.set(`${r.tbl}:${r.row.id}`, s);
    }
    const fresh = rows.filter((r) => !stored.has(`${r.tbl}:${r.row.id}`));
    for (const r of fresh) await refuseStaying(ctx, r, rows, maxClassification);
    // The series a renumbered record takes its new number from are locked in the same pass (seq 0 raises nothing).
    const renumberSeries = fresh.flatMap((r) => {
      const p = DESCRIPTORS[r.tbl].numberKey.counter(r.row);
      return p ? [{ series: ownSeries(r.tbl, r.row), year: p.year, seq: 0 }] : [];
    });
    await raiseCounters(ctx, [...highest, ...fresh.flatMap((r) => DESCRIPTORS[r.tbl].numberKey.counter(r.row) ?? []), ...renumberSeries]);
    const out: ServerRow[] = [];
    const placed = await placeNumbers(ctx, fresh);
    for (const r of rows) {
      const key = `${r.tbl}:${r.row.id}`;
      const kept = stored.get(key);
      if (kept) {
        // Answered only to one who may hold it: anyone else is not told what the server keeps.
        if (!(await reachesActor(ctx, r.tbl, kept.row))) throw new RuleError(`第 ${rows.indexOf(r) + 1} 件${WHAT[r.tbl]}已在服务器上，但不在您的知悉范围内：未作任何改动`);
        out.push({ tbl: r.tbl, row: kept.row, version: kept.version });
        continue;
      }
      const d = DESCRIPTORS[r.tbl];
      const { row, from } = placed.get(key)!;
      const version = await ctx.put(r.tbl, row.id, row);
      ctx.audit({
        action: `${WHAT[r.tbl]}交到服务器`,
        entityType: d.entityType,
        entityId: row.id,
        summary: `${auditLabel(d, row)}${from ? `（${adoptRenumberNote(WHAT[r.tbl], from, numberOf(row))}）` : ''}`,
      });
      out.push({ tbl: r.tbl, row, version });
    }
    return { rows: out };
  },
});

/** Whether the signed-in person's seat may hold `row` as the server keeps it (the pull's rule). */
async function reachesActor(ctx: ServerContext, tbl: AdoptedTable, row: RegisterRow): Promise<boolean> {
  if (tbl === 'incoming') return incomingReachesSeat(ctx.actor, row as IncomingRecord);
  if (tbl === 'meetings') return meetingReachesSeat(ctx.actor, row as MeetingRecord);
  const task = row as TaskRecord;
  const source =
    task.source.kind === '收文批示' ? (await ctx.get<IncomingRecord>(INCOMING_REGISTER.table, task.source.incomingId))?.row
    : task.source.kind === '会议纪要' ? (await ctx.get<MeetingRecord>(MEETINGS_REGISTER.table, task.source.meetingId))?.row
    : undefined;
  return taskReachesSeat(ctx.actor, task, source);
}

function parsed(tbl: AdoptedTable, row: unknown, i: number): RegisterRow {
  const result = DESCRIPTORS[tbl].transfer.schema.safeParse(row);
  if (!result.success) throw new RuleError(`第 ${i + 1} 件${WHAT[tbl]}的内容无效：${firstZodProblem(result.error).message}`);
  return result.data as RegisterRow;
}

/** A record that may not be on the LAN is refused, naming it (the seat keeps such records; a seat that sends one anyway is wrong). */
async function refuseStaying(ctx: ServerContext, r: { tbl: AdoptedTable; row: RegisterRow }, batch: readonly { tbl: AdoptedTable; row: RegisterRow }[], max: Parameters<typeof incomingStays>[1]): Promise<void> {
  const label = DESCRIPTORS[r.tbl].number(r.row);
  if (r.tbl !== 'tasks') {
    const why = r.tbl === 'incoming' ? incomingStays(r.row as IncomingRecord, max) : meetingStays(r.row as MeetingRecord, max);
    if (why) throw new RuleError(`${label}：${why}`);
    return;
  }
  const task = r.row as TaskRecord;
  const source = task.source.kind === '收文批示' ? { tbl: 'incoming', id: task.source.incomingId } : task.source.kind === '会议纪要' ? { tbl: 'meetings', id: task.source.meetingId } : null;
  const onServer = !!source && (batch.some((b) => b.tbl === source.tbl && b.row.id === source.id) || (await ctx.get(source.tbl, source.id)) !== null);
  const why = taskStays(task, () => onServer);
  if (why) throw new RuleError(`${label}：${why}`);
}

/** The server's own (unprefixed) series a renumbered record of `tbl` takes its number from. */
function ownSeries(tbl: AdoptedTable, row: RegisterRow): string {
  return tbl === 'incoming' ? SERIES_PATTERNS.收文.series : tbl === 'meetings' ? minutesSeries((row as MeetingRecord).meetingType) : SERIES_PATTERNS.督办.series;
}

/**
 * The order every command locks counter rows in: 收文, then a 纪要's series, then 督办 (签发 takes
 * its 纪要编号 before the 督办编号 of its 议定事项), so two commands never wait on each other crosswise.
 */
function counterRank(series: string): number {
  return series.startsWith(SERIES_PATTERNS.收文.series) ? 0 : series.startsWith('纪要:') ? 1 : 2;
}

/** Counters raised past every number the PC gave (and locked), in counterRank's order. */
async function raiseCounters(ctx: ServerContext, positions: readonly { series: string; year: number; seq: number }[]): Promise<void> {
  const top = new Map<string, { series: string; year: number; seq: number }>();
  for (const p of positions) {
    const k = `${p.series}\u0000${p.year}`;
    if (!top.has(k) || top.get(k)!.seq < p.seq) top.set(k, p);
  }
  const ordered = [...top.values()].sort((a, b) => counterRank(a.series) - counterRank(b.series) || (a.series < b.series ? -1 : a.series > b.series ? 1 : a.year - b.year));
  for (const p of ordered) await ctx.raiseCounter(p.series, p.year, p.seq);
}

/** Number keys (numberKey.of) the server holds already, of those `rows` have. */
async function heldNumbers(ctx: ServerContext, d: AnyRegister, rows: readonly RegisterRow[]): Promise<Set<string>> {
  const keys = rows.map((r) => d.numberKey.of(r)).filter((k): k is string => k !== null);
  if (keys.length === 0) return new Set();
  if (d.table !== MEETINGS_REGISTER.table) {
    // 收文编号, 督办编号: the number is the key.
    const { rows: held } = await ctx.client.query<{ serial: string }>(`SELECT row->>'serial' AS serial FROM records WHERE tbl = $1 AND row->>'serial' = ANY($2)`, [d.table, keys]);
    return new Set(held.map((r) => r.serial));
  }
  // 纪要: 会议类型, year and 期; the issued minutes of those types, few.
  const types = [...new Set(rows.map((m) => (m as MeetingRecord).meetingType))];
  const { rows: held } = await ctx.client.query<{ row: RegisterRow }>(`SELECT row FROM records WHERE tbl = $1 AND row ? 'issued' AND row->>'meetingType' = ANY($2)`, [d.table, types]);
  const wanted = new Set(keys);
  return new Set(held.map((r) => d.numberKey.of(r.row)).filter((k): k is string => k !== null && wanted.has(k)));
}

/**
 * Each new record as it will stand on the server: its own number when free, else the server's next
 * (in the unprefixed series of its year), with `from`, the number it had. First every record whose
 * number is free keeps it, then the others are renumbered, so a new number never lands on a kept one.
 */
async function placeNumbers(ctx: ServerContext, fresh: readonly { tbl: AdoptedTable; row: RegisterRow }[]): Promise<Map<string, { row: RegisterRow; from?: string }>> {
  const out = new Map<string, { row: RegisterRow; from?: string }>();
  const by = { at: ctx.now.toISOString(), id: ctx.actor.id, name: ctx.actor.displayName };
  const { incomingPattern } = await readMeta(ctx.client, 'numbering', { incomingPattern: DEFAULT_INCOMING_PATTERN });
  const { minutesPattern } = await meetingSettings(ctx.client);
  /** The server's own series and pattern a renumbered record takes its new number from. */
  const seriesOf = (tbl: AdoptedTable, row: RegisterRow) => ({ series: ownSeries(tbl, row), pattern: tbl === 'incoming' ? incomingPattern : tbl === 'meetings' ? minutesPattern : SERIES_PATTERNS.督办.pattern });
  for (const tbl of ADOPTED_TABLES) {
    const d = DESCRIPTORS[tbl];
    const mine = fresh.filter((r) => r.tbl === tbl);
    const taken = await heldNumbers(ctx, d, mine.map((r) => r.row));
    const clashing: RegisterRow[] = [];
    for (const { row: r } of mine) {
      // A 事项 quotes its 收文's or minutes' number: the one it has on the server now.
      const row = tbl === 'tasks' ? await withSourceNumber(ctx, r as TaskRecord, out) : r;
      const key = d.numberKey.of(row);
      if (key !== null && taken.has(key)) clashing.push(row);
      else {
        if (key !== null) taken.add(key);
        out.set(`${tbl}:${row.id}`, { row });
      }
    }
    for (const row of clashing) {
      const from = d.number(row);
      const position = d.numberKey.counter(row);
      const renumber = d.numberKey.renumber;
      if (!position || !renumber) throw new RuleError(`${from}：编号已被服务器上的其他${WHAT[tbl]}使用，且不能重新编号`);
      const { series, pattern } = seriesOf(tbl, row);
      let moved: RegisterRow;
      let key: string | null;
      do {
        const seq = await ctx.takeNumber(series, position.year);
        const serial = formatRegisterNumber(pattern, position.year, seq, '');
        moved = renumber(row, { year: position.year, seq, serial }, { ...by, note: adoptRenumberNote(WHAT[tbl], numberOf(row), serial) });
        key = d.numberKey.of(moved);
      } while (key !== null && (taken.has(key) || (await heldNumbers(ctx, d, [moved])).size > 0));
      if (key !== null) taken.add(key);
      out.set(`${tbl}:${row.id}`, { row: moved, from: numberOf(row) });
    }
  }
  return out;
}

/** The number as printed (收文编号, 督办编号, 纪要编号). */
function numberOf(row: RegisterRow): string {
  const r = row as { serial?: string; issued?: { number: string } };
  return r.serial ?? r.issued?.number ?? '';
}

async function withSourceNumber(ctx: ServerContext, t: TaskRecord, placed: ReadonlyMap<string, { row: RegisterRow }>): Promise<TaskRecord> {
  const source = async <R>(tbl: string, id: string) => (placed.get(`${tbl}:${id}`)?.row ?? (await ctx.get<R>(tbl, id))?.row) as R | undefined;
  if (t.source.kind === '收文批示') {
    const r = await source<IncomingRecord>(INCOMING_REGISTER.table, t.source.incomingId);
    return r && r.serial !== t.source.incomingSerial ? { ...t, source: { ...t.source, incomingSerial: r.serial } } : t;
  }
  if (t.source.kind === '会议纪要') {
    const m = await source<MeetingRecord>(MEETINGS_REGISTER.table, t.source.meetingId);
    return m?.issued && m.issued.number !== t.source.minutesNumber ? { ...t, source: { ...t.source, minutesNumber: m.issued.number } } : t;
  }
  return t;
}
