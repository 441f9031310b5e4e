import type { IsoDate } from './dates';
import type { Classification, RetentionPeriod } from './enums';

// 归档 (DOMAIN.md §6, DA/T 22-2015): the shapes as stored. The rules live in filing.ts.

/**
 * What is filed: a finished 收文, or the issued 纪要 of one of our meetings. The registry of
 * registers (shared/domain/registers/) says which register files what; these are its kinds today.
 */
export const FILING_KINDS = ['收文', '纪要'] as const;
/** A register's filing kind (its descriptor's `filing.kind`): 收文, 纪要, or a register added later. */
export type FilingKind = string;

/** Set on a 收文 or meeting once filed: the record is read-only from then on (更正 goes through 归档). */
export interface FiledMarker {
  /** 档号, e.g. Z109-WS·2026-Y-BGS-0001 */
  archiveCode: string;
  /** ISO instant */
  filedAt: string;
}

/**
 * The 归档文件目录 columns of one 件 (序号 is its position in the printed list, not stored).
 * `date` is stored as YYYY-MM-DD (sorts, validates) and printed YYYYMMDD.
 */
export interface CatalogueFields {
  /** 文号 (来文字号; for our 纪要, 会议类型 + 纪要编号); '' when the document has none. */
  docNumber: string;
  /** 责任者 (来文单位; for our 纪要, the office itself) */
  responsible: string;
  /** 题名; any part the filer made up is in [ ]. */
  title: string;
  /** 日期 */
  date: IsoDate;
  /** 密级 */
  classification: Classification;
  /** 页数 */
  pages: number;
  /** 备注 */
  remarks: string;
}

/** A 更正 of a filed 件's catalogue entry: what changed, why, by whom. 件号 and 档号 never change. */
export interface ArchiveCorrection {
  at: string;
  byId: string;
  byName: string;
  reason: string;
  before: Partial<Pick<CatalogueFields, 'title' | 'docNumber' | 'pages' | 'remarks'>>;
  after: Partial<Pick<CatalogueFields, 'title' | 'docNumber' | 'pages' | 'remarks'>>;
}

/** One filed 件 (a row of the `archive` table). */
export interface ArchiveRecord extends CatalogueFields {
  id: string;
  kind: FilingKind;
  /** The 收文 id or meeting id. */
  recordId: string;
  /** How messages and the audit log name the source without its title: 收〔2026〕0003, 常务会议第1期. */
  recordLabel: string;
  /** 全宗号 at the time of filing. */
  fondsCode: string;
  /** 年度 */
  year: number;
  /** 机构(问题)代码, e.g. BGS */
  orgCode: string;
  /** 保管期限 (stored as the Chinese term; the 档号 carries the code). */
  retention: RetentionPeriod;
  /** 件号: 1 up within (年度, 机构, 保管期限), no gaps, never reused. */
  itemNo: number;
  /** 档号 (unique) */
  archiveCode: string;
  /** 盒号 within the class (年度, 机构, 保管期限), from 1. */
  box: number;
  filedAt: string;
  filedById: string;
  filedBy: string;
  corrections: ArchiveCorrection[];
}

/** 装盒 capacity: a box is full at either limit; a single 件 thicker than maxPages gets a box to itself. */
export interface BoxCapacity {
  maxItems: number;
  maxPages: number;
}

/** One 档案盒: never more than one (年度, 机构, 保管期限) class. */
export interface ArchiveBox {
  year: number;
  orgCode: string;
  retention: RetentionPeriod;
  box: number;
  /** 起止件号 */
  firstItemNo: number;
  lastItemNo: number;
  /** 起止档号 (for the 盒脊 and 备考表) */
  firstArchiveCode: string;
  lastArchiveCode: string;
  count: number;
  pages: number;
}
