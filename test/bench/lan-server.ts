import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { lanPost } from '../../electron/lan-client';
import { restoreOfficeBackup } from '../../electron/server/office-backup';
import { writeOfficeBackup, type OfficeBackupBody } from '../../renderer/db/lan/office-backup';
import type { LanPostResponse } from '../../renderer/platform/types';
import type { PullPage } from '../../electron/server/pull';
import { SEEDED_REGISTRATION as REG, seedServerIncoming, startLanServer, type TestLanServer } from '../fixtures/lan-server';

// The office LAN server's figures (issue #19), in Node against a throwaway PostgreSQL, every
// request over HTTPS through the seat's own client (electron/lan-client.ts):
//  - 10 seats sending 1,000 commands each at once (registrations: the command that takes a
//    number, the chain lock and a change-log row): p50 / p95 per command as the seat sees it;
//  - a new seat's first pull of 100,000 收文 (rows written straight into PostgreSQL, as a server
//    that has run for years holds them), page by page until done;
//  - 备份整个办公室 of that server from a 系统管理员's seat, and its --restore into an empty database.

export interface Figure {
  name: string;
  value: number;
  unit: string;
  budget?: number;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function seat(lan: TestLanServer, name: string): Promise<string> {
  const server = lan.pinned;
  const code = await lan.newCode();
  const seat = await lanPost<{ seatId: string; seatSecret: string }>(server, '/api/pair', { code, name });
  return (await lanPost<{ token: string }>(server, '/api/sign-in', { ...seat, login: 'clerk', password: 'Bench#2026-lan' })).token;
}

export async function lanBench(opts: { seats: number; commands: number; pullRecords: number; log: (line: string) => void }): Promise<Figure[]> {
  // Durable, as on the office's server: every commit waits for its WAL flush.
  const lan = await startLanServer(
    [
      { login: 'clerk', displayName: '张秘书', roles: ['秘书'], password: 'Bench#2026-lan' },
      { login: 'srvadmin', displayName: '赵管理', roles: ['系统管理员'], password: 'Bench#2026-adm' },
    ],
    { durable: true, poolSize: 20 },
  );
  const { pool, pinned: server } = lan;
  const figures: Figure[] = [];
  try {
    // Paired one after another, as people do it (parallel attempts from one address count against its guessing limit).
  const tokens: string[] = [];
  for (let i = 0; i < opts.seats; i++) tokens.push(await seat(lan, `座席${i + 1}`));
    const times: number[] = [];
    const started = performance.now();
    await Promise.all(
      tokens.map(async (token, s) => {
        for (let i = 0; i < opts.commands; i++) {
          const t = performance.now();
          const reply = await lanPost<{ ok: boolean; message?: string }>(server, '/api/command', { clientId: randomUUID(), name: 'incoming.register', input: { registration: { ...REG, title: `座席${s + 1}的第${i + 1}件来文` } } }, token);
          if (!reply.ok) throw new Error(reply.message);
          times.push(performance.now() - t);
        }
      }),
    );
    const wall = performance.now() - started;
    times.sort((a, b) => a - b);
    const total = opts.seats * opts.commands;
    opts.log(`  ${total} commands from ${opts.seats} seats in ${(wall / 1000).toFixed(1)} s`);
    figures.push({ name: `LAN: command p50 (${opts.seats} seats × ${opts.commands})`, value: quantile(times, 0.5), unit: 'ms' });
    figures.push({ name: `LAN: command p95 (${opts.seats} seats × ${opts.commands})`, value: quantile(times, 0.95), unit: 'ms' });
    figures.push({ name: 'LAN: commands per second, all seats', value: total / (wall / 1000), unit: '/s' });

    // 100,000 收文 in PostgreSQL: the rows a server holds after years, written in batches.
    const seeded = performance.now();
    await seedServerIncoming(pool, opts.pullRecords, total);
    opts.log(`  seeded ${opts.pullRecords} 收文 in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
    const fresh = await seat(lan, '新座席');
    const pullStart = performance.now();
    let since = 0;
    let received = 0;
    for (;;) {
      const page = await lanPost<PullPage>(server, '/api/pull', { since }, fresh);
      received += page.changes.length;
      since = page.cursor;
      if (!page.more) break;
    }
    const pulled = performance.now() - pullStart;
    if (received !== total + opts.pullRecords) throw new Error(`pulled ${received}, expected ${total + opts.pullRecords}`);
    figures.push({ name: `LAN: a new seat's first pull of ${received} 收文`, value: pulled / 1000, unit: 's', budget: 60 });

    // 备份整个办公室 from a 系统管理员's seat over HTTPS (one snapshot, sealed on the seat), then
    // `--restore` of that file into an empty database (counts and the audit chain verified).
    const adminSeat = await lanPost<{ seatId: string; seatSecret: string }>(server, '/api/pair', { code: await lan.newCode(), name: '系统管理员的座席' });
    const adminToken = (await lanPost<{ token: string }>(server, '/api/sign-in', { ...adminSeat, login: 'srvadmin', password: 'Bench#2026-adm' })).token;
    const parts: Uint8Array[] = [];
    const backupStart = performance.now();
    const post = async (path: string, body: OfficeBackupBody): Promise<LanPostResponse> => ({ ok: true, body: await lanPost(server, path, body, adminToken) });
    const manifest = await writeOfficeBackup(post, 'Bench-整体备份-2026', { write: async (b) => void parts.push(b.slice()) });
    const backupSeconds = (performance.now() - backupStart) / 1000;
    const bytes = Buffer.concat(parts);
    opts.log(`  office backup: ${manifest.counts.records} records, ${manifest.counts.audit_log} audit entries, ${(bytes.length / 1e6).toFixed(1)} MB`);
    figures.push({ name: `LAN: 备份整个办公室 (${manifest.counts.records} records) on a seat`, value: backupSeconds, unit: 's' });
    const target = new pg.Client({ connectionString: await lan.cluster.createDatabase() });
    await target.connect();
    try {
      const restoreStart = performance.now();
      await restoreOfficeBackup(target, new Uint8Array(bytes), 'Bench-整体备份-2026');
      figures.push({ name: `LAN: --restore of that file`, value: (performance.now() - restoreStart) / 1000, unit: 's' });
    } finally {
      await target.end();
    }
  } finally {
    await lan.stop();
  }
  return figures;
}
