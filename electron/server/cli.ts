import pg from 'pg';
import { z } from 'zod';
import { passwordProblem } from '../../shared/domain/password-policy';
import { ROLES, type Role } from '../../shared/domain/permissions';
import { addAccount } from './accounts';
import { initSchema, schemaVersion, SchemaError } from './schema';

// `npm run server -- …`: the office LAN server's command line (issue #19).
//   --init                      creates the schema in an empty PostgreSQL database
//   --add-account <login> --name <姓名> --role <角色>   adds an account; its password is read from stdin
// The database: --db <connection string>, else WENSHU_DATABASE_URL, else PostgreSQL's own PG* variables.
// Serving seats (HTTPS, pairing with a one-time code) is not built yet: without an option the
// command says so and exits 2.

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** The whole of stdin (the new account's password). */
  readStdin(): Promise<string>;
  env: Record<string, string | undefined>;
}

const USAGE = `用法：
  npm run server -- --init [--db postgres://用户@主机:端口/数据库]
  npm run server -- --add-account <登录名> --name <姓名> --role <角色> [--db …]   （密码从标准输入读取）
数据库连接串也可放在环境变量 WENSHU_DATABASE_URL 中。`;

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function main(args: readonly string[], io: CliIo): Promise<number> {
  const connectionString = option(args, '--db') ?? io.env.WENSHU_DATABASE_URL;
  const init = args.includes('--init');
  const login = option(args, '--add-account');
  if (!init && login === undefined) {
    io.err('文枢局域网服务器：为座席提供服务（HTTPS、座席配对）尚未完成，本版本只能初始化数据库和添加账户。');
    io.err(USAGE);
    return 2;
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
      await addAccount(client, { login, displayName: name, roles: [role.data as Role], password });
      io.out(`已添加账户 ${login}（${name}，${role.data}）。`);
    }
    return 0;
  } catch (e) {
    if (e instanceof SchemaError) return fail(io, e.message);
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
