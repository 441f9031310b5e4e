import type { IncomingRecord } from '@shared/domain/incoming-types';
import type { SlipLayout } from '@shared/domain/slip-layout';
import { IncomingSlip } from './IncomingSlip';
import { PrintSurfaceContext } from './PrintDocument';

// The live preview of 设置 → 打印: the real 收文处理笺 with a made-up record, scaled into the page.
// No record of the office is read: the layout is what is being looked at.

/** A 收文 as a slip usually carries it: two-line 来文单位 and 标题, 拟办 and 批示 recorded, the rest to write by hand. */
export function sampleIncomingRecord(): IncomingRecord {
  return {
    id: 'sample',
    year: 2026,
    seq: 1,
    serial: '收〔2026〕0001',
    state: '承办中',
    receivedDate: '2026-11-23',
    fromUnit: '某某省人民政府办公厅',
    docNumber: '某政办发〔2026〕15号',
    title: '关于做好2026年度安全生产大检查工作的通知（示例）',
    docType: '通知',
    classification: '非密',
    copies: 1,
    pages: 4,
    urgency: '普通',
    signedBy: '王秘书',
    handling: '办件',
    duplicateKey: 'sample',
    namedUserIds: [],
    history: [],
    reminders: [],
    createdAt: '2026-11-23T02:00:00.000Z',
    updatedAt: '2026-11-23T02:00:00.000Z',
    proposal: { text: '拟请李局长阅示。', at: '2026-11-23T02:10:00.000Z', byName: '王秘书' },
    instruction: { leader: '李局长', text: '同意。', at: '2026-11-23T03:00:00.000Z', oral: false, recordedBy: '王秘书' },
    circulation: [],
  };
}

export function SlipPreview({ layout, unitName, scale }: { layout: SlipLayout; unitName: string; scale: number }) {
  return (
    <PrintSurfaceContext value={{ kind: 'inline', scale }}>
      <IncomingSlip record={sampleIncomingRecord()} unitName={unitName} layout={layout} />
    </PrintSurfaceContext>
  );
}
