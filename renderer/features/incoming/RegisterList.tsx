import { App, Button, Card, Checkbox, Form, Input, Select, Space, Table, Typography } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useLiveQuery } from '../../db/live';
import { useEffect, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { todayIso } from '@shared/domain/dates';
import { CLASSIFICATIONS, URGENCIES, type Classification, type Urgency } from '@shared/domain/enums';
import { INCOMING_STATES, type IncomingState } from '@shared/domain/incoming-types';
import { can } from '@shared/domain/permissions';
import { useDb } from '../../db/DbContext';
import type { IncomingQuery, IncomingSortField } from '../../db/incoming/incoming-index';
import { incomingIds, incomingYears, listIncoming, type IncomingRow } from '../../db/repositories/incoming';
import { listDepartments } from '../../db/repositories/settings';
import { useActor } from '../../ui/session';
import { ClassificationTag, StateTag, UrgencyTag } from '../../ui/labels';
import { FiledStateTag } from '../../ui/filed';
import { ellipsisColumn, SelectionBar, useColumnChooser, type ChoosableColumn } from '../../ui/list-columns';
import { IncomingBatchActions } from './BatchActions';
import { RegisterTools } from './RegisterTools';
import { EmptyState } from '../../ui/EmptyState';

const PAGE_SIZE = 50;

export interface RegisterFilters {
  year?: number;
  state?: IncomingState;
  classification?: Classification;
  urgency?: Urgency;
  hostDeptId?: string;
  overdueOnly: boolean;
  search: string;
  sort: { field: IncomingSortField; direction: 'ascend' | 'descend' };
}

export function toQuery(f: RegisterFilters, offset: number, limit: number): IncomingQuery {
  return {
    ...(f.year !== undefined ? { year: f.year } : {}),
    ...(f.state ? { state: f.state } : {}),
    ...(f.classification ? { classification: f.classification } : {}),
    ...(f.urgency ? { urgency: f.urgency } : {}),
    ...(f.hostDeptId ? { hostDeptId: f.hostDeptId } : {}),
    ...(f.overdueOnly ? { overdueOnly: true } : {}),
    ...(f.search.trim() ? { search: f.search.trim() } : {}),
    sort: f.sort,
    offset,
    limit,
  };
}

/** 收文登记簿: filters, search and sorting over the in-memory projection; one page read at a time. */
export function RegisterList() {
  const db = useDb();
  const actor = useActor();
  const navigate = useNavigate();
  const today = todayIso();
  const [filters, setFilters] = useState<RegisterFilters>({ overdueOnly: false, search: '', sort: { field: 'serial', direction: 'descend' } });
  const [page, setPage] = useState(1);
  const [searchText, setSearchText] = useState('');
  const ids = { year: useId(), state: useId(), cls: useId(), urg: useId(), dept: useId() };
  const years = useLiveQuery(() => incomingYears(db), [db]);
  const departments = useLiveQuery(() => listDepartments(db), [db]);
  // Bumped after a batch: the page is read again at once (seen not to follow a many-record write by itself).
  const [version, setVersion] = useState(0);
  const result = useLiveQuery(() => listIncoming(db, actor, toQuery(filters, (page - 1) * PAGE_SIZE, PAGE_SIZE), today), [db, actor.id, filters, page, today, version]);
  // Search follows typing after a short pause (each query scans the whole projection).
  useEffect(() => {
    const t = setTimeout(() => {
      setFilters((f) => (f.search === searchText ? f : { ...f, search: searchText }));
      setPage(1);
    }, 150);
    return () => clearTimeout(t);
  }, [searchText]);
  const { message } = App.useApp();
  const processes = can(actor, 'incoming.process');
  const [selected, setSelected] = useState<string[]>([]);
  const set = (patch: Partial<RegisterFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
    // A batch acts on what the secretary sees chosen: another filter starts a new choice.
    setSelected([]);
  };
  const selectAll = async () => {
    const { offset: _o, limit: _l, ...q } = toQuery(filters, 0, 0);
    const ids = await incomingIds(db, actor, q, today);
    setSelected(ids);
    void message.info(`已选中筛选结果全部 ${ids.length} 件`);
  };
  const sortOrder = (field: IncomingSortField) => (filters.sort.field === field ? filters.sort.direction : null);
  // Widths sum to what a 1366×768 screen leaves beside the menu; 标题 takes the rest.
  const { columns, chooser } = useColumnChooser<IncomingRow>('incoming.register', [
    { title: '收文编号', key: 'serial', fixedOn: true, width: 132, sorter: true, sortOrder: sortOrder('serial'), render: (_, r) => <a href={`#/incoming/${r.id}`}>{r.serial}</a> },
    { title: '收文日期', key: 'receivedDate', dataIndex: 'receivedDate', width: 100, sorter: true, sortOrder: sortOrder('receivedDate') },
    { ...ellipsisColumn<IncomingRow>({ width: 104, text: (r) => r.fromUnit }), title: '来文单位', key: 'fromUnit' },
    { ...ellipsisColumn<IncomingRow>({ width: 170, text: (r) => r.docNumber }), title: '来文字号', key: 'docNumber' },
    { ...ellipsisColumn<IncomingRow>({ text: (r) => r.title, secondary: (r) => r.masked }), title: '标题', key: 'title' },
    { title: '密级', key: 'classification', width: 58, render: (_, r) => <ClassificationTag level={r.classification} /> },
    { title: '紧急程度', key: 'urgency', optional: true, width: 84, render: (_, r) => <UrgencyTag urgency={r.urgency} /> },
    { title: '状态', key: 'state', width: 74, render: (_, r) => (r.archiveCode ? <FiledStateTag archiveCode={r.archiveCode} /> : <StateTag state={r.state} />) },
    {
      title: '办理时限',
      key: 'dueDate',
      width: 106,
      sorter: true,
      sortOrder: sortOrder('dueDate'),
      // The row is red when overdue; the word says it too (under the date: the column stays narrow).
      render: (_, r) =>
        r.overdue ? (
          <Typography.Text type="danger">
            {r.dueDate ?? ''}
            <br />
            已超期
          </Typography.Text>
        ) : (
          (r.dueDate ?? '')
        ),
    },
    { ...ellipsisColumn<IncomingRow>({ width: 96, text: (r) => r.hostDeptName }), title: '承办单位', key: 'hostDeptName' },
    { ...ellipsisColumn<IncomingRow>({ width: 120, text: (r) => r.legacyNumber }), title: '原编号', key: 'legacyNumber', optional: true },
  ] satisfies ChoosableColumn<IncomingRow>[]);

  // Empty with no filter: the register itself is empty, and says how to fill it.
  const filtered = !!(filters.search.trim() || filters.year || filters.state || filters.classification || filters.urgency || filters.hostDeptId || filters.overdueOnly);

  return (
    <Card
      title="收文登记簿"
      extra={
        <Space>
          {can(actor, 'incoming.process') && (
            <Button type="primary" onClick={() => navigate('/incoming/new')}>
              登记
            </Button>
          )}
          <RegisterTools filters={filters} total={result?.total ?? 0} />
          {chooser}
        </Space>
      }
    >
      <Form layout="inline" component="div" style={{ rowGap: 8, marginBottom: 12 }}>
        <Form.Item>
          <Input.Search
            aria-label="搜索"
            placeholder="标题、来文单位、来文字号、编号"
            allowClear
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            onSearch={(v) => set({ search: v })}
            style={{ width: 300 }}
          />
        </Form.Item>
        <Form.Item label="年度" htmlFor={ids.year}>
          <Select id={ids.year} allowClear placeholder="全部" style={{ width: 100 }} value={filters.year} onChange={(v) => set({ year: v })} options={(years ?? []).map((y) => ({ value: y, label: String(y) }))} />
        </Form.Item>
        <Form.Item label="状态" htmlFor={ids.state}>
          <Select id={ids.state} allowClear placeholder="全部" style={{ width: 110 }} value={filters.state} onChange={(v) => set({ state: v })} options={INCOMING_STATES.map((s) => ({ value: s, label: s }))} />
        </Form.Item>
        <Form.Item label="密级" htmlFor={ids.cls}>
          <Select id={ids.cls} allowClear placeholder="全部" style={{ width: 100 }} value={filters.classification} onChange={(v) => set({ classification: v })} options={CLASSIFICATIONS.map((s) => ({ value: s, label: s }))} />
        </Form.Item>
        <Form.Item label="紧急程度" htmlFor={ids.urg}>
          <Select id={ids.urg} allowClear placeholder="全部" style={{ width: 100 }} value={filters.urgency} onChange={(v) => set({ urgency: v })} options={URGENCIES.map((s) => ({ value: s, label: s }))} />
        </Form.Item>
        <Form.Item label="承办单位" htmlFor={ids.dept}>
          <Select id={ids.dept} allowClear placeholder="全部" style={{ width: 140 }} value={filters.hostDeptId} onChange={(v) => set({ hostDeptId: v })} options={(departments ?? []).map((d) => ({ value: d.id, label: d.name }))} />
        </Form.Item>
        <Form.Item>
          <Checkbox checked={filters.overdueOnly} onChange={(e) => set({ overdueOnly: e.target.checked })}>
            只看超期
          </Checkbox>
        </Form.Item>
      </Form>
      {processes && (
        <SelectionBar count={selected.length} total={result?.total ?? 0} onSelectAll={() => void selectAll()} onClear={() => setSelected([])}>
          <IncomingBatchActions
            ids={selected}
            onDone={() => {
              setSelected([]);
              setVersion((v) => v + 1);
            }}
          />
        </SelectionBar>
      )}
      <Table<IncomingRow>
        rowKey="id"
        size="small"
        aria-label="收文登记簿"
        tableLayout="fixed"
        loading={!result}
        dataSource={result?.rows ?? []}
        locale={filtered ? undefined : { emptyText: <IncomingEmpty writer={can(actor, 'incoming.process')} /> }}
        scroll={{ y: 'calc(100vh - 360px)' }}
        rowClassName={(r) => (r.overdue ? 'ws-row-overdue' : '')}
        onRow={(r) => ({ onDoubleClick: () => navigate(`/incoming/${r.id}`) })}
        {...(processes
          ? {
              rowSelection: {
                columnWidth: 32,
                preserveSelectedRowKeys: true,
                selectedRowKeys: selected,
                onChange: (keys: React.Key[]) => setSelected(keys.map(String)),
                getCheckboxProps: (r: IncomingRow) => ({ 'aria-label': `选择 ${r.serial}` }),
              },
            }
          : {})}
        onChange={(_p, _f, sorter) => {
          const s = sorter as SorterResult<IncomingRow>;
          const field = (s.columnKey as IncomingSortField | undefined) ?? 'serial';
          set({ sort: s.order ? { field, direction: s.order } : { field: 'serial', direction: 'descend' } });
        }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: result?.total ?? 0,
          showSizeChanger: false,
          showTotal: (t) => `共 ${t} 件`,
          onChange: setPage,
        }}
        columns={columns}
      />
    </Card>
  );
}

function IncomingEmpty({ writer }: { writer: boolean }) {
  return writer ? (
    <EmptyState
      title="登记簿中还没有收文"
      hint="收到来文后逐件登记；原来用 Excel 记的登记簿可以一次导入。"
      actions={[
        { label: '登记第一件收文', to: '/incoming/new', primary: true },
        { label: '从 Excel 登记簿导入', to: '/incoming/import' },
      ]}
    />
  ) : (
    <EmptyState title="登记簿中还没有收文" hint="秘书登记收文后，这里按收文编号列出。" />
  );
}
