// fflate is what the spreadsheet library zips with; here only to look inside the file we write.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { CATALOGUE_XLSX_COLUMNS, catalogueXlsx, catalogueXlsxName } from '../../../../renderer/features/filing/catalogue-xlsx';
import { catalogueLinesWithBox } from '../../../../shared/domain/filing';
import { readWorkbook } from '../../../../renderer/ui/xlsx';
import { boxNote, correctionText } from '../../../../renderer/print/ArchiveBoxNotes';
import { archiveStampCells, archiveStampLabels } from '../../../../renderer/print/ArchiveStampLabels';
import { boxesOf, formatArchiveCode, type ArchiveRecord } from '../../../../shared/domain/filing';
import { longText } from '../../../print-proofs/longest';
import { sofficeSkipReason } from '../../soffice';
import { expectPrintedSheet, printWorkbook } from '../../xlsx-printed';

// The 归档文件目录 as .xlsx (issue #6) and the pure parts of the 归档 prints: what each cell and
// paragraph says, from filed 件 built here (no database).

function entry(over: Partial<ArchiveRecord> & Pick<ArchiveRecord, 'orgCode' | 'retention' | 'itemNo'>): ArchiveRecord {
  const base = {
    id: `id-${over.orgCode}-${over.itemNo}`,
    kind: '收文' as const,
    recordId: `r-${over.orgCode}-${over.itemNo}`,
    recordLabel: `收〔2026〕000${over.itemNo}`,
    fondsCode: 'Z109',
    year: 2026,
    box: 1,
    docNumber: '县财发〔2026〕11号',
    responsible: '县财政局',
    title: '关于预算执行的通知',
    date: '2026-03-02',
    classification: '非密' as const,
    pages: 3,
    remarks: '',
    filedAt: new Date(2026, 11, 1, 10, 0).toISOString(),
    filedById: 'u1',
    filedBy: '李秘书',
    corrections: [],
  };
  const e = { ...base, ...over } as ArchiveRecord;
  return { ...e, archiveCode: formatArchiveCode(e) };
}

const entries: ArchiveRecord[] = [
  entry({ orgCode: 'CWK', retention: '定期10年', itemNo: 1 }),
  entry({ orgCode: 'BGS', retention: '永久', itemNo: 1, docNumber: '县财发〔2026〕12号', title: '[县财政局通知]', date: '2026-03-05', pages: 4, remarks: '原件' }),
  entry({ orgCode: 'BGS', retention: '永久', itemNo: 2, docNumber: '', title: '关于专项资金的通知', date: '2026-03-09', classification: '秘密', pages: 2, box: 2 }),
];

describe('catalogueXlsx', () => {
  it('has the title, the 全宗 line, the 9 printed columns plus 盒号, and one row per 件 in catalogue order (永久 before 定期10年)', async () => {
    const bytes = await catalogueXlsx('测试县人民政府办公室', 'Z109', 2026, catalogueLinesWithBox(entries));
    const { sheets } = await readWorkbook(bytes);
    expect(sheets.map((s) => s.name)).toEqual(['2026年度']);
    const rows = sheets[0]!.rows;
    expect(rows[0]?.[0]).toBe('归档文件目录');
    expect(rows[1]?.[0]).toBe('全宗名称：测试县人民政府办公室　全宗号：Z109　年度：2026　共 3 件 9 页');
    expect(rows[2]).toEqual(['序号', '档号', '文号', '责任者', '题名', '日期', '密级', '页数', '备注', '盒号']);
    expect(rows.slice(3)).toEqual([
      [1, 'Z109-WS·2026-Y-BGS-0001', '县财发〔2026〕12号', '县财政局', '[县财政局通知]', '20260305', null, 4, '原件', 1],
      [2, 'Z109-WS·2026-Y-BGS-0002', null, '县财政局', '关于专项资金的通知', '20260309', '秘密', 2, null, 2],
      [3, 'Z109-WS·2026-D10-CWK-0001', '县财发〔2026〕11号', '县财政局', '关于预算执行的通知', '20260302', null, 3, null, 1],
    ]);
  });

  it('writes 档号 and 日期 as text cells in text format, header bold, column widths, frozen header, landscape', async () => {
    const bytes = await catalogueXlsx('测试县人民政府办公室', 'Z109', 2026, catalogueLinesWithBox(entries));
    const files = unzipSync(bytes);
    const shared = strFromU8(files['xl/sharedStrings.xml']!);
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    const styles = strFromU8(files['xl/styles.xml']!);
    for (const { label } of CATALOGUE_XLSX_COLUMNS) expect(shared).toContain(`>${label}<`);
    expect(shared).toContain('Z109-WS·2026-Y-BGS-0001');
    // 20260302 is a string (shared), not a number: Excel keeps it as typed.
    expect(shared).toContain('>20260302<');
    expect(sheet).toMatch(/<c r="F4"[^>]*t="s"/);
    expect(sheet).toMatch(/<c r="B4"[^>]*t="s"/);
    expect(styles).toMatch(/<numFmt [^>]*formatCode="@"/); // text format
    expect(styles).toContain('宋体');
    expect(styles).toMatch(/<b\s*\/>/);
    for (const { width } of CATALOGUE_XLSX_COLUMNS) expect(sheet).toMatch(new RegExp(`<col [^>]*width="${width}"`));
    expect(sheet).toMatch(/<mergeCell ref="A1:J1"/);
    expect(sheet).toMatch(/<pane [^>]*ySplit="3"[^>]*state="frozen"/);
    expect(sheet).toMatch(/orientation="landscape"/);
  });

  it('leaves 盒号 empty for lines without one, and offers 归档文件目录-<年度>.xlsx', async () => {
    const lines = catalogueLinesWithBox(entries.slice(0, 1)).map(({ box: _box, ...l }) => l);
    const { sheets } = await readWorkbook(await catalogueXlsx('某单位', 'Z109', 2026, lines));
    expect(sheets[0]!.rows[3]).toEqual([1, 'Z109-WS·2026-D10-CWK-0001', '县财发〔2026〕11号', '县财政局', '关于预算执行的通知', '20260302', null, 3, null, null]);
    expect(catalogueXlsxName(2026)).toBe('归档文件目录-2026.xlsx');
  });
});

const skip = sofficeSkipReason();

describe.skipIf(skip !== null)(`归档文件目录 XLSX printed by LibreOffice Calc${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('prints one page wide, landscape, the header row on every page and 归档文件目录 in every page header', async () => {
    // The longest values a 更正 allows (文号 60, 责任者, 题名 and 备注 200 characters) in every other 件.
    const many = Array.from({ length: 16 }, (_, i) =>
      i % 2
        ? entry({ orgCode: 'BGS', retention: '永久', itemNo: i + 1 })
        : entry({
            orgCode: 'BGS',
            retention: '永久',
            itemNo: i + 1,
            docNumber: longText(60, 2),
            responsible: longText(200, 1),
            title: longText(200, 0),
            remarks: longText(200, 2),
            classification: '秘密',
            pages: 9999,
          }),
    );
    const bytes = await catalogueXlsx(longText(60, 1), 'Z109', 2026, catalogueLinesWithBox(many), '含涉密内容 · 王秘书 2026-12-06 10:00');
    const printed = printWorkbook(bytes, 'catalogue.xlsx');
    const measured = expectPrintedSheet(printed, {
      title: '归档文件目录',
      headers: CATALOGUE_XLSX_COLUMNS.map((c) => c.label),
      landscape: true,
      firstColumn: /^Z109-WS·2026-Y-BGS-\d{4}$/,
      minPages: 3,
    });
    expect(measured.pages).toHaveLength(printed.pages.length);
    // 全宗号, 年度 and the classified marking under the title in every page header.
    for (const p of printed.pages) expect(p.words.filter((w) => w.y1 < 25.4).map((w) => w.text).join('')).toMatch(/全宗号：Z109.*年度：2026.*含涉密内容/);
  });
});

describe('归档章 labels', () => {
  it('one per 件 in the order given, the DA/T 22 grid: 全宗号 | 年度 | 件号 / 机构(问题) | 保管期限 | 页数', () => {
    const labels = archiveStampLabels(entries);
    expect(labels.map((l) => l.archiveCode)).toEqual(entries.map((e) => e.archiveCode));
    expect(archiveStampCells(labels[2]!)).toEqual([
      [
        ['全宗号', 'Z109'],
        ['年度', '2026'],
        ['件号', '0002'],
      ],
      [
        ['机构(问题)', 'BGS'],
        ['保管期限', '永久'],
        ['页数', '2'],
      ],
    ]);
  });
});

describe('备考表', () => {
  const corrected = entries.map((e) =>
    e.itemNo === 1 && e.orgCode === 'BGS'
      ? {
          ...e,
          filedBy: '王秘书',
          filedAt: new Date(2026, 11, 3, 9, 0).toISOString(),
          corrections: [
            { at: new Date(2026, 11, 4, 9, 0).toISOString(), byId: 'u1', byName: '李秘书', reason: '页数漏计', before: { pages: 4, remarks: '原件' }, after: { pages: 5, remarks: '' } },
          ],
        }
      : e,
  );
  const boxes = boxesOf(corrected);

  it('says how many 件 and pages the box holds, and "无" when none was corrected', () => {
    const note = boxNote(boxes.find((b) => b.orgCode === 'CWK')!, corrected);
    expect(note.entries.map((e) => e.archiveCode)).toEqual(['Z109-WS·2026-D10-CWK-0001']);
    expect(note.explanation).toEqual(['本盒共 1 件 3 页。', '更正情况：无。']);
    expect(note.filers).toEqual(['李秘书']);
    expect(note.filedDate).toBe('2026年12月1日');
  });

  it('lists each 更正 by 档号 with what changed, who, when and why; every filer once; the days filed', () => {
    const box = boxes.find((b) => b.orgCode === 'BGS' && b.box === 1)!;
    const note = boxNote(box, corrected);
    expect(note.explanation).toEqual([
      '本盒共 1 件 4 页。',
      '更正情况：共 1 件有更正。',
      'Z109-WS·2026-Y-BGS-0001：页数由 4 更正为 5；备注由“原件”更正为“（空）”（2026年12月4日 李秘书，理由：页数漏计）。',
    ]);
    expect(note.filers).toEqual(['王秘书']);
    const both = boxNote({ ...box, box: 1 }, corrected.map((e) => ({ ...e, box: 1 })));
    expect(both.filers).toEqual(['王秘书', '李秘书']);
    expect(both.filedDate).toBe('2026年12月1日至2026年12月3日');
  });

  it('writes a 题名 change with quotes', () => {
    expect(correctionText({ at: new Date(2026, 11, 4, 9, 0).toISOString(), byId: 'u1', byName: '李秘书', reason: '漏字', before: { title: '关于资金清理的通知' }, after: { title: '关于资金清理工作的通知' } })).toBe(
      '题名由“关于资金清理的通知”更正为“关于资金清理工作的通知”（2026年12月4日 李秘书，理由：漏字）',
    );
  });
});
