import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import { z } from 'zod';
import { PermissionError } from '../../shared/domain/permissions';
import { RuleError } from '../../shared/domain/rule-error';
import { firstZodProblem } from '../../shared/domain/zod-problem';
import { AuthError, signIn, setSeatKey, signOut } from './accounts';
import { accountAdminView, changePasswordSchema, changeServerPassword, newPasswordCheck } from './account-admin';
import { SERVER_COMMANDS } from './commands';
import type { ServerIdentity } from './identity';
import { leaveSeat, pairSeat } from './pairing';
import { withClient } from './db';
import { BAD_INPUT_MESSAGE, isBadInput, runServerCommand } from './pipeline';
import { listAccounts, listSeats, pullChanges, readLanSettings } from './pull';
import { LOCK_MESSAGE, Throttle } from './throttle';
import { abortOfficeBackup, closeOfficeBackups, finishOfficeBackup, officeBackupPage, startOfficeBackup } from './office-backup';

// The seats' door to the LAN server (issue #19): HTTPS only, JSON in and out, one POST route per
// operation. A seat's session token rides in the Authorization header (never a cookie), so a web
// page elsewhere on the LAN cannot act with a user's session; CORS is open for the same reason
// (the browser platform's seat calls from its own origin).

export const MAX_BODY_BYTES = 1 << 20;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function body(req: IncomingMessage): Promise<unknown> {
  if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) throw new HttpError(415, '请求格式应为 JSON');
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
    req.resume(); // drained unread, so the client hears the answer instead of a reset
    throw new HttpError(413, '请求过大');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      // A body without a length that grows too big: stop reading it and close the connection.
      req.destroy();
      throw new HttpError(413, '请求过大');
    }
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, '请求不是有效的 JSON');
  }
}

function bearer(req: IncomingMessage): string {
  const m = /^Bearer ([\w-]{20,100})$/.exec(req.headers.authorization ?? '');
  if (!m) throw new AuthError('请先登录');
  return m[1]!;
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw firstZodProblem(r.error);
}

type Route = (pool: pg.Pool, req: IncomingMessage, input: unknown, now: Date) => Promise<unknown>;

// 5 wrong passwords for one login, 20 from one address, 5 wrong pairing codes from one address:
// each then waits out its 15 minutes.
const WINDOW_MS = 15 * 60_000;
const throttles = { login: new Throttle(5, WINDOW_MS), address: new Throttle(20, WINDOW_MS), pairing: new Throttle(5, WINDOW_MS) };

/**
 * Runs `attempt` unless one of `keys` is locked out. The attempt is counted BEFORE it runs, so
 * requests sent in parallel cannot all slip under the limit; a success takes back its own count
 * (and clears a login's failures: its password is known), never an address's earlier failures.
 */
async function guarded<T>(keys: { throttle: Throttle; key: string; clearOnSuccess: boolean }[], now: Date, attempt: () => Promise<T>): Promise<T> {
  const at = now.getTime();
  const wait = Math.max(...keys.map(({ throttle, key }) => throttle.blockedFor(key, at)));
  if (wait > 0) throw new HttpError(429, LOCK_MESSAGE(wait));
  for (const { throttle, key } of keys) throttle.fail(key, at);
  let failed = true;
  try {
    const result = await attempt();
    failed = false;
    return result;
  } catch (e) {
    // Only a refusal (wrong password, wrong code) counts; a fault of ours does not.
    if (!(e instanceof RuleError)) failed = false;
    throw e;
  } finally {
    if (!failed) {
      for (const { throttle, key, clearOnSuccess } of keys) {
        if (clearOnSuccess) throttle.succeed(key);
        else throttle.takeBack(key);
      }
    }
  }
}

const addressOf = (req: IncomingMessage) => req.socket.remoteAddress ?? '?';

const seatSchema = z.object({ seatId: z.string().max(64), seatSecret: z.string().max(100) });

const ROUTES: Record<string, Route> = {
  '/api/pair': async (pool, req, input, now) => {
    const { code, name } = parse(z.object({ code: z.string().max(40), name: z.string().max(200) }), input);
    const seat = await withClient(pool, (client) => guarded([{ throttle: throttles.pairing, key: addressOf(req), clearOnSuccess: false }], now, () => pairSeat(client, code, name, now)));
    return { seatId: seat.id, seatSecret: seat.secret };
  },
  '/api/leave': async (pool, _req, input, now) => {
    const { seatId, seatSecret } = parse(seatSchema, input);
    await withClient(pool, (client) => leaveSeat(client, { id: seatId, secret: seatSecret }, now));
    return {};
  },
  '/api/sign-in': async (pool, req, input, now) => {
    const { seatId, seatSecret, login, password } = parse(seatSchema.extend({ login: z.string().max(64), password: z.string().max(256) }), input);
    const keys = [
      { throttle: throttles.login, key: login.toLowerCase(), clearOnSuccess: true },
      { throttle: throttles.address, key: addressOf(req), clearOnSuccess: false },
    ];
    return withClient(pool, (client) => guarded(keys, now, () => signIn(client, { id: seatId, secret: seatSecret }, login, password, now)));
  },
  '/api/change-password': async (pool, req, input, now) => {
    const { seatId, seatSecret, ...change } = parse(seatSchema.merge(changePasswordSchema), input);
    newPasswordCheck(change);
    // Counted as a sign-in is: a wrong current password is a guess at it.
    const keys = [
      { throttle: throttles.login, key: change.login.toLowerCase(), clearOnSuccess: true },
      { throttle: throttles.address, key: addressOf(req), clearOnSuccess: false },
    ];
    await withClient(pool, (client) => guarded(keys, now, () => changeServerPassword(client, { id: seatId, secret: seatSecret }, change, now)));
    return {};
  },
  '/api/seat-key': async (pool, _req, input) => {
    const { seatId, seatSecret, wrappedKey } = parse(seatSchema.extend({ wrappedKey: z.string().max(200) }), input);
    await withClient(pool, (client) => setSeatKey(client, { id: seatId, secret: seatSecret }, wrappedKey));
    return {};
  },
  '/api/sign-out': async (pool, req) => {
    await withClient(pool, (client) => signOut(client, bearer(req)));
    return {};
  },
  '/api/command': async (pool, req, input, now) => {
    const call = parse(z.object({ clientId: z.string().max(64), name: z.string().max(100), input: z.unknown() }), input);
    const reply = await runServerCommand(pool, bearer(req), call, SERVER_COMMANDS, now);
    if (!reply.ok && reply.code === 'unauthenticated') throw new AuthError(reply.message);
    return reply;
  },
  '/api/pull': async (pool, req, input, now) => {
    const p = parse(z.object({ since: z.number().int().min(0), outboxLength: z.number().int().min(0).optional(), appVersion: z.string().max(40).optional() }), input);
    return pullChanges(pool, bearer(req), p.since, { ...(p.outboxLength !== undefined ? { outboxLength: p.outboxLength } : {}), ...(p.appVersion !== undefined ? { appVersion: p.appVersion } : {}) }, undefined, now);
  },
  '/api/seats': async (pool, req, _input, now) => listSeats(pool, bearer(req), now),
  '/api/accounts': async (pool, req, _input, now) => listAccounts(pool, bearer(req), now),
  '/api/account-admin': async (pool, req, _input, now) => accountAdminView(pool, bearer(req), now),
  '/api/office-backup/start': async (pool, req, _input, now) => startOfficeBackup(pool, bearer(req), now),
  '/api/office-backup/page': async (pool, req, input, now) => officeBackupPage(pool, bearer(req), input, now),
  '/api/office-backup/finish': async (pool, req, input, now) => finishOfficeBackup(pool, bearer(req), input, now).then(() => ({})),
  '/api/office-backup/abort': async (pool, req, input, now) => abortOfficeBackup(pool, bearer(req), input, now).then(() => ({})),
  '/api/lan-settings': async (pool, req, _input, now) => readLanSettings(pool, bearer(req), now),
};

function send(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', 'access-control-allow-origin': '*' });
  res.end(text);
}

export function handler(pool: pg.Pool, log: (line: string) => void = () => undefined, clock: () => Date = () => new Date()) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '').split('?')[0]!;
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'authorization, content-type', 'access-control-max-age': '600' });
      res.end();
      return;
    }
    const route = Object.hasOwn(ROUTES, path) ? ROUTES[path] : undefined;
    if (!route) return send(res, 404, { message: '没有这个接口' });
    if (req.method !== 'POST') return send(res, 405, { message: '只接受 POST' });
    try {
      send(res, 200, await route(pool, req, await body(req), clock()));
    } catch (e) {
      if (e instanceof HttpError) return send(res, e.status, { message: e.message });
      if (e instanceof AuthError) return send(res, 401, { message: e.message });
      if (e instanceof PermissionError) return send(res, 403, { message: e.message });
      if (e instanceof RuleError) return send(res, 400, { message: e.message, ...(e.field ? { field: e.field } : {}) });
      if (isBadInput(e)) return send(res, 400, { message: BAD_INPUT_MESSAGE });
      log(`${path}: ${(e as Error).stack ?? String(e)}`);
      send(res, 500, { message: '服务器内部错误，请联系系统管理员查看服务器日志' });
    }
  };
}

export interface RunningServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/** Serves the API over HTTPS with the server's own identity on host:port (port 0: any free one). */
export async function startHttpsServer(pool: pg.Pool, identity: ServerIdentity, host: string, port: number, log?: (line: string) => void): Promise<RunningServer> {
  const handle = handler(pool, log);
  const server = createServer({ key: identity.key, cert: identity.cert, minVersion: 'TLSv1.2' }, (req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        void closeOfficeBackups(pool);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
