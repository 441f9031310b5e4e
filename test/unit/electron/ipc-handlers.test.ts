import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUDIT_ANCHOR_FILE, AuditAnchorError, createAuditAnchorStore } from '../../../electron/audit-anchor';
import { atomicWriteFile } from '../../../electron/atomic-write';
import {
  createIpcHandlers,
  IpcRefusedError,
  registerIpcHandlers,
  type IpcDeps,
  type SenderEvent,
} from '../../../electron/ipc-handlers';
import { ipcChannels, type IpcChannel } from '../../../shared/ipc';
import { testIpcDeps } from './ipc-deps';
import { electronFake, FakeWebContents, fakeFrame, type FakeFrame } from './fake-electron';
import { failingMidWrite, failingRename } from './fs-faults';

vi.mock('electron', async () => (await import('./fake-electron')).electronFake);

let dir: string;
let ours: FakeWebContents;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'wenshu-ipc-'));
  ours = new FakeWebContents();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function deps(overrides: Partial<IpcDeps> = {}): IpcDeps {
  return testIpcDeps((contents) => contents === ours.asWebContents(), path.join(dir, 'userData'), {
    askSavePath: vi.fn(async () => path.join(dir, 'out.xlsx')),
    ...overrides,
  });
}

/** An invoke event from the given frame of the given webContents. */
function eventFrom(frame: FakeFrame | null, contents: FakeWebContents = ours): SenderEvent {
  return { sender: contents.asWebContents(), senderFrame: frame } as unknown as SenderEvent;
}

const trusted = () => eventFrom(ours.mainFrame);
const bytes = (text: string) => new TextEncoder().encode(text);
const validSave = () => ({ suggestedName: '收文登记簿.xlsx', data: bytes('xlsx bytes') });
const HANDLE = '2f1c9a62-5d0e-4c1b-9f3e-7a8b6c5d4e3f';

describe('sender check', () => {
  const foreignSenders: Array<[string, () => SenderEvent]> = [
    ['a subframe of our window', () => eventFrom(fakeFrame('app://wenshu/index.html', ours.mainFrame))],
    ['a main frame showing https://evil.example', () => eventFrom(fakeFrame('https://evil.example/'))],
    ['a main frame showing file:///', () => eventFrom(fakeFrame('file:///'))],
    ['a main frame on another app:// host', () => eventFrom(fakeFrame('app://evil/index.html'))],
    ['a frame that is gone', () => eventFrom(null)],
    [
      'a window this app did not create',
      () => {
        const stranger = new FakeWebContents();
        return eventFrom(stranger.mainFrame, stranger);
      },
    ],
  ];

  it.each(foreignSenders)('rejects %s on every channel, before doing anything', async (_name, makeEvent) => {
    const d = deps();
    const handlers = createIpcHandlers(d);
    const payloads: Record<IpcChannel, unknown> = {
      'file:save': validSave(),
      'file:open': {},
      'file:openForReading': {},
      'file:read': { token: HANDLE, offset: 0, length: 4 },
      'file:closeRead': { token: HANDLE },
      'print:pdf': { mode: 'bytes' },
      'print:dialog': {},
      'backup:chooseFolder': undefined,
      'backup:folder': undefined,
      'file:beginWrite': { suggestedName: '文枢备份-20260101-120000.wsbak', target: 'dialog' },
      'file:appendWrite': { handle: HANDLE, data: bytes('x') },
      'file:finishWrite': { handle: HANDLE, keepLatest: 3 },
      'file:abortWrite': { handle: HANDLE },
      'auditAnchor:read': undefined,
      'auditAnchor:write': { seq: 1, hash: 'a'.repeat(64) },
      'secret:seal': { text: 'x' },
      'secret:open': { sealed: 'eA==' },
      'lan:pair': { host: '192.168.1.10', port: 8443, fingerprint: 'AA', code: '1234', name: '电脑' },
      'lan:link': undefined,
      'lan:post': { path: '/api/pull', body: { since: 0 } },
      'lan:unpair': undefined,
    };
    for (const channel of ipcChannels) {
      await expect(handlers[channel](makeEvent(), payloads[channel]), channel).rejects.toThrow(
        IpcRefusedError,
      );
    }
    expect(d.askSavePath).not.toHaveBeenCalled();
    expect(d.askOpenPath).not.toHaveBeenCalled();
    expect(d.askFolderPath).not.toHaveBeenCalled();
    expect(ours.printToPDF).not.toHaveBeenCalled();
    expect(ours.print).not.toHaveBeenCalled();
    expect(await readdir(dir)).toEqual([]);
  });

  it('accepts the main frame of our window on app://wenshu', async () => {
    const handlers = createIpcHandlers(deps());
    await expect(handlers['print:pdf'](trusted(), { mode: 'bytes' })).resolves.toMatchObject({
      kind: 'bytes',
    });
  });
});

describe('payload validation', () => {
  it.each<[string, IpcChannel, unknown]>([
    ['no payload', 'file:save', undefined],
    ['missing suggestedName', 'file:save', { data: bytes('x') }],
    ['data as a number array', 'file:save', { suggestedName: 'a.xlsx', data: [1, 2, 3] }],
    ['data as a string', 'file:save', { suggestedName: 'a.xlsx', data: 'AAAA' }],
    ['a path for a name', 'file:save', { suggestedName: '../../.bashrc', data: bytes('x') }],
    ['a Windows path for a name', 'file:save', { suggestedName: 'C:\\Windows\\evil.dll', data: bytes('x') }],
    ['an unknown key', 'file:save', { ...validSave(), directory: '/etc' }],
    ['a filter with dotted extensions', 'file:save', { ...validSave(), filters: [{ name: 'x', extensions: ['.exe'] }] }],
    ["mode 'evil'", 'print:pdf', { mode: 'evil' }],
    ['no mode', 'print:pdf', {}],
    ['landscape as a string', 'print:pdf', { mode: 'bytes', landscape: 'yes' }],
    ['filters not an array', 'file:open', { filters: 'xlsx' }],
    ['a string payload', 'print:dialog', 'print'],
    ['an unknown key', 'print:dialog', { silent: true }],
    ['a payload where none is expected', 'backup:chooseFolder', {}],
    ['a folder path', 'backup:chooseFolder', '/etc'],
    ['a payload where none is expected', 'backup:folder', { folder: '/tmp' }],
    ['a path as suggestedName', 'file:beginWrite', { suggestedName: '../../文枢备份-1.wsbak', target: 'backupFolder' }],
    ['an absolute path as suggestedName', 'file:beginWrite', { suggestedName: '/etc/cron.d/x', target: 'dialog' }],
    ['a folder of its own', 'file:beginWrite', { suggestedName: 'a.wsbak', target: 'backupFolder', folder: '/tmp' }],
    ['an unknown target', 'file:beginWrite', { suggestedName: 'a.wsbak', target: '/tmp' }],
    ['no target', 'file:beginWrite', { suggestedName: 'a.wsbak' }],
    ['a non-uuid handle', 'file:appendWrite', { handle: '1', data: bytes('x') }],
    ['a path as handle', 'file:appendWrite', { handle: '/tmp/x.partial', data: bytes('x') }],
    ['data as a string', 'file:appendWrite', { handle: HANDLE, data: 'AAAA' }],
    ['no data', 'file:appendWrite', { handle: HANDLE }],
    ['a non-uuid handle', 'file:finishWrite', { handle: 'x' }],
    ['keepLatest 0', 'file:finishWrite', { handle: HANDLE, keepLatest: 0 }],
    ['keepLatest 366', 'file:finishWrite', { handle: HANDLE, keepLatest: 366 }],
    ['keepLatest 2.5', 'file:finishWrite', { handle: HANDLE, keepLatest: 2.5 }],
    ['a non-uuid handle', 'file:abortWrite', { handle: 42 }],
    ['an unknown key', 'file:abortWrite', { handle: HANDLE, path: '/tmp/x' }],
    ['a payload where none is expected', 'auditAnchor:read', { file: '/etc/passwd' }],
    ['a hash that is not 64 hex', 'auditAnchor:write', { seq: 1, hash: 'x' }],
    ['a negative seq', 'auditAnchor:write', { seq: -5, hash: 'a'.repeat(64) }],
    ['a path beside the head', 'auditAnchor:write', { seq: 1, hash: 'a'.repeat(64), file: '/tmp/x' }],
  ])('rejects %s (%s)', async (_name, channel, payload) => {
    const d = deps();
    const handlers = createIpcHandlers(d);
    await expect(handlers[channel](trusted(), payload)).rejects.toThrow(IpcRefusedError);
    expect(d.askSavePath).not.toHaveBeenCalled();
    expect(d.askFolderPath).not.toHaveBeenCalled();
    expect(ours.printToPDF).not.toHaveBeenCalled();
    expect(ours.print).not.toHaveBeenCalled();
  });
});

describe('file:save', () => {
  it('writes where the user chose and reports the path', async () => {
    const d = deps();
    const result = await createIpcHandlers(d)['file:save'](trusted(), {
      ...validSave(),
      filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
    });
    expect(result).toEqual({ saved: true, path: path.join(dir, 'out.xlsx') });
    expect(await readFile(path.join(dir, 'out.xlsx'), 'utf8')).toBe('xlsx bytes');
    expect(d.askSavePath).toHaveBeenCalledWith(ours.asWebContents(), {
      suggestedName: '收文登记簿.xlsx',
      filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
    });
  });

  it('writes nothing when the user cancels', async () => {
    const result = await createIpcHandlers(deps({ askSavePath: async () => null }))['file:save'](
      trusted(),
      validSave(),
    );
    expect(result).toEqual({ saved: false });
    expect(await readdir(dir)).toEqual([]);
  });

  it('never leaves a half-written file: write fails midway, new destination', async () => {
    const d = deps({ writeFileAtomic: (f, data) => atomicWriteFile(f, data, failingMidWrite()) });
    await expect(
      createIpcHandlers(d)['file:save'](trusted(), { suggestedName: 'a.xlsx', data: bytes('z'.repeat(4096)) }),
    ).rejects.toThrow(/ENOSPC/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('never leaves a half-written file: write fails midway, existing destination unchanged', async () => {
    const dest = path.join(dir, 'out.xlsx');
    await writeFile(dest, 'the export from yesterday');
    const d = deps({ writeFileAtomic: (f, data) => atomicWriteFile(f, data, failingMidWrite()) });
    await expect(createIpcHandlers(d)['file:save'](trusted(), validSave())).rejects.toThrow();
    expect(await readFile(dest, 'utf8')).toBe('the export from yesterday');
    expect(await readdir(dir)).toEqual(['out.xlsx']);
  });

  it('never leaves a half-written file: rename fails, existing destination unchanged', async () => {
    const dest = path.join(dir, 'out.xlsx');
    await writeFile(dest, 'the export from yesterday');
    const d = deps({ writeFileAtomic: (f, data) => atomicWriteFile(f, data, failingRename()) });
    await expect(createIpcHandlers(d)['file:save'](trusted(), validSave())).rejects.toThrow(/EPERM/);
    expect(await readFile(dest, 'utf8')).toBe('the export from yesterday');
    expect(await readdir(dir)).toEqual(['out.xlsx']);
  });
});

describe('file:open', () => {
  it('returns the chosen file as name + bytes', async () => {
    const file = path.join(dir, '来文.pdf');
    await writeFile(file, 'pdf');
    const d = deps({ askOpenPath: vi.fn(async () => file) });
    const result = await createIpcHandlers(d)['file:open'](trusted(), {
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
    expect(result?.name).toBe('来文.pdf');
    expect(result?.data).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(result?.data)).toBe('pdf');
  });

  it('returns null when the user cancels', async () => {
    expect(await createIpcHandlers(deps())['file:open'](trusted(), {})).toBeNull();
  });
});

describe('print:pdf', () => {
  it('renders A4 with backgrounds, honouring landscape, and returns the bytes', async () => {
    const result = await createIpcHandlers(deps())['print:pdf'](trusted(), { mode: 'bytes', landscape: true });
    expect(ours.printToPDF).toHaveBeenCalledWith(
      expect.objectContaining({ pageSize: 'A4', printBackground: true, landscape: true }),
    );
    expect(result.kind).toBe('bytes');
    if (result.kind === 'bytes') expect(new TextDecoder().decode(result.data)).toContain('%PDF');
  });

  it("mode 'save' asks where, then writes the PDF atomically", async () => {
    const d = deps({ askSavePath: vi.fn(async () => path.join(dir, '会议纪要.pdf')) });
    const result = await createIpcHandlers(d)['print:pdf'](trusted(), {
      mode: 'save',
      suggestedName: '会议纪要',
    });
    expect(result).toEqual({ kind: 'saved', path: path.join(dir, '会议纪要.pdf') });
    expect(d.askSavePath).toHaveBeenCalledWith(
      ours.asWebContents(),
      expect.objectContaining({ suggestedName: '会议纪要.pdf' }),
    );
    expect(await readFile(path.join(dir, '会议纪要.pdf'), 'utf8')).toContain('%PDF');
  });

  it("mode 'save' cancelled writes nothing", async () => {
    const d = deps({ askSavePath: async () => null });
    expect(await createIpcHandlers(d)['print:pdf'](trusted(), { mode: 'save' })).toEqual({ kind: 'cancelled' });
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('print:dialog', () => {
  it('opens the system print dialog and reports whether it printed', async () => {
    const handlers = createIpcHandlers(deps());
    expect(await handlers['print:dialog'](trusted(), { landscape: true })).toEqual({ printed: true });
    expect(ours.print).toHaveBeenCalledWith(
      expect.objectContaining({ silent: false, landscape: true, pageSize: 'A4' }),
      expect.any(Function),
    );
    ours.print.mockImplementationOnce((_o, callback) => callback(false, 'cancelled'));
    expect(await handlers['print:dialog'](trusted(), {})).toEqual({ printed: false });
    ours.print.mockImplementationOnce((_o, callback) => callback(false, 'failed'));
    await expect(handlers['print:dialog'](trusted(), {})).rejects.toThrow(/failed/);
  });
});

describe('auditAnchor (the audit head sealed outside IndexedDB)', () => {
  const head = { seq: 59, hash: 'e3'.repeat(32) };
  const anchorFile = () => path.join(dir, 'userData', AUDIT_ANCHOR_FILE);

  it('reads null before any write, then what was written, sealed (no plain text in the file)', async () => {
    const handlers = createIpcHandlers(deps());
    expect(await handlers['auditAnchor:read'](trusted(), undefined)).toBeNull();
    await handlers['auditAnchor:write'](trusted(), head);
    const raw = await readFile(anchorFile());
    expect(raw.toString('latin1')).not.toContain(head.hash);
    expect(electronFake.safeStorage.encryptString).toHaveBeenCalled();
    expect(await handlers['auditAnchor:read'](trusted(), undefined)).toEqual(head);
    // Written atomically: no temporary file is left beside it.
    expect(await readdir(path.join(dir, 'userData'))).toEqual([AUDIT_ANCHOR_FILE]);
  });

  it('refuses a file edited in place, or one from another PC, instead of taking it as "no anchor"', async () => {
    const handlers = createIpcHandlers(deps());
    await handlers['auditAnchor:write'](trusted(), head);
    await writeFile(anchorFile(), Buffer.from(JSON.stringify({ version: 1, head: { seq: 54, hash: 'a'.repeat(64) } })));
    await expect(handlers['auditAnchor:read'](trusted(), undefined)).rejects.toThrow(AuditAnchorError);
    await expect(handlers['auditAnchor:read'](trusted(), undefined)).rejects.toThrow('审计锚点文件无法解封');
  });

  it('refuses to write or read when the OS keystore is not available', async () => {
    const handlers = createIpcHandlers(deps());
    electronFake.safeStorage.isEncryptionAvailable.mockReturnValueOnce(false);
    await expect(handlers['auditAnchor:write'](trusted(), head)).rejects.toThrow('系统加密服务不可用');
    await expect(readdir(dir)).resolves.toEqual([]);
  });

  it('a failed write leaves the previous anchor whole', async () => {
    await createIpcHandlers(deps())['auditAnchor:write'](trusted(), head);
    const failing = createIpcHandlers(
      deps({ auditAnchor: createAuditAnchorStore(() => path.join(dir, 'userData'), () => electronFake.safeStorage, (file, data) => atomicWriteFile(file, data, failingRename())) }),
    );
    await expect(failing['auditAnchor:write'](trusted(), { seq: 60, hash: 'f'.repeat(64) })).rejects.toThrow();
    expect(await createIpcHandlers(deps())['auditAnchor:read'](trusted(), undefined)).toEqual(head);
  });

  it('is refused from a foreign frame before touching the file', async () => {
    const handlers = createIpcHandlers(deps());
    await expect(handlers['auditAnchor:write'](eventFrom(fakeFrame('https://evil.example/')), head)).rejects.toThrow(IpcRefusedError);
    await expect(readdir(dir)).resolves.toEqual([]);
  });
});

describe('registerIpcHandlers', () => {
  it('registers exactly the contract channels on ipcMain', () => {
    electronFake.ipcMain.handle.mockClear();
    registerIpcHandlers(deps());
    const channels = electronFake.ipcMain.handle.mock.calls.map((call) => call[0]);
    expect(channels.sort()).toEqual([...ipcChannels].sort());
  });
});
