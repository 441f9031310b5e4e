import { createElement, type ReactElement } from 'react';
import { version as APP_VERSION } from '../../../package.json';
import { isClassified } from '@shared/domain/enums';
import { catalogueLinesWithBox } from '@shared/domain/filing';
import {
  CATALOGUE_PDF_PATH,
  CATALOGUE_XLSX_PATH,
  encodeManifest,
  FILING_PACKAGE_FORMAT,
  FILING_PACKAGE_VERSION,
  filingPackageFileName,
  itemAttachmentPath,
  itemBasePath,
  MANIFEST_PATH,
  sha256Hex,
  verifyFilingDigests,
  type FilingManifest,
  type PackageAttachment,
  type PackageFile,
  type PackageItem,
  type PackageVerification,
} from '@shared/domain/filing-package';
import type { WenshuDB } from '../../db/database';
import {
  filingPackageContent,
  findFilingPackageExport,
  recordFilingPackageCheck,
  type PackageExportFound,
  type PackageItemSource,
} from '../../db/repositories/filing-package';
import { storedFileChunks } from '../../db/backup/backup';
import { recordOutput } from '../../db/repositories/output';
import type { Actor } from '../../db/types';
import type { Platform, ReadableFile } from '../../platform/types';
import { filedDocumentLayout, type FiledDocumentSettings } from '../../print/filed-document';
import { getSlipLayout } from '../../db/repositories/slip-layout';
import { watermarkText } from '../../print/watermark';
import { ZipWriter } from './zip-writer';
import { MAX_KEPT_BYTES, zipDigests } from './zip-digests';
import { RuleError } from '@shared/domain/rule-error';
import type { JobProgress } from '@shared/domain/job-progress';

// 导出归档包 and 校验归档包 (issue #6). The package is streamed into a file the user placed:
// catalogue.xlsx, catalogue.pdf, per 件 a JSON file (catalogue entry + the record with its
// processing history), its 收文处理笺 or 纪要 as PDF and its 电子文件 (the attached scans, in a
// folder named like the JSON file), then manifest.json with every file's SHA-256. PDFs need the desktop app (Electron's printToPDF); the web build makes the package
// without them and says so in the manifest and on screen.

export interface PackageProgress {
  done: number;
  total: number;
}

export interface PackageExportResult {
  path: string;
  files: number;
  items: number;
  withheld: number;
  pdf: boolean;
  manifestSha256: string;
}

const WITHHELD_NOT_KNOWN = '不在导出人的知悉范围内，仅含目录信息';
const WITHHELD_NO_PDF = '此环境不能生成 PDF（请在桌面版中导出）';

function jsonBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
}

/** The 件's own data file: the catalogue entry and, within the need to know, the whole record. */
function itemJson(s: PackageItemSource): Uint8Array {
  return jsonBytes({
    format: 'wenshu-filing-item',
    version: 1,
    archive: s.entry,
    record: s.record,
    ...(s.canSeeContent ? {} : { withheld: WITHHELD_NOT_KNOWN }),
  });
}

async function printToBytes(p: Platform, element: ReactElement, landscape: boolean, watermark?: string): Promise<Uint8Array> {
  const { printLayout } = await import('../../print/print-layout');
  const result = await printLayout({ platform: p, mode: 'pdf', pdf: 'bytes', landscape, ...(watermark ? { watermark } : {}) }, element);
  if (result.kind !== 'bytes') throw new Error('未能生成 PDF');
  return result.data;
}

/** The 件's document as it prints (收文处理笺, 纪要; classified: with the exporter's watermark). */
async function itemPdf(p: Platform, s: PackageItemSource, unitName: string, watermark: string, settings: FiledDocumentSettings): Promise<Uint8Array | null> {
  const layout = await filedDocumentLayout(s.register, settings);
  if (!layout || !s.record || !layout.applies(s.record)) return null;
  const mark = isClassified(s.entry.classification) ? { watermark } : {};
  return printToBytes(p, createElement(layout.Component, { record: s.record, unitName, ...mark }), false);
}

/**
 * Writes `year`'s 归档包 to a file the user picks and logs it. Resolves null when the user
 * cancelled the save dialog (nothing written, nothing logged). A failure part-way removes the
 * half-written file.
 */
export async function exportFilingPackage(
  db: WenshuDB,
  actor: Actor,
  p: Platform,
  year: number,
  onProgress: (p: PackageProgress) => void = () => {},
  now = new Date(),
): Promise<PackageExportResult | null> {
  const content = await filingPackageContent(db, actor, year);
  if (content.items.length === 0) throw new RuleError(`${year} 年度还没有已归档的文件`);
  // Only a platform that makes PDFs itself can put them in the package (no dialog per 件).
  const pdf = p.canMakePdf;
  const start = await p.beginWrite({
    suggestedName: filingPackageFileName(content.unit.fondsCode, year, now),
    filters: [{ name: '归档包（zip）', extensions: ['zip'] }],
    target: 'dialog',
  });
  if (!start.started) return null;
  const files: PackageFile[] = [];
  const zip = new ZipWriter((chunk) => p.appendWrite(start.handle, chunk));
  const add = async (path: string, bytes: Uint8Array, compress: boolean) => {
    files.push({ path, sha256: sha256Hex(bytes), bytes: bytes.byteLength });
    await zip.add(path, bytes, compress);
  };
  try {
    const { unit, items } = content;
    const total = items.length + 2;
    let done = 0;
    const step = () => onProgress({ done: ++done, total });
    onProgress({ done, total });

    const lines = catalogueLinesWithBox(items.map((s) => s.entry));
    const watermark = watermarkText(actor, now);
    const classified = items.some((s) => isClassified(s.entry.classification));
    const { catalogueXlsx } = await import('./catalogue-xlsx');
    await add(CATALOGUE_XLSX_PATH, await catalogueXlsx(unit.name, unit.fondsCode, year, lines, classified ? `含涉密内容 · ${watermark}` : undefined), false);
    step();
    if (pdf) {
      const { ArchiveCatalogueSheet } = await import('../../print/ArchiveCatalogueSheet');
      await add(CATALOGUE_PDF_PATH, await printToBytes(p, createElement(ArchiveCatalogueSheet, { unitName: unit.name, fondsCode: unit.fondsCode, year, lines, ...(classified ? { watermark } : {}) }), true), false);
    }
    step();

    const packageItems: PackageItem[] = [];
    let withheld = 0;
    // The 件 print as the office prints them (设置 → 打印).
    const settings: FiledDocumentSettings = { slipLayout: await getSlipLayout(db) };
    for (const s of items) {
      const base = itemBasePath(s.entry);
      const paths = [`${base}.json`];
      await add(paths[0]!, itemJson(s), true);
      let note: string | undefined;
      if (!s.canSeeContent) {
        withheld += 1;
        note = WITHHELD_NOT_KNOWN;
      } else if (!pdf) {
        note = WITHHELD_NO_PDF;
      } else {
        const bytes = await itemPdf(p, s, unit.name, watermark, settings);
        if (bytes) {
          paths.push(`${base}.pdf`);
          await add(`${base}.pdf`, bytes, false);
        }
      }
      // Its 电子文件 (attached scans): a folder beside its data file, streamed a chunk at a time.
      const attachments: PackageAttachment[] = [];
      for (const [i, a] of s.attachments.entries()) {
        const path = itemAttachmentPath(base, i, a.name);
        // Every chunk checked, and the whole against its SHA-256 (a file changed in storage stops the export, by name).
        await zip.addStream(path, storedFileChunks(db, a, `归档包未导出（${s.entry.archiveCode}）`));
        const digest = a.sha256;
        const bytes = a.size;
        files.push({ path, sha256: digest, bytes });
        paths.push(path);
        attachments.push({ path, name: a.name, type: a.type, role: a.role, bytes, sha256: digest });
      }
      const { archiveCode, kind, classification, retention, orgCode, itemNo } = s.entry;
      packageItems.push({ archiveCode, kind, classification, retention, orgCode, itemNo, files: paths, ...(attachments.length ? { attachments } : {}), ...(note ? { withheld: note } : {}) });
      step();
    }

    const manifest: FilingManifest = {
      format: FILING_PACKAGE_FORMAT,
      version: FILING_PACKAGE_VERSION,
      appVersion: APP_VERSION,
      schemaVersion: content.schemaVersion,
      createdAt: now.toISOString(),
      createdBy: { id: actor.id, name: actor.displayName },
      unit: { name: unit.name, fondsCode: unit.fondsCode },
      year,
      auditHead: content.auditHead,
      pdf,
      items: packageItems,
      files,
    };
    const manifestBytes = encodeManifest(manifest);
    await zip.add(MANIFEST_PATH, manifestBytes, true);
    await zip.end();
    const { path } = await p.finishWrite(start.handle);
    const result: PackageExportResult = { path, files: files.length + 1, items: items.length, withheld, pdf, manifestSha256: sha256Hex(manifestBytes) };
    await recordOutput(db, actor, { kind: '归档包', year, ...result }, now);
    return result;
  } catch (e) {
    await p.abortWrite(start.handle).catch(() => undefined);
    throw e;
  }
}

export interface PackageCheckResult {
  fileName: string;
  verification: PackageVerification;
  /** The export of exactly this manifest on this PC's audit log. */
  exportFound: PackageExportFound | null;
}

/** A check's 取消 and its progress (the package's bytes read, in MB). */
export interface PackageCheckJob {
  signal?: AbortSignal;
  onProgress?: (p: JobProgress) => void;
}

/**
 * Checks one package, read by range (zip-digests.ts: each file hashed as it streams, never the
 * whole zip in memory), looks its manifest up in the audit log, and logs the check. Cancelled
 * (job.signal): rejects with an AbortError, nothing logged.
 */
export async function checkFilingPackage(db: WenshuDB, actor: Actor, file: ReadableFile, now = new Date(), job: PackageCheckJob = {}): Promise<PackageCheckResult> {
  const fileName = file.name;
  const startedAt = performance.now();
  const MB = 1024 * 1024;
  const read = await zipDigests(file, (path) => path === MANIFEST_PATH, {
    ...(job.signal ? { signal: job.signal } : {}),
    onProgress: (done, total) => job.onProgress?.({ stage: '核对文件', done: Math.round(done / MB), total: Math.round(total / MB), unit: 'MB', startedAt }),
  });
  const unread = (problem: string): PackageVerification => ({ manifest: null, manifestSha256: null, problem, missing: [], altered: [], extra: [], checked: 0, ok: false });
  const verification: PackageVerification = !read
    ? unread('文件不是有效的 zip 归档包，或已损坏')
    : read.oversized.has(MANIFEST_PATH)
      ? unread(`清单 ${MANIFEST_PATH} 超过 ${MAX_KEPT_BYTES / MB} MB：这不是文枢生成的归档包，未读取其内容`)
      : verifyFilingDigests(read.kept.get(MANIFEST_PATH), read.digests);
  const exportFound = verification.manifestSha256 ? await findFilingPackageExport(db, actor, verification.manifestSha256) : null;
  await recordFilingPackageCheck(
    db,
    actor,
    {
      fileName,
      year: verification.manifest?.year ?? null,
      ok: verification.ok,
      missing: verification.missing,
      altered: verification.altered,
      extra: verification.extra,
      ...(verification.problem ? { problem: verification.problem } : {}),
      exportOnRecord: exportFound !== null,
    },
    now,
  );
  return { fileName, verification, exportFound };
}

/** 校验归档包: asks for the zip, then checks it. Null when the user closed the dialog. */
export async function pickAndCheckFilingPackage(db: WenshuDB, actor: Actor, p: Platform, job: PackageCheckJob = {}): Promise<PackageCheckResult | null> {
  const file = await p.openFileForReading({ filters: [{ name: '归档包（zip）', extensions: ['zip'] }] });
  if (!file) return null;
  try {
    return await checkFilingPackage(db, actor, file, new Date(), job);
  } finally {
    await file.close();
  }
}
