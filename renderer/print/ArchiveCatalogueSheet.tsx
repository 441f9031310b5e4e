import type { CatalogueLine } from '@shared/domain/filing';
import { PrintDocument } from './PrintDocument';

// 归档文件目录 (DOMAIN.md §6, DA/T 22-2015): every 件 of a 年度 on A4 landscape, in the order the
// lines are given (catalogueLines: 保管期限 永久 → 定期30年 → 定期10年, then 机构, then 件号). The header row repeats on
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

/** A catalogue column: its heading and how its width is found (see CSS below). */
export interface CatalogueColumn {
  label: string;
  /** Share of the text block (责任者, 备注). */
  pct?: number;
  /** As wide as its content and no wider (its least width: one line, up to the caps below). */
  hug?: boolean;
}

/**
 * The columns (DA/T 22-2015). The table is laid out by its content, not by fixed widths: 档号 and
 * 文号 are one line each, as wide as the longest in this catalogue (up to a cap, past which they
 * wrap inside it: 档号 after a hyphen, 文号 anywhere); 序号, 日期, 密级 and 页数 as wide as their
 * values; 责任者 and 备注 a share of the text block; 题名 the rest, wrapping. The table is 100% of
 * the text block whatever the page margins are.
 */
export const ARCHIVE_CATALOGUE_COLUMNS: readonly CatalogueColumn[] = [
  { label: '序号', hug: true },
  { label: '档号', hug: true },
  { label: '文号', hug: true },
  { label: '责任者', pct: 10 },
  { label: '题名' },
  { label: '日期', hug: true },
  { label: '密级', hug: true },
  { label: '页数', hug: true },
  { label: '备注', pct: 8 },
];

/**
 * The caps in mm: the longest 档号 the format allows (全宗号 16 and 机构代码 10 characters, 44 in
 * all) at 9pt in the widest fallback face is about 86 mm; a 发文字号 with an 8-character 机关代字
 * and a 4-digit serial (县住建局城建股发〔2026〕1015号) at 10.5pt about 57 mm.
 */
export const ARCHIVE_CODE_MAX_MM = 88;
export const DOC_NUMBER_MAX_MM = 60;

/** The heading of the sheet, the preview and the PDF's default name. */
export const ARCHIVE_CATALOGUE_TITLE = '归档文件目录';

/** The line under the title: 全宗名称：…, 全宗号：…, 年度：…, set apart by ideographic spaces. */
export function catalogueHeaderText(unitName: string, fondsCode: string, year: number): string {
  return [`全宗名称：${unitName}`, `全宗号：${fondsCode}`, `年度：${year}`].join('\u3000');
}

// Hoisted into <head> by React (href + precedence), so it is not part of the sheet's text. Its rules
// name only this sheet's classes.
const CSS = `
.ws-register-table.ws-archive-catalogue { table-layout: auto; }
.ws-archive-catalogue th { white-space: nowrap; }
/* One line as wide as its text, but never wider than the cap: an inline-block of width max-content
   gives the column exactly that as its least width, so the table gives it that and no less. */
.ws-archive-catalogue .ws-archive-fit { display: inline-block; width: max-content; text-align: left; vertical-align: middle; }
.ws-archive-catalogue .ws-archive-code { font-size: 9pt; max-width: ${ARCHIVE_CODE_MAX_MM}mm; overflow-wrap: normal; word-break: keep-all; }
.ws-archive-catalogue .ws-archive-docno { max-width: ${DOC_NUMBER_MAX_MM}mm; }
.ws-archive-catalogue td.ws-archive-nowrap { white-space: nowrap; }
.ws-archive-catalogue td.ws-archive-title { text-align: left; }
.ws-archive-catalogue-head > span:last-child { flex: none; white-space: nowrap; }
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
      <div className="ws-register-filter ws-archive-catalogue-head">
        <span>{catalogueHeaderText(unitName, fondsCode, year)}</span>
        <span>
          共 {lines.length} 件 {pages} 页
        </span>
      </div>
      <table className="ws-register-table ws-archive-catalogue" aria-label={ARCHIVE_CATALOGUE_TITLE}>
        <colgroup>
          {ARCHIVE_CATALOGUE_COLUMNS.map((c) => (
            // A width below any content's (1px) makes the table give a column its least width and
            // no share of what is left: that goes to 题名, the one column without a width.
            <col key={c.label} style={c.pct ? { width: `${c.pct}%` } : c.hug ? { width: '1px' } : undefined} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {ARCHIVE_CATALOGUE_COLUMNS.map((c) => (
              <th key={c.label} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
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
                <td className="ws-c ws-archive-nowrap">{l.serial}</td>
                <td>
                  <span className="ws-archive-fit ws-archive-code">{l.archiveCode}</span>
                </td>
                <td>
                  <span className="ws-archive-fit ws-archive-docno">{l.docNumber}</span>
                </td>
                <td>{l.responsible}</td>
                <td className="ws-archive-title">{l.title}</td>
                <td className="ws-c ws-archive-nowrap">{l.date}</td>
                <td className="ws-c ws-archive-nowrap">{l.classification}</td>
                <td className="ws-c ws-archive-nowrap">{l.pages}</td>
                <td>{l.remarks}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </PrintDocument>
  );
}
