import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { lanPost, type LanServer } from '../../../electron/lan-client';
import { MAX_BODY_BYTES, type RunningServer } from '../../../electron/server/http';
import { createIdentity } from '../../../electron/server/identity';
import { Throttle } from '../../../electron/server/throttle';
import { startLanServer, type TestLanServer } from '../../fixtures/lan-server';

// The seats' HTTPS door, in process, as an attacker on the LAN would knock on it.

let lan: TestLanServer;
let running: RunningServer;
let pinned: LanServer;

beforeAll(async () => {
  lan = await startLanServer([
    { login: 'clerk', displayName: '张秘书', roles: ['秘书'], password: 'Wenshu#2026-abc' },
    { login: 'typist', displayName: '李打字', roles: ['秘书'], password: 'Wenshu#2026-abc' },
    { login: 'guard', displayName: '王值班', roles: ['工作人员'], password: 'Wenshu#2026-abc' },
  ]);
  ({ running, pinned } = lan);
}, 60_000);
afterAll(async () => {
  await lan?.stop();
});

/** A raw request with the pinned certificate: status and parsed body. */
function raw(path: string, opts: { method?: string; body?: string | Buffer; headers?: Record<string, string> } = {}): Promise<{ status: number; body: { message?: string } }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: running.port, path, method: opts.method ?? 'POST', ca: pinned.cert, checkServerIdentity: () => undefined, headers: opts.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: chunks.length ? JSON.parse(Buffer.concat(chunks).toString() || '{}') : {} }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A seat paired over HTTPS: the id and secret a sign-in carries. */
async function pairedSeat(): Promise<{ seatId: string; seatSecret: string }> {
  return lanPost<{ seatId: string; seatSecret: string }>(pinned, '/api/pair', { code: await lan.newCode(), name: '测试电脑' });
}

describe('the LAN server over HTTPS: sessions and seats', () => {
  test('10 guesses sent at once: 5 are tried, 5 are refused unheard', async () => {
    const seat = await pairedSeat();
    const replies = await Promise.all(Array.from({ length: 10 }, (_, i) => lanPost(pinned, '/api/sign-in', { ...seat, login: 'guard', password: `guess-${i}` }).catch((e: { status: number }) => e.status)));
    expect(replies.filter((r) => r === 400)).toHaveLength(5);
    expect(replies.filter((r) => r === 429)).toHaveLength(5);
  });

  test('signing out ends the session; a seat that leaves is revoked (its sign-in refused); a NUL byte is bad input, not a fault', async () => {
    const seat = await pairedSeat();
    const { token } = await lanPost<{ token: string }>(pinned, '/api/sign-in', { ...seat, login: 'clerk', password: 'Wenshu#2026-abc' });
    await lanPost(pinned, '/api/sign-out', {}, token);
    await expect(lanPost(pinned, '/api/pull', { since: 0 }, token)).rejects.toMatchObject({ status: 401 });
    await expect(lanPost(pinned, '/api/sign-in', { ...seat, login: 'clerk\u0000', password: 'x' })).rejects.toMatchObject({ status: 400 });
    await lanPost(pinned, '/api/leave', seat);
    await expect(lanPost(pinned, '/api/sign-in', { ...seat, login: 'clerk', password: 'Wenshu#2026-abc' })).rejects.toMatchObject({ status: 400 });
    await expect(lanPost(pinned, '/api/leave', seat)).rejects.toMatchObject({ status: 400 });
    const { rows } = await lan.pool.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [seat.seatId]);
    expect(rows.map((r) => r.action)).toEqual(['座席配对', '座席解除配对']);
  });
});

describe('the LAN server over HTTPS', () => {
  test('a seat pinned to another server’s certificate refuses this one; so does plain HTTP', async () => {
    const stranger = await createIdentity();
    await expect(lanPost({ ...pinned, cert: stranger.cert }, '/api/pull', { since: 0 }, 'x'.repeat(43))).rejects.toThrow(/无法连接服务器/);
    const plain = await new Promise<string>((resolve) => {
      const req = httpRequest({ host: '127.0.0.1', port: running.port, path: '/api/pull', method: 'POST' }, (res) => resolve(`answered ${res.statusCode}`));
      req.on('error', () => resolve('refused'));
      req.end('{}');
    });
    expect(plain).toBe('refused');
  });

  test('unknown paths, other methods, other content types, bad JSON and oversized bodies get their status and message', async () => {
    expect(await raw('/api/nothing', { body: '{}', headers: { 'content-type': 'application/json' } })).toMatchObject({ status: 404 });
    expect(await raw('/api/pull', { method: 'GET' })).toMatchObject({ status: 405 });
    expect(await raw('/api/pull', { body: 'since=0', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).toMatchObject({ status: 415 });
    expect(await raw('/api/pull', { body: '{', headers: { 'content-type': 'application/json' } })).toMatchObject({ status: 400, body: { message: '请求不是有效的 JSON' } });
    expect(await raw('/api/pair', { body: Buffer.alloc(MAX_BODY_BYTES + 10, 0x20), headers: { 'content-type': 'application/json' } })).toMatchObject({ status: 413 });
    const preflight = await raw('/api/command', { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
  });

  test('without a session every operation is 401; a wrong password is 400 with one message; a guessed pairing code is refused', async () => {
    expect(await raw('/api/pull', { body: JSON.stringify({ since: 0 }), headers: { 'content-type': 'application/json' } })).toMatchObject({ status: 401 });
    await expect(lanPost(pinned, '/api/command', { clientId: randomUUID(), name: 'incoming.register', input: {} }, 'A'.repeat(43))).rejects.toMatchObject({ status: 401 });
    const seat = await pairedSeat();
    await expect(lanPost(pinned, '/api/sign-in', { ...seat, login: 'clerk', password: 'nope' })).rejects.toMatchObject({ status: 400, message: '用户名或密码错误，或本机已被停用' });
    await expect(lanPost(pinned, '/api/pair', { code: '0000-0000-0000', name: '陌生电脑' })).rejects.toMatchObject({ status: 400, field: 'code' });
    const { token } = await lanPost<{ token: string }>(pinned, '/api/sign-in', { ...seat, login: 'clerk', password: 'Wenshu#2026-abc' });
    // A refusal by the rules is an answer (200, ok: false) the seat shows beside the field.
    expect(await lanPost(pinned, '/api/command', { clientId: randomUUID(), name: 'incoming.register', input: { registration: { title: '' } } }, token)).toMatchObject({ ok: false, code: 'refused' });
    await expect(lanPost(pinned, '/api/seats', {}, token)).rejects.toMatchObject({ status: 403 });
    await expect(lanPost(pinned, '/api/lan-settings', {}, token)).rejects.toMatchObject({ status: 403 });
  });

  test('guessing is stopped: 5 wrong passwords lock that login for 15 minutes (others still sign in); 5 wrong pairing codes lock pairing from that address', async () => {
    const seat = await pairedSeat();
    for (let i = 0; i < 5; i++) await expect(lanPost(pinned, '/api/sign-in', { ...seat, login: 'typist', password: `guess-${i}` })).rejects.toMatchObject({ status: 400 });
    await expect(lanPost(pinned, '/api/sign-in', { ...seat, login: 'TYPIST', password: 'Wenshu#2026-abc' })).rejects.toMatchObject({ status: 429, message: '尝试次数过多，请 15 分钟后再试' });
    expect(await lanPost(pinned, '/api/sign-in', { ...seat, login: 'clerk', password: 'Wenshu#2026-abc' })).toMatchObject({ token: expect.any(String) });
    const code = await lan.newCode();
    for (let i = 0; i < 5; i++) await lanPost(pinned, '/api/pair', { code: `1111-2222-333${i}`, name: '陌生电脑' }).catch(() => undefined);
    await expect(lanPost(pinned, '/api/pair', { code, name: '测试电脑' })).rejects.toMatchObject({ status: 429 });
  });
});

describe('Throttle', () => {
  test('counts failures in a window, locks past the limit, forgets after the window or a success', () => {
    const t = new Throttle(3, 60_000);
    t.fail('a', 0);
    t.fail('a', 1000);
    expect(t.blockedFor('a', 2000)).toBe(0);
    t.fail('a', 2000);
    expect(t.blockedFor('a', 2000)).toBe(1);
    expect(t.blockedFor('b', 2000)).toBe(0);
    expect(t.blockedFor('a', 60_000)).toBe(0);
    t.fail('a', 60_001);
    expect(t.blockedFor('a', 60_002)).toBe(0);
    t.fail('c', 0);
    t.fail('c', 0);
    t.succeed('c');
    t.fail('c', 0);
    expect(t.blockedFor('c', 0)).toBe(0);
  });
});
