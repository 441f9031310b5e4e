import { PrintDocument } from './PrintDocument';
import { columnPercents } from './carrier-print-parts';
import { docNumberParts, OUTGOING_REGISTER_COLUMNS, outgoingCellText, type OutgoingRegisterLine } from './outgoing-register-columns';

// 发文登记簿 (DOMAIN.md §10): the filtered 发文 on A4 landscape, one row per 发文, fourteen columns
// at 小五 (outgoing-register-columns.ts, the same as the XLSX). The header row repeats on every page
// (a <thead>), rows move to the next page whole, the table is exactly the text block's width
// (.ws-register-table), and the page number "— N —" sits centred below it (PrintDocument).
// Rows outside the reader's need to know come masked by the caller: printed as they are.

export interface OutgoingRegisterSheetProps {
  rows: readonly OutgoingRegisterLine[];
  /** e.g. "某某县人民政府办公室 2026年 发文登记簿" */
  title: string;
  /** The filter that produced the rows, e.g. "年度：2026 文号：县政办发 状态：全部". */
  filterText?: string;
  /** Printed diagonally on every page (watermarkText); give it when any row is classified. */
  watermark?: string;
}

const COLUMNS = OUTGOING_REGISTER_COLUMNS;
const WIDTHS = columnPercents(COLUMNS);

/** 文号 with its 〔2026〕N号 kept on one line. */
function DocNumber({ value }: { value: string }) {
  const [head, tail] = docNumberParts(value);
  return (
    <>
      {head}
      <span className="ws-nowrap">{tail}</span>
    </>
  );
}

/** 发文登记簿 (A4 landscape) for the rows of the current filter. */
export function OutgoingRegisterSheet({ rows, title, filterText, watermark }: OutgoingRegisterSheetProps) {
  return (
    <PrintDocument orientation="landscape" watermark={watermark} title={title}>
      <h1 className="ws-register-title">{title}</h1>
      <div className="ws-register-filter">
        <span>{filterText}</span>
        <span>共 {rows.length} 件</span>
      </div>
      <table className="ws-register-table ws-outgoing-register">
        <colgroup>
          {COLUMNS.map((c, i) => (
            <col key={c.key} style={{ width: `${WIDTHS[i]!.toFixed(3)}%` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.key} scope="col" data-column={c.key}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={COLUMNS.length} className="ws-register-empty">
                无符合条件的发文
              </td>
            </tr>
          ) : (
            rows.map((r, i) => (
              <tr key={i}>
                {COLUMNS.map((c) => (
                  <td key={c.key} className={c.nowrap ? 'ws-c ws-nowrap' : c.key === 'title' || c.key === 'mainTo' || c.key === 'copyTo' || c.key === 'draftingUnit' || c.key === 'state' ? undefined : 'ws-c'}>
                    {c.key === 'docNumber' ? <DocNumber value={outgoingCellText(c.key, r, i)} /> : outgoingCellText(c.key, r, i)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </PrintDocument>
  );
}
