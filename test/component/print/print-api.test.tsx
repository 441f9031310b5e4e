import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { ReactNode } from 'react';
import { PlatformProvider } from '../../../renderer/platform/context';
import { createTestingPlatform, type TestingPlatform } from '../../../renderer/platform/testing';

// The platform is the one seam to the OS: these tests run on the testing platform and look at
// what the print layer asked of it, and at what was in the document at that moment.
let platform: TestingPlatform;

const { IncomingRegisterSheet, IncomingSlip, PrintPreview, printLayout, watermarkText } = await import('../../../renderer/print/index');
const { fullRecord, registerRows } = await import('./fixtures');

beforeEach(() => {
  platform = createTestingPlatform();
});
afterEach(() => vi.clearAllMocks());

function renderOn(ui: ReactNode) {
  return render(<PlatformProvider platform={platform}>{ui}</PlatformProvider>);
}

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
    const result = await printLayout({ platform, mode: 'pdf', pdf: 'bytes', suggestedName: '收文登记簿.pdf' }, <IncomingRegisterSheet rows={registerRows(2)} title="登记簿" />);
    expect(result).toEqual({ kind: 'bytes', data: new Uint8Array([37, 80, 68, 70]) });
    expect(platform.printed).toHaveLength(1);
    expect(platform.printed[0]!.via).toBe('pdf');
    expect(platform.printed[0]!.request).toEqual({ landscape: true, mode: 'bytes', suggestedName: '收文登记簿.pdf' });
    expect(platform.printed[0]!.roots).toEqual(['ws-print-root ws-print-root--job ws-print-root--landscape']);
    expect(platform.printed[0]!.text).toContain('收〔2026〕0001');
    expect(document.body.querySelector('.ws-print-root')).toBeNull();
    expect(document.body.children).toHaveLength(0);
  });

  test("'dialog' goes to the print dialog; a slip prints portrait; the option watermark is used", async () => {
    const result = await printLayout({ platform, mode: 'dialog', watermark: '张三 2026-11-23 10:31 文枢' }, <IncomingSlip record={fullRecord()} unitName="某局" />);
    expect(result).toEqual({ kind: 'printed' });
    expect(platform.printed[0]!.via).toBe('print');
    expect(platform.printed[0]!.request).toEqual({ landscape: false });
    expect(platform.printed[0]!.text).toContain('张三 2026-11-23 10:31 文枢');
    expect(platform.printed[0]!.text).toContain('某局收文处理笺');
  });

  test('a cancelled print dialog is reported as cancelled where the platform can tell, else as a dialog', async () => {
    platform.answerNext('print', 'cancel');
    expect(await printLayout({ platform, mode: 'dialog' }, <p>一</p>)).toEqual({ kind: 'cancelled' });
    expect(platform.printed).toHaveLength(0);
    const browserLike = createTestingPlatform({ canMakePdf: false, canTellPrintCancelled: false });
    browserLike.answerNext('print', 'cancel');
    expect(await printLayout({ platform: browserLike, mode: 'dialog' }, <p>二</p>)).toEqual({ kind: 'dialog' });
    expect(await printLayout({ platform: browserLike, mode: 'pdf' }, <p>三</p>)).toEqual({ kind: 'dialog' });
  });

  test('a bare layout gets the A4 frame; the PDF defaults to asking where to save it', async () => {
    const result = await printLayout({ platform, mode: 'pdf', landscape: true }, <p>任意内容</p>);
    expect(result).toEqual({ kind: 'saved', path: '/testing/打印.pdf' });
    expect(platform.printed[0]!.request).toEqual({ landscape: true, mode: 'save' });
    expect(platform.printed[0]!.roots).toEqual(['ws-print-root ws-print-root--job ws-print-root--landscape']);
    expect(platform.printed[0]!.text).toBe('任意内容');
  });

  test('jobs run one after the other, and a failed job does not block the next', async () => {
    platform.answerNext('pdf', new Error('磁盘已满'));
    const first = printLayout({ platform, mode: 'pdf' }, <p>一</p>);
    const second = printLayout({ platform, mode: 'pdf' }, <p>二</p>);
    await expect(first).rejects.toThrow('磁盘已满');
    await expect(second).resolves.toEqual({ kind: 'saved', path: '/testing/打印.pdf' });
    expect(platform.printed.map((c) => c.text)).toEqual(['二']);
    expect(document.body.querySelector('.ws-print-root')).toBeNull();
  });
});

describe('preview', () => {
  test('shows the document with a tool bar; 打印 and 导出PDF print what is shown', async () => {
    const user = userEvent.setup();
    const printed = vi.fn();
    renderOn(
      <PrintPreview onPrinted={printed}>
        <IncomingSlip record={fullRecord()} unitName="某局" />
      </PrintPreview>,
    );
    const root = document.body.querySelector<HTMLElement>(':scope > .ws-print-root--preview')!;
    expect(root).not.toBeNull();
    expect(screen.getByRole('toolbar', { name: '打印预览' })).toHaveTextContent('收文处理笺 收〔2026〕0001');
    expect(screen.getByRole('button', { name: '导出PDF' })).not.toHaveAttribute('title');

    // The platform is called once the fonts are in and a frame has passed: wait for it.
    await user.click(screen.getByRole('button', { name: '打印' }));
    await vi.waitFor(() => expect(printed).toHaveBeenLastCalledWith({ kind: 'printed' }, 'dialog'));
    expect(platform.printed[0]!.via).toBe('print');
    expect(platform.printed[0]!.request).toEqual({ landscape: false });
    expect(platform.printed[0]!.roots).toEqual(['ws-print-root ws-print-root--preview ws-print-root--portrait']);

    await user.click(screen.getByRole('button', { name: '导出PDF' }));
    await vi.waitFor(() => expect(printed).toHaveBeenLastCalledWith({ kind: 'saved', path: '/testing/收文处理笺 收〔2026〕0001.pdf' }, 'pdf'));
    expect(platform.printed[1]!.request).toEqual({ landscape: false, mode: 'save', suggestedName: '收文处理笺 收〔2026〕0001.pdf' });
  });

  test('a platform without its own PDF maker says where the PDF is made', () => {
    platform = createTestingPlatform({ canMakePdf: false });
    renderOn(<IncomingRegisterSheet rows={registerRows(1)} title="登记簿" />);
    expect(screen.getByRole('button', { name: '导出PDF' })).toHaveAttribute('title', '在打印对话框中选择“另存为 PDF”');
  });

  test('onPrint replaces the default, 关闭 calls onClose', async () => {
    const user = userEvent.setup();
    const onPrint = vi.fn();
    const onClose = vi.fn();
    renderOn(
      <PrintPreview onPrint={onPrint} onClose={onClose}>
        <IncomingRegisterSheet rows={registerRows(1)} title="登记簿" />
      </PrintPreview>,
    );
    await user.click(screen.getByRole('button', { name: '打印' }));
    await vi.waitFor(() => expect(onPrint).toHaveBeenCalledWith('dialog', expect.any(Function)));
    expect(platform.printed).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: '关闭' }));
    expect(onClose).toHaveBeenCalled();
  });

  test('onPrint gets the default print for this document, e.g. to audit what it did', async () => {
    const user = userEvent.setup();
    const audit = vi.fn();
    renderOn(
      <PrintPreview suggestedName="登记簿.pdf" onPrint={async (mode, print) => audit(mode, await print())}>
        <IncomingRegisterSheet rows={registerRows(1)} title="登记簿" />
      </PrintPreview>,
    );
    await user.click(screen.getByRole('button', { name: '导出PDF' }));
    await vi.waitFor(() => expect(audit).toHaveBeenCalledWith('pdf', { kind: 'saved', path: '/testing/登记簿.pdf' }));
    expect(platform.printed[0]!.request).toEqual({ landscape: true, mode: 'save', suggestedName: '登记簿.pdf' });
  });

  test('a failed print is shown in the tool bar', async () => {
    const user = userEvent.setup();
    platform.answerNext('pdf', new Error('打印失败'));
    renderOn(<IncomingRegisterSheet rows={registerRows(1)} title="登记簿" />);
    await user.click(screen.getByRole('button', { name: '导出PDF' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('打印失败');
  });

  test('marks itself ready to print once its fonts are in', async () => {
    renderOn(<IncomingRegisterSheet rows={registerRows(1)} title="登记簿" />);
    const root = document.body.querySelector<HTMLElement>(':scope > .ws-print-root')!;
    await act(async () => {
      await vi.waitFor(() => expect(root.dataset.printReady).toBe('true'));
    });
  });
});
