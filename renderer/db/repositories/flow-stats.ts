import { isClassified } from '@shared/domain/enums';
import { dayNumber } from '@shared/domain/dates';
import { checkFlowQuery, computeFlowReport, FLOW_POINTS, flowItemIds, storedDayNumber, taskFact, unpackFlow, withTitles, type FlowFact } from '@shared/domain/flow-stats';
import type { FlowDimension, FlowQuery, FlowReport } from '@shared/domain/flow-stats-types';
import { canSeeIncomingContent, canSeeOutgoingContent, MASK } from '@shared/domain/need-to-know';
import { outgoingLabel } from '@shared/domain/outgoing';
import type { IncomingRecord } from '@shared/domain/incoming-types';
import type { OutgoingRecord } from '@shared/domain/outgoing-types';
import type { TaskRecord } from '@shared/domain/supervision-types';
import type { WorkCalendar } from '@shared/domain/workdays';
import { readIndexOpenedAsync, readRowsOpenedAsync } from '../at-rest/encryption-middleware';
import { authorize } from '../authorize';
import type { WenshuDB } from '../database';
import { incomingProjection, type IncomingIndexEntry } from '../incoming/incoming-index';
import { outgoingProjection, type OutgoingIndexEntry } from '../outgoing/outgoing-index';
import type { Actor } from '../types';
import { loadWorkCalendar } from './calendar';
import { getSetting } from './settings';

// 公文运转时效 (issue #17 §1): the figures of one period, computed in the data layer so the page never
// loads the records. 收文 and 发文 come from their in-memory projections (renderer/db/projection.ts),
// whose entries carry each record's stage days (flow) — a year of 100,000 收文 is counted without
// opening one sealed row; only the few hundred records the report lists (longest 10, oldest 在办,
// in the total and each group) are read, for their titles, opened with WebCrypto in parallel
// (readRowsOpenedAsync: the synchronous cipher of Dexie reads took 160 ms for 400 rows). 督办 (thousands, not 100,000s) are read through the 办结日期 and state indexes:
// only the tasks finished in the period or open at its end. The rules of counting:
// shared/domain/flow-stats.ts.

/** Group labels a report shows for a key that names nothing. */
const NO_HOST = '无承办单位'; // not yet given to one, or a 阅件 (never is)
const NO_UNIT = '未填写';

/** A fact with the projection entry it came from (for its group keys). */
interface EntryFact<E> extends FlowFact {
  e: E;
}

/**
 * The entries whose packed flow may concern the period (started in it or finished in it), as facts.
 * A cheap look at two numbers first: a year's page skips the other years' entries without unpacking.
 */
function* factsOf<E extends { id: string; flow: (number | null)[]; dueDate?: string; state: string }>(
  entries: Iterable<E>,
  points: number,
  finishIndex: number,
  query: FlowQuery,
  number: (e: E) => string,
  closed: (e: E) => boolean,
): Generator<EntryFact<E>> {
  const S = dayNumber(query.start);
  const E = dayNumber(query.end);
  for (const e of entries) {
    const start = e.flow[0];
    if (start === null || start === undefined) continue;
    const endOffset = e.flow[finishIndex + 1];
    const end = endOffset === null || endOffset === undefined ? null : start + endOffset;
    if (!((start >= S && start <= E) || (end !== null && end >= S && end <= E))) continue;
    const flow = unpackFlow(e.flow, points);
    yield { id: e.id, number: number(e), start: flow.start, points: flow.points, end, due: e.dueDate ? storedDayNumber(e.dueDate) : null, closed: closed(e), e };
  }
}

async function departmentNames(db: WenshuDB): Promise<Map<string, string>> {
  return new Map((await db.departments.toArray()).map((d) => [d.id, d.name]));
}

async function incomingReport(db: WenshuDB, actor: Actor, query: FlowQuery, today: string, calendar: WorkCalendar): Promise<FlowReport> {
  const [entries, depts] = await Promise.all([incomingProjection(db).current(), departmentNames(db)]);
  const points = FLOW_POINTS.incoming.length;
  // 文种 and 来文单位 are content (maskIncoming blanks them): outside the need to know a classified
  // 收文 counts under 【涉密】 there. 承办单位 and 紧急程度 are what anyone's list filters on.
  const keyOf = (f: EntryFact<IncomingIndexEntry>, d: FlowDimension): string => {
    switch (d) {
      case '承办单位':
        return f.e.hostDeptId ?? '';
      case '紧急程度':
        return f.e.urgency;
      case '文种':
        return canSeeIncomingContent(actor, f.e) ? f.e.docType : MASK;
      case '来文单位':
        return canSeeIncomingContent(actor, f.e) ? (f.e.fromUnit ?? '') : MASK;
      default:
        return '';
    }
  };
  const labelOf = (d: FlowDimension, key: string): string => {
    if (d === '承办单位') return key ? (depts.get(key) ?? key) : NO_HOST;
    return key || NO_UNIT;
  };
  const report = computeFlowReport({
    query,
    today,
    calendar,
    facts: factsOf(entries.values(), points, points - 1, query, (e) => e.serial, (e) => e.state === '已退回'),
    keyOf,
    labelOf,
  });
  const titles = new Map<string, string>();
  const classified = new Set<string>();
  for (const r of (await readRowsOpenedAsync(db, db.keyring, 'incoming', flowItemIds(report))) as (IncomingRecord | undefined)[]) {
    if (!r) continue;
    titles.set(r.id, canSeeIncomingContent(actor, r) ? r.title : MASK);
    if (isClassified(r.classification)) classified.add(r.id);
  }
  return withTitles(report, titles, classified);
}

async function outgoingReport(db: WenshuDB, actor: Actor, query: FlowQuery, today: string, calendar: WorkCalendar): Promise<FlowReport> {
  const [entries, series] = await Promise.all([outgoingProjection(db).current(), getSetting(db, 'outgoingSeries')]);
  const codes = new Map(series.map((s) => [s.id, s.code]));
  const points = FLOW_POINTS.outgoing.length;
  const keyOf = (f: EntryFact<OutgoingIndexEntry>, d: FlowDimension): string => {
    if (d === '发文字号') return f.e.seriesId;
    if (d === '文种') return canSeeOutgoingContent(actor, f.e) ? f.e.docType : MASK;
    return '';
  };
  const labelOf = (d: FlowDimension, key: string): string => (d === '发文字号' ? (codes.get(key) ?? key) : key || NO_UNIT);
  const number = (e: OutgoingIndexEntry) => e.docNumber ?? outgoingLabel({ draftYear: e.year, state: e.state });
  const report = computeFlowReport({
    query,
    today,
    calendar,
    facts: factsOf(entries.values(), points, points - 1, query, number, (e) => e.state === '已作废'),
    keyOf,
    labelOf,
  });
  const titles = new Map<string, string>();
  const classified = new Set<string>();
  for (const r of (await readRowsOpenedAsync(db, db.keyring, 'outgoing', flowItemIds(report))) as (OutgoingRecord | undefined)[]) {
    if (!r) continue;
    titles.set(r.id, canSeeOutgoingContent(actor, r) ? r.title : MASK);
    if (isClassified(r.classification)) classified.add(r.id);
  }
  return withTitles(report, titles, classified);
}

async function tasksReport(db: WenshuDB, query: FlowQuery, today: string, calendar: WorkCalendar): Promise<FlowReport> {
  const cutoff = query.end < today ? query.end : today;
  // Finished in the period, and open at its cut-off (still open, or finished after it): nothing else
  // can count. A task's content is what every reader of the 督办 list sees (a classified meeting's
  // task only points at its minutes: supervision.ts decisionTaskContent).
  // Read by index ranges (one getAll each) and opened with WebCrypto in parallel: a year's few
  // thousand tasks through Dexie's synchronous cipher took ~450 ms.
  // Those reads are outside Dexie, where a live query does not see them: the count (cheap, no row
  // opened) is what makes the page's live query run again when a task changes.
  const [done, open] = await Promise.all([
    readIndexOpenedAsync(db, db.keyring, 'tasks', 'done.date', [IDBKeyRange.bound(query.start, query.end), IDBKeyRange.lowerBound(cutoff, true)]),
    readIndexOpenedAsync(db, db.keyring, 'tasks', 'state', [IDBKeyRange.only('未开始'), IDBKeyRange.only('推进中')]),
    db.tasks.count(),
  ]);
  const byId = new Map<string, TaskRecord>();
  for (const t of [...done, ...open] as TaskRecord[]) byId.set(t.id, t);
  const units = new Map<string, string>();
  const facts = [...byId.values()].map((t) => {
    units.set(t.id, t.unit);
    return taskFact(t);
  });
  const report = computeFlowReport({
    query,
    today,
    calendar,
    facts,
    keyOf: (f, d) => (d === '责任单位' ? (units.get(f.id) ?? '') : ''),
    labelOf: (_d, key) => key || NO_UNIT,
  });
  return withTitles(report, new Map([...byId.values()].map((t) => [t.id, t.content])));
}

/**
 * 运转时效 of one period (秘书, 办公室主任, leaders: flow.view). Classified records count in every
 * figure; the titles listed, and the 文种 / 来文单位 a classified record is grouped under, follow the
 * need to know. `today` is the local day (在办 ages run to it while the period lasts).
 */
export async function flowReport(db: WenshuDB, actor: Actor, query: FlowQuery, today: string): Promise<FlowReport> {
  const started = performance.now();
  actor = await authorize(db, actor, 'flow.view');
  checkFlowQuery(query);
  const calendar = await loadWorkCalendar(db);
  const report =
    query.register === 'incoming'
      ? await incomingReport(db, actor, query, today, calendar)
      : query.register === 'outgoing'
        ? await outgoingReport(db, actor, query, today, calendar)
        : await tasksReport(db, query, today, calendar);
  return { ...report, tookMs: performance.now() - started };
}
