import { describe, expect, it } from 'vitest';
import { bytesForIpc, ipcChannels, ipcContract, MAX_FILE_BYTES, MAX_WRITE_CHUNK_BYTES } from '../../../shared/ipc';

const HANDLE = '2f1c9a62-5d0e-4c1b-9f3e-7a8b6c5d4e3f';

describe('IPC contract', () => {
  it('is exactly these channels and methods (a change here is a change to the bridge)', () => {
    expect(Object.fromEntries(ipcChannels.map((c) => [c, ipcContract[c].method]))).toEqual({
      'file:save': 'saveFile',
      'file:open': 'openFile',
      'file:openForReading': 'openFileForReading',
      'file:read': 'readFileRange',
      'file:closeRead': 'closeReadFile',
      'print:pdf': 'printToPdf',
      'print:dialog': 'print',
      'backup:chooseFolder': 'chooseBackupFolder',
      'backup:folder': 'backupFolder',
      'file:beginWrite': 'beginWrite',
      'file:appendWrite': 'appendWrite',
      'file:finishWrite': 'finishWrite',
      'file:abortWrite': 'abortWrite',
      'auditAnchor:read': 'readAuditAnchor',
      'auditAnchor:write': 'writeAuditAnchor',
      'secret:seal': 'sealSecret',
      'secret:open': 'openSecret',
      'lan:pair': 'lanPair',
      'lan:link': 'lanLink',
      'lan:post': 'lanPost',
      'lan:unpair': 'lanUnpair',
    });
  });

  it('the audit anchor carries only a seq and a 64-hex hash', () => {
    const hash = 'ab'.repeat(32);
    expect(ipcContract['auditAnchor:read'].request.safeParse(undefined).success).toBe(true);
    expect(ipcContract['auditAnchor:read'].request.safeParse({ path: '/etc/passwd' }).success).toBe(false);
    expect(ipcContract['auditAnchor:write'].request.safeParse({ seq: 59, hash }).success).toBe(true);
    for (const bad of [{ seq: 59 }, { seq: -1, hash }, { seq: 1.5, hash }, { seq: 1, hash: 'AB'.repeat(32) }, { seq: 1, hash: hash.slice(2) }, { seq: 1, hash, file: '/tmp/x' }, '59']) {
      expect(ipcContract['auditAnchor:write'].request.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(ipcContract['auditAnchor:read'].response.safeParse(null).success).toBe(true);
    expect(ipcContract['auditAnchor:read'].response.safeParse({ seq: 59, hash }).success).toBe(true);
    expect(ipcContract['auditAnchor:read'].response.safeParse({ seq: 59, hash, anchored: true }).success).toBe(false);
    expect(ipcContract['auditAnchor:write'].response.safeParse(undefined).success).toBe(true);
  });

  it('accepts well-formed streamed-write and backup-folder requests', () => {
    const data = new Uint8Array([1, 2, 3]);
    expect(ipcContract['backup:chooseFolder'].request.safeParse(undefined).success).toBe(true);
    expect(ipcContract['backup:folder'].request.safeParse(undefined).success).toBe(true);
    expect(
      ipcContract['file:beginWrite'].request.safeParse({
        suggestedName: '文枢备份-20260101-120000.wsbak',
        target: 'backupFolder',
        filters: [{ name: '文枢备份', extensions: ['wsbak'] }],
      }).success,
    ).toBe(true);
    expect(ipcContract['file:appendWrite'].request.safeParse({ handle: HANDLE, data }).success).toBe(true);
    expect(ipcContract['file:finishWrite'].request.safeParse({ handle: HANDLE }).success).toBe(true);
    expect(ipcContract['file:finishWrite'].request.safeParse({ handle: HANDLE, keepLatest: 365 }).success).toBe(true);
    expect(ipcContract['file:abortWrite'].request.safeParse({ handle: HANDLE }).success).toBe(true);
  });

  it('refuses a streamed piece over the per-chunk limit', () => {
    const huge = { byteLength: MAX_WRITE_CHUNK_BYTES + 1 };
    Object.setPrototypeOf(huge, Uint8Array.prototype);
    expect(ipcContract['file:appendWrite'].request.safeParse({ handle: HANDLE, data: huge }).success).toBe(false);
  });

  it('accepts well-formed requests', () => {
    const data = new Uint8Array([1, 2, 3]);
    expect(ipcContract['file:save'].request.safeParse({ suggestedName: '台账.xlsx', data }).success).toBe(true);
    expect(
      ipcContract['file:save'].request.safeParse({
        suggestedName: 'a.xlsx',
        data,
        filters: [{ name: 'Excel', extensions: ['xlsx'] }],
      }).success,
    ).toBe(true);
    expect(ipcContract['file:open'].request.safeParse({}).success).toBe(true);
    expect(ipcContract['print:pdf'].request.safeParse({ mode: 'save', landscape: true, suggestedName: 'x.pdf' }).success).toBe(true);
    expect(ipcContract['print:dialog'].request.safeParse({}).success).toBe(true);
  });

  it('refuses oversize data', () => {
    const huge = { byteLength: MAX_FILE_BYTES + 1 };
    Object.setPrototypeOf(huge, Uint8Array.prototype); // a stand-in: no need to allocate 512 MB
    expect(ipcContract['file:save'].request.safeParse({ suggestedName: 'a.bin', data: huge }).success).toBe(false);
  });

  it('describes only the response shapes the renderer expects', () => {
    expect(ipcContract['file:save'].response.safeParse({ saved: true, path: '/x' }).success).toBe(true);
    expect(ipcContract['file:save'].response.safeParse({ saved: true }).success).toBe(false);
    expect(ipcContract['file:open'].response.safeParse(null).success).toBe(true);
    expect(ipcContract['print:pdf'].response.safeParse({ kind: 'dialog' }).success).toBe(false);
    expect(ipcContract['print:dialog'].response.safeParse({ printed: false }).success).toBe(true);
    expect(ipcContract['backup:chooseFolder'].response.safeParse({ chosen: false, reason: 'cancelled' }).success).toBe(true);
    expect(ipcContract['backup:chooseFolder'].response.safeParse({ chosen: true }).success).toBe(false);
    expect(ipcContract['backup:folder'].response.safeParse(null).success).toBe(true);
    expect(ipcContract['file:beginWrite'].response.safeParse({ started: true, handle: HANDLE, path: '/b/x.wsbak' }).success).toBe(true);
    expect(ipcContract['file:beginWrite'].response.safeParse({ started: true, handle: 'h', path: '/b/x.wsbak' }).success).toBe(false);
    expect(ipcContract['file:beginWrite'].response.safeParse({ started: false, reason: 'noFolder' }).success).toBe(true);
    expect(ipcContract['file:appendWrite'].response.safeParse(undefined).success).toBe(true);
    expect(ipcContract['file:appendWrite'].response.safeParse({ partial: '/b/x.partial' }).success).toBe(false);
    expect(ipcContract['file:finishWrite'].response.safeParse({ path: '/b/x.wsbak', removed: [] }).success).toBe(true);
  });
});

describe('bytesForIpc', () => {
  it('passes a whole buffer through and copies a view down to its own bytes', () => {
    const whole = new Uint8Array([1, 2, 3]);
    expect(bytesForIpc(whole)).toBe(whole);
    const pooled = Buffer.from('abc'); // small Buffers are views into a shared pool
    const sent = bytesForIpc(pooled);
    expect(sent.buffer.byteLength).toBe(3);
    expect([...sent]).toEqual([97, 98, 99]);
  });
});
