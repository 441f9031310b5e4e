import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addSeat, signIn } from '../../../electron/server/accounts';
import { startCluster, type TestCluster } from '../../fixtures/pg-cluster';

// `npm run server -- …` as an operator runs it: the real script (esbuild bundle, then node).

const root = fileURLToPath(new URL('../../..', import.meta.url));

function server(args: string[], stdin = ''): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/server.mjs', ...args], { cwd: root, env: { ...process.env, WENSHU_DATABASE_URL: '' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
    child.stdin.end(stdin);
  });
}

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
      expect(await signIn(client, seat, 'admin', 'Wenshu#2026-abc')).toMatch(/^[\w-]{43}$/);
      expect((await client.query('SELECT count(*)::int AS n FROM accounts')).rows[0].n).toBe(1);
    } finally {
      await client.end();
    }
  }, 60_000);

  test('without an option it says what is not built yet and exits 2; an unreachable database is named', async () => {
    const bare = await server([]);
    expect(bare.code).toBe(2);
    expect(bare.err).toContain('尚未完成');
    const down = await server(['--init', '--db', `postgres://wenshu@127.0.0.1:${cluster.port}/no_such_db`]);
    expect(down).toMatchObject({ code: 1, err: expect.stringContaining('无法连接数据库') });
  }, 60_000);
});
