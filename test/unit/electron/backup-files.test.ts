// Files written a piece at a time (beginWrite → appendWrite… → finishWrite / abortWrite) and the
// remembered backup folder, through the real IPC handlers on real temp directories.

import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BACKUP_FOLDER_FILE,
  compareBackupNames,
  createBackupFolderStore,
  isBackupFileName,
} from '../../../electron/backup-folder';
import { createIpcHandlers, IpcRefusedError, type IpcDeps, type SenderEvent } from '../../../electron/ipc-handlers';
import { MAX_OPEN_WRITES_PER_WINDOW, nodeWriteStreamFs, type WriteStreamFs } from '../../../electron/write-streams';
import { BACKUP_FILE_EXTENSION, BACKUP_FILE_PREFIX } from '../../../shared/ipc';
import * as platformTypes from '../../../renderer/platform/types';
import { testIpcDeps } from './ipc-deps';
import { FakeWebContents } from './fake-electron';
import { failingMidWrite, failingRename, failingSync } from './fs-faults';

vi.mock('electron', async () => (await import('./fake-electron')).electronFake);

let dir: string;
let saveDir: string;
let backups: string;
let userData: string;
let ours: FakeWebContents;
let second: FakeWebContents;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'wenshu-stream-'));
  saveDir = path.join(dir, 'chosen');
  backups = path.join(dir, 'backups');
  userData = path.join(dir, 'userData');
  await mkdir(saveDir);
  await mkdir(backups);
  ours = new FakeWebContents();
  second = new FakeWebContents();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function deps(overrides: Partial<IpcDeps> = {}): IpcDeps {
  // Two windows of this app: both trusted, each with its own handles.
  return testIpcDeps((contents) => contents === ours.asWebContents() || contents === second.asWebContents(), userData, {
    askSavePath: vi.fn(async () => path.join(saveDir, '备份.wsbak')),
    askFolderPath: vi.fn(async () => backups),
    ...overrides,
  });
}

function eventFrom(contents: FakeWebContents): SenderEvent {
  return { sender: contents.asWebContents(), senderFrame: contents.mainFrame } as unknown as SenderEvent;
}

const bytes = (text: string) => new TextEncoder().encode(text);
const UNKNOWN_HANDLE = '2f1c9a62-5d0e-4c1b-9f3e-7a8b6c5d4e3f';
const backupName = (stamp: string) => `${BACKUP_FILE_PREFIX}${stamp}.${BACKUP_FILE_EXTENSION}`;

/** begin → append each piece → finish, from `from`. */
async function writeAll(
  handlers: ReturnType<typeof createIpcHandlers>,
  request: { suggestedName: string; target: 'dialog' | 'backupFolder' },
  pieces: string[],
  keepLatest?: number,
  from = ours,
) {
  const start = await handlers['file:beginWrite'](eventFrom(from), request);
  if (!start.started) throw new Error(`not started: ${start.reason}`);
  for (const piece of pieces) {
    await handlers['file:appendWrite'](eventFrom(from), { handle: start.handle, data: bytes(piece) });
  }
  return handlers['file:finishWrite'](eventFrom(from), keepLatest === undefined ? { handle: start.handle } : { handle: start.handle, keepLatest });
}

async function chooseBackupFolder(handlers: ReturnType<typeof createIpcHandlers>) {
  expect(await handlers['backup:chooseFolder'](eventFrom(ours), undefined)).toEqual({ chosen: true, path: backups });
}

describe('streamed write to a place the user chooses', () => {
  it('begin → append ×3 → finish: the exact bytes under the final name, no partial file left', async () => {
    const d = deps();
    const handlers = createIpcHandlers(d);
    const filters = [{ name: '文枢备份', extensions: ['wsbak'] }];
    const start = await handlers['file:beginWrite'](eventFrom(ours), { suggestedName: '文枢备份-手动.wsbak', filters, target: 'dialog' });
    expect(d.askSavePath).toHaveBeenCalledWith(ours.asWebContents(), { suggestedName: '文枢备份-手动.wsbak', filters });
    const final = path.join(saveDir, '备份.wsbak');
    expect(start).toMatchObject({ started: true, path: final });
    if (!start.started) return;
    expect(start.handle).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    const pieces = [new Uint8Array([0, 1, 2, 255]), bytes('第二帧'), new Uint8Array(70_000).fill(9)];
    for (const data of pieces) {
      await handlers['file:appendWrite'](eventFrom(ours), { handle: start.handle, data });
    }
    // Until finish, only the partial file exists, beside the destination.
    const during = await readdir(saveDir);
    expect(during).toHaveLength(1);
    expect(during[0]).toMatch(/^备份\.wsbak\.partial-[0-9a-f]+$/);

    expect(await handlers['file:finishWrite'](eventFrom(ours), { handle: start.handle })).toEqual({ path: final, removed: [] });
    expect(await readdir(saveDir)).toEqual(['备份.wsbak']);
    const expected = Buffer.concat(pieces.map((p) => Buffer.from(p)));
    expect(Buffer.from(await readFile(final)).equals(expected)).toBe(true);
    // The handle is spent.
    await expect(handlers['file:appendWrite'](eventFrom(ours), { handle: start.handle, data: bytes('x') })).rejects.toThrow(IpcRefusedError);
  });

  it('replaces a file the user chose to overwrite only when finished', async () => {
    await writeFile(path.join(saveDir, '备份.wsbak'), 'yesterday');
    const handlers = createIpcHandlers(deps());
    const start = await handlers['file:beginWrite'](eventFrom(ours), { suggestedName: 'a.wsbak', target: 'dialog' });
    if (!start.started) throw new Error('not started');
    await handlers['file:appendWrite'](eventFrom(ours), { handle: start.handle, data: bytes('today') });
    expect(await readFile(path.join(saveDir, '备份.wsbak'), 'utf8')).toBe('yesterday');
    await handlers['file:finishWrite'](eventFrom(ours), { handle: start.handle });
    expect(await readFile(path.join(saveDir, '备份.wsbak'), 'utf8')).toBe('today');
  });

  it('cancelled dialog: not started, nothing written', async () => {
    const handlers = createIpcHandlers(deps({ askSavePath: async () => null }));
    expect(await handlers['file:beginWrite'](eventFrom(ours), { suggestedName: 'a.wsbak', target: 'dialog' })).toEqual({ started: false, reason: 'cancelled' });
    expect(await readdir(saveDir)).toEqual([]);
  });

  it('abort leaves nothing, and the handle is gone', async () => {
    const handlers = createIpcHandlers(deps());
    const start = await handlers['file:beginWrite'](eventFrom(ours), { suggestedName: 'a.wsbak', target: 'dialog' });
    if (!start.started) throw new Error('not started');
    await handlers['file:appendWrite'](eventFrom(ours), { handle: start.handle, data: bytes('half a backup') });
    await handlers['file:abortWrite'](eventFrom(ours), { handle: start.handle });
    expect(await readdir(saveDir)).toEqual([]);
    await expect(handlers['file:finishWrite'](eventFrom(ours), { handle: start.handle })).rejects.toThrow(IpcRefusedError);
    await expect(handlers['file:abortWrite'](eventFrom(ours), { handle: start.handle })).rejects.toThrow(IpcRefusedError);
  });

  it('keepLatest prunes nothing when the file went where the user chose', async () => {
    await writeFile(path.join(saveDir, backupName('20200101-000000')), 'old');
    const result = await writeAll(createIpcHandlers(deps()), { suggestedName: 'x.wsbak', target: 'dialog' }, ['new'], 1);
    expect(result.removed).toEqual([]);
    expect((await readdir(saveDir)).sort()).toEqual(['备份.wsbak', backupName('20200101-000000')].sort());
  });
});

describe('write handles', () => {
  it("another window's handle is refused, and stays usable by its owner", async () => {
    const handlers = createIpcHandlers(deps());
    const start = await handlers['file:beginWrite'](eventFrom(ours), { suggestedName: 'a.wsbak', target: 'dialog' });
    if (!start.started) throw new Error('not started');
    const handle = start.handle;
    await expect(handlers['file:appendWrite'](eventFrom(second), { handle, data: bytes('intruder') })).rejects.toThrow(IpcRefusedError);
    await expect(handlers['file:finishWrite'](eventFrom(second), { handle })).rejects.toThrow(IpcRefusedError);
    await expect(handlers['file:abortWrite'](eventFrom(second), { handle })).rejects.toThrow(IpcRefusedError);
    await handlers['file:appendWrite'](eventFrom(ours), { handle, data: bytes('mine') });
    await handlers['file:finishWrite'](eventFrom(ours), { handle });
    expect(await readFile(path.join(saveDir, '备份.wsbak'), 'utf8')).toBe('mine');
  });

  it('an unknown handle is refused on every call', async () => {
    const handlers = createIpcHandlers(deps());
    await expect(handlers['file:appendWrite'](eventFrom(ours), { handle: UNKNOWN_HANDLE, data: bytes('x') })).rejects.toThrow(IpcRefusedError);
    await expect(handlers['file:finishWrite'](eventFrom(ours), { handle: UNKNOWN_HANDLE })).rejects.toThrow(IpcRefusedError);
    await expect(handlers['file:abortWrite'](eventFrom(ours), { handle: UNKNOWN_HANDLE })).rejects.toThrow(IpcRefusedError);
  });

  it('handles are per handler set: a fresh set does not know the old handles', async () => {
    const first = createIpcHandlers(deps());
    const start = await first['file:beginWrite'](eventFrom(ours), { suggestedName: 'a.wsbak', target: 'dialog' });
    if (!start.started) throw new Error('not started');
    await expect(createIpcHandlers(deps())['file:appendWrite'](eventFrom(ours), { handle: start.handle, data: bytes('x') })).rejects.toThrow(IpcRefusedError);
    await first['file:abortWrite'](eventFrom(ours), { handle: start.handle });
  });

  it.each(['destroyed', 'render-process-gone'])('on %s the window\'s unfinished files are deleted and its handles dropped', async (eventName) => {
    const handlers = createIpcHandlers(deps());
    const mine = await handlers['file:beginWrite'](eventFrom(ours), { suggestedName: 'a.wsbak', target: 'dialog' });
    const theirs = await handlers['file:beginWrite'](eventFrom(second), { suggestedName: 'b.wsbak', target: 'dialog' });
    if (!mine.started || !theirs.started) throw new Error('not started');
    await handlers['file:appendWrite'](eventFrom(ours), { handle: mine.handle, data: bytes('x') });
    expect(await readdir(saveDir)).toHaveLength(2);
    ours.emit(eventName);
    await vi.waitFor(async () => expect(await readdir(saveDir)).toHaveLength(1));
    await expect(handlers['file:appendWrite'](eventFrom(ours), { handle: mine.handle, data: bytes('x') })).rejects.toThrow(IpcRefusedError);
    // The other window's write is untouched.
    await handlers['file:appendWrite'](eventFrom(second), { handle: theirs.handle, data: bytes('theirs') });
    await handlers['file:finishWrite'](eventFrom(second), { handle: theirs.handle });
    expect(await readdir(saveDir)).toEqual(['备份.wsbak']);
  });

  it(`one window may hold at most ${MAX_OPEN_WRITES_PER_WINDOW} unfinished files`, async () => {
    const handlers = createIpcHandlers(deps());
    const handles: string[] = [];
    for (let i = 0; i < MAX_OPEN_WRITES_PER_WINDOW; i++) {
      const start = await handlers['file:beginWrite'](eventFrom(ours), { suggestedName: 'a.wsbak', target: 'dialog' });
      if (start.started) handles.push(start.handle);
    }
    await expect(handlers['file:beginWrite'](eventFrom(ours), { suggestedName: 'a.wsbak', target: 'dialog' })).rejects.toThrow(IpcRefusedError);
    // Another window is not affected; closing one frees a place.
    await expect(handlers['file:beginWrite'](eventFrom(second), { suggestedName: 'b.wsbak', target: 'dialog' })).resolves.toMatchObject({ started: true });
    await handlers['file:abortWrite'](eventFrom(ours), { handle: handles[0]! });
    await expect(handlers['file:beginWrite'](eventFrom(ours), { suggestedName: 'a.wsbak', target: 'dialog' })).resolves.toMatchObject({ started: true });
    ours.emit('destroyed');
    second.emit('destroyed');
    await vi.waitFor(async () => expect(await readdir(saveDir)).toEqual([]));
  });

  it('appends asked for without waiting still land in order', async () => {
    const handlers = createIpcHandlers(deps());
    const start = await handlers['file:beginWrite'](eventFrom(ours), { suggestedName: 'a.wsbak', target: 'dialog' });
    if (!start.started) throw new Error('not started');
    const pieces = Array.from({ length: 20 }, (_, i) => `${i};`.repeat(500));
    const appends = pieces.map((p) => handlers['file:appendWrite'](eventFrom(ours), { handle: start.handle, data: bytes(p) }));
    const finished = handlers['file:finishWrite'](eventFrom(ours), { handle: start.handle });
    await Promise.all(appends);
    await finished;
    expect(await readFile(path.join(saveDir, '备份.wsbak'), 'utf8')).toBe(pieces.join(''));
  });
});

describe('failures leave nothing half-written', () => {
  const withFaults = (faults: Partial<WriteStreamFs>): WriteStreamFs => ({ ...nodeWriteStreamFs, ...faults });

  it('a write failing midway (disk full): the partial file is deleted; abort afterwards is quiet', async () => {
    const handlers = createIpcHandlers(deps({ writeStreamFs: withFaults(failingMidWrite()) }));
    const start = await handlers['file:beginWrite'](eventFrom(ours), { suggestedName: 'a.wsbak', target: 'dialog' });
    if (!start.started) throw new Error('not started');
    await expect(handlers['file:appendWrite'](eventFrom(ours), { handle: start.handle, data: bytes('z'.repeat(4096)) })).rejects.toThrow(/ENOSPC/);
    expect(await readdir(saveDir)).toEqual([]);
    await expect(handlers['file:appendWrite'](eventFrom(ours), { handle: start.handle, data: bytes('more') })).rejects.toThrow();
    await expect(handlers['file:finishWrite'](eventFrom(ours), { handle: start.handle })).rejects.toThrow();
    await expect(handlers['file:abortWrite'](eventFrom(ours), { handle: start.handle })).resolves.toBeUndefined();
    expect(await readdir(saveDir)).toEqual([]);
  });

  it.each([
    ['fsync failing', failingSync],
    ['rename failing', failingRename],
  ])('%s at finish: the earlier file is unchanged and no partial file remains', async (_name, faults) => {
    await writeFile(path.join(saveDir, '备份.wsbak'), 'yesterday');
    const handlers = createIpcHandlers(deps({ writeStreamFs: withFaults(faults()) }));
    const start = await handlers['file:beginWrite'](eventFrom(ours), { suggestedName: 'a.wsbak', target: 'dialog' });
    if (!start.started) throw new Error('not started');
    await handlers['file:appendWrite'](eventFrom(ours), { handle: start.handle, data: bytes('today') });
    await expect(handlers['file:finishWrite'](eventFrom(ours), { handle: start.handle })).rejects.toThrow();
    expect(await readdir(saveDir)).toEqual(['备份.wsbak']);
    expect(await readFile(path.join(saveDir, '备份.wsbak'), 'utf8')).toBe('yesterday');
  });
});

describe('backup folder', () => {
  it('without a chosen folder: null, and a backup-folder write does not start', async () => {
    const handlers = createIpcHandlers(deps());
    expect(await handlers['backup:folder'](eventFrom(ours), undefined)).toBeNull();
    expect(await handlers['file:beginWrite'](eventFrom(ours), { suggestedName: backupName('20260101-120000'), target: 'backupFolder' })).toEqual({ started: false, reason: 'noFolder' });
    expect(await readdir(backups)).toEqual([]);
  });

  it('the choice persists across a fresh handler set (a restart), in userData', async () => {
    const d = deps();
    await chooseBackupFolder(createIpcHandlers(d));
    expect(d.askFolderPath).toHaveBeenCalledWith(ours.asWebContents());
    expect(await readdir(userData)).toEqual([BACKUP_FOLDER_FILE]);

    const fresh = createIpcHandlers(deps({ backupFolder: createBackupFolderStore(() => userData) }));
    expect(await fresh['backup:folder'](eventFrom(ours), undefined)).toBe(backups);
    const result = await writeAll(fresh, { suggestedName: backupName('20260101-120000'), target: 'backupFolder' }, ['a', 'b', 'c']);
    expect(result).toEqual({ path: path.join(backups, backupName('20260101-120000')), removed: [] });
    expect(await readFile(result.path, 'utf8')).toBe('abc');
    expect(await readdir(backups)).toEqual([backupName('20260101-120000')]);
  });

  it('cancelling the folder dialog keeps the earlier choice', async () => {
    await chooseBackupFolder(createIpcHandlers(deps()));
    const handlers = createIpcHandlers(deps({ askFolderPath: async () => null }));
    expect(await handlers['backup:chooseFolder'](eventFrom(ours), undefined)).toEqual({ chosen: false, reason: 'cancelled' });
    expect(await handlers['backup:folder'](eventFrom(ours), undefined)).toBe(backups);
  });

  it('a damaged record reads as no folder chosen', async () => {
    await mkdir(userData);
    for (const text of ['{not json', '{"version":1,"folder":"relative/dir"}', '{"folder":"/tmp"}', '[]']) {
      await writeFile(path.join(userData, BACKUP_FOLDER_FILE), text);
      expect(await createIpcHandlers(deps())['backup:folder'](eventFrom(ours), undefined), text).toBeNull();
    }
  });

  it('a folder that has gone (a removed USB drive) is an error, not a silent no-op', async () => {
    const handlers = createIpcHandlers(deps());
    await chooseBackupFolder(handlers);
    await rm(backups, { recursive: true });
    await expect(handlers['file:beginWrite'](eventFrom(ours), { suggestedName: backupName('20260101-120000'), target: 'backupFolder' })).rejects.toThrow(/备份文件夹不存在/);
  });

  it('a name already taken gets -2, -3 …; never overwrites a backup', async () => {
    const handlers = createIpcHandlers(deps());
    await chooseBackupFolder(handlers);
    const name = backupName('20260101-120000');
    await writeFile(path.join(backups, name), 'first');
    const next = await writeAll(handlers, { suggestedName: name, target: 'backupFolder' }, ['second']);
    expect(next.path).toBe(path.join(backups, `${BACKUP_FILE_PREFIX}20260101-120000-2.wsbak`));
    // Two unfinished writes of the same name get different names too.
    const a = await handlers['file:beginWrite'](eventFrom(ours), { suggestedName: name, target: 'backupFolder' });
    const b = await handlers['file:beginWrite'](eventFrom(ours), { suggestedName: name, target: 'backupFolder' });
    if (!a.started || !b.started) throw new Error('not started');
    expect([path.basename(a.path), path.basename(b.path)]).toEqual([`${BACKUP_FILE_PREFIX}20260101-120000-3.wsbak`, `${BACKUP_FILE_PREFIX}20260101-120000-4.wsbak`]);
    await handlers['file:finishWrite'](eventFrom(ours), { handle: b.handle });
    await handlers['file:finishWrite'](eventFrom(ours), { handle: a.handle });
    expect(await readFile(path.join(backups, name), 'utf8')).toBe('first');
    expect((await readdir(backups)).length).toBe(4);
  });

  it('a name taken on disk between begin and finish moves on instead of overwriting', async () => {
    const handlers = createIpcHandlers(deps());
    await chooseBackupFolder(handlers);
    const name = backupName('20260101-120000');
    const start = await handlers['file:beginWrite'](eventFrom(ours), { suggestedName: name, target: 'backupFolder' });
    if (!start.started) throw new Error('not started');
    await writeFile(path.join(backups, name), 'someone else');
    await handlers['file:appendWrite'](eventFrom(ours), { handle: start.handle, data: bytes('ours') });
    const result = await handlers['file:finishWrite'](eventFrom(ours), { handle: start.handle });
    expect(path.basename(result.path)).toBe(`${BACKUP_FILE_PREFIX}20260101-120000-2.wsbak`);
    expect(await readFile(path.join(backups, name), 'utf8')).toBe('someone else');
    expect(await readFile(result.path, 'utf8')).toBe('ours');
  });

  it('keepLatest=2 with 4 backups (3 older + the new one) removes exactly the 2 oldest, nothing else', async () => {
    const handlers = createIpcHandlers(deps());
    await chooseBackupFolder(handlers);
    const older = ['20260101-020000', '20251231-020000', '20260102-020000'].map(backupName);
    for (const name of older) await writeFile(path.join(backups, name), name);
    const unrelated = [
      '会议纪要.docx', // another file entirely
      `其他-20200101-000000.${BACKUP_FILE_EXTENSION}`, // right extension, wrong prefix
      `${BACKUP_FILE_PREFIX}20200101-000000.txt`, // right prefix, wrong extension
      `${BACKUP_FILE_PREFIX}20200101-000000.wsbak.partial-0123456789ab`, // an unfinished write
      `${BACKUP_FILE_PREFIX}.${BACKUP_FILE_EXTENSION}`, // the prefix and extension alone
    ];
    for (const name of unrelated) await writeFile(path.join(backups, name), 'keep');
    // A folder with a backup's name is not a backup either.
    const folderLikeBackup = backupName('20190101-000000');
    await mkdir(path.join(backups, folderLikeBackup));
    await writeFile(path.join(backups, folderLikeBackup, 'inside.txt'), 'keep');

    const result = await writeAll(handlers, { suggestedName: backupName('20260103-020000'), target: 'backupFolder' }, ['new'], 2);
    expect(result.removed.sort()).toEqual([path.join(backups, backupName('20251231-020000')), path.join(backups, backupName('20260101-020000'))].sort());
    expect((await readdir(backups)).sort()).toEqual(
      [backupName('20260102-020000'), backupName('20260103-020000'), ...unrelated, folderLikeBackup].sort(),
    );
    expect(await readFile(path.join(backups, folderLikeBackup, 'inside.txt'), 'utf8')).toBe('keep');
  });

  it('the backup just written is kept even when its name sorts before the others (clock set back)', async () => {
    const handlers = createIpcHandlers(deps());
    await chooseBackupFolder(handlers);
    for (const stamp of ['20270101-000000', '20270102-000000']) await writeFile(path.join(backups, backupName(stamp)), stamp);
    const result = await writeAll(handlers, { suggestedName: backupName('20260101-000000'), target: 'backupFolder' }, ['new'], 2);
    expect(result.removed).toEqual([path.join(backups, backupName('20270101-000000'))]);
    expect((await readdir(backups)).sort()).toEqual([backupName('20260101-000000'), backupName('20270102-000000')].sort());
  });

  it('keepLatest=1 keeps only the new one; a second backup in the same second counts as newer', async () => {
    const handlers = createIpcHandlers(deps());
    await chooseBackupFolder(handlers);
    const first = await writeAll(handlers, { suggestedName: backupName('20260101-120000'), target: 'backupFolder' }, ['1'], 1);
    expect(first.removed).toEqual([]);
    const again = await writeAll(handlers, { suggestedName: backupName('20260101-120000'), target: 'backupFolder' }, ['2'], 1);
    expect(again.removed).toEqual([first.path]);
    expect(await readdir(backups)).toEqual([path.basename(again.path)]);
  });
});

describe('backup file names', () => {
  it('the main process uses the same prefix and extension as the renderer', () => {
    expect(BACKUP_FILE_PREFIX).toBe(platformTypes.BACKUP_FILE_PREFIX);
    expect(BACKUP_FILE_EXTENSION).toBe(platformTypes.BACKUP_FILE_EXTENSION);
  });

  it('recognises only 文枢备份-….wsbak', () => {
    expect(isBackupFileName('文枢备份-20260101-120000.wsbak')).toBe(true);
    expect(isBackupFileName('文枢备份-.wsbak')).toBe(false);
    expect(isBackupFileName('文枢备份-20260101-120000.WSBAK')).toBe(false);
    expect(isBackupFileName('x文枢备份-20260101-120000.wsbak')).toBe(false);
    expect(isBackupFileName('文枢备份-20260101-120000.wsbak.partial-1')).toBe(false);
  });

  it('orders by the time in the name, then by the -N of a same-second backup', () => {
    const names = ['20260101-120000-10', '20260101-120000-2', '20260102-000000', '20251231-235959', '20260101-120000'].map(backupName);
    expect([...names].sort(compareBackupNames)).toEqual(
      ['20251231-235959', '20260101-120000', '20260101-120000-2', '20260101-120000-10', '20260102-000000'].map(backupName),
    );
  });
});
