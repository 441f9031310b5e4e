import { Alert, Button, Card, DatePicker, Form, Select, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { useDb } from '../../app/DbContext';
import type { AuditVerification } from '../../db/audit';
import { auditFilterOptions, readAuditLog, verifyAuditLog } from '../../db/repositories/audit-log';
import type { AuditEntry } from '../../db/types';
import { Forbidden } from '../../ui/Forbidden';
import { can } from '@shared/domain/permissions';
import { useActor } from '../auth/AuthContext';

const PAGE_SIZE = 20;

/** 审计日志: the 安全审计员 reads, filters and verifies the hash chain. Nobody can edit it here. */
export function AuditLogPage() {
  const actor = useActor();
  if (!can(actor, 'audit.read')) return <Forbidden />;
  return <AuditLogView />;
}

function AuditLogView() {
  const db = useDb();
  const actor = useActor();
  const [actorName, setActorName] = useState<string | undefined>();
  const [action, setAction] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifying, setVerifying] = useState(false);
  const ids = { user: useId(), action: useId(), date: useId() };

  const from = range?.[0]?.format('YYYY-MM-DD');
  const to = range?.[1]?.format('YYYY-MM-DD');
  const options = useLiveQuery(() => auditFilterOptions(db, actor), [db, actor.id]);
  const result = useLiveQuery(
    () =>
      readAuditLog(db, actor, {
        ...(actorName ? { actorName } : {}),
        ...(action ? { action } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        offset: (page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
      }),
    [db, actor.id, actorName, action, from, to, page],
  );

  const verify = async () => {
    setVerifying(true);
    try {
      setVerification(await verifyAuditLog(db, actor));
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
        <Form.Item>
          <Button type="primary" onClick={() => void verify()} loading={verifying}>
            验证完整性
          </Button>
        </Form.Item>
      </Form>
      {verification &&
        (verification.ok ? (
          <Alert
            role="status"
            type="success"
            showIcon
            style={{ marginBottom: 16 }}
            title={`校验通过：共 ${verification.count} 条，哈希链完整`}
            description={<Typography.Text code copyable>{`链尾哈希 ${verification.headHash}`}</Typography.Text>}
          />
        ) : (
          <Alert
            role="alert"
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={verification.firstBrokenSeq > 0 ? `校验失败：第 ${verification.firstBrokenSeq} 条起日志不可信` : '校验未能完成'}
            description={verification.reason}
          />
        ))}
      <Table<AuditEntry>
        rowKey="seq"
        size="small"
        loading={!result}
        dataSource={result?.rows ?? []}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: result?.total ?? 0,
          showSizeChanger: false,
          showTotal: (t) => `共 ${t} 条`,
          onChange: setPage,
        }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 80 },
          { title: '时间', dataIndex: 'time', width: 180, render: (t: string) => new Date(t).toLocaleString('zh-CN', { hour12: false }) },
          { title: '用户', dataIndex: 'actorName', width: 120 },
          { title: '操作', dataIndex: 'action', width: 140 },
          { title: '对象', render: (_, e) => `${e.entityType}` , width: 90 },
          { title: '摘要', dataIndex: 'summary' },
        ]}
      />
    </Card>
  );
}
