import { Empty, Spin } from 'antd';
import { useLiveQuery } from '../../db/live';
import { lazy, Suspense, useMemo } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useDb } from '../../db/DbContext';
import { getIncoming, recordIncomingOutput } from '../../db/repositories/incoming';
import { getUnitInfo } from '../../db/repositories/settings';
import { watermarkText } from '../../print/watermark';
import { useActor } from '../../ui/session';
import { isClassified } from '@shared/domain/enums';

// The print module (with the bundled print font) loads only when something is printed.
const PrintPreview = lazy(() => import('../../print/PrintDocument').then((m) => ({ default: m.PrintPreview })));
const IncomingSlip = lazy(() => import('../../print/IncomingSlip').then((m) => ({ default: m.IncomingSlip })));

/** 收文处理笺 preview; 打印 and 导出PDF are logged, and classified slips carry the watermark. */
export function SlipPrintPage() {
  const { id = '' } = useParams();
  const db = useDb();
  const actor = useActor();
  const navigate = useNavigate();
  const data = useLiveQuery(async () => ({ view: await getIncoming(db, actor, id), unit: await getUnitInfo(db) }), [db, actor.id, id]);
  const watermark = useMemo(() => watermarkText(actor, new Date()), [actor]);
  if (!data) return <Spin />;
  if (!data.view || !data.view.canSeeContent) return <Empty description="无法打印：没有这件收文，或您不在其知悉范围内" />;
  const r = data.view.record;
  const classified = isClassified(r.classification);
  return (
    <Suspense fallback={<Spin />}>
      <PrintPreview
        suggestedName={`收文处理笺-${r.serial}.pdf`}
        onClose={() => navigate(`/incoming/${r.id}`)}
        onPrint={async (_mode, print) => {
          const result = await print();
          // Logged once it has left: a cancelled save dialog is not an output.
          if (result.kind !== 'cancelled') await recordIncomingOutput(db, actor, '打印收文处理笺', [r], watermark);
        }}
      >
        <IncomingSlip record={r} unitName={data.unit?.name ?? ''} {...(classified ? { watermark } : {})} />
      </PrintPreview>
    </Suspense>
  );
}
