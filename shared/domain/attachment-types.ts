// Attachments (issue #17 §2): the scanned original kept with its record. This file is the
// contract the storage, viewer and backup/package work share; the rules live in attachment.ts.

/** The registers a file may be attached to: the `kind` of their descriptor (shared/domain/registers). */
export const ATTACHMENT_OWNER_KINDS = ['incoming', 'meetings', 'tasks', 'outgoing'] as const;
export type AttachmentOwnerKind = (typeof ATTACHMENT_OWNER_KINDS)[number];

/** What the file is to its record (收文: 原件扫描件; 纪要: 签到表, 纪要扫描件; 督办: 反馈材料; 发文: 定稿, 正本). */
export const ATTACHMENT_ROLES = ['原件扫描件', '签到表', '纪要扫描件', '反馈材料', '定稿', '正本', '其他'] as const;
export type AttachmentRole = (typeof ATTACHMENT_ROLES)[number];

/** The roles offered per register (the first is the default). */
export const ROLES_BY_OWNER: Readonly<Record<AttachmentOwnerKind, readonly AttachmentRole[]>> = {
  incoming: ['原件扫描件', '其他'],
  meetings: ['签到表', '纪要扫描件', '其他'],
  tasks: ['反馈材料', '其他'],
  outgoing: ['定稿', '正本', '其他'],
};

/** Kinds of file accepted: PDF and images are shown in the viewer; OFD is kept and saved as a file. */
export const ATTACHMENT_TYPES = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPG',
  'image/png': 'PNG',
  'application/ofd': 'OFD',
} as const;
export type AttachmentMime = keyof typeof ATTACHMENT_TYPES;

export interface PersonRef {
  id: string;
  name: string;
}

/** One attached file's record (table `attachments`, sealed at rest like every row). */
export interface AttachmentMeta {
  id: string;
  ownerKind: AttachmentOwnerKind;
  ownerId: string;
  role: AttachmentRole;
  /** File name as chosen (no path). */
  name: string;
  type: AttachmentMime;
  /** Bytes of the original file. */
  size: number;
  /** SHA-256 of the original file, lowercase hex. */
  sha256: string;
  addedBy: PersonRef;
  /** ISO instant. */
  addedAt: string;
  /** How the stored bytes are cut: chunkCount rows of at most chunkSize plain bytes (table `attachmentChunks`). */
  chunkSize: number;
  chunkCount: number;
  /** Set by attachment.remove: hidden from the record's list, its bytes kept (the step is recorded). */
  removed?: { by: PersonRef; at: string; reason: string };
}

/** Limits (setting `attachments`, owner settings.manage). */
export interface AttachmentLimits {
  /** Per file, in MB (default 50). */
  maxFileMB: number;
  /** All files of one record together, in MB (default 500). */
  maxRecordMB: number;
}

export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = { maxFileMB: 50, maxRecordMB: 500 };

/** Storage use for 设置 → 存储: what takes the space. */
export interface AttachmentUsage {
  totalBytes: number;
  files: number;
  byOwnerKind: { ownerKind: AttachmentOwnerKind; bytes: number; files: number }[];
  /** The records taking the most space (largest first, at most 10), named by number only. */
  largestRecords: { ownerKind: AttachmentOwnerKind; ownerId: string; number: string; bytes: number; files: number }[];
}
