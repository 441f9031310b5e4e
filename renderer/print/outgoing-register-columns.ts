import type { IsoDate } from '@shared/domain/dates';
import { formatClassificationMark, type Classification, type DocType, type SecrecyTerm, type Urgency } from '@shared/domain/enums';
import type { OutgoingState } from '@shared/domain/outgoing-types';

// 发文登记簿 (DOMAIN.md §10 登记): its columns, what each prints of a 发文, and their widths on the
// A4 landscape page. Pure (no font, no React): the print (OutgoingRegisterSheet) and the XLSX
// (features/outgoing/outgoing-xlsx.ts) take the same columns and the same cell text from here.
// A row outside the reader's need to know comes already masked (maskOutgoing): it prints what it holds.

/** One 发文 as the register takes it: an OutgoingRecord (masked or not) fits. */
export interface OutgoingRegisterLine {
  /** 文号, set at 登记. */
  docNumber?: string;
  /** 成文日期 */
  writtenDate?: IsoDate;
  title: string;
  docType: DocType;
  classification: Classification;
  secrecyTerm?: SecrecyTerm | null;
  urgency: Urgency;
  mainTo: readonly string[];
  copyTo: readonly string[];
  /** 印制份数 */
  printCopies: number;
  signoff?: { signer: string } | undefined;
  draftingUnit: { name: string };
  distributions: readonly { date: IsoDate; unit?: string }[];
  state: OutgoingState;
  voided?: { reason: string } | undefined;
  /** Set by a caller that masked the row itself: 密级 then prints the level alone (a 解密条件 is text). */
  masked?: boolean;
}

export const OUTGOING_REGISTER_KEYS = [
  'index',
  'docNumber',
  'writtenDate',
  'title',
  'docType',
  'classification',
  'urgency',
  'mainTo',
  'copyTo',
  'printCopies',
  'signer',
  'draftingUnit',
  'issuedDate',
  'state',
] as const;
export type OutgoingRegisterKey = (typeof OUTGOING_REGISTER_KEYS)[number];

export interface OutgoingRegisterColumn {
  key: OutgoingRegisterKey;
  label: string;
  /**
   * Width in mm on the 267 mm landscape text block at 小五 (9 pt): 文号's 〔2026〕N号 and the dates on
   * one line, 标题, 主送, 抄送 and 拟稿单位 wrapping in their cells. Printed as shares of the table.
   */
  mm: number;
  /** Never wraps (numbers, dates, short words). */
  nowrap?: boolean;
  /** Column width in the XLSX (characters). */
  xlsxWidth: number;
}

export const OUTGOING_REGISTER_COLUMNS: readonly OutgoingRegisterColumn[] = [
  { key: 'index', label: '序号', mm: 9, nowrap: true, xlsxWidth: 5 },
  { key: 'docNumber', label: '文号', mm: 27, xlsxWidth: 16 },
  { key: 'writtenDate', label: '成文日期', mm: 18, nowrap: true, xlsxWidth: 11 },
  { key: 'title', label: '标题', mm: 43, xlsxWidth: 28 },
  { key: 'docType', label: '文种', mm: 9, xlsxWidth: 5 },
  { key: 'classification', label: '密级', mm: 15, xlsxWidth: 10 },
  { key: 'urgency', label: '紧急程度', mm: 9, xlsxWidth: 9 },
  { key: 'mainTo', label: '主送', mm: 31, xlsxWidth: 18 },
  { key: 'copyTo', label: '抄送', mm: 27, xlsxWidth: 16 },
  { key: 'printCopies', label: '印制份数', mm: 9, nowrap: true, xlsxWidth: 9 },
  { key: 'signer', label: '签发人', mm: 13, xlsxWidth: 8 },
  { key: 'draftingUnit', label: '拟稿单位', mm: 22, xlsxWidth: 12 },
  { key: 'issuedDate', label: '核发日期', mm: 18, nowrap: true, xlsxWidth: 11 },
  { key: 'state', label: '状态/备注', mm: 17, xlsxWidth: 12 },
];

/** 密级 as a register says it: 机密★20年, and 非密 in words (a document itself carries no mark then). */
export function outgoingClassificationText(line: Pick<OutgoingRegisterLine, 'classification' | 'secrecyTerm' | 'masked'>): string {
  if (line.masked) return line.classification;
  return formatClassificationMark({ level: line.classification, term: line.secrecyTerm ?? null }) || line.classification;
}

/**
 * 主送 / 抄送 on paper: the units joined by 、. A list longer than `maxChars` (a dozen 40-character
 * names would make one row taller than the page) prints its first units and "等 N 个单位"; the XLSX
 * and the record keep the whole list.
 */
export function unitListText(units: readonly string[], maxChars = Infinity): string {
  const all = units.join('、');
  if (Array.from(all).length <= maxChars) return all;
  const shown: string[] = [];
  let length = 0;
  for (const u of units) {
    const add = Array.from(u).length + (shown.length ? 1 : 0);
    if (shown.length && length + add > maxChars) break;
    shown.push(u);
    length += add;
  }
  return `${shown.join('、')}等 ${units.length} 个单位`;
}

/** 核发日期: the day the last unit was handed its copies ('' before 核发). */
export function issuedDate(line: Pick<OutgoingRegisterLine, 'distributions'>): string {
  return line.distributions.reduce((d, x) => (x.date > d ? x.date : d), '');
}

/** 状态/备注: the state; 作废 with its reason; a 核发 under way with how many units have theirs. */
export function outgoingStateText(line: Pick<OutgoingRegisterLine, 'state' | 'voided' | 'distributions' | 'mainTo' | 'copyTo'>): string {
  if (line.state === '已作废') return line.voided ? `已作废：${line.voided.reason}` : '已作废';
  if (line.state === '待核发' && line.distributions.length > 0) {
    // A unit handed copies twice counts once; a masked row has no lists to count against.
    const done = new Set(line.distributions.map((d, i) => d.unit ?? String(i))).size;
    const units = new Set([...line.mainTo, ...line.copyTo]).size;
    return units ? `待核发（已发 ${done}/${units} 个单位）` : `待核发（已发 ${done} 个单位）`;
  }
  return line.state;
}

/** The most characters of 主送 or 抄送 a printed row takes (about ten lines of its cell at 小五). */
export const PRINTED_UNITS_MAX_CHARS = 90;
/**
 * The most the XLSX takes: about 20 lines of its cell, so a row stays under Excel's 409 pt and on
 * one printed page (a taller row is cut by Excel and printed over the footer by Calc).
 */
export const XLSX_UNITS_MAX_CHARS = 160;

/** A cell's text; 主送/抄送 shortened past `unitsMaxChars` (unitListText): the print's limit unless told. */
export function outgoingCellText(key: OutgoingRegisterKey, line: OutgoingRegisterLine, index: number, unitsMaxChars = PRINTED_UNITS_MAX_CHARS): string {
  const max = unitsMaxChars;
  switch (key) {
    case 'index':
      return String(index + 1);
    case 'docNumber':
      return line.docNumber ?? '';
    case 'writtenDate':
      return line.writtenDate ?? '';
    case 'title':
      return line.title;
    case 'docType':
      return line.docType;
    case 'classification':
      return outgoingClassificationText(line);
    case 'urgency':
      return line.urgency;
    case 'mainTo':
      return unitListText(line.mainTo, max);
    case 'copyTo':
      return unitListText(line.copyTo, max);
    case 'printCopies':
      return String(line.printCopies);
    case 'signer':
      return line.signoff?.signer ?? '';
    case 'draftingUnit':
      return line.draftingUnit.name;
    case 'issuedDate':
      return issuedDate(line);
    case 'state':
      return outgoingStateText(line);
  }
}

/**
 * A 文号 split where a line may break: the 机关代字 before 〔 may wrap, 〔2026〕N号 stays on one line.
 * A number not of that shape is one part (it wraps anywhere).
 */
export function docNumberParts(docNumber: string): [head: string, tail: string] {
  const at = docNumber.indexOf('〔');
  return at > 0 ? [docNumber.slice(0, at), docNumber.slice(at)] : ['', docNumber];
}
