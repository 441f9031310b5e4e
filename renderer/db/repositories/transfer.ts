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
} from '@shared/domain/transfer';
import { authorize } from '../authorize';
import { BackupFileError, checksum, concat, decodeFrame, deriveKey, encodeFrame, encodeHeader, encodeTrailer, newFileId, newKdfParams, parseBackup, TRANSFER_FILE } from '../backup/backup-format';
import { canonicalJson } from '../canonical-json';
import type { WenshuDB } from '../database';
import { newId } from '../ids';
import { raiseCounter } from '../numbering';
import { CURRENT_SCHEMA_VERSION } from '../schema';
import type { Actor } from '../types';
import type { AuditSink } from '../write';
import { z } from 'zod';
import { defineCommand } from '../commands/define';
import { runCommand } from '../commands/execute';
import { getUnitInfo } from './settings';
import { RuleError } from '@shared/domain/rule-error';
import { auditLabel, registerOf, REGISTERS, viewFor, type AnyRegister, type RegisterRow } from '@shared/domain/registers';
import { putRegisterRow, registerFacets, registerPage, registerTable, registerTableNames, registerTables, registryInput, rowsInRanges, type RegisterFilter } from '../registers';

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
  | { kind: 'end'; packageId: string; counts: Record<TransferKind, number> };

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
function refusalOf(actor: Actor, d: AnyRegister, r: RegisterRow, mode: ClassifiedMode | undefined): string | null {
  if (!d.canSee(actor, r)) return NOT_YOURS;
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
  q: { search?: string; offset: number; limit: number; where?: RegisterFilter },
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
        refusal: canSeeContent ? refusalOf(actor, d, row, undefined) : NOT_YOURS,
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
  /** Required when the package holds a classified carrier (or a classified 收文 with its carriers). */
  classifiedMode?: ClassifiedMode;
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
  actor = await authorize(db, actor, 'records.read');
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
  const { items, added, broughtBy } = await db.transaction('r', registerTables(db, registers), async () => {
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
    return { items, added, broughtBy };
  });

  const tracked = registers.flatMap((d) => items[d.kind]!.filter((r) => custodyTracked(d, r)).map((r) => ({ d, r })));
  const mode = tracked.length ? opts.classifiedMode : undefined;
  const refusals: string[] = [];
  for (const d of registers) {
    for (const r of items[d.kind]!) {
      const why = refusalOf(actor, d, r, mode);
      const by = broughtBy.get(`${d.kind}|${r.id}`);
      if (why) refusals.push(`${recordLabel(d, r)}${by ? `（随${by}）` : ''}：${why}`);
    }
  }
  if (refusals.length) throw new RuleError(`不能放入迁移包：${refusals.slice(0, 5).join('；')}${refusals.length > 5 ? ` 等 ${refusals.length} 条` : ''}`);
  if (tracked.length && !mode) {
    const labels = [...new Set(tracked.map((t) => t.d.label))].join('、');
    throw RuleError.at('classifiedMode', `迁移包含${labels}：请选择按“复制”还是“移交”登记`);
  }

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
    ...(mode ? { classifiedMode: mode } : {}),
  };
  const passphrase = newTransferPassphrase();
  const bytes = await encodePackage(meta, items, passphrase, registers);
  const classifiedLabels = registers.flatMap((d) => items[d.kind]!.filter((r) => isClassified(d.classification(r))).map((r) => recordLabel(d, r)));
  return {
    bytes,
    passphrase,
    manifest: {
      meta,
      counts: countsOf(items, registers),
      ids: perKind(registers, (d) => items[d.kind]!.map((r) => r.id)),
      classifiedLabels,
      custody: perKind(registers, (d) => tracked.filter((t) => t.d === d).map((t) => t.r.id)),
      added,
    },
  };
}

async function encodePackage(meta: TransferMeta, items: TransferItems, passphrase: string, registers: readonly AnyRegister[]): Promise<Uint8Array> {
  const kdf = newKdfParams();
  const key = await deriveKey(normalizeTransferPassphrase(passphrase), kdf);
  const header = encodeHeader({ format: TRANSFER_FILE.format, fileId: newFileId(), kdf }, TRANSFER_FILE);
  const parts: Uint8Array[] = [header.bytes];
  let index = 0;
  const frame = async (value: TransferFrame, last = false) => parts.push(await encodeFrame(key, header.tag, index++, last, value, TRANSFER_FILE));
  await frame({ kind: 'start', meta });
  for (const d of registers) {
    const rows = items[d.kind] ?? [];
    for (let i = 0; i < rows.length; i += ROWS_PER_FRAME) await frame({ kind: 'rows', table: d.kind, rows: rows.slice(i, i + ROWS_PER_FRAME) });
  }
  await frame({ kind: 'end', packageId: meta.packageId, counts: countsOf(items, registers) }, true);
  const body = concat(parts);
  const sum = checksum();
  sum.update(body);
  return concat([body, encodeTrailer(sum.digest())]);
}


// --- opening and previewing --------------------------------------------------------------------

export interface OpenedTransfer {
  package: TransferPackage;
}

const NOT_COMPLETE = '迁移包内容不完整或已被改动，不能导入';

/**
 * Checks the file (its kind, checksum, passphrase, every frame) and every record in it. A backup
 * file, a damaged or cut-short file, a wrong passphrase, a package from a newer Wenshu or one
 * whose content does not check out are refused with a message saying which.
 */
export async function openTransferPackage(bytes: Uint8Array, passphrase: string, registers: readonly AnyRegister[] = REGISTERS): Promise<OpenedTransfer> {
  const typed = normalizeTransferPassphrase(passphrase);
  if (!typed) throw RuleError.at('passphrase', '请输入口令');
  const parsed = parseBackup(bytes, TRANSFER_FILE);
  const key = await deriveKey(typed, parsed.header.kdf);
  const frames: TransferFrame[] = [];
  for (let i = 0; i < parsed.frames.length; i++) frames.push(await decodeFrame<TransferFrame>(bytes, parsed, key, i));
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
  for (const f of frames.slice(1, -1)) {
    if (f.kind !== 'rows' || typeof f.table !== 'string' || !Array.isArray(f.rows)) throw new BackupFileError(NOT_COMPLETE);
    const d = registerOf(f.table, registers);
    if (!d) throw new BackupFileError(`迁移包中有本程序不认识的记录类别（${f.table}），迁移包可能由较新版本的文枢生成，请升级后再导入`);
    if (items[d.kind]!.length + f.rows.length > MAX_TRANSFER_RECORDS) throw new BackupFileError(`迁移包中的${d.label}超过 ${MAX_TRANSFER_RECORDS} 条，不能导入`);
    items[d.kind]!.push(...f.rows);
  }
  const counts: Record<string, unknown> = typeof end.counts === 'object' && end.counts !== null ? end.counts : {};
  const countsAgree = registers.every((d) => (counts[d.kind] ?? 0) === items[d.kind]!.length) && Object.keys(counts).every((k) => registerOf(k, registers) || counts[k] === 0);
  if (end.packageId !== meta.packageId || !countsAgree) throw new BackupFileError(NOT_COMPLETE);
  const checked = transferPackageSchema(registers).safeParse({ ...meta, items });
  if (!checked.success) throw new BackupFileError(describePackageProblem(checked.error, registers, items));
  return { package: checked.data };
}

export const TRANSFER_ROW_STATUSES = ['新增', '已存在（相同）', '已存在（不同，不导入）', '编号冲突（本机已有不同记录使用此编号，不导入）'] as const;
export type TransferRowStatus = (typeof TRANSFER_ROW_STATUSES)[number];

export interface TransferPreviewRow {
  kind: TransferKind;
  id: string;
  number: string;
  /** Masked (【涉密】) when the person importing may not see it. */
  title: string;
  classification: Classification;
  status: TransferRowStatus;
}

export interface TransferPreview {
  meta: TransferMeta;
  counts: Record<TransferKind, number>;
  /** What an import now would add, per register. */
  toAdd: Record<TransferKind, number>;
  byStatus: Record<TransferRowStatus, number>;
  rows: TransferPreviewRow[];
}

type AnyRecord = RegisterRow;

/** The numbers (the register's numberKey) among `rows`' that records here already hold. */
async function numbersTaken(db: WenshuDB, d: AnyRegister, rows: readonly AnyRecord[]): Promise<Set<string>> {
  const here = await rowsInRanges(db, d, d.numberKey.lookup(rows));
  return new Set(here.map((r) => d.numberKey.of(r)).filter((k): k is string => k !== null));
}

interface PlannedRecord {
  d: AnyRegister;
  record: AnyRecord;
  status: TransferRowStatus;
}

/** Each record of the package against this database: new, already here (same or not), or its 编号 taken. */
async function planImport(db: WenshuDB, pkg: TransferPackage, registers: readonly AnyRegister[]): Promise<PlannedRecord[]> {
  const out: PlannedRecord[] = [];
  for (const d of registers) {
    const rows: readonly AnyRecord[] = pkg.items[d.kind] ?? [];
    if (rows.length === 0) continue;
    const existing = await registerTable(db, d).bulkGet(rows.map((r) => r.id));
    const taken = await numbersTaken(db, d, rows);
    rows.forEach((record, i) => {
      const here = existing[i];
      const number = d.numberKey.of(record);
      let status: TransferRowStatus;
      if (here) status = canonicalJson(here) === canonicalJson(record) ? '已存在（相同）' : '已存在（不同，不导入）';
      else if (number !== null && taken.has(number)) status = '编号冲突（本机已有不同记录使用此编号，不导入）';
      else status = '新增';
      out.push({ d, record, status });
    });
  }
  return out;
}

function previewRow(actor: Actor, { d, record: r, status }: PlannedRecord): TransferPreviewRow {
  return { kind: d.kind, id: r.id, classification: d.classification(r), status, number: d.number(r), title: d.canSee(actor, r) ? d.title(r) : MASK };
}

/** What importing `opened` here would do, record by record, masked for the person importing. */
export async function previewTransferPackage(db: WenshuDB, actor: Actor, opened: OpenedTransfer, registers: readonly AnyRegister[] = REGISTERS): Promise<TransferPreview> {
  actor = await authorize(db, actor, 'records.read');
  const pkg = opened.package;
  const plan = await db.transaction('r', registerTables(db, registers), () => planImport(db, pkg, registers));
  const toAdd = emptyCounts(registers);
  const byStatus = Object.fromEntries(TRANSFER_ROW_STATUSES.map((s) => [s, 0])) as Record<TransferRowStatus, number>;
  for (const p of plan) {
    byStatus[p.status] += 1;
    if (p.status === '新增') toAdd[p.d.kind]! += 1;
  }
  const { items: _items, ...meta } = pkg;
  return { meta, counts: countsOf(pkg.items, registers), toAdd, byStatus, rows: plan.map((p) => previewRow(actor, p)) };
}

// --- import ------------------------------------------------------------------------------------

export interface TransferImportResult {
  packageId: string;
  added: Record<TransferKind, number>;
  byStatus: Record<TransferRowStatus, number>;
}

/**
 * Imports the package's new records in one transaction: a record whose id is already here is
 * left exactly as it is, one whose 编号 another record here holds is not imported; the rest are
 * added as they were sent, with their search entries, and the numbering counters are raised past
 * every 编号 they hold (a later registration here never gets the same number). One audit entry
 * for the package (导入迁移包, or 导入迁移包（无新增） when nothing was new) and one per record
 * added. Each register needs its own right (收文办理, 涉密载体管理, 会议管理, 督办管理), and
 * classified records need the 保密员.
 */
export const importTransferCommand = defineCommand({
  name: 'transfer.import',
  // An opened package was checked record by record against the registry by openTransferPackage.
  input: z.object({ opened: z.custom<OpenedTransfer>((v) => typeof v === 'object' && v !== null && 'package' in v), registers: registryInput }),
  permission: 'records.read',
  tables: ['counters', 'projectionDeltas'],
  moreTables: ({ registers = REGISTERS }) => registerTableNames(registers),
  run: async ({ db, actor, put, audit }, { opened, registers = REGISTERS }): Promise<TransferImportResult> => {
    const pkg = opened.package;
    const plan = await planImport(db, pkg, registers);
    const adding = plan.filter((p) => p.status === '新增');
    for (const d of registers) if (adding.some((p) => p.d === d)) requirePermission(actor, d.transfer.importPermission);
    if (adding.some((p) => isClassified(p.d.classification(p.record)))) requirePermission(actor, 'classified.manage');

    const added = emptyCounts(registers);
    const perRecord: Parameters<AuditSink>[0][] = [];
    const from = `来自 ${pkg.sender.unitName || '（未署单位）'} 迁移包 ${pkg.packageId}`;
    for (const { d, record } of adding) {
      added[d.kind]! += 1;
      await putRegisterRow(db, d, record, true);
      const n = d.numberKey.counter(record);
      if (n) await raiseCounter(db, n.series, n.year, n.seq, { put });
      // Carriers say how the sender recorded them (复制 or 移交 in their 台账).
      const custody = custodyTracked(d, record) && pkg.classifiedMode ? `（发送方按${pkg.classifiedMode}登记）` : '';
      perRecord.push({ action: d.transfer.importAction, entityType: d.entityType, entityId: record.id, summary: `${d.transfer.importName(record)}，${from}${custody}` });
    }
    const byStatus = Object.fromEntries(TRANSFER_ROW_STATUSES.map((s) => [s, 0])) as Record<TransferRowStatus, number>;
    for (const p of plan) byStatus[p.status] += 1;
    const skipped = plan.filter((p) => p.status !== '新增' && p.status !== '已存在（相同）');
    const nothingNew = adding.length === 0;
    audit({
      action: nothingNew ? '导入迁移包（无新增）' : '导入迁移包',
      entityType: '迁移包',
      entityId: pkg.packageId,
      summary: `${from}（${pkg.sender.userName}，${pkg.createdAt.slice(0, 10)} 生成，接收单位 ${pkg.recipient}）：新增 ${describeCounts(added, registers)}；已存在（相同）${byStatus['已存在（相同）']} 条${
        skipped.length ? `；未导入 ${skipped.length} 条：${skipped.slice(0, 20).map((p) => `${recordLabel(p.d, p.record)}（${p.status.startsWith('编号冲突') ? '编号冲突' : '本机记录不同'}）`).join('、')}${skipped.length > 20 ? ' 等' : ''}` : ''
      }`,
      details: {
        packageId: pkg.packageId,
        sender: pkg.sender,
        recipient: pkg.recipient,
        createdAt: pkg.createdAt,
        added,
        byStatus,
        skipped: skipped.slice(0, 200).map((p) => ({ kind: p.d.kind, id: p.record.id, status: p.status })),
      },
    });
    for (const d of perRecord) audit(d);
    return { packageId: pkg.packageId, added, byStatus };
  },
});

export async function importTransferPackage(db: WenshuDB, actor: Actor, opened: OpenedTransfer, now = new Date(), registers: readonly AnyRegister[] = REGISTERS): Promise<TransferImportResult> {
  return runCommand(db, actor, importTransferCommand, { opened, registers }, now);
}
