import { App, Descriptions, Form, InputNumber, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { formatSize } from '@shared/domain/attachment';
import type { AttachmentLimits, AttachmentUsage } from '@shared/domain/attachment-types';
import { registerOf } from '@shared/domain/registers';
import { useDb } from '../../db/DbContext';
import { useLiveQuery } from '../../db/live';
import { useSend } from '../../db/commands/use-send';
import { attachmentUsage } from '../../db/repositories/attachments';
import { getSetting } from '../../db/repositories/settings';
import { CommandForm } from '../../ui/CommandForm';

// 设置 → 存储 (issue #17 §2): the limits on attached files (setting `attachments`: per file and per
// record, in MB) and what the kept files take: in all, per register, and the records taking most
// (named by number only, never by title: this page is the 系统管理员's).

interface LimitsForm {
  maxFileMB: number | null;
  maxRecordMB: number | null;
}

const kindLabel = (kind: string) => registerOf(kind)?.label ?? kind;

function Usage({ usage }: { usage: AttachmentUsage }) {
  return (
    <>
      <Descriptions size="small" bordered column={2} style={{ maxWidth: 560, marginBottom: 12 }}>
        <Descriptions.Item label="附件总量">{formatSize(usage.totalBytes)}</Descriptions.Item>
        <Descriptions.Item label="文件数">{usage.files} 个</Descriptions.Item>
        {usage.byOwnerKind.map((k) => (
          <Descriptions.Item key={k.ownerKind} label={kindLabel(k.ownerKind)} span={2}>
            {formatSize(k.bytes)}（{k.files} 个文件）
          </Descriptions.Item>
        ))}
      </Descriptions>
      {usage.largestRecords.length > 0 && (
        <Table
          size="small"
          aria-label="占用最多的记录"
          style={{ maxWidth: 560 }}
          pagination={false}
          rowKey={(r) => `${r.ownerKind}:${r.ownerId}`}
          dataSource={usage.largestRecords}
          columns={[
            { title: '登记簿', key: 'kind', width: 100, render: (_, r) => kindLabel(r.ownerKind) },
            { title: '编号', dataIndex: 'number' },
            { title: '文件数', dataIndex: 'files', width: 80 },
            { title: '占用', key: 'bytes', width: 100, render: (_, r) => formatSize(r.bytes) },
          ]}
        />
      )}
    </>
  );
}

export function StoragePanel() {
  const db = useDb();
  const send = useSend();
  const { message } = App.useApp();
  const [initial, setInitial] = useState<LimitsForm | null>(null);
  const usage = useLiveQuery(() => attachmentUsage(db), [db]);

  // Loaded once, not live: a live reload would overwrite what is being typed.
  useEffect(() => {
    void getSetting(db, 'attachments').then((s) => setInitial(s));
  }, [db]);

  if (!initial) return null;
  return (
    <>
      <Typography.Title level={5}>附件上限</Typography.Title>
      <CommandForm<LimitsForm, unknown>
        verb="保存"
        formLabel="附件上限"
        formProps={{ style: { maxWidth: 560 } }}
        initialValues={initial}
        run={(v) => {
          const value: AttachmentLimits = { maxFileMB: v.maxFileMB ?? Number.NaN, maxRecordMB: v.maxRecordMB ?? Number.NaN };
          return send('settings.save', { key: 'attachments', value });
        }}
        onDone={() => void message.success('附件上限已保存')}
      >
        <Form.Item label="单个附件上限" name="maxFileMB" required extra="超过即拒绝添加，什么也不保存。">
          <InputNumber precision={0} suffix="MB" style={{ width: 180 }} />
        </Form.Item>
        <Form.Item label="每件记录上限" name="maxRecordMB" required extra="一件收文、纪要、督办或发文的全部附件合计。">
          <InputNumber precision={0} suffix="MB" style={{ width: 180 }} />
        </Form.Item>
      </CommandForm>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        附件占用
      </Typography.Title>
      {usage ? <Usage usage={usage} /> : null}
    </>
  );
}
