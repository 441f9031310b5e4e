import { describe, expect, test } from 'vitest';
import { itemAttachmentPath, safeFileName } from '../../../../shared/domain/filing-package';

// 归档包 (issue #17): a 件's 电子文件 keep the names they were attached under, made safe for any
// file system the package may be unpacked on.

describe('safeFileName', () => {
  test('keeps an ordinary Chinese name as it is', () => {
    expect(safeFileName('关于做好年终财务决算工作的通知（扫描件）.pdf')).toBe('关于做好年终财务决算工作的通知（扫描件）.pdf');
  });

  test('drops folders and replaces characters Windows refuses and control characters', () => {
    expect(safeFileName('C:\\扫描\\来文.pdf')).toBe('来文.pdf');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('第1页: "原件"<1>|?*.jpg')).toBe('第1页_ _原件__1____.jpg');
    expect(safeFileName('a\u0000b\u001fc.png')).toBe('a_b_c.png');
  });

  test('no trailing dots or spaces, no device names, never empty', () => {
    expect(safeFileName('签到表. . ')).toBe('签到表');
    expect(safeFileName('CON.pdf')).toBe('_CON.pdf');
    expect(safeFileName('com1')).toBe('_com1');
    expect(safeFileName('...')).toBe('附件');
    expect(safeFileName('')).toBe('附件');
  });

  test('a long name is cut to 80 characters with its extension kept', () => {
    const long = `${'很长的文件名'.repeat(30)}.pdf`;
    const safe = safeFileName(long);
    expect(Array.from(safe)).toHaveLength(80);
    expect(safe.endsWith('.pdf')).toBe(true);
  });

  test('each file of a 件 goes in its folder, numbered in the order attached', () => {
    expect(itemAttachmentPath('items/2026-Y-BGS-0001', 0, '来文.pdf')).toBe('items/2026-Y-BGS-0001/01-来文.pdf');
    expect(itemAttachmentPath('items/2026-Y-BGS-0001', 11, 'a/b.jpg')).toBe('items/2026-Y-BGS-0001/12-b.jpg');
  });
});
