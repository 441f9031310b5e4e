import { Empty, Spin } from 'antd';
import { useLiveQuery } from '../../db/live';
import { lazy, Suspense, useState } from 'react';
import { flushSync } from 'react-dom';
import { useNavigate, useParams } from 'react-router';
import { isClassified } from '@shared/domain/enums';
import { currentMinutes } from '@shared/domain/meeting';
import { useDb } from '../../db/DbContext';
import { getMeeting, recordMeetingOutput } from '../../db/repositories/meetings';
import { getUnitInfo } from '../../db/repositories/settings';
import { watermarkText } from '../../print/watermark';
import { useActor } from '../../ui/session';

// The print module (with the bundled print font) loads only when something is printed.
const PrintPreview = lazy(() => import('../../print/PrintDocument').then((m) => ({ default: m.PrintPreview })));
const MinutesDocument = lazy(() => import('../../print/MinutesDocument').then((m) => ({ default: m.MinutesDocument })));
const SignInSheet = lazy(() => import('../../print/SignInSheet').then((m) => ({ default: m.SignInSheet })));

/**
 * 签到表 (before the meeting) or 会议纪要 (draft or issued) preview. Printing and 导出PDF are
 * logged; a classified meeting's paper carries the watermark of who printed it and when.
 */
export function MeetingPrintPage({ what }: { what: 'signin' | 'minutes' }) {
  const { id = '' } = useParams();
  const db = useDb();
  const actor = useActor();
  const navigate = useNavigate();
  const data = useLiveQuery(async () => ({ view: await getMeeting(db, actor, id), unit: await getUnitInfo(db) }), [db, actor.id, id]);
  const [watermark, setWatermark] = useState(() => watermarkText(actor, new Date()));
  if (!data) return <Spin />;
  if (!data.view || !data.view.canSeeContent) return <Empty description="无法打印：没有这个会议，或您不在其知悉范围内" />;
  const m = data.view.record;
  const minutes = currentMinutes(m);
  if (what === 'minutes' && !minutes) return <Empty description="尚未编写纪要" />;
  const classified = isClassified(m.classification);
  const unitName = data.unit?.name ?? '';
  const title = what === 'signin' ? `${m.name}签到表` : [minutes!.title, m.issued?.number ?? '草稿'].join('-');
  return (
    <Suspense fallback={<Spin />}>
      <PrintPreview
        suggestedName={`${title}.pdf`}
        onClose={() => navigate(`/meetings/${m.id}`)}
        onPrint={async (_mode, print) => {
          // The time on the watermark is the time of printing.
          const stamp = watermarkText(actor, new Date());
          flushSync(() => setWatermark(stamp));
          const result = await print();
          // Logged once it has left: a cancelled save dialog is not an output.
          if (result.kind !== 'cancelled') await recordMeetingOutput(db, actor, what === 'signin' ? '打印签到表' : '打印会议纪要', m.id, stamp);
        }}
      >
        {what === 'signin' ? (
          <SignInSheet meeting={m} unitName={unitName} {...(classified ? { watermark } : {})} />
        ) : (
          <MinutesDocument meeting={m} minutes={m.issued ?? minutes!} unitName={unitName} draft={!m.issued} {...(classified ? { watermark } : {})} />
        )}
      </PrintPreview>
    </Suspense>
  );
}
