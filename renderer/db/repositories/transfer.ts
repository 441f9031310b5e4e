import { version as APP_VERSION } from '../../../package.json';
import { isClassified, type Classification } from '@shared/domain/enums';
import { MASK } from '@shared/domain/need-to-know';
import { can, requirePermission } from '@shared/domain/permissions';
import { cleanLine } from '@shared/domain/text';
import {
  describePackageProblem,
  MAX_TRANSFER_RECORDS,
  newTransferPassphrase,
  normalizeTransferPassphrase,
  TRANSFER_FORMAT,
  TRANSFER_VERSION,
  transferPackageSchema,
  type ClassifiedMode,
  type TransferItems,
  type TransferKind,
  type TransferMeta,
  type TransferPackage,
  type TransferPurpose,
  TRANSFER_PURPOSES,
  purposeOf,
} from '@shared/domain/transfer';
import { authorize } from '../authorize';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { formatSize } from '@shared/domain/attachment';
import { ATTACHMENT_OWNER_KINDS, ATTACHMENT_ROLES, ATTACHMENT_TYPES, type AttachmentMeta, type AttachmentMime } from '@shared/domain/attachment-types';
import {
  BackupFileError,
  bytesSource,
  checksum,
  concat,
  decodeFrame,
  decodeRawFrame,
  deriveKey,
  encodeFrame,
  encodeHeader,
  encodeRawFrame,
  encodeTrailer,
  newFileId,
  newKdfParams,
  parseBackupSource,
  TRANSFER_FILE,
  type ByteSource,
  type ParsedBackup,
} from '@shared/backup-format';
import { storeAttachmentChunks } from './attachments';
import { peekedNumbers, planWithArchive, takenNumbers, TRANSFER_ROW_STATUSES, type PlannedRecord, type TransferDecisions, type TransferRowStatus } from './transfer-plan';
import { userLookup } from './carriers';
import { findImportedFile, recordImportedFile, refuseIfImported } from './imported-files';
import { peopleCandidates } from './transfer-people';
import { alreadyImportedMessage } from '@shared/domain/imported-files';
import { receivedIdOf } from '@shared/domain/transfer-receive';
import { mappingProblem, peopleOf, suggestMapping, unconfirmedPeople, type PackagePerson, type PeopleCandidates, type PeopleMapping } from '@shared/domain/transfer-people';
import { packageCopyApproval } from '@shared/domain/carrier';
import { storedFileChunks } from '../backup/backup';
import { IntegrityError } from '../at-rest/keyring';
import type { WenshuDB } from '../database';
import type { ArchiveRecord } from '@shared/domain/filing-types';
import { newId } from '../ids';
import { raiseCounter } from '../numbering';
import { filingSeries, formatArchiveCode } from '@shared/domain/filing';
import { CURRENT_SCHEMA_VERSION } from '../schema';
import type { Actor } from '../types';
import type { AuditSink } from '../write';
import { z } from 'zod';
import { defineCommand } from '../commands/define';
import { runCommand } from '../commands/execute';
import { getUnitInfo } from './settings';
import { RuleError } from '@shared/domain/rule-error';
import { auditLabel, registerOf, REGISTERS, viewFor, type AnyRegister, type RegisterRow } from '@shared/domain/registers';
import { putRegisterRow, registerFacets, registerPage, registerTable, registerTableNames, registerTables, registryInput, type RegisterFilter } from '../registers';

// 迁移包 (issue #6): selected records carried to another Wenshu installation in an encrypted file
// (the backup container under its own magic), opened there with a one-time passphrase the sender
// passes by phone or in person. The sender puts in only what they may see in full, and only a
// 保密员 puts in classified records; each classified record whose register tracks custody (涉密载体)
// is booked as 复制 (an electronic copy) or 移交 (custody passes) on the record. The receiver
// previews, then imports: records carry their ids, so one already here is left exactly as it is,
// and a second import of the same package changes no record. Both sides log the transfer.
//
// Every register of the registry (shared/domain/registers/) travels the same way: the package's
// items are keyed by descriptor kind, each record is checked by its descriptor's schema, and what
// is particular to a register (its companions, its custody rules) is a hook of its descriptor.
// Each function takes the registry as its last parameter (tests pass one with an extra register).
//
// Export is two steps so that a cancelled save logs nothing: buildTransferPackage reads and
// encrypts (no write), the caller saves the bytes, then recordOutput (kind 迁移包) writes the audit
// entries and the custody lines (复制/移交) in one transaction.

/** Ids per register kind (a kind left out: none of that register). */
export type TransferSelection = Partial<Record<TransferKind, string[]>>;

/** Rows per frame of the file (a page compresses well and keeps each frame small). */
const ROWS_PER_FRAME = 500;

type TransferFrame =
  | { kind: 'start'; meta: TransferMeta }
  | { kind: 'rows'; table: TransferKind; rows: unknown[] }
  /** An attached file of a record in the package (issue #17): its chunks are the next meta.chunkCount frames, raw. */
  | { kind: 'attachment'; meta: AttachmentMeta }
  /** 归档文件目录 entries of the package's filed records (issue #20; 本单位其他计算机 only). */
  | { kind: 'archive'; rows: unknown[] }
  | { kind: 'end'; packageId: string; counts: Record<TransferKind, number>; attachments?: TransferFiles; archive?: number };

/** Attached files in a package: how many, and their bytes together. */
export interface TransferFiles {
  files: number;
  bytes: number;
}

/** Where the bytes of a package go (a file written through the platform, or memory). */
export interface TransferSink {
  write(bytes: Uint8Array): Promise<void>;
}

const filesOf = (metas: readonly AttachmentMeta[]): TransferFiles => ({ files: metas.length, bytes: metas.reduce((n, a) => n + a.size, 0) });

const perKind = <T>(registers: readonly AnyRegister[], f: (d: AnyRegister) => T): Record<TransferKind, T> => Object.fromEntries(registers.map((d) => [d.kind, f(d)]));

const emptyCounts = (registers: readonly AnyRegister[]): Record<TransferKind, number> => perKind(registers, () => 0);

function countsOf(items: TransferItems, registers: readonly AnyRegister[]): Record<TransferKind, number> {
  return perKind(registers, (d) => items[d.kind]?.length ?? 0);
}

/** '收文 3、涉密载体 1' (registers with nothing left out). */
export function describeCounts(counts: Partial<Record<TransferKind, number>>, registers: readonly AnyRegister[] = REGISTERS): string {
  const parts = registers.filter((d) => (counts[d.kind] ?? 0) > 0).map((d) => `${d.label} ${counts[d.kind]}`);
  return parts.length ? parts.join('、') : '无记录';
}

// --- how records are named (never by a classified title) ---------------------------------------

/** The register of a 迁移包 kind in `registers` (the package's keys are the registry's kinds). */
function reg(kind: TransferKind, registers: readonly AnyRegister[]): AnyRegister {
  const d = registerOf(kind, registers);
  if (!d) throw new RuleError(`未知的登记簿：${kind}`);
  return d;
}

/** '收文 收〔2026〕0001《…》', '涉密载体 载〔2026〕0001【机密】份号000001': the one audit label with its register. */
function recordLabel(d: AnyRegister, r: RegisterRow): string {
  return `${d.entityType} ${auditLabel(d, r)}`;
}

// --- choosing what goes in ----------------------------------------------------------------------

/** A row of the export screen's lists: what the sender sees, and whether it may go in a package. */
export interface TransferCandidate {
  id: string;
  /** 编号 (收文编号, 载体编号 + 份号, 纪要编号 or meeting day, 督办编号) */
  number: string;
  /** 标题 / 名称 / 会议名称 / 事项内容; masked outside the need to know. */
  title: string;
  classification: Classification;
  state: string;
  /** Null when it may go in; else why not, in words for the sender. */
  refusal: string | null;
}

const NOT_YOURS = '不在您的知悉范围内';
const OFFICER_ONLY = '涉密记录只能由保密员放入迁移包';

/**
 * Why `r` may not go in a package: the sender must see it in full; a classified one goes only by
 * the 保密员, and by its register's custody rules (a lent carrier cannot leave) when it has them.
 */
function refusalOf(actor: Actor, d: AnyRegister, r: RegisterRow, mode: ClassifiedMode | undefined, purpose?: TransferPurpose): string | null {
  if (!d.canSee(actor, r)) return NOT_YOURS;
  if (purpose === '送往其他单位') {
    // There it arrives as the receiver's incoming material: only what another unit can receive.
    const why = d.transfer.receive ? d.transfer.receive.refusal(r) : `${d.label}不能送往其他单位（只送收文、已签发的纪要和涉密载体）`;
    if (why) return why;
  }
  if (!isClassified(d.classification(r))) return null;
  if (!can(actor, 'classified.manage')) return OFFICER_ONLY;
  return d.transfer.custody ? d.transfer.custody.refusal(r, mode ?? '复制', actor) : null;
}

/** Whether `r` is booked out (复制/移交) when it leaves: a classified record of a register that tracks custody. */
function custodyTracked(d: AnyRegister, r: RegisterRow): boolean {
  return d.transfer.custody !== null && isClassified(d.classification(r));
}

/** The records of one register the export screen lists, a page at a time, with the search typed (masked outside the need to know). */
export async function transferCandidates(
  db: WenshuDB,
  actor: Actor,
  kind: TransferKind,
  q: { search?: string; offset: number; limit: number; where?: RegisterFilter; purpose?: TransferPurpose },
  _today: string,
  registers: readonly AnyRegister[] = REGISTERS,
): Promise<{ rows: TransferCandidate[]; total: number }> {
  actor = await authorize(db, actor, 'records.read');
  const d = reg(kind, registers);
  const page = await registerPage(db, actor, d, { text: q.search?.trim() ?? '', offset: q.offset, limit: q.limit, ...(q.where ? { where: q.where } : {}) });
  return {
    total: page.total,
    rows: page.rows.map((row) => {
      const { canSeeContent } = viewFor(d, actor, row);
      return {
        id: row.id,
        number: d.number(row),
        title: canSeeContent ? d.title(row) : MASK,
        classification: d.classification(row),
        state: d.state(row),
        refusal: canSeeContent ? refusalOf(actor, d, row, undefined, q.purpose) : NOT_YOURS,
      };
    }),
  };
}

/** The 状态 and 年度 in use in one register: the 迁移包 list's filter choices. */
export async function transferFacets(db: WenshuDB, actor: Actor, kind: TransferKind, registers: readonly AnyRegister[] = REGISTERS): Promise<{ states: string[]; years: number[] }> {
  await authorize(db, actor, 'records.read');
  return registerFacets(db, reg(kind, registers));
}

// --- export ------------------------------------------------------------------------------------

/** What the sender's audit entries need to know of a package once its file is saved. */
export interface TransferManifest {
  meta: TransferMeta;
  counts: Record<TransferKind, number>;
  ids: Record<TransferKind, string[]>;
  /** Classified records in the package, named without titles (for the log). */
  classifiedLabels: string[];
  /** Per register, the records booked out (复制 or 移交 line) once the file is saved: classified carriers. */
  custody: Record<TransferKind, string[]>;
  /** Per register, the records put in because another chosen record brings them (a 收文's carriers). */
  added: Record<TransferKind, string[]>;
  /** The records' attached files in the package (issue #17). */
  attachments?: TransferFiles;
  /** SHA-256 of the package's file, as written (both sides' logs name it; the receiver recognises a second import by it). */
  sha256: string;
}

export interface PreparedTransfer {
  bytes: Uint8Array;
  /** Shown once to the sender; never stored. */
  passphrase: string;
  manifest: TransferManifest;
}

export interface TransferExportOptions {
  /** 接收单位 */
  recipient: string;
  /** 送往其他单位 or 本单位其他计算机 (issue #20): asked every time, never assumed. */
  purpose?: TransferPurpose;
  /** Required when the package holds a classified carrier (or a classified 收文 with its carriers). */
  classifiedMode?: ClassifiedMode;
  /** A 复制's approver (安全保密管理员), when a 机密/秘密 carrier is copied into the package. */
  copyApprover?: { userId: string; name: string };
  /** The originating office's 批准文号, when a 绝密 carrier is copied into the package. */
  copyReference?: string;
}

/**
 * Reads the chosen records, checks each (the sender must see it in full; classified only for the
 * 保密员; a classified carrier must be in a state that allows 复制/移交), and encrypts them into
 * a package under a new one-time passphrase. Writes nothing: the caller saves the file, then
 * calls recordOutput (kind 迁移包). A record brings its companions (a classified 收文 its carriers
 * still kept here).
 */
export async function buildTransferPackage(
  db: WenshuDB,
  actor: Actor,
  selection: TransferSelection,
  opts: TransferExportOptions,
  now = new Date(),
  registers: readonly AnyRegister[] = REGISTERS,
): Promise<PreparedTransfer> {
  const parts: Uint8Array[] = [];
  const written = await writeTransferPackage(db, actor, selection, opts, { write: async (b) => void parts.push(b) }, now, registers);
  return { ...written, bytes: concat(parts) };
}

/**
 * buildTransferPackage into `sink` a frame at a time (the desktop writes it straight to the file
 * the sender chose): attached files go a chunk at a time, so a package of scans costs one chunk
 * of memory, not the package. A failure part-way leaves the sink to be dropped by the caller.
 */
export async function writeTransferPackage(
  db: WenshuDB,
  actor: Actor,
  selection: TransferSelection,
  opts: TransferExportOptions,
  sink: TransferSink,
  now = new Date(),
  registers: readonly AnyRegister[] = REGISTERS,
): Promise<Omit<PreparedTransfer, 'bytes'>> {
  actor = await authorize(db, actor, 'records.read');
  const purpose = opts.purpose;
  if (!purpose || !TRANSFER_PURPOSES.includes(purpose)) throw RuleError.at('purpose', '请选择迁移包的用途：送往其他单位，或本单位其他计算机');
  const recipient = cleanLine(opts.recipient);
  if (!recipient) throw RuleError.at('recipient', '请填写接收单位');
  if (Array.from(recipient).length > 100) throw RuleError.at('recipient', '接收单位不能超过 100 个字');
  for (const kind of Object.keys(selection)) reg(kind, registers);
  const wanted = perKind(registers, (d) => [...new Set(selection[d.kind] ?? [])]);
  if (registers.every((d) => wanted[d.kind]!.length === 0)) throw new RuleError('请至少选择一条记录');
  for (const d of registers) {
    if (wanted[d.kind]!.length > MAX_TRANSFER_RECORDS) throw new RuleError(`一个迁移包最多放 ${MAX_TRANSFER_RECORDS} 条${d.label}`);
  }

  // One read transaction: the package is a consistent snapshot.
  const { items, added, broughtBy, attachments, archive } = await db.transaction('r', [...registerTables(db, registers), db.attachments, db.archive], async () => {
    const items: TransferItems = {};
    for (const d of registers) {
      const rows = await registerTable(db, d).bulkGet(wanted[d.kind]!);
      if (rows.some((r) => !r)) throw new RuleError(`所选的${d.label}已不存在，请刷新后重新选择`);
      items[d.kind] = rows as RegisterRow[];
    }
    // Companions (a classified 收文's carriers) go with the record that brings them, when they still go.
    const added = perKind(registers, (): string[] => []);
    const broughtBy = new Map<string, string>();
    for (const d of registers) {
      const companions = d.transfer.companions;
      if (!companions) continue;
      for (const r of items[d.kind]!) {
        const { kind, ids } = companions(r);
        const target = registerOf(kind, registers);
        if (!target) continue;
        const have = new Set(items[kind]!.map((x) => x.id));
        const fresh = [...new Set(ids)].filter((id) => !have.has(id));
        const rows = (await registerTable(db, target).bulkGet(fresh)).filter((x): x is RegisterRow => !!x && (target.transfer.goesAlong?.(x) ?? true));
        items[kind]!.push(...rows);
        added[kind]!.push(...rows.map((x) => x.id));
        for (const x of rows) broughtBy.set(`${kind}|${x.id}`, `${d.entityType} ${d.number(r)}`);
      }
    }
    // Each record's attached files as they are now (a removed one stays behind), oldest first.
    const attachments: AttachmentMeta[] = [];
    for (const d of registers) {
      if (!(ATTACHMENT_OWNER_KINDS as readonly string[]).includes(d.kind)) continue;
      for (const r of items[d.kind]!) {
        const own = await db.attachments.where('[ownerKind+ownerId]').equals([d.kind, r.id]).toArray();
        attachments.push(...own.filter((a) => !a.removed).sort((a, b) => a.addedAt.localeCompare(b.addedAt) || a.id.localeCompare(b.id)));
      }
    }
    // To another PC of the office a filed record goes with its 档号 and its 归档文件目录 entry;
    // another unit receives it as a 收文 to handle (no entry of ours).
    const filedIds = registers.filter((d) => d.filing).flatMap((d) => items[d.kind]!.filter((r) => (r as { filed?: unknown }).filed).map((r) => r.id));
    const archive = purpose === '本单位其他计算机' && filedIds.length ? await db.archive.where('recordId').anyOf(filedIds).toArray() : [];
    return { items, added, broughtBy, attachments, archive };
  });

  const tracked = registers.flatMap((d) => items[d.kind]!.filter((r) => custodyTracked(d, r)).map((r) => ({ d, r })));
  const mode = tracked.length ? opts.classifiedMode : undefined;
  const refusals: string[] = [];
  for (const d of registers) {
    for (const r of items[d.kind]!) {
      const why = refusalOf(actor, d, r, mode, purpose);
      const by = broughtBy.get(`${d.kind}|${r.id}`);
      if (why) refusals.push(`${recordLabel(d, r)}${by ? `（随${by}）` : ''}：${why}`);
    }
  }
  if (refusals.length) throw new RuleError(`不能放入迁移包：${refusals.slice(0, 5).join('；')}${refusals.length > 5 ? ` 等 ${refusals.length} 条` : ''}`);
  if (tracked.length && !mode) {
    const labels = [...new Set(tracked.map((t) => t.d.label))].join('、');
    throw RuleError.at('classifiedMode', `迁移包含${labels}：请选择按“复制”还是“移交”登记`);
  }
  // A 复制 needs the approval the carrier rules need (issue #20), checked against the accounts now.
  const copyApproval =
    mode === '复制'
      ? packageCopyApproval(
          tracked.map((t) => t.d.classification(t.r)),
          { ...(opts.copyApprover ? { approver: opts.copyApprover } : {}), ...(opts.copyReference ? { reference: opts.copyReference } : {}) },
          await userLookup(db),
        )
      : undefined;

  const unit = await getUnitInfo(db);
  const meta: TransferMeta = {
    format: TRANSFER_FORMAT,
    version: TRANSFER_VERSION,
    packageId: newId(),
    createdAt: now.toISOString(),
    sender: { unitName: unit?.name ?? '', ...(unit?.fondsCode ? { fondsCode: unit.fondsCode } : {}), userName: actor.displayName || actor.username },
    recipient,
    appVersion: APP_VERSION,
    schemaVersion: db.verno,
    purpose,
    ...(mode ? { classifiedMode: mode } : {}),
    ...(copyApproval ? { copyApproval } : {}),
  };
  const passphrase = newTransferPassphrase();
  const sha256 = await encodePackage(db, meta, items, attachments, passphrase, registers, sink, archive);
  const classifiedLabels = registers.flatMap((d) => items[d.kind]!.filter((r) => isClassified(d.classification(r))).map((r) => recordLabel(d, r)));
  return {
    passphrase,
    manifest: {
      meta,
      counts: countsOf(items, registers),
      ids: perKind(registers, (d) => items[d.kind]!.map((r) => r.id)),
      classifiedLabels,
      custody: perKind(registers, (d) => tracked.filter((t) => t.d === d).map((t) => t.r.id)),
      added,
      sha256,
      ...(attachments.length ? { attachments: filesOf(attachments) } : {}),
    },
  };
}

async function encodePackage(
  db: WenshuDB,
  meta: TransferMeta,
  items: TransferItems,
  attachments: readonly AttachmentMeta[],
  passphrase: string,
  registers: readonly AnyRegister[],
  sink: TransferSink,
  archive: readonly ArchiveRecord[] = [],
): Promise<string> {
  const kdf = newKdfParams();
  const key = await deriveKey(normalizeTransferPassphrase(passphrase), kdf);
  const header = encodeHeader({ format: TRANSFER_FILE.format, fileId: newFileId(), kdf }, TRANSFER_FILE);
  const sum = checksum();
  const out = async (bytes: Uint8Array) => {
    sum.update(bytes);
    await sink.write(bytes);
  };
  await out(header.bytes);
  let index = 0;
  const frame = async (value: TransferFrame, last = false) => out(await encodeFrame(key, header.tag, index++, last, value, TRANSFER_FILE));
  await frame({ kind: 'start', meta });
  for (const d of registers) {
    const rows = items[d.kind] ?? [];
    for (let i = 0; i < rows.length; i += ROWS_PER_FRAME) await frame({ kind: 'rows', table: d.kind, rows: rows.slice(i, i + ROWS_PER_FRAME) });
  }
  for (let i = 0; i < archive.length; i += ROWS_PER_FRAME) await frame({ kind: 'archive', rows: archive.slice(i, i + ROWS_PER_FRAME) });
  // The files after the records, each announced by its record of the file, then its chunks.
  for (const a of attachments) {
    await frame({ kind: 'attachment', meta: a });
    for await (const chunk of storedFileChunks(db, a, '迁移包未生成')) await out(await encodeRawFrame(key, header.tag, index++, false, chunk, TRANSFER_FILE));
  }
  await frame({ kind: 'end', packageId: meta.packageId, counts: countsOf(items, registers), ...(attachments.length ? { attachments: filesOf(attachments) } : {}), ...(archive.length ? { archive: archive.length } : {}) }, true);
  // The file's SHA-256 (what both sides' logs name): the trailer's checksum, then the trailer itself.
  const whole = sum.clone();
  const trailer = encodeTrailer(sum.digest());
  const fileHash = bytesToHex(whole.update(trailer).digest());
  await sink.write(trailer);
  return fileHash;
}


// --- opening and previewing --------------------------------------------------------------------

export interface OpenedTransfer {
  package: TransferPackage;
  /** SHA-256 of the package's file (issue #20: both sides' logs name it). */
  sha256: string;
  /** The file's name, when the source says it. */
  fileName?: string;
  /** The records' attached files (issue #17), each checked against its SHA-256 when the package was opened. */
  attachments?: TransferAttachment[];
  /** Where the files' chunks are read again on import (the package's file, read and decrypted a frame at a time). */
  source?: { file: ByteSource; parsed: ParsedBackup; key: CryptoKey };
}

/** One attached file in an opened package: its record, and the frame its chunks follow. */
export interface TransferAttachment {
  meta: AttachmentMeta;
  /** Index of its 'attachment' frame; chunk n is frame at + 1 + n. */
  at: number;
}

const NOT_COMPLETE = '迁移包内容不完整或已被改动，不能导入';

/**
 * Checks the file (its kind, checksum, passphrase, every frame) and every record in it. A backup
 * file, a damaged or cut-short file, a wrong passphrase, a package from a newer Wenshu or one
 * whose content does not check out are refused with a message saying which.
 */
export async function openTransferPackage(input: Uint8Array | ByteSource, passphrase: string, registers: readonly AnyRegister[] = REGISTERS): Promise<OpenedTransfer> {
  const typed = normalizeTransferPassphrase(passphrase);
  if (!typed) throw RuleError.at('passphrase', '请输入口令');
  // Read by range (the platform's openFileForReading): a package of scans never sits in memory whole.
  const file = input instanceof Uint8Array ? bytesSource(input) : input;
  const parsed = await parseBackupSource(file, TRANSFER_FILE);
  const key = await deriveKey(typed, parsed.header.kdf);
  // Record frames decoded; a file's chunks are decrypted and hashed one at a time, then dropped
  // (read again on import): the package's files never sit in memory decrypted.
  const frames: TransferFrame[] = [];
  const attachments: TransferAttachment[] = [];
  for (let i = 0; i < parsed.frames.length; i++) {
    const f = await decodeFrame<TransferFrame>(file, parsed, key, i);
    if (f?.kind === 'attachment') {
      const checkedMeta = transferAttachmentSchema.safeParse(f.meta);
      if (!checkedMeta.success || i + checkedMeta.data.chunkCount >= parsed.frames.length - 1) throw new BackupFileError(NOT_COMPLETE);
      const meta = checkedMeta.data as AttachmentMeta;
      attachments.push({ meta, at: i });
      await drain(attachmentChunks({ file, parsed, key }, { meta, at: i }));
      i += meta.chunkCount;
      continue;
    }
    frames.push(f);
  }
  const start = frames[0]!;
  const end = frames[frames.length - 1]!;
  if (start.kind !== 'start' || end.kind !== 'end' || typeof start.meta !== 'object' || start.meta === null) throw new BackupFileError(NOT_COMPLETE);
  const meta = start.meta as Partial<TransferMeta>;
  if (meta.format !== TRANSFER_FORMAT) throw new BackupFileError(TRANSFER_FILE.words.notThisKind);
  if (typeof meta.version === 'number' && meta.version > TRANSFER_VERSION) throw new BackupFileError(TRANSFER_FILE.words.newer(meta.version));
  if (typeof meta.schemaVersion === 'number' && meta.schemaVersion > CURRENT_SCHEMA_VERSION) {
    throw new BackupFileError(`此迁移包由较新版本的文枢（${String(meta.appVersion ?? '')}，数据版本 ${meta.schemaVersion}）生成，本程序的数据版本为 ${CURRENT_SCHEMA_VERSION}，请先升级文枢再导入`);
  }
  // Every register known here has a list (a package from before a register existed has none of its records).
  const items: Record<TransferKind, unknown[]> = perKind(registers, (): unknown[] => []);
  const archive: unknown[] = [];
  for (const f of frames.slice(1, -1)) {
    if (f.kind === 'archive' && Array.isArray(f.rows)) {
      archive.push(...f.rows);
      continue;
    }
    if (f.kind !== 'rows' || typeof f.table !== 'string' || !Array.isArray(f.rows)) throw new BackupFileError(NOT_COMPLETE);
    const d = registerOf(f.table, registers);
    if (!d) throw new BackupFileError(`迁移包中有本程序不认识的记录类别（${f.table}），迁移包可能由较新版本的文枢生成，请升级后再导入`);
    if (items[d.kind]!.length + f.rows.length > MAX_TRANSFER_RECORDS) throw new BackupFileError(`迁移包中的${d.label}超过 ${MAX_TRANSFER_RECORDS} 条，不能导入`);
    items[d.kind]!.push(...f.rows);
  }
  const counts: Record<string, unknown> = typeof end.counts === 'object' && end.counts !== null ? end.counts : {};
  const countsAgree = registers.every((d) => (counts[d.kind] ?? 0) === items[d.kind]!.length) && Object.keys(counts).every((k) => registerOf(k, registers) || counts[k] === 0);
  const files = filesOf(attachments.map((a) => a.meta));
  const filesAgree = (end.attachments?.files ?? 0) === files.files && (end.attachments?.bytes ?? 0) === files.bytes;
  if (end.packageId !== meta.packageId || !countsAgree || !filesAgree || (end.archive ?? 0) !== archive.length) throw new BackupFileError(NOT_COMPLETE);
  const checked = transferPackageSchema(registers).safeParse({ ...meta, items, ...(archive.length ? { archive } : {}) });
  if (!checked.success) throw new BackupFileError(describePackageProblem(checked.error, registers, items));
  // Every catalogue entry is the one of a filed record of the package (its kind, its 档号), once; and
  // only another PC of the office receives entries (another unit files what it receives itself).
  const filedHere = new Map<string, { kind: string; code: unknown }>();
  for (const d of registers) {
    if (!d.filing) continue;
    for (const r of checked.data.items[d.kind] ?? []) filedHere.set(r.id, { kind: d.filing.kind, code: (r as { filed?: { archiveCode?: unknown } }).filed?.archiveCode });
  }
  const entryIds = new Set<string>();
  const entries = checked.data.archive ?? [];
  if (entries.length && purposeOf(checked.data) !== '本单位其他计算机') throw new BackupFileError(NOT_COMPLETE);
  for (const e of entries) {
    const rec = filedHere.get(e.recordId);
    // The 档号 is made of the entry's parts (a crafted 件号 cannot raise a counter behind a real-looking code).
    const code = (() => {
      try {
        return formatArchiveCode(e);
      } catch {
        return null;
      }
    })();
    if (!rec || rec.kind !== e.kind || rec.code !== e.archiveCode || code !== e.archiveCode || entryIds.has(e.id)) throw new BackupFileError(NOT_COMPLETE);
    entryIds.add(e.id);
  }
  // Every file belongs to a record of the package, once.
  const ids = new Set<string>();
  for (const { meta: a } of attachments) {
    const owner = checked.data.items[a.ownerKind]?.find((r) => r.id === a.ownerId);
    if (!owner || ids.has(a.id)) throw new BackupFileError(NOT_COMPLETE);
    ids.add(a.id);
  }
  const fileName = (input as { name?: unknown }).name;
  return { package: checked.data, sha256: parsed.fileSha256, ...(typeof fileName === 'string' ? { fileName } : {}), attachments, source: { file, parsed, key } };
}

/** An attached file's record as a package may carry it (the file comes from outside: bounded, typed). */
const transferAttachmentSchema = z.strictObject({
  id: z.string().min(1).max(100),
  ownerKind: z.enum(ATTACHMENT_OWNER_KINDS),
  ownerId: z.string().min(1).max(100),
  role: z.enum(ATTACHMENT_ROLES),
  name: z.string().min(1).max(255).overwrite((v) => cleanLine(v)),
  type: z.enum(Object.keys(ATTACHMENT_TYPES) as [AttachmentMime, ...AttachmentMime[]]),
  size: z.number().int().min(0).max(2 ** 40),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  addedBy: z.strictObject({ id: z.string().max(100), name: z.string().max(100) }),
  addedAt: z.string().min(1).max(40),
  chunkSize: z.number().int().positive().max(64 * 1024 * 1024),
  chunkCount: z.number().int().min(0).max(1_000_000),
  removed: z.strictObject({ by: z.strictObject({ id: z.string().max(100), name: z.string().max(100) }), at: z.string().max(40), reason: z.string().max(1000) }).optional(),
}).refine((a) => a.chunkCount === Math.ceil(a.size / a.chunkSize));
// (A file of 0 bytes has 0 chunks: Math.ceil(0) is 0.)

async function drain(chunks: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const _ of chunks) {
    // hashed by attachmentChunks
  }
}

/**
 * An attached file's plain chunks from an opened package, in order, decrypted one at a time; the
 * last is followed by the check of the whole file's size and SHA-256 against its record (a
 * mismatch throws, naming the file).
 */
export async function* attachmentChunks(source: NonNullable<OpenedTransfer['source']>, a: TransferAttachment): AsyncGenerator<Uint8Array> {
  const hash = sha256.create();
  let size = 0;
  for (let n = 0; n < a.meta.chunkCount; n++) {
    const plain = await decodeRawFrame(source.file, source.parsed, source.key, a.at + 1 + n);
    if (plain.byteLength > a.meta.chunkSize) throw new BackupFileError(NOT_COMPLETE);
    hash.update(plain);
    size += plain.byteLength;
    yield plain;
  }
  if (size !== a.meta.size || bytesToHex(hash.digest()) !== a.meta.sha256) throw new BackupFileError(`迁移包中的附件“${a.meta.name}”校验值（SHA-256）不符，文件已损坏或被改动，不能导入`);
}

export { TRANSFER_ROW_STATUSES, type TransferRowStatus, type TransferDecisions } from './transfer-plan';

export interface TransferPreviewRow {
  kind: TransferKind;
  id: string;
  /** The record's number here: as sent, or the one it will get (新增 renumbered, 送往其他单位). */
  number: string;
  /** The number it had at the sender, when it gets another here. */
  renumberedFrom?: string;
  /** Masked (【涉密】) when the person importing may not see it. */
  title: string;
  classification: Classification;
  status: TransferRowStatus;
  /** An offered 更新 the importer accepted. */
  accepted?: boolean;
  /** Why it is not taken (不接收, or why an update cannot be offered). */
  why?: string;
  /** Names a person whose counterpart here is not confirmed yet (需确认). */
  needsPeople?: boolean;
}

export interface TransferPreview {
  meta: TransferMeta;
  purpose: TransferPurpose;
  /** SHA-256 of the package's file. */
  sha256: string;
  counts: Record<TransferKind, number>;
  /** What an import now would add, per register here. */
  toAdd: Record<TransferKind, number>;
  byStatus: Record<TransferRowStatus, number>;
  rows: TransferPreviewRow[];
  /** The attached files in the package and what an import now would do with them (issue #17). */
  files: TransferFilesPreview;
  /** Said when this very file was imported here before (nothing would be imported again). */
  alreadyImported?: string;
  /** The people named on the records, the suggested counterparts here, and how many are still 需确认. */
  people: { persons: PackagePerson[]; suggested: PeopleMapping; unconfirmed: number };
  /** 归档文件目录 entries of filed records (本单位其他计算机): how many, how many come in, the 档号 held here by other entries. */
  archive: { total: number; toAdd: number; conflicts: string[] };
}

export const TRANSFER_FILE_STATUSES = ['新增', '已存在（相同）', '已存在（内容不同，不导入）', '所属记录不导入'] as const;
export type TransferFileStatus = (typeof TRANSFER_FILE_STATUSES)[number];

export interface TransferFilesPreview extends TransferFiles {
  /** Files an import now would add, and their bytes. */
  toAdd: TransferFiles;
  byStatus: Record<TransferFileStatus, number>;
}

interface PlannedFile {
  a: TransferAttachment;
  /** The file's record as it is stored here (its owner here; for another unit's, its own id). */
  target: AttachmentMeta;
  status: TransferFileStatus;
}

/**
 * Each attached file of the package against this database: one whose id is here is the same file
 * when its SHA-256 is (left as it is), else not imported; a new one comes with its record when
 * the record is imported or already here unchanged.
 */
async function planFiles(db: WenshuDB, opened: OpenedTransfer, plan: readonly PlannedRecord[]): Promise<PlannedFile[]> {
  const files = opened.attachments ?? [];
  if (!files.length) return [];
  // A file comes with its record when the record is written here (or is here already, unchanged),
  // and belongs to the record as it is here: received from another unit, that is the receiver's own
  // record (another id, maybe another register), so the file gets an id derived from the sender's
  // (a second arrival is found).
  const owners = new Map(plan.map((p) => [`${p.d.kind}|${p.record.id}`, p]));
  const foreign = purposeOf(opened.package) === '送往其他单位';
  const targets = files.map((a): AttachmentMeta => {
    const owner = owners.get(`${a.meta.ownerKind}|${a.meta.ownerId}`);
    if (!foreign || !owner) return a.meta;
    const here = owner.write?.row ?? null;
    const ownerKind = (owner.write?.d.kind ?? owner.d.transfer.receive?.into ?? a.meta.ownerKind) as AttachmentMeta['ownerKind'];
    const ownerId = here?.id ?? owner.d.transfer.receive?.idOf(owner.record) ?? a.meta.ownerId;
    return { ...a.meta, id: receivedIdOf('attachments', a.meta.id), ownerKind, ownerId };
  });
  const here = await db.attachments.bulkGet(targets.map((t) => t.id));
  return files.map((a, i) => {
    const existing = here[i];
    const owner = owners.get(`${a.meta.ownerKind}|${a.meta.ownerId}`);
    let status: TransferFileStatus;
    if (existing) status = existing.sha256 === a.meta.sha256 ? '已存在（相同）' : '已存在（内容不同，不导入）';
    else status = owner && (owner.write?.isNew || owner.status === '已存在（相同）') ? '新增' : '所属记录不导入';
    return { a, target: targets[i]!, status };
  });
}

function filesPreview(opened: OpenedTransfer, planned: readonly PlannedFile[]): TransferFilesPreview {
  const byStatus = Object.fromEntries(TRANSFER_FILE_STATUSES.map((s) => [s, 0])) as Record<TransferFileStatus, number>;
  for (const p of planned) byStatus[p.status] += 1;
  return { ...filesOf((opened.attachments ?? []).map((a) => a.meta)), toAdd: filesOf(planned.filter((p) => p.status === '新增').map((p) => p.a.meta)), byStatus };
}

function previewRow(actor: Actor, p: PlannedRecord): TransferPreviewRow {
  const { d, record: r, status } = p;
  return {
    kind: d.kind,
    id: r.id,
    classification: d.classification(r),
    status,
    number: p.number,
    ...(p.renumberedFrom ? { renumberedFrom: p.renumberedFrom } : {}),
    ...(p.accepted ? { accepted: true } : {}),
    ...(p.why ? { why: p.why } : {}),
    ...(p.needsPeople ? { needsPeople: true } : {}),
    title: d.canSee(actor, r) ? d.title(r) : MASK,
  };
}

const countStatuses = (plan: readonly PlannedRecord[]) => {
  const byStatus = Object.fromEntries(TRANSFER_ROW_STATUSES.map((s) => [s, 0])) as Record<TransferRowStatus, number>;
  for (const p of plan) byStatus[p.status] += 1;
  return byStatus;
};

/**
 * The persons another unit's records bring in the roles the receiver keeps (its receipts' `people`:
 * a carrier's 知悉人); everyone else on them stays in the sender's part, asked about by nobody.
 */
function receivedPeople(items: TransferItems, registers: readonly AnyRegister[]): PackagePerson[] {
  const byKey = new Map<string, PackagePerson>();
  for (const d of registers) {
    const keep = d.transfer.receive?.people ?? [];
    if (keep.length === 0) continue;
    for (const p of peopleOf({ [d.kind]: items[d.kind] ?? [] }, [d])) {
      const roles = p.roles.filter((r) => keep.includes(r.role));
      if (roles.length === 0) continue;
      const have = byKey.get(p.key);
      if (have) have.roles.push(...roles);
      else byKey.set(p.key, { ...p, roles });
    }
  }
  return [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh'));
}

/** The people of a package, and the mapping its records are written with. */
interface PackagePeople {
  persons: PackagePerson[];
  candidates: PeopleCandidates;
  /** The suggestions (those 需确认 left out). */
  suggested: PeopleMapping;
  mapping: PeopleMapping;
  unconfirmed: Set<string>;
}

/**
 * Who is named on the package's records and who they become here: the importer's confirmed
 * mapping when given (checked for an import: every person has a counterpart, each still an active
 * account or 名录 entry), else the suggestions, the rest 需确认 in a preview.
 */
async function packagePeople(db: WenshuDB, actor: Actor, pkg: TransferPackage, registers: readonly AnyRegister[], decisions: TransferDecisions, check: boolean): Promise<PackagePeople> {
  const persons = purposeOf(pkg) === '送往其他单位' ? receivedPeople(pkg.items, registers) : peopleOf(pkg.items, registers);
  const candidates = persons.length ? await peopleCandidates(db, actor) : { accounts: [], directory: [] };
  const suggested = suggestMapping(persons, candidates);
  if (decisions.people) {
    if (check) {
      const problem = mappingProblem(persons, decisions.people, candidates);
      if (problem) throw RuleError.at('people', problem);
    }
    return { persons, candidates, suggested, mapping: decisions.people, unconfirmed: new Set(unconfirmedPeople(persons, decisions.people).map((p) => p.key)) };
  }
  // An import given no mapping (a caller other than the preview) takes the suggestions, anyone
  // else as 外单位人员 (personMap): never an account it was not matched to.
  return { persons, candidates, suggested, mapping: suggested, unconfirmed: check ? new Set() : new Set(unconfirmedPeople(persons, suggested).map((p) => p.key)) };
}

/** The tables a plan reads: every register's, and the attachments. */
const planTables = (db: WenshuDB, registers: readonly AnyRegister[]) => [...registerTables(db, registers), db.attachments, db.counters, db.settings, db.importedFiles, db.archive];

/** What importing `opened` here would do, record by record, masked for the person importing. */
export async function previewTransferPackage(db: WenshuDB, actor: Actor, opened: OpenedTransfer, decisions: TransferDecisions = {}, registers: readonly AnyRegister[] = REGISTERS, now = new Date()): Promise<TransferPreview> {
  actor = await authorize(db, actor, 'records.read');
  const pkg = opened.package;
  const people = await packagePeople(db, actor, pkg, registers, decisions, false);
  const by = { at: now.toISOString(), id: actor.id, name: actor.displayName };
  const { plan, files, earlier, archive } = await db.transaction('r', planTables(db, registers), async () => {
    const { plan, archive } = await planWithArchive({ db, pkg, registers, numbers: peekedNumbers(db), decisions, mapping: people.mapping, unconfirmed: people.unconfirmed, by, now });
    return { plan, files: await planFiles(db, opened, plan), earlier: await findImportedFile(db, opened.sha256, '迁移包'), archive };
  });
  const toAdd = emptyCounts(registers);
  for (const p of plan) if (p.write?.isNew) toAdd[p.write.d.kind]! += 1;
  const { items: _items, ...meta } = pkg;
  return {
    meta,
    purpose: purposeOf(pkg),
    sha256: opened.sha256,
    ...(earlier ? { alreadyImported: alreadyImportedMessage(earlier) } : {}),
    counts: countsOf(pkg.items, registers),
    toAdd,
    byStatus: countStatuses(plan),
    rows: plan.map((p) => previewRow(actor, p)),
    files: filesPreview(opened, files),
    people: { persons: people.persons, suggested: people.suggested, unconfirmed: people.unconfirmed.size },
    archive: { total: archive.length, toAdd: archive.filter((a) => a.status === '新增').length, conflicts: archive.filter((a) => a.status === '档号冲突（不导入）').map((a) => a.entry.archiveCode) },
  };
}

// --- import ------------------------------------------------------------------------------------

export interface TransferImportResult {
  packageId: string;
  added: Record<TransferKind, number>;
  /** Records updated (an offered 更新 the importer accepted). */
  updated: number;
  byStatus: Record<TransferRowStatus, number>;
  /** Attached files added with their records, and their bytes. */
  files: TransferFiles;
}

/**
 * Imports the package in one transaction as planned (transfer-plan.ts): new records written (as
 * sent, renumbered, or registered as this office's incoming material), accepted updates applied,
 * the rest left exactly as they are; the numbering counters raised past every number kept. One
 * audit entry for the package (导入迁移包, or 导入迁移包（无新增） when nothing was written) naming
 * its SHA-256, and one per record written. Each register needs its own right (收文办理, 涉密载体管理,
 * 会议管理, 督办管理), and classified records need the 保密员.
 */
export const importTransferCommand = defineCommand({
  name: 'transfer.import',
  // An opened package was checked record by record against the registry by openTransferPackage.
  input: z.object({
    opened: z.custom<OpenedTransfer>((v) => typeof v === 'object' && v !== null && 'package' in v),
    registers: registryInput,
    decisions: z.custom<TransferDecisions>((v) => typeof v === 'object' && v !== null).optional(),
    /** The package's file name as chosen (for the record of imported files). */
    fileName: z.string().max(260).optional(),
    /** Files whose chunks importTransferPackage has written (sealed) before this transaction, as stored here. */
    staged: z.array(z.custom<AttachmentMeta>((v) => typeof v === 'object' && v !== null && 'id' in v)).optional(),
  }),
  permission: 'records.read',
  tables: ['counters', 'projectionDeltas', 'attachments', 'settings', 'importedFiles', 'archive'],
  moreTables: ({ registers = REGISTERS }) => registerTableNames(registers),
  // The people mapping is checked against the accounts as they are now (one may have been disabled since the preview).
  prepare: async (db, actor, { opened, registers = REGISTERS, decisions = {} }) => ({
    people: await packagePeople(db, actor, opened.package, registers, decisions, true),
  }),
  run: async (ctx, { opened, registers = REGISTERS, decisions = {}, staged = [], fileName }, { people }): Promise<TransferImportResult> => {
    const { db, actor, put, audit, now } = ctx;
    const pkg = opened.package;
    // The same file a second time: nothing is imported, and the person is told when it came in (two windows: checked here).
    await refuseIfImported(db, opened.sha256, '迁移包');
    const by = { at: now.toISOString(), id: actor.id, name: actor.displayName };
    const { plan, archive: archivePlan } = await planWithArchive({ db, pkg, registers, numbers: takenNumbers(db, { put }), decisions, mapping: people.mapping, unconfirmed: people.unconfirmed, by, now });
    const waiting = plan.find((p) => p.needsPeople && p.write);
    if (waiting) throw RuleError.at('people', `请先确认${recordLabel(waiting.d, waiting.record)}上的人员对应本机的哪一位（或标为外单位人员）`);
    // Their bytes were written just before; a file planned now but not then: the data changed in between.
    const ready = new Map(staged.map((a) => [a.id, a]));
    const newFiles = (await planFiles(db, opened, plan)).filter((p) => p.status === '新增').map((p) => ready.get(p.target.id));
    if (newFiles.some((a) => !a)) throw new RuleError('导入期间本机数据有变动，请重新导入此迁移包');
    const writing = plan.filter((p) => p.write !== null);
    for (const d of registers) if (writing.some((p) => p.write!.d === d)) requirePermission(actor, d.transfer.importPermission);
    if (writing.some((p) => isClassified(p.write!.d.classification(p.write!.row)))) requirePermission(actor, 'classified.manage');

    const added = emptyCounts(registers);
    let updated = 0;
    const perRecord: Parameters<AuditSink>[0][] = [];
    const from = `来自 ${pkg.sender.unitName || '（未署单位）'} 迁移包 ${pkg.packageId}`;
    for (const p of writing) {
      const { d, row, isNew } = p.write!;
      await putRegisterRow(db, d, row, isNew);
      if (isNew) added[d.kind]! += 1;
      else updated += 1;
      const n = d.numberKey.counter(row);
      if (n) await raiseCounter(db, n.series, n.year, n.seq, { put });
      // Carriers say how the sender recorded them (复制 or 移交 in their 台账).
      const custody = custodyTracked(p.d, p.record) && pkg.classifiedMode ? `（发送方按${pkg.classifiedMode}登记）` : '';
      const renumbered = p.renumberedFrom ? `；本机已有编号 ${p.renumberedFrom} 的其他记录，重新编号为 ${p.number}，原编号 ${p.renumberedFrom}` : '';
      perRecord.push({
        action: isNew ? d.transfer.importAction : `${d.entityType}更新（迁移包）`,
        entityType: d.entityType,
        entityId: row.id,
        summary: `${d.transfer.importName(row)}，${from}${custody}${renumbered}`,
      });
    }
    // Filed records of another PC of the office come with their 归档文件目录 entries (档号 kept).
    const archiveAdded = archivePlan.filter((a) => a.status === '新增').map((a) => a.entry);
    for (const e of archiveAdded) {
      await put('archive', e);
      await raiseCounter(db, filingSeries(e.orgCode, e.retention), e.year, e.itemNo, { put });
    }
    const archiveRefused = archivePlan.filter((a) => a.status === '档号冲突（不导入）').map((a) => a.entry);
    // The files' records, now that their bytes are in place: the file becomes visible with them.
    const addingFiles = newFiles as AttachmentMeta[];
    for (const a of addingFiles) await put('attachments', a);
    const files = filesOf(addingFiles);
    const byStatus = countStatuses(plan);
    const skipped = plan.filter((p) => p.write === null && p.status !== '已存在（相同）');
    const nothingNew = writing.length === 0;
    audit({
      action: nothingNew ? '导入迁移包（无新增）' : '导入迁移包',
      entityType: '迁移包',
      entityId: pkg.packageId,
      summary: `${from}（${purposeOf(pkg)}；${pkg.sender.userName}，${pkg.createdAt.slice(0, 10)} 生成，接收单位 ${pkg.recipient}；SHA-256 ${opened.sha256}）：新增 ${describeCounts(added, registers)}${updated ? `，更新 ${updated} 条` : ''}${files.files ? `，附件 ${files.files} 个（${formatSize(files.bytes)}）` : ''}${archiveAdded.length ? `，归档文件目录 ${archiveAdded.length} 条（${archiveAdded.slice(0, 5).map((e) => e.archiveCode).join('、')}${archiveAdded.length > 5 ? ' 等' : ''}）` : ''}${archiveRefused.length ? `；档号已被本机其他条目使用、未导入目录条目：${archiveRefused.map((e) => e.archiveCode).join('、')}` : ''}；已存在（相同）${byStatus['已存在（相同）']} 条${
        skipped.length ? `；未导入 ${skipped.length} 条：${skipped.slice(0, 20).map((p) => `${recordLabel(p.d, p.record)}（${p.status}）`).join('、')}${skipped.length > 20 ? ' 等' : ''}` : ''
      }`,
      details: {
        packageId: pkg.packageId,
        sha256: opened.sha256,
        purpose: purposeOf(pkg),
        sender: pkg.sender,
        recipient: pkg.recipient,
        createdAt: pkg.createdAt,
        added,
        updated,
        byStatus,
        archive: { added: archiveAdded.map((e) => e.archiveCode), refused: archiveRefused.map((e) => e.archiveCode) },
        renumbered: plan.filter((p) => p.renumberedFrom && p.write).map((p) => ({ kind: p.d.kind, id: p.record.id, from: p.renumberedFrom, to: p.number })),
        files: { ...files, ids: addingFiles.map((a) => a.id), sha256: addingFiles.map((a) => a.sha256) },
        skipped: skipped.slice(0, 200).map((p) => ({ kind: p.d.kind, id: p.record.id, status: p.status })),
      },
    });
    for (const d of perRecord) audit(d);
    const counts = Object.fromEntries(registers.filter((d) => added[d.kind]).map((d) => [d.label, added[d.kind]!]));
    await recordImportedFile(ctx, { sha256: opened.sha256, kind: '迁移包', fileName: fileName ?? opened.fileName ?? `迁移包 ${pkg.packageId}`, counts, packageId: pkg.packageId });
    return { packageId: pkg.packageId, added, updated, byStatus, files };
  },
});

/**
 * Imports an opened package. Its new files' bytes go in first, a chunk at a time (decrypted from
 * the package, checked against their SHA-256, sealed under this PC's key: async work that cannot
 * run inside the import's transaction); then the records and the files' records in one
 * transaction. Until that commits the chunks belong to no file (nothing shows them); when it
 * fails they are removed again.
 */
export async function importTransferPackage(db: WenshuDB, actor: Actor, opened: OpenedTransfer, now = new Date(), registers: readonly AnyRegister[] = REGISTERS, decisions: TransferDecisions = {}): Promise<TransferImportResult> {
  const staged: AttachmentMeta[] = [];
  try {
    // Before any file's bytes are written: the same package again imports nothing.
    await refuseIfImported(db, opened.sha256, '迁移包');
    if (opened.attachments?.length && opened.source) {
      await authorize(db, actor, 'records.read');
      const source = opened.source;
      const by = { at: now.toISOString(), id: actor.id, name: actor.displayName };
      const people = await packagePeople(db, actor, opened.package, registers, decisions, true);
      const planned = await db.transaction('r', planTables(db, registers), async () =>
        planFiles(db, opened, (await planWithArchive({ db, pkg: opened.package, registers, numbers: peekedNumbers(db), decisions, mapping: people.mapping, unconfirmed: people.unconfirmed, by, now })).plan),
      );
      for (const p of planned) {
        if (p.status !== '新增') continue;
        try {
          staged.push(await storeAttachmentChunks(db, p.target, attachmentChunks(source, p.a)));
        } catch (e) {
          throw e instanceof IntegrityError ? new BackupFileError(`迁移包中的附件“${p.a.meta.name}”校验值（SHA-256）不符，文件已损坏或被改动，不能导入`) : e;
        }
      }
    }
    return await runCommand(db, actor, importTransferCommand, { opened, registers, decisions, staged }, now);
  } catch (e) {
    // Chunks of files that did not come in (storeAttachmentChunks removes its own on failure).
    for (const a of staged) await db.attachmentChunks.where('[attachmentId+n]').between([a.id, 0], [a.id, Infinity]).delete().catch(() => undefined);
    throw e;
  }
}
