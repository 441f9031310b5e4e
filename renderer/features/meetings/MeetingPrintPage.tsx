import { lazy } from 'react';
import { useParams } from 'react-router';
import { isClassified } from '@shared/domain/enums';
import { currentMinutes } from '@shared/domain/meeting';
import { getMeeting, getMeetingSettings } from '../../db/repositories/meetings';
import { getUnitInfo } from '../../db/repositories/settings';
import { nothingToPrint, PrintPage } from '../../print/PrintPage';

// The print module (with the bundled print font) loads only when something is printed.
const MinutesDocument = lazy(() => import('../../print/MinutesDocument').then((m) => ({ default: m.MinutesDocument })));
const SignInSheet = lazy(() => import('../../print/SignInSheet').then((m) => ({ default: m.SignInSheet })));

/**
 * 签到表 (before the meeting) or 会议纪要 (draft or issued) preview. Printing and 导出PDF are
 * logged; a classified meeting's paper carries the watermark of who printed it and when.
 */
export function MeetingPrintPage({ what }: { what: 'signin' | 'minutes' }) {
  const { id = '' } = useParams();
  return (
    <PrintPage
      deps={[id, what]}
      load={async (db, actor) => {
        const view = await getMeeting(db, actor, id);
        if (!view || !view.canSeeContent) return nothingToPrint('无法打印：没有这个会议，或您不在其知悉范围内');
        const m = view.record;
        const minutes = currentMinutes(m);
        if (what === 'minutes' && !minutes) return nothingToPrint('尚未编写纪要');
        return { m, minutes, unitName: (await getUnitInfo(db))?.name ?? '', printedBy: (await getMeetingSettings(db)).printedBy ?? '' };
      }}
      name={({ m, minutes }) => (what === 'signin' ? `${m.name}签到表` : [minutes?.title ?? '', m.issued?.number ?? '草稿'].join('-'))}
      back={({ m }) => `/meetings/${m.id}`}
      classified={({ m }) => isClassified(m.classification)}
      output={({ m }, how) => ({ ...how, document: what === 'signin' ? '签到表' : '会议纪要', meetingId: m.id })}
    >
      {({ m, minutes, unitName, printedBy }, { watermark }) =>
        what === 'signin' || !minutes ? (
          <SignInSheet meeting={m} unitName={unitName} {...(watermark ? { watermark } : {})} />
        ) : (
          <MinutesDocument meeting={m} minutes={m.issued ?? minutes} unitName={unitName} printedBy={printedBy} draft={!m.issued} {...(watermark ? { watermark } : {})} />
        )
      }
    </PrintPage>
  );
}
