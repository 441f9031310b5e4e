import type { CarrierLoan, CarrierRecord } from '@shared/domain/carrier';
import { PrintDocument } from './PrintDocument';
import { CarrierTableHead, PrintCopyNumber, currentMarkingText, localDateTime, type CarrierColumn } from './carrier-print-parts';

// 涉密载体借阅登记表 (DOMAIN.md §4 借阅): every loan of the given carriers, finished ones and those
// still out, in the order they were lent, on A4 landscape. The last two columns stay blank: the
// borrower signs on taking the item, the 保密员 on taking it back.

export interface CarrierLoanSheetProps {
  carriers: readonly CarrierRecord[];
  /** The heading reads "<unitName>涉密载体借阅登记表". */
  unitName: string;
  /** This print's own 份号. */
  printCopyNumber: string;
  watermark?: string;
}

/**
 * Widths in mm designed for a 261 mm text block at 10.5pt and printed as shares of the real one
 * (CarrierTableHead): 编号 breaks after its 〕, a time after its date; 名称, 借阅事由 and 批准人 wrap.
 */
const COLUMNS: readonly CarrierColumn[] = [
  { label: '序号', mm: 8 },
  { label: '编号', mm: 24 },
  { label: '名称', mm: 31 },
  { label: '密级', mm: 22 },
  { label: '份号', mm: 16 },
  { label: '借阅人', mm: 14 },
  { label: '借阅事由', mm: 31 },
  { label: '批准人', mm: 20 },
  { label: '借出时间', mm: 21 },
  { label: '应还日期', mm: 21 },
  { label: '归还时间', mm: 21 },
  { label: '借阅人签字', mm: 16 },
  { label: '归还签收', mm: 16 },
];

/** A local time that wraps only between its date and its time, never inside the date. */
function TimeCell({ instant }: { instant: string | undefined }) {
  const text = localDateTime(instant);
  const space = text.indexOf(' ');
  if (space < 0) return <td className="ws-c">{text}</td>;
  return (
    <td className="ws-c">
      <span className="ws-carrier-nowrap">{text.slice(0, space)}</span> <span className="ws-carrier-nowrap">{text.slice(space + 1)}</span>
    </td>
  );
}

export interface LoanSheetRow {
  carrier: CarrierRecord;
  loan: CarrierLoan;
}

/** Every loan of `carriers` (finished, then the one still out), oldest first across carriers. */
export function carrierLoanRows(carriers: readonly CarrierRecord[]): LoanSheetRow[] {
  const rows: LoanSheetRow[] = [];
  for (const carrier of carriers) {
    for (const loan of carrier.loans) rows.push({ carrier, loan });
    if (carrier.loan) rows.push({ carrier, loan: carrier.loan });
  }
  // ISO instants (toISOString, all UTC) order as plain text; 编号 breaks a tie so the order is stable.
  const byText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return rows.sort((a, b) => byText(a.loan.lentAt, b.loan.lentAt) || byText(a.carrier.serial, b.carrier.serial));
}

/** 批准人, and who let a borrower outside the 知悉范围 have it. */
export function loanApproverText(loan: CarrierLoan): string {
  return loan.outsideScopeApprovalBy ? `${loan.approver.name}（范围外，${loan.outsideScopeApprovalBy.name}批准）` : loan.approver.name;
}

/** 涉密载体借阅登记表 (A4 landscape). */
export function CarrierLoanSheet({ carriers, unitName, printCopyNumber, watermark }: CarrierLoanSheetProps) {
  const heading = `${unitName}涉密载体借阅登记表`;
  const rows = carrierLoanRows(carriers);
  return (
    <PrintDocument orientation="landscape" watermark={watermark} title={heading}>
      <PrintCopyNumber value={printCopyNumber} />
      <h1 className="ws-register-title">{heading}</h1>
      <div className="ws-register-filter">
        <span />
        <span>共 {rows.length} 次借阅</span>
      </div>
      <table className="ws-register-table ws-carrier-table">
        <CarrierTableHead columns={COLUMNS} proportional />
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={COLUMNS.length} className="ws-register-empty">
                无借阅记录
              </td>
            </tr>
          ) : (
            rows.map(({ carrier, loan }, i) => (
              <tr key={`${carrier.id}-${loan.lentAt}`}>
                <td className="ws-c">{i + 1}</td>
                <td>{carrier.serial}</td>
                <td>{carrier.name}</td>
                <td className="ws-c">{currentMarkingText(carrier)}</td>
                <td className="ws-c">{carrier.copyNumber}</td>
                <td className="ws-c">{loan.borrower.name}</td>
                <td>{loan.purpose}</td>
                <td>{loanApproverText(loan)}</td>
                <TimeCell instant={loan.lentAt} />
                <td className="ws-c">{loan.dueDate}</td>
                <TimeCell instant={loan.returnedAt} />
                {/* Left blank for handwriting; the class gives the row room to sign in. */}
                <td className="ws-carrier-sign-cell" />
                <td className="ws-carrier-sign-cell" />
              </tr>
            ))
          )}
        </tbody>
      </table>
    </PrintDocument>
  );
}
