import { Col, Row } from 'antd';
import { todayIso } from '@shared/domain/dates';
import { useDb } from '../../db/DbContext';
import { useLiveQuery } from '../../db/live';
import { myWorkbench } from '../../db/repositories/workbench';
import { useActor } from '../../ui/session';
import { WorkList } from './WorkList';

/** 工作台 of a leader or a 科室 user: 待我阅, 待我办, 我的督办, overdue first; only their own items. */
export function MyWorkCards() {
  const db = useDb();
  const actor = useActor();
  const today = todayIso();
  const w = useLiveQuery(() => myWorkbench(db, actor, today), [db, actor.id, today]);
  return (
    <Row gutter={16} style={{ marginTop: 16 }}>
      <Col span={8}>
        <WorkList title="待我阅" rows={w?.toRead} empty="没有待阅的文件。" />
      </Col>
      <Col span={8}>
        <WorkList title="待我办" rows={w?.toHandle} empty="没有交给您或本机构承办的文件。" />
      </Col>
      <Col span={8}>
        <WorkList title="我的督办" rows={w?.myTasks} empty="没有您或本机构负责的督办事项。" />
      </Col>
    </Row>
  );
}
