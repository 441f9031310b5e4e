import { PrintDocument } from './PrintDocument';

// A kept scan on paper (issue #17 §2): each page of the file as an image on its own A4 sheet,
// fitted inside a 10 mm margin (a scan is already a page: the GB/T 9704 margins would shrink it
// twice), under one line that names the copy: 密级, the record's number, the file, the 打印份号 of
// a classified copy and the page. The watermark (classified only) is PrintDocument's, on every sheet.

export interface AttachmentPrintPage {
  /** An image URL (object URL of the rendered page, or of the image file itself). */
  url: string;
  width: number;
  height: number;
}

export interface AttachmentPrintSheetProps {
  pages: readonly AttachmentPrintPage[];
  /** e.g. "收〔2026〕0001"; the record's number, never its title. */
  recordNumber: string;
  /** 机密★ etc.; '' for a record that is not classified. */
  classificationMark: string;
  fileName: string;
  /** The 打印份号 of a classified copy ('' until 打印 takes it). */
  copyNumber: string;
  watermark?: string;
}

const MARGIN_MM = 10;
const HEAD_MM = 7;

export function AttachmentPrintSheet({ pages, recordNumber, classificationMark, fileName, copyNumber, watermark }: AttachmentPrintSheetProps) {
  return (
    <PrintDocument page="labels" title={`附件-${fileName}`} {...(watermark ? { watermark } : {})}>
      {pages.map((p, i) => (
        <div
          key={i}
          className="ws-attachment-print-page"
          style={{
            position: 'relative',
            width: '210mm',
            height: '297mm',
            padding: `${MARGIN_MM}mm`,
            overflow: 'hidden',
            breakAfter: i === pages.length - 1 ? 'auto' : 'page',
          }}
        >
          <div
            className="ws-attachment-print-head"
            style={{ height: `${HEAD_MM}mm`, fontSize: '9pt', lineHeight: 1.4, display: 'flex', gap: '4mm', whiteSpace: 'nowrap', overflow: 'hidden' }}
          >
            {classificationMark && <span>{classificationMark}</span>}
            <span>{recordNumber}</span>
            <span style={{ flex: 1, overflow: 'hidden', textOverflow: 'ellipsis' }}>附件：{fileName}</span>
            {classificationMark && <span data-testid="attachment-copy-number">份号 {copyNumber || '（打印时编号）'}</span>}
            <span>
              第 {i + 1} / {pages.length} 页
            </span>
          </div>
          <img
            src={p.url}
            alt={`第 ${i + 1} 页`}
            style={{ display: 'block', width: '100%', height: `calc(100% - ${HEAD_MM}mm)`, objectFit: 'contain', objectPosition: 'top center' }}
          />
        </div>
      ))}
    </PrintDocument>
  );
}
