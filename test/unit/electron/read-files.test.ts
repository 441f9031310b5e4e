// A chosen file read by range (issue #17: a restore or a 迁移包 of gigabytes of scans never crosses
// IPC whole): file:openForReading → file:read… → file:closeRead, through the real IPC handlers on
// a real temp file.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIpcHandlers, IpcRefusedError, type IpcDeps, type SenderEvent } from '../../../electron/ipc-handlers';
import { MAX_OPEN_READS_PER_WINDOW } from '../../../electron/read-files';
import { MAX_READ_BYTES } from '../../../shared/ipc';
import { testIpcDeps } from './ipc-deps';
import { FakeWebContents } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronFake);

let dir: string;
let chosen: string;
let ours: FakeWebContents;
let second: FakeWebContents;
/** 3 MiB + 7 bytes, each byte its offset mod 251 (a range is checked by its values). */
const SIZE = 3 * 1024 * 1024 + 7;
const expected = (offset: number, length: number) => Uint8Array.from({ length }, (_, i) => (offset + i) % 251);

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'wenshu-read-'));
  chosen = path.join(dir, '文枢备份-20261201-093005.wsbak');
  await writeFile(chosen, expected(0, SIZE));
  ours = new FakeWebContents();
  second = new FakeWebContents();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function deps(overrides: Partial<IpcDeps> = {}): IpcDeps {
  return testIpcDeps((contents) => contents === ours.asWebContents() || contents === second.asWebContents(), path.join(dir, 'userData'), {
    askOpenPath: vi.fn(async () => chosen),
    ...overrides,
  });
}

const from = (contents: FakeWebContents): SenderEvent => ({ sender: contents.asWebContents(), senderFrame: contents.mainFrame }) as unknown as SenderEvent;

describe('file:openForReading / file:read / file:closeRead', () => {
  it('gives the name, size and a token (never the path), then exactly the ranges asked for', async () => {
    const d = deps();
    const h = createIpcHandlers(d);
    const opened = await h['file:openForReading'](from(ours), { filters: [{ name: '文枢备份', extensions: ['wsbak'] }] });
    expect(d.askOpenPath).toHaveBeenCalledWith(ours.asWebContents(), { filters: [{ name: '文枢备份', extensions: ['wsbak'] }] });
    expect(opened).toEqual({ name: '文枢备份-20261201-093005.wsbak', size: SIZE, token: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(JSON.stringify(opened)).not.toContain(dir);
    const token = opened!.token;
    expect(await h['file:read'](from(ours), { token, offset: 0, length: 12 })).toEqual(expected(0, 12));
    const mid = await h['file:read'](from(ours), { token, offset: 1024 * 1024 - 5, length: 1024 * 1024 + 28 });
    expect(mid).toEqual(expected(1024 * 1024 - 5, 1024 * 1024 + 28));
    // At the end: what is there, and nothing past it.
    expect(await h['file:read'](from(ours), { token, offset: SIZE - 3, length: 100 })).toEqual(expected(SIZE - 3, 3));
    expect(await h['file:read'](from(ours), { token, offset: SIZE + 10, length: 100 })).toEqual(new Uint8Array(0));

    await h['file:closeRead'](from(ours), { token });
    await expect(h['file:read'](from(ours), { token, offset: 0, length: 4 })).rejects.toThrow('unknown read token');
    await expect(h['file:closeRead'](from(ours), { token })).rejects.toThrow(IpcRefusedError);
  });

  it('a cancelled dialog opens nothing', async () => {
    const h = createIpcHandlers(deps({ askOpenPath: vi.fn(async () => null) }));
    expect(await h['file:openForReading'](from(ours), {})).toBeNull();
  });

  it('refuses reads too large, negative or fractional offsets, unknown tokens and another window\'s token', async () => {
    const h = createIpcHandlers(deps());
    const { token } = (await h['file:openForReading'](from(ours), {}))!;
    for (const bad of [
      { token, offset: 0, length: MAX_READ_BYTES + 1 },
      { token, offset: -1, length: 4 },
      { token, offset: 1.5, length: 4 },
      { token, offset: 0, length: 0 },
      { token: 'not-a-uuid', offset: 0, length: 4 },
      { token, offset: 0, length: 4, path: '/etc/passwd' },
    ]) {
      await expect(h['file:read'](from(ours), bad), JSON.stringify(bad)).rejects.toThrow(IpcRefusedError);
    }
    await expect(h['file:read'](from(ours), { token: '2f1c9a62-5d0e-4c1b-9f3e-7a8b6c5d4e3f', offset: 0, length: 4 })).rejects.toThrow('unknown read token');
    await expect(h['file:read'](from(second), { token, offset: 0, length: 4 })).rejects.toThrow('belongs to another window');
    await expect(h['file:closeRead'](from(second), { token })).rejects.toThrow('belongs to another window');
    expect(await h['file:read'](from(ours), { token, offset: 0, length: 4 })).toEqual(expected(0, 4));
  });

  it('a folder is not a file', async () => {
    const h = createIpcHandlers(deps({ askOpenPath: vi.fn(async () => dir) }));
    await expect(h['file:openForReading'](from(ours), {})).rejects.toThrow();
  });

  it.each(['destroyed', 'render-process-gone'])('on %s the window\'s files are closed and its tokens dropped', async (eventName) => {
    const h = createIpcHandlers(deps());
    const mine = (await h['file:openForReading'](from(ours), {}))!.token;
    const theirs = (await h['file:openForReading'](from(second), {}))!.token;
    ours.emit(eventName);
    await new Promise((r) => setTimeout(r, 10));
    await expect(h['file:read'](from(ours), { token: mine, offset: 0, length: 4 })).rejects.toThrow('unknown read token');
    expect(await h['file:read'](from(second), { token: theirs, offset: 0, length: 4 })).toEqual(expected(0, 4));
  });

  it(`holds at most ${MAX_OPEN_READS_PER_WINDOW} files open per window`, async () => {
    const h = createIpcHandlers(deps());
    const tokens: string[] = [];
    for (let i = 0; i < MAX_OPEN_READS_PER_WINDOW; i++) tokens.push((await h['file:openForReading'](from(ours), {}))!.token);
    await expect(h['file:openForReading'](from(ours), {})).rejects.toThrow('too many files open');
    await h['file:closeRead'](from(ours), { token: tokens[0]! });
    await expect(h['file:openForReading'](from(ours), {})).resolves.toMatchObject({ size: SIZE });
  });
});
