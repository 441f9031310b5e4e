import { z } from 'zod';
import {
  ATTACHMENT_TYPES,
  ROLES_BY_OWNER,
  type AttachmentLimits,
  type AttachmentMime,
  type AttachmentOwnerKind,
  type AttachmentRole,
} from './attachment-types';
import type { FiledMarker } from './filing-types';
import { filedRefusal } from './filing';
import { can, PermissionError, type Permission, type Role } from './permissions';
import { cleanLine } from './text';

// Attachments (issue #17 §2): the rules of keeping a scanned original with its record. Pure: the
// storage (renderer/db/repositories/attachments.ts) asks here which files are accepted, what the
// limits say, who may add or remove, and how the audit log names a file.

export const MB = 1024 * 1024;

/** Where the limits are changed, as messages name it. */
export const LIMITS_PLACE = '设置 → 存储';

/** A size as the office reads it: "85.3 MB", "512 KB". */
export function formatSize(bytes: number): string {
  if (bytes >= MB) return `${trimNumber(bytes / MB)} MB`;
  if (bytes >= 1024) return `${trimNumber(bytes / 1024)} KB`;
  return `${bytes} 字节`;
}

function trimNumber(v: number): string {
  const tenths = Math.round(v * 10) / 10;
  return Number.isInteger(tenths) ? String(tenths) : tenths.toFixed(1);
}

/** "文件 85.3 MB", or "文件略大于 50 MB" when the rounded size would read as the limit itself. */
function sizeOver(what: string, bytes: number, limitMB: number): string {
  const shown = Math.round((bytes / MB) * 10) / 10;
  return shown > limitMB ? `${what} ${trimNumber(bytes / MB)} MB` : `${what}略大于 ${limitMB} MB`;
}

/** The limits setting: whole MB, a file never larger than a record may hold. */
export const attachmentLimitsSchema = z
  .object({
    maxFileMB: z.number({ error: '请输入大小' }).int('请输入整数').min(1, '至少 1 MB').max(2048, '不能超过 2048 MB'),
    maxRecordMB: z.number({ error: '请输入大小' }).int('请输入整数').min(1, '至少 1 MB').max(20480, '不能超过 20480 MB'),
  })
  .superRefine((v, ctx) => {
    if (v.maxFileMB > v.maxRecordMB) ctx.addIssue({ code: 'custom', path: ['maxRecordMB'], message: '每件记录的上限不能小于单个附件上限' });
  });

const EXTENSIONS: Readonly<Record<string, AttachmentMime>> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  ofd: 'application/ofd',
};

/** What the office is told when a file is not one of ATTACHMENT_TYPES. */
export const TYPE_REFUSAL = `只能添加 ${[...new Set(Object.values(ATTACHMENT_TYPES))].join('、')} 文件`;

/**
 * The kind of a chosen file: by its MIME type, else (no type, or the generic one an OFD often
 * arrives with) by its extension; null when it is none of ours.
 */
export function attachmentTypeOf(name: string, mime: string): AttachmentMime | null {
  const m = mime.trim().toLowerCase();
  if (m in ATTACHMENT_TYPES) return m as AttachmentMime;
  if (m && m !== 'application/octet-stream' && !m.startsWith('application/x-') && m !== 'application/zip') return null;
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  return EXTENSIONS[ext] ?? null;
}

/**
 * Whether the first bytes are those of `type` (a renamed file is refused: the viewer could not
 * show it, and a file saved from a record must be what its name says). OFD is a ZIP package.
 */
export function contentMatchesType(type: AttachmentMime, head: Uint8Array): boolean {
  const starts = (...sig: number[]) => sig.every((b, i) => head[i] === b);
  switch (type) {
    case 'application/pdf': {
      // %PDF- within the first 1024 bytes (the PDF specification allows leading bytes).
      const text = String.fromCharCode(...head.subarray(0, 1024));
      return text.includes('%PDF-');
    }
    case 'image/jpeg':
      return starts(0xff, 0xd8, 0xff);
    case 'image/png':
      return starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
    case 'application/ofd':
      return starts(0x50, 0x4b, 0x03, 0x04);
  }
}

/** A chosen file's name as kept: no folder, no control characters, at most 120 characters. */
export function cleanFileName(raw: string, type: AttachmentMime): string {
  const base = cleanLine(raw.split(/[\\/]/).pop() ?? '');
  const name = base || `附件.${ATTACHMENT_TYPES[type].toLowerCase()}`;
  if (name.length <= 120) return name;
  const ext = /\.[A-Za-z0-9]{1,5}$/.exec(name)?.[0] ?? '';
  return name.slice(0, 120 - ext.length) + ext;
}

/** Refusal of one file over the per-file limit, or null. */
export function fileLimitProblem(size: number, limits: AttachmentLimits): string | null {
  if (size === 0) return '文件是空的（0 字节），请重新选择';
  if (size > limits.maxFileMB * MB) return `${sizeOver('文件', size, limits.maxFileMB)}，超过单个附件上限 ${limits.maxFileMB} MB（${LIMITS_PLACE}）`;
  return null;
}

/** Refusal of a file that would take the record past its limit (`held`: its files already kept), or null. */
export function recordLimitProblem(size: number, held: number, limits: AttachmentLimits): string | null {
  if (held + size > limits.maxRecordMB * MB) {
    return `此件已有附件 ${formatSize(held)}，加上本文件 ${formatSize(size)} 将超过每件记录上限 ${limits.maxRecordMB} MB（${LIMITS_PLACE}）`;
  }
  return null;
}

/** The right that acts on each register's records (and so may attach files to them). */
export const ATTACHMENT_PERMISSION: Readonly<Record<AttachmentOwnerKind, Permission>> = {
  incoming: 'incoming.process',
  meetings: 'meetings.manage',
  // 督办: the 责任人 is a name on the task, not an account; the 秘书 who keeps the 督办 records
  // the 反馈材料 the 责任单位 sends in.
  tasks: 'supervision.manage',
  outgoing: 'outgoing.process',
};

/**
 * Who may add a file to a record, or remove one: whoever acts on that register (its permission)
 * and is within the record's need to know. Throws PermissionError / RuleError; the caller checks
 * need to know first (descriptor.canSee) so an outsider learns nothing more.
 */
export function requireAttachmentRight(actor: { roles: readonly Role[] }, ownerKind: AttachmentOwnerKind): void {
  const p = ATTACHMENT_PERMISSION[ownerKind];
  if (!can(actor, p)) throw new PermissionError(p);
}

/**
 * Whether `actor` may add and remove files on records of `ownerKind` (the buttons of the
 * attachments panel); the record's need to know and its 归档 are checked besides (the commands do).
 */
export function mayChangeAttachments(actor: { roles: readonly Role[] }, ownerKind: AttachmentOwnerKind): boolean {
  return can(actor, ATTACHMENT_PERMISSION[ownerKind]);
}

/** Whether `role` is one the register offers (ROLES_BY_OWNER). */
export function roleProblem(ownerKind: AttachmentOwnerKind, role: AttachmentRole): string | null {
  return ROLES_BY_OWNER[ownerKind].includes(role) ? null : `此类记录的附件用途只能是：${ROLES_BY_OWNER[ownerKind].join('、')}`;
}

/** The 归档 marker of a record of any register (those never filed have none). */
export function filedOf(row: unknown): FiledMarker | undefined {
  const f = (row as { filed?: FiledMarker } | null)?.filed;
  return f && typeof f === 'object' && typeof f.archiveCode === 'string' ? f : undefined;
}

/** The refusal of adding to or removing from a filed record, naming its 档号. */
export function attachmentFiledRefusal(filed: FiledMarker, what: '添加附件' | '删除附件'): string {
  return filedRefusal(filed, what);
}

/**
 * How the audit log names a file: its name for an unclassified record; for a classified one only
 * its 用途 (a scan's file name is often its title), beside the record's auditName.
 */
export function attachmentAuditText(p: { recordLabel: string; classified: boolean; name: string; role: AttachmentRole; size: number; sha256: string }): string {
  const what = p.classified ? `${p.role}` : `《${p.name}》（${p.role}）`;
  return `${p.recordLabel} 附件 ${what} ${formatSize(p.size)} SHA-256 ${p.sha256}`;
}

/**
 * A record's files asked for by someone outside its need to know: a PermissionError (the UI shows
 * it as any refusal), saying why in the office's words.
 */
export class NeedToKnowError extends PermissionError {
  constructor(message = '该记录为涉密文件，您不在知悉范围内，不能查看或处理其附件') {
    super('records.read');
    this.message = message;
  }
}
