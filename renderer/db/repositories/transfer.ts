import Dexie, { type Table } from 'dexie';
import { minutesSeries } from '@shared/domain/numbering';
import { version as APP_VERSION } from '../../../package.json';
import { applyCarrierAction, carrierActionRefusal } from '@shared/domain/carrier';
import type { CarrierEvent, CarrierRecord, CarrierState } from '@shared/domain/carrier-types';
import { isClassified, type Classification } from '@shared/domain/enums';
import { canSeeIncomingContent, MASK } from '@shared/domain/incoming';
import type { IncomingRecord } from '@shared/domain/incoming-types';
import { canSeeMeeting } from '@shared/domain/meeting';
import type { MeetingRecord } from '@shared/domain/meeting-types';
import { can, requirePermission, type Permission } from '@shared/domain/permissions';
import type { TaskRecord } from '@shared/domain/supervision-types';
import { cleanLine } from '@shared/domain/text';
import {
  describePackageProblem,
  MAX_TRANSFER_RECORDS,
  newTransferPassphrase,
  normalizeTransferPassphrase,
  TRANSFER_FORMAT,
  TRANSFER_KIND_LABELS,
  TRANSFER_KINDS,
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
import { canSeeCarrier, toCarrierIndexEntry } from '../carriers/carrier-index';
import type { WenshuDB } from '../database';
import { newId } from '../ids';
import { raiseCounter } from '../numbering';
import { INCOMING_PROJECTION, toIndexEntry } from '../incoming/incoming-index';
import { writeProjectionDelta } from '../projection';
import { CURRENT_SCHEMA_VERSION } from '../schema';
import type { Actor } from '../types';
import { writeWithAudit, type AuditSink } from '../write';
import { asCarrierActor, CARRIER_MASK, carrierAuditLabel, CARRIER_SERIES, listCarriers, putCarrier } from './carriers';
import { incomingAuditLabel, INCOMING_SERIES, listIncoming } from './incoming';
import { listMeetings, meetingAuditLabel } from './meetings';
import { getUnitInfo } from './settings';
import { listTasks, TASK_SERIES } from './supervision';
import { RuleError } from '@shared/domain/rule-error';

// 迁移包 (issue #6): selected records carried to another Wenshu installation in an encrypted file
// (the backup container under its own magic), opened there with a one-time passphrase the sender
// passes by phone or in person. The sender puts in only what they may see in full, and only a
// 保密员 puts in classified records; each classified carrier that leaves is recorded as 复制 (an
// electronic copy) or 移交 (custody passes) on the carrier. The receiver previews, then imports:
// records carry their ids, so one already here is left exactly as it is, and a second import of
// the same package changes no record. Both sides log the transfer.
//
// Export is two steps so that a cancelled save logs nothing: buildTransferPackage reads and
// encrypts (no write), the caller saves the bytes, then recordTransferExport writes the audit
// entries and the carriers' 复制/移交 lines in one transaction.

export type TransferSelection = Record<TransferKind, string[]>;

/** What the import of each register needs, on top of reading. */
const IMPORT_PERMISSION: Record<TransferKind, Permission> = {
  incoming: 'incoming.process',
  carriers: 'classified.manage',
  meetings: 'meetings.manage',
  tasks: 'supervision.manage',
};

/** Carriers still kept here: a classified 收文's own copies travel with it. */
const LIVE: ReadonlySet<CarrierState> = new Set(['在库', '借出']);

/** Rows per frame of the file (a page compresses well and keeps each frame small). */
const ROWS_PER_FRAME = 500;

type TransferFrame =
  | { kind: 'start'; meta: TransferMeta }
  | { kind: 'rows'; table: TransferKind; rows: unknown[] }
  | { kind: 'end'; packageId: string; counts: Record<TransferKind, number> };

const emptyCounts = (): Record<TransferKind, number> => ({ incoming: 0, carriers: 0, meetings: 0, tasks: 0 });

function countsOf(items: TransferItems): Record<TransferKind, number> {
  return { incoming: items.incoming.length, carriers: items.carriers.length, meetings: items.meetings.length, tasks: items.tasks.length };
}

/** '收文 3、涉密载体 1' (registers with nothing left out). */
export function describeCounts(counts: Record<TransferKind, number>): string {
  const parts = TRANSFER_KINDS.filter((k) => counts[k] > 0).map((k) => `${TRANSFER_KIND_LABELS[k]} ${counts[k]}`);
  return parts.length ? parts.join('、') : '无记录';
}

// --- how records are named (never by a classified title) ---------------------------------------

function recordLabel(kind: TransferKind, r: IncomingRecord | CarrierRecord | MeetingRecord | TaskRecord): string {
  switch (kind) {
    case 'incoming':
      return `收文 ${incomingAuditLabel(r as IncomingRecord)}`;
    case 'carriers':
      return `涉密载体 ${carrierAuditLabel(r as CarrierRecord)}`;
    case 'meetings':
      return `会议 ${meetingAuditLabel(r as MeetingRecord)}`;
    case 'tasks':
      return `督办 ${(r as TaskRecord).serial}`;
  }
}

function classificationOf(kind: TransferKind, r: IncomingRecord | CarrierRecord | MeetingRecord | TaskRecord): Classification {
  return kind === 'tasks' ? '非密' : (r as IncomingRecord | CarrierRecord | MeetingRecord).classification;
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

/** The sender must see a record in full; a classified one goes only by the 保密员. */
function contentRefusal(actor: Actor, canSee: boolean, classification: Classification): string | null {
  if (!canSee) return NOT_YOURS;
  if (isClassified(classification) && !can(actor, 'classified.manage')) return OFFICER_ONLY;
  return null;
}

function incomingRefusal(actor: Actor, r: IncomingRecord): string | null {
  return contentRefusal(actor, canSeeIncomingContent(actor, r), r.classification);
}

function carrierRefusal(actor: Actor, c: CarrierRecord, mode: ClassifiedMode | undefined): string | null {
  if (!canSeeCarrier(actor, toCarrierIndexEntry(c))) return NOT_YOURS;
  if (!isClassified(c.classification)) return null;
  if (!can(actor, 'classified.manage')) return OFFICER_ONLY;
  // 复制 and 移交 follow the carrier's own rules (a lent, destroyed or handed-over carrier cannot).
  return carrierActionRefusal(c, mode ?? '复制', actor);
}

function meetingRefusal(actor: Actor, m: MeetingRecord): string | null {
  return contentRefusal(actor, canSeeMeeting(actor, m), m.classification);
}

/** The records of one register the export screen lists, a page at a time, with the search typed. */
export async function transferCandidates(
  db: WenshuDB,
  actor: Actor,
  kind: TransferKind,
  q: { search?: string; offset: number; limit: number },
  today: string,
): Promise<{ rows: TransferCandidate[]; total: number }> {
  actor = await authorize(db, actor, 'records.read');
  const search = q.search?.trim() || undefined;
  switch (kind) {
    case 'incoming': {
      // The list's rows are already masked for this reader (masked: outside the need to know).
      const page = await listIncoming(db, actor, { offset: q.offset, limit: q.limit, ...(search ? { search } : {}) }, today);
      return {
        total: page.total,
        rows: page.rows.map((row) => ({
          id: row.id,
          number: row.serial,
          title: row.title,
          classification: row.classification,
          state: row.state,
          refusal: contentRefusal(actor, !row.masked, row.classification),
        })),
      };
    }
    case 'carriers': {
      // A view the reader may see in full holds the record as stored; a masked one may not go.
      const page = await listCarriers(db, actor, { offset: q.offset, limit: q.limit, ...(search ? { search } : {}) }, today);
      return {
        total: page.total,
        rows: page.rows.map((v) => ({
          id: v.record.id,
          number: `${v.record.serial} 份号${v.record.copyNumber}`,
          title: v.canSeeContent ? v.record.name : CARRIER_MASK,
          classification: v.record.classification,
          state: v.record.state,
          refusal: v.canSeeContent ? carrierRefusal(actor, v.record, undefined) : NOT_YOURS,
        })),
      };
    }
    case 'meetings': {
      // Each as listMeetings gives it: the record (masked when canSeeContent is false: 编号, day, 密级 and state stay).
      let views: { record: MeetingRecord; canSeeContent: boolean }[];
      let total: number;
      if (search) {
        // No index answers a search in 会议名称: the meetings are few (thousands), read and sifted.
        const hits = (await db.meetings.toArray())
          .filter((m) => [m.meetingType, m.meetingDate, m.issued?.number ?? '', ...(canSeeMeeting(actor, m) ? [m.name] : [])].some((t) => t.includes(search)))
          .sort((a, b) => b.startAt.localeCompare(a.startAt) || b.id.localeCompare(a.id));
        total = hits.length;
        views = hits.slice(q.offset, q.offset + q.limit).map((m) => ({ record: m, canSeeContent: canSeeMeeting(actor, m) }));
      } else {
        const page = await listMeetings(db, actor, today, {}, { offset: q.offset, limit: q.limit });
        total = page.total;
        views = page.rows.map((r) => r.view);
      }
      return {
        total,
        rows: views.map(({ record: m, canSeeContent }) => ({
          id: m.id,
          number: meetingNumber(m),
          title: canSeeContent ? m.name : MASK,
          classification: m.classification,
          state: m.minutesState,
          refusal: contentRefusal(actor, canSeeContent, m.classification),
        })),
      };
    }
    case 'tasks': {
      const page = await listTasks(db, actor, search ? { search } : {}, today, { offset: q.offset, limit: q.limit });
      return {
        total: page.total,
        rows: page.tasks.map((t) => ({ id: t.id, number: t.serial, title: t.content, classification: '非密', state: t.state, refusal: null })),
      };
    }
  }
}

/** How a meeting is numbered in lists: its 纪要编号 once issued, else its day and type. */
function meetingNumber(m: Pick<MeetingRecord, 'meetingDate' | 'meetingType' | 'issued'>): string {
  return m.issued ? `${m.meetingType}${m.issued.number}` : `${m.meetingDate} ${m.meetingType}`;
}

// --- export ------------------------------------------------------------------------------------

/** What the sender's audit entries need to know of a package once its file is saved. */
export interface TransferManifest {
  meta: TransferMeta;
  counts: Record<TransferKind, number>;
  ids: TransferSelection;
  /** Classified records in the package, named without titles (for the log). */
  classifiedLabels: string[];
  /** The classified carriers that get a 复制 or 移交 line. */
  classifiedCarrierIds: string[];
  /** Carriers put in because their 收文 was chosen. */
  addedCarrierIds: string[];
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
 * calls recordTransferExport. A classified 收文 brings its carriers still kept here.
 */
export async function buildTransferPackage(db: WenshuDB, actor: Actor, selection: TransferSelection, opts: TransferExportOptions, now = new Date()): Promise<PreparedTransfer> {
  actor = await authorize(db, actor, 'records.read');
  const recipient = cleanLine(opts.recipient);
  if (!recipient) throw RuleError.at('recipient', '请填写接收单位');
  if (Array.from(recipient).length > 100) throw RuleError.at('recipient', '接收单位不能超过 100 个字');
  const wanted = Object.fromEntries(TRANSFER_KINDS.map((k) => [k, [...new Set(selection[k] ?? [])]])) as TransferSelection;
  if (TRANSFER_KINDS.every((k) => wanted[k].length === 0)) throw new RuleError('请至少选择一条记录');
  for (const k of TRANSFER_KINDS) {
    if (wanted[k].length > MAX_TRANSFER_RECORDS) throw new RuleError(`一个迁移包最多放 ${MAX_TRANSFER_RECORDS} 条${TRANSFER_KIND_LABELS[k]}`);
  }

  // One read transaction: the package is a consistent snapshot.
  const { items, addedCarrierIds } = await db.transaction('r', [db.incoming, db.carriers, db.meetings, db.tasks], async () => {
    const missing = (k: TransferKind) => new RuleError(`所选的${TRANSFER_KIND_LABELS[k]}已不存在，请刷新后重新选择`);
    const incoming = await db.incoming.bulkGet(wanted.incoming);
    const meetings = await db.meetings.bulkGet(wanted.meetings);
    const tasks = await db.tasks.bulkGet(wanted.tasks);
    if (incoming.some((r) => !r)) throw missing('incoming');
    if (meetings.some((r) => !r)) throw missing('meetings');
    if (tasks.some((r) => !r)) throw missing('tasks');
    const carrierIds = new Set(wanted.carriers);
    const chosenCarriers = await db.carriers.bulkGet(wanted.carriers);
    if (chosenCarriers.some((r) => !r)) throw missing('carriers');
    // A classified 收文's copies (its carriers still kept here) go with it.
    const extraIds = (incoming as IncomingRecord[]).flatMap((r) => r.carrierIds ?? []).filter((id) => !carrierIds.has(id));
    const extra = (await db.carriers.bulkGet([...new Set(extraIds)])).filter((c): c is CarrierRecord => !!c && LIVE.has(c.state));
    return {
      items: {
        incoming: incoming as IncomingRecord[],
        carriers: [...(chosenCarriers as CarrierRecord[]), ...extra],
        meetings: meetings as MeetingRecord[],
        tasks: tasks as TaskRecord[],
      } satisfies TransferItems,
      addedCarrierIds: extra.map((c) => c.id),
    };
  });

  const classifiedCarriers = items.carriers.filter((c) => isClassified(c.classification));
  const mode = classifiedCarriers.length ? opts.classifiedMode : undefined;
  const refusals: string[] = [];
  for (const r of items.incoming) {
    const why = incomingRefusal(actor, r);
    if (why) refusals.push(`${recordLabel('incoming', r)}：${why}`);
  }
  for (const c of items.carriers) {
    const why = carrierRefusal(actor, c, mode);
    if (why) refusals.push(`${recordLabel('carriers', c)}${addedCarrierIds.includes(c.id) ? `（随收文 ${c.source.kind === '收文' ? c.source.incomingSerial : ''}）` : ''}：${why}`);
  }
  for (const m of items.meetings) {
    const why = meetingRefusal(actor, m);
    if (why) refusals.push(`${recordLabel('meetings', m)}：${why}`);
  }
  if (refusals.length) throw new RuleError(`不能放入迁移包：${refusals.slice(0, 5).join('；')}${refusals.length > 5 ? ` 等 ${refusals.length} 条` : ''}`);
  if (classifiedCarriers.length && !mode) throw RuleError.at('classifiedMode', '迁移包含涉密载体：请选择按“复制”还是“移交”登记');

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
  const bytes = await encodePackage(meta, items, passphrase);
  const classifiedLabels = TRANSFER_KINDS.flatMap((k) => (items[k] as (IncomingRecord | CarrierRecord | MeetingRecord | TaskRecord)[]).filter((r) => isClassified(classificationOf(k, r))).map((r) => recordLabel(k, r)));
  return {
    bytes,
    passphrase,
    manifest: {
      meta,
      counts: countsOf(items),
      ids: Object.fromEntries(TRANSFER_KINDS.map((k) => [k, items[k].map((r) => r.id)])) as TransferSelection,
      classifiedLabels,
      classifiedCarrierIds: classifiedCarriers.map((c) => c.id),
      addedCarrierIds,
    },
  };
}

async function encodePackage(meta: TransferMeta, items: TransferItems, passphrase: string): Promise<Uint8Array> {
  const kdf = newKdfParams();
  const key = await deriveKey(normalizeTransferPassphrase(passphrase), kdf);
  const header = encodeHeader({ format: TRANSFER_FILE.format, fileId: newFileId(), kdf }, TRANSFER_FILE);
  const parts: Uint8Array[] = [header.bytes];
  let index = 0;
  const frame = async (value: TransferFrame, last = false) => parts.push(await encodeFrame(key, header.tag, index++, last, value, TRANSFER_FILE));
  await frame({ kind: 'start', meta });
  for (const table of TRANSFER_KINDS) {
    const rows = items[table];
    for (let i = 0; i < rows.length; i += ROWS_PER_FRAME) await frame({ kind: 'rows', table, rows: rows.slice(i, i + ROWS_PER_FRAME) });
  }
  await frame({ kind: 'end', packageId: meta.packageId, counts: countsOf(items) }, true);
  const body = concat(parts);
  const sum = checksum();
  sum.update(body);
  return concat([body, encodeTrailer(sum.digest())]);
}

/**
 * The sender's side of a saved package, in one transaction: the audit entry 导出迁移包 (what,
 * to whom, which file) and, for each classified carrier, its 复制 or 移交 line and audit entry.
 * A carrier that can no longer be handed over (lent out meanwhile) is recorded as 复制, and the
 * log says why: the file has left already, so nothing is refused here.
 */
export async function recordTransferExport(db: WenshuDB, actor: Actor, manifest: TransferManifest, path: string, now = new Date()): Promise<void> {
  actor = await authorize(db, actor, 'records.read');
  // Only the 保密员 writes in the 台账 (buildTransferPackage let no one else put a classified carrier in).
  if (manifest.classifiedCarrierIds.length) requirePermission(actor, 'classified.manage');
  const a = asCarrierActor(actor);
  const { meta } = manifest;
  const pid = meta.packageId;
  await writeWithAudit(
    db,
    actor,
    [db.carriers, db.projectionDeltas],
    async (audit) => {
      const classified = manifest.classifiedLabels;
      audit({
        action: '导出迁移包',
        entityType: '迁移包',
        entityId: pid,
        summary: `迁移包 ${pid} 交 ${meta.recipient}：${describeCounts(manifest.counts)}${
          classified.length ? `；含涉密 ${classified.length} 件：${classified.slice(0, 20).join('、')}${classified.length > 20 ? ' 等' : ''}` : ''
        }${meta.classifiedMode ? `；涉密载体按${meta.classifiedMode}登记` : ''}；文件 ${path}`,
        details: { packageId: pid, recipient: meta.recipient, counts: manifest.counts, ids: manifest.ids, addedCarrierIds: manifest.addedCarrierIds, classifiedMode: meta.classifiedMode ?? null, path },
      });
      const at = now.toISOString();
      for (const c of (await db.carriers.bulkGet(manifest.classifiedCarrierIds)).filter((x): x is CarrierRecord => !!x)) {
        let after: CarrierRecord;
        let done: ClassifiedMode = '复制';
        let why = '';
        if (meta.classifiedMode === '移交') {
          const refusal = carrierActionRefusal(c, '移交', a);
          if (refusal === null) {
            after = applyCarrierAction(c, { type: '移交', receiver: meta.recipient, receiverKind: '单位', kind: '移交' }, a, now, () => undefined);
            const last = after.history[after.history.length - 1]!;
            after.history[after.history.length - 1] = { ...last, note: `${last.note ?? ''}；随迁移包 ${pid}` };
            done = '移交';
          } else {
            why = `（未能登记移交：${refusal}）`;
            after = withEvent(c, { action: '复制', at, byId: a.id, byName: a.name, note: `电子副本随迁移包 ${pid} 交 ${meta.recipient}${why}` }, at);
          }
        } else {
          after = withEvent(c, { action: '复制', at, byId: a.id, byName: a.name, note: `电子副本随迁移包 ${pid} 交 ${meta.recipient}` }, at);
        }
        await putCarrier(db, carrierTableWriter(db), after);
        audit({
          action: `涉密载体${done}`,
          entityType: '涉密载体',
          entityId: c.id,
          summary: `${carrierAuditLabel(c)} 随迁移包 ${pid} ${done === '移交' ? '移交' : '复制（电子副本）'}至 ${meta.recipient}${why}`,
        });
      }
    },
    now,
  );
}

function withEvent(c: CarrierRecord, event: CarrierEvent, at: string): CarrierRecord {
  return { ...c, history: [...c.history, event], updatedAt: at };
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
export async function openTransferPackage(bytes: Uint8Array, passphrase: string): Promise<OpenedTransfer> {
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
  const items: Record<TransferKind, unknown[]> = { incoming: [], carriers: [], meetings: [], tasks: [] };
  for (const f of frames.slice(1, -1)) {
    if (f.kind !== 'rows' || !(TRANSFER_KINDS as readonly string[]).includes(f.table) || !Array.isArray(f.rows)) throw new BackupFileError(NOT_COMPLETE);
    if (items[f.table].length + f.rows.length > MAX_TRANSFER_RECORDS) throw new BackupFileError(`迁移包中的${TRANSFER_KIND_LABELS[f.table]}超过 ${MAX_TRANSFER_RECORDS} 条，不能导入`);
    items[f.table].push(...f.rows);
  }
  if (end.packageId !== meta.packageId || TRANSFER_KINDS.some((k) => end.counts?.[k] !== items[k].length)) throw new BackupFileError(NOT_COMPLETE);
  const checked = transferPackageSchema.safeParse({ ...meta, items });
  if (!checked.success) throw new BackupFileError(describePackageProblem(checked.error, items));
  return { package: checked.data as TransferPackage };
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

type AnyRecord = IncomingRecord | CarrierRecord | MeetingRecord | TaskRecord;

/**
 * The number no two records here may share: the 编号 of a 收文, 载体 or 督办; a meeting's 纪要编号
 * (year and 期 in its 会议类型's series, the counter importTransferPackage raises); null for
 * minutes not issued.
 */
function numberKey(kind: TransferKind, r: AnyRecord): string | null {
  if (kind !== 'meetings') return (r as { serial: string }).serial;
  const m = r as MeetingRecord;
  return m.issued ? `${m.meetingType}|${m.issued.year}|${m.issued.seq}` : null;
}

/** The numbers (numberKey) among `rows`' that records here already hold. */
async function numbersTaken(db: WenshuDB, kind: TransferKind, rows: AnyRecord[]): Promise<Set<string>> {
  if (kind === 'meetings') {
    const types = new Set((rows as MeetingRecord[]).filter((m) => m.issued).map((m) => m.meetingType));
    const here: MeetingRecord[] = [];
    for (const t of types) here.push(...(await db.meetings.where('[meetingType+startAt]').between([t, Dexie.minKey], [t, Dexie.maxKey]).toArray()));
    return new Set(here.map((m) => numberKey('meetings', m)).filter((k): k is string => k !== null));
  }
  const table = db[kind] as unknown as Table<AnyRecord, string>;
  const taken = (await table.where('serial').anyOf(rows.map((r) => (r as { serial: string }).serial)).toArray()) as { serial: string }[];
  return new Set(taken.map((t) => t.serial));
}

/** Each record of the package against this database: new, already here (same or not), or its 编号 taken. */
async function planImport(db: WenshuDB, pkg: TransferPackage): Promise<{ kind: TransferKind; record: AnyRecord; status: TransferRowStatus }[]> {
  const out: { kind: TransferKind; record: AnyRecord; status: TransferRowStatus }[] = [];
  for (const kind of TRANSFER_KINDS) {
    const rows = pkg.items[kind] as AnyRecord[];
    if (rows.length === 0) continue;
    const table = db[kind] as unknown as Table<AnyRecord, string>;
    const existing = await table.bulkGet(rows.map((r) => r.id));
    const taken = await numbersTaken(db, kind, rows);
    rows.forEach((record, i) => {
      const here = existing[i];
      const number = numberKey(kind, record);
      let status: TransferRowStatus;
      if (here) status = canonicalJson(here) === canonicalJson(record) ? '已存在（相同）' : '已存在（不同，不导入）';
      else if (number !== null && taken.has(number)) status = '编号冲突（本机已有不同记录使用此编号，不导入）';
      else status = '新增';
      out.push({ kind, record, status });
    });
  }
  return out;
}

function previewRow(actor: Actor, kind: TransferKind, r: AnyRecord, status: TransferRowStatus): TransferPreviewRow {
  const base = { kind, id: r.id, classification: classificationOf(kind, r), status };
  switch (kind) {
    case 'incoming': {
      const x = r as IncomingRecord;
      return { ...base, number: x.serial, title: canSeeIncomingContent(actor, x) ? x.title : MASK };
    }
    case 'carriers': {
      const x = r as CarrierRecord;
      return { ...base, number: `${x.serial} 份号${x.copyNumber}`, title: canSeeCarrier(actor, toCarrierIndexEntry(x)) ? x.name : CARRIER_MASK };
    }
    case 'meetings': {
      const x = r as MeetingRecord;
      return { ...base, number: meetingNumber(x), title: canSeeMeeting(actor, x) ? x.name : MASK };
    }
    case 'tasks': {
      const x = r as TaskRecord;
      return { ...base, number: x.serial, title: x.content };
    }
  }
}

/** What importing `opened` here would do, record by record, masked for the person importing. */
export async function previewTransferPackage(db: WenshuDB, actor: Actor, opened: OpenedTransfer): Promise<TransferPreview> {
  actor = await authorize(db, actor, 'records.read');
  const pkg = opened.package;
  const plan = await db.transaction('r', [db.incoming, db.carriers, db.meetings, db.tasks], () => planImport(db, pkg));
  const toAdd = emptyCounts();
  const byStatus = Object.fromEntries(TRANSFER_ROW_STATUSES.map((s) => [s, 0])) as Record<TransferRowStatus, number>;
  for (const p of plan) {
    byStatus[p.status] += 1;
    if (p.status === '新增') toAdd[p.kind] += 1;
  }
  const { items: _items, ...meta } = pkg;
  return { meta, counts: countsOf(pkg.items), toAdd, byStatus, rows: plan.map((p) => previewRow(actor, p.kind, p.record, p.status)) };
}

// --- import ------------------------------------------------------------------------------------

export interface TransferImportResult {
  packageId: string;
  added: Record<TransferKind, number>;
  byStatus: Record<TransferRowStatus, number>;
}

/** '载〔2026〕0007' / '督〔2026〕0003' → year and number; null for a 编号 of another pattern. */
function yearAndSeq(serial: string): { year: number; seq: number } | null {
  const m = /〔(\d{4})〕(\d+)$/.exec(serial);
  return m ? { year: Number(m[1]), seq: Number(m[2]) } : null;
}

// The 迁移包 is not a command yet: until it is, it writes the carriers table itself (putCarrier
// takes a command's writer).
function carrierTableWriter(db: WenshuDB): Parameters<typeof putCarrier>[1] {
  return { put: (_t, row) => db.carriers.put(row as never) as never, add: (_t, row) => db.carriers.add(row as never) as never };
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
export async function importTransferPackage(db: WenshuDB, actor: Actor, opened: OpenedTransfer, now = new Date()): Promise<TransferImportResult> {
  actor = await authorize(db, actor, 'records.read');
  const pkg = opened.package;
  const a = actor;
  return writeWithAudit(
    db,
    actor,
    [db.incoming, db.carriers, db.meetings, db.tasks, db.counters, db.projectionDeltas],
    async (audit: AuditSink) => {
      const plan = await planImport(db, pkg);
      const adding = plan.filter((p) => p.status === '新增');
      for (const kind of TRANSFER_KINDS) if (adding.some((p) => p.kind === kind)) requirePermission(a, IMPORT_PERMISSION[kind]);
      if (adding.some((p) => isClassified(classificationOf(p.kind, p.record)))) requirePermission(a, 'classified.manage');

      const added = emptyCounts();
      const perRecord: Parameters<AuditSink>[0][] = [];
      const from = `来自 ${pkg.sender.unitName || '（未署单位）'} 迁移包 ${pkg.packageId}`;
      for (const { kind, record } of adding) {
        added[kind] += 1;
        switch (kind) {
          case 'incoming': {
            const r = record as IncomingRecord;
            await db.incoming.add(r);
            await writeProjectionDelta(db, INCOMING_PROJECTION, toIndexEntry(r));
            await raiseCounter(db, INCOMING_SERIES, r.year, r.seq);
            perRecord.push({ action: '迁移导入收文', entityType: '收文', entityId: r.id, summary: `${recordLabel('incoming', r)}，${from}` });
            break;
          }
          case 'carriers': {
            const c = record as CarrierRecord;
            await putCarrier(db, carrierTableWriter(db), c, true);
            const n = yearAndSeq(c.serial);
            if (n) await raiseCounter(db, CARRIER_SERIES, n.year, n.seq);
            perRecord.push({ action: '迁移导入涉密载体', entityType: '涉密载体', entityId: c.id, summary: `${carrierAuditLabel(c)}，${from}${pkg.classifiedMode ? `（发送方按${pkg.classifiedMode}登记）` : ''}` });
            break;
          }
          case 'meetings': {
            const m = record as MeetingRecord;
            await db.meetings.add(m);
            if (m.issued) await raiseCounter(db, minutesSeries(m.meetingType), m.issued.year, m.issued.seq);
            perRecord.push({ action: '迁移导入会议', entityType: '会议', entityId: m.id, summary: `${meetingAuditLabel(m)}${m.issued ? ` ${m.issued.number}` : ''}，${from}` });
            break;
          }
          case 'tasks': {
            const t = record as TaskRecord;
            await db.tasks.add(t);
            const n = yearAndSeq(t.serial);
            if (n) await raiseCounter(db, TASK_SERIES, n.year, n.seq);
            perRecord.push({ action: '迁移导入督办', entityType: '督办', entityId: t.id, summary: `${t.serial}，${from}` });
            break;
          }
        }
      }
      const byStatus = Object.fromEntries(TRANSFER_ROW_STATUSES.map((s) => [s, 0])) as Record<TransferRowStatus, number>;
      for (const p of plan) byStatus[p.status] += 1;
      const skipped = plan.filter((p) => p.status !== '新增' && p.status !== '已存在（相同）');
      const nothingNew = adding.length === 0;
      audit({
        action: nothingNew ? '导入迁移包（无新增）' : '导入迁移包',
        entityType: '迁移包',
        entityId: pkg.packageId,
        summary: `${from}（${pkg.sender.userName}，${pkg.createdAt.slice(0, 10)} 生成，接收单位 ${pkg.recipient}）：新增 ${describeCounts(added)}；已存在（相同）${byStatus['已存在（相同）']} 条${
          skipped.length ? `；未导入 ${skipped.length} 条：${skipped.slice(0, 20).map((p) => `${recordLabel(p.kind, p.record)}（${p.status.startsWith('编号冲突') ? '编号冲突' : '本机记录不同'}）`).join('、')}${skipped.length > 20 ? ' 等' : ''}` : ''
        }`,
        details: {
          packageId: pkg.packageId,
          sender: pkg.sender,
          recipient: pkg.recipient,
          createdAt: pkg.createdAt,
          added,
          byStatus,
          skipped: skipped.slice(0, 200).map((p) => ({ kind: p.kind, id: p.record.id, status: p.status })),
        },
      });
      for (const d of perRecord) audit(d);
      return { packageId: pkg.packageId, added, byStatus };
    },
    now,
  );
}
