import type { CarrierRecord } from '@shared/domain/carrier';
import { PrintDocument } from './PrintDocument';
import { CarrierTableHead, PrintCopyNumber, SignLine, SP, currentMarkingText, quantityText, type CarrierColumn } from './carrier-print-parts';
import { paperDayOf } from './print-format';

// 涉密载体移交单 / 清退单 (DOMAIN.md §4 移交/清退): the paper that goes with the item and comes back
// signed by the receiver. Until it is back, the register only says where the item was sent.

export interface CarrierHandoverFormProps {
  /** A carrier that was handed over (state 已移交, with `handover`). */
  carrier: CarrierRecord;
  /** The handing-over office (移交方). */
  unitName: string;
  printCopyNumber: string;
  watermark?: string;
}

/** Widths in mm of the 156 mm portrait text block at 12pt (a form, read closely), printed as shares of it; 名称 wraps. */
const COLUMNS: readonly CarrierColumn[] = [
  { label: '编号', mm: 24 },
  { label: '名称', mm: 48 },
  { label: '载体类型', mm: 20 },
  { label: '密级', mm: 24 },
  { label: '份号', mm: 18 },
  { label: '数量/页数', mm: 22 },
];

/** 涉密载体移交单 or 清退单 for one carrier (A4 portrait). */
export function CarrierHandoverForm({ carrier, unitName, printCopyNumber, watermark }: CarrierHandoverFormProps) {
  const handover = carrier.handover;
  // A carrier without a handover has not been handed over: the form is still printable (blank
  // receiver) rather than crashing, and reads 移交单.
  const kind = handover?.kind ?? '移交';
  const heading = `涉密载体${kind}单`;
  return (
    <PrintDocument orientation="portrait" watermark={watermark} title={`${heading} ${carrier.serial}`}>
      <PrintCopyNumber value={printCopyNumber} />
      <h1 className="ws-carrier-form-title">{heading}</h1>
      <table className="ws-register-table ws-carrier-table ws-carrier-table--form" aria-label="载体">
        <CarrierTableHead columns={COLUMNS} proportional />
        <tbody>
          <tr>
            <td>{carrier.serial}</td>
            <td>{carrier.name}</td>
            <td className="ws-c">{carrier.carrierType}</td>
            <td className="ws-c">{currentMarkingText(carrier)}</td>
            <td className="ws-c">{carrier.copyNumber}</td>
            <td className="ws-c">{quantityText(carrier)}</td>
          </tr>
        </tbody>
      </table>
      <table className="ws-carrier-form" aria-label={`${kind}情况`}>
        <tbody>
          <tr>
            <th scope="row">移交方</th>
            <td>
              {unitName}
              {handover && `${SP}经办人：${handover.byName}`}
            </td>
          </tr>
          <tr>
            <th scope="row">接收方</th>
            <td>{handover ? `${handover.receiver}（${handover.receiverKind}）` : ''}</td>
          </tr>
          <tr>
            <th scope="row">{kind}日期</th>
            <td>{paperDayOf(handover?.at)}</td>
          </tr>
        </tbody>
      </table>
      <section className="ws-carrier-signs ws-carrier-signs--form" aria-label="签字">
        <SignLine role="移交人" />
        <SignLine role="接收人" />
      </section>
    </PrintDocument>
  );
}
