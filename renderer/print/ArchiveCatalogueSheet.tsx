import type { CatalogueLine } from '@shared/domain/filing';
import { PrintDocument } from './PrintDocument';
import { CarrierTableHead, type CarrierColumn } from './carrier-print-parts';

// 归档文件目录 (DOMAIN.md §6, DA/T 22-2015): every 件 of a 年度 on A4 landscape, in the order the
// lines are given (catalogueLines of listArchive's entries: 档号 order). The header row repeats on
// every page (a <thead> does that in Chromium's print) and a row never splits across pages. The
// table reuses the register's print styles (.ws-register-table); only the few rules it adds are here.

export interface ArchiveCatalogueSheetProps {
  /** 全宗名称: the unit's name. */
  unitName: string;
  /** 全宗号 */
  fondsCode: string;
  /** 年度 */
  year: number;
  /** catalogueLines(entries): 序号, 档号, …, every column as printed. */
  lines: readonly CatalogueLine[];
  /** Printed diagonally on every page (watermarkText); give it when any 件 is classified. */
  watermark?: string;
}

/**
 * Column widths in mm of the 267 mm landscape text block at 10.5pt: 档号 (25 characters, e.g.
 * Z109-WS·2026-D30-BGS-0001, at 10pt) on one line; 题名 takes the rest (~72 mm).
 */
export const ARCHIVE_CATALOGUE_COLUMNS: readonly CarrierColumn[] = [
  { label: '序号', mm: 10 },
  { label: '档号', mm: 56 },
  { label: '文号', mm: 34 },
  { label: '责任者', mm: 28 },
  { label: '题名' },
  { label: '日期', mm: 20 },
  { label: '密级', mm: 12 },
  { label: '页数', mm: 11 },
  { label: '备注', mm: 24 },
];

/** The heading of the sheet, the preview and the PDF's default name. */
export const ARCHIVE_CATALOGUE_TITLE = '归档文件目录';

/** The line under the title: 全宗名称：…, 全宗号：…, 年度：…, set apart by ideographic spaces. */
export function catalogueHeaderText(unitName: string, fondsCode: string, year: number): string {
  return [`全宗名称：${unitName}`, `全宗号：${fondsCode}`, `年度：${year}`].join('\u3000');
}

// Hoisted into <head> by React (href + precedence), so it is not part of the sheet's text. Its rules
// name only this sheet's classes.
const CSS = `
/* A 档号 that does not fit breaks after a hyphen, never inside a part. */
.ws-archive-catalogue td.ws-archive-code { font-size: 10pt; overflow-wrap: normal; word-break: keep-all; }
.ws-archive-catalogue td.ws-archive-title { text-align: left; }
`;

/** 归档文件目录 of one 年度 (A4 landscape). */
export function ArchiveCatalogueSheet({ unitName, fondsCode, year, lines, watermark }: ArchiveCatalogueSheetProps) {
  const pages = lines.reduce((sum, l) => sum + l.pages, 0);
  return (
    <PrintDocument orientation="landscape" watermark={watermark} title={`${ARCHIVE_CATALOGUE_TITLE}-${year}`}>
      <style href="ws-archive-catalogue" precedence="default">
        {CSS}
      </style>
      <h1 className="ws-register-title">{ARCHIVE_CATALOGUE_TITLE}</h1>
      <div className="ws-register-filter">
        <span>{catalogueHeaderText(unitName, fondsCode, year)}</span>
        <span>
          共 {lines.length} 件 {pages} 页
        </span>
      </div>
      <table className="ws-register-table ws-archive-catalogue" aria-label={ARCHIVE_CATALOGUE_TITLE}>
        <CarrierTableHead columns={ARCHIVE_CATALOGUE_COLUMNS} />
        <tbody>
          {lines.length === 0 ? (
            <tr>
              <td colSpan={ARCHIVE_CATALOGUE_COLUMNS.length} className="ws-register-empty">
                本年度尚无归档文件
              </td>
            </tr>
          ) : (
            lines.map((l) => (
              <tr key={l.archiveCode}>
                <td className="ws-c">{l.serial}</td>
                <td className="ws-archive-code">{l.archiveCode}</td>
                <td>{l.docNumber}</td>
                <td>{l.responsible}</td>
                <td className="ws-archive-title">{l.title}</td>
                <td className="ws-c">{l.date}</td>
                <td className="ws-c">{l.classification}</td>
                <td className="ws-c">{l.pages}</td>
                <td>{l.remarks}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </PrintDocument>
  );
}
