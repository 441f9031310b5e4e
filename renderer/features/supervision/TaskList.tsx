import { Button, Card, Col, Empty, Form, Input, Row, Segmented, Select, Space, Table, Typography } from 'antd';
import { useLiveQuery } from '../../db/live';
import { useEffect, useId, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { todayIso } from '@shared/domain/dates';
import { can } from '@shared/domain/permissions';
import { describeSource, taskStatus } from '@shared/domain/supervision';
import { lateText } from '@shared/domain/workbench';
import type { WorkCalendar } from '@shared/domain/workdays';
import { loadWorkCalendar } from '../../db/repositories/calendar';
import { TASK_STATUSES, type TaskRecord, type TaskStatus } from '@shared/domain/supervision-types';
import { useDb } from '../../db/DbContext';
import { listTasks, taskBoard, taskUnits, type TaskBoard as TaskBoardData, type TaskQuery } from '../../db/repositories/supervision';
import { patchParams } from '../../ui/patch-params';
import { useActor } from '../../ui/session';
import { lastProgress, SourceLink, TaskStatusTag } from '../../ui/task-labels';
import { ellipsisColumn, useColumnChooser, type ChoosableColumn } from '../../ui/list-columns';
import { EmptyState } from '../../ui/EmptyState';

/** Rows per table page: the page is read from the database, not cut from every task. */
const PAGE_SIZE = 50;
/** Cards shown per board column (read as such); the table shows the rest. */
const BOARD_LIMIT = 100;

type View = '表格' | '看板';

/** The order of the board's columns: what is waiting, what moves, what is late, what is done. */
export const BOARD_COLUMNS: readonly TaskStatus[] = ['未开始', '推进中', '已逾期', '已办结'];

/** 督办事项: every tracked task, as a table or a board by 状态, filtered by 责任单位 and 状态. */
export function TaskList() {
  const db = useDb();
  const actor = useActor();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const today = todayIso();
  const calendar = useLiveQuery(() => loadWorkCalendar(db), [db]);
  const unit = params.get('unit') ?? undefined;
  const statusParam = params.get('status');
  const status = TASK_STATUSES.find((s) => s === statusParam);
  const search = params.get('q') ?? '';
  const view: View = params.get('view') === '看板' ? '看板' : '表格';
  const [searchText, setSearchText] = useState(search);
  const [page, setPage] = useState(1);
  const ids = { unit: useId(), status: useId() };
  const manager = can(actor, 'supervision.manage');

  const units = useLiveQuery(() => taskUnits(db, actor), [db, actor.id]);
  const query: TaskQuery = { ...(unit ? { unit } : {}), ...(status ? { status } : {}), ...(search.trim() ? { search: search.trim() } : {}) };
  const list = useLiveQuery(
    async () => (view === '表格' ? listTasks(db, actor, query, today, { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }) : undefined),
    [db, actor.id, unit, status, search, today, view, page],
  );
  const board = useLiveQuery(async () => (view === '看板' ? taskBoard(db, actor, query, today, BOARD_LIMIT) : undefined), [db, actor.id, unit, status, search, today, view]);

  // Tasks finished or moved away can leave the page past the last one: go back to the last.
  if (list && page > 1 && (page - 1) * PAGE_SIZE >= list.total) setPage(Math.max(1, Math.ceil(list.total / PAGE_SIZE)));

  // Fits a 1366×768 screen beside the menu; 督办内容 takes the rest.
  const { columns, chooser } = useColumnChooser<TaskRecord>('supervision.list', [
    { title: '督办编号', key: 'serial', fixedOn: true, width: 132, render: (_, t) => <Link to={`/supervision/${t.id}`}>{t.serial}</Link> },
    { ...ellipsisColumn<TaskRecord>({ width: 140, text: (t) => describeSource(t.source), render: (t) => <SourceLink source={t.source} /> }), title: '来源', key: 'source' },
    { ...ellipsisColumn<TaskRecord>({ text: (t) => t.content }), title: '督办内容', key: 'content' },
    { ...ellipsisColumn<TaskRecord>({ width: 120, text: (t) => t.unit }), title: '责任单位', key: 'unit' },
    { ...ellipsisColumn<TaskRecord>({ width: 76, text: (t) => t.person }), title: '责任人', key: 'person' },
    { title: '时限', key: 'dueDate', width: 96, render: (_, t) => t.dueDate },
    { title: '状态', key: 'status', width: 124, render: (_, t) => <TaskStatusTag task={t} today={today} calendar={calendar} /> },
    { ...ellipsisColumn<TaskRecord>({ width: 150, text: (t) => lastProgress(t) }), title: '最近进展', key: 'progress' },
  ] satisfies ChoosableColumn<TaskRecord>[]);

  const set = (patch: Record<string, string | undefined>) => {
    setParams(patchParams(params, patch), { replace: true });
    setPage(1);
  };
  useEffect(() => {
    const t = setTimeout(() => {
      if (searchText !== search) set({ q: searchText });
    }, 150);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only typing restarts the pause
  }, [searchText]);

  return (
    <Card
      title="督办事项"
      extra={
        <Space wrap>
          {manager && (
            <Button type="primary" onClick={() => navigate('/supervision/new')}>
              新建督办
            </Button>
          )}
          <Button onClick={() => navigate('/supervision/report')}>督办通报</Button>
          {view === '表格' && chooser}
        </Space>
      }
    >
      <Form layout="inline" component="div" style={{ rowGap: 8, marginBottom: 12 }}>
        <Form.Item>
          <Segmented<View> aria-label="视图" options={['表格', '看板']} value={view} onChange={(v) => set({ view: v === '看板' ? v : undefined })} />
        </Form.Item>
        <Form.Item>
          <Input.Search aria-label="搜索" placeholder="督办内容、编号、责任人" allowClear value={searchText} onChange={(e) => setSearchText(e.target.value)} onSearch={(v) => set({ q: v })} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item label="责任单位" htmlFor={ids.unit}>
          <Select
            id={ids.unit}
            allowClear
            showSearch
            placeholder="全部"
            style={{ width: 180 }}
            value={unit}
            onChange={(v?: string) => set({ unit: v })}
            options={(units ?? []).map((u) => ({ value: u, label: u }))}
          />
        </Form.Item>
        <Form.Item label="状态" htmlFor={ids.status}>
          <Select id={ids.status} allowClear placeholder="全部" style={{ width: 110 }} value={status} onChange={(v?: TaskStatus) => set({ status: v })} options={TASK_STATUSES.map((s) => ({ value: s, label: s }))} />
        </Form.Item>
      </Form>
      {view === '表格' ? (
        <Table<TaskRecord>
          rowKey="id"
          size="small"
          aria-label="督办事项"
          loading={!list}
          dataSource={list?.tasks ?? []}
          tableLayout="fixed"
          locale={unit || status || search.trim() ? undefined : { emptyText: <TaskEmpty manager={manager} /> }}
          rowClassName={(t) => (taskStatus(t, today) === '已逾期' ? 'ws-row-overdue' : '')}
          onRow={(t) => ({ onDoubleClick: () => navigate(`/supervision/${t.id}`) })}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list?.total ?? 0, showSizeChanger: false, showTotal: (n) => `共 ${n} 件`, onChange: setPage }}
          columns={columns}
        />
      ) : (
        <TaskBoard board={board} today={today} calendar={calendar} />
      )}
    </Card>
  );
}

/** 看板: four columns by 状态, each with its count and a card per task (the first BOARD_LIMIT) opening the task. */
function TaskBoard({ board, today, calendar }: { board: TaskBoardData | undefined; today: string; calendar: WorkCalendar | undefined }) {
  return (
    <Row gutter={12} wrap={false} style={{ overflowX: 'auto' }}>
      {BOARD_COLUMNS.map((s) => {
        const { tasks: list, total } = board?.[s] ?? { tasks: [], total: 0 };
        return (
          <Col key={s} flex="1 1 0" style={{ minWidth: 220 }}>
            <section aria-label={s}>
              <Card
                size="small"
                loading={!board}
                title={s}
                extra={<Typography.Text type={s === '已逾期' && total ? 'danger' : 'secondary'}>{`共 ${total} 件`}</Typography.Text>}
                styles={{ body: { background: '#fafafa', padding: 8, minHeight: 120 } }}
              >
                {list.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无" />}
                <Space orientation="vertical" style={{ width: '100%' }} size={8}>
                  {list.map((t) => (
                    <Card key={t.id} size="small" styles={{ body: { padding: '8px 10px' } }}>
                      <Link to={`/supervision/${t.id}`}>{t.serial}</Link>
                      <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '4px 0' }}>
                        {t.content}
                      </Typography.Paragraph>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t.unit} · 时限 {t.dueDate}
                        {s === '已逾期' && calendar && <Typography.Text type="danger" style={{ fontSize: 12 }}>{` · ${lateText(calendar, t.dueDate, today) ?? ''}`}</Typography.Text>}
                      </Typography.Text>
                    </Card>
                  ))}
                  {total > list.length && <Typography.Text type="secondary">{`另有 ${total - list.length} 件，请在表格中查看`}</Typography.Text>}
                </Space>
              </Card>
            </section>
          </Col>
        );
      })}
    </Row>
  );
}

/** No 督办 at all: where tasks come from, and the one kind entered by hand. */
function TaskEmpty({ manager }: { manager: boolean }) {
  return (
    <EmptyState
      title="还没有督办事项"
      hint={`会议纪要签发后其议定事项、收文经领导批示并交承办后，自动列入督办${manager ? '；领导口头交办的事项在这里登记' : ''}。`}
      actions={manager ? [{ label: '登记口头交办事项', to: '/supervision/new', primary: true }] : []}
    />
  );
}
