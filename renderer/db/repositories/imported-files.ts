import { alreadyImportedMessage, importedCountsText, SHA256_HEX, type ImportedFileKind, type ImportedFileRecord } from '@shared/domain/imported-files';
import { RuleError } from '@shared/domain/rule-error';
import { authorize } from '../authorize';
import type { CommandContext } from '../commands/define';
import type { WenshuDB } from '../database';
import type { Actor } from '../types';

// The record of imported files (issue #20), shared by the legacy Excel import (incoming.import)
// and the 迁移包 import. An import command declares 'importedFiles' in its tables and, inside its
// transaction: refuseIfImported() before it writes anything, recordImportedFile() once everything
// is written. Both in the one transaction, so two windows importing the same file cannot both
// pass, and a cancelled or failed import (rolled back) leaves no record.

/** The record of that file, or undefined. Inside a command: only with 'importedFiles' in its tables. */
export async function findImportedFile(db: WenshuDB, sha256: string, kind: ImportedFileKind): Promise<ImportedFileRecord | undefined> {
  if (!SHA256_HEX.test(sha256)) return undefined;
  // A database still below v13 (migration tests) has no record of files.
  if (!db.tables.some((t) => t.name === 'importedFiles')) return undefined;
  return db.importedFiles.get([sha256, kind]);
}

/** Throws the office's message (“此文件已于 … 由 … 导入（…），未重复导入”) when the file was imported before. */
export async function refuseIfImported(db: WenshuDB, sha256: string, kind: ImportedFileKind): Promise<void> {
  const earlier = await findImportedFile(db, sha256, kind);
  if (earlier) throw new RuleError(alreadyImportedMessage(earlier));
}

/** What an import records of its file; who and when come from the command. */
export interface ImportedFileInput {
  sha256: string;
  kind: ImportedFileKind;
  fileName: string;
  /** { 收文: 1234 } … (the summary is made from it). */
  counts: Record<string, number>;
  packageId?: string;
}

/**
 * Records the file as imported, inside the import command (after its rows are written): the
 * command's actor, time and id. Refuses (rolling the import back) if the file is already recorded.
 */
export async function recordImportedFile(ctx: CommandContext<'importedFiles'>, input: ImportedFileInput): Promise<ImportedFileRecord> {
  if (!SHA256_HEX.test(input.sha256)) throw new RuleError('内部错误：文件校验值无效');
  await refuseIfImported(ctx.db, input.sha256, input.kind);
  const row: ImportedFileRecord = {
    sha256: input.sha256,
    kind: input.kind,
    at: ctx.now.toISOString(),
    byId: ctx.actor.id,
    byName: ctx.actor.displayName,
    fileName: input.fileName,
    counts: input.counts,
    summary: importedCountsText(input.counts),
    ...(input.packageId ? { packageId: input.packageId } : {}),
    commandId: ctx.commandId,
  };
  await ctx.add('importedFiles', row);
  return row;
}

/** For the Excel import wizard's file step: the record of this legacy register file, if it was imported. */
export async function importedExcelFile(db: WenshuDB, actor: Actor, sha256: string): Promise<ImportedFileRecord | undefined> {
  await authorize(db, actor, 'incoming.process');
  return findImportedFile(db, sha256, 'excel');
}
