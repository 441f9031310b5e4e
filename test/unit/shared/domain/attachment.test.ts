import { describe, expect, test } from 'vitest';
import {
  attachmentAuditText,
  attachmentLimitsSchema,
  attachmentTypeOf,
  cleanFileName,
  contentMatchesType,
  fileLimitProblem,
  formatSize,
  MB,
  recordLimitProblem,
} from '../../../../shared/domain/attachment';
import { DEFAULT_ATTACHMENT_LIMITS } from '../../../../shared/domain/attachment-types';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('attachment rules', () => {
  test('the kind of a file: by MIME type, by extension when the type says nothing, never a foreign type', () => {
    expect(attachmentTypeOf('扫描.pdf', 'application/pdf')).toBe('application/pdf');
    expect(attachmentTypeOf('x', 'IMAGE/JPEG')).toBe('image/jpeg');
    expect(attachmentTypeOf('正文.ofd', 'application/octet-stream')).toBe('application/ofd');
    expect(attachmentTypeOf('正文.OFD', '')).toBe('application/ofd');
    expect(attachmentTypeOf('p.JPEG', '')).toBe('image/jpeg');
    expect(attachmentTypeOf('a.gif', 'image/gif')).toBeNull();
    // A declared foreign type is not overruled by a hopeful extension.
    expect(attachmentTypeOf('a.pdf', 'text/html')).toBeNull();
    expect(attachmentTypeOf('readme', '')).toBeNull();
  });

  test('the first bytes must be those of the kind', () => {
    expect(contentMatchesType('application/pdf', new TextEncoder().encode('%PDF-1.4\n'))).toBe(true);
    expect(contentMatchesType('application/pdf', new TextEncoder().encode('\uFEFF  %PDF-1.7'))).toBe(true);
    expect(contentMatchesType('application/pdf', new TextEncoder().encode('<html>'))).toBe(false);
    expect(contentMatchesType('image/jpeg', bytes(0xff, 0xd8, 0xff, 0xdb))).toBe(true);
    expect(contentMatchesType('image/jpeg', bytes(0x89, 0x50))).toBe(false);
    expect(contentMatchesType('image/png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe(true);
    expect(contentMatchesType('application/ofd', bytes(0x50, 0x4b, 0x03, 0x04))).toBe(true);
    expect(contentMatchesType('application/ofd', bytes(0x4d, 0x5a))).toBe(false);
  });

  test('sizes and limits in the office’s words; a size over the limit never reads as the limit', () => {
    expect(formatSize(512)).toBe('512 字节');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(85.3 * MB)).toBe('85.3 MB');
    expect(fileLimitProblem(50 * MB, DEFAULT_ATTACHMENT_LIMITS)).toBeNull();
    expect(fileLimitProblem(85.3 * MB, DEFAULT_ATTACHMENT_LIMITS)).toBe('文件 85.3 MB，超过单个附件上限 50 MB（设置 → 存储）');
    expect(fileLimitProblem(50 * MB + 1, DEFAULT_ATTACHMENT_LIMITS)).toBe('文件略大于 50 MB，超过单个附件上限 50 MB（设置 → 存储）');
    expect(fileLimitProblem(0, DEFAULT_ATTACHMENT_LIMITS)).toBe('文件是空的（0 字节），请重新选择');
    expect(recordLimitProblem(10 * MB, 490 * MB, DEFAULT_ATTACHMENT_LIMITS)).toBeNull();
    expect(recordLimitProblem(20 * MB, 490 * MB, DEFAULT_ATTACHMENT_LIMITS)).toBe('此件已有附件 490 MB，加上本文件 20 MB 将超过每件记录上限 500 MB（设置 → 存储）');
  });

  test('the limits setting: whole MB, the file limit within the record limit', () => {
    expect(attachmentLimitsSchema.safeParse({ maxFileMB: 50, maxRecordMB: 500 }).success).toBe(true);
    const issue = (v: unknown) => attachmentLimitsSchema.safeParse(v).error?.issues[0];
    expect(issue({ maxFileMB: 1.5, maxRecordMB: 500 })).toMatchObject({ path: ['maxFileMB'], message: '请输入整数' });
    expect(issue({ maxFileMB: 600, maxRecordMB: 500 })).toMatchObject({ path: ['maxRecordMB'], message: '每件记录的上限不能小于单个附件上限' });
    expect(issue({ maxFileMB: 50, maxRecordMB: null })).toMatchObject({ path: ['maxRecordMB'], message: '请输入大小' });
  });

  test('file names lose their folder and control characters; a long one keeps its extension', () => {
    expect(cleanFileName('C:\\Users\\扫描\\来文.pdf', 'application/pdf')).toBe('来文.pdf');
    expect(cleanFileName('/tmp/a\u202Efdp.exe', 'application/pdf')).toBe('afdp.exe');
    expect(cleanFileName('', 'image/png')).toBe('附件.png');
    const long = cleanFileName(`${'长'.repeat(200)}.pdf`, 'application/pdf');
    expect(long).toHaveLength(120);
    expect(long.endsWith('.pdf')).toBe(true);
  });

  test('the audit text names a classified record’s file by its use only', () => {
    const p = { recordLabel: '收〔2026〕0001【机密】', classified: true, name: '雷霆行动.pdf', role: '原件扫描件' as const, size: 2 * MB, sha256: 'ab'.repeat(32) };
    expect(attachmentAuditText(p)).toBe(`收〔2026〕0001【机密】 附件 原件扫描件 2 MB SHA-256 ${'ab'.repeat(32)}`);
    expect(attachmentAuditText({ ...p, recordLabel: '收〔2026〕0002《通知》', classified: false })).toBe(`收〔2026〕0002《通知》 附件 《雷霆行动.pdf》（原件扫描件） 2 MB SHA-256 ${'ab'.repeat(32)}`);
  });
});
