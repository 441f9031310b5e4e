import { App, Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useLiveQuery } from '../../db/live';
import { useEffect, useId, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { isLoanOverdue, secrecyEndDate } from '@shared/domain/carrier';
import { CARRIER_STATES } from '@shared/domain/carrier-types';
import { todayIso } from '@shared/domain/dates';
import { CARRIER_TYPES, CLASSIFICATIONS } from '@shared/domain/enums';
import { can } from '@shared/domain/permissions';
import { useDb } from '../../db/DbContext';
import { CARRIER_DUE_FILTERS, type CarrierDueFilter, type CarrierQuery, type CarrierSortField } from '../../db/carriers/carrier-index';
import { carrierFacets, carrierIds, listCarriers, type CarrierView } from '../../db/repositories/carriers';
import { useActor } from '../../ui/session';
import { CellText, ellipsisColumn, SelectionBar, useColumnChooser, type ChoosableColumn } from '../../ui/list-columns';
import { CarrierMarking, CarrierStateTag } from './carrier-ui';
import { LendManyButton } from './LendMany';
import { EmptyState } from '../../ui/EmptyState';

const PAGE_SIZE = 50;

/** The list's filters: the query without paging, with search text and sort always present. */
export type CarrierFilters = Omit<CarrierQuery, 'offset' | 'limit' | 'search' | 'sort'> & { search: string; sort: NonNullable<CarrierQuery['sort']> };

export const NO_FILTERS: CarrierFilters = { search: '', sort: { field: 'serial', direction: 'descend' } };

export function toCarrierQuery(f: CarrierFilters, offset: number, limit: number): CarrierQuery {
  return {
    ...(f.classification ? { classification: f.classification } : {}),
    ...(f.state ? { state: f.state } : {}),
    ...(f.carrierType ? { carrierType: f.carrierType } : {}),
    ...(f.custodianId ? { custodianId: f.custodianId } : {}),
    ...(f.location ? { location: f.location } : {}),
    ...(f.due ? { due: f.due } : {}),
    ...(f.search.trim() ? { search: f.search.trim() } : {}),
    sort: f.sort,
    offset,
    limit,
  };
}

/** Filters as the URL carries them (?f=…), so 催还清单 and prints open on the same selection. */
export function parseCarrierFilters(raw: string | null, base: CarrierFilters = NO_FILTERS): CarrierFilters {
  if (!raw) return base;
  try {
    const f = JSON.parse(raw) as Partial<CarrierFilters>;
    return { ...base, ...f, search: typeof f.search === 'string' ? f.search : '', sort: f.sort ?? base.sort };
  } catch {
    return base;
  }
}

export function describeCarrierFilters(f: CarrierFilters, custodianName?: string): string {
  const parts = [
    f.classification ? `密级：${f.classification}` : '',
    f.state ? `状态：${f.state}` : '',
    f.carrierType ? `载体类型：${f.carrierType}` : '',
    custodianName ? `保管人：${custodianName}` : '',
    f.location ? `存放位置：${f.location}` : '',
    f.due ? `到期：${f.due}` : '',
    f.search.trim() ? `搜索：${f.search.trim()}` : '',
  ].filter(Boolean);
  return parts.length ? `筛选条件：${parts.join('；')}` : '全部载体';
}

const DUE_SORT: Record<CarrierDueFilter, CarrierFilters['sort']> = {
  借阅逾期: { field: 'dueDate', direction: 'ascend' },
  保密期限将满: { field: 'secrecyEnd', direction: 'ascend' },
  本年未清点: { field: 'serial', direction: 'ascend' },
};

/** 涉密载体台账: filters, search, one page read at a time; the 保密员's tools above it. */
export function CarrierList() {
  const db = useDb();
  const actor = useActor();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const today = todayIso();
  const filters = parseCarrierFilters(params.get('f'));
  const [page, setPage] = useState(1);
  const [searchText, setSearchText] = useState(filters.search);
  const ids = { cls: useId(), state: useId(), type: useId(), cust: useId(), loc: useId(), due: useId() };
  const manager = can(actor, 'classified.manage');
  const facets = useLiveQuery(() => carrierFacets(db, actor), [db, actor.id]);
  const fKey = JSON.stringify(filters);
  // Bumped after a batch: the page is read again at once (seen not to follow a many-record write by itself).
  const [version, setVersion] = useState(0);
  const result = useLiveQuery(() => listCarriers(db, actor, toCarrierQuery(filters, (page - 1) * PAGE_SIZE, PAGE_SIZE), today), [db, actor.id, fKey, page, today, version]);
  const { message } = App.useApp();
  const [selected, setSelected] = useState<string[]>([]);
  const set = (patch: Partial<CarrierFilters>) => {
    const next = { ...filters, ...patch };
    setParams(JSON.stringify(next) === JSON.stringify(NO_FILTERS) ? {} : { f: JSON.stringify(next) }, { replace: true });
    setPage(1);
    // A batch acts on what the 保密员 sees chosen: another filter starts a new choice.
    setSelected([]);
  };
  const selectAll = async () => {
    const { offset: _o, limit: _l, ...q } = toCarrierQuery(filters, 0, 0);
    const ids = await carrierIds(db, actor, q, today);
    setSelected(ids);
    void message.info(`已选中筛选结果全部 ${ids.length} 件`);
  };
  const sortOrder = (field: CarrierSortField) => (filters.sort.field === field ? filters.sort.direction : null);
  // Widths sum to what a 1366×768 screen leaves beside the menu; 名称 takes the rest.
  const { columns, chooser } = useColumnChooser<CarrierView>('carriers.register', [
    { title: '编号', key: 'serial', fixedOn: true, width: 132, sorter: true, sortOrder: sortOrder('serial'), render: (_, v) => <a href={`#/classified/${v.record.id}`}>{v.record.serial}</a> },
    { ...ellipsisColumn<CarrierView>({ text: (v) => v.record.name, secondary: (v) => !v.canSeeContent }), title: '名称', key: 'name' },
    // A masked carrier's type is a placeholder (need-to-know.ts maskCarrier): left blank.
    { title: '载体类型', key: 'type', optional: true, width: 96, render: (_, v) => (v.canSeeContent ? v.record.carrierType : '') },
    { title: '密级', key: 'marking', width: 110, ellipsis: { showTitle: false }, render: (_, v) => <CellText text={v.record.classification}><CarrierMarking record={v.record} /></CellText> },
    { title: '份号', key: 'copy', width: 72, render: (_, v) => v.record.copyNumber },
    { ...ellipsisColumn<CarrierView>({ width: 80, text: (v) => v.record.custodian.name }), title: '保管人', key: 'custodian' },
    { ...ellipsisColumn<CarrierView>({ width: 110, text: (v) => v.record.location }), title: '存放位置', key: 'location' },
    { title: '状态', key: 'state', width: 72, render: (_, v) => <CarrierStateTag state={v.record.state} /> },
    {
      title: '应还日期',
      key: 'dueDate',
      width: 148,
      sorter: true,
      sortOrder: sortOrder('dueDate'),
      render: (_, v) =>
        v.record.loan ? (
          <span style={{ whiteSpace: 'nowrap' }}>
            {v.record.loan.dueDate} {isLoanOverdue(v.record, today) && <Tag color="red" style={{ marginInlineEnd: 0 }}>已逾期</Tag>}
          </span>
        ) : (
          ''
        ),
    },
    { title: '保密期限至', key: 'secrecyEnd', width: 104, sorter: true, sortOrder: sortOrder('secrecyEnd'), render: (_, v) => secrecyEndDate(v.record.secrecyTerm, v.record.secrecyStart) ?? '' },
  ] satisfies ChoosableColumn<CarrierView>[]);
  useEffect(() => {
    const t = setTimeout(() => {
      if (searchText !== filters.search) set({ search: searchText });
    }, 150);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only typing restarts the pause
  }, [searchText]);
  const printLink = (path: string) => `/classified/${path}?f=${encodeURIComponent(JSON.stringify(filters))}`;

  return (
    <Card
      title="涉密载体台账"
      extra={
        !manager ? (
          chooser
        ) : (
          <Space wrap>
            <Button type="primary" onClick={() => navigate('/classified/new')}>
              登记
            </Button>
            <Button onClick={() => navigate('/classified/inventory')}>清点</Button>
            <Button onClick={() => set({ due: '借阅逾期', sort: DUE_SORT.借阅逾期 })}>催还清单</Button>
            <Button onClick={() => set({ due: '保密期限将满', sort: DUE_SORT.保密期限将满 })}>解密审查</Button>
            <Button onClick={() => navigate(printLink('print/register'))}>打印登记表</Button>
            <Button onClick={() => navigate(printLink('print/loans'))}>打印借阅登记表</Button>
            <Button onClick={() => navigate(printLink('print/destruction'))}>打印销毁清单</Button>
            <Button onClick={() => navigate(printLink('print/labels'))}>打印标签</Button>
            {chooser}
          </Space>
        )
      }
    >
      <Form layout="inline" component="div" style={{ rowGap: 8, marginBottom: 12 }}>
        <Form.Item>
          <Input.Search aria-label="搜索" placeholder="名称、编号、份号" allowClear value={searchText} onChange={(e) => setSearchText(e.target.value)} onSearch={(v) => set({ search: v })} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item label="密级" htmlFor={ids.cls}>
          <Select id={ids.cls} allowClear placeholder="全部" style={{ width: 90 }} value={filters.classification} onChange={(v) => set({ classification: v })} options={CLASSIFICATIONS.filter((c) => c !== '内部').map((s) => ({ value: s, label: s }))} />
        </Form.Item>
        <Form.Item label="状态" htmlFor={ids.state}>
          <Select id={ids.state} allowClear placeholder="全部" style={{ width: 100 }} value={filters.state} onChange={(v) => set({ state: v })} options={CARRIER_STATES.map((s) => ({ value: s, label: s }))} />
        </Form.Item>
        <Form.Item label="载体类型" htmlFor={ids.type}>
          <Select id={ids.type} allowClear placeholder="全部" style={{ width: 130 }} value={filters.carrierType} onChange={(v) => set({ carrierType: v })} options={CARRIER_TYPES.map((s) => ({ value: s, label: s }))} />
        </Form.Item>
        <Form.Item label="保管人" htmlFor={ids.cust}>
          <Select id={ids.cust} allowClear showSearch optionFilterProp="label" placeholder="全部" style={{ width: 110 }} value={filters.custodianId} onChange={(v) => set({ custodianId: v })} options={(facets?.custodians ?? []).map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Form.Item label="存放位置" htmlFor={ids.loc}>
          <Select id={ids.loc} allowClear showSearch placeholder="全部" style={{ width: 150 }} value={filters.location} onChange={(v) => set({ location: v })} options={(facets?.locations ?? []).map((l) => ({ value: l, label: l }))} />
        </Form.Item>
        <Form.Item label="到期" htmlFor={ids.due}>
          <Select
            id={ids.due}
            allowClear
            placeholder="全部"
            style={{ width: 130 }}
            value={filters.due}
            onChange={(v?: CarrierDueFilter) => set(v ? { due: v, sort: DUE_SORT[v] } : { due: undefined, sort: NO_FILTERS.sort })}
            options={CARRIER_DUE_FILTERS.map((s) => ({ value: s, label: s }))}
          />
        </Form.Item>
      </Form>
      {filters.due && (
        <Typography.Paragraph>
          <Tag color="orange">{filters.due}</Tag>
          {filters.due === '借阅逾期' ? '催还清单：借出已过应还日期的载体，逾期最久的在前。' : filters.due === '保密期限将满' ? '解密审查：保密期限 90 天内届满或已届满的载体，请逐件办理解密、降密或延长。' : '本年度尚未清点的在册载体。'}
        </Typography.Paragraph>
      )}
      {manager && (
        <SelectionBar count={selected.length} total={result?.total ?? 0} onSelectAll={() => void selectAll()} onClear={() => setSelected([])}>
          <LendManyButton
            ids={selected}
            onDone={() => {
              setSelected([]);
              setVersion((v) => v + 1);
            }}
          />
        </SelectionBar>
      )}
      <Table<CarrierView>
        rowKey={(v) => v.record.id}
        size="small"
        aria-label="涉密载体台账"
        tableLayout="fixed"
        loading={!result}
        dataSource={result?.rows ?? []}
        locale={JSON.stringify(filters) === JSON.stringify(NO_FILTERS) ? { emptyText: <CarrierEmpty manager={manager} /> } : undefined}
        scroll={{ y: 'calc(100vh - 390px)' }}
        rowClassName={(v) => (isLoanOverdue(v.record, today) ? 'ws-row-overdue' : '')}
        onRow={(v) => ({ onDoubleClick: () => navigate(`/classified/${v.record.id}`) })}
        {...(manager
          ? {
              rowSelection: {
                columnWidth: 32,
                preserveSelectedRowKeys: true,
                selectedRowKeys: selected,
                onChange: (keys: React.Key[]) => setSelected(keys.map(String)),
                getCheckboxProps: (v: CarrierView) => ({ 'aria-label': `选择 ${v.record.serial}` }),
              },
            }
          : {})}
        onChange={(_p, _f, sorter) => {
          const s = sorter as SorterResult<CarrierView>;
          const field = (s.columnKey as CarrierSortField | undefined) ?? 'serial';
          set({ sort: s.order ? { field, direction: s.order } : NO_FILTERS.sort });
        }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: result?.total ?? 0, showSizeChanger: false, showTotal: (t) => `共 ${t} 件`, onChange: setPage }}
        columns={columns}
      />
    </Card>
  );
}

/** The 台账 with nothing in it (no filter): how carriers get into it. */
function CarrierEmpty({ manager }: { manager: boolean }) {
  return manager ? (
    <EmptyState
      title="台账中还没有涉密载体"
      hint="逐件登记涉密载体；登记秘密、机密收文时，其载体自动列入台账。"
      actions={[{ label: '登记第一件载体', to: '/classified/new', primary: true }]}
    />
  ) : (
    <EmptyState title="台账中还没有您可以查看的涉密载体" hint="保密员登记载体后，在您知悉范围内的载体在这里列出。" />
  );
}
