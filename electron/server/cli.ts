import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { BackupFileError } from '../../shared/backup-format';
import { restoreOfficeBackup } from './office-backup';
import { z } from 'zod';
import { passwordProblem } from '../../shared/domain/password-policy';
import { ROLES } from '../../shared/domain/permissions';
import { addAccount } from './accounts';
import { startHttpsServer } from './http';
import { loadOrCreateIdentity } from './identity';
import { newPairingCode, PAIRING_MINUTES } from './pairing';
import { initSchema, schemaVersion, SchemaError, upgradeSchema } from './schema';

// `npm run server -- …`: the office LAN server's command line (issue #19).
//   (no option)                 serves the seats over HTTPS: prints the certificate fingerprint and a
//                               one-time pairing code; --listen <host:port> (0.0.0.0:8443),
//                               --data <folder> (wenshu-server: the TLS key and certificate)
//   --init                      creates the schema in an empty PostgreSQL database
//   --add-account <login> --name <姓名> --role <角色>   adds an account; its password is read from stdin
//   --pair-code                 prints a new one-time pairing code (the server may be running)
// The database: --db <connection string>, else WENSHU_DATABASE_URL, else PostgreSQL's own PG* variables.

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** The whole of stdin (the new account's password). */
  readStdin(): Promise<string>;
  env: Record<string, string | undefined>;
  /** Serving stops when this aborts (SIGINT, SIGTERM). */
  stop: AbortSignal;
}

const USAGE = `用法：
  npm run server -- [--listen 0.0.0.0:8443] [--data wenshu-server] [--db …]   为座席提供服务
  npm run server -- --init [--db postgres://用户@主机:端口/数据库]
  npm run server -- --pair-code [--db …]   生成一次性配对码
  npm run server -- --add-account <登录名> --name <姓名> --role <角色> [--db …]   （密码从标准输入读取）
  npm run server -- --restore <备份文件> [--db …]   把座席保存的整体备份恢复到一个空数据库（口令从标准输入读取）
数据库连接串也可放在环境变量 WENSHU_DATABASE_URL 中。`;

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function main(args: readonly string[], io: CliIo): Promise<number> {
  const connectionString = option(args, '--db') ?? io.env.WENSHU_DATABASE_URL;
  const init = args.includes('--init');
  const login = option(args, '--add-account');
  const pairCode = args.includes('--pair-code');
  const restore = option(args, '--restore');
  const known = new Set(['--init', '--add-account', '--name', '--role', '--pair-code', '--restore', '--db', '--listen', '--data']);
  const unknown = args.find((a) => a.startsWith('--') && !known.has(a));
  if (unknown) return fail(io, `不认识的选项 ${unknown}\n${USAGE}`);
  if (!init && login === undefined && !pairCode && restore === undefined) return serve(args, connectionString, io);
  let backup: Uint8Array | null = null;
  if (restore !== undefined) {
    try {
      backup = new Uint8Array(await readFile(restore));
    } catch (e) {
      return fail(io, `无法读取备份文件 ${restore}：${(e as Error).message}`);
    }
  }
  const client = new pg.Client(connectionString ? { connectionString } : {});
  try {
    await client.connect();
  } catch (e) {
    io.err(`无法连接数据库：${(e as Error).message}`);
    return 1;
  }
  try {
    if (init) {
      await initSchema(client);
      io.out('已在该数据库中建立文枢服务器的表。');
    }
    if (login !== undefined) {
      await schemaVersion(client);
      const name = option(args, '--name')?.trim() ?? '';
      const role = z.enum(ROLES).safeParse(option(args, '--role'));
      if (!/^[A-Za-z0-9_.-]{2,32}$/.test(login)) return fail(io, '登录名应为 2–32 位字母、数字或 _ . -');
      if (!name) return fail(io, '请用 --name 给出姓名');
      if (!role.success) return fail(io, `角色应为：${ROLES.join('、')}`);
      const password = (await io.readStdin()).replace(/\r?\n$/, '');
      const problem = passwordProblem(login, password);
      if (problem) return fail(io, problem);
      await addAccount(client, { login, displayName: name, roles: [role.data], password });
      io.out(`已添加账户 ${login}（${name}，${role.data}）。`);
    }
    if (backup) {
      const passphrase = (await io.readStdin()).replace(/\r?\n$/, '');
      let shown = -1;
      const m = await restoreOfficeBackup(client, backup, passphrase, (done, total) => {
        const pct = Math.floor((done / Math.max(total, 1)) * 10) * 10;
        if (pct > shown) io.out(`已恢复 ${done} / ${total} 行（${(shown = pct)}%）`);
      });
      io.out(`已恢复整个办公室：${m.counts.records} 件记录、${m.counts.accounts} 个账户、${m.counts.seats} 台座席，审计日志 ${m.auditHead.seq} 条，校验通过。`);
    }
    if (pairCode) {
      await schemaVersion(client);
      io.out(`一次性配对码：${await newPairingCode(client)}（${PAIRING_MINUTES} 分钟内有效，用一次即失效）`);
    }
    return 0;
  } catch (e) {
    if (e instanceof SchemaError || e instanceof BackupFileError) return fail(io, e.message);
    if ((e as { code?: string }).code === '23505') return fail(io, '该登录名已存在，未作任何改动');
    throw e;
  } finally {
    await client.end();
  }
}

function fail(io: CliIo, message: string): number {
  io.err(message);
  return 1;
}

async function serve(args: readonly string[], connectionString: string | undefined, io: CliIo): Promise<number> {
  const listen = /^(.+):(\d{1,5})$/.exec(option(args, '--listen') ?? '0.0.0.0:8443');
  if (!listen) return fail(io, '--listen 应为 主机:端口，如 0.0.0.0:8443');
  const pool = new pg.Pool(connectionString ? { connectionString, max: 20 } : { max: 20 });
  // An idle connection the database drops must not end the server.
  pool.on('error', (e) => io.err(`数据库连接出错：${e.message}`));
  try {
    const client = await pool.connect().catch((e: Error) => {
      throw new SchemaError(`无法连接数据库：${e.message}`);
    });
    let code: string;
    try {
      for (const v of await upgradeSchema(client)) io.out(`数据库结构已升级到版本 ${v}。`);
      code = await newPairingCode(client);
    } finally {
      client.release();
    }
    const identity = await loadOrCreateIdentity(option(args, '--data') ?? io.env.WENSHU_SERVER_DATA ?? 'wenshu-server');
    const running = await startHttpsServer(pool, identity, listen[1]!, Number(listen[2]), (line) => io.err(line));
    io.out(`文枢局域网服务器已启动：https://${listen[1]}:${running.port}`);
    io.out(`证书指纹（SHA-256）：${identity.fingerprint}`);
    io.out(`一次性配对码：${code}（${PAIRING_MINUTES} 分钟内有效；另生成：npm run server -- --pair-code）`);
    await new Promise<void>((resolve) => (io.stop.aborted ? resolve() : io.stop.addEventListener('abort', () => resolve(), { once: true })));
    await running.close();
    io.out('服务器已停止。');
    return 0;
  } catch (e) {
    if (e instanceof SchemaError) return fail(io, e.message);
    if ((e as { code?: string }).code === 'EADDRINUSE') return fail(io, `端口 ${listen[2]} 已被占用；请用 --listen 换一个端口`);
    throw e;
  } finally {
    await pool.end();
  }
}
