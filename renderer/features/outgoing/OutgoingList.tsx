import { App, Button, Card, Form, Input, Select, Space, Table } from 'antd';
import { useEffect, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { todayIso } from '@shared/domain/dates';
import { CLASSIFICATIONS, isClassified } from '@shared/domain/enums';
import { OUTGOING_STATES } from '@shared/domain/outgoing-types';
import { can } from '@shared/domain/permissions';
import { useDb } from '../../db/DbContext';
import { useLiveQuery } from '../../db/live';
import { useSend } from '../../db/commands/use-send';
import { getOutgoingSeries, listOutgoing, outgoingYears, type OutgoingRow } from '../../db/repositories/outgoing';
import { getUnitInfo } from '../../db/repositories/settings';
import { usePlatform } from '../../platform/context';
import { watermarkText } from '../../print/watermark';
import { EmptyState } from '../../ui/EmptyState';
import { errorText } from '../../ui/error-text';
import { FiledStateTag } from '../../ui/filed';
import { ClassificationTag, UrgencyTag } from '../../ui/labels';
import { ellipsisColumn, useColumnChooser, type ChoosableColumn } from '../../ui/list-columns';
import { useActor } from '../../ui/session';
import { OutgoingStateTag } from './outgoing-ui';
import { outgoingQuery, outgoingRegisterLines, outputRef, type OutgoingFilters } from './register-lines';

const PAGE_SIZE = 50;

/** 发文登记簿: every 发文, newest first, filtered; the title masked outside need to know. */
export function OutgoingList() {
  const db = useDb();
  const actor = useActor();
  const navigate = useNavigate();
  const today = todayIso();
  const ids = { year: useId(), state: useId(), series: useId(), cls: useId() };
  const [filters, setFilters] = useState<OutgoingFilters>({ text: '' });
  const [searchText, setSearchText] = useState('');
  const [page, setPage] = useState(1);
  const series = useLiveQuery(() => getOutgoingSeries(db), [db]);
  const years = useLiveQuery(() => outgoingYears(db), [db]);
  const result = useLiveQuery(() => listOutgoing(db, actor, { ...outgoingQuery(filters), offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }, today), [db, actor.id, filters, page, today]);
  useEffect(() => {
    // Search follows typing after a short pause.
    const t = setTimeout(() => {
      setFilters((f) => (f.text === searchText ? f : { ...f, text: searchText }));
      setPage(1);
    }, 150);
    return () => clearTimeout(t);
  }, [searchText]);
  const set = (patch: Partial<OutgoingFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const writer = can(actor, 'outgoing.process');
  const total = result?.total ?? 0;
  // Widths sum to what a 1366×768 screen leaves beside the menu; 标题 takes the rest.
  const { columns, chooser } = useColumnChooser<OutgoingRow>('outgoing.register', [
    { ...ellipsisColumn<OutgoingRow>({ width: 182, text: (r) => r.docNumber ?? '未编号', render: (r) => <a href={`#/outgoing/${r.id}`}>{r.docNumber ?? '未编号'}</a> }), title: '文号', key: 'docNumber', fixedOn: true },
    { ...ellipsisColumn<OutgoingRow>({ text: (r) => r.title, secondary: (r) => r.masked }), title: '标题', key: 'title' },
    { title: '文种', key: 'docType', dataIndex: 'docType', width: 56 },
    { ...ellipsisColumn<OutgoingRow>({ width: 120, text: (r) => r.mainTo.join('、') }), title: '主送', key: 'mainTo' },
    { title: '密级', key: 'classification', width: 58, render: (_, r) => <ClassificationTag level={r.classification} /> },
    { title: '紧急程度', key: 'urgency', optional: true, width: 80, render: (_, r) => <UrgencyTag urgency={r.urgency} /> },
    { ...ellipsisColumn<OutgoingRow>({ width: 96, text: (r) => r.draftingUnitName }), title: '拟稿单位', key: 'draftingUnit' },
    { title: '状态', key: 'state', width: 76, render: (_, r) => (r.archiveCode ? <FiledStateTag archiveCode={r.archiveCode} /> : <OutgoingStateTag state={r.state} />) },
    { title: '签发日期', key: 'signDate', width: 96, render: (_, r) => r.signedDate ?? '' },
    { ...ellipsisColumn<OutgoingRow>({ width: 72, text: (r) => r.signer }), title: '签发人', key: 'signer', optional: true },
  ] satisfies ChoosableColumn<OutgoingRow>[]);
  const filtered = !!(filters.text.trim() || filters.year || filters.state || filters.seriesId || filters.classification);
  return (
    <Card
      title="发文登记簿"
      extra={
        <Space>
          {writer && (
            <Button type="primary" onClick={() => navigate('/outgoing/new')}>
              拟稿
            </Button>
          )}
          <Button onClick={() => navigate('/outgoing/numbers')}>文号台账</Button>
          <ExportButton filters={filters} total={total} />
          {/* Filters travel in the URL, so a reload of the preview prints the same list. */}
          <Button onClick={() => navigate(`/outgoing/print-register?f=${encodeURIComponent(JSON.stringify(filters))}`)} disabled={total === 0}>
            打印
          </Button>
          {chooser}
        </Space>
      }
    >
      <Form layout="inline" component="div" style={{ rowGap: 8, marginBottom: 12 }}>
        <Form.Item>
          <Input.Search aria-label="搜索" placeholder="标题、文号、主送、拟稿单位" allowClear value={searchText} onChange={(e) => setSearchText(e.target.value)} onSearch={(v) => set({ text: v })} style={{ width: 280 }} />
        </Form.Item>
        <Form.Item label="年度" htmlFor={ids.year}>
          <Select id={ids.year} allowClear placeholder="全部" style={{ width: 96 }} value={filters.year} onChange={(v) => set({ year: v })} options={(years ?? []).map((y) => ({ value: y, label: String(y) }))} />
        </Form.Item>
        <Form.Item label="状态" htmlFor={ids.state}>
          <Select id={ids.state} allowClear placeholder="全部" style={{ width: 104 }} value={filters.state} onChange={(v) => set({ state: v })} options={OUTGOING_STATES.map((s) => ({ value: s, label: s }))} />
        </Form.Item>
        <Form.Item label="发文字号" htmlFor={ids.series}>
          <Select id={ids.series} allowClear placeholder="全部" style={{ width: 120 }} value={filters.seriesId} onChange={(v) => set({ seriesId: v })} options={(series ?? []).map((s) => ({ value: s.id, label: s.code }))} />
        </Form.Item>
        <Form.Item label="密级" htmlFor={ids.cls}>
          <Select id={ids.cls} allowClear placeholder="全部" style={{ width: 90 }} value={filters.classification} onChange={(v) => set({ classification: v })} options={CLASSIFICATIONS.map((s) => ({ value: s, label: s }))} />
        </Form.Item>
      </Form>
      <Table<OutgoingRow>
        rowKey="id"
        size="small"
        aria-label="发文登记簿"
        tableLayout="fixed"
        loading={!result}
        dataSource={result?.rows ?? []}
        locale={filtered ? undefined : { emptyText: <OutgoingEmpty writer={writer} /> }}
        scroll={{ y: 'calc(100vh - 330px)' }}
        rowClassName={(r) => (r.overdue ? 'ws-row-overdue' : '')}
        onRow={(r) => ({ onDoubleClick: () => navigate(`/outgoing/${r.id}`) })}
        pagination={{ current: page, pageSize: PAGE_SIZE, total, showSizeChanger: false, showTotal: (t) => `共 ${t} 件`, onChange: setPage }}
        columns={columns}
      />
    </Card>
  );
}

function OutgoingEmpty({ writer }: { writer: boolean }) {
  return writer ? (
    <EmptyState title="登记簿中还没有发文" hint="拟稿后逐步送核稿、签发；文号在登记时编定。" actions={[{ label: '拟稿第一件发文', to: '/outgoing/new', primary: true }]} />
  ) : (
    <EmptyState title="登记簿中还没有发文" hint="秘书拟稿登记后，这里按文号列出。" />
  );
}

/** 导出: the filtered register to XLSX, saved where the user picks; logged, watermarked when classified. */
function ExportButton({ filters, total }: { filters: OutgoingFilters; total: number }) {
  const db = useDb();
  const platform = usePlatform();
  const actor = useActor();
  const send = useSend();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const today = todayIso();
      const rows = await outgoingRegisterLines(db, actor, filters, today);
      const watermark = watermarkText(actor, new Date());
      const unit = await getUnitInfo(db);
      const { outgoingWorkbook, outgoingXlsxName } = await import('./outgoing-xlsx');
      const bytes = await outgoingWorkbook(rows, {
        title: `${unit?.name ?? ''}发文登记簿${filters.year ? `（${filters.year}年）` : ''}`,
        ...(rows.some((r) => isClassified(r.classification)) ? { note: `含涉密内容 · ${watermark}` } : {}),
      });
      const saved = await platform.saveFile({ suggestedName: outgoingXlsxName(today), data: bytes, filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }] });
      if (saved.saved) {
        await send('output.record', { kind: '导出XLSX', document: '发文登记簿', records: rows.map(outputRef), path: saved.path, watermark });
        void message.success(`已导出 ${rows.length} 件`);
      }
    } catch (e) {
      void message.error(`导出失败：${errorText(e)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button onClick={() => void run()} loading={busy} disabled={total === 0}>
      导出
    </Button>
  );
}
