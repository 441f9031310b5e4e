import type { ArchiveStamp, ArchiveStampLabel } from '@shared/domain/filing';
import { PrintDocument } from './PrintDocument';

export { archiveStampLabels, type ArchiveStampLabel } from '@shared/domain/filing';

// 归档章 (DOMAIN.md §6, DA/T 22-2015) printed as labels, one per 件, to cut out and stick at the
// top right of each 件's first page. The stamp is the standard's 2 × 3 grid:
//   全宗号 | 年度 | 件号
//   机构(问题) | 保管期限 | 页数
// each cell with its name small above the value. Above the stamp, outside it, the 件's 档号 in
// small print says which 件 the label belongs to; the labels come in the order given (档号 order).

export interface ArchiveStampLabelsProps {
  stamps: readonly ArchiveStampLabel[];
}

/** A4 portrait text block is 156×225 mm: 2 columns × 8 rows of 78×27 mm cutting boxes. */
export const ARCHIVE_STAMP_COLUMNS = 2;
export const ARCHIVE_STAMP_ROWS = 8;
export const ARCHIVE_STAMPS_PER_PAGE = ARCHIVE_STAMP_COLUMNS * ARCHIVE_STAMP_ROWS;

/** The stamp's cells, row by row: [label, value]. */
export function archiveStampCells(s: ArchiveStamp): [string, string][][] {
  return [
    [
      ['全宗号', s.fondsCode],
      ['年度', s.year],
      ['件号', s.itemNo],
    ],
    [
      ['机构(问题)', s.orgCode],
      ['保管期限', s.retention],
      ['页数', s.pages],
    ],
  ];
}

// Hoisted into <head> by React (href + precedence), so it is not part of the sheet's text.
// The stamp is 60×20 mm (cells 20×10 mm), a little larger than the stamp of the standard so the
// cell names fit beside the values.
const CSS = `
.ws-archive-stamps-page {
  display: grid;
  grid-template-columns: repeat(${ARCHIVE_STAMP_COLUMNS}, 78mm);
  grid-auto-rows: 27mm;
  justify-content: center;
  break-after: page;
}
.ws-archive-stamps-page:last-child { break-after: auto; }
.ws-archive-stamp-slot {
  display: flex;
  flex-direction: column;
  align-items: center;
  justify-content: center;
  gap: 0.8mm;
  border: 0.3mm dashed #000;
  margin: 0 -0.15mm -0.3mm 0;
  overflow: hidden;
  break-inside: avoid;
}
.ws-archive-stamp-code {
  font-family: Consolas, 'DejaVu Sans Mono', 'Liberation Mono', 'Courier New', monospace;
  font-size: 8pt;
  line-height: 1.2;
  white-space: nowrap;
}
.ws-archive-stamp { border-collapse: collapse; table-layout: fixed; width: 60mm; }
.ws-archive-stamp td {
  width: 20mm;
  height: 10mm;
  border: 0.4mm solid #000;
  padding: 0.3mm 0.5mm;
  text-align: center;
  vertical-align: middle;
  overflow: hidden;
}
.ws-archive-stamp-label { display: block; font-family: var(--ws-font-label); font-size: 6.5pt; line-height: 1.2; white-space: nowrap; }
.ws-archive-stamp-value { display: block; font-family: var(--ws-font-body); font-size: 11pt; line-height: 1.25; white-space: nowrap; }
`;

function StampLabel({ stamp }: { stamp: ArchiveStampLabel }) {
  return (
    <div className="ws-archive-stamp-slot" data-testid="archive-stamp">
      <div className="ws-archive-stamp-code">{stamp.archiveCode}</div>
      <table className="ws-archive-stamp" aria-label={`归档章 ${stamp.archiveCode}`}>
        <tbody>
          {archiveStampCells(stamp).map((row, r) => (
            <tr key={r}>
              {row.map(([label, value]) => (
                <td key={label}>
                  <span className="ws-archive-stamp-label">{label}</span>
                  <span className="ws-archive-stamp-value">{value}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Sheets of 归档章 labels (A4 portrait), 16 to a page, never split across pages. */
export function ArchiveStampLabels({ stamps }: ArchiveStampLabelsProps) {
  const pages: ArchiveStampLabel[][] = [];
  for (let i = 0; i < stamps.length; i += ARCHIVE_STAMPS_PER_PAGE) pages.push(stamps.slice(i, i + ARCHIVE_STAMPS_PER_PAGE));
  return (
    <PrintDocument orientation="portrait" title="归档章">
      <style href="ws-archive-stamps" precedence="default">
        {CSS}
      </style>
      {pages.length === 0 && <p>没有需要打印的归档章</p>}
      {pages.map((page, p) => (
        // One grid per page, ended by a page break, so a row of labels never straddles two sheets.
        <div key={p} className="ws-archive-stamps-page">
          {page.map((s) => (
            <StampLabel key={s.archiveCode} stamp={s} />
          ))}
        </div>
      ))}
    </PrintDocument>
  );
}
