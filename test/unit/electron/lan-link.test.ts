import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createIpcHandlers, type SenderEvent } from '../../../electron/ipc-handlers';
import { lanPost, pinServerCertificate } from '../../../electron/lan-client';
import { createLanLinkStore, LAN_LINK_FILE } from '../../../electron/lan-link';
import { startLanServer, type TestLanServer } from '../../fixtures/lan-server';
import { electronFake, FakeWebContents } from './fake-electron';
import { testIpcDeps } from './ipc-deps';

vi.mock('electron', async () => (await import('./fake-electron')).electronFake);

// The seat's side of the LAN (issue #19) as the renderer reaches it: lan:pair, lan:link, lan:post
// and lan:unpair through main, against a real LAN server on a throwaway PostgreSQL.

let lan: TestLanServer;
let userData: string;
const ours = new FakeWebContents();
const event = { sender: ours.asWebContents(), senderFrame: ours.mainFrame } as unknown as SenderEvent;

beforeAll(async () => {
  lan = await startLanServer([{ login: 'clerk', displayName: '张秘书', roles: ['秘书'], password: 'Wenshu#2026-abc' }]);
  userData = await mkdtemp(path.join(tmpdir(), 'wenshu-lan-'));
}, 60_000);
afterAll(async () => {
  await lan?.stop();
  await rm(userData, { recursive: true, force: true });
});

/** This PC's data key as the page hands it over at pairing (base64 of 32 bytes). */
const DATA_KEY = Buffer.alloc(32, 7).toString('base64');

describe('lan:pair / lan:link / lan:post / lan:unpair', () => {
  it('pairs with the typed fingerprint and code, keeps the link sealed, and carries the seat’s requests; a wrong fingerprint pairs nothing', async () => {
    const handlers = createIpcHandlers(testIpcDeps((c) => c === ours.asWebContents(), userData, { lan: { pin: pinServerCertificate, post: lanPost } }));
    expect(await handlers['lan:link'](event, undefined)).toBeNull();
    expect(await handlers['lan:post'](event, { path: '/api/pull', body: { since: 0 } })).toEqual({ ok: false, status: 0, message: '本机尚未与局域网服务器配对' });
    const request = { host: '127.0.0.1', port: lan.running.port, fingerprint: lan.identity.fingerprint.slice(0, -1) + (lan.identity.fingerprint.endsWith('0') ? '1' : '0'), code: await lan.newCode(), name: '张秘书的电脑', dataKey: DATA_KEY };
    expect(await handlers['lan:pair'](event, request)).toMatchObject({ ok: false, field: 'fingerprint', message: expect.stringContaining('指纹不符') });
    expect(await handlers['lan:link'](event, undefined)).toBeNull();
    const paired = await handlers['lan:pair'](event, { ...request, fingerprint: lan.identity.fingerprint });
    expect(paired).toMatchObject({ ok: true, link: { host: '127.0.0.1', port: lan.running.port, fingerprint: lan.identity.fingerprint, name: '张秘书的电脑' } });
    // Sealed: neither the address nor the certificate is readable in the profile.
    const stored = await readFile(path.join(userData, LAN_LINK_FILE), 'latin1');
    expect(stored).not.toContain('127.0.0.1');
    expect(stored).not.toContain('BEGIN CERTIFICATE');
    const signIn = await handlers['lan:post'](event, { path: '/api/sign-in', body: { login: 'clerk', password: 'Wenshu#2026-abc' } });
    // The seat's data key comes back opened by main; the server holds it only sealed under the seat's secret.
    expect(signIn).toMatchObject({ ok: true, body: { token: expect.any(String), account: { login: 'clerk' }, dataKey: DATA_KEY } });
    expect(signIn.ok && 'seatKey' in (signIn.body as object)).toBe(false);
    const kept = (await lan.pool.query<{ wrapped_key: string }>('SELECT wrapped_key FROM seats WHERE id = $1', [paired.ok ? paired.link.seatId : ''])).rows[0]!.wrapped_key;
    expect(kept).toMatch(/^[\w-]{80}$/);
    expect(Buffer.from(kept, 'base64url').includes(Buffer.from(DATA_KEY, 'base64'))).toBe(false);
    const token = signIn.ok ? (signIn.body as { token: string }).token : '';
    expect(await handlers['lan:post'](event, { path: '/api/pull', body: { since: 0 }, token })).toMatchObject({ ok: true, body: { changes: [], more: false } });
    expect(await handlers['lan:post'](event, { path: '/api/sign-in', body: { login: 'clerk', password: 'wrong' } })).toMatchObject({ ok: false, status: 400, message: '用户名或密码错误，或本机已被停用' });
    // Only the seat's operations: pairing again, or any other path, is refused by the contract.
    await expect(handlers['lan:post'](event, { path: '/api/pair', body: {} })).rejects.toThrow(/invalid lan:post request/);
    // An edited link file no longer opens: the seat is as if unpaired, and says so.
    await writeFile(path.join(userData, LAN_LINK_FILE), stored.replace(/.$/, 'x'), 'latin1');
    expect(await handlers['lan:link'](event, undefined)).toBeNull();
    expect(await handlers['lan:post'](event, { path: '/api/pull', body: { since: 0 }, token })).toMatchObject({ ok: false, message: '本机尚未与局域网服务器配对' });
    await handlers['lan:unpair'](event, undefined);
    expect(await handlers['lan:link'](event, undefined)).toBeNull();
  }, 60_000);

  it('解除配对 tells the server first: the seat is revoked there, so a copy of its link signs nobody in', async () => {
    const handlers = createIpcHandlers(testIpcDeps((c) => c === ours.asWebContents(), userData, { lan: { pin: pinServerCertificate, post: lanPost } }));
    const paired = await handlers['lan:pair'](event, { host: '127.0.0.1', port: lan.running.port, fingerprint: lan.identity.fingerprint, code: await lan.newCode(), name: '临时电脑', dataKey: DATA_KEY });
    expect(paired.ok).toBe(true);
    const copy = await readFile(path.join(userData, LAN_LINK_FILE));
    await handlers['lan:unpair'](event, undefined);
    const { rows } = await lan.pool.query<{ revoked: boolean }>('SELECT revoked_at IS NOT NULL AS revoked FROM seats WHERE id = $1', [paired.ok ? paired.link.seatId : '']);
    expect(rows[0]?.revoked).toBe(true);
    await writeFile(path.join(userData, LAN_LINK_FILE), copy);
    expect(await handlers['lan:post'](event, { path: '/api/sign-in', body: { login: 'clerk', password: 'Wenshu#2026-abc' } })).toMatchObject({ ok: false, status: 400 });
    await handlers['lan:unpair'](event, undefined);
  });

  it('where the OS keystore is unavailable, pairing is refused before the code is used', async () => {
    const post = vi.fn();
    const handlers = createIpcHandlers(testIpcDeps((c) => c === ours.asWebContents(), userData, { lan: { pin: pinServerCertificate, post }, lanLink: { ...createLanLinkStore(() => userData, () => electronFake.safeStorage), canSave: () => false } }));
    expect(await handlers['lan:pair'](event, { host: '127.0.0.1', port: lan.running.port, fingerprint: lan.identity.fingerprint, code: await lan.newCode(), name: '电脑', dataKey: DATA_KEY })).toMatchObject({ ok: false, message: expect.stringContaining('系统加密服务不可用') });
    expect(post).not.toHaveBeenCalled();
  });

  it('an unreachable server is named beside the address, and nothing is kept', async () => {
    const handlers = createIpcHandlers(testIpcDeps((c) => c === ours.asWebContents(), userData, { lan: { pin: pinServerCertificate, post: lanPost } }));
    const closed = lan.cluster.port; // a port where no HTTPS server listens
    expect(await handlers['lan:pair'](event, { host: '127.0.0.1', port: closed, fingerprint: lan.identity.fingerprint, code: '1', name: '电脑', dataKey: DATA_KEY })).toMatchObject({ ok: false, field: 'address', message: expect.stringContaining('无法连接服务器') });
    expect(await handlers['lan:link'](event, undefined)).toBeNull();
  });
});
