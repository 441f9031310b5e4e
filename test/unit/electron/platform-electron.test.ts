import { describe, expect, it, vi } from 'vitest';
import { createElectronPlatform } from '../../../renderer/platform/electron';
import type { WenshuApi } from '../../../shared/ipc';

function fakeApi() {
  return {
    saveFile: vi.fn(async () => ({ saved: true as const, path: '/docs/a.xlsx' })),
    openFile: vi.fn(async () => ({ name: 'a.pdf', data: new Uint8Array([1]) })),
    printToPdf: vi.fn(async () => ({ kind: 'cancelled' as const })),
    print: vi.fn(async () => ({ printed: false })),
  } satisfies WenshuApi;
}

describe('createElectronPlatform', () => {
  it('is the electron platform and forwards each call to window.wenshu', async () => {
    const api = fakeApi();
    const platform = createElectronPlatform(api);
    expect(platform.kind).toBe('electron');
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
    await expect(platform.print({ landscape: true })).resolves.toBeUndefined();
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
});
