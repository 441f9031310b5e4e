import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Platform, PrintToPdfRequest, PrintRequest } from '../../../renderer/platform/types';

// The platform is the one seam to the OS: these tests replace it and look at what the print
// layer asks of it, and at what was in the document at that moment.
const calls: { kind: 'pdf' | 'print'; req: PrintToPdfRequest | PrintRequest; roots: string[]; text: string }[] = [];
function snapshot() {
  const roots = [...document.body.querySelectorAll<HTMLElement>(':scope > .ws-print-root')];
  return { roots: roots.map((r) => r.className), text: roots.map((r) => r.querySelector('.ws-print-sheet')?.textContent).join('|') };
}
const fakePlatform: Platform = {
  kind: 'electron',
  saveFile: vi.fn(),
  openFile: vi.fn(),
  printToPdf: vi.fn(async (req: PrintToPdfRequest) => {
    calls.push({ kind: 'pdf', req, ...snapshot() });
    return req.mode === 'bytes' ? { kind: 'bytes' as const, data: new Uint8Array([37, 80, 68, 70]) } : { kind: 'saved' as const, path: '/tmp/x.pdf' };
  }),
  print: vi.fn(async (req: PrintRequest) => {
    calls.push({ kind: 'print', req, ...snapshot() });
  }),
  chooseBackupFolder: vi.fn(),
  backupFolder: vi.fn(),
  beginWrite: vi.fn(),
  appendWrite: vi.fn(),
  finishWrite: vi.fn(),
  abortWrite: vi.fn(),
  auditAnchor: null,
  secrets: null,
};
vi.mock('../../../renderer/platform/index', () => ({ platform: () => fakePlatform }));

const { IncomingRegisterSheet, IncomingSlip, PrintPreview, printLayout, watermarkText } = await import('../../../renderer/print/index');
const { fullRecord, registerRows } = await import('./fixtures');

beforeEach(() => {
  calls.length = 0;
});
afterEach(() => vi.clearAllMocks());

describe('watermarkText', () => {
  test('name (username), local date and time to the minute, 文枢', () => {
    expect(watermarkText({ displayName: '张三', username: 'zhangsan' }, new Date(2026, 10, 23, 10, 31, 59))).toBe(
      '张三（zhangsan） 2026-11-23 10:31 文枢',
    );
    expect(watermarkText({ displayName: '李四', username: 'lisi' }, new Date(2026, 0, 5, 8, 4))).toBe('李四（lisi） 2026-01-05 08:04 文枢');
  });
  test('a user without a display name is named once', () => {
    expect(watermarkText({ displayName: ' ', username: 'admin' }, new Date(2026, 10, 23, 9, 0))).toBe('admin 2026-11-23 09:00 文枢');
  });
});

describe('printLayout', () => {
  test('mounts the document unseen, prints it as a landscape PDF, then removes it', async () => {
    const result = await printLayout({ mode: 'pdf', pdf: 'bytes', suggestedName: '收文登记簿.pdf' }, <IncomingRegisterSheet rows={registerRows(2)} title="登记簿" />);
    expect(result).toEqual({ kind: 'bytes', data: new Uint8Array([37, 80, 68, 70]) });
    expect(fakePlatform.printToPdf).toHaveBeenCalledWith({ landscape: true, mode: 'bytes', suggestedName: '收文登记簿.pdf' });
    expect(calls[0]!.roots).toEqual(['ws-print-root ws-print-root--job ws-print-root--landscape']);
    expect(calls[0]!.text).toContain('收〔2026〕0001');
    expect(document.body.querySelector('.ws-print-root')).toBeNull();
    expect(document.body.children).toHaveLength(0);
  });

  test("'dialog' goes to the print dialog; a slip prints portrait; the option watermark is used", async () => {
    const result = await printLayout({ mode: 'dialog', watermark: '张三 2026-11-23 10:31 文枢' }, <IncomingSlip record={fullRecord()} unitName="某局" />);
    expect(result).toEqual({ kind: 'dialog' });
    expect(fakePlatform.print).toHaveBeenCalledWith({ landscape: false });
    expect(calls[0]!.text).toContain('张三 2026-11-23 10:31 文枢');
    expect(calls[0]!.text).toContain('某局收文处理笺');
  });

  test('a bare layout gets the A4 frame; the PDF defaults to asking where to save it', async () => {
    const result = await printLayout({ mode: 'pdf', landscape: true }, <p>任意内容</p>);
    expect(result).toEqual({ kind: 'saved', path: '/tmp/x.pdf' });
    expect(fakePlatform.printToPdf).toHaveBeenCalledWith({ landscape: true, mode: 'save' });
    expect(calls[0]!.roots).toEqual(['ws-print-root ws-print-root--job ws-print-root--landscape']);
    expect(calls[0]!.text).toBe('任意内容');
  });

  test('jobs run one after the other, and a failed job does not block the next', async () => {
    vi.mocked(fakePlatform.printToPdf).mockRejectedValueOnce(new Error('磁盘已满'));
    const first = printLayout({ mode: 'pdf' }, <p>一</p>);
    const second = printLayout({ mode: 'pdf' }, <p>二</p>);
    await expect(first).rejects.toThrow('磁盘已满');
    await expect(second).resolves.toEqual({ kind: 'saved', path: '/tmp/x.pdf' });
    expect(calls.map((c) => c.text)).toEqual(['二']);
    expect(document.body.querySelector('.ws-print-root')).toBeNull();
  });
});

describe('preview', () => {
  test('shows the document with a tool bar; 打印 and 导出PDF print what is shown', async () => {
    const user = userEvent.setup();
    const printed = vi.fn();
    render(
      <PrintPreview onPrinted={printed}>
        <IncomingSlip record={fullRecord()} unitName="某局" />
      </PrintPreview>,
    );
    const root = document.body.querySelector<HTMLElement>(':scope > .ws-print-root--preview')!;
    expect(root).not.toBeNull();
    expect(screen.getByRole('toolbar', { name: '打印预览' })).toHaveTextContent('收文处理笺 收〔2026〕0001');

    // The platform is called once the fonts are in and a frame has passed: wait for it.
    await user.click(screen.getByRole('button', { name: '打印' }));
    await vi.waitFor(() => expect(printed).toHaveBeenLastCalledWith({ kind: 'dialog' }, 'dialog'));
    expect(fakePlatform.print).toHaveBeenCalledWith({ landscape: false });
    expect(calls[0]!.roots).toEqual(['ws-print-root ws-print-root--preview ws-print-root--portrait']);

    await user.click(screen.getByRole('button', { name: '导出PDF' }));
    await vi.waitFor(() => expect(printed).toHaveBeenLastCalledWith({ kind: 'saved', path: '/tmp/x.pdf' }, 'pdf'));
    expect(fakePlatform.printToPdf).toHaveBeenCalledWith({ landscape: false, mode: 'save', suggestedName: '收文处理笺 收〔2026〕0001.pdf' });
  });

  test('onPrint replaces the default, 关闭 calls onClose', async () => {
    const user = userEvent.setup();
    const onPrint = vi.fn();
    const onClose = vi.fn();
    render(
      <PrintPreview onPrint={onPrint} onClose={onClose}>
        <IncomingRegisterSheet rows={registerRows(1)} title="登记簿" />
      </PrintPreview>,
    );
    await user.click(screen.getByRole('button', { name: '打印' }));
    await vi.waitFor(() => expect(onPrint).toHaveBeenCalledWith('dialog', expect.any(Function)));
    expect(fakePlatform.print).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: '关闭' }));
    expect(onClose).toHaveBeenCalled();
  });

  test('onPrint gets the default print for this document, e.g. to audit what it did', async () => {
    const user = userEvent.setup();
    const audit = vi.fn();
    render(
      <PrintPreview suggestedName="登记簿.pdf" onPrint={async (mode, print) => audit(mode, await print())}>
        <IncomingRegisterSheet rows={registerRows(1)} title="登记簿" />
      </PrintPreview>,
    );
    await user.click(screen.getByRole('button', { name: '导出PDF' }));
    await vi.waitFor(() => expect(audit).toHaveBeenCalledWith('pdf', { kind: 'saved', path: '/tmp/x.pdf' }));
    expect(fakePlatform.printToPdf).toHaveBeenCalledWith({ landscape: true, mode: 'save', suggestedName: '登记簿.pdf' });
  });

  test('a failed print is shown in the tool bar', async () => {
    const user = userEvent.setup();
    vi.mocked(fakePlatform.printToPdf).mockRejectedValueOnce(new Error('打印失败'));
    render(<IncomingRegisterSheet rows={registerRows(1)} title="登记簿" />);
    await user.click(screen.getByRole('button', { name: '导出PDF' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('打印失败');
  });

  test('marks itself ready to print once its fonts are in', async () => {
    render(<IncomingRegisterSheet rows={registerRows(1)} title="登记簿" />);
    const root = document.body.querySelector<HTMLElement>(':scope > .ws-print-root')!;
    await act(async () => {
      await vi.waitFor(() => expect(root.dataset.printReady).toBe('true'));
    });
  });
});
