// fflate is what the spreadsheet library zips with; here only to look inside the files we write.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { REGISTER_COLUMNS, buildRegisterXlsx, writeWorkbook, type RegisterExportRow } from '../../../../renderer/ui/xlsx';
import { PAGE_FOOTER, pageHeader, withPrintTitles, withSheetPrintSetup, type SheetPrint } from '../../../../renderer/ui/xlsx-print';
import { longText } from '../../../print-proofs/longest';
import { sofficeSkipReason } from '../../soffice';
import { expectPrintedSheet, printWorkbook } from '../../xlsx-printed';

// Print setup of the exported sheets (issue #15): the XML (elements present, in the order the
// OOXML schema fixes) and, printed by LibreOffice Calc, the 收文登记簿 one page wide with its
// header row and title on every page.

/** CT_Worksheet's sequence (ECMA-376 Part 1, 18.3.1.99): both Excel and Calc want this order. */
const WORKSHEET_ORDER = [
  'sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetCalcPr', 'sheetProtection', 'protectedRanges',
  'scenarios', 'autoFilter', 'sortState', 'dataConsolidate', 'customSheetViews', 'mergeCells', 'phoneticPr', 'conditionalFormatting',
  'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks',
  'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF', 'drawingHF',
  'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst',
];
/** CT_Workbook's sequence, the part we touch. */
const WORKBOOK_ORDER = ['fileVersion', 'fileSharing', 'workbookPr', 'workbookProtection', 'bookViews', 'sheets', 'functionGroups', 'externalReferences', 'definedNames', 'calcPr'];

/** The names of the root element's children, in document order. */
function children(xml: string): string[] {
  const names: string[] = [];
  let depth = 0;
  for (const m of xml.replace(/<\?[^>]*\?>/g, '').matchAll(/<(\/?)([A-Za-z][\w:.-]*)[^>]*?(\/?)>/g)) {
    const [, close, name, selfClose] = m;
    if (close) depth--;
    else {
      if (depth === 1) names.push(name!);
      if (!selfClose) depth++;
    }
  }
  return names;
}

function expectInSchemaOrder(names: readonly string[], order: readonly string[]) {
  const at = names.map((n) => order.indexOf(n));
  expect(at.every((i) => i >= 0), `known elements: ${names.join(', ')}`).toBe(true);
  expect(at, `schema order: ${names.join(', ')}`).toEqual([...at].sort((a, b) => a - b));
}

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

const twoSheets = () =>
  writeWorkbook([
    {
      name: '督办通报',
      data: [[{ value: '某县督办事项月度通报', type: String, columnSpan: 3 }], [{ value: '期间', type: String }], ['序号', '责任单位', '办结率']],
      columns: [{ width: 6 }, { width: 28 }, { width: 10 }],
      stickyRowsCount: 3,
      print: { title: '某县督办事项月度通报', headerNote: '统计期间：2026年11月', repeatRows: [3, 3], orientation: 'portrait' },
    },
    {
      name: "O'Brien 的表",
      data: [['序号', '内容']],
      columns: [{ width: 6 }, { width: 50 }],
      print: { title: 'R&D 逾期事项', repeatRows: [1, 1], orientation: 'landscape' },
    },
  ]);

describe('the print setup in the XML', () => {
  it('gives every sheet sheetPr/pageSetUpPr fitToPage first and printOptions, pageMargins, pageSetup, headerFooter after mergeCells', async () => {
    const files = unzipSync(await twoSheets());
    const first = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(children(first)).toEqual(['sheetPr', 'sheetViews', 'cols', 'sheetData', 'mergeCells', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter']);
    expectInSchemaOrder(children(first), WORKSHEET_ORDER);
    expect(first).toMatch(/<sheetPr><pageSetUpPr fitToPage="1"\/><\/sheetPr>/);
    expect(first).toMatch(/<pageSetup paperSize="9" orientation="portrait" fitToWidth="1" fitToHeight="0"\/>/);
    expect(first).toMatch(/<pageMargins left="0.5" right="0.5" top="1" bottom="0.8" header="0.4" footer="0.4"\/>/);
    expect(first).toContain('<printOptions horizontalCentered="1"/>');
    // Exactly one of each: what the library wrote there before is replaced, not repeated.
    for (const name of ['sheetPr', 'pageMargins', 'pageSetup', 'headerFooter']) expect(first.split(`<${name}`)).toHaveLength(2);
    const header = decode(/<oddHeader>([\s\S]*?)<\/oddHeader>/.exec(first)![1]!);
    expect(header).toBe('&C&12&B某县督办事项月度通报&B\n&9&B&B统计期间：2026年11月');
    expect(decode(/<oddFooter>([\s\S]*?)<\/oddFooter>/.exec(first)![1]!)).toBe('&C第 &P 页 共 &N 页');

    const second = strFromU8(files['xl/worksheets/sheet2.xml']!);
    expect(children(second)).toEqual(['sheetPr', 'cols', 'sheetData', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter']);
    expect(second).toMatch(/orientation="landscape" fitToWidth="1" fitToHeight="0"/);
    // '&' is a code in a header: written '&&' (and then escaped for XML).
    expect(second).toContain('<oddHeader>&amp;C&amp;12&amp;BR&amp;&amp;D 逾期事项&amp;B</oddHeader>');
  });

  it('names the rows repeated on every page per sheet: _xlnm.Print_Titles in definedNames after sheets', async () => {
    const workbook = strFromU8(unzipSync(await twoSheets())['xl/workbook.xml']!);
    expectInSchemaOrder(children(workbook), WORKBOOK_ORDER);
    expect(children(workbook)).toContain('definedNames');
    const names = [...workbook.matchAll(/<definedName name="([^"]+)" localSheetId="(\d+)">([^<]*)<\/definedName>/g)].map((m) => [m[1], m[2], decode(m[3]!)]);
    expect(names).toEqual([
      ['_xlnm.Print_Titles', '0', "'督办通报'!$3:$3"],
      ['_xlnm.Print_Titles', '1', "'O''Brien 的表'!$1:$1"],
    ]);
  });

  it('puts its elements before a drawing or extLst and keeps what sheetPr already holds', () => {
    const print: SheetPrint = { title: 't', repeatRows: [1, 1], orientation: 'landscape' };
    const xml =
      '<?xml version="1.0"?><worksheet xmlns="x"><sheetPr><tabColor rgb="FFFF0000"/><pageSetUpPr autoPageBreaks="0"/></sheetPr><sheetData/>' +
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup orientation="landscape"/><headerFooter><oddHeader>old</oddHeader></headerFooter>' +
      '<drawing r:id="rId1"/><extLst/></worksheet>';
    const out = withSheetPrintSetup(xml, print);
    expect(children(out)).toEqual(['sheetPr', 'sheetData', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'drawing', 'extLst']);
    expect(out).toContain('<sheetPr><tabColor rgb="FFFF0000"/><pageSetUpPr fitToPage="1"/></sheetPr>');
    expect(out).not.toContain('old');
    expect(() => withSheetPrintSetup('<x/>', print)).toThrow(/worksheet/);
    // A workbook with names of its own keeps them.
    const wb = withPrintTitles('<workbook><sheets><sheet name="a"/></sheets><definedNames><definedName name="x">1</definedName></definedNames><calcPr/></workbook>', [
      { name: 'a', print },
    ]);
    expect(wb).toContain('<definedNames><definedName name="x">1</definedName><definedName name="_xlnm.Print_Titles" localSheetId="0">\'a\'!$1:$1</definedName></definedNames>');
  });

  it('keeps the header within Excel’s 255 characters and a note starting with digits apart from the size code', () => {
    const long = pageHeader({ title: longText(70, 1), headerNote: longText(300, 0) });
    expect(long.length).toBeLessThanOrEqual(255);
    expect(long).toContain(longText(70, 1));
    expect(pageHeader({ title: '2026年', headerNote: '2026年11月' })).toBe('&C&12&B2026年&B\n&9&B&B2026年11月');
    expect(pageHeader({ title: 'a\nb' })).toBe('&C&12&Ba b&B');
    expect(PAGE_FOOTER).toBe('&C第 &P 页 共 &N 页');
  });

  it('gives the 收文登记簿 its print setup: landscape, the header row (row 2, or 3 under a note) repeated, title and note in the page header', async () => {
    for (const note of [undefined, '含涉密内容 · 王秘书 2026-12-06 10:00']) {
      const files = unzipSync(await buildRegisterXlsx([], { title: '某县收文登记簿（2026年）', ...(note ? { note } : {}) }));
      const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
      expectInSchemaOrder(children(sheet), WORKSHEET_ORDER);
      expect(sheet).toMatch(/<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"\/>/);
      const header = decode(/<oddHeader>([\s\S]*?)<\/oddHeader>/.exec(sheet)![1]!);
      expect(header).toBe(`&C&12&B某县收文登记簿（2026年）&B${note ? `\n&9&B&B${note}` : ''}`);
      const row = note ? 3 : 2;
      expect(strFromU8(files['xl/workbook.xml']!)).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">'收文登记簿'!$${row}:$${row}</definedName>`);
    }
  });
});

// The longest values registrationSchema allows (来文单位 100, 来文字号 50, 标题 200; 承办单位 40), every
// third row classified and masked, mixed with short everyday rows.
function registerRows(n: number): RegisterExportRow[] {
  return Array.from({ length: n }, (_, i) => {
    const longest = i % 2 === 0;
    return {
      id: `r${i}`,
      serial: `收〔2026〕${String(i + 1).padStart(4, '0')}`,
      receivedDate: '2026-11-23',
      fromUnit: longest ? longText(100, 1) : '县财政局',
      docNumber: longest ? `某某县住房和城乡建设局城市建设管理股发〔2026〕${1000 + i}号${longText(20, 2)}`.slice(0, 50) : `县财发〔2026〕${i}号`,
      title: longest ? longText(200, 0) : '关于做好2027年预算编制工作的通知',
      classification: i % 3 === 1 ? '机密' : '非密',
      ...(i % 3 === 1 ? { secrecyTerm: { kind: 'years', years: 20 } as const } : {}),
      urgency: i % 2 ? '特急' : '普通',
      state: '承办中',
      dueDate: '2026-12-31',
      hostDeptName: longest ? longText(40, 2) : '办公室',
      masked: i % 3 === 1,
    };
  });
}

const skip = sofficeSkipReason();

describe.skipIf(skip !== null)(`收文登记簿 XLSX printed by LibreOffice Calc${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('prints one page wide, landscape, the header row and the title on every page', async () => {
    const title = `${longText(40, 1)}收文登记簿（2026年）`;
    const bytes = await buildRegisterXlsx(registerRows(24), { title, note: '含涉密内容 · 王秘书 2026-12-06 10:00' });
    const printed = printWorkbook(bytes, 'register.xlsx');
    const measured = expectPrintedSheet(printed, {
      title,
      headers: REGISTER_COLUMNS.map((c) => c.label),
      landscape: true,
      firstColumn: /^收〔2026〕\d{4}$/,
      minPages: 3,
    });
    // Every page is one of the sheet's: none holds only right-hand columns.
    expect(measured.pages).toHaveLength(printed.pages.length);
    // The classified marking is in the header of every page, too.
    for (const p of printed.pages) expect(p.words.filter((w) => w.y1 < 25.4).map((w) => w.text).join('')).toContain('含涉密内容');
    // The long texts wrap inside their cells (the row grows): the whole 标题 is printed.
    const text = printed.pages.map((p) => p.words.map((w) => w.text).join('')).join('');
    expect(text).toContain(longText(200, 0).slice(150));
    expect(text).toContain(longText(100, 1).slice(80));
    // Readable on paper: the data rows' type scaled to about 8pt or more. pdftotext's word box is
    // ~1.26× the type size: 10.7pt measured now (11pt at 75%); the first column set, 186
    // characters wide, measured 8.5pt (6.7pt type at 59%).
    const serials = printed.pages.flatMap((p) => p.words.filter((w) => /^收〔2026〕\d{4}$/.test(w.text)));
    const heightsPt = serials.map((w) => (w.y1 - w.y0) / (25.4 / 72)).sort((a, b) => a - b);
    expect(heightsPt[heightsPt.length >> 1]).toBeGreaterThanOrEqual(10);
  });
});
