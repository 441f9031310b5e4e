import type { CarrierRecord } from './carrier-types';
import { isClassified, type Classification } from './enums';
import type { ArchiveRecord } from './filing-types';
import type { IncomingRecord } from './incoming-types';
import type { MeetingRecord } from './meeting-types';
import type { OutgoingRecord } from './outgoing-types';
import { can, type Role } from './permissions';

// Need to know (知悉范围, 保密法): the one home of every "may this person see this record's
// content" decision, of what a person outside it sees instead (the masked views), of the one mask
// text, and of how the audit log names a record without leaking a classified title. Lists, search,
// detail, 工作台, prints, exports, 迁移包 and audit summaries all ask here (through the registry of
// registers, shared/domain/registers/), so the rule is found with one search and changed once.

/** What stands in for a title (标题, 名称, 会议名称, 题名) the reader may not see. */
export const MASK = '【涉密】';

/** Whoever asks: their account id and roles (a disabled account's roles are already gone). */
export interface NeedToKnowActor {
  id: string;
  roles: readonly Role[];
}

// --- 收文 ----------------------------------------------------------------------------------------

/**
 * 收文 (issue 3): anyone with 查阅 sees a non-secret record; for 秘密 and above, only 秘书, 保密员
 * and the people named in its 承办 or 传阅 (namedUserIds) see 标题 and content.
 */
export function canSeeIncomingContent(user: NeedToKnowActor, record: { classification: Classification; namedUserIds: readonly string[] }): boolean {
  if (!isClassified(record.classification)) return true;
  if (user.roles.includes('秘书') || user.roles.includes('安全保密管理员')) return true;
  return record.namedUserIds.includes(user.id);
}

/**
 * What a user outside the need-to-know may see of a classified 收文: an allow-list (number,
 * dates, 密级, 紧急程度, state, who holds it, deadlines) — every free text and every name is
 * replaced, so a field added later stays hidden unless someone decides otherwise.
 */
export function maskIncoming(r: IncomingRecord): IncomingRecord {
  return {
    id: r.id,
    year: r.year,
    seq: r.seq,
    serial: r.serial,
    receivedDate: r.receivedDate,
    fromUnit: '',
    docNumber: '',
    title: MASK,
    docType: '其他',
    classification: r.classification,
    copies: r.copies,
    pages: 0,
    urgency: r.urgency,
    signedBy: '',
    handling: r.handling,
    state: r.state,
    duplicateKey: '',
    circulation: [],
    reminders: [],
    namedUserIds: [],
    ...(r.dueDate ? { dueDate: r.dueDate } : {}),
    // 档号 and the day of filing are not content: everyone may see that a record is filed.
    ...(r.filed ? { filed: r.filed } : {}),
    history: r.history.map((h) => ({ action: h.action, at: h.at, byId: h.byId, byName: h.byName })),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

// --- 发文 ----------------------------------------------------------------------------------------

/**
 * 发文 (issue #16), as for 收文: anyone with 查阅 sees a non-secret record; for 秘密 and above, only
 * 秘书, 保密员 and the people named on it (拟稿人, 核稿人, 签发人 with an account: namedUserIds).
 */
export function canSeeOutgoingContent(user: NeedToKnowActor, record: { classification: Classification; namedUserIds: readonly string[] }): boolean {
  if (!isClassified(record.classification)) return true;
  if (user.roles.includes('秘书') || user.roles.includes('安全保密管理员')) return true;
  return record.namedUserIds.includes(user.id);
}

/**
 * What a user outside the need to know sees of a classified 发文: an allow-list (文号, 密级, 紧急程度,
 * state, dates, who acted and when, copies and 份号 handed over) — every free text, unit and name
 * is replaced, so a field added later stays hidden unless someone decides otherwise.
 */
export function maskOutgoing(r: OutgoingRecord): OutgoingRecord {
  return {
    id: r.id,
    state: r.state,
    title: MASK,
    docType: '其他',
    direction: r.direction,
    seriesId: r.seriesId,
    mainTo: [],
    copyTo: [],
    classification: r.classification,
    urgency: r.urgency,
    draftingUnit: { id: '', name: '' },
    drafter: { userId: '', name: '' },
    countersignUnits: [],
    printCopies: r.printCopies,
    disclosure: r.disclosure,
    draftYear: r.draftYear,
    ...(r.year !== undefined ? { year: r.year } : {}),
    ...(r.seq !== undefined ? { seq: r.seq } : {}),
    // The 文号 is on the envelope and in the 台账: a number, not content.
    ...(r.docNumber ? { docNumber: r.docNumber } : {}),
    ...(r.writtenDate ? { writtenDate: r.writtenDate } : {}),
    returns: [],
    countersigns: [],
    distributions: r.distributions.map((d) => ({ ...d, unit: '', receivedBy: '' })),
    ...(r.printing ? { printing: { ...r.printing } } : {}),
    namedUserIds: [],
    ...(r.filed ? { filed: r.filed } : {}),
    history: r.history.map((h) => ({ action: h.action, at: h.at, byId: h.byId, byName: h.byName })),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

// --- 涉密载体 ------------------------------------------------------------------------------------

/** The people around a carrier, as the 台账's search projection keeps them (ids only). */
export interface CarrierAudience {
  custodianId: string;
  knowerIds: readonly string[];
  borrowerId?: string | undefined;
}

export function carrierAudience(r: Pick<CarrierRecord, 'custodian' | 'knowers' | 'loan'>): CarrierAudience {
  return { custodianId: r.custodian.userId, knowerIds: r.knowers.map((k) => k.userId), ...(r.loan ? { borrowerId: r.loan.borrower.userId } : {}) };
}

/**
 * A carrier's content (名称, who keeps it, where, who knows of it, its loans): the 保密员 who keeps
 * the register, its 保管人, the people in its 知悉范围, and whoever has it on loan. Everyone else
 * sees the allow-list of maskCarrier. (Unlike the other registers this holds whatever the 密级: a
 * carrier is in the 台账 because it is controlled.)
 */
export function canSeeCarrier(actor: NeedToKnowActor, e: CarrierAudience): boolean {
  return can(actor, 'classified.manage') || e.custodianId === actor.id || e.knowerIds.includes(actor.id) || e.borrowerId === actor.id;
}

/**
 * What a reader outside the need to know sees of a carrier: an allow-list, 编号 (with its 份号,
 * part of the number the audit log names every carrier by), 密级 and 状态. Every other field is
 * blank or empty (保管人, 存放位置, 借阅, 来源, history …), so a field added later stays hidden
 * unless someone decides otherwise. `carrierType` has no blank value: it holds a placeholder the
 * screens do not show for a masked carrier.
 */
export function maskCarrier(r: CarrierRecord): CarrierRecord {
  return {
    id: r.id,
    serial: r.serial,
    copyNumber: r.copyNumber,
    classification: r.classification,
    state: r.state,
    name: MASK,
    carrierType: '其他',
    secrecyTerm: null,
    secrecyStart: '',
    quantity: 0,
    source: { kind: '自制', unit: '' },
    knowers: [],
    custodian: { userId: '', name: '' },
    location: '',
    loans: [],
    copies: [],
    markingHistory: [],
    history: [],
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

// --- 会议 and 纪要 --------------------------------------------------------------------------------

/** A classified meeting's content: its managers (会议管理) and the people invited to it. */
export function canSeeMeeting(actor: NeedToKnowActor, record: Pick<MeetingRecord, 'classification' | 'invitees'>): boolean {
  if (!isClassified(record.classification)) return true;
  return can(actor, 'meetings.manage') || record.invitees.some((i) => i.userId === actor.id);
}

/** A classified meeting outside the need to know: day, type, 密级, state and who acted stay; words go. */
export function maskMeeting(m: MeetingRecord): MeetingRecord {
  const { draft: _d, issued, ...rest } = m;
  return {
    ...rest,
    name: MASK,
    location: '',
    topics: [],
    attendance: {},
    corrections: [],
    ...(issued ? { issued: { ...issued, title: MASK, paragraphs: [], decisions: [] } } : {}),
    history: m.history.map((h) => ({ action: h.action, at: h.at, byId: h.byId, byName: h.byName })),
  };
}

// --- 归档 catalogue ------------------------------------------------------------------------------

/** A catalogue entry (归档文件目录) outside the need to know: 题名 masked, 文号/责任者/备注 blank. */
export function maskCatalogueEntry<E extends { title: string; docNumber: string; responsible: string; remarks: string }>(e: E): E {
  return { ...e, title: MASK, docNumber: '', responsible: '', remarks: '' };
}

/**
 * A filed 件 (档案查阅) outside the need to know of its source record: the catalogue entry masked,
 * and of its 更正 only when and by whom (the old and new texts and the reason are content).
 */
export function maskArchiveRecord(e: ArchiveRecord): ArchiveRecord {
  return { ...maskCatalogueEntry(e), corrections: e.corrections.map((c) => ({ at: c.at, byId: c.byId, byName: c.byName, reason: '', before: {}, after: {} })) };
}

// --- the audit log ---------------------------------------------------------------------------

/** How the audit log may name one record: the parts a register's descriptor gives. */
export interface AuditNameParts {
  /** The record's number (收文编号, 载体编号, meeting day, 督办编号). */
  number: string;
  /** The title, shown only when the record is not classified; absent: never shown. */
  title?: string;
  classification: Classification;
  /** Said instead of `number` when the title is withheld (a classified meeting: day and type). */
  hiddenNumber?: string;
  /** Always appended (a carrier's 份号). */
  suffix?: string;
  /** Name the 密级 even when it is not classified (the 台账 names every carrier's 密级). */
  alwaysMark?: boolean;
}

/**
 * The one way the audit log names a record: by number and 密级 when classified (the 审计员 reads
 * the log and is outside every need to know), else by number and 《title》.
 */
export function auditName(p: AuditNameParts): string {
  const suffix = p.suffix ?? '';
  if (isClassified(p.classification)) return `${p.hiddenNumber ?? p.number}【${p.classification}】${suffix}`;
  if (p.alwaysMark) return `${p.number}【${p.classification}】${suffix}`;
  return p.title === undefined ? `${p.number}${suffix}` : `${p.number}《${p.title}》${suffix}`;
}
