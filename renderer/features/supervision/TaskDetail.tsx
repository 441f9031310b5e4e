import { Alert, Button, Card, Descriptions, Empty, Space, Table, Typography } from 'antd';
import { useLiveQuery } from '../../db/live';
import { useNavigate, useParams } from 'react-router';
import { todayIso } from '@shared/domain/dates';
import { can } from '@shared/domain/permissions';
import { taskStatus } from '@shared/domain/supervision';
import { lateText } from '@shared/domain/workbench';
import { loadWorkCalendar } from '../../db/repositories/calendar';
import type { TaskProgress, TaskRecord } from '@shared/domain/supervision-types';
import { useDb } from '../../db/DbContext';
import { getTask } from '../../db/repositories/supervision';
import { formatLocalTime } from '../../ui/format-time';
import { useActor } from '../../ui/session';
import { TaskActions } from './TaskActions';
import { SourceLink, TaskStatusTag } from '../../ui/task-labels';
import { CalendarGapNote } from '../../ui/CalendarGapNote';
import { AttachmentsPanel } from '../../ui/AttachmentsPanel';
import { TASKS_REGISTER } from '@shared/domain/registers';

/** One task: what, who, by when, where it came from; its 进展反馈, 办结 and 催办 records. */
export function TaskDetail() {
  const { id = '' } = useParams();
  const db = useDb();
  const actor = useActor();
  const navigate = useNavigate();
  const task = useLiveQuery(() => getTask(db, actor, id).then((t) => t ?? false), [db, actor.id, id]);
  const calendar = useLiveQuery(() => loadWorkCalendar(db), [db]);
  if (task === undefined) return <Card loading />;
  if (task === false) return <Empty description="没有这个督办事项" />;
  const today = todayIso();
  const manager = can(actor, 'supervision.manage');
  const late = taskStatus(task, today) === '已逾期';

  return (
    <Card
      title={
        <Space>
          <span>{task.serial}</span>
          <TaskStatusTag task={task} today={today} calendar={calendar} />
        </Space>
      }
      extra={<Button onClick={() => navigate('/supervision')}>返回列表</Button>}
    >
      {late && calendar && <Alert type="error" showIcon title={`${(lateText(calendar, task.dueDate, today) ?? '').replace(/^逾期/, '已逾期')}（时限 ${task.dueDate}），请催办`} style={{ marginBottom: 16 }} />}
      <Descriptions bordered size="small" column={2}>
        <Descriptions.Item label="督办编号">{task.serial}</Descriptions.Item>
        <Descriptions.Item label="来源">
          <SourceLink source={task.source} />
        </Descriptions.Item>
        <Descriptions.Item label="督办内容" span={2}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{task.content}</span>
        </Descriptions.Item>
        <Descriptions.Item label="责任单位">{task.unit}</Descriptions.Item>
        <Descriptions.Item label="责任人">{task.person}</Descriptions.Item>
        <Descriptions.Item label="时限">
          {task.dueDate}
          {task.state !== '已办结' && task.state !== '已撤销' && <CalendarGapNote calendar={calendar} dates={[task.dueDate]} />}
        </Descriptions.Item>
        <Descriptions.Item label="状态">
          <TaskStatusTag task={task} today={today} calendar={calendar} />
        </Descriptions.Item>
        {task.done && (
          <>
            <Descriptions.Item label="办结日期">{task.done.date}</Descriptions.Item>
            <Descriptions.Item label="办结登记">{`${task.done.byName} ${formatLocalTime(task.done.at)}`}</Descriptions.Item>
            <Descriptions.Item label="办理结果" span={2}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{task.done.result}</span>
            </Descriptions.Item>
          </>
        )}
        {task.withdrawn && (
          <>
            <Descriptions.Item label="撤销登记">{`${task.withdrawn.byName} ${formatLocalTime(task.withdrawn.at)}`}</Descriptions.Item>
            <Descriptions.Item label="撤销理由">
              <span style={{ whiteSpace: 'pre-wrap' }}>{task.withdrawn.reason}</span>
            </Descriptions.Item>
          </>
        )}
        <Descriptions.Item label="登记">{`${task.createdByName} ${formatLocalTime(task.createdAt)}`}</Descriptions.Item>
        <Descriptions.Item label="催办">{task.reminders.length ? `${task.reminders.length} 次，最近 ${formatLocalTime(task.reminders.at(-1)!.at)}` : '无'}</Descriptions.Item>
      </Descriptions>

      {manager && (
        <div style={{ marginTop: 16 }}>
          <TaskActions task={task} />
        </div>
      )}

      <Typography.Title level={5} style={{ marginTop: 24 }}>
        进展反馈
      </Typography.Title>
      <Table<TaskProgress & { i: number }>
        size="small"
        aria-label="进展反馈"
        pagination={false}
        rowKey="i"
        locale={{ emptyText: '尚无进展反馈' }}
        dataSource={task.progress.map((p, i) => ({ ...p, i }))}
        columns={[
          { title: '反馈日期', width: 110, dataIndex: 'date' },
          { title: '进展情况', render: (_, p) => <span style={{ whiteSpace: 'pre-wrap' }}>{p.text}</span> },
          { title: '登记人', width: 100, dataIndex: 'byName' },
        ]}
      />

      {task.reminders.length > 0 && <Reminders task={task} />}
      <AttachmentsPanel ownerKind="tasks" ownerId={task.id} recordNumber={TASKS_REGISTER.number(task)} classification={TASKS_REGISTER.classification(task)} title="附件（反馈材料）" />
    </Card>
  );
}

function Reminders({ task }: { task: TaskRecord }) {
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        催办记录
      </Typography.Title>
      <Table<TaskRecord['reminders'][number] & { i: number }>
        size="small"
        aria-label="催办记录"
        pagination={false}
        rowKey="i"
        dataSource={task.reminders.map((r, i) => ({ ...r, i }))}
        columns={[
          { title: '催办时间', width: 180, render: (_, r) => formatLocalTime(r.at) },
          { title: '催办人', width: 100, dataIndex: 'byName' },
          { title: '催办说明', dataIndex: 'note' },
        ]}
      />
    </>
  );
}
