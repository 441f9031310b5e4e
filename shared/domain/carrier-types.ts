import type { IsoDate } from './dates';
import type { CarrierType, Classification, SecrecyTerm } from './enums';
import type { ForeignStep, PersonRef } from './incoming-types';

// 涉密载体台账 (DOMAIN.md §4, issue 4): the carrier record as stored and the lifecycle actions on
// it. The rules that decide which action may follow which, and what each must carry, live in
// carrier.ts; this file is only the shape.

export type { PersonRef };

/**
 * 状态. 在库 and 借出 are the live states; the other three are final: the record stays in the
 * register forever (inspections ask about destroyed and handed-over carriers too), but nothing
 * more happens to it.
 */
export const CARRIER_STATES = ['在库', '借出', '已移交', '已销毁', '已解密'] as const;
export type CarrierState = (typeof CARRIER_STATES)[number];

/**
 * 来源: a registered 收文 (linked both ways), or made here (自制) by a named unit (制作单位); a copy
 * printed at a 发文's 印制 names that 发文 (linked both ways: its printing.carrierIds); or handed
 * over by another unit (外单位: received in a 迁移包 without a 收文, or registered from paper).
 */
export type CarrierSource =
  | { kind: '收文'; incomingId: string; incomingSerial: string }
  | { kind: '自制'; unit: string; outgoingId?: string }
  | { kind: '外单位'; unit: string };

/** Where a carrier received from another unit (迁移包, 送往其他单位) came from: shared/domain/transfer-receive.ts. */
export interface CarrierOrigin {
  /** 发送单位 and its 全宗号. */
  unit: string;
  fondsCode?: string;
  /** 原编号: the sender's 编号 of the carrier. */
  serial: string;
  /** The sender's record id (the receiver's id is derived from it). */
  recordId: string;
  /** The sender's record version (its updatedAt) this part was taken from. */
  version: string;
  /** How the sender booked it out: custody passed (移交) or an electronic copy (复制). */
  mode: '移交' | '复制';
  packageId: string;
  receivedAt: string;
  refreshedAt?: string;
  /** The sender's history of the carrier, as it was sent (read-only here). */
  history: ForeignStep[];
}

/** A 密级 marking as printed on the item: level plus term ('机密★20年'). */
export interface CarrierMarking {
  level: Classification;
  /** null once 解密 (no longer a state secret: nothing to print after the ★). */
  term: SecrecyTerm | null;
}

/**
 * One 借阅: who, why, who approved, until when. The current loan sits in `CarrierRecord.loan`;
 * on 归还 it gets its return time and moves to `loans`, so the 借阅登记表 is `[...loans, loan]`.
 */
export interface CarrierLoan {
  borrower: PersonRef;
  /** 借阅事由 */
  purpose: string;
  /** 批准人 */
  approver: PersonRef;
  /** The 保密员 who approved a borrower outside the 知悉范围; absent when the borrower is inside it. */
  outsideScopeApprovalBy?: PersonRef;
  /** 应还日期: the last day the item may be out. */
  dueDate: IsoDate;
  lentAt: string; // ISO instant
  lentByName: string;
  returnedAt?: string;
  returnedByName?: string;
}

/** 解密/降密: the old marking is kept so it can be shown struck through beside the new one. */
export interface MarkingChange {
  action: '解密' | '降密';
  at: string;
  byName: string;
  approver: PersonRef;
  /** 依据 (the decision, its number, the review) */
  basis: string;
  from: CarrierMarking;
  to: CarrierMarking;
}

/** 移交/清退: where the carrier went (the printed form carries the receiver's signature line). */
export interface CarrierHandover {
  kind: '移交' | '清退';
  receiver: string;
  receiverKind: '个人' | '单位';
  at: string;
  byName: string;
}

/** 销毁: who approved, who destroyed, who witnessed, how and where (the 销毁清单 prints these). */
export interface CarrierDestruction {
  approver: PersonRef;
  /** 销毁人 */
  destroyer: PersonRef;
  /** 监销人 */
  supervisor: PersonRef;
  method: string;
  place: string;
  at: string;
  byName: string;
}

export type InventoryResult = '在位' | '缺失' | '损坏';

/** One line of the carrier's history: kept forever, shown on the detail page. */
export interface CarrierEvent {
  action: CarrierAction['type'] | '登记' | '变更' | '更正';
  at: string; // ISO instant
  byId: string;
  byName: string;
  approver?: PersonRef;
  note?: string;
}

export interface CarrierRecord {
  id: string;
  /** 编号 (from the numbering service) */
  serial: string;
  /** 名称/标题 */
  name: string;
  /** 载体类型 */
  carrierType: CarrierType;
  /** 密级; 非密 once 解密 (the old one stays in markingHistory). */
  classification: Classification;
  /** 保密期限; statutory default filled in at registration; null once 解密. */
  secrecyTerm: SecrecyTerm | null;
  /** 保密期限起算日 (usually the 定密 date); a term in years counts from here. */
  secrecyStart: IsoDate;
  /** 份号, 6 digits */
  copyNumber: string;
  /** 数量 (items: sheets of a set, discs …), at least 1 */
  quantity: number;
  /** 页数, for paper */
  pages?: number;
  source: CarrierSource;
  /** Set on a carrier received from another unit: 原编号 and the sender's part (read-only). */
  origin?: CarrierOrigin;
  /** 来文字号: the 文号 of the document it holds (from its 收文, or typed at 登记); absent when none. */
  docNumber?: string;
  /** 知悉范围: the named people who may see and borrow it. */
  knowers: PersonRef[];
  /** 保管人/责任人 */
  custodian: PersonRef;
  /** 存放位置 */
  location: string;
  state: CarrierState;
  /** The loan in progress while 借出. */
  loan?: CarrierLoan;
  /** Finished loans, oldest first. */
  loans: CarrierLoan[];
  /** Ids of the carriers copied from this one. */
  copies: string[];
  /** Id of the carrier this one was copied from. */
  copyOf?: string;
  markingHistory: MarkingChange[];
  handover?: CarrierHandover;
  destruction?: CarrierDestruction;
  /** When it was last ticked in a 清点 (工作台 lists carriers not inventoried this year). */
  lastInventoriedAt?: string;
  lastInventoryResult?: InventoryResult;
  history: CarrierEvent[];
  createdAt: string;
  updatedAt: string;
}

/** 复制 approval: the unit's approver for 机密/秘密; the originating office (with its 文号) for 绝密. */
export type CopyApproval = { kind: 'unit'; approver: PersonRef } | { kind: 'originating-office'; reference: string };

/** The lifecycle actions (registration itself is separate: it creates the record). */
export type CarrierAction =
  | {
      type: '借出';
      borrower: PersonRef;
      purpose: string;
      approver: PersonRef;
      dueDate: IsoDate;
      /** Required when the borrower is outside the 知悉范围: a user who is 安全保密管理员. */
      outsideScopeApprovalBy?: PersonRef;
    }
  | { type: '归还' }
  | { type: '复制'; approval: CopyApproval; copyNumber: string }
  | { type: '移交'; receiver: string; receiverKind: '个人' | '单位'; kind: '移交' | '清退' }
  | { type: '清点'; result: InventoryResult; sessionId: string }
  | { type: '销毁'; approver: PersonRef; destroyer: PersonRef; supervisor: PersonRef; method: string; place: string }
  | { type: '解密'; approver: PersonRef; basis: string }
  | { type: '降密'; approver: PersonRef; newLevel: Classification; newTerm?: SecrecyTerm; basis: string };

export type CarrierActionType = CarrierAction['type'];

/** What a 清点 covers: everything one custodian keeps, or everything kept in one place. */
export type InventoryScope = { kind: '保管人'; custodian: PersonRef } | { kind: '存放位置'; location: string };

/** One carrier ticked in a 清点: by a click, or by its label read with the scanner (扫码). */
export interface InventoryTick {
  carrierId: string;
  result: InventoryResult;
  at: string;
  via: '点选' | '扫码';
}

/**
 * A 清点 session: the carriers that should be there (fixed when it starts), what was ticked, and
 * once ended, the discrepancy report (ids). Stored, so the 清点报告 can be printed again later.
 */
export interface InventorySession {
  id: string;
  scope: InventoryScope;
  startedAt: string;
  startedById: string;
  startedByName: string;
  /** Ids of the live carriers in scope when the session started. */
  expectedIds: string[];
  ticks: InventoryTick[];
  endedAt?: string;
  report?: { missing: string[]; damaged: string[]; notTicked: string[]; unexpected: string[] };
}
