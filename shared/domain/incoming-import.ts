import { parseIsoDate, type IsoDate } from './dates';
import { normalizeDocNumber } from './doc-number';
import {
  CLASSIFICATIONS,
  DOC_TYPES,
  URGENCIES,
  defaultSecrecyTerm,
  isClassified,
  isOneOf,
  type Classification,
  type DocType,
  type SecrecyTerm,
  type Urgency,
} from './enums';
import type { Registration } from './incoming-types';
import { parseSecrecyTermText } from './secrecy-term';
import { cleanText } from './text';

// Import of a legacy Excel 收文登记簿 (issue 3): the pure half. The xlsx file is read elsewhere
// (renderer/features/incoming/xlsx.ts) into rows of cells; here we guess which column is which
// from the header names offices actually use, and turn every row into a Registration or a
// plain-Chinese reason naming the column, so the preview can list each bad row before anything
// is written. No spreadsheet library, no I/O.

/** The fields an import can fill, in the order the mapping step shows them. */
export const IMPORT_FIELDS = [
  { key: 'legacyNumber', label: '原编号', required: false },
  { key: 'receivedDate', label: '收文日期', required: true },
  { key: 'fromUnit', label: '来文单位', required: true },
  { key: 'docNumber', label: '来文字号', required: false },
  { key: 'title', label: '标题', required: true },
  { key: 'docType', label: '文种', required: false },
  { key: 'classification', label: '密级', required: false },
  { key: 'secrecyTerm', label: '保密期限', required: false },
  { key: 'copyNumber', label: '份号', required: false },
  { key: 'copies', label: '份数', required: false },
  { key: 'pages', label: '页数', required: false },
  { key: 'urgency', label: '紧急程度', required: false },
  { key: 'writtenDate', label: '成文日期', required: false },
  { key: 'attachments', label: '附件', required: false },
  { key: 'signedBy', label: '签收人', required: false },
  { key: 'summary', label: '备注/摘要', required: false },
] as const satisfies readonly { key: string; label: string; required: boolean }[];

export type ImportFieldKey = (typeof IMPORT_FIELDS)[number]['key'];

/** Field → 0-based column index in the sheet, or null when no column holds it. */
export type ImportMapping = Record<ImportFieldKey, number | null>;

export function importFieldLabel(key: ImportFieldKey): string {
  return IMPORT_FIELDS.find((f) => f.key === key)?.label ?? key;
}

/** Longest text accepted per field; longer cells are reported, never silently cut. */
export const IMPORT_LIMITS = {
  legacyNumber: 50,
  fromUnit: 100,
  docNumber: 60,
  title: 300,
  attachments: 500,
  signedBy: 50,
  summary: 2000,
  copies: 9999,
  pages: 99999,
} as const;

// ---------------------------------------------------------------------------------------------
// Cells

const FULL_WIDTH_DIGIT = /[０-９]/g;

function halfWidthDigits(text: string): string {
  return text.replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30));
}

function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

/** The calendar day an xlsx date cell stores (read-excel-file gives it as UTC midnight). */
function utcDay(date: Date): IsoDate | null {
  const year = date.getUTCFullYear();
  const iso = `${String(year).padStart(4, '0')}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(
    date.getUTCDate(),
  ).padStart(2, '0')}`;
  return parseIsoDate(iso) ? iso : null;
}

/**
 * A cell as the secretary sees it, cleaned like typed text (shared/domain/text.ts: no control,
 * bidi or zero-width characters, no line breaks) and trimmed: '' for empty cells. Used for text
 * fields and messages.
 */
export function cellText(value: unknown): string {
  return cellString(value, false);
}

/** cellText keeping the cell's line breaks (Alt+Enter): for 摘要. */
export function cellParagraphs(value: unknown): string {
  return cellString(value, true);
}

function cellString(value: unknown, multiline: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return cleanText(value, { multiline }).trim();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return isValidDate(value) ? (utcDay(value) ?? '') : '';
  return cleanText(String(value), { multiline }).trim();
}

function isBlank(value: unknown): boolean {
  return cellText(value) === '';
}

// Excel's day 0 is 1899-12-30 for every serial after the fictitious 1900-02-29 (serial 60).
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);
const MS_PER_DAY = 86_400_000;
// Serials before 1901 are not register dates: a small number in a date column is a typo or a
// month.day typed as a number (7.1 — July 1st or 10th?), which we refuse rather than guess.
const MIN_SERIAL = 367;
const MAX_SERIAL = 2_958_465; // 9999-12-31

function fromParts(year: number, month: number, day: number): IsoDate | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return parseIsoDate(iso) ? iso : null;
}

const YMD = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
const COMPACT_YMD = /^(\d{4})(\d{2})(\d{2})$/;
const MD = /^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
// A time after the date ('2026-07-01 09:30', '2026/7/1 9:30:00', ISO 'T09:30:00Z') is dropped.
const TRAILING_TIME = /(?:\s+|T)\d{1,2}[:：]\d{2}(?:[:：]\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/**
 * The calendar day in a date cell, or null when it does not name a real day.
 * Accepts an xlsx date (a Date at UTC midnight, as read-excel-file gives it: the UTC calendar day
 * is taken, whatever the local time zone), an Excel serial number, an 8-digit number 20260701,
 * and text: '2026-07-01', '2026/7/1', '2026.7.1', '2026年7月1日', '20260701', each optionally
 * followed by a time; with `defaultYear`, also '7月1日', '7-1', '7/1', '7.1' (registers kept one
 * sheet per year often leave the year out). Impossible days (2026-02-30) give null.
 */
export function parseCellDate(value: unknown, defaultYear?: number): IsoDate | null {
  if (value instanceof Date) return isValidDate(value) ? utcDay(value) : null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    if (Number.isInteger(value) && value >= 10_000_101 && value <= 99_991_231) {
      return fromParts(Math.floor(value / 10_000), Math.floor(value / 100) % 100, value % 100);
    }
    if (value < MIN_SERIAL || value > MAX_SERIAL) return null;
    return utcDay(new Date(EXCEL_EPOCH_UTC + Math.floor(value) * MS_PER_DAY));
  }
  if (typeof value !== 'string') return null;
  const text = halfWidthDigits(value).trim().replace(TRAILING_TIME, '').trim();
  if (!text) return null;
  const ymd = YMD.exec(text) ?? COMPACT_YMD.exec(text);
  if (ymd) return fromParts(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]));
  if (defaultYear !== undefined) {
    const md = MD.exec(text);
    if (md) return fromParts(defaultYear, Number(md[1]), Number(md[2]));
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Headers

/** A header as written, made comparable: no spaces (full-width too), no trailing ：/:, no '（必填）', no '*'. */
export function normalizeHeader(value: unknown): string {
  let h = cellText(value).replace(/[\s\u3000]+/g, '');
  h = h.replace(/^[*＊★]+|[*＊★]+$/g, '');
  h = h.replace(/[：:]+$/, '');
  h = h.replace(/[（(][^（）()]*[）)]$/, '');
  h = h.replace(/[：:]+$/, '');
  return h;
}

interface Synonyms {
  /** Names that mean this field, best first. */
  strong: readonly string[];
  /** Names that mean this field only when no other column claims it (序号, 日期). */
  weak?: readonly string[];
}

const HEADER_SYNONYMS: Record<ImportFieldKey, Synonyms> = {
  legacyNumber: {
    strong: ['原编号', '收文号', '收文编号', '原收文编号', '原收文号', '收文序号', '编号', '登记号', '登记编号', '收文登记号'],
    weak: ['序号', '顺序号', '流水号', 'No', 'NO', 'No.'],
  },
  receivedDate: {
    strong: ['收文日期', '收文时间', '收到日期', '登记日期', '签收日期', '收件日期', '接收日期', '来文日期', '收文登记日期'],
    weak: ['日期', '时间'],
  },
  fromUnit: {
    strong: ['来文单位', '来文机关', '发文单位', '来文机关名称', '来文单位名称', '发文机关', '发文机关名称', '来文部门', '来文机构', '来源单位'],
    weak: ['单位', '来源'],
  },
  docNumber: {
    strong: ['来文字号', '文号', '发文字号', '来文文号', '发文文号', '来文编号', '原文号', '文件字号', '字号', '来文号'],
  },
  title: {
    strong: ['标题', '文件标题', '题名', '文件名称', '文件名', '公文标题', '来文标题', '文件题名', '事由'],
    weak: ['内容', '名称'],
  },
  docType: { strong: ['文种', '文件类型', '公文种类', '文件种类', '公文文种'] },
  classification: { strong: ['密级', '秘密等级', '文件密级', '密级程度'] },
  secrecyTerm: { strong: ['保密期限', '保密期', '解密时间', '密级期限'] },
  copyNumber: { strong: ['份号', '文件份号'] },
  copies: { strong: ['份数', '收文份数', '件数'], weak: ['数量'] },
  pages: { strong: ['页数', '总页数', '页码数'], weak: ['张数'] },
  urgency: { strong: ['紧急程度', '缓急', '缓急程度', '急缓', '急缓程度', '紧急'] },
  writtenDate: { strong: ['成文日期', '发文日期', '成文时间', '印发日期', '落款日期', '文件日期'] },
  attachments: { strong: ['附件', '附件名称', '附件情况'] },
  signedBy: { strong: ['签收人', '经办人', '接收人', '收件人', '登记人', '签收'] },
  summary: { strong: ['备注', '摘要', '内容摘要', '主要内容', '说明', '备考'], weak: ['内容'] },
};

// Contains-matching ('来文单位名称（全称）' ⊃ '来文单位') only for names long enough to be specific:
// '文号' would match '收文号', '日期' would match '成文日期'.
const MIN_CONTAINS_LENGTH = 3;

function headerScore(header: string, syn: Synonyms): number {
  if (!header) return 0;
  const strong = syn.strong.indexOf(header);
  if (strong >= 0) return 300 - strong;
  const weak = syn.weak?.indexOf(header) ?? -1;
  if (weak >= 0) return 100 - weak;
  let best = 0;
  syn.strong.forEach((name, i) => {
    if (name.length >= MIN_CONTAINS_LENGTH && header.includes(name)) best = Math.max(best, 200 - i);
  });
  return best;
}

export function emptyMapping(): ImportMapping {
  return Object.fromEntries(IMPORT_FIELDS.map((f) => [f.key, null])) as ImportMapping;
}

/**
 * Which column holds which field, guessed from the header row. Each column serves one field and
 * each field one column; exact names beat names contained in a longer header, which beat the
 * vague ones (序号 → 原编号, 日期 → 收文日期) that only count when nothing better claims the field.
 */
export function guessMapping(headers: readonly unknown[]): ImportMapping {
  const normalized = headers.map(normalizeHeader);
  const candidates: { field: ImportFieldKey; fieldOrder: number; column: number; score: number }[] = [];
  IMPORT_FIELDS.forEach(({ key }, fieldOrder) => {
    normalized.forEach((header, column) => {
      const score = headerScore(header, HEADER_SYNONYMS[key]);
      if (score > 0) candidates.push({ field: key, fieldOrder, column, score });
    });
  });
  candidates.sort((a, b) => b.score - a.score || a.column - b.column || a.fieldOrder - b.fieldOrder);
  const mapping = emptyMapping();
  const usedColumns = new Set<number>();
  for (const c of candidates) {
    if (mapping[c.field] !== null || usedColumns.has(c.column)) continue;
    mapping[c.field] = c.column;
    usedColumns.add(c.column);
  }
  return mapping;
}

function mappedCount(mapping: ImportMapping): number {
  return IMPORT_FIELDS.filter((f) => mapping[f.key] !== null).length;
}

const HEADER_SCAN_ROWS = 10;

export interface LocatedHeader {
  /** 0-based index of the header row in the sheet's rows. */
  headerIndex: number;
  headers: string[];
  /** The rows under the header. */
  dataRows: unknown[][];
  /** Spreadsheet row number (1-based) of dataRows[0]: pass it to validateImportRows. */
  firstRowNumber: number;
  mapping: ImportMapping;
}

/**
 * Finds the header row: registers often start with a title row ('2025年收文登记簿') and a blank
 * line above the column names. The first of the top rows that names the most fields (at least
 * two) wins; with none, row 1 is taken as the header. Assumes rows[0] is spreadsheet row 1.
 */
export function locateHeader(rows: readonly (readonly unknown[])[]): LocatedHeader {
  let headerIndex = 0;
  let mapping = guessMapping(rows[0] ?? []);
  let best = Math.max(1, mappedCount(mapping));
  for (let i = 1; i < Math.min(rows.length, HEADER_SCAN_ROWS); i++) {
    const candidate = guessMapping(rows[i] ?? []);
    const n = mappedCount(candidate);
    if (n > best) {
      best = n;
      headerIndex = i;
      mapping = candidate;
    }
  }
  return {
    headerIndex,
    headers: (rows[headerIndex] ?? []).map((h) => cellText(h)),
    dataRows: rows.slice(headerIndex + 1).map((r) => [...r]),
    firstRowNumber: headerIndex + 2,
    mapping,
  };
}

export interface ImportSheetProblem {
  kind: 'empty' | 'no-header' | 'no-data' | 'unmapped';
  message: string;
  /** True when nothing can be imported from this sheet; false when the mapping step can fix it. */
  blocking: boolean;
}

/**
 * What stops a sheet from being imported as it stands, or null. 'unmapped' (a required field
 * has no column) is for the mapping step to fix; the others block the sheet.
 */
export function importProblemForSheet(
  headers: readonly unknown[] | undefined,
  rows: readonly (readonly unknown[])[],
  mapping: ImportMapping = guessMapping(headers ?? []),
): ImportSheetProblem | null {
  const hasHeader = (headers ?? []).some((h) => !isBlank(h));
  const dataRows = rows.filter((r) => r.some((c) => !isBlank(c)));
  if (!hasHeader && dataRows.length === 0) return { kind: 'empty', message: '工作表是空的', blocking: true };
  if (mappedCount(mapping) === 0) {
    return {
      kind: 'no-header',
      message: '第一行不是表头：找不到“收文日期”“来文单位”“标题”等列名',
      blocking: true,
    };
  }
  if (dataRows.length === 0) return { kind: 'no-data', message: '工作表只有表头，没有数据行', blocking: true };
  const missing = IMPORT_FIELDS.filter((f) => f.required && mapping[f.key] === null).map((f) => `“${f.label}”`);
  if (missing.length > 0) {
    return { kind: 'unmapped', message: `找不到${missing.join('')}列，请在下一步手动指定`, blocking: false };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Rows

export interface ImportOptions {
  /** 签收人 for rows that name none (usually the secretary doing the import). */
  defaultSignedBy: string;
  /** Year for dates written without one ('7月1日'), e.g. from a sheet named '2025年'. */
  defaultYear?: number;
  /** Spreadsheet row number of rows[0]; default 2 (the header is row 1). */
  firstRowNumber?: number;
  /** When given, a 收文日期 after this day is refused (a typo such as 2062 for 2026). */
  today?: IsoDate;
  /** Told every PROGRESS_EVERY rows how many are checked (a worker posts it to the wizard's bar). */
  progress?: (done: number, total: number) => void;
}

const PROGRESS_EVERY = 2000;

export interface ValidImportRow {
  rowNumber: number;
  registration: Registration;
  legacyNumber?: string;
  /** What was assumed for this row (unknown 文种 taken as 其他 …), for the preview. */
  warnings?: string[];
}

export interface BadImportRow {
  rowNumber: number;
  reason: string;
}

export interface ImportValidation {
  valid: ValidImportRow[];
  bad: BadImportRow[];
}

const DOC_TYPE_ALIASES: Record<string, DocType> = { 令: '命令', 会议纪要: '纪要', 函件: '函' };

const CLASSIFICATION_ALIASES: Record<string, Classification> = {
  无: '非密',
  普通: '非密',
  公开: '非密',
  不涉密: '非密',
  非涉密: '非密',
  一般: '非密',
  内部资料: '内部',
  内部事项: '内部',
  内部使用: '内部',
  内部文件: '内部',
};

const URGENCY_ALIASES: Record<string, Urgency> = {
  平件: '普通',
  一般: '普通',
  无: '普通',
  平急: '普通',
  急件: '加急',
  急: '加急',
  紧急: '加急',
  特急件: '特急',
  特提: '特急',
};

const CLASSIFICATION_LIST = CLASSIFICATIONS.join('、');
const URGENCY_LIST = URGENCIES.join('、');

function quoted(value: string): string {
  return `“${value}”`;
}

/** '机密★20年' / '秘密*10年' / '机密' → level and the term text after the star, if any. */
function splitClassificationMark(text: string): { level: Classification | null; termText: string } {
  const compact = text.replace(/[\s\u3000]+/g, '');
  const [levelText = '', ...rest] = compact.split(/[★☆*＊]/);
  const termText = rest.join('');
  const level = isOneOf(CLASSIFICATIONS, levelText) ? levelText : (CLASSIFICATION_ALIASES[levelText] ?? null);
  return { level, termText };
}

/** 保密期限 from a cell: a Date cell is a 解密时间; text goes through parseSecrecyTermText. */
function parseSecrecyTermCell(value: unknown): SecrecyTerm | null {
  if (value instanceof Date) {
    const day = parseCellDate(value);
    return day ? { kind: 'date', date: day } : null;
  }
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 1 && value <= 99 ? { kind: 'years', years: value } : null;
  }
  const text = halfWidthDigits(cellText(value)).replace(/[\s\u3000]+/g, '');
  if (!text) return null;
  const bareYears = /^(\d{1,2})$/.exec(text);
  if (bareYears) return parseSecrecyTermText(`${bareYears[1]}年`);
  const asDate = parseCellDate(text);
  if (asDate) return { kind: 'date', date: asDate };
  const term = parseSecrecyTermText(text);
  if (!term) return null;
  if (term.kind === 'years' && (term.years < 1 || term.years > 99)) return null;
  // A 解密条件 is words ('项目验收后'); digits or symbols alone are a typo, not a condition.
  if (term.kind === 'condition' && (!/[\u4e00-\u9fff]{2,}/.test(term.condition) || term.condition.length > 100)) return null;
  return term;
}

/** A count such as 份数: '3', 3, '3份', '３件' → 3; null when not an integer. */
function parseCount(value: unknown, unit: RegExp): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  const text = halfWidthDigits(cellText(value)).replace(/[\s\u3000]+/g, '').replace(unit, '');
  return /^\d{1,9}$/.test(text) ? Number(text) : null;
}

/** 份号: 12, '12', '000012', '第12号', 'No.12' → '000012'; null when not 1–6 digits or zero. */
function parseCopyNumber(value: unknown): string | null {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return null;
    text = String(value);
  } else {
    text = halfWidthDigits(cellText(value))
      .replace(/[\s\u3000]+/g, '')
      .replace(/^(?:第|No\.?|NO\.?|№)/, '')
      .replace(/[号份]$/, '');
  }
  if (!/^\d{1,6}$/.test(text) || Number(text) === 0) return null;
  return text.padStart(6, '0');
}

/**
 * Turns the data rows of a legacy register into registrations, or reasons naming the column.
 * Blank rows (nothing in any mapped column) are skipped silently. Defaults: 文种 blank or not one
 * of the 15 kinds → 其他 (a warning says so: old registers write 简报, 材料 …); 密级 blank → 非密;
 * 紧急程度 blank → 普通; 份数 blank → 1; 页数 blank → 0; 签收人 blank → defaultSignedBy; 保密期限
 * blank or unreadable → the statutory default for the 密级; handling 办件.
 */
export function validateImportRows(
  rows: readonly (readonly unknown[])[],
  mapping: ImportMapping,
  options: ImportOptions,
): ImportValidation {
  const firstRowNumber = options.firstRowNumber ?? 2;
  const valid: ValidImportRow[] = [];
  const bad: BadImportRow[] = [];
  const seenDocNumbers = new Map<string, number>();
  const mappedColumns = IMPORT_FIELDS.map((f) => mapping[f.key]).filter((c): c is number => c !== null);

  rows.forEach((row, index) => {
    const rowNumber = firstRowNumber + index;
    if (options.progress && index % PROGRESS_EVERY === 0) options.progress(index, rows.length);
    if (mappedColumns.every((c) => isBlank(row[c]))) return;
    const cell = (key: ImportFieldKey): unknown => {
      const column = mapping[key];
      return column === null ? undefined : row[column];
    };
    // 摘要 keeps the line breaks typed in its cell (Alt+Enter); every other field is one line.
    const text = (key: ImportFieldKey): string => (key === 'summary' ? cellParagraphs : cellText)(cell(key));
    const problems: string[] = [];
    const warnings: string[] = [];
    const limited = (key: keyof typeof IMPORT_LIMITS & ImportFieldKey, value: string): string => {
      const max = IMPORT_LIMITS[key];
      if (value.length > max) problems.push(`${importFieldLabel(key)}过长（${value.length} 个字，最多 ${max} 个字）`);
      return value;
    };

    // 收文日期
    let receivedDate: IsoDate | null = null;
    const receivedText = text('receivedDate');
    if (!receivedText) problems.push('缺少收文日期');
    else {
      receivedDate = parseCellDate(cell('receivedDate'), options.defaultYear);
      if (!receivedDate) problems.push(`收文日期${quoted(receivedText)}不是有效日期`);
      else if (options.today && receivedDate > options.today) {
        problems.push(`收文日期${quoted(receivedDate)}晚于今天（${options.today}）`);
      }
    }

    const fromUnit = limited('fromUnit', text('fromUnit'));
    if (!fromUnit) problems.push('缺少来文单位');
    const rawDocNumber = text('docNumber');
    const docNumber = limited('docNumber', rawDocNumber ? normalizeDocNumber(rawDocNumber).normalized : '');
    const title = limited('title', text('title'));
    if (!title) problems.push('缺少标题');

    // 文种
    let docType: DocType = '其他';
    const docTypeText = text('docType').replace(/[\s\u3000]+/g, '');
    if (docTypeText) {
      const known = isOneOf(DOC_TYPES, docTypeText) ? docTypeText : DOC_TYPE_ALIASES[docTypeText];
      if (known) docType = known;
      else warnings.push(`文种${quoted(docTypeText)}不在 15 种公文之列，按“其他”导入`);
    }

    // 密级 and 保密期限 ('机密★20年' in the 密级 column is read as both)
    let classification: Classification = '非密';
    let markTermText = '';
    const classificationText = text('classification');
    if (classificationText) {
      const { level, termText } = splitClassificationMark(classificationText);
      if (level) {
        classification = level;
        markTermText = termText;
      } else problems.push(`密级${quoted(classificationText)}无法识别（可用：${CLASSIFICATION_LIST}）`);
    }
    let secrecyTerm: SecrecyTerm | undefined;
    const termCell = isBlank(cell('secrecyTerm')) ? markTermText : cell('secrecyTerm');
    const termText = cellText(termCell);
    if (isClassified(classification)) {
      const parsed = termText ? parseSecrecyTermCell(termCell) : null;
      if (termText && !parsed) {
        warnings.push(`保密期限${quoted(termText)}无法识别，按${classification}默认期限导入`);
      }
      secrecyTerm = parsed ?? defaultSecrecyTerm(classification) ?? undefined;
    } else if (termText) {
      warnings.push(`${classification}文件不设保密期限，已忽略${quoted(termText)}`);
    }

    // 份号
    let copyNumber: string | undefined;
    const copyText = text('copyNumber');
    if (copyText) {
      const parsed = parseCopyNumber(cell('copyNumber'));
      if (parsed) copyNumber = parsed;
      else problems.push(`份号${quoted(copyText)}应为 1–6 位数字`);
    } else if (isClassified(classification)) problems.push('秘密及以上密级必须有份号');

    // 份数, 页数
    let copies = 1;
    const copiesText = text('copies');
    if (copiesText) {
      const n = parseCount(cell('copies'), /[份件]$/);
      if (n === null || n < 1 || n > IMPORT_LIMITS.copies) problems.push(`份数${quoted(copiesText)}应为 1–${IMPORT_LIMITS.copies} 的整数`);
      else copies = n;
    }
    let pages = 0;
    const pagesText = text('pages');
    if (pagesText) {
      const n = parseCount(cell('pages'), /[页张]$/);
      if (n === null || n < 0 || n > IMPORT_LIMITS.pages) problems.push(`页数${quoted(pagesText)}应为 0–${IMPORT_LIMITS.pages} 的整数`);
      else pages = n;
    }

    // 紧急程度
    let urgency: Urgency = '普通';
    const urgencyText = text('urgency').replace(/[\s\u3000]+/g, '');
    if (urgencyText) {
      const known = isOneOf(URGENCIES, urgencyText) ? urgencyText : URGENCY_ALIASES[urgencyText];
      if (known) urgency = known;
      else problems.push(`紧急程度${quoted(urgencyText)}无法识别（可用：${URGENCY_LIST}）`);
    }

    // 成文日期
    let writtenDate: IsoDate | undefined;
    const writtenText = text('writtenDate');
    if (writtenText) {
      const parsed = parseCellDate(cell('writtenDate'), options.defaultYear);
      if (parsed) writtenDate = parsed;
      else problems.push(`成文日期${quoted(writtenText)}不是有效日期`);
    }

    const attachments = limited('attachments', text('attachments'));
    const signedBy = limited('signedBy', text('signedBy') || cellText(options.defaultSignedBy));
    if (!signedBy) problems.push('缺少签收人');
    const summary = limited('summary', text('summary'));
    const legacyNumber = limited('legacyNumber', text('legacyNumber'));

    if (problems.length > 0 || !receivedDate) {
      bad.push({ rowNumber, reason: problems.join('；') });
      return;
    }

    if (docNumber) {
      const key = `${fromUnit}|${docNumber}`;
      const earlier = seenDocNumbers.get(key);
      if (earlier !== undefined) warnings.push(`与第 ${earlier} 行的来文单位、来文字号相同`);
      else seenDocNumbers.set(key, rowNumber);
    }

    const registration: Registration = {
      receivedDate,
      fromUnit,
      docNumber,
      title,
      docType,
      classification,
      ...(secrecyTerm ? { secrecyTerm } : {}),
      ...(copyNumber ? { copyNumber } : {}),
      copies,
      pages,
      urgency,
      ...(writtenDate ? { writtenDate } : {}),
      ...(attachments ? { attachments } : {}),
      signedBy,
      handling: '办件',
      ...(summary ? { summary } : {}),
    };
    valid.push({
      rowNumber,
      registration,
      ...(legacyNumber ? { legacyNumber } : {}),
      ...(warnings.length > 0 ? { warnings } : {}),
    });
  });

  options.progress?.(rows.length, rows.length);
  return { valid, bad };
}
