import { Empty, Spin } from 'antd';
import { useLiveQuery } from '../../db/live';
import { lazy, Suspense } from 'react';
import { useNavigate, useParams } from 'react-router';
import { todayIso } from '@shared/domain/dates';
import { useDb } from '../../db/DbContext';
import { getUnitInfo } from '../../db/repositories/settings';
import { getTask, recordTaskOutput } from '../../db/repositories/supervision';
import { useActor } from '../../ui/session';

// The print module (with the bundled print font) loads only when something is printed.
const PrintPreview = lazy(() => import('../../print/PrintDocument').then((m) => ({ default: m.PrintPreview })));
const ReminderNotice = lazy(() => import('../../print/ReminderNotice').then((m) => ({ default: m.ReminderNotice })));

/** 督办催办单 preview for one task; 打印 and 导出PDF are logged. */
export function ReminderPrintPage() {
  const { id = '' } = useParams();
  const db = useDb();
  const actor = useActor();
  const navigate = useNavigate();
  const data = useLiveQuery(async () => ({ task: await getTask(db, actor, id), unit: await getUnitInfo(db) }), [db, actor.id, id]);
  if (!data) return <Spin />;
  const task = data.task;
  if (!task) return <Empty description="没有这个督办事项" />;
  const today = todayIso();
  return (
    <Suspense fallback={<Spin />}>
      <PrintPreview
        suggestedName={`督办催办单-${task.serial}.pdf`}
        onClose={() => navigate(`/supervision/${task.id}`)}
        onPrint={async (_mode, print) => {
          const result = await print();
          // Logged once it has left: a cancelled save dialog is not an output.
          if (result.kind !== 'cancelled') await recordTaskOutput(db, actor, '打印催办单', `${task.serial} 督办催办单；责任单位：${task.unit}`, task.id);
        }}
      >
        <ReminderNotice task={task} unitName={data.unit?.name ?? ''} today={today} />
      </PrintPreview>
    </Suspense>
  );
}
