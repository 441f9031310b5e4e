import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { INCOMING_CARRIER_LOCATION } from './carrier-details';
import type { CarrierOrigin, CarrierRecord } from './carrier-types';
import type { IsoDate } from './dates';
import { minutesDocNumber, minutesIssueDate, estimateMinutesPages } from './filing';
import { duplicateKeyOf, normalizeRegistration } from './incoming-registration';
import type { ForeignMinutes, ForeignStep, IncomingOrigin, IncomingRecord, PersonRef, Registration } from './incoming-types';
import type { MeetingRecord } from './meeting-types';
import { RuleError } from './rule-error';

// 送往其他单位 (issue #20): what a 迁移包 brings from another unit is, for the receiver, incoming
// material. Each 收文 or issued 纪要 of the sender becomes the receiver's own new 收文 (its next
// number, 来文单位 = the sender, the sender's number kept as 原编号); each 涉密载体 a new entry of the
// receiver's 台账 (new 编号, 原编号 kept). The sender's history stays with the record as the
// sender's part (`origin`), read-only; the receiver's own procedure then runs as on any 收文.
// Pure: the repository takes the numbers and people, calls these, and writes the results.
//
// Identity: the receiver's record id is derived from the sender's record id (receivedIdOf), so a
// second import of the same record, from the same package or another, finds it by primary key.

/** The sender of a package, as its meta names it (TransferMeta.sender). */
export interface ForeignSender {
  unitName: string;
  fondsCode?: string;
}

/** What receiving one record needs from the import: who, when, from where, and the new number. */
export interface ReceiveContext {
  sender: ForeignSender;
  packageId: string;
  /** The import day: the 收文日期 of a received 收文. */
  today: IsoDate;
  now: Date;
  /** The person importing: 签收人 and the history's 登记 line. */
  actor: { id: string; name: string };
  /** The receiver's new number: 收文 year/seq/serial, or the carrier's 编号 (serial; year/seq of it). */
  number: { year: number; seq: number; serial: string };
  // --- carriers only -------------------------------------------------------------------------
  /** 保管人 (default: the person importing, the 保密员). */
  custodian?: PersonRef;
  /** 知悉范围: the mapped people (an unmapped person is never here); none: the 保管人 alone. */
  knowers?: readonly PersonRef[];
  /** 存放位置 (default: 机要室保密柜, where carriers registered through 收文 go). */
  location?: string;
  /** How the sender booked its classified carriers out (TransferMeta.classifiedMode); default 移交. */
  classifiedMode?: '复制' | '移交';
  /** The receiver's 收文 for a sender's 收文 id (received in this package or an earlier one). */
  incomingOf?(senderIncomingId: string): { id: string; serial: string } | undefined;
  // --- 收文 only ------------------------------------------------------------------------------
  /** Sender ids of the carriers arriving with this package: a received 收文 links their received ids. */
  arrivingCarrierIds?: ReadonlySet<string>;
}

/** Taking in a newer version of the sender's part: which package, when, by whom. */
export interface ForeignUpdateContext {
  packageId: string;
  now: Date;
  actor: { id: string; name: string };
}

/**
 * The same sender record, arriving again: its sender part unchanged (same), changed in a later
 * version (newer: an update may be offered, never forced), or neither (an older version, a
 * changed record of the same version, or not this record at all: nothing is offered).
 */
export type ForeignComparison = 'same' | 'newer' | 'older-or-different';

// --- identity --------------------------------------------------------------------------------

/**
 * The receiver's id for the sender's record `senderId` of register `kind` ('incoming',
 * 'meetings', 'carriers'): a UUID-shaped hash (version 8, RFC 9562), the same on every PC and for
 * every package carrying that record.
 */
export function receivedIdOf(kind: string, senderId: string): string {
  const h = bytesToHex(sha256(utf8ToBytes(`wenshu-transfer-receive\u0000${kind}\u0000${senderId}`))).slice(0, 32).split('');
  h[12] = '8';
  h[16] = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

// --- the sender's part -----------------------------------------------------------------------

function foreignSteps(history: readonly { action: string; at: string; byName: string; note?: string | undefined }[]): ForeignStep[] {
  // No account ids: they name the sender's accounts, unknown here.
  return history.map((h) => ({ action: h.action, at: h.at, byName: h.byName, ...(h.note ? { note: h.note } : {}) }));
}

/** 会议类型〔年〕第N期: the 纪要's number with its year (第3期 recurs every year). */
export function minutesReference(m: Pick<MeetingRecord, 'meetingType'> & { issued?: { number: string; year: number } | undefined }): string {
  if (!m.issued) throw new RuleError('纪要尚未签发');
  const own = minutesDocNumber(m);
  return `${m.meetingType}〔${m.issued.year}〕${own.slice(m.meetingType.length)}`;
}

function minutesOf(m: MeetingRecord): ForeignMinutes {
  const i = m.issued!;
  return {
    meetingName: m.name,
    meetingType: m.meetingType,
    meetingDate: m.meetingDate,
    host: m.host,
    topics: [...m.topics],
    title: i.title,
    paragraphs: [...i.paragraphs],
    decisions: i.decisions.map((d) => ({ content: d.content, unit: d.unit, person: d.person, dueDate: d.dueDate })),
    ...(i.copyTo?.length ? { copyTo: [...i.copyTo] } : {}),
    ...(i.printedBy ? { printedBy: i.printedBy } : {}),
    ...(i.printedOn ? { printedOn: i.printedOn } : {}),
    issuedAt: i.issuedAt,
    issuedByName: i.issuedByName,
  };
}

/** The parts of an incoming origin that come from the sender's record (what an update replaces). */
type IncomingSenderPart = Pick<IncomingOrigin, 'kind' | 'number' | 'recordId' | 'version' | 'state' | 'fromUnit' | 'history' | 'minutes'>;
type CarrierSenderPart = Pick<CarrierOrigin, 'serial' | 'recordId' | 'version' | 'history'>;

function isMeeting(row: IncomingRecord | MeetingRecord): row is MeetingRecord {
  return 'minutesState' in row;
}

function incomingSenderPart(row: IncomingRecord | MeetingRecord): IncomingSenderPart {
  if (isMeeting(row)) {
    return { kind: '纪要', number: minutesReference(row), recordId: row.id, version: row.updatedAt, state: row.minutesState, history: foreignSteps(row.history), minutes: minutesOf(row) };
  }
  return { kind: '收文', number: row.serial, recordId: row.id, version: row.updatedAt, state: row.state, fromUnit: row.fromUnit, history: foreignSteps(row.history) };
}

function carrierSenderPart(row: CarrierRecord): CarrierSenderPart {
  return { serial: row.serial, recordId: row.id, version: row.updatedAt, history: foreignSteps(row.history) };
}

function senderUnit(ctx: Pick<ReceiveContext, 'sender'>): string {
  const unit = ctx.sender.unitName.trim();
  if (!unit) throw new RuleError('迁移包未写明发送单位，不能作为来文登记');
  return unit;
}

function fonds(ctx: Pick<ReceiveContext, 'sender'>): { fondsCode?: string } {
  return ctx.sender.fondsCode ? { fondsCode: ctx.sender.fondsCode } : {};
}

// --- 收文 and 纪要 → the receiver's 收文 ------------------------------------------------------------

/** Why a sender's meeting cannot go to another unit as a 收文 (its 纪要 is not issued); null: it can. */
export function minutesReceiveRefusal(m: Pick<MeetingRecord, 'issued' | 'meetingDate' | 'meetingType'>): string | null {
  return m.issued ? null : `${m.meetingDate} ${m.meetingType}的纪要尚未签发，不能送往其他单位`;
}

const SUMMARY_MAX = 2000;

/** 摘要 of a received 纪要: the meeting and its 议题 (what the registration form allows: 2000 characters). */
function minutesSummary(m: MeetingRecord): string {
  const text = `${m.name}（${m.meetingDate}）${m.topics.length ? `，议题：${m.topics.join('；')}` : ''}`;
  const chars = Array.from(text);
  return chars.length > SUMMARY_MAX ? `${chars.slice(0, SUMMARY_MAX - 1).join('')}…` : text;
}

function registrationOf(row: IncomingRecord | MeetingRecord, unit: string, ctx: ReceiveContext): Registration {
  const base = { receivedDate: ctx.today, fromUnit: unit, signedBy: ctx.actor.name };
  if (isMeeting(row)) {
    const i = row.issued!;
    const written = i.printedOn ?? minutesIssueDate(row);
    return {
      ...base,
      docNumber: minutesReference(row),
      title: i.title.trim() || `${row.name}纪要`,
      docType: '纪要',
      classification: row.classification,
      ...(row.secrecyTerm ? { secrecyTerm: row.secrecyTerm } : {}),
      copies: 1,
      pages: estimateMinutesPages(row),
      urgency: '普通',
      // 成文日期 never after 收文日期 (the registration rule): a clock ahead at the sender is not carried.
      ...(written <= ctx.today ? { writtenDate: written } : {}),
      // 议定事项 ask something of someone: handled in full; minutes for information are read (阅件).
      handling: i.decisions.length ? '办件' : '阅件',
      summary: minutesSummary(row),
    };
  }
  return {
    ...base,
    docNumber: row.docNumber,
    title: row.title,
    docType: row.docType,
    classification: row.classification,
    ...(row.secrecyTerm ? { secrecyTerm: row.secrecyTerm } : {}),
    ...(row.copyNumber ? { copyNumber: row.copyNumber } : {}),
    copies: row.copies,
    pages: row.pages,
    urgency: row.urgency,
    ...(row.writtenDate && row.writtenDate <= ctx.today ? { writtenDate: row.writtenDate } : {}),
    ...(row.attachments ? { attachments: row.attachments } : {}),
    handling: row.handling,
    ...(row.summary ? { summary: row.summary } : {}),
  };
}

/**
 * The receiver's new 收文 for a sender's 收文 (kind 收文) or issued 纪要 (kind 纪要): the receiver's
 * number, 收文日期 = the import day, 来文单位 = the sender unit, 来文字号 = the sender's 来文字号 (a
 * 纪要: 会议类型〔年〕第N期), 原编号 = the sender's number, registered (已登记) by the person importing,
 * with the sender's history and (纪要) text as its read-only sender part. Nobody is named on it yet
 * (承办 and 传阅 are the receiver's), so a classified one is seen by 秘书 and 保密员 only.
 */
export function receiveAsIncoming(row: IncomingRecord, kind: '收文', ctx: ReceiveContext): IncomingRecord;
export function receiveAsIncoming(row: MeetingRecord, kind: '纪要', ctx: ReceiveContext): IncomingRecord;
export function receiveAsIncoming(row: IncomingRecord | MeetingRecord, kind: '收文' | '纪要', ctx: ReceiveContext): IncomingRecord;
export function receiveAsIncoming(row: IncomingRecord | MeetingRecord, kind: '收文' | '纪要', ctx: ReceiveContext): IncomingRecord {
  if (isMeeting(row) !== (kind === '纪要')) throw new RuleError(`迁移包中的记录不是${kind}`);
  if (isMeeting(row)) {
    const refusal = minutesReceiveRefusal(row);
    if (refusal) throw new RuleError(refusal);
  }
  const unit = senderUnit(ctx);
  const reg = normalizeRegistration(registrationOf(row, unit, ctx));
  const part = incomingSenderPart(row);
  const at = ctx.now.toISOString();
  const arriving = ctx.arrivingCarrierIds;
  const carrierIds = isMeeting(row) || !arriving ? [] : (row.carrierIds ?? []).filter((id) => arriving.has(id)).map((id) => receivedIdOf('carriers', id));
  const origin: IncomingOrigin = {
    kind: part.kind,
    unit,
    ...fonds(ctx),
    number: part.number,
    recordId: part.recordId,
    version: part.version,
    packageId: ctx.packageId,
    receivedAt: at,
    state: part.state,
    ...(part.fromUnit ? { fromUnit: part.fromUnit } : {}),
    history: part.history,
    ...(part.minutes ? { minutes: part.minutes } : {}),
  };
  return {
    ...reg,
    id: receivedIdOf(isMeeting(row) ? 'meetings' : 'incoming', row.id),
    year: ctx.number.year,
    seq: ctx.number.seq,
    serial: ctx.number.serial,
    legacyNumber: part.number,
    origin,
    state: '已登记',
    duplicateKey: duplicateKeyOf(reg.fromUnit, reg.docNumber),
    circulation: [],
    reminders: [],
    namedUserIds: [],
    ...(carrierIds.length ? { carrierIds } : {}),
    history: [{ action: '登记', at, byId: ctx.actor.id, byName: ctx.actor.name, note: `由迁移包接收：来自${unit}，原编号 ${part.number}（迁移包 ${ctx.packageId}）` }],
    createdAt: at,
    updatedAt: at,
  };
}

// --- 涉密载体 → the receiver's 台账 ----------------------------------------------------------------

function mappedPeople(people: readonly PersonRef[]): PersonRef[] {
  const seen = new Set<string>();
  const out: PersonRef[] = [];
  for (const p of people) {
    const userId = p.userId.trim();
    // A person without an account here is not mapped: never in a 知悉范围.
    if (!userId || seen.has(userId)) continue;
    seen.add(userId);
    out.push({ userId, name: p.name });
  }
  return out;
}

/**
 * The receiver's new carrier for a sender's carrier: new 编号, 原编号 kept (origin.serial), 份号,
 * 密级, 保密期限, 名称, type, 数量, 页数 and 来文字号 kept; 来源 = the receiver's 收文 when it came
 * with one (ctx.incomingOf), else 外单位 (the sender); the given 保管人 and 知悉范围; 在库, with a 登记
 * line that is this side's record of the sender's 移交 (or 复制).
 */
export function receiveCarrier(row: CarrierRecord, ctx: ReceiveContext): CarrierRecord {
  const unit = senderUnit(ctx);
  const at = ctx.now.toISOString();
  const mode = ctx.classifiedMode ?? '移交';
  const incoming = row.source.kind === '收文' ? ctx.incomingOf?.(row.source.incomingId) : undefined;
  const custodian: PersonRef = ctx.custodian ? { userId: ctx.custodian.userId, name: ctx.custodian.name } : { userId: ctx.actor.id, name: ctx.actor.name };
  const knowers = mappedPeople(ctx.knowers ?? []);
  const part = carrierSenderPart(row);
  const what = mode === '移交' ? '移交' : '复制件（电子副本）';
  return {
    id: receivedIdOf('carriers', row.id),
    serial: ctx.number.serial,
    name: row.name,
    carrierType: row.carrierType,
    classification: row.classification,
    secrecyTerm: row.secrecyTerm,
    secrecyStart: row.secrecyStart,
    copyNumber: row.copyNumber,
    quantity: row.quantity,
    ...(row.pages !== undefined ? { pages: row.pages } : {}),
    ...(row.docNumber ? { docNumber: row.docNumber } : {}),
    source: incoming ? { kind: '收文', incomingId: incoming.id, incomingSerial: incoming.serial } : { kind: '外单位', unit },
    origin: { unit, ...fonds(ctx), serial: part.serial, recordId: part.recordId, version: part.version, mode, packageId: ctx.packageId, receivedAt: at, history: part.history },
    knowers: knowers.length ? knowers : [custodian],
    custodian,
    location: ctx.location?.trim() || INCOMING_CARRIER_LOCATION,
    state: '在库',
    loans: [],
    copies: [],
    markingHistory: [],
    history: [
      {
        action: '登记',
        at,
        byId: ctx.actor.id,
        byName: ctx.actor.name,
        note: `接收${unit}${what}，原编号 ${row.serial}（迁移包 ${ctx.packageId}）${incoming ? `；随收文 ${incoming.serial}` : ''}`,
      },
    ],
    createdAt: at,
    updatedAt: at,
  };
}

// --- the same record again: same, newer, or not ------------------------------------------------

/** Deep equality of plain data, where an absent key and an undefined one are the same. */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameData(x, b[i]));
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!sameData(ao[k], bo[k])) return false;
  return true;
}

function instantMs(v: string): number {
  const t = Date.parse(v);
  return Number.isNaN(t) ? -Infinity : t;
}

function isCarrier(r: IncomingRecord | CarrierRecord): r is CarrierRecord {
  return 'custodian' in r;
}

/**
 * The receiver's record `existing` (found by receivedIdOf) against the sender's record `row`
 * arriving again: same (its sender part unchanged), newer (the sender's record changed since:
 * an update of the sender part may be offered), or older-or-different (an older version, a
 * different record under the same id, or a record not received from another unit).
 */
export function compareForeign(existing: IncomingRecord, row: IncomingRecord | MeetingRecord): ForeignComparison;
export function compareForeign(existing: CarrierRecord, row: CarrierRecord): ForeignComparison;
export function compareForeign(existing: IncomingRecord | CarrierRecord, row: IncomingRecord | MeetingRecord | CarrierRecord): ForeignComparison;
export function compareForeign(existing: IncomingRecord | CarrierRecord, row: IncomingRecord | MeetingRecord | CarrierRecord): ForeignComparison {
  const origin = existing.origin;
  if (!origin || origin.recordId !== row.id) return 'older-or-different';
  let now: object;
  let had: object;
  if (isCarrier(existing)) {
    if (!('custodian' in row)) return 'older-or-different';
    const o = existing.origin!;
    now = carrierSenderPart(row);
    had = { serial: o.serial, recordId: o.recordId, version: o.version, history: o.history };
  } else {
    if ('custodian' in row) return 'older-or-different';
    if (isMeeting(row) && !row.issued) return 'older-or-different';
    const o = existing.origin!;
    if (o.kind !== (isMeeting(row) ? '纪要' : '收文')) return 'older-or-different';
    now = incomingSenderPart(row);
    had = { kind: o.kind, number: o.number, recordId: o.recordId, version: o.version, state: o.state, fromUnit: o.fromUnit, history: o.history, minutes: o.minutes };
  }
  if (sameData(now, had)) return 'same';
  return instantMs(row.updatedAt) > instantMs(origin.version) ? 'newer' : 'older-or-different';
}

/** Why the sender part of `existing` may not be updated (a filed 收文 is read-only); null: it may. */
export function foreignUpdateRefusal(existing: IncomingRecord | CarrierRecord): string | null {
  if (!existing.origin) return '该记录不是从其他单位接收的';
  if (!isCarrier(existing) && existing.filed) return `收文 ${existing.serial} 已归档，不能更新来文单位办理记录`;
  return null;
}

/**
 * `existing` with its sender part replaced by that of the newer `row` (history, state, 纪要 text,
 * version, package), and a line in its own history saying so. The receiver's own fields and
 * procedure are untouched. Throws (RuleError) when foreignUpdateRefusal says no, or when `row`
 * is not newer (compareForeign).
 */
export function updateForeignOrigin(existing: IncomingRecord, row: IncomingRecord | MeetingRecord, ctx: ForeignUpdateContext): IncomingRecord;
export function updateForeignOrigin(existing: CarrierRecord, row: CarrierRecord, ctx: ForeignUpdateContext): CarrierRecord;
export function updateForeignOrigin(existing: IncomingRecord | CarrierRecord, row: IncomingRecord | MeetingRecord | CarrierRecord, ctx: ForeignUpdateContext): IncomingRecord | CarrierRecord;
export function updateForeignOrigin(existing: IncomingRecord | CarrierRecord, row: IncomingRecord | MeetingRecord | CarrierRecord, ctx: ForeignUpdateContext): IncomingRecord | CarrierRecord {
  const refusal = foreignUpdateRefusal(existing);
  if (refusal) throw new RuleError(refusal);
  if (compareForeign(existing, row) !== 'newer') throw new RuleError('迁移包中的这条记录不比本机已接收的新，无需更新');
  const at = ctx.now.toISOString();
  const note = `更新来文单位办理记录（迁移包 ${ctx.packageId}）`;
  if (isCarrier(existing)) {
    const o = existing.origin!;
    const part = carrierSenderPart(row as CarrierRecord);
    return {
      ...existing,
      origin: { ...o, serial: part.serial, version: part.version, history: part.history, packageId: ctx.packageId, refreshedAt: at },
      history: [...existing.history, { action: '变更', at, byId: ctx.actor.id, byName: ctx.actor.name, note }],
      updatedAt: at,
    };
  }
  const o = existing.origin!;
  const part = incomingSenderPart(row as IncomingRecord | MeetingRecord);
  const { fromUnit: _f, minutes: _m, ...rest } = o;
  const origin: IncomingOrigin = {
    ...rest,
    number: part.number,
    version: part.version,
    state: part.state,
    history: part.history,
    ...(part.fromUnit ? { fromUnit: part.fromUnit } : {}),
    ...(part.minutes ? { minutes: part.minutes } : {}),
    packageId: ctx.packageId,
    refreshedAt: at,
  };
  return {
    ...existing,
    origin,
    history: [...existing.history, { action: '修改', at, byId: ctx.actor.id, byName: ctx.actor.name, note }],
    updatedAt: at,
  };
}
