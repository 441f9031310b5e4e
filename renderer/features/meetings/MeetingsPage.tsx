import { Route, Routes } from 'react-router';
import { can } from '@shared/domain/permissions';
import { Forbidden } from '../../ui/Forbidden';
import { useActor } from '../../ui/session';
import { MeetingDetail } from './MeetingDetail';
import { MeetingForm } from './MeetingForm';
import { MeetingList } from './MeetingList';
import { MeetingPrintPage } from './MeetingPrintPage';
import { MinutesEditor } from './MinutesEditor';

/** 会议纪要: meetings, their 签到, the minutes (write, 签发, 更正) and their prints. */
export function MeetingsPage() {
  const actor = useActor();
  // 查阅 rights are checked once, by the route guard, with the menu entry's own permission (app/AppLayout).
  const manager = can(actor, 'meetings.manage');
  const only = (el: React.ReactNode) => (manager ? el : <Forbidden />);
  return (
    <Routes>
      <Route index element={<MeetingList />} />
      <Route path="new" element={only(<MeetingForm />)} />
      <Route path=":id" element={<MeetingDetail />} />
      <Route path=":id/edit" element={only(<MeetingForm />)} />
      <Route path=":id/minutes" element={manager || can(actor, 'minutes.issue') ? <MinutesEditor /> : <Forbidden />} />
      <Route path=":id/print/signin" element={only(<MeetingPrintPage what="signin" />)} />
      <Route path=":id/print/minutes" element={<MeetingPrintPage what="minutes" />} />
    </Routes>
  );
}
