// fflate is what the spreadsheet library zips with; here only to look inside the file we write.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { outgoingWorkbook, outgoingXlsxName } from '../../../../renderer/features/outgoing/outgoing-xlsx';
import { OUTGOING_REGISTER_COLUMNS, outgoingCellText } from '../../../../renderer/print/outgoing-register-columns';
import { readWorkbook } from '../../../../renderer/ui/xlsx';
import { longText } from '../../../print-proofs/longest';
import { distributedOutgoing, longestOutgoing, registerRows } from '../../../print-proofs/outgoing';
import { sofficeSkipReason } from '../../soffice';
import { expectPrintedSheet, printWorkbook } from '../../xlsx-printed';

// 发文登记簿 as .xlsx (issue #16): read back cell by cell (read-excel-file, as an office's import
// would), and printed by LibreOffice Calc one page wide with its header row and title on every page.

const LABELS = OUTGOING_REGISTER_COLUMNS.map((c) => c.label);
const utc = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

describe('outgoingWorkbook', () => {
  it('has the title, the note, the 登记簿 columns and one row per 发文, dates as dates and counts as numbers', async () => {
    const open = { ...longestOutgoing(), classification: '非密' as const, secrecyTerm: undefined, title: '关于做好2027年元旦春节期间安全生产工作的通知', mainTo: ['各乡镇人民政府', '县政府各部门'], copyTo: [] };
    const voided = { ...open, docNumber: '县政办发〔2026〕2号', state: '已作废' as const, voided: { reason: '标题有误，重新拟稿', at: '', byName: '' }, distributions: [] };
    const masked = { ...distributedOutgoing(), title: '【涉密】', mainTo: [], copyTo: [] };
    const bytes = await outgoingWorkbook([open, voided, masked], { title: '某某县人民政府办公室 2026年发文登记簿', note: '年度：2026 · 王秘书 2026-12-06 10:00' });
    const { sheets } = await readWorkbook(bytes);
    expect(sheets.map((s) => s.name)).toEqual(['发文登记簿']);
    const rows = sheets[0]!.rows;
    expect(rows[0]?.[0]).toBe('某某县人民政府办公室 2026年发文登记簿');
    expect(rows[1]?.[0]).toBe('年度：2026 · 王秘书 2026-12-06 10:00');
    expect(rows[2]).toEqual(LABELS);
    const r = longestOutgoing();
    expect(rows[3]).toEqual([
      1,
      '县政办发〔2026〕9999号',
      utc('2026-11-23'),
      '关于做好2027年元旦春节期间安全生产工作的通知',
      '通知',
      '非密',
      '特急',
      '各乡镇人民政府、县政府各部门',
      null,
      999,
      r.signoff!.signer,
      r.draftingUnit.name,
      null,
      '待核发',
    ]);
    expect(rows[4]?.[13]).toBe('已作废：标题有误，重新拟稿');
    expect(rows[5]?.slice(0, 8)).toEqual([3, '县政办发〔2026〕9999号', utc('2026-11-23'), '【涉密】', '通知', '机密★20年', '特急', null]);
    expect(rows[5]?.[12]).toEqual(utc('2026-11-26'));
    expect(rows[5]?.[13]).toBe('待核发（已发 3 个单位）');
    expect(rows).toHaveLength(6);
  });

  it('keeps 主送 whole up to 160 characters (the paper 90), writes typed text as text, and offers 发文登记簿-<date>.xlsx', async () => {
    const r = { ...longestOutgoing(), title: '=HYPERLINK("http://x","点此")' };
    const three = { ...r, mainTo: r.mainTo.slice(0, 3) };
    const { sheets } = await readWorkbook(await outgoingWorkbook([r, three], { title: 't' }));
    const row = sheets[0]!.rows[2]!;
    expect(sheets[0]!.rows[1]).toEqual(LABELS);
    // Twelve units of 40: the first three (123 characters) and the count; three of them whole.
    expect(row[7]).toBe(`${r.mainTo.slice(0, 3).join('、')}等 12 个单位`);
    expect(sheets[0]!.rows[3]![7]).toBe(three.mainTo.join('、'));
    expect(outgoingCellText('mainTo', three, 0)).toBe(`${r.mainTo.slice(0, 2).join('、')}等 3 个单位`);
    expect(row[3]).toBe(`'${r.title}`);
    expect(outgoingXlsxName('2026-12-06')).toBe('发文登记簿-2026-12-06.xlsx');
  });

  it('prints on A4 landscape, one page wide, the header row repeated, column widths and a frozen header', async () => {
    const files = unzipSync(await outgoingWorkbook([], { title: '发文登记簿', note: 'n' }));
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(sheet).toMatch(/<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"\/>/);
    expect(sheet).toMatch(/<pane [^>]*ySplit="3"[^>]*state="frozen"/);
    for (const { xlsxWidth } of OUTGOING_REGISTER_COLUMNS) expect(sheet).toMatch(new RegExp(`<col [^>]*width="${xlsxWidth}"`));
    expect(strFromU8(files['xl/workbook.xml']!)).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">'发文登记簿'!$3:$3</definedName>`);
  });
});

const skip = sofficeSkipReason();

describe.skipIf(skip !== null)(`发文登记簿 XLSX printed by LibreOffice Calc${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('prints one page wide, landscape, the header row and the title on every page, long texts whole', async () => {
    const title = `${longText(40, 1)}2026年发文登记簿`;
    const rows = registerRows().slice(0, 16);
    const printed = printWorkbook(await outgoingWorkbook(rows, { title, note: '含涉密内容 · 王秘书 2026-12-06 10:00' }), 'outgoing.xlsx');
    const measured = expectPrintedSheet(printed, { title, headers: LABELS, landscape: true, firstColumn: /^\d+$/, minPages: 3 });
    expect(measured.pages).toHaveLength(printed.pages.length);
    const text = printed.pages.map((p) => p.words.map((w) => w.text).join('')).join('');
    // The 标题 (200) and the 主送 (three units and the count) wrap whole inside their cells.
    expect(text).toContain(longText(200, 0).slice(150));
    expect(text).toContain(rows[0]!.mainTo[2]!.slice(-10));
    expect(text).toContain('等12个单位');
    // The type as printed: pdftotext's word box of the 成文日期 is ~1.26 × the type size.
    const heightsPt = printed.pages.flatMap((p) => p.words.filter((w) => w.text === '2026-11-23').map((w) => (w.y1 - w.y0) / (25.4 / 72))).sort((a, b) => a - b);
    console.log(`outgoing xlsx: ${printed.pages.length} pages, sides ${measured.sides.map((s) => `${s.left.toFixed(1)}/${s.right.toFixed(1)}`).join(' ')} mm, date word box ${heightsPt[heightsPt.length >> 1]?.toFixed(1)} pt`);
    expect(heightsPt[heightsPt.length >> 1]).toBeGreaterThanOrEqual(8.5);
  });
});
