import { appendAudit, auditScope } from '../../renderer/db/audit';
import type { WenshuDB } from '../../renderer/db/database';
import { OUTGOING_PROJECTION, OUTGOING_PROJECTION_VERSION, toOutgoingIndexEntry } from '../../renderer/db/outgoing/outgoing-index';
import type { Actor } from '../../renderer/db/types';
import { docNumberEntryId, outgoingCounterSeries } from '../../shared/domain/outgoing';
import type { DocNumberEntry, OutgoingRecord } from '../../shared/domain/outgoing-types';

// 发文 at scale (issue #16: 20,000), written in bulk like the 收文 seed. The records and their
// gap-free 文号台账 rows come from the test fixture (makeOutgoingRecords: every stage, 作废 too).

export { makeOutgoingRecords as makeOutgoing } from '../fixtures/outgoing';

/** Writes `records` and their 台账 entries with counters, audit entries and a compacted projection. */
export async function seedOutgoing(db: WenshuDB, actor: Actor, records: OutgoingRecord[], entries: DocNumberEntry[]): Promise<void> {
  const CHUNK = 5000;
  for (let i = 0; i < records.length; i += CHUNK) {
    const chunk = records.slice(i, i + CHUNK);
    await db.transaction('rw', [db.outgoing, ...auditScope(db)], async () => {
      await db.outgoing.bulkAdd(chunk);
      await appendAudit(
        db,
        actor,
        chunk.map((r) => ({ action: '发文拟稿', entityType: '发文', entityId: r.id, summary: r.docNumber ?? '未编号' })),
        new Date(),
      );
    });
  }
  await db.docNumbers.bulkAdd(entries);
  const last = new Map<string, { series: string; year: number; last: number }>();
  for (const e of entries) {
    const series = outgoingCounterSeries(e.seriesId);
    const key = `${series}|${e.year}`;
    last.set(key, { series, year: e.year, last: Math.max(last.get(key)?.last ?? 0, e.seq) });
    if (e.id !== docNumberEntryId(e.seriesId, e.year, e.seq)) throw new Error(`台账 id ${e.id}`);
  }
  await db.counters.bulkPut([...last].map(([key, v]) => ({ key, ...v })));
  const lastDelta = await db.projectionDeltas.orderBy('id').last();
  const lastDeltaId = lastDelta?.id ?? 0;
  await db.projections.bulkPut([
    { key: OUTGOING_PROJECTION, version: OUTGOING_PROJECTION_VERSION, entries: records.map(toOutgoingIndexEntry), lastDeltaId },
    { key: `${OUTGOING_PROJECTION}:meta`, entries: [], lastDeltaId, size: records.length, version: OUTGOING_PROJECTION_VERSION },
  ]);
}
