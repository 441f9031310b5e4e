import type { IsoDate } from './dates';
import type { Classification, SecrecyTerm } from './enums';
import type { FiledMarker } from './filing-types';
import type { DeadlineSpec } from './incoming-types';

// 会议 and 会议纪要 (DOMAIN.md §5, issue 5): the records as stored. The rules live in meeting.ts.

/** One entry of the 人员名录 (people directory, maintained in 设置): invitees come from here. */
export interface DirectoryPerson {
  id: string;
  /** 姓名 */
  name: string;
  /** 单位 */
  unit: string;
  /** 职务 */
  title: string;
  /** The app account of this person, when they have one (need to know for classified meetings). */
  userId?: string;
  disabled?: boolean;
}

export const DEFAULT_MEETING_TYPES = ['常务会议', '专题会议', '办公会议', '党组会议'] as const;

/** 出席 attend with a vote; 列席 attend without one. */
export const INVITEE_ROLES = ['出席', '列席'] as const;
export type InviteeRole = (typeof INVITEE_ROLES)[number];

export interface Invitee {
  personId: string;
  name: string;
  unit: string;
  title: string;
  role: InviteeRole;
  userId?: string;
}

/**
 * 签到 of one invitee: came (到会), sent a deputy (代会: "A 代 B" in the minutes, never hidden),
 * excused (请假, with reason), or did not come (缺席).
 */
export type Attendance =
  | { status: '到会' }
  | { status: '代会'; deputy: { name: string; unit: string; title: string } }
  | { status: '请假'; reason: string }
  | { status: '缺席' };

/** 完成时限 of a 议定事项: a date, or N working days counted from the meeting day. */
export type DecisionDeadline = DeadlineSpec;

/** 议定事项: becomes a 督办 task when the minutes are issued. */
export interface Decision {
  id: string;
  /** 事项内容 */
  content: string;
  /** 责任单位 */
  unit: string;
  /** 责任人 */
  person: string;
  deadline: DecisionDeadline;
  /** The 完成时限 as a date (worked out from the meeting day when given in working days). */
  dueDate: IsoDate;
}

export interface MinutesContent {
  /** "×××纪要", e.g. "县政府常务会议纪要" */
  title: string;
  /** 会议主要情况, one string per paragraph */
  paragraphs: string[];
  decisions: Decision[];
  /** 版记 (GB/T 9704 §8): 抄送 units, picked from the 机构 list; absent or empty: no 抄送 line. */
  copyTo?: string[];
  /** 印发机关, e.g. 县政府办公室; absent: the office's name (MeetingSettings.printedBy, else 单位名称). */
  printedBy?: string;
  /** 印发日期 (YYYY-MM-DD); absent: the day of 签发. */
  printedOn?: IsoDate;
}

export interface IssuedMinutes extends MinutesContent {
  /** 纪要编号, e.g. 第1期 */
  number: string;
  year: number;
  seq: number;
  issuedAt: string;
  issuedById: string;
  issuedByName: string;
}

/** A 更正 after issue: the version it replaced and why; the issued number never changes. */
export interface MinutesCorrection {
  at: string;
  byName: string;
  reason: string;
  previous: MinutesContent;
}

export interface MeetingEvent {
  action: '创建' | '修改' | '签到' | '保存纪要' | '签发' | '更正' | '归档' | '添加附件' | '删除附件';
  at: string;
  byId: string;
  byName: string;
  note?: string;
}

export interface MeetingRecord {
  id: string;
  /** 会议名称 */
  name: string;
  /** 会议类型: also the 纪要 series (each type numbers its own 第N期 per year) */
  meetingType: string;
  /** 开始时间: local 'YYYY-MM-DDTHH:mm' */
  startAt: string;
  /** The meeting day (from 开始时间), indexed: minutes are due 3 working days after it. */
  meetingDate: IsoDate;
  /** 地点 */
  location: string;
  /** 主持人 */
  host: string;
  /** 记录人 */
  recorder: string;
  /** 密级 */
  classification: Classification;
  secrecyTerm?: SecrecyTerm;
  /** 议题 */
  topics: string[];
  invitees: Invitee[];
  /** 签到 by personId; absent until someone is ticked. */
  attendance: Record<string, Attendance>;
  /** 纪要 as being written; after 签发 the issued text is `issued` and later changes go through 更正. */
  draft?: MinutesContent;
  issued?: IssuedMinutes;
  corrections: MinutesCorrection[];
  /** '草稿' until issued, then '已签发' (indexed for 工作台's unissued list). */
  minutesState: '未签发' | '已签发';
  /** 归档 of the issued 纪要 (DOMAIN.md §6): read-only from then on (更正 goes through 归档). */
  filed?: FiledMarker;
  history: MeetingEvent[];
  createdAt: string;
  updatedAt: string;
}
