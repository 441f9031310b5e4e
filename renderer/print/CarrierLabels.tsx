import { carrierLabelCode } from '@shared/domain/carrier-label';
import type { CarrierRecord } from '@shared/domain/carrier';
import QRCode from 'qrcode';
import { PrintDocument } from './PrintDocument';
import { PrintCopyNumber, currentMarkingText } from './carrier-print-parts';

// QR labels for 涉密载体, cut out along the dashed borders and stuck on each item. A label travels
// with the item wherever it goes, so it carries only what identifies it (编号, 密级, 份号 and the
// code), never its 名称. The code is ASCII (carrier-label.ts) because a USB scanner types ASCII
// reliably; it is printed in plain text too, for a person to type when a label will not scan.
// The QR is inline SVG built synchronously: the print job prints what is mounted and does not
// wait for images, and a vector symbol stays sharp at any printer resolution.

export interface CarrierLabelsProps {
  carriers: readonly CarrierRecord[];
  /** This print's own 份号, shown at the top right of the first page when given. */
  printCopyNumber?: string;
}

/** A4 portrait text block is 156×225 mm: 2 columns × 7 rows of 77×30 mm labels leave room for the 打印份号 line. */
export const CARRIER_LABEL_COLUMNS = 2;
export const CARRIER_LABEL_ROWS = 7;
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

function CarrierLabel({ carrier }: { carrier: CarrierRecord }) {
  const code = carrierLabelCode(carrier.serial);
  return (
    <div className="ws-carrier-label" data-testid="carrier-label">
      {code ? <QrSvg code={code} sizeMm={26} /> : <div className="ws-carrier-qr-missing">编号格式不符，无法生成二维码</div>}
      <div className="ws-carrier-label-text">
        <div>编号：{carrier.serial}</div>
        <div className="ws-carrier-label-mark">密级：{currentMarkingText(carrier)}</div>
        <div>份号：{carrier.copyNumber}</div>
        {code && <div className="ws-carrier-label-code">{code}</div>}
      </div>
    </div>
  );
}

/** Sheets of QR labels (A4 portrait), 14 to a page, never split across pages. */
export function CarrierLabels({ carriers, printCopyNumber }: CarrierLabelsProps) {
  const pages: CarrierRecord[][] = [];
  for (let i = 0; i < carriers.length; i += CARRIER_LABELS_PER_PAGE) pages.push(carriers.slice(i, i + CARRIER_LABELS_PER_PAGE));
  return (
    <PrintDocument orientation="portrait" title="涉密载体标签">
      {printCopyNumber && <PrintCopyNumber value={printCopyNumber} />}
      {pages.map((page, p) => (
        // One grid per page, ended by a page break, so a row of labels never straddles two sheets.
        <div key={p} className="ws-carrier-labels-page">
          {page.map((c) => (
            <CarrierLabel key={c.id} carrier={c} />
          ))}
        </div>
      ))}
    </PrintDocument>
  );
}
