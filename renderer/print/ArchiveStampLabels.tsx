import type { ArchiveStamp, ArchiveStampLabel } from '@shared/domain/filing';
import { PrintDocument } from './PrintDocument';

export { archiveStampLabels, type ArchiveStampLabel } from '@shared/domain/filing';

// 归档章 (DOMAIN.md §6, DA/T 22-2015) printed as labels, one per 件, to cut out and stick at the
// top right of each 件's first page. The stamp is the standard's 2 × 3 grid:
//   全宗号 | 年度 | 件号
//   机构(问题) | 保管期限 | 页数
// each cell with its name small above the value, at the standard's size (45×16 mm, cells 15×8 mm).
// Above the stamp, outside it, the 件's 档号 in small print says which 件 the label belongs to; the
// labels come in the order given (catalogue order). The cutting boxes (78×27 mm, 2 × 8 to a page)
// also suit 2 × 8 label sheets; printed on plain paper they are cut along the dashes.

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

/**
 * The stamp's geometry (DA/T 22-2015 附录A, 图A.1): 45×16 mm, 3 columns × 2 rows of 15×8 mm. The
 * rules are drawn in one SVG at exact coordinates (outer edge 45×16 mm, inner rules centred on
 * 15, 30 and 8 mm), so the printed box measures what the standard says whatever the table does.
 */
export const ARCHIVE_STAMP_MM = { width: 45, height: 16, cellWidth: 15, cellHeight: 8 } as const;
const RULE_MM = 0.3;

/** Room for a value in a 15 mm cell (less the rules and a little air), and the largest and least size. */
const VALUE_ROOM_MM = 13.4;
const VALUE_MAX_PT = 10;
const VALUE_MIN_PT = 5.5;
const PT_MM = 25.4 / 72;

/**
 * The value's size in pt so it fits one line of its cell: 10pt when it can, smaller for a long
 * 全宗号 or 机构代码 (up to 16 and 10 characters), never below 5.5pt (past that it wraps). Widths
 * are reckoned generously (a full-width character 1em, any other 0.7em) so the widest face fits.
 */
export function stampValuePt(value: string): number {
  const ems = Array.from(value).reduce((sum, ch) => sum + (/[\u2e80-\uffef]/.test(ch) ? 1 : 0.7), 0);
  if (ems === 0) return VALUE_MAX_PT;
  const fit = VALUE_ROOM_MM / ems / PT_MM;
  return Math.max(VALUE_MIN_PT, Math.min(VALUE_MAX_PT, Math.floor(fit * 2) / 2));
}

// Hoisted into <head> by React (href + precedence), so it is not part of the sheet's text.
const { width: W, height: H, cellWidth: CW, cellHeight: CH } = ARCHIVE_STAMP_MM;
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
  gap: 1mm;
  border: 0.3mm dashed #000;
  margin: 0 -0.15mm -0.3mm 0;
  overflow: hidden;
  break-inside: avoid;
}
/* The 档号 in the body face (narrower than a monospace one): one line up to about 45 characters,
   wrapping inside the box past that. */
.ws-archive-stamp-code { max-width: 76mm; font-size: 8pt; line-height: 1.2; text-align: center; overflow-wrap: anywhere; }
.ws-archive-stamp-box { position: relative; flex: none; width: ${W}mm; height: ${H}mm; }
.ws-archive-stamp-rules { position: absolute; inset: 0; width: ${W}mm; height: ${H}mm; overflow: visible; }
.ws-archive-stamp { position: absolute; inset: 0; border-collapse: separate; border-spacing: 0; table-layout: fixed; width: ${W}mm; height: ${H}mm; }
.ws-archive-stamp td {
  width: ${CW}mm;
  height: ${CH}mm;
  padding: 0 0.5mm;
  border: none;
  text-align: center;
  vertical-align: middle;
  overflow: hidden;
}
.ws-archive-stamp-label { display: block; font-family: var(--ws-font-label); font-size: 5pt; line-height: 1.15; white-space: nowrap; }
.ws-archive-stamp-value { display: block; font-family: var(--ws-font-body); line-height: 1.1; white-space: nowrap; }
.ws-archive-stamp-value--wrap { white-space: normal; overflow-wrap: anywhere; }
`;

/** The stamp's rules: the outer box (its outer edge 45×16 mm) and the inner lines between the cells. */
function StampRules() {
  const h = RULE_MM / 2;
  return (
    <svg className="ws-archive-stamp-rules" viewBox={`0 0 ${W} ${H}`} aria-hidden="true">
      <rect x={h} y={h} width={W - RULE_MM} height={H - RULE_MM} fill="none" stroke="#000" strokeWidth={RULE_MM} />
      <line x1={CW} y1={0} x2={CW} y2={H} stroke="#000" strokeWidth={RULE_MM} />
      <line x1={2 * CW} y1={0} x2={2 * CW} y2={H} stroke="#000" strokeWidth={RULE_MM} />
      <line x1={0} y1={CH} x2={W} y2={CH} stroke="#000" strokeWidth={RULE_MM} />
    </svg>
  );
}

function StampLabel({ stamp }: { stamp: ArchiveStampLabel }) {
  return (
    <div className="ws-archive-stamp-slot" data-testid="archive-stamp">
      <div className="ws-archive-stamp-code">{stamp.archiveCode}</div>
      <div className="ws-archive-stamp-box">
        <StampRules />
        <table className="ws-archive-stamp" aria-label={`归档章 ${stamp.archiveCode}`}>
          <tbody>
            {archiveStampCells(stamp).map((row, r) => (
              <tr key={r}>
                {row.map(([label, value]) => {
                  const pt = stampValuePt(value);
                  return (
                    <td key={label}>
                      <span className="ws-archive-stamp-label">{label}</span>
                      <span className={`ws-archive-stamp-value${pt <= VALUE_MIN_PT ? ' ws-archive-stamp-value--wrap' : ''}`} style={{ fontSize: `${pt}pt` }}>
                        {value}
                      </span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
