import { Card, Form, Input, Select, Table, Tooltip, Typography } from 'antd';
import { useEffect, useId, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useDb } from '../../db/DbContext';
import { useLiveQuery } from '../../db/live';
import { archiveFacets, searchArchive, type ArchiveView } from '../../db/repositories/archive-lookup';
import { patchParams } from '../../ui/patch-params';
import { useActor } from '../../ui/session';
import { archiveEntryPath } from './archive-routes';

const PAGE_SIZE = 50;

/**
 * 档案查阅: every filed 件, newest 年度 first and in 档号 order, found by 档号 or 题名 (one search
 * box) and narrowed by 年度 and 机构. A 件 outside the reader's need to know shows 【涉密】 and is
 * never matched on its hidden text. The filters live in the URL.
 */
export function ArchiveList() {
  const db = useDb();
  const actor = useActor();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const yearRaw = Number(params.get('year'));
  const year = params.has('year') && Number.isInteger(yearRaw) ? yearRaw : undefined;
  const orgCode = params.get('org') ?? undefined;
  const [page, setPage] = useState(1);
  const [typed, setTyped] = useState(search);
  const ids = { year: useId(), org: useId() };
  const facets = useLiveQuery(() => archiveFacets(db, actor), [db, actor.id]);
  const result = useLiveQuery(
    () => searchArchive(db, actor, { ...(search.trim() ? { search: search.trim() } : {}), ...(year !== undefined ? { year } : {}), ...(orgCode ? { orgCode } : {}), offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
    [db, actor.id, search, year, orgCode, page],
  );
  const set = (patch: Record<string, string | undefined>) => {
    setParams(patchParams(params, patch), { replace: true });
    setPage(1);
  };
  useEffect(() => {
    // A short pause after typing, as in the registers.
    const t = setTimeout(() => {
      if (typed !== search) set({ q: typed });
    }, 150);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only typing restarts the pause
  }, [typed]);
  const open = (v: ArchiveView) => navigate(archiveEntryPath(v.entry.id, params.toString()));

  return (
    <Card title="档案查阅">
      <Form layout="inline" component="div" style={{ rowGap: 8, marginBottom: 12 }}>
        <Form.Item>
          <Input.Search aria-label="搜索" placeholder="档号、题名、文号、收文编号" allowClear value={typed} onChange={(e) => setTyped(e.target.value)} onSearch={(v) => set({ q: v })} style={{ width: 280 }} />
        </Form.Item>
        <Form.Item label="年度" htmlFor={ids.year}>
          <Select
            id={ids.year}
            allowClear
            placeholder="全部"
            style={{ width: 100 }}
            value={year}
            onChange={(v?: number) => set({ year: v === undefined ? undefined : String(v) })}
            options={(facets?.years ?? []).map((y) => ({ value: y, label: String(y) }))}
          />
        </Form.Item>
        <Form.Item label="机构" htmlFor={ids.org}>
          <Select
            id={ids.org}
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="全部"
            style={{ width: 160 }}
            value={orgCode}
            onChange={(v?: string) => set({ org: v })}
            options={(facets?.orgs ?? []).map((o) => ({ value: o.code, label: `${o.code} ${o.name}` }))}
          />
        </Form.Item>
      </Form>
      <Table<ArchiveView>
        rowKey={(v) => v.entry.id}
        size="small"
        aria-label="档案查阅"
        loading={!result}
        dataSource={result?.rows ?? []}
        onRow={(v) => ({ onDoubleClick: () => open(v) })}
        locale={{ emptyText: search || year !== undefined || orgCode ? '没有符合条件的归档文件，请调整搜索或筛选条件' : '尚无归档文件：秘书在“归档”中归档后，可在此查阅和打印' }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: result?.total ?? 0, showSizeChanger: false, showTotal: (t) => `共 ${t} 件`, onChange: setPage }}
        columns={[
          {
            title: '档号',
            key: 'archiveCode',
            width: 230,
            render: (_, v) => (
              <a
                href={`#${archiveEntryPath(v.entry.id, params.toString())}`}
                onClick={(e) => {
                  e.preventDefault();
                  open(v);
                }}
              >
                {v.entry.archiveCode}
              </a>
            ),
          },
          {
            title: '题名',
            key: 'title',
            ellipsis: { showTitle: false },
            render: (_, v) =>
              v.canSeeContent ? (
                <Tooltip title={v.entry.title} placement="topLeft">
                  {v.entry.title}
                </Tooltip>
              ) : (
                <Typography.Text type="secondary">{v.entry.title}</Typography.Text>
              ),
          },
          { title: '责任者', key: 'responsible', width: 150, ellipsis: true, render: (_, v) => v.entry.responsible },
          { title: '日期', key: 'date', width: 100, render: (_, v) => v.entry.date },
          { title: '密级', key: 'classification', width: 60, render: (_, v) => v.entry.classification },
          { title: '保管期限', key: 'retention', width: 90, render: (_, v) => v.entry.retention },
          { title: '机构', key: 'org', width: 70, render: (_, v) => v.entry.orgCode },
        ]}
      />
    </Card>
  );
}
