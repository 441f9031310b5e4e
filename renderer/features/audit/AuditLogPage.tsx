import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Table, Typography } from 'antd';
import { RuleError } from '@shared/domain/rule-error';
import { CommandDialog } from '../../ui/CommandDialog';
import type { Dayjs } from 'dayjs';
import { useLiveQuery } from '../../db/live';
import { useId, useState } from 'react';
import { useDb } from '../../db/DbContext';
import {
  acknowledgeAuditGap,
  auditFilterOptions,
  auditSegments,
  describeGap,
  readAuditLog,
  readAuditSegment,
  shortId,
  type AuditVerification,
} from '../../db/repositories/audit-log';
import { useSend } from '../../db/commands/use-send';
import type { AuditEntry } from '../../db/types';
import { can } from '@shared/domain/permissions';
import { useActor } from '../../ui/session';
import { ellipsisColumn } from '../../ui/list-columns';
import { formatLocalTime } from '../../ui/format-time';

const PAGE_SIZE = 20;

/** 审计日志: the 安全审计员 reads, filters and verifies the hash chain. Nobody can edit it here. */
export function AuditLogPage() {
  // 审计 rights are checked once, by the route guard, with the menu entry's own permission (app/AppLayout).
  return <AuditLogView />;
}

function AuditLogView() {
  const db = useDb();
  const actor = useActor();
  const send = useSend();
  const [actorName, setActorName] = useState<string | undefined>();
  const [action, setAction] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifying, setVerifying] = useState(false);
  const ids = { user: useId(), action: useId(), date: useId(), segment: useId() };
  const { message } = App.useApp();
  // '' = the current log; otherwise a segment a restore sealed (read as it was, filters do not apply).
  const [segment, setSegment] = useState('');
  const [ackOpen, setAckOpen] = useState(false);
  const segments = useLiveQuery(() => auditSegments(db, actor), [db, actor.id]);

  const from = range?.[0]?.format('YYYY-MM-DD');
  const to = range?.[1]?.format('YYYY-MM-DD');
  const options = useLiveQuery(() => auditFilterOptions(db, actor), [db, actor.id]);
  const result = useLiveQuery(
    () =>
      segment ? readAuditSegment(db, actor, segment, (page - 1) * PAGE_SIZE, PAGE_SIZE) : readAuditLog(db, actor, {
        ...(actorName ? { actorName } : {}),
        ...(action ? { action } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        offset: (page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
      }),
    [db, actor.id, actorName, action, from, to, page, segment],
  );

  const verify = async () => {
    setVerifying(true);
    try {
      setVerification(await send('audit.verify', {}));
    } catch (e) {
      setVerification({ ok: false, count: 0, firstBrokenSeq: 0, reason: `校验未能完成：${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setVerifying(false);
    }
  };

  return (
    <Card title="审计日志">
      <Form layout="inline" component="div" style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label="用户" htmlFor={ids.user}>
          <Select
            id={ids.user}
            allowClear
            showSearch
            style={{ width: 160 }}
            value={actorName}
            onChange={(v) => {
              setActorName(v);
              setPage(1);
            }}
            options={(options?.actors ?? []).map((a) => ({ value: a, label: a }))}
            placeholder="全部"
          />
        </Form.Item>
        <Form.Item label="操作" htmlFor={ids.action}>
          <Select
            id={ids.action}
            allowClear
            showSearch
            style={{ width: 180 }}
            value={action}
            onChange={(v) => {
              setAction(v);
              setPage(1);
            }}
            options={(options?.actions ?? []).map((a) => ({ value: a, label: a }))}
            placeholder="全部"
          />
        </Form.Item>
        <Form.Item label="日期" htmlFor={ids.date}>
          <DatePicker.RangePicker
            id={{ start: ids.date }}
            value={range}
            onChange={(v) => {
              setRange(v);
              setPage(1);
            }}
          />
        </Form.Item>
        {segments && segments.length > 0 && (
          <Form.Item label="日志段" htmlFor={ids.segment}>
            <Select
              id={ids.segment}
              style={{ width: 300 }}
              value={segment}
              onChange={(v) => {
                setSegment(v);
                setPage(1);
              }}
              options={[
                { value: '', label: '当前日志' },
                ...segments.map((g) => ({
                  value: g.id,
                  label: `封存段 ${shortId(g.id)}（${g.count} 条${g.sealedAt ? `，${formatLocalTime(g.sealedAt).slice(0, 10)} 恢复时封存` : ''}）`,
                })),
              ]}
            />
          </Form.Item>
        )}
        <Form.Item>
          <Button type="primary" onClick={() => void verify()} loading={verifying}>
            验证完整性
          </Button>
        </Form.Item>
      </Form>
      {segment && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`正在查看封存段 ${shortId(segment)}：恢复备份前的日志，原样保留，可与当前日志一并校验（用户、操作、日期筛选只作用于当前日志）`}
        />
      )}
      {verification &&
        (verification.ok ? (
          <Alert
            role="status"
            type="success"
            showIcon
            style={{ marginBottom: 16 }}
            title={
              verification.gaps.length
                ? `校验通过（含 ${verification.gaps.length} 处经确认的断档：${verification.gaps.map(describeGap).join('；')}）：共 ${verification.count} 条`
                : `校验通过：共 ${verification.count} 条，哈希链完整`
            }
            description={
              <>
                <Typography.Text code copyable>{`链尾哈希 ${verification.headHash}`}</Typography.Text>
                {verification.segments.length > 0 && (
                  <div>
                    {verification.segments
                      .map((g) => `封存段 ${shortId(g.id)}：${g.count} 条，止于第 ${g.headSeq} 条，由第 ${g.sealedBy ? `${g.sealedBySeq} 条（${g.sealedBy} 恢复备份）` : `${g.sealedBySeq} 条`}封存，完整`)
                      .join('；')}
                  </div>
                )}
              </>
            }
          />
        ) : (
          <Alert
            role="alert"
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={
              verification.firstBrokenSeq > 0
                ? `校验失败：${verification.segment ? `封存段 ${shortId(verification.segment)} ` : ''}第 ${verification.firstBrokenSeq} 条起日志不可信`
                : verification.count > 0 || verification.canAcknowledge
                  ? '校验失败：审计日志被截断或改动'
                  : '校验未能完成'
            }
            description={verification.reason}
            action={
              verification.canAcknowledge && can(actor, 'audit.read') ? (
                <Button danger onClick={() => setAckOpen(true)}>
                  确认断档
                </Button>
              ) : undefined
            }
          />
        ))}
      {ackOpen && (
        <CommandDialog<{ reason: string }, unknown>
          title="确认断档"
          verb="确认断档"
          danger
          initialValues={{ reason: '' }}
          run={(v) => (v.reason.trim() ? acknowledgeAuditGap(db, actor, v.reason) : Promise.reject(RuleError.at('reason', '请填写原因')))}
          onDone={() => {
            message.success('已确认断档，审计日志恢复记录');
            void verify();
          }}
          onClose={() => setAckOpen(false)}
        >
          <Typography.Paragraph>
            确认后将记入一条“确认断档”日志，写明缺失的范围、原链尾与现存最后一条，序号接在曾记录的最大序号之后，日志从此恢复记录。缺失的条目不会恢复；此后每次验证都会列出这一断档。
          </Typography.Paragraph>
          <Form.Item label="原因" name="reason" required>
            <Input.TextArea rows={3} placeholder="核查经过与结论" />
          </Form.Item>
        </CommandDialog>
      )}
      <Table<AuditEntry>
        rowKey="seq"
        size="small"
        loading={!result}
        dataSource={result?.rows ?? []}
        aria-label="审计日志"
        tableLayout="fixed"
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: result?.total ?? 0,
          showSizeChanger: false,
          showTotal: (t) => `共 ${t} 条`,
          onChange: setPage,
        }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 70 },
          { title: '时间', dataIndex: 'time', width: 160, render: (t: string) => formatLocalTime(t, { seconds: true }) },
          { ...ellipsisColumn<AuditEntry>({ width: 100, text: (e) => e.actorName }), title: '用户' },
          { ...ellipsisColumn<AuditEntry>({ width: 130, text: (e) => e.action }), title: '操作' },
          { ...ellipsisColumn<AuditEntry>({ width: 90, text: (e) => e.entityType }), title: '对象' },
          { ...ellipsisColumn<AuditEntry>({ text: (e) => e.summary }), title: '摘要' },
        ]}
      />
    </Card>
  );
}
