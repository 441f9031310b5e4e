import {
  carrierLabelCode,
  DEFAULT_LABEL_SHEET,
  LABEL_SHEETS,
  labelCell,
  labelsPerSheet,
  NO_OFFSET,
  type LabelOffset,
  type LabelSheet,
  type LabelSheetId,
} from '@shared/domain/carrier-label';
import type { CarrierRecord } from '@shared/domain/carrier';
import QRCode from 'qrcode';
import { PrintDocument } from './PrintDocument';
import type { CSSProperties } from 'react';
import { COPY_NUMBER_PENDING, UnnumberedNotice, currentMarkingText } from './carrier-print-parts';

// QR labels for 涉密载体, printed on a die-cut label sheet (A4 3×8, 4×10) or on plain paper and cut
// out along the dashed borders (2×7), and stuck on each item. A label travels
// with the item wherever it goes, so it carries only what identifies it (编号, 密级, 份号 and the
// code), never its 名称. The code is ASCII (carrier-label.ts) because a USB scanner types ASCII
// reliably; it is printed in plain text too, for a person to type when a label will not scan.
// The QR is inline SVG built synchronously: the print job prints what is mounted and does not
// wait for images, and a vector symbol stays sharp at any printer resolution.

export interface CarrierLabelsProps {
  carriers: readonly CarrierRecord[];
  /**
   * This print's own 份号: at the top right of the first page on plain paper (a die-cut sheet has
   * no room for it: the number is in the output log). '' = not taken yet (the preview): paper
   * made from that state carries only the notice. Left out: no number at all.
   */
  printCopyNumber?: string;
  /** The label sheet loaded in the printer; default plain paper 2×7. */
  sheet?: LabelSheetId;
  /** The printer profile's offsets: everything on the page moves by them. */
  offset?: LabelOffset;
}

/** Plain A4 paper: 2 columns × 7 rows of 77×30 mm labels inside the text block, below the 打印份号 line. */
export const CARRIER_LABEL_COLUMNS = LABEL_SHEETS[DEFAULT_LABEL_SHEET].columns;
export const CARRIER_LABEL_ROWS = LABEL_SHEETS[DEFAULT_LABEL_SHEET].rows;
export const CARRIER_LABELS_PER_PAGE = CARRIER_LABEL_COLUMNS * CARRIER_LABEL_ROWS;

/** White modules around the symbol that scanners need to find it (ISO/IEC 18004: 4). */
export const QR_QUIET_ZONE = 4;

/** The QR symbol of `text` (error correction M) as rows of modules, true = dark; no quiet zone. */
export function qrModules(text: string): boolean[][] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const rows: boolean[][] = [];
  for (let r = 0; r < modules.size; r++) {
    const row: boolean[] = [];
    for (let c = 0; c < modules.size; c++) row.push(modules.get(r, c) !== 0);
    rows.push(row);
  }
  return rows;
}

/**
 * One SVG path for the dark modules, offset by the quiet zone: each horizontal run of dark modules
 * is one rectangle "M x y h n v1 h -n z", so the path stays short and edges meet without seams.
 */
export function qrPathData(modules: readonly (readonly boolean[])[], quietZone: number = QR_QUIET_ZONE): string {
  const parts: string[] = [];
  modules.forEach((row, r) => {
    let c = 0;
    while (c < row.length) {
      if (!row[c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < row.length && row[c]) c++;
      parts.push(`M${start + quietZone} ${r + quietZone}h${c - start}v1h-${c - start}z`);
    }
  });
  return parts.join('');
}

/** The QR of `code` as inline SVG; the viewBox includes the quiet zone, left as bare paper. */
export function QrSvg({ code, sizeMm }: { code: string; sizeMm: number }) {
  const modules = qrModules(code);
  const side = modules.length + 2 * QR_QUIET_ZONE;
  return (
    <svg
      className="ws-carrier-qr"
      role="img"
      aria-label={code}
      data-code={code}
      viewBox={`0 0 ${side} ${side}`}
      width={`${sizeMm}mm`}
      height={`${sizeMm}mm`}
      shapeRendering="crispEdges"
    >
      <path d={qrPathData(modules)} fill="#000" />
    </svg>
  );
}

const mm = (n: number) => `${Number(n.toFixed(3))}mm`;

/** Characters of the label code that fit its line at the sheet's codePt (measured: 'ZT2026-ZZZ-100' on 4×10). */
const CODE_FIT_CHARS = 14;

/**
 * The code's font size: the sheet's, or smaller for a code longer than fits (a PC's 本机编号前缀,
 * issue #20: 'ZT2026-ZZZ-10000'), so the code a person types when a label will not scan is never
 * cut short with "…".
 */
function codeFontPt(sheet: LabelSheet, code: string): number {
  return Number((sheet.codePt * Math.min(1, CODE_FIT_CHARS / code.length)).toFixed(2));
}

function CarrierLabel({ carrier, sheet, cell }: { carrier: CarrierRecord; sheet: LabelSheet; cell: { x0: number; y0: number } }) {
  const code = carrierLabelCode(carrier.serial);
  const style: CSSProperties = {
    left: mm(cell.x0),
    top: mm(cell.y0),
    width: mm(sheet.widthMm),
    height: mm(sheet.heightMm),
    padding: mm(sheet.paddingMm),
    fontSize: `${sheet.textPt}pt`,
  };
  const named = (name: string, value: string) => (sheet.fieldNames ? `${name}：${value}` : value);
  return (
    <div className={`ws-carrier-label${sheet.cutLines ? ' ws-carrier-label--cut' : ''}`} data-testid="carrier-label" style={style}>
      {code ? (
        <QrSvg code={code} sizeMm={sheet.qrMm} />
      ) : (
        <div className="ws-carrier-qr-missing" style={{ width: mm(sheet.qrMm) }}>
          编号格式不符，无法生成二维码
        </div>
      )}
      {/* Each line stays on one line; one too long for the label ends in "…" (only a 解密条件 can be). */}
      <div className="ws-carrier-label-text">
        <div className="ws-carrier-label-line">{named('编号', carrier.serial)}</div>
        <div className="ws-carrier-label-line ws-carrier-label-mark">{named('密级', currentMarkingText(carrier))}</div>
        <div className="ws-carrier-label-line">份号：{carrier.copyNumber}</div>
        {code && (
          <div className="ws-carrier-label-line ws-carrier-label-code" style={{ fontSize: `${codeFontPt(sheet, code)}pt` }}>
            {code}
          </div>
        )}
      </div>
    </div>
  );
}

/**
 * Sheets of QR labels (A4 portrait, the page's own margins 0): each label placed at its cell of
 * the chosen sheet, moved by the printer's offsets; one page per sheet, never split.
 */
export function CarrierLabels({ carriers, printCopyNumber, sheet: sheetId = DEFAULT_LABEL_SHEET, offset = NO_OFFSET }: CarrierLabelsProps) {
  const sheet = LABEL_SHEETS[sheetId];
  const perPage = labelsPerSheet(sheet);
  const pages: CarrierRecord[][] = [];
  for (let i = 0; i < carriers.length; i += perPage) pages.push(carriers.slice(i, i + perPage));
  // Plain paper: the 打印份号 right-aligned to the text block (right margin 26 mm), above the labels.
  const copyNoStyle: CSSProperties = { position: 'absolute', top: mm(PAGE_TOP_MM + offset.yMm), right: mm(PAGE_RIGHT_MM - offset.xMm), margin: 0 };
  return (
    <PrintDocument orientation="portrait" page="labels" title="涉密载体标签">
      {printCopyNumber === '' && <UnnumberedNotice />}
      {pages.map((page, p) => (
        // One absolutely laid out page per sheet, ended by a page break.
        <div key={p} className="ws-carrier-labels-page" data-sheet={sheet.id}>
          {p === 0 && printCopyNumber !== undefined && sheet.cutLines && (
            <div className="ws-carrier-copyno" style={copyNoStyle}>
              打印份号：{printCopyNumber || COPY_NUMBER_PENDING}
            </div>
          )}
          {page.map((c, i) => (
            <CarrierLabel key={c.id} carrier={c} sheet={sheet} cell={labelCell(sheet, i, offset)} />
          ))}
        </div>
      ))}
    </PrintDocument>
  );
}

/** The plain-paper layout's 打印份号 line sits where the GB/T 9704 text block starts: 37 mm down, 26 mm from the right. */
const PAGE_TOP_MM = 37;
const PAGE_RIGHT_MM = 26;
