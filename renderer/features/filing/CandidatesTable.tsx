import { Alert, App, Button, InputNumber, Select, Space, Table, Tooltip, Typography } from 'antd';
import { useLiveQuery } from '../../db/live';
import { useId, useState } from 'react';
import { RETENTION_PERIODS, type FilingItem, type RetentionPeriod } from '@shared/domain/filing';
import { useDb } from '../../db/DbContext';
import { fileRecords, filingCandidates, type FilingCandidate } from '../../db/repositories/filing';
import { listDepartments } from '../../db/repositories/settings';
import { useActor } from '../../ui/session';
import { ellipsisColumn, useColumnChooser, type ChoosableColumn } from '../../ui/list-columns';
import { EmptyState } from '../../ui/EmptyState';

/** What the filer changed on a row; anything not set keeps the candidate's proposal. */
interface Choice {
  orgCode?: string;
  retention?: RetentionPeriod;
  pages?: number;
}

const retentionOptions = RETENTION_PERIODS.map((r) => ({ value: r, label: r }));

/** 待归档 of `year`: pick rows, set their 机构 and 保管期限 (one by one or all selected at once), 归档. */
export function CandidatesTable({ year }: { year: number }) {
  const db = useDb();
  const actor = useActor();
  const { message } = App.useApp();
  const [selected, setSelected] = useState<string[]>([]);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Each Select its own id (and so its own listbox id), row by row.
  const idBase = useId();

  const data = useLiveQuery(async () => {
    const [candidates, departments] = await Promise.all([filingCandidates(db, actor, year), listDepartments(db)]);
    return { candidates, departments };
  }, [db, actor.id, year]);
  const candidates = data?.candidates ?? [];
  const orgOptions = (data?.departments ?? []).filter((d) => !d.disabled).map((d) => ({ value: d.code, label: `${d.code} ${d.name}` }));
  // Rows filed or gone (another 年度, another window) drop out of the selection.
  const present = new Set(candidates.map((c) => c.recordId));
  const chosen = selected.filter((id) => present.has(id));

  const orgOf = (c: FilingCandidate) => choices[c.recordId]?.orgCode ?? c.proposedOrgCode;
  const retentionOf = (c: FilingCandidate) => choices[c.recordId]?.retention ?? c.proposedRetention;
  const pagesOf = (c: FilingCandidate) => choices[c.recordId]?.pages ?? c.entry.pages;
  const choose = (ids: readonly string[], patch: Choice) =>
    setChoices((prev) => {
      const next = { ...prev };
      for (const id of ids) next[id] = { ...next[id], ...patch };
      return next;
    });

  // The two fields the filer sets (机构, 保管期限) always fit a 1366×768 screen; 题名 takes the rest.
  const { columns, chooser } = useColumnChooser<FilingCandidate>('filing.candidates', [
    { title: '类别', key: 'kind', width: 44, render: (_, c) => c.kind },
    { ...ellipsisColumn<FilingCandidate>({ width: 132, text: (c) => c.label }), title: '编号', key: 'label', fixedOn: true },
    { ...ellipsisColumn<FilingCandidate>({ width: 130, text: (c) => c.entry.docNumber }), title: '文号', key: 'docNumber' },
    { ...ellipsisColumn<FilingCandidate>({ width: 96, text: (c) => c.entry.responsible }), title: '责任者', key: 'responsible' },
    { ...ellipsisColumn<FilingCandidate>({ text: (c) => c.entry.title }), title: '题名', key: 'title' },
    { title: '日期', key: 'date', width: 92, render: (_, c) => c.entry.date },
    { title: '密级', key: 'classification', width: 50, render: (_, c) => c.entry.classification },
    {
      title: '页数',
      key: 'pages',
      width: 76,
      render: (_, c) => (
        <Tooltip title={c.pagesEstimated ? '页数为估计值，请核对' : undefined}>
          <InputNumber<number>
            aria-label="页数"
            size="small"
            min={1}
            max={9999}
            precision={0}
            value={pagesOf(c)}
            status={c.pagesEstimated && choices[c.recordId]?.pages === undefined ? 'warning' : undefined}
            onChange={(v) => {
              if (typeof v === 'number') choose([c.recordId], { pages: v });
            }}
            style={{ width: 60 }}
          />
        </Tooltip>
      ),
    },
    {
      title: '机构',
      key: 'org',
      width: 140,
      render: (_, c) => (
        <Select<string>
          id={`${idBase}-org-${c.recordId}`}
          aria-label="机构"
          size="small"
          placeholder="请选择"
          style={{ width: '100%' }}
          popupMatchSelectWidth={false}
          value={orgOf(c) ?? null}
          options={orgOptions}
          onChange={(v) => choose([c.recordId], { orgCode: v })}
        />
      ),
    },
    {
      title: '保管期限',
      key: 'retention',
      width: 118,
      render: (_, c) => (
        <Select<RetentionPeriod>
          id={`${idBase}-retention-${c.recordId}`}
          aria-label="保管期限"
          size="small"
          style={{ width: '100%' }}
          value={retentionOf(c)}
          options={retentionOptions}
          onChange={(v) => choose([c.recordId], { retention: v })}
        />
      ),
    },
  ] satisfies ChoosableColumn<FilingCandidate>[]);

  const file = async () => {
    const rows = candidates.filter((c) => chosen.includes(c.recordId));
    // Named by the row, not by its place in the batch ("第 n 项") that the filer never sees.
    const noOrg = rows.find((c) => !orgOf(c));
    if (noOrg) {
      setError(`${noOrg.kind} ${noOrg.label}：请选择机构`);
      return;
    }
    const items: FilingItem[] = rows.map((c) => {
      const pages = choices[c.recordId]?.pages;
      return { kind: c.kind, recordId: c.recordId, orgCode: orgOf(c) ?? '', retention: retentionOf(c), ...(pages !== undefined ? { pages } : {}) };
    });
    setBusy(true);
    setError(null);
    try {
      const filed = await fileRecords(db, actor, year, items);
      setSelected([]);
      setChoices((prev) => Object.fromEntries(Object.entries(prev).filter(([id]) => !filed.some((r) => r.recordId === id))));
      void message.success(`已归档 ${filed.length} 件`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text>所选设为</Typography.Text>
        <Select<string>
          id={`${idBase}-batch-org`}
          aria-label="所选设为机构"
          placeholder="机构"
          style={{ width: 180 }}
          disabled={chosen.length === 0}
          value={null}
          options={orgOptions}
          onChange={(v) => choose(chosen, { orgCode: v })}
        />
        <Select<RetentionPeriod>
          id={`${idBase}-batch-retention`}
          aria-label="所选设为保管期限"
          placeholder="保管期限"
          style={{ width: 130 }}
          disabled={chosen.length === 0}
          value={null}
          options={retentionOptions}
          onChange={(v) => choose(chosen, { retention: v })}
        />
        <Button type="primary" loading={busy} disabled={chosen.length === 0} onClick={() => void file()}>
          归档
        </Button>
        <Typography.Text type="secondary">{`已选 ${chosen.length} 件，共 ${candidates.length} 件待归档`}</Typography.Text>
        {chooser}
      </Space>
      {error && <Alert type="error" showIcon title={error} closable={{ onClose: () => setError(null) }} style={{ marginBottom: 12 }} />}
      <Table<FilingCandidate>
        rowKey="recordId"
        size="small"
        aria-label="待归档"
        loading={!data}
        dataSource={candidates}
        tableLayout="fixed"
        locale={{ emptyText: <EmptyState title={`${year} 年度没有待归档的文件`} hint="办结的收文、已核发的发文和已签发的会议纪要在这里等待归档；先在收文登记簿中办结、在发文登记簿中核发，或签发会议纪要。" actions={[{ label: '查看收文登记簿', to: '/incoming' }, { label: '查看发文登记簿', to: '/outgoing' }, { label: '查看会议纪要', to: '/meetings' }]} /> }}
        pagination={false}
        rowSelection={{ columnWidth: 32, selectedRowKeys: chosen, onChange: (keys) => setSelected(keys.map(String)) }}
        columns={columns}
      />
    </>
  );
}
