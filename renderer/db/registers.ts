import type { Table } from 'dexie';
import type { RegisterDescriptor, RegisterRow, AnyRegister, IndexRanges } from '@shared/domain/registers';
import { CARRIER_PROJECTION, toCarrierIndexEntry } from './carriers/carrier-index';
import type { WenshuDB } from './database';
import { INCOMING_PROJECTION, toIndexEntry } from './incoming/incoming-index';
import { writeProjectionDelta, type ProjectionEntry } from './projection';
import type { CarrierRecord } from '@shared/domain/carrier-types';
import type { IncomingRecord } from '@shared/domain/incoming-types';

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

/** Rows of register `d` whose index lies in any of the ranges (one indexed read; [] for none). */
export async function rowsInRanges<Row extends RegisterRow>(db: WenshuDB, d: RegisterDescriptor<Row>, q: IndexRanges): Promise<Row[]> {
  if (q.ranges.length === 0) return [];
  const ranges = q.ranges.map(([lo, hi]) => [lo, hi] as [unknown, unknown]) as never;
  return registerTable(db, d).where(q.index).inAnyRange(ranges, { includeLowers: true, includeUppers: true }).toArray();
}

/**
 * The search projections kept current beside a register's table (renderer/db/projection.ts), by
 * table name: a register with a large table keeps one so its list and search stay fast. A register
 * without one is searched by reading its table.
 */
const PROJECTIONS: Readonly<Record<string, { name: string; entry: (row: never) => ProjectionEntry }>> = {
  incoming: { name: INCOMING_PROJECTION, entry: (r: IncomingRecord) => toIndexEntry(r) },
  carriers: { name: CARRIER_PROJECTION, entry: (r: CarrierRecord) => toCarrierIndexEntry(r) },
};

/** Adds (isNew) or replaces a row of register `d`, with its search projection's delta, in the caller's transaction. */
export async function putRegisterRow<Row extends RegisterRow>(db: WenshuDB, d: RegisterDescriptor<Row>, row: Row, isNew = false): Promise<void> {
  const table = registerTable(db, d);
  if (isNew) await table.add(row);
  else await table.put(row);
  const projection = PROJECTIONS[d.table];
  if (projection) await writeProjectionDelta(db, projection.name, (projection.entry as (r: Row) => ProjectionEntry)(row));
}

/** Whether `d` keeps a search projection (so a write must also reach projectionDeltas). */
export function hasProjection(d: AnyRegister): boolean {
  return d.table in PROJECTIONS;
}
