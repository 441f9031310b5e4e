import { Alert, App, Button, Card, Empty, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { formatLocalDateTime } from '@shared/domain/dates';
import type { DocNumberEntry, DocNumberStatus } from '@shared/domain/outgoing-types';
import { can } from '@shared/domain/permissions';
import { useDb } from '../../db/DbContext';
import { useLiveQuery } from '../../db/live';
import { useSend } from '../../db/commands/use-send';
import { docNumberLedger, docNumberYears, getOutgoingSeries } from '../../db/repositories/outgoing';
import { CommandDialog } from '../../ui/CommandDialog';
import { ellipsisColumn } from '../../ui/list-columns';
import { useActor } from '../../ui/session';

const STATUS_COLOR: Record<DocNumberStatus, string> = { 已用: 'green', 作废: 'red', 预留: 'gold' };

/** 文号台账: every number of one series and year, with its 发文 or why it is 作废/预留; gaps in red. */
export function NumberLedger() {
  const db = useDb();
  const actor = useActor();
  const navigate = useNavigate();
  const ids = { series: useId(), year: useId() };
  const series = useLiveQuery(() => getOutgoingSeries(db), [db]);
  const [seriesId, setSeriesId] = useState<string | undefined>();
  const [year, setYear] = useState(new Date().getFullYear());
  const chosen = seriesId ?? series?.[0]?.id;
  const numberedYears = useLiveQuery(() => (chosen ? docNumberYears(db, actor, chosen) : Promise.resolve([])), [db, actor.id, chosen]);
  const ledger = useLiveQuery(() => (chosen ? docNumberLedger(db, actor, chosen, year) : Promise.resolve(null)), [db, actor.id, chosen, year]);
  const [dialog, setDialog] = useState<{ kind: 'reserve' } | { kind: 'void'; entry?: DocNumberEntry } | null>(null);
  const writer = can(actor, 'outgoing.process');
  const thisYear = new Date().getFullYear();
  const reserved = (ledger?.entries ?? []).filter((e) => e.status === '预留');
  return (
    <Card
      title="文号台账"
      extra={
        <Space>
          {writer && chosen && (
            <>
              <Button onClick={() => setDialog({ kind: 'reserve' })}>预留文号</Button>
              <Button danger disabled={reserved.length === 0} onClick={() => setDialog({ kind: 'void' })}>
                作废预留号
              </Button>
            </>
          )}
          <Button onClick={() => navigate('/outgoing')}>返回登记簿</Button>
        </Space>
      }
    >
      <Form layout="inline" component="div" style={{ marginBottom: 12 }}>
        <Form.Item label="发文字号" htmlFor={ids.series}>
          <Select id={ids.series} style={{ width: 160 }} value={chosen} onChange={setSeriesId} options={(series ?? []).map((s) => ({ value: s.id, label: `${s.code}${s.retired ? '（停用）' : ''}` }))} />
        </Form.Item>
        <Form.Item label="年度" htmlFor={ids.year}>
          <Select id={ids.year} style={{ width: 100 }} value={year} onChange={setYear} options={[...new Set([thisYear, ...(numberedYears ?? [])])].sort((a, b) => b - a).map((y) => ({ value: y, label: String(y) }))} />
        </Form.Item>
      </Form>
      {series && series.length === 0 && <Empty description="还没有发文字号：请在“设置 → 发文字号”中添加" />}
      {ledger && ledger.gaps.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={`文号不连续：缺 ${ledger.gaps.map((n) => `${n}号`).join('、')}`}
          description="每个文号都应在台账中有记录（已用、作废或预留）；请查明缺号原因。"
        />
      )}
      {ledger && (
        <Table<DocNumberEntry>
          rowKey="id"
          size="small"
          aria-label="文号台账"
          tableLayout="fixed"
          dataSource={ledger.entries}
          pagination={false}
          scroll={{ y: 'calc(100vh - 330px)' }}
          locale={{ emptyText: `${year}年本字号还没有编号` }}
          columns={[
            { title: '序号', key: 'seq', dataIndex: 'seq', width: 60 },
            { title: '文号', key: 'number', width: 190, render: (_, e) => (e.outgoingId ? <a href={`#/outgoing/${e.outgoingId}`}>{e.number}</a> : e.number) },
            { title: '状态', key: 'status', width: 70, render: (_, e) => <Tag color={STATUS_COLOR[e.status]}>{e.status === '已用' ? '发文' : e.status}</Tag> },
            { ...ellipsisColumn<DocNumberEntry>({ text: (e) => (e.outgoingId ? ledger.holders[e.outgoingId]?.title : undefined) }), title: '发文标题', key: 'holder' },
            { ...ellipsisColumn<DocNumberEntry>({ width: 220, text: (e) => e.reason }), title: '说明', key: 'reason' },
            {
              title: '经办',
              key: 'history',
              width: 230,
              render: (_, e) => {
                const h = e.history[e.history.length - 1];
                return h ? <Typography.Text type="secondary">{`${h.action} ${h.byName} ${formatLocalDateTime(h.at)}`}</Typography.Text> : '';
              },
            },
            ...(writer
              ? [
                  {
                    title: '',
                    key: 'act',
                    width: 70,
                    render: (_: unknown, e: DocNumberEntry) =>
                      e.status === '预留' ? (
                        <Button size="small" danger onClick={() => setDialog({ kind: 'void', entry: e })}>
                          作废
                        </Button>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      )}
      {dialog?.kind === 'reserve' && chosen && <ReserveDialog seriesId={chosen} year={year} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'void' && <VoidReservedDialog entries={reserved} {...(dialog.entry ? { entry: dialog.entry } : {})} onClose={() => setDialog(null)} />}
    </Card>
  );
}

function ReserveDialog({ seriesId, year, onClose }: { seriesId: string; year: number; onClose(): void }) {
  const send = useSend();
  const { message } = App.useApp();
  return (
    <CommandDialog<{ reason?: string }, DocNumberEntry>
      title={`预留文号（${year}年）`}
      verb="预留"
      run={(v) => send('outgoing.reserveNumber', { seriesId, year, reason: v.reason?.trim() ?? '' })}
      onClose={onClose}
      onDone={(e) => void message.success(`已预留 ${e.number}`)}
    >
      <Typography.Paragraph>取本字号下一个文号预留，登记时可选用；预留号不用时须作废并写明理由。</Typography.Paragraph>
      <Form.Item label="预留理由" name="reason" rules={[{ required: true, whitespace: true, message: '请填写预留理由' }]}>
        <Input.TextArea rows={2} data-autofocus placeholder="如 县长签发的联合发文" />
      </Form.Item>
    </CommandDialog>
  );
}

function VoidReservedDialog({ entries, entry, onClose }: { entries: DocNumberEntry[]; entry?: DocNumberEntry; onClose(): void }) {
  const send = useSend();
  const { message } = App.useApp();
  return (
    <CommandDialog<{ entryId?: string; reason?: string }, unknown>
      title="作废预留号"
      verb="作废"
      danger
      initialValues={entry ? { entryId: entry.id } : entries.length === 1 ? { entryId: entries[0]!.id } : {}}
      run={(v) => send('outgoing.voidNumber', { entryId: v.entryId ?? '', reason: v.reason?.trim() ?? '' })}
      onClose={onClose}
      onDone={(_r, v) => void message.success(`已作废 ${entries.find((e) => e.id === v.entryId)?.number ?? ''}`)}
    >
      <Form.Item label="预留号" name="entryId" rules={[{ required: true, message: '请选择预留号' }]}>
        <Select options={entries.map((e) => ({ value: e.id, label: `${e.number}（${e.reason ?? ''}）` }))} />
      </Form.Item>
      <Form.Item label="作废理由" name="reason" rules={[{ required: true, whitespace: true, message: '请填写作废理由' }]}>
        <Input.TextArea rows={2} data-autofocus />
      </Form.Item>
    </CommandDialog>
  );
}
