import { describe, expect, test } from 'vitest';
import { FRAME_BYTES_MAX, ROWS_PER_READ, writeBackup, type BackupFrame, type BackupRows } from '../../../renderer/db/backup/backup';
import { decodeFrame, importStoredKey, parseBackup, storedKeyFor } from '@shared/backup-format';
import { memorySink } from '../../fixtures/memory-sink';
import { freshDb, setUpOffice } from './helpers';

// Issue #18: a backup's rows frames are bounded by size, not by a count of rows, and a table is
// read a few hundred rows at a time (the backup's heap stays flat however large the table or its rows).

describe('backup frames', () => {
  test('no rows frame grows past FRAME_BYTES_MAX (a longer row goes alone), and every row is there once, in key order', { timeout: 240_000 }, async () => {
    const db = freshDb();
    const admin = await setUpOffice(db);
    // Rows of very different sizes: short ones, ~6,000-character ones, and one longer than a whole frame.
    const rows = Array.from({ length: ROWS_PER_READ * 3 + 17 }, (_, i) => ({
      id: `dept-${String(i).padStart(5, '0')}`,
      code: `D${i}`,
      name: i % 7 === 0 ? `机关${'科室'.repeat(3000)}${i}` : `部门${i}`,
      disabled: false,
    }));
    rows[100] = { ...rows[100]!, name: '档'.repeat(FRAME_BYTES_MAX / 3 + 10) };
    await db.departments.bulkAdd(rows);
    const stored = await storedKeyFor('备份口令-frames-2026');
    const sink = memorySink();
    const manifest = await writeBackup(db, admin, stored, sink);
    const file = sink.bytes();
    const parsed = parseBackup(file);
    const key = await importStoredKey(stored);
    const seen: BackupRows[] = [];
    for (let i = 0; i < parsed.frames.length; i++) {
      const frame = await decodeFrame<BackupFrame>(file, parsed, key, i);
      if (frame.kind === 'rows') seen.push(frame);
    }
    const utf8 = new TextEncoder();
    for (const f of seen) {
      const bytes = utf8.encode(JSON.stringify(f)).length;
      // The frame's own wrapper ({"kind":"rows","table":…}) comes on top of its rows' JSON.
      if (f.rows.length > 1) expect(bytes, `${f.table}: ${f.rows.length} rows`).toBeLessThanOrEqual(FRAME_BYTES_MAX + 100);
    }
    const departments = seen.filter((f) => f.table === 'departments');
    expect(departments.length).toBeGreaterThanOrEqual(4);
    expect(departments.some((f) => f.rows.length === 1 && new TextEncoder().encode(JSON.stringify(f.rows[0])).length > FRAME_BYTES_MAX)).toBe(true);
    const back = departments.flatMap((f) => f.rows) as { id: string }[];
    const want = await db.departments.orderBy(':id').toArray();
    expect(back).toEqual(want);
    expect(manifest.counts.departments).toBe(want.length);
    // Every table's rows as the manifest counts them.
    const perTable = new Map<string, number>();
    for (const f of seen) perTable.set(f.table, (perTable.get(f.table) ?? 0) + f.rows.length);
    for (const [table, n] of Object.entries(manifest.counts)) if (n > 0 && table !== 'attachmentChunks') expect(perTable.get(table), table).toBe(n);
  });
});
