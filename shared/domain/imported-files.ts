import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { formatLocalDateTime } from './dates';

// The record of files imported (issue #20): a legacy Excel 收文登记簿 or a 迁移包, known by the
// SHA-256 of its bytes, so the same file imported twice is refused the second time, saying when
// and by whom it was imported. One row per file and kind, written in the import's own transaction
// (a cancelled or failed import leaves none). Pure: the table is renderer/db/repositories/imported-files.ts.

export const IMPORTED_FILE_KINDS = ['excel', '迁移包'] as const;
export type ImportedFileKind = (typeof IMPORTED_FILE_KINDS)[number];

export interface ImportedFileRecord {
  /** SHA-256 of the file's bytes, 64 lowercase hex digits. */
  sha256: string;
  kind: ImportedFileKind;
  /** When the import was committed (ISO instant). */
  at: string;
  byId: string;
  byName: string;
  /** The file's name as picked (for the message; a renamed copy is still the same file). */
  fileName: string;
  /** What the import created, by the office's names: { 收文: 1234 }, { 收文: 5, 载体: 2, 纪要: 1 }. */
  counts: Record<string, number>;
  /** One line for the message and the audit log: '收文 1,234 件'. */
  summary: string;
  /** 迁移包 only: the package's own id. */
  packageId?: string;
  /** The command that imported it (its change-log rows share it). */
  commandId: string;
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** '收文 1,234 件、载体 2 件' from counts (zero counts left out); '' when nothing. */
export function importedCountsText(counts: Readonly<Record<string, number>>): string {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([what, n]) => `${what} ${n.toLocaleString('en-US')} 件`)
    .join('、');
}

const KIND_WORD: Record<ImportedFileKind, string> = { excel: '文件', 迁移包: '迁移包' };

/** “此文件已于 2026-12-06 14:32 由 张文书 导入（收文 1,234 件），未重复导入” (local time). */
export function alreadyImportedMessage(row: Pick<ImportedFileRecord, 'kind' | 'at' | 'byName' | 'summary'>): string {
  return `此${KIND_WORD[row.kind]}已于 ${formatLocalDateTime(row.at)} 由 ${row.byName} 导入${row.summary ? `（${row.summary}）` : ''}，未重复导入`;
}

/**
 * What the record of imported files keys a legacy register by: the file's SHA-256 with the sheet's
 * name (a workbook of one sheet per year is imported a sheet at a time; each sheet once).
 */
export function sheetFileKey(fileSha256: string, sheet: string): string {
  return bytesToHex(sha256(utf8ToBytes(`wenshu/excel-sheet/v1\u0000${fileSha256}\u0000${sheet}`)));
}
