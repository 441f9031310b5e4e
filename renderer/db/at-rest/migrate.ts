import type { WenshuDB } from '../database';
import { AT_REST_POLICY } from './encryption-middleware';
import { AT_REST_STATE_KEY, atRestState, type AtRestState } from './session';

// The one-time move of an installation from before encryption at rest (issue #12): on the first
// sign-in after the update every row is read and written back, which seals it. Batch by batch,
// each batch in one transaction with the resume point, so a PC switched off in the middle carries
// on where it stopped at the next sign-in; rows saved meanwhile by normal work are sealed already
// and simply written again. The search projections are caches: they are dropped and rebuilt.
// Self-sealed tables (attachment chunks) came after encryption at rest: sealed from their first write.

const CACHES = ['projections', 'projectionDeltas'];
const BATCH = 500;

export interface SealProgress {
  done: number;
  total: number;
  table: string;
}

function tablesToSeal(db: WenshuDB): string[] {
  return db.tables
    .map((t) => t.name)
    .filter((n) => !AT_REST_POLICY.plainTables.has(n) && !(n in AT_REST_POLICY.selfSealedTables) && !CACHES.includes(n))
    .sort();
}

/**
 * Seals every row not sealed yet. Returns 'cancelled' when `signal` aborts between batches
 * (nothing is lost: the next call resumes), 'done' when the installation is fully encrypted.
 */
export async function sealExistingRows(db: WenshuDB, onProgress?: (p: SealProgress) => void, signal?: AbortSignal, now = () => new Date()): Promise<'done' | 'cancelled'> {
  const first = await atRestState(db);
  if (!first || first.state === 'done') return 'done';
  const tables = tablesToSeal(db);
  let state: AtRestState = first;
  if (!state.progress) {
    let total = 0;
    for (const n of tables) total += await db.table(n).count();
    await db.transaction('rw', [db.projections, db.projectionDeltas, db.settings], async () => {
      await db.projections.clear();
      await db.projectionDeltas.clear();
      state = { ...state, progress: { table: tables[0] ?? '', done: 0, total } };
      await db.settings.put({ key: AT_REST_STATE_KEY, value: state });
    });
  }
  for (let i = Math.max(0, tables.indexOf(state.progress!.table)); i < tables.length; i++) {
    const name = tables[i]!;
    const table = db.table(name);
    const keyPath = table.schema.primKey.keyPath as string;
    let lastKey = state.progress!.table === name ? state.progress!.lastKey : undefined;
    for (;;) {
      if (signal?.aborted) return 'cancelled';
      const moved = await db.transaction('rw', [table, db.settings], async () => {
        const rows: Record<string, unknown>[] =
          lastKey === undefined ? await table.orderBy(':id').limit(BATCH).toArray() : await table.where(':id').above(lastKey).limit(BATCH).toArray();
        if (rows.length) await table.bulkPut(rows);
        const last = rows.length ? rows[rows.length - 1]![keyPath] : lastKey;
        const progress = rows.length < BATCH
          ? { table: tables[i + 1] ?? name, done: state.progress!.done + rows.length, total: state.progress!.total }
          : { table: name, lastKey: last, done: state.progress!.done + rows.length, total: state.progress!.total };
        // The state row itself lives in settings: re-read so a batch of settings does not undo it.
        state = { ...state, progress: progress.table === name ? progress : { table: progress.table, done: progress.done, total: progress.total } };
        await db.settings.put({ key: AT_REST_STATE_KEY, value: state });
        return { count: rows.length, last };
      });
      onProgress?.({ done: state.progress!.done, total: state.progress!.total, table: name });
      lastKey = moved.last;
      if (moved.count < BATCH) break;
    }
  }
  const finished: AtRestState = { state: 'done', keyId: state.keyId, startedAt: state.startedAt, finishedAt: now().toISOString() };
  await db.settings.put({ key: AT_REST_STATE_KEY, value: finished });
  db.keyring.strict = true;
  return 'done';
}
