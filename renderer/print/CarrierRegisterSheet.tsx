import { formatCarrierMarking, type CarrierRecord } from '@shared/domain/carrier';
import { PrintDocument } from './PrintDocument';
import { CarrierTableHead, PrintCopyNumber, localDate, quantityText, type CarrierColumn } from './carrier-print-parts';

// 涉密载体登记表: the register (DOMAIN.md §4) on A4 landscape, one row per carrier, the header
// row repeated on every page and rows never split. 登记日期 is the day the record was made
// (createdAt); 来文字号 the 文号 of the document it holds (carried over from its 收文, or typed at 登记). Earlier 密级 markings print struck through
// before the current one, as the carrier itself shows them after 降密/解密.

export interface CarrierRegisterSheetProps {
  carriers: readonly CarrierRecord[];
  /** The office's name: the heading reads "<unitName>涉密载体登记表". */
  unitName: string;
  /** The filter that produced the rows, e.g. "状态：在库 保管人：张三". */
  filterText?: string;
  /** This print's own 份号 (a print of the register is a copy of classified data). */
  printCopyNumber: string;
  /** Printed diagonally on every page (watermarkText). */
  watermark?: string;
}

/**
 * Fourteen columns at 9pt (.ws-carrier-table--dense), designed in mm for a 261 mm text block and
 * printed as shares of whatever the text block is (CarrierTableHead). 编号, 登记日期 and a 收文
 * number in 来源 never wrap (their cells are wide enough for 载〔2026〕10000 and 2026-11-23 with
 * room to spare); 名称, 来文字号, 存放位置 and 备注 wrap inside their cells.
 */
export const CARRIER_REGISTER_COLUMNS: readonly CarrierColumn[] = [
  { label: '序号', mm: 9 },
  { label: '编号', mm: 27 },
  { label: '登记日期', mm: 19 },
  { label: '名称', mm: 35 },
  { label: '来文字号', mm: 22 },
  { label: '载体类型', mm: 15 },
  { label: '密级', mm: 19 },
  { label: '份号', mm: 13 },
  { label: '数量/页数', mm: 16 },
  { label: '来源', mm: 25 },
  { label: '保管人', mm: 13 },
  { label: '存放位置', mm: 18 },
  { label: '状态', mm: 11 },
  { label: '备注', mm: 19 },
];
const COLUMNS = CARRIER_REGISTER_COLUMNS;

export function carrierSourceText(record: Pick<CarrierRecord, 'source'>): string {
  const s = record.source;
  return s.kind === '收文' ? `收文 ${s.incomingSerial}` : s.kind === '外单位' ? `外单位移交（${s.unit}）` : `自制（${s.unit}）`;
}

/** 来源 for the table: a 收文 number is never split across lines. */
function SourceText({ record }: { record: CarrierRecord }) {
  if (record.source.kind !== '收文') return <>{carrierSourceText(record)}</>;
  return (
    <>
      收文 <span className="ws-carrier-nowrap">{record.source.incomingSerial}</span>
    </>
  );
}

/** 备注: where a carrier that is not on the shelf went, and whether it is a copy. */
export function carrierRemarkText(record: CarrierRecord): string {
  const notes: string[] = [];
  if (record.state === '借出' && record.loan) notes.push(`借给${record.loan.borrower.name}，应还${record.loan.dueDate}`);
  if (record.state === '已销毁' && record.destruction) notes.push(`${localDate(record.destruction.at)} 销毁`);
  if (record.state === '已移交' && record.handover) notes.push(`${record.handover.kind}至${record.handover.receiver}`);
  if (record.copyOf) notes.push('复制件');
  // Received from another unit: its number there, as the 移交清单 that came with it names it.
  if (record.origin) notes.push(`原编号${record.origin.serial}`);
  return notes.join('；');
}

/** The 密级 cell: earlier markings struck through (oldest first), then the one in force. */
export function MarkingCell({ record }: { record: CarrierRecord }) {
  const { current, previous } = formatCarrierMarking(record);
  return (
    <>
      {previous.map((p, i) => (
        <span key={i}>
          <s className="ws-carrier-struck">{p}</s>{' '}
        </span>
      ))}
      <span>{current}</span>
    </>
  );
}

/** 涉密载体登记表 (A4 landscape) for the carriers of the current filter. */
export function CarrierRegisterSheet({ carriers, unitName, filterText, printCopyNumber, watermark }: CarrierRegisterSheetProps) {
  const heading = `${unitName}涉密载体登记表`;
  return (
    <PrintDocument orientation="landscape" watermark={watermark} title={heading}>
      <PrintCopyNumber value={printCopyNumber} />
      <h1 className="ws-register-title">{heading}</h1>
      <div className="ws-register-filter">
        <span>{filterText}</span>
        <span>共 {carriers.length} 件</span>
      </div>
      <table className="ws-register-table ws-carrier-table ws-carrier-table--dense">
        <CarrierTableHead columns={COLUMNS} proportional />
        <tbody>
          {carriers.length === 0 ? (
            <tr>
              <td colSpan={COLUMNS.length} className="ws-register-empty">
                无符合条件的涉密载体
              </td>
            </tr>
          ) : (
            carriers.map((c, i) => (
              <tr key={c.id}>
                <td className="ws-c">{i + 1}</td>
                <td className="ws-carrier-nowrap">{c.serial}</td>
                <td className="ws-c ws-carrier-nowrap">{localDate(c.createdAt)}</td>
                <td>{c.name}</td>
                <td>{c.docNumber ?? ''}</td>
                <td className="ws-c">{c.carrierType}</td>
                <td className="ws-c">
                  <MarkingCell record={c} />
                </td>
                <td className="ws-c">{c.copyNumber}</td>
                <td className="ws-c">{quantityText(c)}</td>
                <td>
                  <SourceText record={c} />
                </td>
                <td className="ws-c">{c.custodian.name}</td>
                <td>{c.location}</td>
                <td className="ws-c">{c.state}</td>
                <td>{carrierRemarkText(c)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </PrintDocument>
  );
}
