import { describe, expect, it, vi } from 'vitest';
import { createElectronPlatform } from '../../../renderer/platform/electron';
import { MAX_READ_BYTES, MAX_WRITE_CHUNK_BYTES, type WenshuApi } from '../../../shared/ipc';
import type { FileFilter } from '../../../renderer/platform/types';

const HANDLE = '2f1c9a62-5d0e-4c1b-9f3e-7a8b6c5d4e3f';

function fakeApi() {
  return {
    saveFile: vi.fn(async () => ({ saved: true as const, path: '/docs/a.xlsx' })),
    openFile: vi.fn(async () => ({ name: 'a.pdf', data: new Uint8Array([1]) })),
    openFileForReading: vi.fn(async () => ({ name: 'a.wsbak', size: 40, token: HANDLE })),
    // The file main holds: 40 bytes 0…39, read by range.
    readFileRange: vi.fn(async ({ offset, length }: { token: string; offset: number; length: number }) => Uint8Array.from({ length: Math.max(0, Math.min(length, 40 - offset)) }, (_, i) => offset + i)),
    closeReadFile: vi.fn(async () => undefined),
    printToPdf: vi.fn(async () => ({ kind: 'cancelled' as const })),
    print: vi.fn(async () => ({ printed: false })),
    chooseBackupFolder: vi.fn(async () => ({ chosen: true as const, path: '/backups' })),
    backupFolder: vi.fn(async () => '/backups'),
    beginWrite: vi.fn(async () => ({ started: true as const, handle: HANDLE, path: '/backups/文枢备份-1.wsbak' })),
    appendWrite: vi.fn(async () => undefined),
    finishWrite: vi.fn(async () => ({ path: '/backups/文枢备份-1.wsbak', removed: [] })),
    abortWrite: vi.fn(async () => undefined),
    readAuditAnchor: vi.fn(async () => ({ seq: 3, hash: 'c'.repeat(64) })),
    writeAuditAnchor: vi.fn(async () => undefined),
    sealSecret: vi.fn(async ({ text }: { text: string }) => ({ sealed: btoa(`sealed:${text}`) })),
    openSecret: vi.fn(async ({ sealed }: { sealed: string }) => ({ text: atob(sealed).slice('sealed:'.length) })),
    lanPair: vi.fn(async () => ({ ok: false as const, status: 0, message: '未配对' })),
    lanLink: vi.fn(async () => null),
    lanPost: vi.fn(async () => ({ ok: false as const, status: 0, message: '未配对' })),
    lanUnpair: vi.fn(async () => undefined),
  } satisfies WenshuApi;
}

describe('createElectronPlatform', () => {
  it('is the electron platform and forwards each call to window.wenshu', async () => {
    const api = fakeApi();
    const platform = createElectronPlatform(api);
    // The desktop can make PDFs itself, keep a backup folder and tell a cancelled print dialog.
    expect(platform).toMatchObject({ canMakePdf: true, canChooseFolder: true, canTellPrintCancelled: true });
    const data = new Uint8Array([1, 2, 3]);
    await expect(platform.saveFile({ suggestedName: 'a.xlsx', data })).resolves.toEqual({
      saved: true,
      path: '/docs/a.xlsx',
    });
    expect(api.saveFile).toHaveBeenCalledWith({ suggestedName: 'a.xlsx', data, filters: undefined });
    await expect(platform.openFile({})).resolves.toMatchObject({ name: 'a.pdf' });
    await expect(platform.printToPdf({ mode: 'save', suggestedName: 'x.pdf' })).resolves.toEqual({
      kind: 'cancelled',
    });
    expect(api.printToPdf).toHaveBeenCalledWith({ mode: 'save', suggestedName: 'x.pdf', landscape: undefined });
    // The dialog was cancelled (the fake says printed: false): a print that never happened.
    await expect(platform.print({ landscape: true })).resolves.toEqual({ kind: 'cancelled' });
    expect(api.print).toHaveBeenCalledWith({ landscape: true });
  });

  it('sends only the fields the contract names (main rejects unknown keys)', async () => {
    const api = fakeApi();
    const platform = createElectronPlatform(api);
    const filters = [{ name: 'Excel', extensions: ['xlsx'], icon: 'x' }];
    await platform.openFile({ filters, extra: true } as Parameters<typeof platform.openFile>[0]);
    expect(api.openFile).toHaveBeenCalledWith({ filters: [{ name: 'Excel', extensions: ['xlsx'] }] });
  });

  it('sends a view into a large buffer as its own bytes', async () => {
    const api = fakeApi();
    const big = new Uint8Array(1024).fill(7);
    await createElectronPlatform(api).saveFile({ suggestedName: 'a.bin', data: big.subarray(10, 20) });
    const sent = (api.saveFile.mock.calls[0] as unknown as [{ data: Uint8Array }])[0].data;
    expect(sent.byteLength).toBe(10);
    expect(sent.buffer.byteLength).toBe(10);
  });

  it('forwards the streamed-write calls, contract fields only', async () => {
    const api = fakeApi();
    const platform = createElectronPlatform(api);
    await expect(platform.chooseBackupFolder()).resolves.toEqual({ chosen: true, path: '/backups' });
    await expect(platform.backupFolder()).resolves.toBe('/backups');
    const filters = [{ name: '文枢备份', extensions: ['wsbak'], icon: 'x' }];
    await expect(
      platform.beginWrite({ suggestedName: '文枢备份-1.wsbak', target: 'backupFolder', filters }),
    ).resolves.toMatchObject({ started: true, handle: HANDLE });
    expect(api.beginWrite).toHaveBeenCalledWith({
      suggestedName: '文枢备份-1.wsbak',
      target: 'backupFolder',
      filters: [{ name: '文枢备份', extensions: ['wsbak'] }],
    });
    const big = new Uint8Array(100).fill(3);
    await platform.appendWrite(HANDLE, big.subarray(10, 20));
    const sent = (api.appendWrite.mock.calls[0] as unknown as [{ handle: string; data: Uint8Array }])[0];
    expect(sent.handle).toBe(HANDLE);
    expect(sent.data.buffer.byteLength).toBe(10); // its own bytes, not the whole buffer
    await platform.appendWrite(HANDLE, new Uint8Array(0));
    expect(api.appendWrite).toHaveBeenCalledTimes(1); // nothing to send
    await expect(platform.finishWrite(HANDLE, 7)).resolves.toEqual({ path: '/backups/文枢备份-1.wsbak', removed: [] });
    expect(api.finishWrite).toHaveBeenLastCalledWith({ handle: HANDLE, keepLatest: 7 });
    await platform.finishWrite(HANDLE);
    expect(api.finishWrite).toHaveBeenLastCalledWith({ handle: HANDLE }); // no undefined key
    await expect(platform.abortWrite(HANDLE)).resolves.toBeUndefined();
    expect(api.abortWrite).toHaveBeenCalledWith({ handle: HANDLE });
  });

  it('offers the audit anchor and sends only seq and hash', async () => {
    const api = fakeApi();
    const anchor = createElectronPlatform(api).auditAnchor!;
    await expect(anchor.read()).resolves.toEqual({ seq: 3, hash: 'c'.repeat(64) });
    await anchor.write({ seq: 4, hash: 'd'.repeat(64), extra: 1 } as Parameters<typeof anchor.write>[0]);
    expect(api.writeAuditAnchor).toHaveBeenCalledWith({ seq: 4, hash: 'd'.repeat(64) });
  });

  it('opens a file for reading by range: reads go to main by token, a large range in pieces, close releases it', async () => {
    const api = fakeApi();
    const file = (await createElectronPlatform(api).openFileForReading({ filters: [{ name: '备份', extensions: ['wsbak'], extra: 1 } as FileFilter] }))!;
    expect(api.openFileForReading).toHaveBeenCalledWith({ filters: [{ name: '备份', extensions: ['wsbak'] }] });
    expect([file.name, file.size]).toEqual(['a.wsbak', 40]);
    expect(await file.read(10, 4)).toEqual(new Uint8Array([10, 11, 12, 13]));
    expect(api.readFileRange).toHaveBeenLastCalledWith({ token: HANDLE, offset: 10, length: 4 });
    await file.close();
    expect(api.closeReadFile).toHaveBeenCalledWith({ token: HANDLE });
    api.openFileForReading.mockResolvedValueOnce(null as never);
    expect(await createElectronPlatform(api).openFileForReading({})).toBeNull();
  });

  it('reads a range larger than the bridge allows in several calls', async () => {
    const calls: { offset: number; length: number }[] = [];
    const api: WenshuApi = {
      ...fakeApi(),
      readFileRange: async ({ offset, length }) => {
        calls.push({ offset, length });
        return new Uint8Array(length).fill(offset === 0 ? 1 : 2);
      },
    };
    const file = (await createElectronPlatform(api).openFileForReading({}))!;
    const out = await file.read(0, MAX_READ_BYTES + 5);
    expect(calls).toEqual([{ offset: 0, length: MAX_READ_BYTES }, { offset: MAX_READ_BYTES, length: 5 }]);
    expect([out.byteLength, out[0], out[MAX_READ_BYTES]]).toEqual([MAX_READ_BYTES + 5, 1, 2]);
  });

  it('sends a piece larger than the bridge allows in several calls, in order', async () => {
    const seen: { size: number; first: number | undefined; last: number | undefined }[] = [];
    const api: WenshuApi = {
      ...fakeApi(),
      // A summary only: the pieces themselves (128 MiB) are not kept.
      appendWrite: async ({ data }) => {
        seen.push({ size: data.byteLength, first: data[0], last: data[data.byteLength - 1] });
      },
    };
    const size = MAX_WRITE_CHUNK_BYTES * 2 + 5;
    const data = new Uint8Array(size);
    data[0] = 1;
    data[MAX_WRITE_CHUNK_BYTES] = 2;
    data[size - 1] = 3;
    await createElectronPlatform(api).appendWrite(HANDLE, data);
    expect(seen).toEqual([
      { size: MAX_WRITE_CHUNK_BYTES, first: 1, last: 0 },
      { size: MAX_WRITE_CHUNK_BYTES, first: 2, last: 0 },
      { size: 5, first: 0, last: 3 },
    ]);
  });

  it('offers the LAN link: pairing, the link, requests by operation (a token only when given), unpairing', async () => {
    const api = fakeApi();
    const lan = createElectronPlatform(api).lan!;
    const pair = { host: '192.168.1.10', port: 8443, fingerprint: 'AA:BB', code: '1234-5678-9012', name: '张秘书的电脑', dataKey: 'A'.repeat(43) + '=' };
    await expect(lan.pair(pair)).resolves.toMatchObject({ ok: false });
    expect(api.lanPair).toHaveBeenCalledWith(pair);
    await expect(lan.link()).resolves.toBeNull();
    await lan.post('/api/pull', { since: 0 });
    expect(api.lanPost).toHaveBeenLastCalledWith({ path: '/api/pull', body: { since: 0 } });
    await lan.post('/api/command', { clientId: 'c1', name: 'incoming.register', input: {} }, 'T'.repeat(43));
    expect(api.lanPost).toHaveBeenLastCalledWith({ path: '/api/command', body: { clientId: 'c1', name: 'incoming.register', input: {} }, token: 'T'.repeat(43) });
    await lan.unpair();
    expect(api.lanUnpair).toHaveBeenCalled();
  });
});
