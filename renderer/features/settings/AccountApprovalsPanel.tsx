import { Alert, App, Button, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useLiveQuery } from '../../db/live';
import { useState } from 'react';
import { rejectFormSchema, type AccountRequest } from '@shared/domain/account-approval';
import { useDb } from '../../db/DbContext';
import { listAccountRequests, type AccountRequestView } from '../../db/repositories/account-requests';
import { useSend } from '../../db/commands/use-send';
import { CommandDialog } from '../../ui/CommandDialog';
import { useActor } from '../../ui/session';

/** What a request would change, in one line. */
export function describeRequest(r: AccountRequest): string {
  switch (r.kind) {
    case '新建账户':
      return `新建账户，角色：${(r.roles ?? []).join('、')}`;
    case '修改角色':
      return `角色：${(r.previousRoles ?? []).join('、')} → ${(r.roles ?? []).join('、')}`;
    case '重置密码':
      return '重置密码（生成一次性初始密码）';
    case '启用账户':
      return '重新启用已停用的账户';
  }
}

const time = (iso?: string) => (iso ? iso.slice(0, 16).replace('T', ' ') : '');

/**
 * 设置 → 账户审批 (安全保密管理员; the 安全审计员 for requests about the only 保密员). What the
 * 系统管理员 proposed takes effect only here; a new or reset password is shown once, to hand over.
 */
export function AccountApprovalsPanel() {
  const db = useDb();
  const actor = useActor();
  const send = useSend();
  const requests = useLiveQuery(() => listAccountRequests(db, actor), [db, actor.id]);
  return (
    <AccountRequestTables
      requests={requests ?? []}
      approve={async (r) => (await send('account.approve', { requestId: r.id })).oneTimePassword}
      reject={(r, reason) => send('account.reject', { requestId: r.id, reason }).then(() => undefined)}
    />
  );
}

/**
 * The requests waiting for a decision and those decided: this PC's (above) or the LAN server's
 * (LanAccounts.tsx), each deciding through its own `approve` (which answers the one-time password
 * when it makes one) and `reject`.
 */
export function AccountRequestTables({
  requests,
  approve: decide,
  reject,
  onDecided,
}: {
  requests: readonly AccountRequestView[];
  approve(r: AccountRequestView): Promise<string | undefined>;
  reject(r: AccountRequest, reason: string): Promise<void>;
  onDecided?(): void;
}) {
  const { message, modal } = App.useApp();
  const [rejecting, setRejecting] = useState<AccountRequest | null>(null);
  const [issued, setIssued] = useState<{ username: string; password: string } | null>(null);
  const pending = requests.filter((r) => r.state === '待审批');
  const decided = requests.filter((r) => r.state !== '待审批').slice(0, 50);

  const approve = (r: AccountRequestView) =>
    modal.confirm({
      title: `批准：${r.kind} ${r.username}？`,
      content: `${describeRequest(r)}。批准后立即生效${r.kind === '新建账户' || r.kind === '重置密码' ? '，并生成一次性初始密码，只显示这一次' : ''}。`,
      okText: '批准',
      cancelText: '取消',
      onOk: async () => {
        try {
          const password = await decide(r);
          if (password) setIssued({ username: r.username, password });
          else void message.success(`已批准：${r.kind} ${r.username}`);
          onDecided?.();
        } catch (e) {
          void message.error(e instanceof Error ? e.message : String(e));
        }
      },
    });

  return (
    <div>
      <Typography.Paragraph type="secondary">
        系统管理员提出的新建账户、重置密码、修改角色和启用账户，经您批准后才生效。不能审批涉及本人账户的申请。
      </Typography.Paragraph>
      <Table<AccountRequestView>
        aria-label="待审批"
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={pending}
        locale={{ emptyText: '没有待审批的申请' }}
        columns={[
          { title: '申请', dataIndex: 'kind' },
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          { title: '内容', render: (_, r) => describeRequest(r) },
          { title: '申请人', dataIndex: 'requestedByName' },
          { title: '申请时间', render: (_, r) => time(r.requestedAt) },
          {
            title: '操作',
            render: (_, r) =>
              r.blockedBy ? (
                <Typography.Text type="secondary">{r.blockedBy}</Typography.Text>
              ) : (
                <Space>
                  <Button size="small" type="primary" onClick={() => approve(r)}>
                    批准
                  </Button>
                  <Button size="small" danger onClick={() => setRejecting(r)}>
                    驳回
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        已处理
      </Typography.Title>
      <Table<AccountRequestView>
        aria-label="已处理"
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={decided}
        columns={[
          { title: '申请', dataIndex: 'kind' },
          { title: '用户名', dataIndex: 'username' },
          { title: '内容', render: (_, r) => describeRequest(r) },
          { title: '申请人', dataIndex: 'requestedByName' },
          { title: '结果', render: (_, r) => <Tag color={r.state === '已批准' ? 'green' : r.state === '已驳回' ? 'red' : undefined}>{r.state}</Tag> },
          { title: '处理人', dataIndex: 'decidedByName' },
          { title: '处理时间', render: (_, r) => time(r.decidedAt) },
          { title: '理由', dataIndex: 'reason' },
        ]}
      />
      {rejecting && (
        <RejectModal
          request={rejecting}
          reject={async (reason) => {
            await reject(rejecting, reason);
            onDecided?.();
          }}
          onClose={() => setRejecting(null)}
        />
      )}
      {issued && <OneTimePasswordModal {...issued} onClose={() => setIssued(null)} />}
    </div>
  );
}

/** Shown once: the password lives in this dialog's state only and goes when it closes. */
export function OneTimePasswordModal({ username, password, onClose }: { username: string; password: string; onClose(): void }) {
  // A stray Esc must not throw the password away: 我已记下，关闭 is the one way out.
  return (
    <Modal open title="一次性初始密码" onCancel={onClose} footer={null} maskClosable={false} keyboard={false} destroyOnHidden>
      <Typography.Paragraph>
        用户 <b>{username}</b> 的一次性初始密码：
      </Typography.Paragraph>
      <Typography.Paragraph>
        <Typography.Text code copyable={{ text: password, tooltips: ['复制', '已复制'] }} style={{ fontSize: 20 }} data-testid="one-time-password">
          {password}
        </Typography.Text>
      </Typography.Paragraph>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="请当面交给本人"
        description="此密码只显示这一次，系统不保存。本人首次登录须改为只有自己知道的密码，之后才能查看任何记录。"
      />
      <Button type="primary" onClick={onClose}>
        我已记下，关闭
      </Button>
    </Modal>
  );
}

function RejectModal({ request, reject, onClose }: { request: AccountRequest; reject(reason: string): Promise<void>; onClose(): void }) {
  const { message } = App.useApp();
  return (
    <CommandDialog<{ reason: string }, unknown>
      title={`驳回：${request.kind} ${request.username}`}
      verb="驳回"
      formLabel="驳回申请"
      danger
      schema={rejectFormSchema}
      initialValues={{ reason: '' }}
      run={(v) => reject(v.reason)}
      onDone={() => void message.success(`已驳回：${request.kind} ${request.username}`)}
      onClose={onClose}
    >
      <Form.Item label="驳回理由" name="reason" required>
        <Input autoFocus />
      </Form.Item>
    </CommandDialog>
  );
}
