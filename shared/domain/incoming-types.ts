import type { IsoDate } from './dates';
import type { Classification, DocType, SecrecyTerm, Urgency } from './enums';
import type { FiledMarker } from './filing-types';

// 收文 (DOMAIN.md §3): the record as stored and as the procedure sees it. The rules that move a
// record from one state to the next live in incoming.ts; this file is only the shape.

/** 办件 go the whole procedure; 阅件 (阅知性, for information) go 登记 → 传阅 → 办结. */
export const HANDLING_KINDS = ['办件', '阅件'] as const;
export type HandlingKind = (typeof HANDLING_KINDS)[number];

export const INCOMING_STATES = ['已登记', '已初审', '已拟办', '已批示', '承办中', '传阅中', '已办结', '已退回'] as const;
export type IncomingState = (typeof INCOMING_STATES)[number];

/** A user named on a record (承办人, 传阅 reader …): id for need-to-know, name as it was then. */
export interface PersonRef {
  userId: string;
  name: string;
}

export interface DepartmentRef {
  id: string;
  name: string;
}

/** 办理时限 as the secretary gave it: a date, or "N 个工作日" counted from the 承办 day. */
export type DeadlineSpec = { kind: 'date'; date: IsoDate } | { kind: 'workdays'; days: number };

/** One step of the procedure, who did it and when: the detail page's timeline. */
export interface IncomingStep {
  action: IncomingAction['type'] | '登记' | '导入' | '修改' | '更正' | '归档' | '添加附件' | '删除附件';
  at: string; // ISO instant
  byId: string;
  byName: string;
  /** 意见 / reason / result text, as entered. */
  note?: string;
}

export interface Registration {
  /** 收文日期 */
  receivedDate: IsoDate;
  /** 来文单位 */
  fromUnit: string;
  /** 来文字号, normalised (〔2026〕) where it parses, else as typed. */
  docNumber: string;
  /** 标题 */
  title: string;
  /** 文种 */
  docType: DocType;
  /** 密级 */
  classification: Classification;
  /** 保密期限; filled with the statutory default when 密级 is chosen (may be changed). */
  secrecyTerm?: SecrecyTerm;
  /** 份号 (6 digits); required for 秘密 and above. */
  copyNumber?: string;
  /** 份数 */
  copies: number;
  /** 页数 */
  pages: number;
  /** 紧急程度 */
  urgency: Urgency;
  /** 成文日期 */
  writtenDate?: IsoDate;
  /** 附件 (names of attachments, free text) */
  attachments?: string;
  /** 签收人 */
  signedBy: string;
  handling: HandlingKind;
  /** 摘要 (optional summary; searched, hidden like the title for classified documents) */
  summary?: string;
}

export interface IncomingRecord extends Registration {
  id: string;
  year: number;
  seq: number;
  /** 收文编号, e.g. 收〔2026〕0001 */
  serial: string;
  /** 原编号: the number a record had in an imported legacy register, or at the unit that sent it (origin). */
  legacyNumber?: string;
  /**
   * 来文单位办理记录: set on a record received from another unit in a 迁移包 (送往其他单位,
   * shared/domain/transfer-receive.ts). The sender's part, read-only here: the receiver's own
   * procedure runs on the record as on any 收文.
   */
  origin?: IncomingOrigin;
  state: IncomingState;
  /** `${fromUnit}|${docNumber}` (trimmed), indexed to find duplicates; '' when no 来文字号. */
  duplicateKey: string;
  /** The secretary registered it despite a matching earlier record, and why. */
  duplicateOverride?: { ofId: string; ofSerial: string; reason: string };
  returned?: { reason: string; at: string; byName: string };
  /** 拟办意见 */
  proposal?: { text: string; at: string; byName: string };
  /** 领导批示 */
  instruction?: { leader: string; text: string; at: string; oral: boolean; recordedBy: string };
  /** 承办 */
  assignment?: {
    host: DepartmentRef;
    cooperating: DepartmentRef[];
    person?: PersonRef;
    deadline?: DeadlineSpec;
    at: string;
  };
  /** 办理时限 as a date (from assignment.deadline), indexed for 今日到期/即将到期/已超期. */
  dueDate?: IsoDate;
  /** 承办单位 id, indexed for the filter. */
  hostDeptId?: string;
  /** 传阅: in order; the paper is with the first reader who has not marked 已阅. */
  circulation: (PersonRef & { sentAt: string; readAt?: string })[];
  /** 催办 */
  reminders: { at: string; byName: string; note: string; to?: string }[];
  /** 办理结果 */
  result?: { text: string; at: string; byName: string };
  /** User ids named in 承办 or 传阅: they may see a classified record's title and content. */
  namedUserIds: string[];
  /** The 涉密载体 this 收文 brought in (one per 份号), registered with it. */
  carrierIds?: string[];
  /** The 督办 task following the leader's 批示 (made at 承办). */
  taskId?: string;
  history: IncomingStep[];
  /** 归档: set when filed (DOMAIN.md §6); the record is read-only from then on (更正 goes through 归档). */
  filed?: FiledMarker;
  createdAt: string;
  updatedAt: string;
}

/** One step of the sender's procedure, as the receiver keeps it: no account ids (they are the sender's). */
export interface ForeignStep {
  action: string;
  at: string; // ISO instant
  byName: string;
  note?: string;
}

/** A 议定事项 of a received 纪要: what, who, by when (the sender's 督办 follows it there). */
export interface ForeignDecision {
  content: string;
  unit: string;
  person: string;
  dueDate: IsoDate;
}

/** The text of a received 纪要 as the sender issued it (with its latest 更正): the receiver reads it here. */
export interface ForeignMinutes {
  /** 会议名称, 会议类型, the day, 主持人 */
  meetingName: string;
  meetingType: string;
  meetingDate: IsoDate;
  host: string;
  /** 议题 */
  topics: string[];
  title: string;
  paragraphs: string[];
  decisions: ForeignDecision[];
  copyTo?: string[];
  printedBy?: string;
  printedOn?: IsoDate;
  issuedAt: string;
  issuedByName: string;
}

/** Where a received 收文 came from, and the sender's part of its story (read-only on this side). */
export interface IncomingOrigin {
  /** What the sender sent: one of its 收文, or one of its own issued 纪要. */
  kind: '收文' | '纪要';
  /** 发送单位 and its 全宗号 (the package's sender). */
  unit: string;
  fondsCode?: string;
  /** The sender's number: 收文编号, or the 纪要's 会议类型〔年〕第N期 (also kept as legacyNumber, 原编号). */
  number: string;
  /** The sender's record id (the receiver's id is derived from it: receivedIdOf). */
  recordId: string;
  /** The sender's record version (its updatedAt) this part was taken from. */
  version: string;
  /** The package it came with (the latest one, after an update). */
  packageId: string;
  /** When it was received here; refreshedAt: when the sender's part was last updated from a newer package. */
  receivedAt: string;
  refreshedAt?: string;
  /** The sender's state of the record when sent (已办结, 已签发 …). */
  state: string;
  /** For a 收文: the sender's own 来文单位 (the original issuer); absent for a 纪要. */
  fromUnit?: string;
  /** The sender's history of the record, as it was sent. */
  history: ForeignStep[];
  /** For a 纪要: its text, so the receiver can read it. */
  minutes?: ForeignMinutes;
}

/** The procedure's actions (registration itself is separate: it creates the record). */
export type IncomingAction =
  | { type: '初审'; note?: string }
  | { type: '退回'; reason: string }
  | { type: '拟办'; text: string }
  | { type: '批示'; leader: string; text: string; at: string; oral: boolean }
  | { type: '承办'; host: DepartmentRef; cooperating: DepartmentRef[]; person?: PersonRef; deadline?: DeadlineSpec }
  | { type: '传阅'; readers: PersonRef[] }
  | { type: '已阅'; userId: string }
  | { type: '催办'; note: string; to?: string }
  | { type: '办结'; result: string };
