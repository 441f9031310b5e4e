import { lazy } from 'react';
import { useParams } from 'react-router';
import { todayIso } from '@shared/domain/dates';
import { loadWorkCalendar } from '../../db/repositories/calendar';
import { getUnitInfo } from '../../db/repositories/settings';
import { getTask } from '../../db/repositories/supervision';
import { nothingToPrint, PrintPage } from '../../print/PrintPage';

// The print module (with the bundled print font) loads only when something is printed.
const ReminderNotice = lazy(() => import('../../print/ReminderNotice').then((m) => ({ default: m.ReminderNotice })));

/** 督办催办单 preview for one task; 打印 and 导出PDF are logged. */
export function ReminderPrintPage() {
  const { id = '' } = useParams();
  return (
    <PrintPage
      deps={[id]}
      load={async (db, actor) => {
        const task = await getTask(db, actor, id);
        if (!task) return nothingToPrint('没有这个督办事项');
        return { task, unitName: (await getUnitInfo(db))?.name ?? '', calendar: await loadWorkCalendar(db) };
      }}
      name={({ task }) => `督办催办单-${task.serial}`}
      back={({ task }) => `/supervision/${task.id}`}
      classified={() => false}
      output={({ task }, how) => ({ ...how, document: '催办单', task })}
    >
      {({ task, unitName, calendar }) => <ReminderNotice task={task} unitName={unitName} today={todayIso()} calendar={calendar} />}
    </PrintPage>
  );
}
