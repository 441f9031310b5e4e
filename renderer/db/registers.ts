import type { Table } from 'dexie';
import { z } from 'zod';
import type { RegisterDescriptor, RegisterRow, AnyRegister, IndexRanges } from '@shared/domain/registers';
import { canSeeCarrier, canSeeIncomingContent, canSeeOutgoingContent, type NeedToKnowActor } from '@shared/domain/need-to-know';
import { serialOrder } from '@shared/domain/registers';
import { normalizeForSearch } from '@shared/domain/search-text';
import { CARRIER_PROJECTION, carrierProjection, toCarrierIndexEntry, type CarrierIndexEntry } from './carriers/carrier-index';
import type { WenshuDB } from './database';
import { INCOMING_PROJECTION, incomingProjection, toIndexEntry, type IncomingIndexEntry } from './incoming/incoming-index';
import { OUTGOING_PROJECTION, outgoingProjection, toOutgoingIndexEntry, type OutgoingIndexEntry } from './outgoing/outgoing-index';
import { writeProjectionDelta, type LiveProjection, type ProjectionEntry } from './projection';
import { sortedPage } from './text-scan';
import type { CarrierRecord } from '@shared/domain/carrier-types';
import type { IncomingRecord } from '@shared/domain/incoming-types';
import type { OutgoingRecord } from '@shared/domain/outgoing-types';
import type { Classification } from '@shared/domain/enums';

// The registry (shared/domain/registers/) as renderer/db sees it: the ONE place a register's
// Dexie table is reached by its descriptor's table name, and the search projections kept beside
// some tables. Cross-cutting repositories (filing, 归档包, 迁移包, search, 工作台) use these and
// never name a register's table themselves.

/** The Dexie table of register `d` (a database missing it is a programming error, said plainly). */
export function registerTable<Row extends RegisterRow>(db: WenshuDB, d: RegisterDescriptor<Row>): Table<Row, string> {
  // db.table() is untyped; the descriptor's Row is the type its table holds (declared in database.ts).
  return db.table(d.table);
}

/** The tables of `registers`, for a transaction's scope. */
export function registerTables(db: WenshuDB, registers: readonly AnyRegister[]): Table[] {
  return registers.map((d) => db.table(d.table));
}

/**
 * The registry a command works over, as an optional part of its input (absent: REGISTERS). Not
 * data a form sends: the app always uses its own registry; tests pass one with an extra register.
 */
export const registryInput = z.custom<readonly AnyRegister[]>((v) => Array.isArray(v)).optional();

/** Table names of `registers`, for a command's moreTables (see commands/define.ts). */
export function registerTableNames(registers: readonly AnyRegister[]): string[] {
  return registers.map((d) => d.table);
}

/** Rows of register `d` whose index lies in any of the ranges (one indexed read; [] for none). */
export async function rowsInRanges<Row extends RegisterRow>(db: WenshuDB, d: RegisterDescriptor<Row>, q: IndexRanges): Promise<Row[]> {
  if (q.ranges.length === 0) return [];
  const ranges = q.ranges.map(([lo, hi]) => [lo, hi] as [unknown, unknown]) as never;
  return registerTable(db, d).where(q.index).inAnyRange(ranges, { includeLowers: true, includeUppers: true }).toArray();
}

/** What searching a register needs of its fast projection's entries (renderer/db/projection.ts). */
interface SearchProjection<Row, E extends SearchEntry> {
  name: string;
  entry(row: Row): E;
  live(db: WenshuDB): LiveProjection<E>;
  /** Need to know on the entry (the same rule as the descriptor's canSee on the record). */
  visible(actor: NeedToKnowActor, e: E): boolean;
  /** The descriptor's search.order, from the entry. */
  order(e: E): string;
}

/** Every projection entry keeps normalised text: `text` within the need to know, `publicText` for anyone. */
interface SearchEntry extends ProjectionEntry {
  text: string;
  publicText: string;
  /** What a list filters on, public on every record (迁移包 lists filter the same way). */
  classification: Classification;
  state: string;
  year: number;
}

const INCOMING: SearchProjection<IncomingRecord, IncomingIndexEntry> = {
  name: INCOMING_PROJECTION,
  entry: toIndexEntry,
  live: incomingProjection,
  visible: canSeeIncomingContent,
  order: (e) => `${e.year}|${String(e.seq).padStart(10, '0')}|${e.serial}`,
};
const OUTGOING: SearchProjection<OutgoingRecord, OutgoingIndexEntry> = {
  name: OUTGOING_PROJECTION,
  entry: toOutgoingIndexEntry,
  live: outgoingProjection,
  visible: canSeeOutgoingContent,
  order: (e) => e.order,
};
const CARRIERS: SearchProjection<CarrierRecord, CarrierIndexEntry> = {
  name: CARRIER_PROJECTION,
  entry: toCarrierIndexEntry,
  live: carrierProjection,
  visible: canSeeCarrier,
  order: (e) => serialOrder(e.serial),
};

/**
 * The search projections kept current beside a register's table, by table name: a register with
 * a large table keeps one so its list and search stay fast. A register without one is searched
 * by reading its table.
 */
const PROJECTIONS: Readonly<Record<string, SearchProjection<never, SearchEntry>>> = {
  incoming: INCOMING as unknown as SearchProjection<never, SearchEntry>,
  outgoing: OUTGOING as unknown as SearchProjection<never, SearchEntry>,
  carriers: CARRIERS as unknown as SearchProjection<never, SearchEntry>,
};

function projectionOf<Row extends RegisterRow>(d: RegisterDescriptor<Row>): SearchProjection<Row, SearchEntry> | undefined {
  return PROJECTIONS[d.table] as SearchProjection<Row, SearchEntry> | undefined;
}

/** Adds (isNew) or replaces a row of register `d`, with its search projection's delta, in the caller's transaction. */
export async function putRegisterRow<Row extends RegisterRow>(db: WenshuDB, d: RegisterDescriptor<Row>, row: Row, isNew = false): Promise<void> {
  const table = registerTable(db, d);
  if (isNew) await table.add(row);
  else await table.put(row);
  const projection = projectionOf(d);
  if (projection) await writeProjectionDelta(db, projection.name, projection.entry(row), isNew);
}

/** Whether `d` keeps a search projection (so a write must also reach projectionDeltas). */
export function hasProjection(d: AnyRegister): boolean {
  return d.table in PROJECTIONS;
}

/** Each field normalised on its own and joined by a line break: a search never matches across two fields. */
function searchText(parts: readonly string[]): string {
  return parts.map(normalizeForSearch).join('\n');
}

/**
 * One page of register `d`'s records matching `text` (all of them for ''), greatest search.order
 * first, with the total. Need to know holds in the matching: a record `actor` may not see
 * matches only on its public text (its number), never on its hidden content. Reads the register's
 * projection where it keeps one (the 收文 and 台账 lists' fast path), else reads its table.
 * The rows are as stored: callers show them through viewFor (masked outside the need to know).
 */
export async function registerPage<Row extends RegisterRow>(
  db: WenshuDB,
  actor: NeedToKnowActor,
  d: RegisterDescriptor<Row>,
  q: { text: string; offset: number; limit: number; where?: RegisterFilter },
): Promise<{ rows: Row[]; total: number }> {
  const needle = q.text.trim() ? normalizeForSearch(q.text.trim()) : '';
  const byOrder = <T>(order: (x: T) => string) => (a: T, b: T) => (order(a) < order(b) ? 1 : order(a) > order(b) ? -1 : 0);
  const w = q.where ?? {};
  const passes = (f: Facets | null) =>
    (w.classification === undefined || f?.classification === w.classification) && (w.state === undefined || f?.state === w.state) && (w.year === undefined || f?.year === w.year);
  const projection = projectionOf(d);
  if (projection) {
    const live = projection.live(db);
    const current = await live.current();
    // With a needle, only the entries the projection's scan finds (text-scan.ts: text or publicText
    // holds it); a hidden one must hold it in its publicText.
    const hits = needle
      ? live.containing(needle).filter((e) => passes(e) && (projection.visible(actor, e) || e.publicText.includes(needle)))
      : [...current.values()].filter(passes);
    const ids = sortedPage(hits, byOrder(projection.order), q.offset, q.limit).map((e) => e.id);
    const rows = (await registerTable(db, d).bulkGet(ids)).filter((r): r is Row => !!r);
    return { rows, total: hits.length };
  }
  // No projection: the register is small enough (thousands) to be read and sifted.
  const all = (await registerTable(db, d).toArray()).filter((r) => passes(facetsOfRow(d, r)));
  const hits = needle
    ? all.filter((r) => (d.canSee(actor, r) ? searchText([...d.search.contentText(r), ...d.search.publicText(r)]) : searchText(d.search.publicText(r))).includes(needle))
    : all;
  hits.sort(byOrder(d.search.order));
  return { rows: hits.slice(q.offset, q.offset + q.limit), total: hits.length };
}

/** What a register list filters on besides its text: 密级, 状态, 年度 (of the record's number). */
export interface RegisterFilter {
  classification?: Classification;
  state?: string;
  year?: number;
}

interface Facets {
  classification: Classification;
  state: string;
  year: number | undefined;
}

function facetsOfRow<Row extends RegisterRow>(d: RegisterDescriptor<Row>, row: Row): Facets {
  // A record numbered by a counter has its year; one that is not yet (a meeting before 签发) is
  // listed under the year its number as shown carries (the meeting's day).
  const shown = /(?:19|20)\d{2}/.exec(d.number(row))?.[0];
  return { classification: d.classification(row), state: d.state(row), year: d.numberKey.counter(row)?.year ?? (shown ? Number(shown) : undefined) };
}

/** The 状态 and 年度 in use in register `d` (filter choices), each once, in order. */
export async function registerFacets<Row extends RegisterRow>(db: WenshuDB, d: RegisterDescriptor<Row>): Promise<{ states: string[]; years: number[] }> {
  const projection = projectionOf(d);
  const facets: Iterable<Facets> = projection ? (await projection.live(db).current()).values() : (await registerTable(db, d).toArray()).map((r) => facetsOfRow(d, r));
  const states = new Set<string>();
  const years = new Set<number>();
  for (const f of facets) {
    states.add(f.state);
    if (f.year !== undefined) years.add(f.year);
  }
  return { states: [...states].sort(), years: [...years].sort((a, b) => b - a) };
}
