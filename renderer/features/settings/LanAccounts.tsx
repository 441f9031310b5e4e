import { App, Button, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { z } from 'zod';
import { accountRequestFormSchema, type AccountRequest, type AccountRequestForm } from '@shared/domain/account-approval';
import { roleSetProblem, type Role } from '@shared/domain/permissions';
import type { AccountAdminView as AdminView, ServerAccountView as ServerAccount } from '@shared/domain/lan-protocol';
import type { LanLinkCapability } from '../../platform/types';
import { CommandDialog } from '../../ui/CommandDialog';
import { RoleCheckboxes } from '../../ui/RoleCheckboxes';
import { AccountRequestTables } from './AccountApprovalsPanel';
import { AccountStateTags } from './AccountStateTags';
import { bodyOf, serverCommand } from './lan-server';

// The office's accounts on the LAN server (issue #19: in LAN mode accounts, roles and need to
// know live there), from the 局域网 tab's server session. 三员分立 as on one PC: the 系统管理员
// proposes a new account, a password reset, a role change or 启用 and disables at once; the
// 安全保密管理员 approves from a seat of theirs and hands the one-time password over in person.

/** The server's accounts and requests, reloaded after each change. */
function useAdminView(lan: LanLinkCapability, token: string): [AdminView | null, () => void] {
  const [view, setView] = useState<AdminView | null>(null);
  const [asked, setAsked] = useState(0);
  const { message } = App.useApp();
  useEffect(() => {
    void lan.post('/api/account-admin', {}, token).then(
      (reply) => {
        try {
          setView(bodyOf<AdminView>(reply));
        } catch (e) {
          void message.error(e instanceof Error ? e.message : String(e));
        }
      },
      (e: unknown) => void message.error(e instanceof Error ? e.message : String(e)),
    );
  }, [lan, token, message, asked]);
  const reload = useCallback(() => setAsked((n) => n + 1), []);
  return [view, reload];
}

type Row = { key: string; account?: ServerAccount; proposed?: AccountRequest; pending: AccountRequest[] };

/** 服务器账户 (系统管理员): what gives or restores access goes to the 保密员; 停用 is at once. */
export function ServerAccounts({ lan, token, selfLogin }: { lan: LanLinkCapability; token: string; selfLogin: string }) {
  const { message, modal } = App.useApp();
  const [view, reload] = useAdminView(lan, token);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<ServerAccount | null>(null);
  const call = (name: string, input: Record<string, string>) => serverCommand(lan, token, name, input);
  const pending = (view?.requests ?? []).filter((r) => r.state === '待审批');
  const rows: Row[] = [
    ...(view?.accounts ?? []).map((a) => ({ key: a.id, account: a, pending: pending.filter((r) => r.userId === a.id) })),
    ...pending.filter((r) => r.kind === '新建账户').map((r) => ({ key: r.id, proposed: r, pending: [r] })),
  ];
  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      void message.success(done);
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      reload();
    }
  };
  const confirm = (title: string, content: string, okText: string, run: () => Promise<unknown>, done: string) => modal.confirm({ title, content, okText, cancelText: '取消', onOk: () => act(run, done) });

  return (
    <div aria-label="服务器账户" role="region" style={{ marginTop: 24 }}>
      <Typography.Title level={5}>服务器账户</Typography.Title>
      <Typography.Paragraph type="secondary">
        局域网模式下，各座席以这些账户登录。新增账户、重置密码、修改角色和启用账户须经安全保密管理员在其座席的“设置 → 局域网”中审批；停用立即生效，其在各座席的登录随即失效。
      </Typography.Paragraph>
      <Button type="primary" onClick={() => setCreating(true)} style={{ marginBottom: 12 }}>
        新增服务器账户
      </Button>
      <Table<Row>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        aria-label="服务器账户列表"
        loading={!view}
        columns={[
          { title: '用户名', width: 110, render: (_, r) => r.account?.login ?? r.proposed?.username },
          { title: '姓名', width: 96, render: (_, r) => r.account?.displayName ?? r.proposed?.displayName },
          { title: '角色', render: (_, r) => (r.account?.roles ?? r.proposed?.roles ?? []).map((role) => <Tag key={role}>{role}</Tag>) },
          {
            title: '状态',
            width: 190,
            render: (_, r) => <AccountStateTags account={r.account} pending={r.pending} />,
          },
          {
            title: '操作',
            width: 320,
            render: (_, r) => {
              const a = r.account;
              const withdraw = (p: AccountRequest) => act(() => call('accounts.withdraw', { requestId: p.id }), '已撤回申请');
              if (!a) return <Button size="small" onClick={() => void withdraw(r.proposed!)}>撤回申请</Button>;
              if (a.login === selfLogin) return <Typography.Text type="secondary">本人</Typography.Text>;
              return (
                <Space wrap size={4}>
                  <Button size="small" onClick={() => setEditing(a)}>
                    修改角色
                  </Button>
                  <Button
                    size="small"
                    onClick={() =>
                      confirm(`重置 ${a.login} 的密码？`, '提交后须经安全保密管理员审批。批准时服务器生成一次性初始密码，由审批人当面交给本人；批准前原密码继续有效。', '提交审批', () => call('accounts.request', { kind: '重置密码', userId: a.id }), '已提交，待安全保密管理员审批')
                    }
                  >
                    重置密码
                  </Button>
                  {a.disabled ? (
                    <Button size="small" onClick={() => confirm(`启用 ${a.login}？`, '启用须经安全保密管理员审批，批准后才能登录。', '提交审批', () => call('accounts.request', { kind: '启用账户', userId: a.id }), '已提交，待安全保密管理员审批')}>
                      启用
                    </Button>
                  ) : (
                    <Button size="small" danger onClick={() => confirm(`停用 ${a.login}？`, '停用立即生效：该账户在各座席的登录随即失效，不能再登录；其经办记录和审计日志保留。重新启用须经安全保密管理员审批。', '停用', () => call('accounts.disable', { userId: a.id }), `已停用 ${a.login}`)}>
                      停用
                    </Button>
                  )}
                  {r.pending.map((p) => (
                    <Button key={p.id} size="small" type="link" onClick={() => void withdraw(p)}>
                      撤回{p.kind}
                    </Button>
                  ))}
                </Space>
              );
            },
          },
        ]}
      />
      {creating && (
        <CommandDialog<AccountRequestForm, unknown>
          title="新增服务器账户"
          verb="提交审批"
          formLabel="新增服务器账户"
          schema={accountRequestFormSchema}
          initialValues={{ username: '', displayName: '', roles: ['工作人员'] }}
          run={(v) => serverCommand(lan, token, 'accounts.request', { kind: '新建账户', username: v.username, displayName: v.displayName, roles: v.roles })}
          onDone={(_, v) => {
            void message.success(`已提交新建 ${v.username} 的申请，待安全保密管理员审批`);
            reload();
          }}
          onClose={() => setCreating(false)}
        >
          <Form.Item label="用户名" name="username" required>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item label="姓名" name="displayName" required>
            <Input autoComplete="off" />
          </Form.Item>
          <RoleCheckboxes />
          <Typography.Paragraph type="secondary">批准时服务器生成一次性初始密码，由审批人当面交给本人；批准前账户不存在，不能登录。</Typography.Paragraph>
        </CommandDialog>
      )}
      {editing && (
        <CommandDialog<{ roles: Role[] }, unknown>
          title={`修改角色：${editing.login}（${editing.displayName}）`}
          verb="提交审批"
          formLabel="修改角色"
          schema={rolesSchema}
          initialValues={{ roles: editing.roles }}
          run={(v) => serverCommand(lan, token, 'accounts.request', { kind: '修改角色', userId: editing.id, roles: v.roles })}
          onDone={() => {
            void message.success('角色变更已提交，待安全保密管理员审批');
            reload();
          }}
          onClose={() => setEditing(null)}
        >
          <RoleCheckboxes />
        </CommandDialog>
      )}
    </div>
  );
}

const rolesSchema = z.object({ roles: z.array(z.string()).transform((r) => r as Role[]) }).superRefine((v, ctx) => {
  const r = roleSetProblem(v.roles);
  if (r) ctx.addIssue({ code: 'custom', path: ['roles'], message: r });
});

/** 服务器账户审批 (安全保密管理员; the 安全审计员 for requests about the only 保密员). */
export function ServerApprovals({ lan, token }: { lan: LanLinkCapability; token: string }) {
  const [view, reload] = useAdminView(lan, token);
  return (
    <div aria-label="服务器账户审批" role="region" style={{ marginTop: 16 }}>
      <Typography.Title level={5}>服务器账户审批</Typography.Title>
      <AccountRequestTables
        requests={view?.requests ?? []}
        approve={async (r) => (await serverCommand<{ oneTimePassword?: string }>(lan, token, 'accounts.approve', { requestId: r.id })).oneTimePassword}
        reject={async (r, reason) => void (await serverCommand(lan, token, 'accounts.reject', { requestId: r.id, reason }))}
        onDecided={reload}
      />
    </div>
  );
}
