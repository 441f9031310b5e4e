import { Button, Card, Checkbox, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
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
import { incomingYears, listIncoming, type IncomingRow } from '../../db/repositories/incoming';
import { listDepartments } from '../../db/repositories/settings';
import { useActor } from '../../ui/session';
import { ClassificationTag, StateTag, UrgencyTag } from '../../ui/labels';
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
  const result = useLiveQuery(() => listIncoming(db, actor, toQuery(filters, (page - 1) * PAGE_SIZE, PAGE_SIZE), today), [db, actor.id, filters, page, today]);
  // Search follows typing after a short pause (each query scans the whole projection).
  useEffect(() => {
    const t = setTimeout(() => {
      setFilters((f) => (f.search === searchText ? f : { ...f, search: searchText }));
      setPage(1);
    }, 150);
    return () => clearTimeout(t);
  }, [searchText]);
  const set = (patch: Partial<RegisterFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };

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
      <Table<IncomingRow>
        rowKey="id"
        size="small"
        loading={!result}
        dataSource={result?.rows ?? []}
        locale={filtered ? undefined : { emptyText: <IncomingEmpty writer={can(actor, 'incoming.process')} /> }}
        scroll={{ x: 1320, y: 'calc(100vh - 330px)' }}
        rowClassName={(r) => (r.overdue ? 'ws-row-overdue' : '')}
        onRow={(r) => ({ onDoubleClick: () => navigate(`/incoming/${r.id}`) })}
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
        columns={[
          {
            title: '收文编号',
            key: 'serial',
            width: 130,
            sorter: true,
            sortOrder: filters.sort.field === 'serial' ? filters.sort.direction : null,
            render: (_, r) => (
              <a href={`#/incoming/${r.id}`}>
                {r.serial}
              </a>
            ),
          },
          { title: '收文日期', key: 'receivedDate', dataIndex: 'receivedDate', width: 110, sorter: true, sortOrder: filters.sort.field === 'receivedDate' ? filters.sort.direction : null },
          { title: '来文单位', dataIndex: 'fromUnit', width: 140, ellipsis: true },
          { title: '来文字号', dataIndex: 'docNumber', width: 150, ellipsis: true },
          { title: '标题', dataIndex: 'title', ellipsis: true, render: (t: string, r) => (r.masked ? <Typography.Text type="secondary">{t}</Typography.Text> : t) },
          { title: '密级', dataIndex: 'classification', width: 70, render: (c: Classification) => <ClassificationTag level={c} /> },
          { title: '紧急程度', dataIndex: 'urgency', width: 84, render: (u: Urgency) => <UrgencyTag urgency={u} /> },
          { title: '状态', dataIndex: 'state', width: 84, render: (s: IncomingState) => <StateTag state={s} /> },
          {
            title: '办理时限',
            key: 'dueDate',
            width: 150,
            sorter: true,
            sortOrder: filters.sort.field === 'dueDate' ? filters.sort.direction : null,
            render: (_, r) => (
              <span>
                {r.dueDate ?? ''} {r.overdue && <Tag color="red">已超期</Tag>}
              </span>
            ),
          },
          { title: '承办单位', dataIndex: 'hostDeptName', width: 110, ellipsis: true },
        ]}
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
