import type { LabelOffset, LabelSheetId } from '@shared/domain/carrier-label';
import type { CarrierRecord, InventorySession } from '@shared/domain/carrier-types';
import { CarrierHandoverForm, CarrierLabels, CarrierLoanSheet, CarrierRegisterSheet, DestructionList, InventoryReport } from '../../print/index';

// The carrier print layouts behind one switch, so the print module (and its bundled font) loads
// only when something is printed: CarrierPrintPage imports this file lazily.

export type CarrierPrintDocProps =
  | { kind: '涉密载体登记表'; carriers: CarrierRecord[]; filterText: string }
  | { kind: '借阅登记表'; carriers: CarrierRecord[] }
  | { kind: '销毁清单'; carriers: CarrierRecord[] }
  | { kind: '二维码标签'; carriers: CarrierRecord[] }
  | { kind: '移交单'; carriers: CarrierRecord[] }
  | { kind: '清点报告'; carriers: CarrierRecord[]; session: InventorySession };

export default function CarrierPrintDoc(props: CarrierPrintDocProps & { unitName: string; printCopyNumber: string; watermark: string; labelSheet?: LabelSheetId; labelOffset?: LabelOffset }) {
  const { unitName, printCopyNumber, watermark } = props;
  const common = { unitName, printCopyNumber, watermark };
  switch (props.kind) {
    case '涉密载体登记表':
      return <CarrierRegisterSheet carriers={props.carriers} filterText={props.filterText} {...common} />;
    case '借阅登记表':
      return <CarrierLoanSheet carriers={props.carriers} {...common} />;
    case '销毁清单':
      return <DestructionList carriers={props.carriers} {...common} />;
    case '二维码标签':
      return <CarrierLabels carriers={props.carriers} printCopyNumber={printCopyNumber} {...(props.labelSheet ? { sheet: props.labelSheet } : {})} {...(props.labelOffset ? { offset: props.labelOffset } : {})} />;
    case '移交单':
      return props.carriers[0] ? <CarrierHandoverForm carrier={props.carriers[0]} {...common} /> : null;
    case '清点报告':
      return <InventoryReport session={props.session} carriers={new Map(props.carriers.map((c) => [c.id, c]))} {...common} />;
  }
}
