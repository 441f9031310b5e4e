import { lazy } from 'react';
import { useParams } from 'react-router';
import { isClassified } from '@shared/domain/enums';
import { getIncoming } from '../../db/repositories/incoming';
import { getUnitInfo } from '../../db/repositories/settings';
import { getSlipLayout } from '../../db/repositories/slip-layout';
import { nothingToPrint, PrintPage } from '../../print/PrintPage';

// The print module (with the bundled print font) loads only when something is printed.
const IncomingSlip = lazy(() => import('../../print/IncomingSlip').then((m) => ({ default: m.IncomingSlip })));

/** 收文处理笺 preview; 打印 and 导出PDF are logged, and classified slips carry the watermark. */
export function SlipPrintPage() {
  const { id = '' } = useParams();
  return (
    <PrintPage
      deps={[id]}
      load={async (db, actor) => {
        const view = await getIncoming(db, actor, id);
        if (!view || !view.canSeeContent) return nothingToPrint('无法打印：没有这件收文，或您不在其知悉范围内');
        // The office's layout (设置 → 打印): title, order and heights of the boxes, its own boxes.
        return { record: view.record, unitName: (await getUnitInfo(db))?.name ?? '', layout: await getSlipLayout(db) };
      }}
      name={({ record }) => `收文处理笺-${record.serial}`}
      back={({ record }) => `/incoming/${record.id}`}
      classified={({ record }) => isClassified(record.classification)}
      output={({ record }, how) => ({ ...how, document: '收文处理笺', records: [record] })}
    >
      {({ record, unitName, layout }, { watermark }) => <IncomingSlip record={record} unitName={unitName} layout={layout} {...(watermark ? { watermark } : {})} />}
    </PrintPage>
  );
}
