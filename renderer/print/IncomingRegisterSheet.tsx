import { MASK } from '@shared/domain/need-to-know';
import type { IsoDate } from '@shared/domain/dates';
import { formatClassificationMark, type Classification, type SecrecyTerm, type Urgency } from '@shared/domain/enums';
import type { IncomingState } from '@shared/domain/incoming-types';
import { PrintDocument } from './PrintDocument';

// 收文登记簿: the filtered register on A4 landscape. The header row repeats on every page (a <thead>
// does that in Chromium's print), rows never split across pages, and rows the reader may not see
// in full (need to know) print as 【涉密】 with their number and state only.

export interface RegisterSheetRow {
  /** 收文编号, e.g. 收〔2026〕0001 */
  serial: string;
  receivedDate: IsoDate;
  fromUnit: string;
  docNumber: string;
  title: string;
  classification: Classification;
  /** With it the 密级 column reads 机密★20年; without, the level alone. */
  secrecyTerm?: SecrecyTerm | null;
  urgency: Urgency;
  state: IncomingState;
  /** 办理时限 */
  dueDate?: IsoDate;
  /** 承办单位 */
  hostDeptName?: string;
  /** The reader is outside this record's need to know: 标题 prints as 【涉密】, 来文单位/来文字号 blank. */
  masked: boolean;
}

export interface IncomingRegisterSheetProps {
  rows: readonly RegisterSheetRow[];
  /** e.g. "某单位 2026年 收文登记簿" */
  title: string;
  /** The filter that produced the rows, e.g. "年度：2026 状态：承办中 密级：全部". */
  filterText?: string;
  /** Printed diagonally on every page (watermarkText); give it when any row is classified. */
  watermark?: string;
}

export { MASK as MASKED_TITLE };

/** Column widths in mm of the 267 mm landscape text block, measured for 10.5pt; 标题 takes the rest (~56 mm). */
const COLUMNS: readonly { label: string; mm?: number }[] = [
  { label: '序号', mm: 10 },
  { label: '收文编号', mm: 30 },
  { label: '收文日期', mm: 22 },
  { label: '来文单位', mm: 28 },
  { label: '来文字号', mm: 29 },
  { label: '标题' },
  { label: '密级', mm: 22 },
  { label: '紧急程度', mm: 12 },
  { label: '状态', mm: 14 },
  { label: '办理时限', mm: 22 },
  { label: '承办单位', mm: 22 },
];

function classificationText(row: RegisterSheetRow): string {
  // formatClassificationMark prints nothing for 非密 (a document carries no mark); a register
  // column says so in words.
  return formatClassificationMark({ level: row.classification, term: row.secrecyTerm ?? null }) || row.classification;
}

/** 收文登记簿 (A4 landscape) for the rows of the current filter. */
export function IncomingRegisterSheet({ rows, title, filterText, watermark }: IncomingRegisterSheetProps) {
  return (
    <PrintDocument orientation="landscape" watermark={watermark} title={title}>
      <h1 className="ws-register-title">{title}</h1>
      <div className="ws-register-filter">
        <span>{filterText}</span>
        <span>共 {rows.length} 件</span>
      </div>
      <table className="ws-register-table">
        <colgroup>
          {COLUMNS.map((c) => (
            <col key={c.label} style={c.mm ? { width: `${c.mm}mm` } : undefined} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.label} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={COLUMNS.length} className="ws-register-empty">
                无符合条件的收文
              </td>
            </tr>
          ) : (
            rows.map((r, i) => (
              <tr key={`${r.serial}-${i}`}>
                <td className="ws-c">{i + 1}</td>
                <td>{r.serial}</td>
                <td className="ws-c">{r.receivedDate}</td>
                <td>{r.masked ? '' : r.fromUnit}</td>
                <td>{r.masked ? '' : r.docNumber}</td>
                <td>{r.masked ? MASK : r.title}</td>
                <td className="ws-c">{classificationText(r)}</td>
                <td className="ws-c">{r.urgency}</td>
                <td className="ws-c">{r.state}</td>
                <td className="ws-c">{r.dueDate ?? ''}</td>
                <td>{r.hostDeptName ?? ''}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </PrintDocument>
  );
}
