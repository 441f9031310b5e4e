import { describe, expect, it } from 'vitest';
import { bytesForIpc, ipcChannels, ipcContract, MAX_FILE_BYTES } from '../../../shared/ipc';

describe('IPC contract', () => {
  it('is exactly these four channels and methods (a change here is a change to the bridge)', () => {
    expect(Object.fromEntries(ipcChannels.map((c) => [c, ipcContract[c].method]))).toEqual({
      'file:save': 'saveFile',
      'file:open': 'openFile',
      'print:pdf': 'printToPdf',
      'print:dialog': 'print',
    });
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
