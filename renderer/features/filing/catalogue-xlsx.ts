import type { CatalogueLine } from '@shared/domain/filing';
// Type-only: erased at build time, so the library still loads only on first use.
import type { CellObject, SheetData } from 'write-excel-file/universal';
import { writeWorkbook } from '../../ui/xlsx';

// 归档文件目录 as an .xlsx (issue #6): a title row, the 全宗名称/全宗号/年度 line, the header
// (the printed catalogue's 9 columns plus 盒号) and one row per 件 in the order given (档号
// order). 档号, 文号 and 日期 (YYYYMMDD) are text cells in text format, so Excel never turns
// 20260302 into a number or drops a leading zero. The library loads on first use.

/** A catalogue line with its 盒号 (catalogueLinesWithBox); the 盒号 cell stays empty without one. */
export type CatalogueXlsxLine = CatalogueLine & { box?: number };

export const CATALOGUE_XLSX_COLUMNS = [
  { label: '序号', width: 6 },
  { label: '档号', width: 28 },
  { label: '文号', width: 22 },
  { label: '责任者', width: 20 },
  { label: '题名', width: 50 },
  { label: '日期', width: 11 },
  { label: '密级', width: 7 },
  { label: '页数', width: 7 },
  { label: '备注', width: 16 },
  { label: '盒号', width: 7 },
] as const;

/** The file name offered when saving: 归档文件目录-2026.xlsx. */
export function catalogueXlsxName(year: number): string {
  return `归档文件目录-${year}.xlsx`;
}

const border = { borderStyle: 'thin', borderColor: '#000000' } as const;
/** Text format ('@'): what is typed there stays text in Excel too. */
const text = (value: string, extra: CellObject = {}): CellObject => ({ value, type: String, format: '@', ...border, ...extra });
const num = (value: number): CellObject => ({ value, type: Number, align: 'center', ...border });

/**
 * 归档文件目录 of `year` as an .xlsx workbook: one sheet, header row frozen; printed A4 landscape,
 * one page wide, the header row on every page with 归档文件目录, 全宗号 and 年度 in the page header.
 * `note`: said after the 全宗 line, e.g. "含涉密内容 · <watermark>" when a 件 is classified (and
 * at the right of every page's header).
 */
export async function catalogueXlsx(unitName: string, fondsCode: string, year: number, lines: readonly CatalogueXlsxLine[], note?: string): Promise<Uint8Array> {
  const span = CATALOGUE_XLSX_COLUMNS.length;
  const pages = lines.reduce((s, l) => s + l.pages, 0);
  const data: SheetData = [
    [{ value: '归档文件目录', type: String, fontSize: 16, fontWeight: 'bold', align: 'center', columnSpan: span, height: 30, wrap: true }],
    [{ value: [`全宗名称：${unitName}`, `全宗号：${fondsCode}`, `年度：${year}`, `共 ${lines.length} 件 ${pages} 页`, ...(note ? [note] : [])].join('\u3000'), type: String, columnSpan: span, wrap: true }],
    CATALOGUE_XLSX_COLUMNS.map(({ label }) => ({ value: label, type: String, fontWeight: 'bold', align: 'center', backgroundColor: '#E7E6E6', ...border })),
  ];
  for (const l of lines) {
    data.push([
      num(l.serial),
      text(l.archiveCode, { wrap: true }),
      text(l.docNumber, { wrap: true }),
      text(l.responsible, { wrap: true }),
      text(l.title, { wrap: true }),
      text(l.date, { align: 'center' }),
      text(l.classification, { align: 'center' }),
      num(l.pages),
      text(l.remarks, { wrap: true }),
      l.box === undefined ? text('') : num(l.box),
    ]);
  }
  return writeWorkbook([
    {
      name: `${year}年度`,
      data,
      columns: CATALOGUE_XLSX_COLUMNS,
      stickyRowsCount: 3,
      print: {
        title: '归档文件目录',
        headerNote: [`全宗号：${fondsCode}`, `年度：${year}`, ...(note ? [note] : [])].join('\u3000'),
        repeatRows: [3, 3],
        orientation: 'landscape',
      },
    },
  ]);
}
