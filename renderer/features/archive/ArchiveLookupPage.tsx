import { Route, Routes } from 'react-router';
import { can } from '@shared/domain/permissions';
import { Forbidden } from '../../ui/Forbidden';
import { useActor } from '../../ui/session';
import { ArchiveEntryPage } from './ArchiveEntryPage';
import { ArchiveList } from './ArchiveList';
import { ArchivePrintPage } from './ArchivePrintPage';

/**
 * 档案查阅 (issue #14): find a filed 件 by 档号, 题名, 年度 or 机构, open it read-only, print it.
 * The menu entry and the route guard share one permission (the nav entry's `visible`); printing
 * needs 打印报表 rights besides.
 */
export function ArchiveLookupPage() {
  const actor = useActor();
  return (
    <Routes>
      <Route index element={<ArchiveList />} />
      <Route path=":id" element={<ArchiveEntryPage />} />
      <Route path=":id/print" element={can(actor, 'reports.print') ? <ArchivePrintPage /> : <Forbidden />} />
    </Routes>
  );
}
