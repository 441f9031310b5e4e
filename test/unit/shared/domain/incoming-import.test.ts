import { afterEach, describe, expect, it } from 'vitest';
import writeXlsxFile, { type SheetData } from 'write-excel-file/universal';
import {
  IMPORT_FIELDS,
  emptyMapping,
  guessMapping,
  importProblemForSheet,
  locateHeader,
  normalizeHeader,
  parseCellDate,
  validateImportRows,
  type ImportMapping,
} from '../../../../shared/domain/incoming-import';
import { readWorkbook } from '../../../../renderer/ui/xlsx';
import { LEGACY_HEADERS, legacyRegisterRows, makeLegacyRegisterXlsx } from '../../../fixtures/legacy-register';

const OPTIONS = { defaultSignedBy: '王秘书' };

async function xlsx(data: SheetData, sheet = 'Sheet1'): Promise<Uint8Array> {
  const blob = await writeXlsxFile(data, { sheet }).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

async function firstSheetRows(bytes: Uint8Array): Promise<unknown[][]> {
  const { sheets } = await readWorkbook(bytes);
  const sheet = sheets[0];
  if (!sheet) throw new Error('no sheet');
  return sheet.rows;
}

/** A mapping from header names to columns in the order given (the rest unmapped). */
function mappingOf(headers: string[]): ImportMapping {
  return guessMapping(headers);
}

describe('guessMapping', () => {
  it('recognises the headers of a typical legacy register', () => {
    const m = guessMapping(['收文号', '来文单位', '文号', '标题', '收文日期', '密级']);
    expect(m).toEqual({
      ...emptyMapping(),
      legacyNumber: 0,
      fromUnit: 1,
      docNumber: 2,
      title: 3,
      receivedDate: 4,
      classification: 5,
    });
  });

  it('normalises headers: spaces, full-width spaces, trailing colons, (必填), stars', () => {
    expect(normalizeHeader(' 收 文\u3000日 期：')).toBe('收文日期');
    expect(normalizeHeader('标题(必填):')).toBe('标题');
    expect(normalizeHeader('*来文单位')).toBe('来文单位');
    const m = guessMapping([' 收 文 编 号 ', '来文机关：', '文件标题（必填）', '\u3000日期:', '发文字号', '缓急']);
    expect(m).toMatchObject({ legacyNumber: 0, fromUnit: 1, title: 2, receivedDate: 3, docNumber: 4, urgency: 5 });
  });

  it.each([
    [['来文机关名称'], 'fromUnit'],
    [['发文单位'], 'fromUnit'],
    [['来文字号'], 'docNumber'],
    [['来文文号'], 'docNumber'],
    [['题名'], 'title'],
    [['文件名称'], 'title'],
    [['收文时间'], 'receivedDate'],
    [['登记日期'], 'receivedDate'],
    [['紧急程度'], 'urgency'],
    [['份数'], 'copies'],
    [['页数'], 'pages'],
    [['份号'], 'copyNumber'],
    [['发文日期'], 'writtenDate'],
    [['附件'], 'attachments'],
    [['经办人'], 'signedBy'],
    [['文种'], 'docType'],
    [['备注'], 'summary'],
    [['保密期限'], 'secrecyTerm'],
  ] as const)('%j → %s', (headers, field) => {
    expect(guessMapping([...headers])[field]).toBe(0);
  });

  it('takes 序号 as 原编号 only when no better column exists', () => {
    expect(guessMapping(['序号', '收文编号', '标题']).legacyNumber).toBe(1);
    expect(guessMapping(['序号', '标题']).legacyNumber).toBe(0);
  });

  it('takes a bare 日期 as 收文日期 only when there is no 收文日期 column', () => {
    expect(guessMapping(['成文日期', '日期'])).toMatchObject({ writtenDate: 0, receivedDate: 1 });
    expect(guessMapping(['日期', '收文日期'])).toMatchObject({ receivedDate: 1 });
  });

  it('matches a longer header containing a specific name, but not 文号 inside 收文号', () => {
    expect(guessMapping(['来文单位名称（全称）']).fromUnit).toBe(0);
    expect(guessMapping(['收文号'])).toMatchObject({ legacyNumber: 0, docNumber: null });
  });

  it('uses each column for one field and each field once', () => {
    const m = guessMapping(['标题', '文件标题', '标题']);
    expect(m.title).toBe(0);
    const used = IMPORT_FIELDS.map((f) => m[f.key]).filter((c) => c !== null);
    expect(new Set(used).size).toBe(used.length);
  });

  it('maps nothing for headers it does not know, or for no headers', () => {
    expect(guessMapping(['甲', '乙', 3, null])).toEqual(emptyMapping());
    expect(guessMapping([])).toEqual(emptyMapping());
  });
});

describe('parseCellDate', () => {
  const zones = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati'];
  const savedTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = savedTz;
  });

  it.each([
    ['2026-07-01', '2026-07-01'],
    ['2026/7/1', '2026-07-01'],
    ['2026.7.1', '2026-07-01'],
    ['2026年7月1日', '2026-07-01'],
    ['2026 年 7 月 1 日', '2026-07-01'],
    ['２０２６年７月１日', '2026-07-01'],
    ['20260701', '2026-07-01'],
    ['2026-07-01 09:30', '2026-07-01'],
    ['2026/7/1 9:30:00', '2026-07-01'],
    ['2026-07-01T23:30:00Z', '2026-07-01'],
    [' 2026-7-1 ', '2026-07-01'],
    ['2028-02-29', '2028-02-29'],
  ])('text %j → %s', (text, iso) => {
    expect(parseCellDate(text)).toBe(iso);
  });

  it.each(['2026-02-30', '2026-02-29', '2026/13/1', '2026-00-10', '20260230', '2026年7月', '7月1日', 'abc', '', '  ', '0202-01-01'])(
    'text %j → null',
    (text) => {
      expect(parseCellDate(text)).toBeNull();
    },
  );

  it('reads month-day text with a default year (registers kept one sheet per year)', () => {
    expect(parseCellDate('7月1日', 2026)).toBe('2026-07-01');
    expect(parseCellDate('7.1', 2026)).toBe('2026-07-01');
    expect(parseCellDate('12/31', 2025)).toBe('2025-12-31');
    expect(parseCellDate('2月30日', 2026)).toBeNull();
    expect(parseCellDate('2月29日', 2028)).toBe('2028-02-29');
  });

  it('reads Excel serial numbers (45658 is 2025-01-01) and 8-digit numbers', () => {
    expect(parseCellDate(45658)).toBe('2025-01-01');
    expect(parseCellDate(46204)).toBe('2026-07-01');
    expect(parseCellDate(46204.75)).toBe('2026-07-01'); // with a time of day
    expect(parseCellDate(20260701)).toBe('2026-07-01');
    expect(parseCellDate(20260230)).toBeNull();
  });

  it('refuses numbers that are no plausible date (7.1 typed as a number is July 1st or 10th?)', () => {
    for (const n of [7.1, 0, -5, 366, Number.NaN, Number.POSITIVE_INFINITY, 3_000_000]) expect(parseCellDate(n)).toBeNull();
  });

  it('takes the calendar day a date cell stores, in every time zone', () => {
    for (const tz of zones) {
      process.env.TZ = tz;
      expect(parseCellDate(new Date(Date.UTC(2026, 6, 1)))).toBe('2026-07-01');
      expect(parseCellDate(new Date(Date.UTC(2026, 0, 1)))).toBe('2026-01-01');
      expect(parseCellDate(new Date(Date.UTC(2026, 6, 1, 23, 59)))).toBe('2026-07-01'); // date-time cell
    }
  });

  it('refuses other values', () => {
    for (const v of [null, undefined, true, new Date('nonsense'), {}, ['2026-07-01']]) expect(parseCellDate(v)).toBeNull();
  });
});

describe('validateImportRows: a 20-row legacy register read from a real .xlsx', () => {
  it('reports exactly the impossible date and the missing title, and imports the rest', async () => {
    const bytes = await makeLegacyRegisterXlsx({ rows: 20, badDateRow: 7, missingTitleRow: 12 });
    const rows = await firstSheetRows(bytes);
    expect(rows[0]).toEqual([...LEGACY_HEADERS]);
    const mapping = guessMapping(rows[0] ?? []);
    expect(mapping).toMatchObject({ legacyNumber: 0, receivedDate: 1, fromUnit: 2, docNumber: 3, title: 4, classification: 5, copyNumber: 6, summary: 7 });
    expect(importProblemForSheet(rows[0], rows.slice(1))).toBeNull();

    const result = validateImportRows(rows.slice(1), mapping, OPTIONS);
    expect(result.bad).toEqual([
      { rowNumber: 7, reason: '收文日期“2026-02-30”不是有效日期' },
      { rowNumber: 12, reason: '缺少标题' },
    ]);
    expect(result.valid).toHaveLength(18);

    const expected = legacyRegisterRows({ rows: 20, badDateRow: 7, missingTitleRow: 12 }).filter((r) => r.rowNumber !== 7 && r.rowNumber !== 12);
    expect(result.valid.map((v) => v.rowNumber)).toEqual(expected.map((r) => r.rowNumber));
    result.valid.forEach((v, i) => {
      const e = expected[i]!;
      expect(v.legacyNumber).toBe(e.legacyNumber);
      expect(v.registration).toEqual({
        receivedDate: e.receivedIso,
        fromUnit: e.fromUnit,
        docNumber: e.docNumber,
        title: e.title,
        docType: '其他',
        classification: e.classification || '非密',
        copies: 1,
        pages: 0,
        urgency: '普通',
        signedBy: '王秘书',
        handling: '办件',
        ...(e.note ? { summary: e.note } : {}),
      });
    });
  });

  it('imports 秘密 rows with their 份号 padded to 6 digits and the default 保密期限', async () => {
    const rows = await firstSheetRows(await makeLegacyRegisterXlsx({ rows: 10, classifiedRows: 2 }));
    const { valid, bad } = validateImportRows(rows.slice(1), guessMapping(rows[0] ?? []), OPTIONS);
    expect(bad).toEqual([]);
    const secret = valid.filter((v) => v.registration.classification === '秘密');
    expect(secret).toHaveLength(2);
    for (const s of secret) {
      expect(s.registration.copyNumber).toMatch(/^\d{6}$/);
      expect(s.registration.secrecyTerm).toEqual({ kind: 'years', years: 10 });
    }
  });

  it('finds the header under a title row, and counts rows as the spreadsheet does', async () => {
    const bytes = await xlsx([
      [{ value: '2025年收文登记簿', type: String, columnSpan: 6 }],
      [],
      ['序号', '收文日期', '来文机关', '文件标题', '缓急', '份数'],
      [1, { value: new Date(Date.UTC(2025, 2, 3)), type: Date, format: 'yyyy-mm-dd' }, '县财政局', '关于做好预算编制工作的通知', '急件', 2],
      [null, null, null, null, null, null],
      [2, '2025.3.4', '市人民政府办公室', '关于加强值班工作的通知', '特急件', '3份'],
      [3, '2025年3月32日', '县教育局', '关于开学工作的报告', '平件', 1],
    ]);
    const rows = await firstSheetRows(bytes);
    const header = locateHeader(rows);
    expect(header.headerIndex).toBe(2);
    expect(header.firstRowNumber).toBe(4);
    expect(header.mapping).toMatchObject({ legacyNumber: 0, receivedDate: 1, fromUnit: 2, title: 3, urgency: 4, copies: 5 });
    const { valid, bad } = validateImportRows(header.dataRows, header.mapping, { ...OPTIONS, firstRowNumber: header.firstRowNumber });
    expect(valid.map((v) => [v.rowNumber, v.legacyNumber, v.registration.receivedDate, v.registration.urgency, v.registration.copies])).toEqual([
      [4, '1', '2025-03-03', '加急', 2],
      [6, '2', '2025-03-04', '特急', 3],
    ]);
    expect(bad).toEqual([{ rowNumber: 7, reason: '收文日期“2025年3月32日”不是有效日期' }]);
  });
});

describe('validateImportRows: each column', () => {
  const HEADERS = ['收文日期', '来文单位', '来文字号', '标题', '文种', '密级', '保密期限', '份号', '份数', '页数', '紧急程度', '成文日期', '附件', '签收人', '备注', '收文号'];
  const mapping = mappingOf(HEADERS);
  type Row = Partial<Record<(typeof HEADERS)[number], unknown>>;
  const base: Row = { 收文日期: '2026-07-01', 来文单位: '县财政局', 标题: '关于做好预算编制工作的通知' };
  const toCells = (r: Row) => HEADERS.map((h) => r[h] ?? null);
  const one = (r: Row, options: Parameters<typeof validateImportRows>[2] = OPTIONS) => validateImportRows([toCells({ ...base, ...r })], mapping, options);
  const reasonOf = (r: Row) => one(r).bad[0]?.reason;
  const regOf = (r: Row) => {
    const result = one(r);
    expect(result.bad).toEqual([]);
    return result.valid[0]!.registration;
  };

  it('maps every header of the full layout', () => {
    for (const f of IMPORT_FIELDS) expect(mapping[f.key], f.label).not.toBeNull();
  });

  it('fills the defaults for a minimal row', () => {
    expect(regOf({})).toEqual({
      receivedDate: '2026-07-01',
      fromUnit: '县财政局',
      docNumber: '',
      title: '关于做好预算编制工作的通知',
      docType: '其他',
      classification: '非密',
      copies: 1,
      pages: 0,
      urgency: '普通',
      signedBy: '王秘书',
      handling: '办件',
    });
  });

  it('keeps every optional field it is given', () => {
    expect(
      regOf({
        来文字号: '县财发[2026]12号',
        文种: '通知',
        密级: '机密',
        保密期限: '长期',
        份号: 12,
        份数: 3,
        页数: '12页',
        紧急程度: '特急',
        成文日期: '2026年6月28日',
        附件: '1. 预算表',
        签收人: '李四',
        备注: '请办公室阅',
        收文号: 'A-17',
      }),
    ).toEqual({
      receivedDate: '2026-07-01',
      fromUnit: '县财政局',
      docNumber: '县财发〔2026〕12号',
      title: '关于做好预算编制工作的通知',
      docType: '通知',
      classification: '机密',
      secrecyTerm: { kind: 'long' },
      copyNumber: '000012',
      copies: 3,
      pages: 12,
      urgency: '特急',
      writtenDate: '2026-06-28',
      attachments: '1. 预算表',
      signedBy: '李四',
      handling: '办件',
      summary: '请办公室阅',
    });
    expect(one({ 收文号: 'A-17' }).valid[0]?.legacyNumber).toBe('A-17');
    expect(one({ 收文号: 17 }).valid[0]?.legacyNumber).toBe('17');
  });

  it('names the column in every reason', () => {
    expect(reasonOf({ 收文日期: null })).toBe('缺少收文日期');
    expect(reasonOf({ 收文日期: '2026-02-30' })).toBe('收文日期“2026-02-30”不是有效日期');
    expect(reasonOf({ 收文日期: 7.1 })).toBe('收文日期“7.1”不是有效日期');
    expect(reasonOf({ 来文单位: '  ' })).toBe('缺少来文单位');
    expect(reasonOf({ 标题: null })).toBe('缺少标题');
    expect(reasonOf({ 密级: '特密' })).toBe('密级“特密”无法识别（可用：非密、内部、秘密、机密、绝密）');
    expect(reasonOf({ 密级: '秘密' })).toBe('秘密及以上密级必须有份号');
    expect(reasonOf({ 密级: '绝密', 份号: 'ab' })).toBe('份号“ab”应为 1–6 位数字');
    expect(reasonOf({ 份号: 1234567 })).toBe('份号“1234567”应为 1–6 位数字');
    expect(reasonOf({ 份数: '两份' })).toBe('份数“两份”应为 1–9999 的整数');
    expect(reasonOf({ 份数: 0 })).toBe('份数“0”应为 1–9999 的整数');
    expect(reasonOf({ 页数: -1 })).toBe('页数“-1”应为 0–99999 的整数');
    expect(reasonOf({ 页数: 2.5 })).toBe('页数“2.5”应为 0–99999 的整数');
    expect(reasonOf({ 紧急程度: '火急' })).toBe('紧急程度“火急”无法识别（可用：普通、加急、特急）');
    expect(reasonOf({ 成文日期: '2026-06-31' })).toBe('成文日期“2026-06-31”不是有效日期');
    expect(reasonOf({ 标题: '长'.repeat(301) })).toBe('标题过长（301 个字，最多 300 个字）');
  });

  it('lists every problem of a row, separated by ；', () => {
    expect(reasonOf({ 收文日期: '2026-13-01', 标题: null, 密级: '机密' })).toBe('收文日期“2026-13-01”不是有效日期；缺少标题；秘密及以上密级必须有份号');
  });

  it('requires a 签收人 when neither the row nor the options give one', () => {
    expect(one({}, { defaultSignedBy: ' ' }).bad).toEqual([{ rowNumber: 2, reason: '缺少签收人' }]);
  });

  it.each([
    ['急件', '加急'],
    ['加急', '加急'],
    ['特急件', '特急'],
    ['特急', '特急'],
    ['平件', '普通'],
    ['普通', '普通'],
    ['', '普通'],
  ])('紧急程度 %j → %s', (text, urgency) => {
    expect(regOf({ 紧急程度: text }).urgency).toBe(urgency);
  });

  it('takes unknown 文种 as 其他 and says so; 令 is 命令', () => {
    const r = one({ 文种: '简报' });
    expect(r.valid[0]?.registration.docType).toBe('其他');
    expect(r.valid[0]?.warnings).toEqual(['文种“简报”不在 15 种公文之列，按“其他”导入']);
    expect(regOf({ 文种: '令' }).docType).toBe('命令');
    expect(regOf({ 文种: ' 请示 ' }).docType).toBe('请示');
  });

  it('reads 密级 spellings, and a marking such as 机密★20年 as 密级 plus 保密期限', () => {
    expect(regOf({ 密级: '无' }).classification).toBe('非密');
    expect(regOf({ 密级: '内部' }).classification).toBe('内部');
    expect(regOf({ 密级: '机密★20年', 份号: '3' })).toMatchObject({ classification: '机密', secrecyTerm: { kind: 'years', years: 20 }, copyNumber: '000003' });
    expect(regOf({ 密级: '秘密*5年', 份号: '第3号' })).toMatchObject({ classification: '秘密', secrecyTerm: { kind: 'years', years: 5 } });
    // The 保密期限 column wins over the marking.
    expect(regOf({ 密级: '机密★20年', 保密期限: '10年', 份号: 1 }).secrecyTerm).toEqual({ kind: 'years', years: 10 });
  });

  it('reads 保密期限 as years, 长期, a date (text or date cell) or a condition; else the default for the 密级', () => {
    const term = (value: unknown, level = '机密') => regOf({ 密级: level, 份号: 1, 保密期限: value }).secrecyTerm;
    expect(term('10年')).toEqual({ kind: 'years', years: 10 });
    expect(term(15)).toEqual({ kind: 'years', years: 15 });
    expect(term('长期')).toEqual({ kind: 'long' });
    expect(term('2031年6月30日')).toEqual({ kind: 'date', date: '2031-06-30' });
    expect(term(new Date(Date.UTC(2031, 5, 30)))).toEqual({ kind: 'date', date: '2031-06-30' });
    expect(term('项目验收后解密')).toEqual({ kind: 'condition', condition: '项目验收后解密' });
    expect(term(null)).toEqual({ kind: 'years', years: 20 });
    expect(term(null, '绝密')).toEqual({ kind: 'years', years: 30 });
    const odd = one({ 密级: '秘密', 份号: 1, 保密期限: '??' });
    expect(odd.valid[0]?.registration.secrecyTerm).toEqual({ kind: 'years', years: 10 });
    expect(odd.valid[0]?.warnings).toEqual(['保密期限“??”无法识别，按秘密默认期限导入']);
    const unclassified = one({ 密级: '内部', 保密期限: '10年' });
    expect(unclassified.valid[0]?.registration.secrecyTerm).toBeUndefined();
    expect(unclassified.valid[0]?.warnings).toEqual(['内部文件不设保密期限，已忽略“10年”']);
  });

  it('normalises 来文字号 and keeps one it cannot parse as typed', () => {
    expect(regOf({ 来文字号: '县财发（2026）012号' }).docNumber).toBe('县财发〔2026〕12号');
    expect(regOf({ 来文字号: ' 明传电报第5号 ' }).docNumber).toBe('明传电报第5号');
  });

  it('skips blank rows silently but keeps the spreadsheet row numbers', () => {
    const rows = [toCells(base), HEADERS.map(() => null), HEADERS.map(() => '  '), [], toCells({ ...base, 标题: null })];
    const result = validateImportRows(rows, mapping, OPTIONS);
    expect(result.valid.map((v) => v.rowNumber)).toEqual([2]);
    expect(result.bad).toEqual([{ rowNumber: 6, reason: '缺少标题' }]);
  });

  it('ignores what is in columns nobody mapped', () => {
    const m: ImportMapping = { ...emptyMapping(), receivedDate: 0, fromUnit: 1, title: 2 };
    const result = validateImportRows([[null, null, null, '合计 20 件']], m, OPTIONS);
    expect(result).toEqual({ valid: [], bad: [] });
  });

  it('warns about the same 来文单位 and 来文字号 twice in the file', () => {
    const r = validateImportRows([toCells({ ...base, 来文字号: '县财发〔2026〕1号' }), toCells({ ...base, 来文字号: '县财发[2026]1号' })], mapping, OPTIONS);
    expect(r.valid[1]?.warnings).toEqual(['与第 2 行的来文单位、来文字号相同']);
  });

  it('uses the default year for dates without one, and refuses dates after today when asked', () => {
    expect(one({ 收文日期: '7月1日' }, { ...OPTIONS, defaultYear: 2025 }).valid[0]?.registration.receivedDate).toBe('2025-07-01');
    expect(one({ 收文日期: '2062-07-01' }, { ...OPTIONS, today: '2026-07-01' }).bad[0]?.reason).toBe('收文日期“2062-07-01”晚于今天（2026-07-01）');
  });
});

describe('importProblemForSheet', () => {
  it('says an empty sheet is empty (a real empty .xlsx)', async () => {
    const rows = await firstSheetRows(await xlsx([[]]));
    expect(importProblemForSheet(rows[0], rows.slice(1))).toEqual({ kind: 'empty', message: '工作表是空的', blocking: true });
    expect(importProblemForSheet(undefined, [])?.message).toBe('工作表是空的');
    expect(importProblemForSheet([null, ''], [[null], []])?.message).toBe('工作表是空的');
  });

  it('says when the first row is not a header', () => {
    const rows = [['2026-07-01', '县财政局', '关于……的通知']];
    expect(importProblemForSheet(rows[0], [])).toMatchObject({ kind: 'no-header', blocking: true });
  });

  it('says when there is a header but no data', () => {
    expect(importProblemForSheet(['收文日期', '来文单位', '标题'], [[null, null]])).toEqual({
      kind: 'no-data',
      message: '工作表只有表头，没有数据行',
      blocking: true,
    });
  });

  it('names the required column it cannot find, for the mapping step', () => {
    expect(importProblemForSheet(['收文日期', '来文单位', '内容摘要'], [['2026-07-01', '县财政局', 'x']])).toEqual({
      kind: 'unmapped',
      message: '找不到“标题”列，请在下一步手动指定',
      blocking: false,
    });
    expect(importProblemForSheet(['收文号', '标题'], [['1', 'x']])?.message).toBe('找不到“收文日期”“来文单位”列，请在下一步手动指定');
  });

  it('accepts a mapping fixed by hand', () => {
    const headers = ['日子', '单位', '事'];
    const manual: ImportMapping = { ...emptyMapping(), receivedDate: 0, fromUnit: 1, title: 2 };
    expect(importProblemForSheet(headers, [['2026-07-01', '县财政局', 'x']], manual)).toBeNull();
  });
});
