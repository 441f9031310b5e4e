// fflate is what the spreadsheet library zips with; here only to look inside the files we write.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { catalogueXlsx } from '../../../../renderer/features/filing/catalogue-xlsx';
import { buildRegisterXlsx, readWorkbook, type RegisterExportRow } from '../../../../renderer/ui/xlsx';
import { dateCell, fitRowHeights, formulaSafeCell, formulaSafeSheet, formulaSafeText, percentCell, textUnits, wrappedLines } from '../../../../renderer/ui/xlsx-cells';
import type { CatalogueXlsxLine } from '../../../../renderer/features/filing/catalogue-xlsx';

// Formula injection (issue #12 item 7): typed text that a spreadsheet would evaluate reaches
// every exported .xlsx as text with a leading apostrophe.

const HYPERLINK = '=HYPERLINK("http://evil.example/x","点此查看")';
const DANGEROUS = [HYPERLINK, '+1', '-1+2', '@SUM(A1)', '\t=1+1', '\r=1+1'];

/** Every sheet's XML in the workbook: no <f> (formula) element may appear in any of them. */
function sheetXml(bytes: Uint8Array): string {
  const files = unzipSync(bytes);
  return Object.entries(files)
    .filter(([name]) => name.startsWith('xl/worksheets/'))
    .map(([, f]) => strFromU8(f))
    .join('\n');
}

describe('formulaSafeText', () => {
  it.each(DANGEROUS)('prefixes %j with an apostrophe', (text) => {
    expect(formulaSafeText(text)).toBe(`'${text}`);
  });

  it('leaves ordinary text alone, including = + - @ after the first character', () => {
    for (const text of ['关于做好预算执行工作的通知', '县财发〔2026〕3号', 'a=b', '1+1', '', ' =1', '＝1']) {
      expect(formulaSafeText(text)).toBe(text);
    }
  });

  it('a lone "-" (来文字号 left as a dash) stays readable', () => {
    expect(formulaSafeText('-')).toBe("'-");
  });
});

describe('formulaSafeCell / formulaSafeSheet', () => {
  it('escapes string cells, bare or as objects; numbers, dates, booleans and empty cells unchanged', () => {
    const date = new Date(Date.UTC(2026, 6, 1));
    const data = [
      ['=1+1', { value: '+1', type: String, fontWeight: 'bold' as const }, { value: '@x' }],
      [-5, { value: -5, type: Number }, date, { value: date, type: Date, format: 'yyyy-mm-dd' }, true, null, undefined],
    ];
    const out = formulaSafeSheet(data);
    expect(out[0]).toEqual(["'=1+1", { value: "'+1", type: String, fontWeight: 'bold' }, { value: "'@x" }]);
    expect(out[1]).toEqual(data[1]);
    // The caller's rows are not changed.
    expect(data[0]?.[0]).toBe('=1+1');
  });

  it("leaves a cell the code marks 'Formula' alone", () => {
    const cell = { value: 'SUM(A1:A3)', type: 'Formula' as const };
    expect(formulaSafeCell(cell)).toBe(cell);
  });
});

describe('the writers', () => {
  const row = (id: string, title: string, docNumber = '县财发〔2026〕3号'): RegisterExportRow => ({
    id,
    serial: `收〔2026〕000${id}`,
    receivedDate: '2026-07-01',
    fromUnit: '县财政局',
    docNumber,
    title,
    classification: '非密',
    urgency: '普通',
    state: '已登记',
  });

  it('收文登记簿: formula-like 标题 and 来文字号 come back as text starting with an apostrophe; no formula in the file', async () => {
    const bytes = await buildRegisterXlsx(
      [row('1', HYPERLINK), row('2', '+1'), row('3', '@SUM(A1)', '-'), row('4', '关于做好预算执行工作的通知', '-1')],
      { title: '2026年收文登记簿' },
    );
    const { sheets } = await readWorkbook(bytes);
    const body = sheets[0]!.rows.slice(2);
    expect(body.map((r) => r[4])).toEqual([`'${HYPERLINK}`, "'+1", "'@SUM(A1)", '关于做好预算执行工作的通知']);
    expect(body.map((r) => r[3])).toEqual(['县财发〔2026〕3号', '县财发〔2026〕3号', "'-", "'-1"]);
    // The dates are still dates, not text.
    expect(body[0]?.[1]).toEqual(new Date(Date.UTC(2026, 6, 1)));
    const xml = sheetXml(bytes);
    expect(xml).not.toMatch(/<f[\s>]/);
    expect(xml).toContain('<c r="E4"');
  });

  it('归档文件目录: a formula-like 题名 and 备注 are text; numbers stay numbers', async () => {
    const line: CatalogueXlsxLine = {
      serial: 1,
      archiveCode: 'Z109-WS·2026-Y-BGS-0001',
      docNumber: '-',
      responsible: '县财政局',
      title: HYPERLINK,
      date: '20260302',
      classification: '',
      pages: 3,
      remarks: '=1+1',
      box: 1,
    };
    const bytes = await catalogueXlsx('测试县人民政府办公室', 'Z109', 2026, [line]);
    const { sheets } = await readWorkbook(bytes);
    expect(sheets[0]!.rows[3]).toEqual([1, 'Z109-WS·2026-Y-BGS-0001', "'-", '县财政局', `'${HYPERLINK}`, '20260302', null, 3, "'=1+1", 1]);
    expect(sheetXml(bytes)).not.toMatch(/<f[\s>]/);
  });
});

describe('typed cells and row heights (issue #15)', () => {
  it('dates are date cells on the calendar day, shares are numbers shown as 0.0%', () => {
    expect(dateCell('2026-11-02')).toEqual({ value: new Date(Date.UTC(2026, 10, 2)), type: Date, format: 'yyyy-mm-dd' });
    expect(dateCell('2026-11')).toEqual({ value: '2026-11', type: String });
    expect(dateCell(undefined)).toEqual({ value: '', type: String });
    expect(percentCell(1 / 3)).toEqual({ value: 1 / 3, type: Number, format: '0.0%' });
  });

  it('counts a CJK or full-width character as two units, anything else as one', () => {
    expect(textUnits('收〔2026〕0001')).toBe(14);
    expect(textUnits('ABC 12')).toBe(6);
    expect(textUnits('（）：')).toBe(6);
    expect(wrappedLines('', 10)).toBe(1);
    expect(wrappedLines('关于做好预算编制工作的通知', 10)).toBe(4); // 26 units in 8.5 usable
    expect(wrappedLines('第一行\n第二行', 50)).toBe(2);
  });

  it('gives a row the height its longest wrapped cell needs (spans and larger type counted), centred; leaves one-line rows alone', () => {
    const long = '关'.repeat(40); // 80 units
    const title = { value: long, type: String, fontSize: 16, columnSpan: 2, height: 30, wrap: true };
    const cell = { value: long, type: String, wrap: true };
    const data = [
      [title, null],
      [{ value: '短', type: String, wrap: true }, { value: 1, type: Number }],
      [cell, { value: 1, type: Number, alignVertical: 'top' as const }],
      [{ value: '标题', type: String, height: 30 }, 'x'],
    ];
    const out = fitRowHeights(data, [21.5, 21.5]);
    // 80 units at 16 pt in 43 × 11/16 = 29.6 units: 3 lines of 16 × 16/11 pt, + 4.
    expect(out[0]).toEqual([{ ...title, height: 74, alignVertical: 'center' }, null]);
    expect(out[1]).toBe(data[1]);
    // 80 units in 20 usable: 4 lines.
    expect(out[2]).toEqual([
      { ...cell, height: 68, alignVertical: 'center' },
      { value: 1, type: Number, alignVertical: 'top', height: 68 },
    ]);
    expect(out[3]).toBe(data[3]);
  });
});
