import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { BackupFileError, concat } from '@shared/backup-format';
import type { Role } from '@shared/domain/permissions';
import { addAccount, addSeat, signIn, type SeatCredentials } from '../../../electron/server/accounts';
import { verifyServerAudit } from '../../../electron/server/audit';
import { SERVER_COMMANDS } from '../../../electron/server/commands';
import { abortOfficeBackup, finishOfficeBackup, officeBackupPage, restoreOfficeBackup, startOfficeBackup } from '../../../electron/server/office-backup';
import { runServerCommand } from '../../../electron/server/pipeline';
import { pullChanges } from '../../../electron/server/pull';
import { initSchema } from '../../../electron/server/schema';
import { OfficeBackupCancelled, writeOfficeBackup, type OfficeBackupBody } from '../../../renderer/db/lan/office-backup';
import type { LanPostResponse } from '../../../renderer/platform/types';
import { seedServerIncoming } from '../../fixtures/lan-server';
import { clusterForFile } from '../../fixtures/pg-pools';
import { server } from '../../fixtures/server-cli';

// Wenshu's encrypted backup of the whole office (issue #19), against a real throwaway PostgreSQL:
// written by a 系统管理员's seat from one snapshot, restored into an empty database by the CLI.

const NOW = new Date('2026-12-07T02:00:00Z');
const PASSPHRASE = '办公室整体备份-2026';
const REG = { receivedDate: '2026-11-20', fromUnit: '县财政局', docType: '通知', classification: '非密', copies: 1, pages: 3, urgency: '普通', signedBy: '张秘书', handling: '办件' } as const;
const pgc = clusterForFile();
const { newPool } = pgc;

async function office() {
  const pool = await newPool();
  const tokens: Record<string, string> = {};
  const seats: Record<string, SeatCredentials> = {};
  const c = await pool.connect();
  try {
    await initSchema(c);
    const people: [string, string, Role[]][] = [
      ['admin', '系统管理员', ['系统管理员']],
      ['clerk', '张秘书', ['秘书']],
    ];
    for (const [login, name, roles] of people) {
      await addAccount(c, { login, displayName: name, roles, password: `${login}-密码-2026` });
      seats[login] = await addSeat(c, `${name}的电脑`);
      tokens[login] = (await signIn(c, seats[login]!, login, `${login}-密码-2026`)).token;
    }
  } finally {
    c.release();
  }
  const register = (title: string) => runServerCommand(pool, tokens.clerk!, { clientId: randomUUID(), name: 'incoming.register', input: { registration: { ...REG, title } } }, SERVER_COMMANDS, NOW);
  /** The seat's lan.post, answered by the server's functions (as /api/office-backup/* does). */
  const post = (who: string, between?: () => Promise<void>) => {
    let pages = 0;
    const answer = (body: unknown): LanPostResponse => ({ ok: true, body: body as never });
    return async (path: string, body: OfficeBackupBody): Promise<LanPostResponse> => {
      try {
        const token = tokens[who]!;
        if (path === '/api/office-backup/start') return answer(await startOfficeBackup(pool, token, NOW));
        if (path === '/api/office-backup/page') {
          const page = await officeBackupPage(pool, token, body, NOW);
          if (pages++ === 0) await between?.();
          return answer(page);
        }
        if (path === '/api/office-backup/finish') return answer(await finishOfficeBackup(pool, token, body, NOW));
        return answer(await abortOfficeBackup(pool, token, body, NOW));
      } catch (e) {
        return { ok: false, status: 400, message: (e as Error).message };
      }
    };
  };
  return { pool, tokens, seats, register, post };
}

async function tableRows(pool: pg.Pool, sql: string): Promise<unknown[]> {
  return (await pool.query(sql)).rows;
}

async function write(post: ReturnType<Awaited<ReturnType<typeof office>>['post']>, opts: { signal?: AbortSignal } = {}) {
  const parts: Uint8Array[] = [];
  const manifest = await writeOfficeBackup(post, PASSPHRASE, { write: async (b) => void parts.push(b.slice()) }, opts);
  return { manifest, bytes: concat(parts) };
}

describe('the whole office’s encrypted backup', () => {
  test('one snapshot, sealed on the seat; restored into an empty database it is the same office: records, accounts, seats, counters, a verifying audit chain', async () => {
    const o = await office();
    for (const t of ['关于年终决算的通知', '关于安全生产检查的通知', '关于春节值班安排的通知']) expect(await o.register(t)).toMatchObject({ ok: true });
    // A registration while the backup is under way is not in it: every page comes from the snapshot.
    const { manifest, bytes } = await write(o.post('admin', async () => void (await o.register('备份开始后才登记的'))));
    expect(manifest.counts).toMatchObject({ records: 3, accounts: 2, seats: 2, counters: 1 });
    expect(new TextDecoder().decode(bytes.subarray(0, 8))).toBe('WSOFFICE');
    // Sealed: no title, login or hash in the clear.
    const text = Buffer.from(bytes).toString('latin1') + new TextDecoder().decode(bytes);
    for (const clear of ['年终决算', 'clerk', 'argon2id$']) expect(text).not.toContain(clear);
    // The backup is on the server's chain, after the snapshot's head.
    expect((await o.pool.query(`SELECT actor_name, summary FROM audit_log WHERE action = '备份整个办公室'`)).rows).toEqual([{ actor_name: '系统管理员', summary: '加密备份，3 件记录（座席“系统管理员的电脑”保存）' }]);

    const restored = await newPool();
    const c = await restored.connect();
    try {
      const m = await restoreOfficeBackup(c, bytes, PASSPHRASE);
      expect(m.auditHead.seq).toBe(manifest.auditHead.seq);
      // The same rows as the original held at the snapshot.
      const titles = (p: pg.Pool) => tableRows(p, `SELECT row->>'serial' AS serial, row->>'title' AS title FROM records ORDER BY 1`);
      expect(await titles(restored)).toEqual((await titles(o.pool)).slice(0, 3));
      for (const sql of ['SELECT * FROM accounts ORDER BY id', 'SELECT * FROM seats ORDER BY id', 'SELECT * FROM counters']) {
        const before = await tableRows(o.pool, sql);
        if (sql.includes('counters')) expect(await tableRows(restored, sql)).toEqual([{ series: '收文', year: 2026, last: 3 }]);
        else expect(await tableRows(restored, sql)).toEqual(before);
      }
      expect(await verifyServerAudit(restored)).toMatchObject({ ok: true, count: manifest.auditHead.seq, headHash: manifest.auditHead.hash });
      // Seats keep their pairing and people their passwords: the 秘书's PC signs in and numbers the next.
      const token = (await signIn(c, o.seats.clerk!, 'clerk', 'clerk-密码-2026')).token;
      expect(await runServerCommand(restored, token, { clientId: randomUUID(), name: 'incoming.register', input: { registration: { ...REG, title: '恢复后登记的' } } }, SERVER_COMMANDS, NOW)).toMatchObject({ ok: true, result: { serial: '收〔2026〕0004' } });
      // A new life of the change log: a seat's cursor from before the restore is not trusted (its scope digest changed, so it pulls from 0).
      const original = await pullChanges(o.pool, o.tokens.clerk!, 0, {}, 10, NOW);
      const after = await pullChanges(restored, token, 0, {}, 10, NOW);
      expect(after.scope).not.toBe(original.scope);
      expect(after.changes.filter((ch) => ch.kind === 'put')).toHaveLength(4);
    } finally {
      c.release();
    }
  });

  test('pages follow the key: 4,500 收文 and their change-log rows, over several pages each, come back row for row; a file whose rows do not match its manifest or chain is refused', async () => {
    const o = await office();
    await seedServerIncoming(o.pool, 4500);
    for (let i = 0; i < 5; i++) expect(await o.register(`登记的第${i + 1}件`)).toMatchObject({ ok: true });
    const { manifest, bytes } = await write(o.post('admin'));
    expect(manifest.counts.records).toBe(4505);
    const restored = await newPool();
    const c = await restored.connect();
    try {
      await restoreOfficeBackup(c, bytes, PASSPHRASE);
    } finally {
      c.release();
    }
    const digest = (p: pg.Pool, sql: string) => tableRows(p, `SELECT md5(string_agg(x::text, '|')) AS d, count(*)::int AS n FROM (${sql}) x`);
    // The audit log as the snapshot held it (the backup's own entry comes after).
    for (const sql of ['SELECT tbl, id, row::text, version FROM records ORDER BY tbl, id', `SELECT * FROM audit_log WHERE seq <= ${manifest.auditHead.seq} ORDER BY seq`, 'SELECT * FROM change_log ORDER BY id', 'SELECT client_id, result::text FROM commands ORDER BY client_id']) {
      expect(await digest(restored, sql)).toEqual(await digest(o.pool, sql));
    }
    // Written by a tampering seat: a row left out of a page, or an audit entry reworded.
    const tampered = (change: (path: string, body: unknown) => unknown) => {
      const post = o.post('admin');
      return async (path: string, b: OfficeBackupBody): Promise<LanPostResponse> => {
        const r = await post(path, b);
        return r.ok ? { ok: true, body: change(path, r.body) as never } : r;
      };
    };
    const short = await write(tampered((path, body) => (path.endsWith('/page') && (body as { rows: { tbl?: string }[] }).rows[0]?.tbl === 'incoming' ? { rows: (body as { rows: unknown[] }).rows.slice(1) } : body)));
    const reworded = await write(tampered((path, body) => (path.endsWith('/page') ? { rows: (body as { rows: Record<string, unknown>[] }).rows.map((r) => ('prev_hash' in r && r.seq === 2 ? { ...r, summary: '改过的' } : r)) } : body)));
    for (const [file, words] of [[short.bytes, '记录数与清单不符'], [reworded.bytes, '审计日志校验不通过']] as const) {
      const fresh = await (await newPool()).connect();
      try {
        await expect(restoreOfficeBackup(fresh, file, PASSPHRASE)).rejects.toThrow(words);
        expect(Number((await fresh.query(`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'`)).rows[0].n)).toBe(0);
      } finally {
        fresh.release();
      }
    }
  }, 60_000);

  test('a wrong passphrase, a damaged file, a used database: refused with their reasons, nothing written; only a 系统管理员 may back up; 取消 ends the session', async () => {
    const o = await office();
    expect(await o.register('一件')).toMatchObject({ ok: true });
    const { bytes } = await write(o.post('admin'));
    const empty = await newPool();
    const c = await empty.connect();
    const tables = async () => Number((await c.query(`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'`)).rows[0].n);
    try {
      await expect(restoreOfficeBackup(c, bytes, '不是这个口令-2026')).rejects.toThrow(new BackupFileError('口令不正确，无法打开此服务器备份'));
      const damaged = bytes.slice();
      damaged[Math.floor(damaged.length / 2)]! ^= 0xff;
      await expect(restoreOfficeBackup(c, damaged, PASSPHRASE)).rejects.toThrow('服务器备份文件已损坏或被改动');
      await expect(restoreOfficeBackup(c, bytes.subarray(0, bytes.length - 10), PASSPHRASE)).rejects.toThrow('不完整');
      expect(await tables()).toBe(0);
    } finally {
      c.release();
    }
    const used = await o.pool.connect();
    try {
      await expect(restoreOfficeBackup(used, bytes, PASSPHRASE)).rejects.toThrow('已初始化为文枢服务器');
    } finally {
      used.release();
    }
    await expect(writeOfficeBackup(o.post('clerk'), PASSPHRASE, { write: async () => undefined })).rejects.toThrow(/权限|系统设置/);
    await expect(writeOfficeBackup(o.post('admin'), '短', { write: async () => undefined })).rejects.toThrow('备份口令至少 8 个字符');
    // 取消 after the first page: the session is gone (its id answers nothing), nothing logged.
    const abort = new AbortController();
    let id = '';
    const post = o.post('admin', async () => abort.abort());
    const spy: typeof post = async (path, body) => {
      const r = await post(path, body);
      if (path === '/api/office-backup/start' && r.ok) id = (r.body as { id: string }).id;
      return r;
    };
    await expect(write(spy, { signal: abort.signal })).rejects.toThrow(OfficeBackupCancelled);
    await expect(officeBackupPage(o.pool, o.tokens.admin!, { id, table: 'records' }, NOW)).rejects.toThrow('备份已中止');
    expect((await o.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = '备份整个办公室'`)).rows[0].n).toBe(1);
  });

  test('npm run server -- --restore: the passphrase from stdin, progress, and a refusal that names the reason', async () => {
    const o = await office();
    expect(await o.register('一件')).toMatchObject({ ok: true });
    const { bytes } = await write(o.post('admin'));
    const file = join(mkdtempSync(join(tmpdir(), 'wenshu-office-')), 'office.wsoffice');
    writeFileSync(file, bytes);
    const db = await pgc.cluster.createDatabase();
    expect(await server(['--restore', file, '--db', db], '错误的口令-2026\n')).toMatchObject({ code: 1, err: expect.stringContaining('口令不正确') });
    const ok = await server(['--restore', file, '--db', db], `${PASSPHRASE}\n`);
    expect(ok).toMatchObject({ code: 0, out: expect.stringContaining('已恢复整个办公室：1 件记录、2 个账户、2 台座席') });
    expect(ok.out).toContain('100%');
    expect(await server(['--restore', file, '--db', db], `${PASSPHRASE}\n`)).toMatchObject({ code: 1, err: expect.stringContaining('已初始化') });
  }, 60_000);
});
