import { App, Descriptions, Form, InputNumber, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { attachmentLimitsSchema, formatSize } from '@shared/domain/attachment';
import type { AttachmentLimits, AttachmentOwnerKind, AttachmentUsage } from '@shared/domain/attachment-types';
import { can } from '@shared/domain/permissions';
import { registerOf } from '@shared/domain/registers';
import { useDb } from '../../db/DbContext';
import { useSend } from '../../db/commands/use-send';
import { useLiveQuery } from '../../db/live';
import { attachmentUsage } from '../../db/repositories/attachments';
import { getSetting } from '../../db/repositories/settings';
import { CommandForm } from '../../ui/CommandForm';
import { useActor } from '../../ui/session';

// 设置 → 存储 (issue #17): the attachment limits (the 系统管理员 changes them; whoever adds files
// reads them here, where a refusal sends them) and what takes the space: the total, per register,
// and the ten records holding the most, named by number only.

interface Values {
  /** null while the box is empty */
  maxFileMB: number | null;
  maxRecordMB: number | null;
}

const registerLabel = (k: AttachmentOwnerKind) => registerOf(k)?.label ?? k;

function LimitsForm({ initial }: { initial: AttachmentLimits }) {
  const send = useSend();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  return (
    <CommandForm<Values, unknown>
      form={form}
      verb="保存"
      formLabel="附件上限"
      formProps={{ style: { maxWidth: 460 } }}
      initialValues={initial}
      schema={attachmentLimitsSchema as never}
      run={(v) => send('settings.save', { key: 'attachments', value: { maxFileMB: v.maxFileMB ?? Number.NaN, maxRecordMB: v.maxRecordMB ?? Number.NaN } })}
      onDone={() => void message.success('附件上限已保存')}
    >
      <Form.Item label="单个附件上限" name="maxFileMB" required extra="超过的文件不能添加（扫描件一般每页 0.2–1 MB）。">
        <InputNumber precision={0} suffix="MB" style={{ width: 180 }} />
      </Form.Item>
      <Form.Item label="每件记录上限" name="maxRecordMB" required extra="一件收文、纪要、督办或发文的全部附件合计。">
        <InputNumber precision={0} suffix="MB" style={{ width: 180 }} />
      </Form.Item>
    </CommandForm>
  );
}

function Usage({ usage }: { usage: AttachmentUsage | undefined }) {
  if (!usage) return null;
  return (
    <>
      <Descriptions size="small" column={1} style={{ maxWidth: 460, marginBottom: 16 }} bordered>
        <Descriptions.Item label="附件合计">
          {formatSize(usage.totalBytes)}，{usage.files} 个文件
          <div>
            <Typography.Text type="secondary">删除的附件仍保留原文件（可核对），计入占用。</Typography.Text>
          </div>
        </Descriptions.Item>
      </Descriptions>
      {usage.files > 0 && (
        <>
          <Typography.Title level={5}>按登记簿</Typography.Title>
          <Table
            size="small"
            pagination={false}
            style={{ maxWidth: 460, marginBottom: 16 }}
            rowKey="ownerKind"
            aria-label="按登记簿的附件占用"
            dataSource={usage.byOwnerKind}
            columns={[
              { title: '登记簿', dataIndex: 'ownerKind', render: (k: AttachmentOwnerKind) => registerLabel(k) },
              { title: '文件数', dataIndex: 'files', align: 'right', width: 90 },
              { title: '大小', dataIndex: 'bytes', align: 'right', width: 120, render: (b: number) => formatSize(b) },
            ]}
          />
          <Typography.Title level={5}>占用最多的记录</Typography.Title>
          <Table
            size="small"
            pagination={false}
            style={{ maxWidth: 640 }}
            rowKey={(r) => `${r.ownerKind}:${r.ownerId}`}
            aria-label="占用最多的记录"
            dataSource={usage.largestRecords}
            columns={[
              { title: '登记簿', dataIndex: 'ownerKind', width: 110, render: (k: AttachmentOwnerKind) => registerLabel(k) },
              { title: '编号', dataIndex: 'number' },
              { title: '文件数', dataIndex: 'files', align: 'right', width: 90 },
              { title: '大小', dataIndex: 'bytes', align: 'right', width: 120, render: (b: number) => formatSize(b) },
            ]}
          />
        </>
      )}
    </>
  );
}

export function StoragePanel() {
  const db = useDb();
  const actor = useActor();
  const [limits, setLimits] = useState<AttachmentLimits | null>(null);
  // Loaded once, not live: a live reload would overwrite what the administrator is typing.
  useEffect(() => {
    void getSetting(db, 'attachments').then(setLimits);
  }, [db]);
  const usage = useLiveQuery(() => attachmentUsage(db), [db]);
  const manages = can(actor, 'settings.manage');
  return (
    <>
      <Typography.Title level={5}>附件上限</Typography.Title>
      {limits &&
        (manages ? (
          <LimitsForm initial={limits} />
        ) : (
          <Descriptions size="small" column={1} style={{ maxWidth: 460, marginBottom: 16 }} bordered>
            <Descriptions.Item label="单个附件上限">{limits.maxFileMB} MB</Descriptions.Item>
            <Descriptions.Item label="每件记录上限">{limits.maxRecordMB} MB（由系统管理员设置）</Descriptions.Item>
          </Descriptions>
        ))}
      <Typography.Title level={5}>存储占用</Typography.Title>
      <Usage usage={usage} />
    </>
  );
}
