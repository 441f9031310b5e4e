import { z } from 'zod';
import { formatCatalogueDate, toLocalIsoDate, type IsoDate } from './dates';
import {
  DOC_TYPES,
  RETENTION_CODES,
  RETENTION_PERIODS,
  isClassified,
  isOneOf,
  retentionCode,
  type Classification,
  type DocType,
  type RetentionPeriod,
} from './enums';
import type { IncomingRecord } from './incoming-types';
import type { MeetingRecord } from './meeting-types';
import { cleanParagraphs, cleanText } from './text';
import {
  FILING_KINDS,
  type ArchiveBox,
  type ArchiveCorrection,
  type ArchiveRecord,
  type BoxCapacity,
  type CatalogueFields,
  type FiledMarker,
  type FilingKind,
} from './filing-types';
import { RuleError } from './rule-error';

export * from './filing-types';
export { RETENTION_CODES, RETENTION_PERIODS, retentionCode, retentionPeriodFromCode, type RetentionPeriod } from './enums';

// 归档 (DOMAIN.md §6, DA/T 22-2015), pure. The unit is the 件; 件 are classified 年度 → 机构(问题)
// → 保管期限 and numbered 0001 up within that lowest class. The repository (renderer/db/repositories/
// filing.ts) loads the records, calls these and stores the result with its audit entries in one
// transaction; the 件号 come from one counter per class there, so they have no gaps and are never
// reused.

/** 档案门类代码 of 文书档案 (DA/T 22-2015): the "WS" of Z109-WS·2026-Y-BGS-0001. */
export const ARCHIVE_CATEGORY_CODE = 'WS';
/** 件号 are four digits (0001–9999) within a class. */
export const MAX_ITEM_NO = 9999;
/** 页数 of one 件, as the catalogue and 归档章 accept it. */
export const MAX_PAGES = 9999;

// --- 档号 ----------------------------------------------------------------------------------------

/** 件号 as printed: 1 → '0001'. */
export function formatItemNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > MAX_ITEM_NO) throw new RangeError(`件号应为 1–${MAX_ITEM_NO} 的整数：${n}`);
  return String(n).padStart(4, '0');
}

export interface ArchiveCodeParts {
  /** 全宗号 */
  fondsCode: string;
  /** 年度 */
  year: number;
  retention: RetentionPeriod;
  /** 机构(问题)代码 */
  orgCode: string;
  /** 件号 */
  itemNo: number;
}

const FONDS = /^[A-Za-z0-9]{1,16}$/;
const ORG = /^[A-Z0-9]{1,10}$/;

/**
 * 档号 (DA/T 22-2015): 全宗号-门类代码·年度-保管期限代码-机构代码-件号, e.g.
 * Z109-WS·2026-Y-BGS-0001. The 全宗号 and 机构代码 are checked against the formats the settings
 * accept, so no part can contain the '-' that separates them.
 */
export function formatArchiveCode(p: ArchiveCodeParts): string {
  if (!FONDS.test(p.fondsCode)) throw new RangeError(`全宗号无效：${p.fondsCode}`);
  if (!Number.isInteger(p.year) || p.year < 1000 || p.year > 9999) throw new RangeError(`年度无效：${p.year}`);
  if (!isOneOf(RETENTION_PERIODS, p.retention)) throw new RangeError(`保管期限无效：${String(p.retention)}`);
  if (!ORG.test(p.orgCode)) throw new RangeError(`机构代码无效：${p.orgCode}`);
  return `${p.fondsCode}-${ARCHIVE_CATEGORY_CODE}·${p.year}-${retentionCode(p.retention)}-${p.orgCode}-${formatItemNumber(p.itemNo)}`;
}

const ARCHIVE_CODE = /^([A-Za-z0-9]{1,16})-WS·(\d{4})-(Y|D30|D10)-([A-Z0-9]{1,10})-(\d{4})$/;

/** The parts of a 档号 written by formatArchiveCode; null for anything else. */
export function parseArchiveCode(code: string): ArchiveCodeParts | null {
  const m = ARCHIVE_CODE.exec(code.trim());
  if (!m) return null;
  const retention = RETENTION_PERIODS.find((r) => RETENTION_CODES[r] === m[3]);
  const itemNo = Number(m[5]);
  if (!retention || itemNo < 1) return null;
  return { fondsCode: m[1]!, year: Number(m[2]), retention, orgCode: m[4]!, itemNo };
}

/**
 * The counter series of one class (used with the year by renderer/db/numbering.ts): one gap-free
 * sequence per (年度, 机构, 保管期限), e.g. '归档:BGS:Y' → counter key '归档:BGS:Y|2026'.
 */
export function filingSeries(orgCode: string, retention: RetentionPeriod): string {
  return `归档:${orgCode}:${retentionCode(retention)}`;
}

/** One class (年度, 机构, 保管期限) as a map key. */
export function filingClassKey(e: { year: number; orgCode: string; retention: RetentionPeriod }): string {
  return `${e.year}|${e.orgCode}|${e.retention}`;
}

// --- 保管期限 ------------------------------------------------------------------------------------

/**
 * Default 保管期限 per 文种 (a setting; local practice after 国家档案局令第8号): decisions, orders,
 * communiqués, motions, replies to us and our own 纪要 are kept for good; reports, requests,
 * opinions and announcements 30 years; routine notices, bulletins, letters and the rest 10 years.
 */
export const DEFAULT_RETENTION_BY_DOC_TYPE: Readonly<Record<DocType, RetentionPeriod>> = {
  决议: '永久',
  决定: '永久',
  命令: '永久',
  公报: '永久',
  公告: '定期30年',
  通告: '定期30年',
  意见: '定期30年',
  通知: '定期10年',
  通报: '定期10年',
  报告: '定期30年',
  请示: '定期30年',
  批复: '永久',
  议案: '永久',
  函: '定期10年',
  纪要: '永久',
  其他: '定期10年',
};

/** Why `value` is not a 保管期限, in words for the form; null when it is one. */
export function retentionProblem(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return '请选择保管期限';
  if (isOneOf(RETENTION_PERIODS, value)) return null;
  return `保管期限“${String(value)}”无效，应为${RETENTION_PERIODS.join('、')}之一`;
}

// --- settings ------------------------------------------------------------------------------------

/** A box is full at 100 件 or 200 页, whichever comes first (a 3 cm 档案盒 of A4). */
export const DEFAULT_BOX_CAPACITY: Readonly<BoxCapacity> = { maxItems: 100, maxPages: 200 };

export interface FilingSettings {
  /** Proposed 保管期限 per 文种 (our 纪要 use 纪要's). */
  retentionByDocType: Record<DocType, RetentionPeriod>;
  boxCapacity: BoxCapacity;
  /** 机构代码 proposed when none can be derived (纪要, 阅件); '' for none. */
  defaultOrgCode: string;
}

export const DEFAULT_FILING_SETTINGS: Readonly<FilingSettings> = {
  retentionByDocType: { ...DEFAULT_RETENTION_BY_DOC_TYPE },
  boxCapacity: { ...DEFAULT_BOX_CAPACITY },
  defaultOrgCode: '',
};

const retentionOf = (t: DocType) => z.enum(RETENTION_PERIODS, { error: `请选择“${t}”的保管期限` });

export const filingSettingsSchema = z.object({
  retentionByDocType: z.object(Object.fromEntries(DOC_TYPES.map((t) => [t, retentionOf(t)])) as Record<DocType, ReturnType<typeof retentionOf>>),
  boxCapacity: z.object({
    maxItems: z.number({ error: '请输入每盒件数' }).int('每盒件数应为整数').min(1, '每盒至少 1 件').max(1000, '每盒不能超过 1000 件'),
    maxPages: z.number({ error: '请输入每盒页数' }).int('每盒页数应为整数').min(1, '每盒至少 1 页').max(5000, '每盒不能超过 5000 页'),
  }),
  defaultOrgCode: z
    .string()
    .trim()
    .refine((v) => v === '' || ORG.test(v), '机构代码用大写字母或数字，如 BGS'),
});

/** Settings as stored (possibly partial, from an older version) merged over the defaults. */
export function resolveFilingSettings(stored: unknown): FilingSettings {
  const s = (stored ?? {}) as Partial<{ retentionByDocType: Record<string, unknown>; boxCapacity: Partial<BoxCapacity>; defaultOrgCode: unknown }>;
  const retentionByDocType = { ...DEFAULT_RETENTION_BY_DOC_TYPE };
  for (const t of DOC_TYPES) {
    const v = s.retentionByDocType?.[t];
    if (isOneOf(RETENTION_PERIODS, v)) retentionByDocType[t] = v;
  }
  const n = (v: unknown, d: number) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : d);
  return {
    retentionByDocType,
    boxCapacity: { maxItems: n(s.boxCapacity?.maxItems, DEFAULT_BOX_CAPACITY.maxItems), maxPages: n(s.boxCapacity?.maxPages, DEFAULT_BOX_CAPACITY.maxPages) },
    defaultOrgCode: typeof s.defaultOrgCode === 'string' && ORG.test(s.defaultOrgCode) ? s.defaultOrgCode : '',
  };
}

// --- what goes in the catalogue --------------------------------------------------------------

/** A 题名 (or the part of one) the filer made up: written in [ ] (DA/T 22-2015). */
export function inventedTitle(text: string): string {
  return `[${text.trim()}]`;
}

/**
 * A 收文's catalogue entry: 责任者 = 来文单位, 文号 = 来文字号, 题名 = 标题 (made up as
 * [来文单位 + 文种] when there is none), 日期 = 成文日期 (收文日期 when it was not recorded),
 * 页数 as registered.
 */
export function incomingCatalogue(r: IncomingRecord): CatalogueFields {
  const title = r.title.trim();
  return {
    docNumber: r.docNumber.trim(),
    responsible: r.fromUnit.trim(),
    title: title || inventedTitle(`${r.fromUnit.trim()}${r.docType === '其他' ? '来文' : r.docType}`),
    date: r.writtenDate ?? r.receivedDate,
    classification: r.classification,
    pages: r.pages,
    remarks: '',
  };
}

/** 文号 of our own 纪要: 会议类型 + 纪要编号, e.g. 常务会议第3期 (each type numbers its own 期). */
export function minutesDocNumber(m: Pick<MeetingRecord, 'meetingType'> & { issued?: { number: string } | undefined }): string {
  const number = m.issued?.number.trim() ?? '';
  return number.startsWith(m.meetingType) ? number : `${m.meetingType}${number}`;
}

/** 题名 of our own 纪要: its title, with the meeting added in [ ] unless the title already names it. */
export function minutesCatalogueTitle(m: Pick<MeetingRecord, 'name'> & { issued?: { title: string } | undefined }): string {
  const title = m.issued?.title.trim() ?? '';
  const meeting = m.name.trim();
  if (!title) return inventedTitle(`${meeting}纪要`);
  return title.includes(meeting) ? title : `${title}${inventedTitle(meeting)}`;
}

/** The local day the minutes were issued (签发): the 纪要's 成文日期. */
export function minutesIssueDate(m: Pick<MeetingRecord, 'issued'>): IsoDate {
  if (!m.issued) throw new RuleError('纪要尚未签发');
  return toLocalIsoDate(new Date(m.issued.issuedAt));
}

// GB/T 9704: 28 characters × 22 lines a page. A 纪要's 版头 (red title 35 mm down, 第N期, issuer and
// date over the red rule) takes about 8 of the first page's lines.
const CHARS_PER_LINE = 28;
const LINES_PER_PAGE = 22;
const MINUTES_HEAD_LINES = 8;

function paragraphLines(text: string): number {
  // First line indented two characters.
  return Math.max(1, Math.ceil((Array.from(text.trim()).length + 2) / CHARS_PER_LINE));
}

/**
 * 页数 of our own 纪要 as printed (MinutesDocument), estimated from the text on the GB/T 9704
 * grid. The 纪要 has no registered 页数: the estimate is proposed and marked as such, the filer
 * may correct it when filing, and a later correction goes through 更正.
 */
export function estimateMinutesPages(m: Pick<MeetingRecord, 'name' | 'host' | 'location' | 'topics' | 'invitees' | 'issued'>): number {
  if (!m.issued) throw new RuleError('纪要尚未签发');
  // Opening: "2026年11月27日，张县长在三楼会议室主持召开……，研究A、B。"
  let lines = paragraphLines(`2026年11月27日，${m.host}在${m.location}主持召开${m.name}，研究${m.topics.join('、')}。`);
  for (const p of m.issued.paragraphs) lines += paragraphLines(p);
  if (m.issued.decisions.length) lines += 1;
  for (const d of m.issued.decisions) lines += paragraphLines(`一、${d.content}（责任单位：${d.unit}；责任人：${d.person}；完成时限：2026年12月10日）`);
  // A blank line, then 出席/请假/列席 lines of names (about 4 characters each, with 、).
  const names = m.invitees.reduce((sum, i) => sum + Array.from(i.name).length + 1 + (i.role === '列席' ? Array.from(i.unit).length + 1 : 0), 0);
  lines += 1 + Math.ceil(names / (CHARS_PER_LINE - 3)) + 1;
  return Math.max(1, Math.ceil((MINUTES_HEAD_LINES + lines) / LINES_PER_PAGE));
}

/**
 * Our own 纪要's catalogue entry: 责任者 = the office (单位名称), 文号 = 会议类型 + 纪要编号,
 * 题名 = the minutes title plus the meeting, 日期 = the 签发 day, 页数 estimated (see
 * estimateMinutesPages).
 */
export function minutesCatalogue(m: MeetingRecord, unitName: string): CatalogueFields {
  if (!m.issued) throw new RuleError('纪要尚未签发');
  return {
    docNumber: minutesDocNumber(m),
    responsible: unitName.trim(),
    title: minutesCatalogueTitle(m),
    date: minutesIssueDate(m),
    classification: m.classification,
    pages: estimateMinutesPages(m),
    remarks: '',
  };
}

// --- may it be filed? ------------------------------------------------------------------------

/** How messages name a 收文 (never by its title: it may be classified). */
export function incomingFilingLabel(r: Pick<IncomingRecord, 'serial'>): string {
  return `收文 ${r.serial}`;
}

/** How messages name a meeting's 纪要: by 文号 once issued, else by day and type. */
export function minutesFilingLabel(m: Pick<MeetingRecord, 'meetingType' | 'meetingDate' | 'issued'>): string {
  return m.issued ? `纪要 ${minutesDocNumber(m)}` : `${m.meetingDate} ${m.meetingType}的纪要`;
}

/** Why this 收文 cannot be filed in `year`, as a sentence naming it; null when it can. */
export function incomingFilingProblem(r: IncomingRecord, year: number): string | null {
  const who = incomingFilingLabel(r);
  if (r.filed) return `${who}已归档（档号 ${r.filed.archiveCode}），不能重复归档`;
  if (r.state === '已退回') return `${who}已退回，不归档`;
  if (r.state !== '已办结') return `${who}尚未办结（当前状态：${r.state}），办结后才能归档`;
  if (r.year !== year) return `${who}属于 ${r.year} 年度，不能归入 ${year} 年度`;
  return null;
}

/** Why this meeting's 纪要 cannot be filed in `year`, as a sentence naming it; null when it can. */
export function minutesFilingProblem(m: MeetingRecord, year: number): string | null {
  const who = minutesFilingLabel(m);
  if (m.filed) return `${who}已归档（档号 ${m.filed.archiveCode}），不能重复归档`;
  if (!m.issued) return `${who}尚未签发，签发后才能归档`;
  if (m.issued.year !== year) return `${who}属于 ${m.issued.year} 年度，不能归入 ${year} 年度`;
  return null;
}

/** Why `code` cannot be the 机构 of a new 件; null when it can. */
export function orgProblem(code: string, dept: { code: string; name: string; disabled: boolean } | undefined): string | null {
  if (!code.trim()) return '请选择机构';
  if (!dept) return `机构代码“${code}”不存在，请先在“设置—机构”中添加`;
  if (dept.disabled) return `机构“${dept.name}”（${dept.code}）已停用，不能再归入新文件`;
  return null;
}

/** One 件 the filer chose, with its class. `pages` overrides the proposed 页数 (e.g. a 纪要's estimate). */
export interface FilingItem {
  kind: FilingKind;
  recordId: string;
  orgCode: string;
  retention: RetentionPeriod;
  pages?: number;
}

/**
 * Checks the shape of item `n` (1-based) as it arrives from a form or the console: each value
 * as unknown. Throws RuleError "第 n 项：…".
 */
export function checkFilingItem(raw: unknown, n: number, kinds: readonly string[] = FILING_KINDS): FilingItem {
  const v = (raw ?? {}) as Record<string, unknown>;
  const fail = (message: string, field: string): never => {
    throw new RuleError(`第 ${n} 项：${message}`, field);
  };
  if (typeof v.kind !== 'string' || !kinds.includes(v.kind)) fail(`归档对象应为${kinds.join('或')}`, 'kind');
  if (typeof v.recordId !== 'string' || !v.recordId.trim()) fail('未指明要归档的文件', 'recordId');
  const retention = retentionProblem(v.retention);
  if (retention) fail(retention, 'retention');
  const orgCode = typeof v.orgCode === 'string' ? v.orgCode.trim() : '';
  if (!orgCode) fail('请选择机构', 'orgCode');
  if (v.pages !== undefined && (typeof v.pages !== 'number' || !Number.isInteger(v.pages) || v.pages < 1 || v.pages > MAX_PAGES)) {
    fail(`页数应为 1–${MAX_PAGES} 的整数`, 'pages');
  }
  return {
    kind: v.kind as FilingKind,
    recordId: (v.recordId as string).trim(),
    orgCode,
    retention: v.retention as RetentionPeriod,
    ...(v.pages !== undefined ? { pages: v.pages as number } : {}),
  };
}

/** Why a catalogue entry's 页数 is not usable; null when it is. */
export function pagesProblem(pages: number): string | null {
  if (!Number.isInteger(pages) || pages < 1 || pages > MAX_PAGES) return pages === 0 ? '页数为 0，请填写实际页数' : `页数应为 1–${MAX_PAGES} 的整数`;
  return null;
}

const collator = new Intl.Collator('zh', { numeric: true });

/**
 * The order 件号 are given in within a batch: by 日期, then 文号 (县财发〔2026〕9号 before 12号),
 * then the record's own number, so the same selection always gets the same numbers.
 */
export function compareForFiling(a: Pick<CatalogueFields, 'date' | 'docNumber'> & { label: string }, b: Pick<CatalogueFields, 'date' | 'docNumber'> & { label: string }): number {
  return a.date.localeCompare(b.date) || collator.compare(a.docNumber, b.docNumber) || collator.compare(a.label, b.label);
}

// --- boxes ---------------------------------------------------------------------------------------

/** How full a class's last box is. */
export interface BoxFill {
  box: number;
  items: number;
  pages: number;
}

function checkCapacity(c: BoxCapacity): void {
  if (!Number.isInteger(c.maxItems) || c.maxItems < 1 || !Number.isInteger(c.maxPages) || c.maxPages < 1) {
    throw new RangeError(`装盒容量无效：${c.maxItems} 件 / ${c.maxPages} 页`);
  }
}

/**
 * 盒号 for 件 appended (in 件号 order) to ONE class whose last box holds `last` (null: no box
 * yet). A 件 goes into the current box while it stays within both limits; an empty box always
 * takes it (a 件 thicker than a box gets one to itself). Boxes already filled never change.
 */
export function assignBoxes(last: BoxFill | null, pages: readonly number[], capacity: BoxCapacity): number[] {
  checkCapacity(capacity);
  let cur: BoxFill = last ? { ...last } : { box: 0, items: 0, pages: 0 };
  const out: number[] = [];
  for (const p of pages) {
    if (cur.box === 0 || (cur.items > 0 && (cur.items + 1 > capacity.maxItems || cur.pages + p > capacity.maxPages))) {
      cur = { box: cur.box + 1, items: 0, pages: 0 };
    }
    cur.items += 1;
    cur.pages += p;
    out.push(cur.box);
  }
  return out;
}

type BoxEntry = Pick<ArchiveRecord, 'year' | 'orgCode' | 'retention' | 'itemNo' | 'archiveCode' | 'pages'>;

function summarise(groups: Map<string, BoxEntry[]>, boxOf: (e: BoxEntry) => number): ArchiveBox[] {
  const out: ArchiveBox[] = [];
  for (const entries of groups.values()) {
    const byBox = new Map<number, BoxEntry[]>();
    for (const e of entries) {
      const b = boxOf(e);
      byBox.set(b, [...(byBox.get(b) ?? []), e]);
    }
    for (const [box, inBox] of byBox) {
      const first = inBox[0]!;
      const last = inBox[inBox.length - 1]!;
      out.push({
        year: first.year,
        orgCode: first.orgCode,
        retention: first.retention,
        box,
        firstItemNo: first.itemNo,
        lastItemNo: last.itemNo,
        firstArchiveCode: first.archiveCode,
        lastArchiveCode: last.archiveCode,
        count: inBox.length,
        pages: inBox.reduce((s, e) => s + e.pages, 0),
      });
    }
  }
  // Catalogue order of the classes (永久 first), then 盒号.
  return out.sort((a, b) => compareCatalogueOrder({ ...a, itemNo: a.firstItemNo }, { ...b, itemNo: b.firstItemNo }));
}

function byClass<E extends BoxEntry>(entries: readonly E[]): Map<string, E[]> {
  const groups = new Map<string, E[]>();
  for (const e of entries) {
    const k = filingClassKey(e);
    groups.set(k, [...(groups.get(k) ?? []), e]);
  }
  for (const g of groups.values()) g.sort((a, b) => a.itemNo - b.itemNo);
  return groups;
}

/** Packs filed 件 into boxes from scratch: per class (年度, 机构, 保管期限), in 件号 order. */
export function packIntoBoxes(entries: readonly BoxEntry[], capacity: BoxCapacity = DEFAULT_BOX_CAPACITY): ArchiveBox[] {
  const groups = byClass(entries);
  const box = new Map<BoxEntry, number>();
  for (const g of groups.values()) {
    const numbers = assignBoxes(null, g.map((e) => e.pages), capacity);
    g.forEach((e, i) => box.set(e, numbers[i]!));
  }
  return summarise(groups, (e) => box.get(e)!);
}

/** The boxes as filed (each 件's stored 盒号), per class, in 档号 order: for 盒脊 and 备考表. */
export function boxesOf(entries: readonly (BoxEntry & { box: number })[]): ArchiveBox[] {
  return summarise(byClass(entries), (e) => (e as BoxEntry & { box: number }).box);
}

/** A box's name on the 盒脊 and in lists: 2026-BGS-永久 第1盒（0001–0050）. */
export function boxTitle(b: ArchiveBox): string {
  return `${b.year}-${b.orgCode}-${b.retention} 第${b.box}盒（${formatItemNumber(b.firstItemNo)}–${formatItemNumber(b.lastItemNo)}）`;
}

// --- prints --------------------------------------------------------------------------------------

/**
 * 密级 as the catalogue (print, XLSX, 归档包) writes it: only a state secret's level (秘密, 机密,
 * 绝密); blank for 非密 and for 内部, which is a handling mark, not a 密级 under the 保密法.
 */
export function catalogueClassification(level: Classification): string {
  return isClassified(level) ? level : '';
}

/** 保管期限 in the order archives list them: 永久, 定期30年, 定期10年. */
const RETENTION_ORDER: readonly RetentionPeriod[] = ['永久', '定期30年', '定期10年'];

/**
 * The 归档文件目录's order (DA/T 22-2015, classes 年度 → 保管期限 → 机构 → 件号): 年度, then
 * 保管期限 (永久, 定期30年, 定期10年), then 机构代码, then 件号. Not 档号 order: as text, D10 < D30 < Y.
 */
export function compareCatalogueOrder(
  a: Pick<ArchiveRecord, 'year' | 'retention' | 'orgCode' | 'itemNo'>,
  b: Pick<ArchiveRecord, 'year' | 'retention' | 'orgCode' | 'itemNo'>,
): number {
  return (
    a.year - b.year ||
    RETENTION_ORDER.indexOf(a.retention) - RETENTION_ORDER.indexOf(b.retention) ||
    (a.orgCode < b.orgCode ? -1 : a.orgCode > b.orgCode ? 1 : 0) ||
    a.itemNo - b.itemNo
  );
}

/** `entries` in catalogue order (compareCatalogueOrder), a new array. */
export function inCatalogueOrder<E extends Pick<ArchiveRecord, 'year' | 'retention' | 'orgCode' | 'itemNo'>>(entries: readonly E[]): E[] {
  return [...entries].sort(compareCatalogueOrder);
}

/** One printed line of the 归档文件目录 (A4 landscape), every column as printed. */
export interface CatalogueLine {
  /** 序号: the position in this catalogue, from 1 */
  serial: number;
  /** 档号 */
  archiveCode: string;
  /** 文号 */
  docNumber: string;
  /** 责任者 */
  responsible: string;
  /** 题名 */
  title: string;
  /** 日期, YYYYMMDD */
  date: string;
  /** 密级 ('' for 非密) */
  classification: string;
  /** 页数 */
  pages: number;
  /** 备注 */
  remarks: string;
}

type CatalogueEntry = CatalogueFields & Pick<ArchiveRecord, 'archiveCode' | 'year' | 'retention' | 'orgCode' | 'itemNo'>;

/** The 归档文件目录 lines of `entries` in catalogue order (compareCatalogueOrder), 序号 from 1. */
export function catalogueLines(entries: readonly CatalogueEntry[]): CatalogueLine[] {
  return inCatalogueOrder(entries).map((e, i) => ({
    serial: i + 1,
    archiveCode: e.archiveCode,
    docNumber: e.docNumber,
    responsible: e.responsible,
    title: e.title,
    date: formatCatalogueDate(e.date),
    classification: catalogueClassification(e.classification),
    pages: e.pages,
    remarks: e.remarks,
  }));
}

/** catalogueLines with each 件's 盒号: the on-screen catalogue and the XLSX export. */
export function catalogueLinesWithBox(entries: readonly ArchiveRecord[]): (CatalogueLine & { box: number })[] {
  const ordered = inCatalogueOrder(entries);
  return catalogueLines(ordered).map((l, i) => ({ ...l, box: ordered[i]!.box }));
}

/** 归档章 on a 件's first page: 全宗号, 年度, 保管期限, 件号, 页数, and 机构 (optional on the stamp). */
export interface ArchiveStamp {
  fondsCode: string;
  year: string;
  retention: RetentionPeriod;
  itemNo: string;
  pages: string;
  orgCode: string;
}

export function archiveStamp(e: Pick<ArchiveRecord, 'fondsCode' | 'year' | 'retention' | 'itemNo' | 'pages' | 'orgCode'>): ArchiveStamp {
  return { fondsCode: e.fondsCode, year: String(e.year), retention: e.retention, itemNo: formatItemNumber(e.itemNo), pages: String(e.pages), orgCode: e.orgCode };
}

/** One 归档章 label: the stamp's values and the 档号 that says which 件 it goes on. */
export type ArchiveStampLabel = ArchiveStamp & { archiveCode: string };

/** The labels of filed 件 in the order given (listArchive's entries are in catalogue order). */
export function archiveStampLabels(entries: readonly Pick<ArchiveRecord, 'fondsCode' | 'year' | 'retention' | 'itemNo' | 'pages' | 'orgCode' | 'archiveCode'>[]): ArchiveStampLabel[] {
  return entries.map((e) => ({ ...archiveStamp(e), archiveCode: e.archiveCode }));
}

// --- read-only after filing, and 更正 ----------------------------------------------------------

/** The refusal of any change to a filed record: `what` is the verb ("办结", "更正纪要"). */
export function filedRefusal(filed: FiledMarker, what: string, subject = '此件'): string {
  return `${subject}已归档（档号 ${filed.archiveCode}），不能${what}；如需更正，请在“归档”中办理更正`;
}

/** What a 更正 of a filed 件 may change: the catalogue's words and 页数, never its 件号 or 档号. */
export interface CatalogueCorrectionInput {
  title?: string;
  docNumber?: string;
  pages?: number;
  remarks?: string;
}

export const CORRECTABLE_LABELS = { title: '题名', docNumber: '文号', pages: '页数', remarks: '备注' } as const;
type Correctable = keyof typeof CORRECTABLE_LABELS;

function correctedValue(key: Correctable, raw: unknown): string | number {
  if (key === 'pages') {
    const problem = typeof raw === 'number' ? pagesProblem(raw) : '请输入页数';
    if (problem) throw new RuleError(problem, 'pages');
    return raw as number;
  }
  // Cleaned (shared/domain/text.ts) before its length is counted; only 备注 keeps line breaks.
  const text = typeof raw === 'string' ? cleanText(raw, { multiline: key === 'remarks' }).trim() : null;
  if (text === null) throw new RuleError(`请填写${CORRECTABLE_LABELS[key]}`, key);
  const max = key === 'title' ? 200 : key === 'docNumber' ? 60 : 200;
  if (key === 'title' && !text) throw new RuleError('题名不能为空', 'title');
  if (Array.from(text).length > max) throw new RuleError(`${CORRECTABLE_LABELS[key]}不能超过 ${max} 个字`, key);
  return text;
}

/**
 * 更正 of a filed 件's catalogue entry: returns the entry with the new values and the correction
 * (old and new values, reason) appended. Refused without a reason or without any change.
 */
export function correctCatalogueEntry(
  entry: ArchiveRecord,
  input: CatalogueCorrectionInput,
  reason: string,
  actor: { id: string; name: string },
  now: Date,
): { entry: ArchiveRecord; correction: ArchiveCorrection } {
  const why = cleanParagraphs(reason);
  if (!why) throw new RuleError('请填写更正理由', 'reason');
  if (Array.from(why).length > 200) throw new RuleError('更正理由不能超过 200 个字', 'reason');
  const before: ArchiveCorrection['before'] = {};
  const after: ArchiveCorrection['after'] = {};
  for (const key of Object.keys(CORRECTABLE_LABELS) as Correctable[]) {
    if (input[key] === undefined) continue;
    const value = correctedValue(key, input[key]);
    if (value === entry[key]) continue;
    (before as Record<string, unknown>)[key] = entry[key];
    (after as Record<string, unknown>)[key] = value;
  }
  if (Object.keys(after).length === 0) throw new RuleError('没有需要更正的内容');
  const correction: ArchiveCorrection = { at: now.toISOString(), byId: actor.id, byName: actor.name, reason: why, before, after };
  return { entry: { ...entry, ...after, corrections: [...entry.corrections, correction] }, correction };
}

/** What a 更正 changed, field by field in the catalogue's order, each value as shown ('（空）' for none). */
export function correctionChanges(c: ArchiveCorrection): { key: keyof typeof CORRECTABLE_LABELS; label: string; before: string; after: string }[] {
  const show = (v: unknown) => (v === '' || v === undefined ? '（空）' : String(v));
  return (Object.keys(CORRECTABLE_LABELS) as Correctable[])
    .filter((k) => k in c.after)
    .map((k) => ({ key: k, label: CORRECTABLE_LABELS[k], before: show(c.before[k]), after: show(c.after[k]) }));
}

/**
 * The audit log's words for a 更正: old → new per field. For a classified 件 the texts (题名, 文号,
 * 备注) and the reason are left out (need to know: the log is read by the 审计员); 页数 is shown.
 */
export function describeCorrection(c: ArchiveCorrection, classified: boolean): string {
  const parts = correctionChanges(c).map(({ key, label, before, after }) => (classified && key !== 'pages' ? `${label}已更正（涉密，内容略）` : `${label}：${before} → ${after}`));
  return `${parts.join('；')}；${classified ? '理由略' : `理由：${c.reason}`}`;
}
