import { z } from 'zod';
import { CARRIER_ACTION_TYPES } from './carrier';
import { CARRIER_STATES, type CarrierEvent, type CarrierRecord } from './carrier-types';
import { isoDateSchema } from './dates';
import { CARRIER_TYPES, classificationSchema, docTypeSchema, retentionPeriodSchema, secrecyTermSchema, urgencySchema } from './enums';
import type { ArchiveRecord } from './filing-types';
import { HANDLING_KINDS, INCOMING_STATES, type IncomingRecord, type IncomingStep } from './incoming-types';
import { INVITEE_ROLES, type MeetingEvent, type MeetingRecord } from './meeting-types';
import { TASK_STORED_STATES, type TaskRecord } from './supervision-types';
import { DISCLOSURES, DOC_DIRECTIONS, OUTGOING_STATES, type OutgoingRecord, type OutgoingStep } from './outgoing-types';
import type { AnyRegister, RegisterRow } from './registers/descriptor';
import { cleanText } from './text';

// 迁移包 (transfer package, issue #6): selected 收文, 涉密载体, 会议 (with their 纪要) and 督办
// records carried from one Wenshu installation to another in an encrypted file, instead of a chat
// app. The records travel exactly as stored (stable ids), so the receiving side can tell what it
// already has and a second import of the same package changes nothing. This file is the shape of
// the package's content and its checks (every record is checked field by field on import: the
// file comes from outside), and the one-time passphrase. The file itself is the backup container
// (renderer/db/backup/backup-format.ts, TRANSFER_FILE); reading and writing it is
// renderer/db/repositories/transfer.ts.

export const TRANSFER_FORMAT = 'wenshu-transfer';
/** 2: the package says its purpose (issue #20); a package of version 1 is read as 本单位其他计算机 (records kept as they are). */
export const TRANSFER_VERSION = 2;

/**
 * What a package is for, chosen when exporting (issue #20) and shown in the preview.
 * - 送往其他单位: for the receiver it is incoming material: each 收文 or 纪要 becomes the receiver's own
 *   收文 under the receiver's next number (the sender's kept as 原编号), each carrier a new entry of the
 *   receiver's 台账; the sender's history comes along read-only.
 * - 本单位其他计算机: another PC of the same office: records keep their identity and numbers (a number
 *   another record holds here is renumbered in the preview, the old one kept as 原编号), filed
 *   records keep their 档号 and archive entry.
 */
export const TRANSFER_PURPOSES = ['送往其他单位', '本单位其他计算机'] as const;
export type TransferPurpose = (typeof TRANSFER_PURPOSES)[number];

/** A package's purpose (packages of version 1 kept identities: another PC of the office). */
export function purposeOf(meta: Pick<TransferMeta, 'purpose'>): TransferPurpose {
  return meta.purpose ?? '本单位其他计算机';
}

/**
 * A package carries the records of any register of the registry (shared/domain/registers/): its
 * items are keyed by the descriptor's `kind` (收文 'incoming', 涉密载体 'carriers', …), each record
 * checked by the descriptor's `transfer.schema`. A package from before a register existed simply
 * has none of its records.
 */
export type TransferKind = string;

/** How a classified carrier leaves with a package: an electronic copy (复制) or custody passes (移交). */
export const CLASSIFIED_MODES = ['复制', '移交'] as const;
export type ClassifiedMode = (typeof CLASSIFIED_MODES)[number];

/** Records per register in one package: a year's 收文 fits; a whole database is a backup's job. */
export const MAX_TRANSFER_RECORDS = 20_000;

// --- bounds ------------------------------------------------------------------------------------
// Generous (a real record is far below them), but finite: a crafted file cannot make this PC hold
// gigabytes of one string or a million history lines.

const ID = z.string().min(1).max(100);
const SHORT = z.string().max(1_000);
// The file comes from outside: text shown to readers is cleaned like typed text (./text.ts; no
// control, bidi or zero-width characters) but not trimmed, so a record from a current sender
// arrives exactly as stored. Ids, keys, serials and numbers stay SHORT, untouched.
const LINE = z
  .string()
  .overwrite((v) => cleanText(v))
  .max(1_000);
const TEXT = z
  .string()
  .overwrite((v) => cleanText(v, { multiline: true }))
  .max(100_000);
const INSTANT = z.string().min(1).max(40);
const COUNT = z.number().int().min(0).max(1_000_000);
const list = <T extends z.ZodType>(item: T, max = 10_000) => z.array(item).max(max);

const personRefSchema = z.strictObject({ userId: SHORT, name: LINE });
const departmentRefSchema = z.strictObject({ id: SHORT, name: LINE });
const deadlineSpecSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('date'), date: isoDateSchema }),
  z.strictObject({ kind: z.literal('workdays'), days: COUNT }),
]);
const filedSchema = z.strictObject({ archiveCode: SHORT, filedAt: INSTANT });
const byAt = { at: INSTANT, byName: LINE };

/** One line of a record's history (收文, 载体, 会议): what was done, when, by whom, with a note. */
const historyLine = <A extends readonly [string, ...string[]], E extends z.ZodRawShape = Record<never, never>>(actions: A, extra?: E) =>
  z.strictObject({ action: z.enum(actions), at: INSTANT, byId: SHORT, byName: LINE, ...(extra as E), note: TEXT.optional() });

/** True only when the two unions have the same members (a `const _x: Same<…> = true` fails to compile otherwise). */
type Same<A, B> = [Exclude<A, B>, Exclude<B, A>] extends [never, never] ? true : false;
/** Fails to compile when a record type gains or loses a field the schema does not know. */
type SameKeys<A, B> = Same<keyof A, keyof B>;

// The sender's part of a record received from another unit (送往其他单位, ./transfer-receive.ts):
// it travels on when the receiver sends the record on.
const foreignStepSchema = z.strictObject({ action: LINE, at: INSTANT, byName: LINE, note: TEXT.optional() });
const foreignBase = {
  unit: LINE,
  fondsCode: SHORT.optional(),
  recordId: ID,
  version: INSTANT,
  packageId: ID,
  receivedAt: INSTANT,
  refreshedAt: INSTANT.optional(),
  history: list(foreignStepSchema),
};

// --- 收文 ----------------------------------------------------------------------------------------

// The domain has no list of its history actions, only the type: a new one fails to compile here.
const INCOMING_STEP_ACTIONS = ['初审', '退回', '拟办', '批示', '承办', '传阅', '已阅', '催办', '办结', '登记', '导入', '修改', '更正', '归档', '添加附件', '删除附件'] as const;
const _incomingActions: Same<(typeof INCOMING_STEP_ACTIONS)[number], IncomingStep['action']> = true;

export const incomingRecordSchema = z.strictObject({
  receivedDate: isoDateSchema,
  fromUnit: LINE,
  docNumber: LINE,
  title: LINE,
  docType: docTypeSchema,
  classification: classificationSchema,
  secrecyTerm: secrecyTermSchema.optional(),
  copyNumber: SHORT.optional(),
  copies: COUNT,
  pages: COUNT,
  urgency: urgencySchema,
  writtenDate: isoDateSchema.optional(),
  attachments: TEXT.optional(),
  signedBy: LINE,
  handling: z.enum(HANDLING_KINDS),
  summary: TEXT.optional(),
  id: ID,
  year: z.number().int().min(1000).max(9999),
  seq: z.number().int().min(1).max(10_000_000),
  serial: z.string().min(1).max(100),
  legacyNumber: LINE.optional(),
  origin: z
    .strictObject({
      ...foreignBase,
      kind: z.enum(['收文', '纪要']),
      number: LINE,
      state: LINE,
      fromUnit: LINE.optional(),
      minutes: z
        .strictObject({
          meetingName: LINE,
          meetingType: LINE,
          meetingDate: isoDateSchema,
          host: LINE,
          topics: list(TEXT, 1_000),
          title: LINE,
          paragraphs: list(TEXT, 2_000),
          decisions: list(z.strictObject({ content: TEXT, unit: LINE, person: LINE, dueDate: isoDateSchema }), 2_000),
          copyTo: list(LINE, 200).optional(),
          printedBy: LINE.optional(),
          printedOn: isoDateSchema.optional(),
          issuedAt: INSTANT,
          issuedByName: LINE,
        })
        .optional(),
    })
    .optional(),
  state: z.enum(INCOMING_STATES),
  duplicateKey: SHORT,
  duplicateOverride: z.strictObject({ ofId: ID, ofSerial: SHORT, reason: TEXT }).optional(),
  returned: z.strictObject({ reason: TEXT, ...byAt }).optional(),
  proposal: z.strictObject({ text: TEXT, ...byAt }).optional(),
  instruction: z.strictObject({ leader: LINE, text: TEXT, at: INSTANT, oral: z.boolean(), recordedBy: LINE }).optional(),
  assignment: z
    .strictObject({
      host: departmentRefSchema,
      cooperating: list(departmentRefSchema, 200),
      person: personRefSchema.optional(),
      deadline: deadlineSpecSchema.optional(),
      at: INSTANT,
    })
    .optional(),
  dueDate: isoDateSchema.optional(),
  hostDeptId: SHORT.optional(),
  circulation: list(z.strictObject({ userId: SHORT, name: LINE, sentAt: INSTANT, readAt: INSTANT.optional() }), 2_000),
  reminders: list(z.strictObject({ ...byAt, note: TEXT, to: LINE.optional() }), 2_000),
  result: z.strictObject({ text: TEXT, ...byAt }).optional(),
  namedUserIds: list(SHORT, 2_000),
  carrierIds: list(ID, 1_000).optional(),
  taskId: ID.optional(),
  history: list(historyLine(INCOMING_STEP_ACTIONS)),
  filed: filedSchema.optional(),
  createdAt: INSTANT,
  updatedAt: INSTANT,
}) satisfies z.ZodType<IncomingRecord>;
const _incomingKeys: SameKeys<IncomingRecord, z.infer<typeof incomingRecordSchema>> = true;

// --- 涉密载体 ------------------------------------------------------------------------------------

const markingSchema = z.strictObject({ level: classificationSchema, term: secrecyTermSchema.nullable() });
const loanSchema = z.strictObject({
  borrower: personRefSchema,
  purpose: TEXT,
  approver: personRefSchema,
  outsideScopeApprovalBy: personRefSchema.optional(),
  dueDate: isoDateSchema,
  lentAt: INSTANT,
  lentByName: LINE,
  returnedAt: INSTANT.optional(),
  returnedByName: LINE.optional(),
});
const CARRIER_EVENT_ACTIONS = [...CARRIER_ACTION_TYPES, '登记', '变更', '更正'] as const;
const _carrierActions: Same<(typeof CARRIER_EVENT_ACTIONS)[number], CarrierEvent['action']> = true;

export const carrierRecordSchema = z.strictObject({
  id: ID,
  serial: z.string().min(1).max(100),
  name: LINE,
  carrierType: z.enum(CARRIER_TYPES),
  classification: classificationSchema,
  secrecyTerm: secrecyTermSchema.nullable(),
  secrecyStart: isoDateSchema,
  copyNumber: SHORT,
  quantity: COUNT,
  pages: COUNT.optional(),
  docNumber: LINE.optional(),
  source: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('收文'), incomingId: ID, incomingSerial: SHORT }),
    z.strictObject({ kind: z.literal('自制'), unit: LINE, outgoingId: ID.optional() }),
    z.strictObject({ kind: z.literal('外单位'), unit: LINE }),
  ]),
  origin: z.strictObject({ ...foreignBase, serial: LINE, mode: z.enum(CLASSIFIED_MODES) }).optional(),
  knowers: list(personRefSchema, 2_000),
  custodian: personRefSchema,
  location: LINE,
  state: z.enum(CARRIER_STATES),
  loan: loanSchema.optional(),
  loans: list(loanSchema),
  copies: list(ID),
  copyOf: ID.optional(),
  markingHistory: list(
    z.strictObject({ action: z.enum(['解密', '降密']), ...byAt, approver: personRefSchema, basis: TEXT, from: markingSchema, to: markingSchema }),
    1_000,
  ),
  handover: z.strictObject({ kind: z.enum(['移交', '清退']), receiver: LINE, receiverKind: z.enum(['个人', '单位']), ...byAt }).optional(),
  destruction: z
    .strictObject({ approver: personRefSchema, destroyer: personRefSchema, supervisor: personRefSchema, method: LINE, place: LINE, ...byAt })
    .optional(),
  lastInventoriedAt: INSTANT.optional(),
  lastInventoryResult: z.enum(['在位', '缺失', '损坏']).optional(),
  history: list(historyLine(CARRIER_EVENT_ACTIONS, { approver: personRefSchema.optional() })),
  createdAt: INSTANT,
  updatedAt: INSTANT,
}) satisfies z.ZodType<CarrierRecord>;
const _carrierKeys: SameKeys<CarrierRecord, z.infer<typeof carrierRecordSchema>> = true;

// --- 会议 and 纪要 --------------------------------------------------------------------------------

const decisionSchema = z.strictObject({ id: ID, content: TEXT, unit: LINE, person: LINE, deadline: deadlineSpecSchema, dueDate: isoDateSchema });
const minutesContentShape = {
  title: LINE,
  paragraphs: list(TEXT, 2_000),
  decisions: list(decisionSchema, 2_000),
  // 版记 (GB/T 9704 §8): 抄送 units, 印发机关, 印发日期.
  copyTo: list(LINE, 200).optional(),
  printedBy: LINE.optional(),
  printedOn: isoDateSchema.optional(),
};
const minutesContentSchema = z.strictObject(minutesContentShape);
const MEETING_EVENT_ACTIONS = ['创建', '修改', '签到', '保存纪要', '签发', '更正', '归档', '添加附件', '删除附件'] as const;
const _meetingActions: Same<(typeof MEETING_EVENT_ACTIONS)[number], MeetingEvent['action']> = true;

export const meetingRecordSchema = z.strictObject({
  id: ID,
  name: LINE,
  meetingType: LINE,
  startAt: z.string().min(1).max(40),
  meetingDate: isoDateSchema,
  location: LINE,
  host: LINE,
  recorder: LINE,
  classification: classificationSchema,
  secrecyTerm: secrecyTermSchema.optional(),
  topics: list(TEXT, 1_000),
  invitees: list(z.strictObject({ personId: ID, name: LINE, unit: LINE, title: LINE, role: z.enum(INVITEE_ROLES), userId: SHORT.optional() }), 2_000),
  attendance: z
    .record(
      z.string().max(100),
      z.discriminatedUnion('status', [
        z.strictObject({ status: z.literal('到会') }),
        z.strictObject({ status: z.literal('代会'), deputy: z.strictObject({ name: LINE, unit: LINE, title: LINE }) }),
        z.strictObject({ status: z.literal('请假'), reason: TEXT }),
        z.strictObject({ status: z.literal('缺席') }),
      ]),
    )
    .refine((a) => Object.keys(a).length <= 2_000, '签到记录过多'),
  draft: minutesContentSchema.optional(),
  issued: z
    .strictObject({
      ...minutesContentShape,
      number: SHORT,
      year: z.number().int().min(1000).max(9999),
      seq: z.number().int().min(1).max(10_000_000),
      issuedAt: INSTANT,
      issuedById: SHORT,
      issuedByName: LINE,
    })
    .optional(),
  corrections: list(z.strictObject({ ...byAt, reason: TEXT, previous: minutesContentSchema }), 1_000),
  minutesState: z.enum(['未签发', '已签发']),
  filed: filedSchema.optional(),
  history: list(historyLine(MEETING_EVENT_ACTIONS)),
  createdAt: INSTANT,
  updatedAt: INSTANT,
}) satisfies z.ZodType<MeetingRecord>;
const _meetingKeys: SameKeys<MeetingRecord, z.infer<typeof meetingRecordSchema>> = true;

// --- 督办 ----------------------------------------------------------------------------------------

export const taskRecordSchema = z.strictObject({
  id: ID,
  serial: z.string().min(1).max(100),
  source: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('会议纪要'), meetingId: ID, minutesTitle: LINE, minutesNumber: SHORT, decisionId: ID }),
    z.strictObject({ kind: z.literal('收文批示'), incomingId: ID, incomingSerial: SHORT, leader: LINE }),
    z.strictObject({ kind: z.literal('口头交办'), assignedBy: LINE }),
  ]),
  content: TEXT,
  unit: LINE,
  person: LINE,
  dueDate: isoDateSchema,
  state: z.enum(TASK_STORED_STATES),
  progress: list(z.strictObject({ date: isoDateSchema, text: TEXT, ...byAt })),
  done: z.strictObject({ date: isoDateSchema, result: TEXT, ...byAt }).optional(),
  reminders: list(z.strictObject({ ...byAt, note: TEXT })),
  withdrawn: z.strictObject({ reason: TEXT, ...byAt }).optional(),
  createdAt: INSTANT,
  createdByName: LINE,
  updatedAt: INSTANT,
}) satisfies z.ZodType<TaskRecord>;
const _taskKeys: SameKeys<TaskRecord, z.infer<typeof taskRecordSchema>> = true;

// --- 发文 ----------------------------------------------------------------------------------------

const OUTGOING_STEP_ACTIONS = ['拟稿', '修改', '送核稿', '核稿', '退回修改', '会签', '签发', '复核', '登记', '印制', '用印', '核发', '作废', '更正', '归档', '添加附件', '删除附件'] as const;
const _outgoingActions: Same<(typeof OUTGOING_STEP_ACTIONS)[number], OutgoingStep['action']> = true;

export const outgoingRecordSchema = z.strictObject({
  title: LINE,
  docType: docTypeSchema,
  direction: z.enum(DOC_DIRECTIONS),
  seriesId: SHORT,
  mainTo: list(LINE, 1_000),
  copyTo: list(LINE, 1_000),
  classification: classificationSchema,
  secrecyTerm: secrecyTermSchema.optional(),
  urgency: urgencySchema,
  draftingUnit: departmentRefSchema,
  drafter: personRefSchema,
  countersignUnits: list(departmentRefSchema, 200),
  attachments: TEXT.optional(),
  printCopies: COUNT,
  disclosure: z.enum(DISCLOSURES),
  body: TEXT.optional(),
  remark: TEXT.optional(),
  id: ID,
  state: z.enum(OUTGOING_STATES),
  year: z.number().int().min(1000).max(9999).optional(),
  seq: z.number().int().min(1).max(10_000_000).optional(),
  docNumber: z.string().min(1).max(100).optional(),
  issuerName: LINE.optional(),
  draftYear: z.number().int().min(1000).max(9999),
  review: z.strictObject({ reviewer: personRefSchema, text: TEXT, at: INSTANT }).optional(),
  returns: list(z.strictObject({ reason: TEXT, ...byAt }), 2_000),
  countersigns: list(z.strictObject({ unit: departmentRefSchema, signer: LINE, text: TEXT, date: isoDateSchema, at: INSTANT }), 200),
  signoff: z.strictObject({ signerId: SHORT, signer: LINE, text: TEXT, date: isoDateSchema, at: INSTANT, recordedBy: LINE }).optional(),
  writtenDate: isoDateSchema.optional(),
  recheck: z.strictObject({ text: TEXT, ...byAt }).optional(),
  registered: z.strictObject(byAt).optional(),
  printing: z.strictObject({ copies: COUNT, copyNumbers: list(SHORT, 1_000), carrierIds: list(ID, 1_000), ...byAt }).optional(),
  sealing: z.strictObject({ ...byAt, note: TEXT.optional() }).optional(),
  distributions: list(
    z.strictObject({ unit: LINE, role: z.enum(['主送', '抄送']), copies: COUNT, copyNumbers: list(SHORT, 1_000), date: isoDateSchema, receivedBy: LINE, ...byAt }),
    1_000,
  ),
  voided: z.strictObject({ reason: TEXT, ...byAt }).optional(),
  namedUserIds: list(SHORT, 2_000),
  history: list(historyLine(OUTGOING_STEP_ACTIONS)),
  filed: filedSchema.optional(),
  createdAt: INSTANT,
  updatedAt: INSTANT,
}) satisfies z.ZodType<OutgoingRecord>;
const _outgoingKeys: SameKeys<OutgoingRecord, z.infer<typeof outgoingRecordSchema>> = true;

// --- the package -------------------------------------------------------------------------------

const transferSenderSchema = z.strictObject({
  /** 发送单位 */
  unitName: LINE,
  /** 全宗号 */
  fondsCode: SHORT.optional(),
  /** Who made the package (display name). */
  userName: LINE,
});

/** Everything about a package but its records: frame 0 of the file, shown before importing. */
const transferMetaSchema = z.strictObject({
  format: z.literal(TRANSFER_FORMAT),
  version: z.union([z.literal(1), z.literal(TRANSFER_VERSION)]),
  /** Absent in packages of version 1 (see purposeOf). */
  purpose: z.enum(TRANSFER_PURPOSES).optional(),
  /** Random per package: named in both sides' audit logs and on the carriers' 复制/移交 lines. */
  packageId: ID,
  createdAt: INSTANT,
  sender: transferSenderSchema,
  /** 接收单位, as the sender typed it. */
  recipient: LINE,
  appVersion: z.string().max(40),
  schemaVersion: z.number().int().min(1).max(10_000),
  /** How classified carriers in the package were recorded on the sender's side (none: no classified carrier). */
  classifiedMode: z.enum(CLASSIFIED_MODES).optional(),
  /**
   * The approval of a 复制 into the package, as the carrier rules need it (DOMAIN.md §4): the unit's
   * 安全保密管理员 for 机密/秘密 carriers, the 批准文号 of the originating office for 绝密 ones.
   */
  copyApproval: z.strictObject({ approver: personRefSchema.optional(), reference: LINE.optional() }).optional(),
});
export type TransferMeta = z.infer<typeof transferMetaSchema>;

/** The records of a package, per register kind (every register of the reading side's registry, [] for none). */
export type TransferItems = Record<TransferKind, RegisterRow[]>;

export interface TransferPackage extends TransferMeta {
  items: TransferItems;
  /**
   * The 归档文件目录 entries of the package's filed records (issue #20): sent to another PC of the
   * office, a filed record arrives with its 档号 and entry. Absent in packages for another unit.
   */
  archive?: ArchiveRecord[];
}

/** Catalogue entries per package at most (one per record). */
const MAX_ARCHIVE_ENTRIES = 5 * MAX_TRANSFER_RECORDS;

const catalogueEdit = z.strictObject({ title: LINE.optional(), docNumber: LINE.optional(), pages: COUNT.optional(), remarks: TEXT.optional() });

/** A 归档文件目录 entry as a package carries it (checked field by field: the file comes from outside). */
export const archiveEntrySchema = z.strictObject({
  docNumber: LINE,
  responsible: LINE,
  title: LINE,
  date: isoDateSchema,
  classification: classificationSchema,
  pages: COUNT,
  remarks: TEXT,
  id: ID,
  kind: SHORT,
  recordId: ID,
  recordLabel: LINE,
  fondsCode: SHORT,
  year: z.number().int().min(1000).max(9999),
  orgCode: SHORT,
  retention: retentionPeriodSchema,
  itemNo: z.number().int().min(1).max(1_000_000),
  archiveCode: z.string().min(1).max(100),
  box: z.number().int().min(0).max(1_000_000),
  filedAt: INSTANT,
  filedById: SHORT,
  filedBy: LINE,
  corrections: list(z.strictObject({ at: INSTANT, byId: SHORT, byName: LINE, reason: TEXT, before: catalogueEdit, after: catalogueEdit }), 1_000),
}) satisfies z.ZodType<ArchiveRecord>;
const _archiveKeys: SameKeys<ArchiveRecord, z.infer<typeof archiveEntrySchema>> = true;

/** A record's number as `d` shows it, or null when the record is too malformed to say (it failed its check). */
function numberOf(d: AnyRegister, row: unknown): string | null {
  try {
    const n = d.number(row as RegisterRow);
    return typeof n === 'string' && n ? n : null;
  } catch {
    return null;
  }
}

/** The same id, or the same 编号, twice in one register of a package: made by hand, not by Wenshu. */
function uniqueWithin(d: AnyRegister, rows: readonly RegisterRow[], ctx: z.RefinementCtx): void {
  const ids = new Set<string>();
  const numbers = new Set<string>();
  for (const r of rows) {
    if (ids.has(r.id)) ctx.addIssue({ code: 'custom', message: `${d.label}中有重复的记录（${r.id}）` });
    ids.add(r.id);
    const key = d.numberKey.of(r);
    if (key !== null) {
      if (numbers.has(key)) ctx.addIssue({ code: 'custom', message: `${d.label}中有重复的编号（${numberOf(d, r) ?? key}）` });
      numbers.add(key);
    }
  }
}

/** The package's check for a registry: one list per register, each record by its descriptor's schema. */
export function transferPackageSchema(registers: readonly AnyRegister[]): z.ZodType<TransferPackage> {
  const shape: Record<string, z.ZodType<RegisterRow[]>> = {};
  for (const d of registers) shape[d.kind] = z.array(d.transfer.schema).max(MAX_TRANSFER_RECORDS);
  const items = z.strictObject(shape).superRefine((all, ctx) => {
    for (const d of registers) uniqueWithin(d, all[d.kind] ?? [], ctx);
  });
  return transferMetaSchema.extend({ items, archive: z.array(archiveEntrySchema).max(MAX_ARCHIVE_ENTRIES).optional() }) as unknown as z.ZodType<TransferPackage>;
}

/**
 * Why a package's content cannot be imported, in words for the person importing: the first
 * problem, naming the register and the record (by 编号, never by 标题) where it can.
 */
export function describePackageProblem(error: z.ZodError, registers: readonly AnyRegister[], items?: Partial<Record<TransferKind, unknown[]>>): string {
  const issue = error.issues[0];
  if (!issue) return '迁移包内容无效';
  const [first, kind, index, ...rest] = issue.path;
  const d = typeof kind === 'string' ? registers.find((r) => r.kind === kind) : undefined;
  if (first === 'items' && d && typeof index === 'number') {
    const name = numberOf(d, items?.[d.kind]?.[index]) ?? `第 ${index + 1} 条`;
    const field = rest.filter((p) => typeof p === 'string').join('.');
    const unknownKeys = issue.code === 'unrecognized_keys' ? `含有本程序不认识的内容（${issue.keys.join('、')}），迁移包可能由较新版本的文枢生成，请升级后再导入` : `内容无效（${field || '记录'}）`;
    return `迁移包中的${d.label} ${name} ${unknownKeys}`;
  }
  if (first === 'items' && issue.code === 'custom') return `迁移包内容无效：${issue.message}`;
  return `迁移包内容无效（${issue.path.join('.') || issue.message}）`;
}

// --- the one-time passphrase --------------------------------------------------------------------

/** No 0/O, 1/I/L: read aloud over the phone or copied from paper without doubt. 31 symbols. */
export const PASSPHRASE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const GROUPS = 5;
const GROUP_LENGTH = 4;

/**
 * A new one-time passphrase, e.g. 'K7MQ-3XHD-WP9R-TB2F-6NCV': 20 symbols of 31, ~99 bits, drawn
 * without bias. It is shown once to the sender and never stored: it goes to the receiver by
 * phone or in person, never with the file.
 */
export function newTransferPassphrase(randomBytes: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  const n = PASSPHRASE_ALPHABET.length;
  const limit = 256 - (256 % n); // bytes ≥ limit would favour the first symbols: drawn again
  const out: string[] = [];
  while (out.length < GROUPS * GROUP_LENGTH) {
    for (const b of randomBytes(32)) {
      if (b < limit && out.length < GROUPS * GROUP_LENGTH) out.push(PASSPHRASE_ALPHABET[b % n]!);
    }
  }
  const groups: string[] = [];
  for (let i = 0; i < GROUPS; i++) groups.push(out.slice(i * GROUP_LENGTH, (i + 1) * GROUP_LENGTH).join(''));
  return groups.join('-');
}

/**
 * The passphrase as typed → the form the key is derived from: case, spaces, dashes (any width)
 * and full-width letters do not matter. Symbols outside the alphabet are kept: the key will
 * then simply not match, and the person is told the passphrase is wrong.
 */
export function normalizeTransferPassphrase(typed: string): string {
  return typed
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—―－_]+/g, '');
}
