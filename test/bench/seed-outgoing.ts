import { appendAudit, auditScope } from '../../renderer/db/audit';
import type { WenshuDB } from '../../renderer/db/database';
import { OUTGOING_PROJECTION, toOutgoingIndexEntry } from '../../renderer/db/outgoing/outgoing-index';
import type { Actor } from '../../renderer/db/types';
import {
  createOutgoingRecord,
  docNumberEntryId,
  formatDocNumber,
  outgoingCounterSeries,
  usedEntry,
  type OutgoingActor,
} from '../../shared/domain/outgoing';
import type { DocNumberEntry, DocNumberSeries, OutgoingRecord, OutgoingState } from '../../shared/domain/outgoing-types';
import { generateOutgoingDrafts, TEST_SERIES } from '../fixtures/outgoing';
import { prng } from '../fixtures/prng';

// Seeded, repeatable 发文 at scale (issue #16: 20,000), written in bulk like the 收文 seed: the
// drafts come from the test fixture's generator; about four in five are registered (文号 taken,
// one 台账 entry each, counters raised), the rest are still in the procedure before 登记.

const BEFORE_NUMBER: OutgoingState[] = ['草稿', '待核稿', '待签发', '待复核', '待登记'];
const AFTER_NUMBER: OutgoingState[] = ['待印制', '待核发', '已核发', '已核发', '已核发', '已核发', '已核发'];

export function makeOutgoing(n: number, actor: OutgoingActor, seed = 2026): { records: OutgoingRecord[]; entries: DocNumberEntry[] } {
  const r = prng(seed);
  const drafts = generateOutgoingDrafts(n, seed);
  const seriesById = new Map<string, DocNumberSeries>(TEST_SERIES.map((s) => [s.id, s]));
  const last = new Map<string, number>();
  const records: OutgoingRecord[] = [];
  const entries: DocNumberEntry[] = [];
  drafts.forEach((draft, i) => {
    const year = 2022 + Math.floor((i / n) * 5);
    const month = 1 + Math.floor(r() * 12);
    const day = 1 + Math.floor(r() * 28);
    const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const now = new Date(`${date}T02:00:00.000Z`);
    const base = createOutgoingRecord(draft, `seed-out-${seed}-${i}`, actor, now);
    const numbered = r() < 0.8;
    if (!numbered) {
      records.push({ ...base, state: BEFORE_NUMBER[Math.floor(r() * BEFORE_NUMBER.length)]! });
      return;
    }
    const series = seriesById.get(draft.seriesId)!;
    const key = `${series.id}|${year}`;
    const seq = (last.get(key) ?? 0) + 1;
    last.set(key, seq);
    const state = AFTER_NUMBER[Math.floor(r() * AFTER_NUMBER.length)]!;
    const at = now.toISOString();
    records.push({
      ...base,
      state,
      draftYear: year,
      year,
      seq,
      docNumber: formatDocNumber(series, year, seq),
      signoff: { signerId: 'p-leader', signer: '李县长', text: '同意。', date, at, recordedBy: actor.name },
      writtenDate: date,
      registered: { at, byName: actor.name },
    });
    entries.push(usedEntry(series, year, seq, base.id, actor, now));
  });
  return { records, entries };
}

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
    { key: OUTGOING_PROJECTION, entries: records.map(toOutgoingIndexEntry), lastDeltaId },
    { key: `${OUTGOING_PROJECTION}:meta`, entries: [], lastDeltaId, size: records.length },
  ]);
}
