import { verifyAuditChain } from '../../renderer/db/audit';
import { WenshuDB } from '../../renderer/db/database';
import { takeNextSerial } from '../../renderer/db/numbering';
import { completeSetup, login } from '../../renderer/db/repositories/auth';
import { toActor } from '../../renderer/db/repositories/users';
import { writeWithAudit } from '../../renderer/db/write';

// Runs in headless Chromium (scripts/bench.mjs) on the real IndexedDB with strict durability.

export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  budget?: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function run(): Promise<BenchFigure[]> {
  const db = new WenshuDB(`bench-${Date.now()}`);
  const admin = toActor(
    await completeSetup(db, { unitName: '基准测试办', fondsCode: 'Z001', username: 'admin', password: 'Bench#2026x', passwordConfirm: 'Bench#2026x' }),
  );

  // A numbered, audited save: the write path every register uses (counter + record + audit entry).
  const saves: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t = performance.now();
    await writeWithAudit(db, admin, [db.counters, db.departments], async (audit) => {
      const n = await takeNextSerial(db, 'bench', 2026);
      await db.departments.add({ id: `d${n}`, code: `D${n}`, name: `部门${n}`, disabled: false });
      audit({ action: '新增机构', entityType: '机构', entityId: `d${n}`, summary: `部门${n}` });
    });
    saves.push(performance.now() - t);
  }

  const logins: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const r = await login(db, 'admin', 'Bench#2026x');
    if (!r.ok) throw new Error('login failed');
    logins.push(performance.now() - t);
  }

  const count = await db.auditLog.count();
  const t = performance.now();
  const v = await verifyAuditChain(db);
  const verifyMs = performance.now() - t;
  if (!v.ok) throw new Error('chain broken');

  return [
    { name: 'audited numbered save, median of 300', value: median(saves), unit: 'ms', budget: 20 },
    { name: 'login (argon2id 19 MiB, t=2), median of 5', value: median(logins), unit: 'ms' },
    { name: `audit chain verify, ${count} entries`, value: verifyMs, unit: 'ms' },
    { name: 'audit chain verify throughput', value: Math.round((count / verifyMs) * 1000), unit: 'entries/s' },
  ];
}

run().then(
  (figures) => {
    (window as unknown as { __bench: unknown }).__bench = { figures };
    document.getElementById('out')!.textContent = JSON.stringify(figures, null, 2);
  },
  (e: unknown) => {
    (window as unknown as { __bench: unknown }).__bench = { error: String(e) };
  },
);
