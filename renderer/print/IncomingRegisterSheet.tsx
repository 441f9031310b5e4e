import { DEFAULT_REGISTER_COLUMNS, orderedRegisterColumns, registerCellText, type RegisterColumnKey, type RegisterLine } from '@shared/domain/incoming-register';
import { MASK } from '@shared/domain/need-to-know';
import { PrintDocument } from './PrintDocument';
import { REGISTER_COLUMNS_MM, registerFitProblem, registerLayout } from './register-layout';

// 收文登记簿: the filtered register on A4 landscape, in the columns the office chose
// (shared/domain/incoming-register.ts). The header row repeats on every page (a <thead> does that
// in Chromium's print), rows never split across pages when they fit one, the table is exactly as
// wide as the text block (register-layout.ts: numbers and dates on one line, free text wrapping in
// its cell), and rows the reader may not see in full (need to know) print 标题 as 【涉密】 and
// leave every column blank that could reveal content.

/** A line of the register as the print takes it (see RegisterLine). */
export type RegisterSheetRow = RegisterLine;

export interface IncomingRegisterSheetProps {
  rows: readonly RegisterSheetRow[];
  /** The columns to print (the register's order is kept); default DEFAULT_REGISTER_COLUMNS. */
  columns?: readonly RegisterColumnKey[];
  /** e.g. "某单位 2026年 收文登记簿" */
  title: string;
  /** The filter that produced the rows, e.g. "年度：2026 状态：承办中 密级：全部". */
  filterText?: string;
  /** Printed diagonally on every page (watermarkText); give it when any row is classified. */
  watermark?: string;
}

export { MASK as MASKED_TITLE };

const pct = (mm: number) => `${((mm / REGISTER_COLUMNS_MM) * 100).toFixed(4)}%`;

/** 收文登记簿 (A4 landscape) for the rows of the current filter. */
export function IncomingRegisterSheet({ rows, columns = DEFAULT_REGISTER_COLUMNS, title, filterText, watermark }: IncomingRegisterSheetProps) {
  const keys = orderedRegisterColumns(columns);
  const layout = registerLayout(keys, rows);
  return (
    <PrintDocument orientation="landscape" watermark={watermark} title={title}>
      <h1 className="ws-register-title">{title}</h1>
      <div className="ws-register-filter">
        <span>{filterText}</span>
        <span>共 {rows.length} 件</span>
      </div>
      {layout.fits ? (
        <table
          className="ws-register-table ws-incoming-register"
          data-font-pt={layout.fontPt}
          style={{ fontSize: `${layout.fontPt}pt`, ['--ws-register-pad' as string]: `${layout.paddingMm}mm` }}
        >
          <colgroup>
            {layout.columns.map((c) => (
              <col key={c.key} style={{ width: pct(c.mm) }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              {layout.columns.map((c) => (
                <th key={c.key} scope="col">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={layout.columns.length} className="ws-register-empty">
                  无符合条件的收文
                </td>
              </tr>
            ) : (
              rows.map((r, i) => (
                <tr key={`${r.serial}-${i}`}>
                  {layout.columns.map((c) => (
                    <td key={c.key} className={c.wrap ? undefined : 'ws-c ws-nowrap'}>
                      {registerCellText(c.key, r, i)}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      ) : (
        // Never a cut table: the columns are chosen again first.
        <p className="ws-register-unfit" role="alert">
          {registerFitProblem(layout)}
        </p>
      )}
    </PrintDocument>
  );
}
