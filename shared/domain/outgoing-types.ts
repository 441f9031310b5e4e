import type { IsoDate } from './dates';
import type { Classification, DocType, SecrecyTerm, Urgency } from './enums';
import type { FiledMarker } from './filing-types';
import type { DepartmentRef, PersonRef } from './incoming-types';

// 发文 (DOMAIN.md §10, 条例 §19–22 and §25): the record as stored and the shape of the 文号台账.
// The rules that move a record from one state to the next live in outgoing.ts; this file is only
// the shape.

/**
 * States, in the procedure's order. 草稿 is editable (拟稿, and again after 退回修改); 待会签 is
 * skipped when no unit countersigns; 已核发 once every 主送/抄送 unit has its copy; 已作废 is
 * final (a number taken at 登记 stays in the 文号台账 as 作废 with the reason).
 */
export const OUTGOING_STATES = [
  '草稿',
  '待核稿',
  '待会签',
  '待签发',
  '待复核',
  '待登记',
  '待印制',
  '待用印',
  '待核发',
  '已核发',
  '已作废',
] as const;
export type OutgoingState = (typeof OUTGOING_STATES)[number];

/** 行文方向: a 上行文 (请示, 报告 to a higher body) prints the 签发人 in its 版头. */
export const DOC_DIRECTIONS = ['上行文', '平行文', '下行文'] as const;
export type DocDirection = (typeof DOC_DIRECTIONS)[number];

/** 公开属性 (政府信息公开条例). */
export const DISCLOSURES = ['主动公开', '依申请公开', '不予公开'] as const;
export type Disclosure = (typeof DISCLOSURES)[number];

/** What the drafter fills in at 拟稿 (editable while 草稿). */
export interface OutgoingDraft {
  /** 标题 */
  title: string;
  /** 文种 */
  docType: DocType;
  /** 行文方向; proposed from 文种 (请示, 报告 → 上行文), may be changed. */
  direction: DocDirection;
  /** 文号 series (an id of the setting `outgoingSeries`: 县政办发, 县政办函 …). */
  seriesId: string;
  /** 主送 (unit names, in order; at least one). */
  mainTo: string[];
  /** 抄送 (unit names, in order). */
  copyTo: string[];
  /** 密级 */
  classification: Classification;
  /** 保密期限 (秘密 and above); the statutory default when unmarked. */
  secrecyTerm?: SecrecyTerm;
  /** 紧急程度 */
  urgency: Urgency;
  /** 拟稿单位 (主办单位) */
  draftingUnit: DepartmentRef;
  /** 拟稿人 */
  drafter: PersonRef;
  /** 会签单位 (optional; each records its 意见 before 签发). */
  countersignUnits: DepartmentRef[];
  /** 附件说明 (one line per attachment). */
  attachments?: string;
  /** 印制份数 */
  printCopies: number;
  /** 公开属性 */
  disclosure: Disclosure;
  /** 正文, when pasted in the app (the 红头 Word file leaves a marked place otherwise). */
  body?: string;
  /** 附注 */
  remark?: string;
}

/** One step of the procedure, who did it and when: the detail page's timeline. */
export interface OutgoingStep {
  action:
    | '拟稿'
    | '修改'
    | '送核稿'
    | '核稿'
    | '退回修改'
    | '会签'
    | '签发'
    | '复核'
    | '登记'
    | '印制'
    | '用印'
    | '核发'
    | '作废'
    | '更正'
    | '归档'
    | '添加附件'
    | '删除附件';
  at: string; // ISO instant
  byId: string;
  byName: string;
  /** 意见 / reason text, as entered. */
  note?: string;
}

/** One unit's copies handed over at 核发, and who received them. */
export interface OutgoingDistribution {
  /** The 主送/抄送 unit. */
  unit: string;
  role: '主送' | '抄送';
  /** 份数 handed over. */
  copies: number;
  /** 份号 of the copies (秘密 and above: the carriers moved by this 核发). */
  copyNumbers: string[];
  /** 签收日期 */
  date: IsoDate;
  /** 签收人 (the recipient's person, as written on the 分发签收单). */
  receivedBy: string;
  at: string;
  byName: string;
}

export interface OutgoingRecord extends OutgoingDraft {
  id: string;
  state: OutgoingState;
  /** 文号 parts, set at 登记 (never before, never changed). */
  year?: number;
  seq?: number;
  /** 文号, e.g. 县政办发〔2026〕7号 (set at 登记). */
  docNumber?: string;
  /** The series' 发文机关署名 as at 登记 (the 归档 catalogue's 责任者; the 红头's 署名). */
  issuerName?: string;
  /** 稿 year (the year of 拟稿), for lists before 登记. */
  draftYear: number;
  /** 核稿 (办公室 核稿人 and 意见). */
  review?: { reviewer: PersonRef; text: string; at: string };
  /** 退回修改, newest last. */
  returns: { reason: string; at: string; byName: string }[];
  /** 会签 意见, one per 会签单位 as recorded. */
  countersigns: { unit: DepartmentRef; signer: string; text: string; date: IsoDate; at: string }[];
  /** 签发: 签发人 from the 人员名录 (id and name as then), 签发意见, date. */
  signoff?: { signerId: string; signer: string; text: string; date: IsoDate; at: string; recordedBy: string };
  /** 成文日期 (the 签发 date unless changed at 复核). */
  writtenDate?: IsoDate;
  /** 复核 */
  recheck?: { text: string; at: string; byName: string };
  /** 登记: when the 文号 was taken. */
  registered?: { at: string; byName: string };
  /** 印制: copies printed; for 秘密 and above one 份号 (000001 …) and one 涉密载体 per copy. */
  printing?: { copies: number; copyNumbers: string[]; carrierIds: string[]; at: string; byName: string };
  /** 用印 */
  sealing?: { at: string; byName: string; note?: string };
  /** 核发: one entry per unit handed its copies. */
  distributions: OutgoingDistribution[];
  /** 作废 (withdrawn); a 文号 it held stays in the 文号台账 as 作废 with this reason. */
  voided?: { reason: string; at: string; byName: string };
  /** Users named on the record (拟稿人, 核稿人 …): they may see a classified 发文's content. */
  namedUserIds: string[];
  history: OutgoingStep[];
  /** 归档: set when filed; read-only from then on. */
  filed?: FiledMarker;
  createdAt: string;
  updatedAt: string;
}

/** A 文号 series (setting `outgoingSeries`): 机关代字 and its pattern, e.g. 县政办发〔YYYY〕N号. */
export interface DocNumberSeries {
  id: string;
  /** 机关代字, e.g. 县政办发 */
  code: string;
  /** Pattern with YYYY and one run of N (no padding for 文号: a lone N). */
  pattern: string;
  /** 发文机关标志 printed red in the 版头 (e.g. ××县人民政府办公室文件). */
  issuerMark: string;
  /** 发文机关署名 */
  issuerName: string;
  /** No longer offered for new drafts (kept: its numbers stay in the 台账). */
  retired?: boolean;
}

/** The status of one number in the 文号台账. */
export const DOC_NUMBER_STATUSES = ['已用', '作废', '预留'] as const;
export type DocNumberStatus = (typeof DOC_NUMBER_STATUSES)[number];

/**
 * One number of the 文号台账 (table `docNumbers`, id `${seriesId}|${year}|${seq}`): taken at 登记
 * (已用, linked to its 发文), or reserved (预留, for a document signed elsewhere) until used or
 * voided. A number is never deleted and never handed out twice.
 */
export interface DocNumberEntry {
  id: string;
  seriesId: string;
  year: number;
  seq: number;
  /** The 文号 as printed. */
  number: string;
  status: DocNumberStatus;
  /** The 发文 holding it (已用, or 作废 after its 发文 was withdrawn). */
  outgoingId?: string;
  /** 预留: what it is kept for; 作废: why. */
  reason?: string;
  history: { action: '登记' | '预留' | '使用预留号' | '作废'; at: string; byName: string; note?: string }[];
  createdAt: string;
  updatedAt: string;
}

/** The procedure's actions after 拟稿 (拟稿 itself creates the record; 修改 edits a 草稿). */
export type OutgoingAction =
  | { type: '送核稿' }
  /** 核稿 passed: the 办公室 核稿人 (the actor) and 意见. */
  | { type: '核稿'; text: string }
  /** Back to 草稿 with the reason (from 待核稿, 待会签, 待签发 or 待复核). */
  | { type: '退回修改'; reason: string }
  /** One 会签单位's 意见. */
  | { type: '会签'; unitId: string; signer: string; text: string; date: IsoDate }
  /** 签发人 from the 人员名录 (people id); a 上行文 must name one. */
  | { type: '签发'; signerId: string; text: string; date: IsoDate }
  | { type: '复核'; text: string; writtenDate?: IsoDate }
  /** Takes the series' next 文号 in this transaction, or uses a 预留号 (its 台账 entry id). */
  | { type: '登记'; reservedEntryId?: string }
  | { type: '印制'; copies: number }
  | { type: '用印'; note?: string }
  | { type: '核发'; unit: string; copies: number; copyNumbers: string[]; date: IsoDate; receivedBy: string }
  | { type: '作废'; reason: string };

export type OutgoingActionType = OutgoingAction['type'];
