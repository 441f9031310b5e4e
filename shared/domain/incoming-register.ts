import { z } from 'zod';
import { toLocalIsoDate, type IsoDate } from './dates';
import { formatClassificationMark, type Classification, type DocType, type SecrecyTerm, type Urgency } from './enums';
import type { HandlingKind, IncomingRecord, IncomingState } from './incoming-types';
import { MASK, maskIncoming } from './need-to-know';

// 收文登记簿 (DOMAIN.md §3 step 2): the columns an office may print, in the register's order, what
// each shows of a record, and what it shows of a record the reader may not see. The office keeps its
// own column set (the setting 'incomingRegister'); the print lays the chosen columns out
// (renderer/print/register-layout.ts). 附件 and 摘要 (up to 500 and 2000 characters of free text) are
// not register columns: one such cell would fill pages; they are on the record and its 处理笺.

/** One printed line of the register: a record as the reader may see it. */
export interface RegisterLine {
  /** 收文编号, e.g. 收〔2026〕0001 */
  serial: string;
  receivedDate: IsoDate;
  fromUnit: string;
  docNumber: string;
  title: string;
  classification: Classification;
  /** With it the 密级 column reads 机密★20年; without, the level alone. */
  secrecyTerm?: SecrecyTerm | null;
  urgency: Urgency;
  state: IncomingState;
  /** 办理时限 */
  dueDate?: IsoDate;
  /** 承办单位 (主办) */
  hostDeptName?: string;
  docType?: DocType;
  /** 份号 */
  copyNumber?: string;
  /** 份数 */
  copies?: number;
  /** 页数 */
  pages?: number;
  /** 成文日期 */
  writtenDate?: IsoDate;
  /** 签收人 */
  signedBy?: string;
  handling?: HandlingKind;
  /** 办结日期 (the day of 办结) */
  closedDate?: IsoDate;
  /** The reader is outside this record's need to know. */
  masked: boolean;
}

/**
 * What a column prints for a row the reader may not see: 'show' its value (not content: number,
 * dates, 密级 level, 份数, 紧急程度, state, 办理时限), 'blank', or 'mask' (the 标题 reads 【涉密】).
 * The same allow-list as maskIncoming (need-to-know.ts): every name and free text is blank, and so
 * are 文种, 份号, 页数 and 成文日期, which maskIncoming drops too. 签收人 is a name and stays blank.
 */
export type WhenMasked = 'show' | 'blank' | 'mask';

export interface RegisterColumn {
  key: RegisterColumnKey;
  label: string;
  whenMasked: WhenMasked;
  /** The cell's text for a row the reader may see. */
  text: (line: RegisterLine, index: number) => string;
}

function classificationText(line: RegisterLine): string {
  // formatClassificationMark prints nothing for 非密 (a document carries no mark); a register
  // column says so in words.
  return formatClassificationMark({ level: line.classification, term: line.secrecyTerm ?? null }) || line.classification;
}

const num = (n: number | undefined) => (n === undefined ? '' : String(n));

export const REGISTER_COLUMN_KEYS = [
  'index',
  'serial',
  'receivedDate',
  'fromUnit',
  'docNumber',
  'title',
  'docType',
  'classification',
  'copyNumber',
  'copies',
  'pages',
  'urgency',
  'writtenDate',
  'signedBy',
  'handling',
  'hostDept',
  'dueDate',
  'state',
  'closedDate',
] as const;
export type RegisterColumnKey = (typeof REGISTER_COLUMN_KEYS)[number];

/** Every column an office may print, in the register's order (the printed order). */
export const REGISTER_COLUMNS: Record<RegisterColumnKey, RegisterColumn> = {
  index: { key: 'index', label: '序号', whenMasked: 'show', text: (_l, i) => String(i + 1) },
  serial: { key: 'serial', label: '收文编号', whenMasked: 'show', text: (l) => l.serial },
  receivedDate: { key: 'receivedDate', label: '收文日期', whenMasked: 'show', text: (l) => l.receivedDate },
  fromUnit: { key: 'fromUnit', label: '来文单位', whenMasked: 'blank', text: (l) => l.fromUnit },
  docNumber: { key: 'docNumber', label: '来文字号', whenMasked: 'blank', text: (l) => l.docNumber },
  title: { key: 'title', label: '标题', whenMasked: 'mask', text: (l) => l.title },
  docType: { key: 'docType', label: '文种', whenMasked: 'blank', text: (l) => l.docType ?? '' },
  // The level is not content; a 保密期限 may be a 解密条件 (text), so a masked row prints the level alone.
  classification: { key: 'classification', label: '密级', whenMasked: 'show', text: (l) => (l.masked ? l.classification : classificationText(l)) },
  copyNumber: { key: 'copyNumber', label: '份号', whenMasked: 'blank', text: (l) => l.copyNumber ?? '' },
  copies: { key: 'copies', label: '份数', whenMasked: 'show', text: (l) => num(l.copies) },
  pages: { key: 'pages', label: '页数', whenMasked: 'blank', text: (l) => num(l.pages) },
  urgency: { key: 'urgency', label: '紧急程度', whenMasked: 'show', text: (l) => l.urgency },
  writtenDate: { key: 'writtenDate', label: '成文日期', whenMasked: 'blank', text: (l) => l.writtenDate ?? '' },
  signedBy: { key: 'signedBy', label: '签收人', whenMasked: 'blank', text: (l) => l.signedBy ?? '' },
  handling: { key: 'handling', label: '办件/阅件', whenMasked: 'show', text: (l) => l.handling ?? '' },
  hostDept: { key: 'hostDept', label: '承办单位', whenMasked: 'blank', text: (l) => l.hostDeptName ?? '' },
  dueDate: { key: 'dueDate', label: '办理时限', whenMasked: 'show', text: (l) => l.dueDate ?? '' },
  state: { key: 'state', label: '状态', whenMasked: 'show', text: (l) => l.state },
  closedDate: { key: 'closedDate', label: '办结日期', whenMasked: 'show', text: (l) => l.closedDate ?? '' },
};

/** The cell's text as printed for this reader: a masked row shows only what is not content. */
export function registerCellText(key: RegisterColumnKey, line: RegisterLine, index: number): string {
  const column = REGISTER_COLUMNS[key];
  if (line.masked && column.whenMasked === 'blank') return '';
  if (line.masked && column.whenMasked === 'mask') return MASK;
  return column.text(line, index);
}

/** The set a new office prints: the former register plus 文种, 份数, 页数 and 签收人 (issue #15). */
export const DEFAULT_REGISTER_COLUMNS: readonly RegisterColumnKey[] = [
  'index',
  'serial',
  'receivedDate',
  'fromUnit',
  'docNumber',
  'title',
  'docType',
  'classification',
  'copies',
  'pages',
  'urgency',
  'signedBy',
  'hostDept',
  'dueDate',
  'state',
];

/** Columns every register prints: without its number a line cannot be found again. */
export const REQUIRED_REGISTER_COLUMNS: readonly RegisterColumnKey[] = ['serial'];

/** A chosen set in the register's order, each column once, the required ones added. */
export function orderedRegisterColumns(keys: Iterable<RegisterColumnKey>): RegisterColumnKey[] {
  const chosen = new Set<RegisterColumnKey>([...keys, ...REQUIRED_REGISTER_COLUMNS]);
  return REGISTER_COLUMN_KEYS.filter((k) => chosen.has(k));
}

export const INCOMING_REGISTER_SETTINGS_KEY = 'incomingRegister';

/** The office's column set for the 收文登记簿 (the setting 'incomingRegister'). */
export const incomingRegisterSettingsSchema = z.object({
  columns: z
    .array(z.enum(REGISTER_COLUMN_KEYS, { error: '未知的列' }), { error: '请选择要打印的列' })
    .refine((ks) => REQUIRED_REGISTER_COLUMNS.every((k) => ks.includes(k)), `${REQUIRED_REGISTER_COLUMNS.map((k) => REGISTER_COLUMNS[k].label).join('、')}必须打印`)
    .transform((ks) => orderedRegisterColumns(ks)),
});
export type IncomingRegisterSettings = z.infer<typeof incomingRegisterSettingsSchema>;

/** The day of 办结: the last 办结 step of the history (a step's date is not content). */
function closedDateOf(r: IncomingRecord): IsoDate | undefined {
  if (r.state !== '已办结') return undefined;
  const step = [...r.history].reverse().find((h) => h.action === '办结');
  return step ? toLocalIsoDate(new Date(step.at)) : undefined;
}

/**
 * A record as one line of the register. Outside the need to know the line is built from
 * maskIncoming's view, so a column can only print what that allow-list keeps.
 */
export function registerLine(record: IncomingRecord, masked: boolean): RegisterLine {
  const r = masked ? maskIncoming(record) : record;
  const line: RegisterLine = {
    serial: r.serial,
    receivedDate: r.receivedDate,
    fromUnit: r.fromUnit,
    docNumber: r.docNumber,
    title: r.title,
    classification: r.classification,
    secrecyTerm: r.secrecyTerm ?? null,
    urgency: r.urgency,
    state: r.state,
    copies: r.copies,
    handling: r.handling,
    masked,
  };
  if (r.dueDate) line.dueDate = r.dueDate;
  const closed = closedDateOf(r);
  if (closed) line.closedDate = closed;
  if (!masked) {
    line.docType = r.docType;
    line.pages = r.pages;
    line.signedBy = r.signedBy;
    if (r.copyNumber) line.copyNumber = r.copyNumber;
    if (r.writtenDate) line.writtenDate = r.writtenDate;
    if (r.assignment) line.hostDeptName = r.assignment.host.name;
  }
  return line;
}
