import { Alert, App, Button, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useLiveQuery } from '../../db/live';
import { useState } from 'react';
import { z } from 'zod';
import { isBootstrapRoleSet, newAccountFormSchema, type AccountRequest, type NewAccountForm } from '@shared/domain/account-approval';
import { roleSetProblem, type Role } from '@shared/domain/permissions';
import { useDb } from '../../db/DbContext';
import { listAccountRequests } from '../../db/repositories/account-requests';
import { useSend } from '../../db/commands/use-send';
import { listDepartments } from '../../db/repositories/settings';
import { accountBootstrapOpen, listUsers, type UserView } from '../../db/repositories/users';
import { CommandDialog } from '../../ui/CommandDialog';
import { RoleCheckboxes } from '../../ui/RoleCheckboxes';
import { useActor } from '../../ui/session';
import { ellipsisColumn } from '../../ui/list-columns';
import { AccountStateTags } from './AccountStateTags';

/** A row of 用户管理: an account, or an account proposed and waiting for approval. */
type Row = { key: string; user?: UserView; proposed?: AccountRequest; pending: AccountRequest[] };

/**
 * 设置 → 用户管理 (系统管理员). 三员分立: he disables accounts at once; what gives or restores
 * access (new account, password reset, role change, 启用) goes to the 安全保密管理员 for approval
 * (账户审批), who hands the one-time password to its owner. Nobody is deleted.
 */
export function UsersPanel() {
  const db = useDb();
  const actor = useActor();
  const send = useSend();
  const { message, modal } = App.useApp();
  const users = useLiveQuery(() => listUsers(db, actor), [db, actor.id]);
  const requests = useLiveQuery(() => listAccountRequests(db, actor), [db, actor.id]);
  // undefined while it loads: the 初始配置 notice would then push 新增用户 down under the pointer.
  const bootstrapState = useLiveQuery(() => accountBootstrapOpen(db), [db]);
  const bootstrap = bootstrapState ?? false;
  const departments = useLiveQuery(() => listDepartments(db), [db]);
  const deptName = (id?: string) => departments?.find((d) => d.id === id)?.name ?? '';
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserView | null>(null);

  const pending = (requests ?? []).filter((r) => r.state === '待审批');
  const rows: Row[] = [
    ...(users ?? []).map((u) => ({ key: u.id, user: u, pending: pending.filter((r) => r.userId === u.id) })),
    ...pending.filter((r) => r.kind === '新建账户').map((r) => ({ key: r.id, proposed: r, pending: [r] })),
  ];

  const fail = (e: unknown) => void message.error(e instanceof Error ? e.message : String(e));
  const submit = (title: string, content: string, run: () => Promise<unknown>) =>
    modal.confirm({
      title,
      content,
      okText: '提交审批',
      cancelText: '取消',
      onOk: async () => {
        try {
          await run();
          void message.success('已提交，待安全保密管理员审批');
        } catch (e) {
          fail(e);
        }
      },
    });

  const disable = (u: UserView) =>
    modal.confirm({
      title: `停用用户 ${u.username}？`,
      content: '停用立即生效，该用户不能再登录；其经办记录和审计日志保留。重新启用须经安全保密管理员审批。',
      okText: '停用',
      cancelText: '取消',
      onOk: async () => {
        try {
          await send('user.disable', { id: u.id });
          void message.success(`已停用 ${u.username}`);
        } catch (e) {
          fail(e);
        }
      },
    });

  const withdraw = async (r: AccountRequest) => {
    try {
      await send('account.withdraw', { requestId: r.id });
      void message.success('已撤回申请');
    } catch (e) {
      fail(e);
    }
  };

  return (
    <div>
      {bootstrap && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="初始配置：尚无安全保密管理员"
          description="请先新增安全审计员和安全保密管理员账户（各只含该角色），由您设置初始密码，本人首次登录须修改。此后新增账户、重置密码、修改角色、启用账户均须经安全保密管理员审批。"
        />
      )}
      <Button type="primary" onClick={() => setCreating(true)} style={{ marginBottom: 16 }} disabled={bootstrapState === undefined}>
        新增用户
      </Button>
      <Table<Row>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        aria-label="用户"
        tableLayout="fixed"
        columns={[
          { ...ellipsisColumn<Row>({ width: 110, text: (r) => r.user?.username ?? r.proposed?.username }), title: '用户名' },
          { ...ellipsisColumn<Row>({ width: 96, text: (r) => r.user?.displayName ?? r.proposed?.displayName }), title: '姓名' },
          { ...ellipsisColumn<Row>({ width: 110, text: (r) => deptName(r.user?.departmentId ?? r.proposed?.departmentId) }), title: '机构' },
          {
            title: '角色',
            render: (_, r) => (r.user?.roles ?? r.proposed?.roles ?? []).map((role: Role) => <Tag key={role}>{role}</Tag>),
          },
          {
            title: '状态',
            width: 170,
            render: (_, r) => <AccountStateTags account={r.user} pending={r.pending} />,
          },
          {
            title: '操作',
            width: 300,
            render: (_, r) => {
              const u = r.user;
              if (!u) {
                return (
                  <Button size="small" onClick={() => void withdraw(r.proposed!)}>
                    撤回申请
                  </Button>
                );
              }
              const self = u.id === actor.id;
              return (
                <Space wrap>
                  <Button size="small" onClick={() => setEditing(u)}>
                    编辑
                  </Button>
                  {!self && (
                    <Button
                      size="small"
                      onClick={() =>
                        submit(
                          `重置 ${u.username} 的密码？`,
                          '提交后须经安全保密管理员审批。批准时系统生成一次性初始密码，由审批人当面交给本人；批准前原密码继续有效。',
                          () => send('account.request', { kind: '重置密码', userId: u.id }),
                        )
                      }
                    >
                      重置密码（提交审批）
                    </Button>
                  )}
                  {!self &&
                    (u.disabled ? (
                      <Button size="small" onClick={() => submit(`启用用户 ${u.username}？`, '启用须经安全保密管理员审批，批准后才能登录。', () => send('account.request', { kind: '启用账户', userId: u.id }))}>
                        启用（提交审批）
                      </Button>
                    ) : (
                      <Button size="small" danger onClick={() => disable(u)}>
                        停用
                      </Button>
                    ))}
                  {r.pending.map((p) => (
                    <Button key={p.id} size="small" type="link" onClick={() => void withdraw(p)}>
                      撤回{p.kind}申请
                    </Button>
                  ))}
                </Space>
              );
            },
          },
        ]}
      />
      {creating && <NewUserModal onClose={() => setCreating(false)} departments={departments ?? []} bootstrap={bootstrap} />}
      {editing && <EditUserModal user={editing} onClose={() => setEditing(null)} departments={departments ?? []} />}
    </div>
  );
}

type Depts = { id: string; name: string; code: string; disabled: boolean }[];

function DepartmentSelect({ departments }: { departments: Depts }) {
  const form = Form.useFormInstance();
  const value = Form.useWatch('departmentId', form) as string | undefined;
  return (
    <Form.Item label="机构" name="departmentId" getValueFromEvent={(v?: string) => v ?? undefined}>
      <Select
        allowClear
        options={departments.filter((d) => !d.disabled || d.id === value).map((d) => ({ value: d.id, label: `${d.name}（${d.code}）` }))}
        placeholder="可不选"
      />
    </Form.Item>
  );
}

function NewUserModal({ onClose, departments, bootstrap }: { onClose(): void; departments: Depts; bootstrap: boolean }) {
  const send = useSend();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewAccountForm>();
  // Typed passwords only in 初始配置 (the first 保密员 / 审计员); every other account is proposed.
  const directOf = (roles: readonly Role[] | undefined) => bootstrap && isBootstrapRoleSet(roles ?? []);
  const direct = directOf(Form.useWatch('roles', form) ?? ['工作人员']);
  const run = async (v: NewAccountForm) => {
    const dept = v.departmentId ? { departmentId: v.departmentId } : {};
    if (directOf(v.roles)) {
      await send('user.create', { ...v, ...dept });
      void message.success(`已创建用户 ${v.username}，首次登录须修改密码`);
    } else {
      await send('account.request', { kind: '新建账户', username: v.username, displayName: v.displayName, roles: v.roles, ...dept });
      void message.success(`已提交新建 ${v.username} 的申请，待安全保密管理员审批`);
    }
  };
  return (
    <CommandDialog<NewAccountForm, void>
      form={form}
      title="新增用户"
      verb={direct ? '保存' : '提交审批'}
      formLabel="新增用户"
      schema={newAccountFormSchema(directOf)}
      initialValues={{ username: '', displayName: '', roles: ['工作人员'], password: '', passwordConfirm: '' }}
      run={run}
      onClose={onClose}
    >
      <Form.Item label="用户名" name="username" required>
        <Input autoFocus />
      </Form.Item>
      <Form.Item label="姓名" name="displayName" required>
        <Input />
      </Form.Item>
      <DepartmentSelect departments={departments} />
      <RoleCheckboxes />
      {direct ? (
        <>
          <Form.Item label="初始密码" name="password" required extra="初始配置：由您设置，本人首次登录须修改">
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item label="确认密码" name="passwordConfirm" required>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </>
      ) : (
        <Typography.Paragraph type="secondary">
          提交后由安全保密管理员审批。批准时系统生成一次性初始密码，由审批人当面交给本人；批准前账户不存在，不能登录。
        </Typography.Paragraph>
      )}
    </CommandDialog>
  );
}

const editSchema = z
  .object({ displayName: z.string().trim().min(1, '请输入姓名'), departmentId: z.string().optional(), roles: z.array(z.string()) })
  .superRefine((v, ctx) => {
    const r = roleSetProblem(v.roles as Role[]);
    if (r) ctx.addIssue({ code: 'custom', path: ['roles'], message: r });
  });
type EditForm = z.infer<typeof editSchema>;

function EditUserModal({ user, onClose, departments }: { user: UserView; onClose(): void; departments: Depts }) {
  const send = useSend();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditForm>();
  const rolesChanged = (roles: string[]) => roles.length !== user.roles.length || roles.some((r) => !user.roles.includes(r as Role));
  const run = async (v: EditForm) => {
    // 姓名 and 机构 take effect now; a role change is a request to the 安全保密管理员.
    await send('user.update', { id: user.id, displayName: v.displayName, departmentId: v.departmentId ?? null });
    if (rolesChanged(v.roles)) {
      await send('account.request', { kind: '修改角色', userId: user.id, roles: v.roles as Role[] });
      void message.success('角色变更已提交，待安全保密管理员审批');
    }
  };
  const roles = (Form.useWatch('roles', form) as string[] | undefined) ?? user.roles;
  return (
    <CommandDialog<EditForm, void>
      form={form}
      title={`编辑用户 ${user.username}`}
      verb={rolesChanged(roles) ? '保存并提交角色审批' : '保存'}
      formLabel="编辑用户"
      schema={editSchema}
      initialValues={{ displayName: user.displayName, roles: user.roles, ...(user.departmentId ? { departmentId: user.departmentId } : {}) }}
      run={run}
      onClose={onClose}
    >
      <Form.Item label="姓名" name="displayName" required>
        <Input />
      </Form.Item>
      <DepartmentSelect departments={departments} />
      <RoleCheckboxes />
    </CommandDialog>
  );
}
