import { ADOPT_BATCH, ADOPT_BATCH_BYTES, incomingStays, meetingStays, taskStays } from '@shared/domain/lan-adopt';
import type { MeetingRecord } from '@shared/domain/meeting-types';
import type { IncomingRecord } from '@shared/domain/incoming-types';
import type { ServerRow } from '@shared/domain/lan-protocol';
import type { JobProgress } from '@shared/domain/job-progress';
import type { Classification } from '@shared/domain/enums';
import { usernameKey } from '@shared/domain/password-policy';
import { INCOMING_REGISTER, MEETINGS_REGISTER, TASKS_REGISTER, serialPosition, TASK_SERIES, type CounterPosition, type PersonMap } from '@shared/domain/registers';
import { RuleError } from '@shared/domain/rule-error';
import type { TaskRecord } from '@shared/domain/supervision-types';
import type { WenshuDB } from '../database';
import { INCOMING_PROJECTION, toIndexEntry } from '../incoming/incoming-index';
import { writeProjectionUpdates } from '../projection';
import { sealAhead } from '../commands/seal-ahead';
import { lanMaxClassification, officeAccounts, readCursor, resetCursor, versionKey, type OfficeAccount } from './pull';

// 把本机记录交到服务器 (issue #19), the seat's side: a PC that kept its register alone and is now
// a seat hands the server its own 收文, meetings and 督办 事项 (those the server does not know: no
// version row, nothing waiting in the outbox), in batches of ADOPT_BATCH, each one command
// (electron/server/adopt.ts). The server's answer is written here at once, so a record the server
// renumbered stands under its new number before the pull from 0 that follows brings the server's
// record that holds its old one. Cut (cancelled, the link lost): what went is on both sides and
// marked; the next run sends the rest. What may not go stays here, each with why (shared/domain/lan-adopt.ts).

/** What handing over would do now. */
export interface AdoptPlan {
  /** The rows as they will be sent: people of this PC's accounts as the office's. */
  incoming: IncomingRecord[];
  meetings: MeetingRecord[];
  tasks: TaskRecord[];
  /** Own records that stay on this PC, with why. */
  staying: { number: string; why: string }[];
  /** People of this PC's accounts on the records who have no account on the server (by 用户名, else by 姓名). */
  unmapped: { name: string; username: string }[];
  /** The highest number this PC gave, per series and year: the server raises its counters past them first. */
  highest: CounterPosition[];
}

/** Records of `tbl` this PC holds that the server never sent it and that wait for no command. */
async function ownRows<R extends { id: string }>(db: WenshuDB, tbl: string, waiting: ReadonlySet<string>): Promise<R[]> {
  const ids = (await db.table(tbl).toCollection().primaryKeys()) as string[];
  const versions = new Set(await db.lanVersions.where(':id').startsWith(versionKey(tbl, '')).primaryKeys());
  const own = ids.filter((id) => !versions.has(versionKey(tbl, id)) && !waiting.has(id));
  return own.length ? ((await db.table(tbl).bulkGet(own)) as (R | undefined)[]).filter((r): r is R => r !== undefined) : [];
}

/** In the register's order, oldest first: the records go, and are listed, as they were numbered. */
function oldestFirst<R>(rows: R[], order: (r: R) => string): R[] {
  return rows.map((r) => ({ r, k: order(r) })).sort((x, y) => (x.k < y.k ? -1 : x.k > y.k ? 1 : 0)).map((x) => x.r);
}

/** How many records this PC still holds of its own, going or staying (0: nothing to hand over). */
export async function ownRecordCount(db: WenshuDB): Promise<number> {
  const plan = await planAdopt(db);
  return plan.incoming.length + plan.meetings.length + plan.tasks.length;
}

/**
 * This PC's accounts by the office's: the account of the same 用户名, else the one of the same
 * 姓名 (two of one name: none, never guessed). Mirrors of server accounts are the office's already.
 */
async function accountMap(db: WenshuDB, office: readonly OfficeAccount[]): Promise<{ map: Map<string, OfficeAccount>; local: Map<string, { name: string; username: string }> }> {
  const byLogin = new Map(office.map((a) => [usernameKey(a.username), a]));
  const byName = new Map<string, OfficeAccount[]>();
  for (const a of office) byName.set(a.displayName, [...(byName.get(a.displayName) ?? []), a]);
  const map = new Map<string, OfficeAccount>();
  const local = new Map<string, { name: string; username: string }>();
  for (const u of await db.users.toArray()) {
    if (u.lanAccount) continue;
    local.set(u.id, { name: u.displayName, username: u.username });
    const named = byName.get(u.displayName) ?? [];
    const match = byLogin.get(u.usernameKey) ?? (named.length === 1 ? named[0] : undefined);
    if (match) map.set(u.id, match);
  }
  return { map, local };
}

export async function planAdopt(db: WenshuDB, max?: Classification): Promise<AdoptPlan> {
  const ceiling = max ?? (await lanMaxClassification(db));
  const staying: AdoptPlan['staying'] = [];
  const incoming: IncomingRecord[] = [];
  const waiting = new Set((await db.lanOutbox.toArray()).map((o) => o.recordId));
  const ownIncoming = oldestFirst(await ownRows<IncomingRecord>(db, INCOMING_REGISTER.table, waiting), INCOMING_REGISTER.search.order);
  const ownMeetings = oldestFirst(await ownRows<MeetingRecord>(db, MEETINGS_REGISTER.table, waiting), MEETINGS_REGISTER.search.order);
  const ownTasks = oldestFirst(await ownRows<TaskRecord>(db, TASKS_REGISTER.table, waiting), TASKS_REGISTER.search.order);
  for (const r of ownIncoming) {
    const why = incomingStays(r, ceiling);
    if (why) staying.push({ number: r.serial, why });
    else incoming.push(r);
  }
  const meetings: MeetingRecord[] = [];
  for (const m of ownMeetings) {
    const why = meetingStays(m, ceiling);
    if (why) staying.push({ number: MEETINGS_REGISTER.number(m), why });
    else meetings.push(m);
  }
  const going = new Set([...incoming, ...meetings].map((r) => r.id));
  const onServer = async (tbl: string, id: string) => going.has(id) || (await db.lanVersions.get(versionKey(tbl, id))) !== undefined;
  const tasks: TaskRecord[] = [];
  for (const t of ownTasks) {
    const from = t.source.kind === '收文批示' ? await onServer(INCOMING_REGISTER.table, t.source.incomingId) : t.source.kind === '会议纪要' ? await onServer(MEETINGS_REGISTER.table, t.source.meetingId) : true;
    const why = taskStays(t, () => from);
    if (why) staying.push({ number: t.serial, why });
    else tasks.push(t);
  }
  const { map, local } = await accountMap(db, await officeAccounts(db));
  const unmapped = new Map<string, { name: string; username: string }>();
  const people: PersonMap = (p) => {
    const to = map.get(p.userId);
    if (to) return { userId: to.id, name: to.displayName };
    const mine = local.get(p.userId);
    if (mine) unmapped.set(p.userId, mine);
    return { userId: p.userId, name: p.name };
  };
  const mapIncoming = INCOMING_REGISTER.transfer.mapPeople!;
  const mapMeeting = MEETINGS_REGISTER.transfer.mapPeople!;
  const mapTask = TASKS_REGISTER.transfer.mapPeople!;
  const rows = { incoming: incoming.map((r) => mapIncoming(r, people)), meetings: meetings.map((m) => mapMeeting(m, people)), tasks: tasks.map((t) => mapTask(t, people)) };
  // Every number this PC gave, those staying here included: the server never gives one of them
  // again (this PC's 收文编号 and 督办编号 are unique here, and the staying records keep theirs).
  const highest = [
    ...ownIncoming.map((r) => INCOMING_REGISTER.numberKey.counter(r)),
    ...ownMeetings.map((m) => MEETINGS_REGISTER.numberKey.counter(m)),
    ...ownTasks.map((t) => serialPosition(TASK_SERIES, t.serial)),
  ].filter((p): p is CounterPosition => p !== null);
  return { ...rows, staying, unmapped: [...unmapped.values()].sort((a, b) => a.username.localeCompare(b.username)), highest: topPositions(highest) };
}

function topPositions(all: readonly CounterPosition[]): CounterPosition[] {
  const top = new Map<string, CounterPosition>();
  for (const p of all) {
    const k = `${p.series}\u0000${p.year}`;
    if ((top.get(k)?.seq ?? 0) < p.seq) top.set(k, p);
  }
  return [...top.values()];
}

/** A batch sent without an answer (it may have reached the server). */
export class AdoptUnanswered extends RuleError {
  override readonly name = 'AdoptUnanswered';
}

/** The seat's way to the server for one batch (Seat.adopt): the rows as the server holds them, or a refusal (or AdoptUnanswered) thrown. */
export type AdoptBatch = (input: { items: { tbl: string; row: unknown }[]; highest: CounterPosition[] }) => Promise<ServerRow[]>;

export interface AdoptResult {
  /** Records now on the server (this run). */
  sent: number;
  /** Those the server gave a new number: old → new. */
  renumbered: { from: string; to: string }[];
  /** Stopped by 取消 before the end (the rest goes next time). */
  cancelled: boolean;
}

/**
 * Hands `plan`'s records to the server, 收文 first (a 事项 goes after its 收文), reporting
 * progress after each batch; `signal` stops it between batches. Then the pull starts again from
 * 0, so the server's records that clashed with this PC's old numbers come now.
 */
export async function adoptOwnRecords(db: WenshuDB, plan: AdoptPlan, send: AdoptBatch, opts: { onProgress?: (p: JobProgress) => void; signal?: AbortSignal } = {}): Promise<AdoptResult> {
  const items = [
    ...plan.incoming.map((row) => ({ tbl: INCOMING_REGISTER.table, row, number: row.serial })),
    ...plan.meetings.map((row) => ({ tbl: MEETINGS_REGISTER.table, row, number: MEETINGS_REGISTER.number(row) })),
    ...plan.tasks.map((row) => ({ tbl: TASKS_REGISTER.table, row, number: row.serial })),
  ];
  const progress: JobProgress = { stage: '交到服务器', done: 0, total: items.length, unit: '件', startedAt: performance.now() };
  opts.onProgress?.({ ...progress });
  const renumbered: AdoptResult['renumbered'] = [];
  let cancelled = false;
  // A batch whose answer was lost on the way back: the server may have it (and the pull bring it).
  let unanswered = false;
  try {
    for (const batch of batches(items)) {
      if (opts.signal?.aborted) {
        cancelled = true;
        break;
      }
      const rows = await send({ items: batch.map(({ tbl, row }) => ({ tbl, row })), highest: plan.highest }).catch((e: unknown) => {
        unanswered = e instanceof AdoptUnanswered;
        throw e;
      });
      if (rows.length !== batch.length) throw new RuleError('服务器的答复与所交的记录不符，已停止；已交的记录已保存');
      await writeAdopted(db, rows);
      rows.forEach((r, k) => {
        const to = r.tbl === MEETINGS_REGISTER.table ? MEETINGS_REGISTER.number(r.row as MeetingRecord) : (r.row as { serial: string }).serial;
        if (to !== batch[k]!.number) renumbered.push({ from: batch[k]!.number, to });
      });
      progress.done += batch.length;
      opts.onProgress?.({ ...progress });
    }
  } finally {
    if (progress.done > 0 || unanswered) {
      // Every record again, now that this PC's numbers are the server's: the ones that clashed come too.
      await resetCursor(db, (await readCursor(db)).scope);
    }
  }
  return { sent: progress.done, renumbered, cancelled };
}

/** Consecutive runs of at most ADOPT_BATCH records and ADOPT_BATCH_BYTES of JSON (one record alone may be more: the server says if it is too large). */
function batches<T extends { row: unknown }>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  const encoder = new TextEncoder();
  let run: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = encoder.encode(JSON.stringify(item.row)).length;
    if (run.length > 0 && (run.length === ADOPT_BATCH || bytes + size > ADOPT_BATCH_BYTES)) {
      out.push(run);
      run = [];
      bytes = 0;
    }
    run.push(item);
    bytes += size;
  }
  if (run.length > 0) out.push(run);
  return out;
}

/** The server's rows for one batch, written in one transaction with their versions (and search entries). */
async function writeAdopted(db: WenshuDB, rows: readonly ServerRow[]): Promise<void> {
  const incoming = rows.filter((r) => r.tbl === INCOMING_REGISTER.table).map((r) => r.row as IncomingRecord);
  const tasks = rows.filter((r) => r.tbl === TASKS_REGISTER.table).map((r) => r.row as TaskRecord);
  const meetings = rows.filter((r) => r.tbl === MEETINGS_REGISTER.table).map((r) => r.row as MeetingRecord);
  await db.transaction('rw', [db.incoming, db.meetings, db.tasks, db.projectionDeltas, db.lanVersions], async () => {
    await sealAhead(db, INCOMING_REGISTER.table, incoming);
    await db.incoming.bulkPut(incoming);
    await db.meetings.bulkPut(meetings);
    await db.tasks.bulkPut(tasks);
    // Each was held here already: its search entry is updated (a new number, mapped people).
    await writeProjectionUpdates(db, INCOMING_PROJECTION, incoming.map(toIndexEntry));
    await db.lanVersions.bulkPut(rows.map((r) => ({ key: versionKey(r.tbl, (r.row as { id: string }).id), version: r.version })));
  });
}
