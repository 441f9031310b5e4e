import { Route, Routes } from 'react-router';
import { can } from '@shared/domain/permissions';
import { Forbidden } from '../../ui/Forbidden';
import { useActor } from '../../ui/session';
import { ReminderPrintPage } from './ReminderPrintPage';
import { ReportPage } from './ReportPage';
import { ReportPrintPage } from './ReportPrintPage';
import { TaskDetail } from './TaskDetail';
import { TaskForm } from './TaskForm';
import { TaskList } from './TaskList';

/** 督办事项: the list (table or board), a 口头交办 entered by hand, one task's page, the 催办单 and the 督办通报. */
export function SupervisionPage() {
  const actor = useActor();
  // 查阅 rights are checked once, by the route guard, with the menu entry's own permission (app/AppLayout).
  const manager = can(actor, 'supervision.manage');
  const only = (el: React.ReactNode) => (manager ? el : <Forbidden />);
  return (
    <Routes>
      <Route index element={<TaskList />} />
      <Route path="new" element={only(<TaskForm />)} />
      <Route path="report" element={<ReportPage />} />
      <Route path="report/print" element={<ReportPrintPage />} />
      <Route path=":id" element={<TaskDetail />} />
      <Route path=":id/print" element={only(<ReminderPrintPage />)} />
    </Routes>
  );
}
