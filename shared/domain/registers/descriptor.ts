import type { z } from 'zod';
import type { Classification, DocType } from '../enums';
import type { CatalogueFields, FiledMarker } from '../filing-types';
import { auditName, type AuditNameParts, type NeedToKnowActor } from '../need-to-know';
import type { Permission } from '../permissions';
import type { ForeignComparison, ForeignUpdateContext, ReceiveContext } from '../transfer-receive';

// The registry of registers (DESIGN.md "Registers are data"): one typed descriptor per register
// (收文, 载体, 纪要, 督办, …) says everything cross-cutting code needs to know about it — its table
// and number key, title and 密级, who may see it and what others see, how the audit log names it,
// what 归档 files from it, what it prints and how it travels in a 迁移包. Search, 工作台, 归档,
// 归档包, 迁移包, exports and audit labels iterate REGISTERS (./index.ts) instead of switching on a
// kind. Every field is required (`null` where a register takes no part): a descriptor written with
// `satisfies RegisterDescriptor<Row>` that misses one does not compile.

/** What every register's rows have: a stable id (the primary key of its table). */
export interface RegisterRow {
  id: string;
}

/** A key of an IndexedDB index (a string, a number, or a compound of them). */
export type IndexKey = string | number | readonly (string | number)[];

/** Rows of a table whose `index` lies in any of `ranges` (both ends included). */
export interface IndexRanges {
  index: string;
  ranges: readonly (readonly [IndexKey, IndexKey])[];
}

/** A number handed out by a counter (renderer/db/numbering.ts): its series, year and sequence. */
export interface CounterPosition {
  series: string;
  year: number;
  seq: number;
}

/**
 * Who renumbers, and when; `note`: the history line's words when not a 迁移包's (a PC's records
 * handed to the LAN server, electron/server/adopt.ts), default: the 迁移包's.
 */
export interface RenumberedBy {
  at: string;
  id: string;
  name: string;
  note?: string;
}

/** The number no two records of a register may share, and the counter it was taken from. */
export interface NumberKey<Row> {
  /** The unique number as a key; null when the record has none yet (minutes not issued). */
  of(row: Row): string | null;
  /** Where the records that may hold `rows`' numbers are found (one indexed read). */
  lookup(rows: readonly Row[]): IndexRanges;
  /** The counter position the number came from (so an import raises the counter past it); null: none. */
  counter(row: Row): CounterPosition | null;
  /**
   * The record under a new number of this PC (a 迁移包 from another PC of the office whose number a
   * different record here already holds, issue #20), the old number kept as 原编号 and said in its
   * history; null: this register's numbers are never changed (a 发文's 文号 is printed on the paper).
   */
  renumber: Hook<[row: Row, to: { year: number; seq: number; serial: string }, by: RenumberedBy], Row> | null;
}

/** What searching a register may match: public text for anyone, content text only within the need to know. */
export interface SearchRules<Row> {
  publicText(row: Row): readonly string[];
  contentText(row: Row): readonly string[];
  /** Where the record stands in a list: lists and search hits put the greatest key first (newest). */
  order(row: Row): string;
}

/** 归档 (DOMAIN.md §6): which records of the register become 件 of the 归档文件目录, and how. */
export interface FilingRules<Row> {
  /** The 件's kind as stored on the catalogue row (收文, 纪要). */
  kind: string;
  /** What the entityType of the 归档 audit entry is. */
  entityType: string;
  /** Where a year's candidates are read from (an index range), before `isCandidate` sifts them. */
  yearRange(year: number): { index: string; lower: IndexKey; upper: IndexKey };
  /** Finished (办结 / 签发) in `year` and not yet filed. */
  isCandidate(row: Row, year: number): boolean;
  /** The catalogue entry as it would be filed. */
  catalogue(row: Row, unitName: string): CatalogueFields;
  /** The record's number on the catalogue row and in the log (收文编号, 纪要文号). */
  recordLabel(row: Row): string;
  /** How messages name the record (never by its title). */
  who(row: Row): string;
  /** Why it cannot be filed in `year`, naming it; null when it can. */
  problem(row: Row, year: number): string | null;
  /** 文种, for the proposed 保管期限. */
  docType(row: Row): DocType;
  /** 页数 is an estimate the filer should check. */
  pagesEstimated: boolean;
  /** The department whose code is proposed as 机构 (承办单位); undefined: the settings' default. */
  orgDeptId(row: Row): string | undefined;
  /** The record marked filed (read-only from then on), with its history line. */
  markFiled(row: Row, filed: FiledMarker, by: { id: string; name: string }): Row;
  /** Said when a chosen record no longer exists. */
  missing: string;
  /** The print (an id of `prints`) that goes into the 归档包 as the 件's PDF; null: none. */
  packageDocument: string | null;
}

/** One printable document of a register (the print pages and PDF layouts in renderer/print/). */
export interface PrintableDocument {
  id: string;
  /** Its name on the 打印 menu and in the audit log. */
  name: string;
}

/** How a record whose custody is tracked (a classified carrier) is booked out when it leaves in a 迁移包. */
export type TransferMode = '复制' | '移交';

/** The package a record leaves with, as a custody hook is told of it. */
export interface TransferDeparture {
  packageId: string;
  /** 接收单位 */
  recipient: string;
  /** Who records the export (the 保密员). */
  by: NeedToKnowActor & { name: string };
  now: Date;
  /** The approval of a 复制 into the package (issue #20), as checked when it was made. */
  copyApproval?: { approver?: { userId: string; name: string }; reference?: string };
}

/**
 * A register whose classified records have a custody of their own (涉密载体): their leaving is a
 * 复制 (electronic copy) or a 移交 (custody passes), under the register's own rules, and is booked
 * on the record when the file has left.
 */
export interface TransferCustody<Row> {
  /** Why this classified record may not leave by `mode` (lent out, destroyed, …); null: it may. */
  refusal: Hook<[row: Row, mode: TransferMode, actor: NeedToKnowActor], string | null>;
  /**
   * The record after its leaving is booked: by `mode` when its rules still allow it, else as 复制
   * with `why` saying why not (the file has left: nothing is refused any more).
   */
  depart: Hook<[row: Row, mode: TransferMode, departure: TransferDeparture], { row: Row; done: TransferMode; why: string }>;
}

/**
 * 送往其他单位 (issue #20): how a record of this register arrives at another unit — as incoming
 * material there, a new record of the receiver's register `into` with the receiver's number and
 * the sender's part kept read-only (shared/domain/transfer-receive.ts).
 */
export interface TransferReceipt<Row> {
  /** The receiver's register the record becomes ('incoming': a 收文 to handle; 'carriers': a 台账 entry). */
  into: string;
  /** The counter series the receiver's new number is taken from (收文, 载体), in the import's year. */
  series: string;
  /**
   * The roles of `people` (知悉人 …) the receiver's record keeps, mapped: only these are asked about
   * in the preview (a 收文 arrives with none of the sender's people on it: its 办理 is the sender's part).
   */
  people: readonly string[];
  /** Why this record cannot go to another unit (a 纪要 not issued); null: it can. */
  refusal: Hook<[row: Row], string | null>;
  /** The receiver's record id: derived from the sender's, the same for every arrival of the record. */
  idOf: Hook<[row: Row], string>;
  /** The receiver's new record (a row of `into`). */
  make: Hook<[row: Row, ctx: ReceiveContext], RegisterRow>;
  /** The receiver's record found by `idOf` against the sender's record arriving again. */
  compare: Hook<[existing: RegisterRow, row: Row], ForeignComparison>;
  /** Why the sender part of that record may not be updated (filed); null: it may. */
  updateRefusal: Hook<[existing: RegisterRow], string | null>;
  /** That record with its sender part taken from the newer `row` (the receiver's own procedure untouched). */
  update: Hook<[existing: RegisterRow, row: Row, ctx: ForeignUpdateContext], RegisterRow>;
}

/** How a register's records travel in a 迁移包 (shared/domain/transfer.ts). */
export interface TransferRules<Row> {
  /** Every record is checked field by field on import: the file comes from outside. */
  schema: z.ZodType<Row>;
  /** The right an import of this register's records needs (besides 保密员 for classified ones). */
  importPermission: Permission;
  /** The audit action of each imported record. */
  importAction: string;
  /** How the per-record import entry names it. */
  importName(row: Row): string;
  /** Custody bookkeeping of its classified records (涉密载体: 复制/移交); null: none. */
  custody: TransferCustody<Row> | null;
  /** Records of other registers that go with this one (a classified 收文's carriers); null: none. */
  companions: Hook<[row: Row], { kind: string; ids: readonly string[] }> | null;
  /** Whether a record brought along by another goes (a carrier still kept here); null: always. */
  goesAlong: Hook<[row: Row], boolean> | null;
  /** How it arrives at another unit (送往其他单位); null: it does not go to another unit. */
  receive: TransferReceipt<Row> | null;
  /**
   * Everyone named on the record as the sender knew them (知悉人, 保管人, 承办人, 传阅人 …: their
   * account there, or '' for a name only), so the receiver can map them (shared/domain/transfer-people.ts,
   * issue #20); null: the register names nobody.
   */
  people: Hook<[row: Row], readonly NamedPerson[]> | null;
  /**
   * The record with every person `map` rewrites, in every place that names one, consistently:
   * the need to know (namedUserIds, 知悉范围 ids, invitees' accounts) keeps only what `map` turns
   * into an account of this PC (isAccountId); names stay visible as `map` gives them. null: as `people`.
   */
  mapPeople: Hook<[row: Row, map: PersonMap], Row> | null;
}

/** A person named on a record, and in what role (知悉人, 保管人, 承办人, 传阅人, 借阅人 …). */
export interface NamedPerson {
  /** The sender's account id; '' when the record names them by text only (督办 责任人). */
  userId: string;
  name: string;
  role: string;
}

/** How a person on an arriving record becomes a person here: an account, or a name without one. */
export type PersonMap = (p: { userId: string; name: string }) => { userId: string; name: string };

/**
 * Ids of people without an account here (外单位人员, 人员名录 entries) start with this: no account
 * id does (accounts get random UUIDs), so such a person is in no need to know.
 */
export const NON_ACCOUNT_PREFIX = 'ext:';

/** An id an account of this PC can have: not empty, not a person without an account. */
export function isAccountId(id: string): boolean {
  return id !== '' && !id.startsWith(NON_ACCOUNT_PREFIX);
}

/** Said after the name of a person on an arriving record who is nobody here (no account, no 名录 entry). */
export const EXTERNAL_MARK = '（外单位人员）';

/** The name without EXTERNAL_MARK (where a record prints names as written: 签到表, 督办 责任人). */
export function withoutExternalMark(name: string): string {
  return name.endsWith(EXTERNAL_MARK) ? name.slice(0, -EXTERNAL_MARK.length) : name;
}

export interface RegisterDescriptor<Row extends RegisterRow> {
  /** The key of the register in REGISTERS, in 迁移包 files and selections. */
  kind: string;
  /** Its Dexie table (renderer/db reaches it only through registerTable). */
  table: string;
  /** Its name on screen (收文, 涉密载体, 会议纪要, 督办事项). */
  label: string;
  /** The audit log's entityType for its records. */
  entityType: string;
  numberKey: NumberKey<Row>;
  /** The number as lists show it (收文编号, 编号 + 份号, 纪要编号 or day and type, 督办编号). */
  number(row: Row): string;
  /** 标题 / 名称 / 会议名称 / 事项内容 (unmasked: callers ask canSee first). */
  title(row: Row): string;
  classification(row: Row): Classification;
  state(row: Row): string;
  /** Need to know (shared/domain/need-to-know.ts): may `actor` see this record's content. */
  canSee(actor: NeedToKnowActor, row: Row): boolean;
  /** The record as someone outside its need to know sees it. */
  mask(row: Row): Row;
  /** The parts of its audit name (see auditLabel). */
  audit(row: Row): AuditNameParts;
  search: SearchRules<Row>;
  filing: FilingRules<Row> | null;
  prints: readonly PrintableDocument[];
  transfer: TransferRules<Row>;
}

/**
 * A function field that may be null. Written as a method so a descriptor of a specific row type is
 * still an AnyRegister (method parameters are bivariant; the registry calls each descriptor only
 * with rows of its own table).
 */
type Hook<A extends unknown[], R> = { hook(...args: A): R }['hook'];

/** Any register, for code that iterates the registry (methods are checked per descriptor). */
export type AnyRegister = RegisterDescriptor<RegisterRow>;

/** The one audit label of a record of any register (need-to-know.ts's auditName over its parts). */
export function auditLabel<Row extends RegisterRow>(d: RegisterDescriptor<Row>, row: Row): string {
  return auditName(d.audit(row));
}

/** The record as `actor` may see it, and whether that is in full. */
export function viewFor<Row extends RegisterRow>(d: RegisterDescriptor<Row>, actor: NeedToKnowActor, row: Row): { record: Row; canSeeContent: boolean } {
  const canSeeContent = d.canSee(actor, row);
  return { record: canSeeContent ? row : d.mask(row), canSeeContent };
}
