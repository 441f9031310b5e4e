import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { CLASSIFICATIONS, retentionCode, RETENTION_PERIODS, type RetentionPeriod } from './enums';
import { fileNameStamp } from './dates';
import { formatItemNumber } from './filing';

// 归档包 (issue #6): a year's filing as one zip that outlives the PC. It holds the catalogue
// (catalogue.xlsx, catalogue.pdf), per 件 its data as JSON with the processing history and its
// 收文处理笺 or 纪要 as PDF, and manifest.json naming every other file with its SHA-256 and the
// audit log's head at export time. Verifying a package recomputes every hash from the bytes and
// names each file that is missing, altered, or not in the manifest. The manifest's own SHA-256 is
// written to the exporting PC's audit log, so a manifest rewritten to match altered files no
// longer matches any export on record.

export const FILING_PACKAGE_FORMAT = 'wenshu-filing-package';
export const FILING_PACKAGE_VERSION = 1;
export const MANIFEST_PATH = 'manifest.json';
export const CATALOGUE_XLSX_PATH = 'catalogue.xlsx';
export const CATALOGUE_PDF_PATH = 'catalogue.pdf';
export const ITEM_FOLDER = 'items';

/** Where a 件's files live: items/2026-Y-BGS-0001.json|.pdf (ASCII, unique within the year). */
export function itemBasePath(e: { year: number; retention: RetentionPeriod; orgCode: string; itemNo: number }): string {
  const org = e.orgCode.replace(/[^A-Za-z0-9]/g, '_');
  return `${ITEM_FOLDER}/${e.year}-${retentionCode(e.retention)}-${org}-${formatItemNumber(e.itemNo)}`;
}

export function sha256Hex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

const HEX64 = /^[0-9a-f]{64}$/;
/** Relative, forward slashes, no "..", no leading slash: a path a zip may safely hold. */
const safePath = z
  .string()
  .min(1)
  .max(300)
  .refine((p) => !p.startsWith('/') && !p.includes('\\') && !p.split('/').includes('..'), '路径无效');

export const packageFileSchema = z.object({
  path: safePath,
  sha256: z.string().regex(HEX64),
  bytes: z.number().int().nonnegative(),
});
export type PackageFile = z.infer<typeof packageFileSchema>;

/**
 * An attached file's name as it goes into a package folder (issue #17): the name as chosen, made
 * safe on every file system the package may be opened on (no path, no characters Windows refuses,
 * no control characters, no trailing dot or space, no device names, at most 80 characters with
 * its extension kept). `fallback` when nothing is left.
 */
export function safeFileName(name: string, fallback = '附件'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  let s = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').replace(/[. ]+$/g, '').replace(/^[. ]+/g, '').trim();
  if (!s) s = fallback;
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(s)) s = `_${s}`;
  const chars = Array.from(s);
  if (chars.length > 80) {
    const dot = s.lastIndexOf('.');
    const ext = dot > 0 && s.length - dot <= 10 ? s.slice(dot) : '';
    s = Array.from(s.slice(0, s.length - ext.length)).slice(0, 80 - Array.from(ext).length).join('') + ext;
  }
  return s;
}

/** Where a 件's attached files go: a folder named like its data file, each file numbered in order added. */
export function itemAttachmentPath(base: string, index: number, name: string): string {
  return `${base}/${String(index + 1).padStart(2, '0')}-${safeFileName(name)}`;
}

/** One 电子文件 of a 件 in the manifest: the name as attached, where it is, its size and SHA-256. */
export const packageAttachmentSchema = z.object({
  path: safePath,
  name: z.string().max(300),
  type: z.string().max(100),
  role: z.string().max(20),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(HEX64),
});
export type PackageAttachment = z.infer<typeof packageAttachmentSchema>;

export const packageItemSchema = z.object({
  archiveCode: z.string().min(1).max(100),
  /** The register's filing kind (收文, 纪要, …): a package from a version with more registers still verifies. */
  kind: z.string().min(1).max(20),
  classification: z.enum(CLASSIFICATIONS),
  retention: z.enum(RETENTION_PERIODS),
  orgCode: z.string().min(1).max(50),
  itemNo: z.number().int().positive(),
  /** Paths of this 件's files (JSON always; PDF when it could be made and the exporter may see it; its 电子文件). */
  files: z.array(safePath).max(1010),
  /** The 件's 电子文件 (attached scans, issue #17), within the exporter's need to know; absent in older packages. */
  attachments: z.array(packageAttachmentSchema).max(1000).optional(),
  /** Why there is no content: the exporter is outside the need to know, or no PDF could be made here. */
  withheld: z.string().max(200).optional(),
});
export type PackageItem = z.infer<typeof packageItemSchema>;

export const filingManifestSchema = z.object({
  format: z.literal(FILING_PACKAGE_FORMAT),
  version: z.number().int().positive(),
  appVersion: z.string().max(50),
  schemaVersion: z.number().int().nonnegative(),
  createdAt: z.string().max(40),
  createdBy: z.object({ id: z.string().max(100), name: z.string().max(100) }),
  unit: z.object({ name: z.string().max(200), fondsCode: z.string().max(50) }),
  year: z.number().int().min(1000).max(9999),
  /** The audit log's last entry at export time. */
  auditHead: z.object({ seq: z.number().int().nonnegative(), hash: z.string().regex(HEX64) }),
  /** PDFs were made (the desktop app); the web build cannot produce PDF bytes itself. */
  pdf: z.boolean(),
  items: z.array(packageItemSchema).max(100_000),
  files: z.array(packageFileSchema).max(300_000),
});
export type FilingManifest = z.infer<typeof filingManifestSchema>;

/** The manifest's bytes as written (stable key order, indented: people open it too). */
export function encodeManifest(m: FilingManifest): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(m, null, 2)}\n`);
}

export interface PackageVerification {
  /** Null when the package has no readable manifest (then `problem` says why). */
  manifest: FilingManifest | null;
  /** SHA-256 of manifest.json as found, to look up the export in the audit log. */
  manifestSha256: string | null;
  problem?: string;
  /** In the manifest, not in the package. */
  missing: string[];
  /** In both, but the bytes' SHA-256 differs from the manifest's. */
  altered: string[];
  /** In the package, not in the manifest (and not the manifest itself). */
  extra: string[];
  /** Files whose hash matched. */
  checked: number;
  ok: boolean;
}

function failed(problem: string, manifestSha256: string | null = null): PackageVerification {
  return { manifest: null, manifestSha256, problem, missing: [], altered: [], extra: [], checked: 0, ok: false };
}

/**
 * Re-checks a package given its files (path → bytes; folders are not entries): verifyFilingDigests
 * of their sizes and hashes.
 */
export function verifyFilingPackage(files: ReadonlyMap<string, Uint8Array>): PackageVerification {
  const digests = new Map([...files].map(([path, bytes]) => [path, { bytes: bytes.byteLength, sha256: sha256Hex(bytes) }]));
  return verifyFilingDigests(files.get(MANIFEST_PATH), digests);
}

/**
 * Re-checks a package given its manifest's bytes and every file's size and SHA-256 (path →
 * digest; a reader of a large zip hashes each file as it streams). Every file the manifest lists
 * must be present with the same SHA-256 and size; every other file is named as extra.
 */
export function verifyFilingDigests(raw: Uint8Array | undefined, files: ReadonlyMap<string, { bytes: number; sha256: string }>): PackageVerification {
  if (!raw) return failed('包中没有清单：这不是文枢归档包，或清单已被删除');
  const manifestSha256 = sha256Hex(raw);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    return failed('清单已损坏，无法读取', manifestSha256);
  }
  const parsed = filingManifestSchema.safeParse(json);
  if (!parsed.success) return failed('清单的内容不是文枢归档包清单（可能已被改动）', manifestSha256);
  const manifest = parsed.data;
  if (manifest.version > FILING_PACKAGE_VERSION) return failed(`该归档包由较新版本的文枢生成（格式 ${manifest.version}），请升级后再校验`, manifestSha256);

  const missing: string[] = [];
  const altered: string[] = [];
  const listed = new Set<string>();
  let checked = 0;
  for (const f of manifest.files) {
    listed.add(f.path);
    const found = files.get(f.path);
    if (!found) missing.push(f.path);
    else if (found.bytes !== f.bytes || found.sha256 !== f.sha256) altered.push(f.path);
    else checked += 1;
  }
  const extra = [...files.keys()].filter((p) => p !== MANIFEST_PATH && !listed.has(p)).sort();
  return { manifest, manifestSha256, missing, altered, extra, checked, ok: missing.length + altered.length + extra.length === 0 };
}

/** The package's file name: 归档包-<全宗号>-<年度>-<YYYYMMDD-HHmmss>.zip */
export function filingPackageFileName(fondsCode: string, year: number, now: Date): string {
  return `归档包-${fondsCode || '未设全宗号'}-${year}-${fileNameStamp(now)}.zip`;
}
