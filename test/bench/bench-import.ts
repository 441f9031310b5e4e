import { locateHeader } from '../../shared/domain/incoming-import';
import { verifyAuditChain } from '../../renderer/db/audit';
import { importIncoming } from '../../renderer/db/repositories/incoming';
import { LegacyImportReader } from '../../renderer/ui/legacy-import';
import { makeLegacyLedgerXlsx } from '../fixtures/legacy-ledger';
import type { BenchFigure } from './bench-page';
import { measureFloor } from './floor';
import { bareRead, bareWrite } from './job-floor';
import { benchOffice } from './bench-office';
import { makeIncoming, seedIncoming } from './seed-incoming';

// `--only=import` (issue #18): a legacy Excel 收文登记簿 of N rows (made in memory with
// write-excel-file, as an office's ledger looks) imported as the wizard does it: parsed and
// checked in the worker, then written by the incoming.import command's bulk path in one
// transaction; and the bench's bulk seed of N 收文, which writes through the same path.


/** The import's figures; `withSeed` false in the full run, whose 收文 section times the seed already. */
export async function benchImport(withSeed = true): Promise<BenchFigure[]> {
  const N = Number(new URLSearchParams(location.search).get('n') ?? 100_000);
  const floor = await measureFloor();

  const { db, clerk } = await benchOffice(`bench-import-${Date.now()}`);
  let t0 = performance.now();
  const bytes = await makeLegacyLedgerXlsx({ rows: N });
  const makeMs = performance.now() - t0;

  const reader = new LegacyImportReader();
  t0 = performance.now();
  const { sheets } = await reader.read(bytes);
  const parseMs = performance.now() - t0;
  const head = sheets[0]!;
  const { mapping } = locateHeader(head.rows);
  t0 = performance.now();
  const checked = await reader.check(0, mapping, { defaultSignedBy: clerk.displayName, today: '2026-11-23' });
  const validateMs = performance.now() - t0;
  reader.close();
  if (checked.bad.length > 0 || checked.valid.length !== N) throw new Error(`import check: ${checked.valid.length} valid, ${checked.bad.length} bad (first: ${JSON.stringify(checked.bad[0])})`);
  let progressCalls = 0;
  // When each batch was written: the first and the last batch's time show whether a batch costs
  // more as the transaction grows.
  const laps: number[] = [];
  t0 = performance.now();
  const done = await importIncoming(db, clerk, checked.valid, new Date(), {
    progress: () => {
      progressCalls += 1;
      laps.push(performance.now());
    },
  });
  const writeEnd = performance.now();
  const writeMs = writeEnd - t0;
  const batchMs = laps.map((t, i) => t - (i === 0 ? t0 : laps[i - 1]!));
  const carriers = await db.carriers.count();
  if (done.length !== N || (await db.incoming.count()) !== N) throw new Error(`imported ${done.length}, the register holds ${await db.incoming.count()}`);
  const logged = await db.changeLog.where('entity').equals('incoming').count();
  if (logged !== N) throw new Error(`change log holds ${logged} 收文 rows for ${N} imported`);
  t0 = performance.now();
  const chain = await verifyAuditChain(db);
  const verifyMs = performance.now() - t0;
  if (!chain.ok) throw new Error(`audit chain after the import: ${chain.reason}`);
  db.close();
  const total = parseMs + validateMs + writeMs;
  const figures: BenchFigure[] = [
    floor,
    { name: `legacy Excel import of ${N} rows (${(bytes.length / 1024 / 1024).toFixed(1)} MB .xlsx, ${carriers} 秘密 → 载体): parse + validate + write`, value: total, unit: 'ms', budget: 30_000, rows: N },
    { name: '  parse (worker: unzip + XML → rows)', value: parseMs, unit: 'ms' },
    { name: '  validate (worker: import rules + registration schema)', value: validateMs, unit: 'ms' },
    { name: `  write (incoming.import: one transaction, ${progressCalls} progress reports)`, value: writeMs, unit: 'ms', rows: N },
    { name: `    prepare + first batch (rows checked again, numbers reserved, records built, first ${Math.min(N, 2000)} written)`, value: batchMs[0] ?? 0, unit: 'ms' },
    { name: '    last batch', value: batchMs[batchMs.length - 1] ?? 0, unit: 'ms' },
    { name: '    commit (after the last batch)', value: writeEnd - (laps[laps.length - 1] ?? writeEnd), unit: 'ms' },
    { name: `  (not timed) make the .xlsx in memory`, value: makeMs, unit: 'ms' },
    { name: `  (not timed) verify the audit chain after (${chain.count} entries)`, value: verifyMs, unit: 'ms' },
  ];
  if (!withSeed) return [...figures, await ownFloor(db.name)];

  // The seed: N 收文 built in memory, written through the import's bulk path.
  const seeded = await benchOffice(`bench-seed-${Date.now()}`);
  t0 = performance.now();
  const { written, foldMs } = await seedIncoming(seeded.db, seeded.clerk, makeIncoming(N));
  const seedMs = performance.now() - t0 - foldMs;
  const seedCarriers = await seeded.db.carriers.count();
  seeded.db.close();
  return [
    ...figures,
    { name: `seed ${N} 收文 in bulk (with audit; ${seedCarriers} 载体 from the classified) through the import's path`, value: seedMs, unit: 'ms', budget: 20_000, rows: written.length },
    { name: `  then: fold the search projections' deltas (the app's compaction)`, value: foldMs, unit: 'ms' },
    // Last: its writes (and LevelDB's compaction after them) would slow the seed.
    await ownFloor(db.name),
  ];
}

/**
 * The import's own floor (job-floor.ts): every row the import left in database `name` (its
 * records, change-log rows, audit entries, carriers, search deltas, and the few rows of the
 * office's setup), as stored, written again by bare IndexedDB into the same tables and indexes.
 */
async function ownFloor(name: string): Promise<BenchFigure> {
  const { tables, rows } = await bareRead(name);
  const counts = tables.filter((t) => t.rows.length > 0).sort((a, b) => b.rows.length - a.rows.length).slice(0, 4).map((t) => `${t.shape.name} ${t.rows.length}`).join('，');
  const { ms } = await bareWrite(tables);
  return { name: `the import's own floor: the ${rows} rows it stored (${counts}, …) written again by bare IndexedDB`, value: ms, unit: 'ms', rows };
}
