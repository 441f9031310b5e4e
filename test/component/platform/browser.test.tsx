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

  test('printing opens the browser print dialog', async () => {
    const print = vi.fn();
    const p = createBrowserPlatform(document, { print } as unknown as Window);
    expect(await p.printToPdf({ mode: 'bytes' })).toEqual({ kind: 'dialog' });
    await p.print({});
    expect(print).toHaveBeenCalledTimes(2);
  });
});
