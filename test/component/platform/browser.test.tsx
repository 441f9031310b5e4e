import { describe, expect, test, vi } from 'vitest';
import { createBrowserPlatform } from '../../../renderer/platform/browser';

describe('browser platform', () => {
  test('saveFile downloads the bytes under the suggested name', async () => {
    const clicks: { download: string; href: string }[] = [];
    const spy = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push({ download: this.download, href: this.href });
    });
    const created: Blob[] = [];
    const origCreate = URL.createObjectURL;
    URL.createObjectURL = (b: Blob) => {
      created.push(b);
      return 'blob:test/1';
    };
    URL.revokeObjectURL = () => {};
    const result = await createBrowserPlatform().saveFile({ suggestedName: '收文登记簿.xlsx', data: new Uint8Array([1, 2, 3]) });
    expect(result).toEqual({ saved: true, path: '收文登记簿.xlsx' });
    expect(clicks).toEqual([{ download: '收文登记簿.xlsx', href: 'blob:test/1' }]);
    const bytes = await new Promise<ArrayBuffer>((ok) => {
      const r = new FileReader();
      r.onload = () => ok(r.result as ArrayBuffer);
      r.readAsArrayBuffer(created[0]!);
    });
    expect(new Uint8Array(bytes)).toEqual(new Uint8Array([1, 2, 3]));
    expect(document.querySelectorAll('a[download]').length).toBe(0);
    spy.mockRestore();
    URL.createObjectURL = origCreate;
  });

  test('openFile returns the chosen file, or null when the picker is cancelled', async () => {
    const p = createBrowserPlatform();
    const spy = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
      expect(this.accept).toBe('.xlsx');
      const file = new File([new Uint8Array([7, 8])], '旧登记簿.xlsx');
      Object.defineProperty(this, 'files', { value: [file] });
      this.dispatchEvent(new Event('change'));
    });
    expect(await p.openFile({ filters: [{ name: 'Excel', extensions: ['xlsx'] }] })).toEqual({ name: '旧登记簿.xlsx', data: new Uint8Array([7, 8]) });
    spy.mockImplementation(function (this: HTMLInputElement) {
      this.dispatchEvent(new Event('cancel'));
    });
    expect(await p.openFile({})).toBeNull();
    spy.mockRestore();
  });

  test('openFileForReading reads the chosen file by slices, never whole; null when cancelled', async () => {
    const p = createBrowserPlatform();
    const bytes = Uint8Array.from({ length: 5000 }, (_, i) => i % 256);
    const file = new File([bytes], '文枢备份-20261201-093005.wsbak');
    const sliced: number[] = [];
    const slice = file.slice.bind(file);
    file.slice = (start?: number, end?: number) => {
      sliced.push((end ?? file.size) - (start ?? 0));
      return slice(start, end);
    };
    const spy = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
      expect(this.accept).toBe('.wsbak');
      Object.defineProperty(this, 'files', { value: [file] });
      this.dispatchEvent(new Event('change'));
    });
    const opened = (await p.openFileForReading({ filters: [{ name: '文枢备份', extensions: ['wsbak'] }] }))!;
    expect([opened.name, opened.size]).toEqual(['文枢备份-20261201-093005.wsbak', 5000]);
    expect(await opened.read(1000, 300)).toEqual(bytes.slice(1000, 1300));
    expect(await opened.read(4990, 100)).toEqual(bytes.slice(4990));
    expect(sliced).toEqual([300, 100]);
    await opened.close();
    spy.mockImplementation(function (this: HTMLInputElement) {
      this.dispatchEvent(new Event('cancel'));
    });
    expect(await p.openFileForReading({})).toBeNull();
    spy.mockRestore();
  });

  test('printing opens the browser print dialog', async () => {
    const print = vi.fn();
    const p = createBrowserPlatform(document, { print } as unknown as Window);
    expect(p).toMatchObject({ canMakePdf: false, canChooseFolder: false, canTellPrintCancelled: false });
    expect(await p.printToPdf({ mode: 'bytes' })).toEqual({ kind: 'dialog' });
    // window.print() says nothing about what the user did.
    expect(await p.print({})).toEqual({ kind: 'dialog' });
    expect(print).toHaveBeenCalledTimes(2);
  });

  test('a streamed file is downloaded once finished, its pieces in order, as Blob parts', async () => {
    const clicks: { download: string; href: string }[] = [];
    const spy = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push({ download: this.download, href: this.href });
    });
    const created: Blob[] = [];
    const origCreate = URL.createObjectURL;
    const origRevoke = URL.revokeObjectURL;
    URL.createObjectURL = (b: Blob) => {
      created.push(b);
      return 'blob:test/stream';
    };
    URL.revokeObjectURL = () => {};
    const blobParts: unknown[][] = [];
    const RealBlob = globalThis.Blob;
    const blobSpy = vi.spyOn(globalThis, 'Blob').mockImplementation(function (parts?: BlobPart[], options?: BlobPropertyBag) {
      blobParts.push([...(parts ?? [])]);
      return new RealBlob(parts, options);
    } as unknown as typeof Blob);
    try {
      const p = createBrowserPlatform();
      const start = await p.beginWrite({ suggestedName: '文枢备份-20260101-120000.wsbak', target: 'dialog' });
      expect(start).toMatchObject({ started: true, path: '文枢备份-20260101-120000.wsbak' });
      if (!start.started) return;
      const reused = new Uint8Array([1, 2, 3]);
      await p.appendWrite(start.handle, reused);
      reused.set([9, 9, 9]); // the caller reuses its buffer: what was appended must not change
      await p.appendWrite(start.handle, new Uint8Array([4, 5]).subarray(0, 2));
      await p.appendWrite(start.handle, new TextEncoder().encode('末'));
      expect(clicks).toEqual([]); // nothing downloaded before finish
      expect(await p.finishWrite(start.handle, 5)).toEqual({ path: '文枢备份-20260101-120000.wsbak', removed: [] });
      expect(clicks).toEqual([{ download: '文枢备份-20260101-120000.wsbak', href: 'blob:test/stream' }]);
      expect(created).toHaveLength(1);
      expect(new Uint8Array(await readBlob(created[0]!))).toEqual(new Uint8Array([1, 2, 3, 4, 5, 0xe6, 0x9c, 0xab]));
      // The downloaded Blob was built from three Blob parts, not one joined array.
      const last = blobParts.at(-1)!;
      expect(last).toHaveLength(3);
      for (const part of last) expect(part).toBeInstanceOf(RealBlob);
      expect(document.querySelectorAll('a[download]').length).toBe(0);
      // The handle is spent.
      await expect(p.appendWrite(start.handle, new Uint8Array([1]))).rejects.toThrow();
    } finally {
      blobSpy.mockRestore();
      spy.mockRestore();
      URL.createObjectURL = origCreate;
      URL.revokeObjectURL = origRevoke;
    }
  });

  test('abortWrite drops the pieces and downloads nothing', async () => {
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const p = createBrowserPlatform();
    const start = await p.beginWrite({ suggestedName: 'a.wsbak', target: 'dialog' });
    if (!start.started) throw new Error('not started');
    await p.appendWrite(start.handle, new Uint8Array([1]));
    await p.abortWrite(start.handle);
    await expect(p.finishWrite(start.handle)).rejects.toThrow();
    expect(click).not.toHaveBeenCalled();
    click.mockRestore();
  });

  test('there is no backup folder in the browser', async () => {
    const p = createBrowserPlatform();
    expect(await p.chooseBackupFolder()).toEqual({ chosen: false, reason: 'unsupported' });
    expect(await p.backupFolder()).toBeNull();
    expect(await p.beginWrite({ suggestedName: '文枢备份-20260101-120000.wsbak', target: 'backupFolder' })).toEqual({ started: false, reason: 'noFolder' });
  });
});

function readBlob(blob: Blob): Promise<ArrayBuffer> {
  return new Promise((ok, fail) => {
    const r = new FileReader();
    r.onload = () => ok(r.result as ArrayBuffer);
    r.onerror = () => fail(r.error);
    r.readAsArrayBuffer(blob);
  });
}
