import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { lanPost, pinServerCertificate } from '../../../electron/lan-client';
import { addSeat, signIn } from '../../../electron/server/accounts';
import { startCluster, type TestCluster } from '../../fixtures/pg-cluster';
import { root, server } from '../../fixtures/server-cli';

// `npm run server -- …` as an operator runs it: the real script (esbuild bundle, then node).

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startCluster();
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
});

describe('npm run server', () => {
  test('--init makes the schema once; --add-account adds a 系统管理员 who can sign in; bad input is refused with its reason', async () => {
    const db = await cluster.createDatabase();
    const init = await server(['--init', '--db', db]);
    expect(init).toMatchObject({ code: 0, out: expect.stringContaining('已在该数据库中建立文枢服务器的表') });
    expect(await server(['--init', '--db', db])).toMatchObject({ code: 1, err: expect.stringContaining('已初始化') });
    expect(await server(['--add-account', 'admin', '--name', '赵管理', '--role', '系统管理员', '--db', db], '123\n')).toMatchObject({ code: 1 });
    expect(await server(['--add-account', 'admin', '--name', '赵管理', '--role', '局长', '--db', db], 'Wenshu#2026-abc\n')).toMatchObject({ code: 1, err: expect.stringContaining('角色应为') });
    expect(await server(['--add-account', 'admin', '--name', '赵管理', '--role', '系统管理员', '--db', db], 'Wenshu#2026-abc\n')).toMatchObject({ code: 0 });
    expect(await server(['--add-account', 'admin', '--name', '钱管理', '--role', '系统管理员', '--db', db], 'Wenshu#2026-abc\n')).toMatchObject({ code: 1, err: expect.stringContaining('已存在') });
    const client = new pg.Client({ connectionString: db });
    await client.connect();
    try {
      const seat = await addSeat(client, '服务器本机');
      expect((await signIn(client, seat, 'admin', 'Wenshu#2026-abc')).token).toMatch(/^[\w-]{43}$/);
      expect((await client.query('SELECT count(*)::int AS n FROM accounts')).rows[0].n).toBe(1);
    } finally {
      await client.end();
    }
  }, 60_000);

  test('without an option it serves over HTTPS: a seat pins the printed fingerprint, pairs with the printed code, signs in and registers', async () => {
    const db = await cluster.createDatabase();
    expect((await server(['--init', '--db', db])).code).toBe(0);
    expect((await server(['--add-account', 'clerk', '--name', '张秘书', '--role', '秘书', '--db', db], 'Wenshu#2026-abc\n')).code).toBe(0);
    const data = mkdtempSync(join(tmpdir(), 'wenshu-server-'));
    const child = spawn(process.execPath, ['scripts/server.mjs', '--db', db, '--listen', '127.0.0.1:0', '--data', data], { cwd: root });
    try {
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      await vi.waitFor(() => expect(out).toContain('一次性配对码'), { timeout: 30_000, interval: 100 });
      const port = Number(/127\.0\.0\.1:(\d+)/.exec(out)![1]);
      const fingerprint = /证书指纹（SHA-256）：([0-9A-F:]+)/.exec(out)![1]!;
      const code = /一次性配对码：([\d-]+)/.exec(out)![1]!;
      expect(statSync(join(data, 'server-key.pem')).mode & 0o777).toBe(0o600);
      // A fingerprint one digit off is refused before anything is sent.
      const wrong = fingerprint.slice(0, -1) + (fingerprint.endsWith('0') ? '1' : '0');
      await expect(pinServerCertificate('127.0.0.1', port, wrong)).rejects.toThrow('服务器证书指纹不符');
      const pinned = await pinServerCertificate('127.0.0.1', port, fingerprint.toLowerCase().replaceAll(':', ' '));
      const { seatId, seatSecret } = await lanPost<{ seatId: string; seatSecret: string }>(pinned, '/api/pair', { code, name: '张秘书的电脑' });
      await expect(lanPost(pinned, '/api/pair', { code, name: '另一台电脑' })).rejects.toMatchObject({ status: 400, field: 'code' });
      const { token } = await lanPost<{ token: string }>(pinned, '/api/sign-in', { seatId, seatSecret, login: 'clerk', password: 'Wenshu#2026-abc' });
      const reply = await lanPost<{ ok: boolean; result: { serial: string } }>(pinned, '/api/command', { clientId: randomUUID(), name: 'incoming.register', input: { registration: { receivedDate: '2026-11-20', fromUnit: '县财政局', docNumber: '', title: '关于年终决算的通知', docType: '通知', classification: '非密', copies: 1, pages: 3, urgency: '普通', signedBy: '张秘书', handling: '办件' } } }, token);
      expect(reply).toMatchObject({ ok: true, result: { serial: expect.stringMatching(/^收〔2026〕0001$/) } });
      const page = await lanPost<{ changes: { id: string }[] }>(pinned, '/api/pull', { since: 0 }, token);
      expect(page.changes).toHaveLength(1);
      const closed = new Promise((resolve) => child.once('close', resolve));
      child.kill('SIGTERM');
      expect(await closed).toBe(0);
      expect(out).toContain('服务器已停止');
      // Started again from the same folder: the same identity, so the pinned seat carries on.
      const again = spawn(process.execPath, ['scripts/server.mjs', '--db', db, '--listen', `127.0.0.1:${port}`, '--data', data], { cwd: root });
      try {
        let out2 = '';
        again.stdout.on('data', (d: Buffer) => (out2 += d.toString()));
        await vi.waitFor(() => expect(out2).toContain('一次性配对码'), { timeout: 30_000, interval: 100 });
        expect(out2).toContain(fingerprint);
        expect((await lanPost<{ changes: unknown[] }>(pinned, '/api/pull', { since: 0 }, token)).changes).toHaveLength(1);
      } finally {
        again.kill('SIGTERM');
      }
    } finally {
      child.kill('SIGKILL');
      rmSync(data, { recursive: true, force: true });
    }
  }, 60_000);

  test('an unknown option is named; an uninitialised or unreachable database is named', async () => {
    expect(await server(['--frobnicate'])).toMatchObject({ code: 1, err: expect.stringContaining('不认识的选项 --frobnicate') });
    const empty = await cluster.createDatabase();
    expect(await server(['--db', empty, '--listen', '127.0.0.1:0', '--data', tmpdir()])).toMatchObject({ code: 1, err: expect.stringContaining('尚未初始化') });
    const down = await server(['--init', '--db', `postgres://wenshu@127.0.0.1:${cluster.port}/no_such_db`]);
    expect(down).toMatchObject({ code: 1, err: expect.stringContaining('无法连接数据库') });
  }, 60_000);
});
