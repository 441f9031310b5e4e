import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, App, Button, Form, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useLiveQuery } from '../../db/live';
import { useId, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { isBootstrapRoleSet, newAccountFormSchema, type AccountRequest, type NewAccountForm } from '@shared/domain/account-approval';
import { roleSetProblem, type Role } from '@shared/domain/permissions';
import { useDb } from '../../db/DbContext';
import {
  listAccountRequests,
  requestEnable,
  requestNewAccount,
  requestPasswordReset,
  requestRoleChange,
  withdrawAccountRequest,
} from '../../db/repositories/account-requests';
import { listDepartments } from '../../db/repositories/settings';
import { accountBootstrapOpen, createUser, listUsers, setUserDisabled, updateUser, type UserView } from '../../db/repositories/users';
import { applyError } from '../../ui/apply-error';
import { FormActions } from '../../ui/FormActions';
import { FormField } from '../../ui/FormField';
import { RoleCheckboxes } from '../../ui/RoleCheckboxes';
import { useActor } from '../../ui/session';

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
  const { message, modal } = App.useApp();
  const users = useLiveQuery(() => listUsers(db, actor), [db, actor.id]);
  const requests = useLiveQuery(() => listAccountRequests(db, actor), [db, actor.id]);
  const bootstrap = useLiveQuery(() => accountBootstrapOpen(db), [db]) ?? false;
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
          await setUserDisabled(db, actor, u.id, true);
          void message.success(`已停用 ${u.username}`);
        } catch (e) {
          fail(e);
        }
      },
    });

  const withdraw = async (r: AccountRequest) => {
    try {
      await withdrawAccountRequest(db, actor, r.id);
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
      <Button type="primary" onClick={() => setCreating(true)} style={{ marginBottom: 16 }}>
        新增用户
      </Button>
      <Table<Row>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '用户名', render: (_, r) => r.user?.username ?? r.proposed?.username },
          { title: '姓名', render: (_, r) => r.user?.displayName ?? r.proposed?.displayName },
          { title: '机构', render: (_, r) => deptName(r.user?.departmentId ?? r.proposed?.departmentId) },
          {
            title: '角色',
            render: (_, r) => (r.user?.roles ?? r.proposed?.roles ?? []).map((role: Role) => <Tag key={role}>{role}</Tag>),
          },
          {
            title: '状态',
            render: (_, r) => (
              <Space size={4} wrap>
                {r.user && (r.user.disabled ? <Tag>已停用</Tag> : <Tag color="green">启用</Tag>)}
                {r.user?.mustChangePassword && <Tag color="orange">待改密码</Tag>}
                {r.pending.map((p) => (
                  <Tag key={p.id} color="gold">
                    待审批：{p.kind}
                    {p.kind === '修改角色' && p.roles ? `（→ ${p.roles.join('、')}）` : ''}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: '操作',
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
                          () => requestPasswordReset(db, actor, u.id),
                        )
                      }
                    >
                      重置密码（提交审批）
                    </Button>
                  )}
                  {!self &&
                    (u.disabled ? (
                      <Button size="small" onClick={() => submit(`启用用户 ${u.username}？`, '启用须经安全保密管理员审批，批准后才能登录。', () => requestEnable(db, actor, u.id))}>
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

function DepartmentSelect({ value, onChange, departments }: { value?: string; onChange(v?: string): void; departments: Depts }) {
  const id = useId();
  return (
    <Form.Item label="机构" htmlFor={id}>
      <Select
        id={id}
        allowClear
        value={value}
        onChange={(v) => onChange(v ?? undefined)}
        options={departments.filter((d) => !d.disabled || d.id === value).map((d) => ({ value: d.id, label: `${d.name}（${d.code}）` }))}
        placeholder="可不选"
      />
    </Form.Item>
  );
}

const FIELDS = ['username', 'displayName', 'roles', 'password', 'passwordConfirm'] as const;

function NewUserModal({ onClose, departments, bootstrap }: { onClose(): void; departments: Depts; bootstrap: boolean }) {
  const db = useDb();
  const actor = useActor();
  const { message } = App.useApp();
  const [formError, setFormError] = useState<string | null>(null);
  // Typed passwords only in 初始配置 (the first 保密员 / 审计员); every other account is proposed.
  const directOf = (roles: readonly Role[] | undefined) => bootstrap && isBootstrapRoleSet(roles ?? []);
  const { control, handleSubmit, setError, formState } = useForm<NewAccountForm>({
    resolver: zodResolver(newAccountFormSchema(directOf)),
    defaultValues: { username: '', displayName: '', roles: ['工作人员'], password: '', passwordConfirm: '' },
  });
  const direct = directOf(useWatch({ control, name: 'roles' }));
  const onSubmit = handleSubmit(async (v) => {
    setFormError(null);
    const dept = v.departmentId ? { departmentId: v.departmentId } : {};
    try {
      if (directOf(v.roles)) {
        await createUser(db, actor, { ...v, ...dept });
        void message.success(`已创建用户 ${v.username}，首次登录须修改密码`);
      } else {
        await requestNewAccount(db, actor, { username: v.username, displayName: v.displayName, roles: v.roles, ...dept });
        void message.success(`已提交新建 ${v.username} 的申请，待安全保密管理员审批`);
      }
      onClose();
    } catch (e) {
      setFormError(applyError(e, setError, FIELDS));
    }
  });
  return (
    <Modal open title="新增用户" onCancel={onClose} footer={null} destroyOnHidden>
      <form onSubmit={onSubmit} noValidate aria-label="新增用户">
        <Form component={false} layout="vertical">
          <FormField control={control} name="username" label="用户名" required autoFocus />
          <FormField control={control} name="displayName" label="姓名" required />
          <Controller
            control={control}
            name="departmentId"
            render={({ field }) => <DepartmentSelect value={field.value} onChange={field.onChange} departments={departments} />}
          />
          <Controller
            control={control}
            name="roles"
            render={({ field, fieldState }) => <RoleCheckboxes value={field.value} onChange={field.onChange} error={fieldState.error?.message} />}
          />
          {direct ? (
            <>
              <FormField control={control} name="password" label="初始密码" type="password" required autoComplete="new-password" extra="初始配置：由您设置，本人首次登录须修改" />
              <FormField control={control} name="passwordConfirm" label="确认密码" type="password" required autoComplete="new-password" />
              <FormActions error={formError} onCancel={onClose} submitting={formState.isSubmitting} />
            </>
          ) : (
            <>
              <Typography.Paragraph type="secondary">
                提交后由安全保密管理员审批。批准时系统生成一次性初始密码，由审批人当面交给本人；批准前账户不存在，不能登录。
              </Typography.Paragraph>
              {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
              <Space>
                <Button type="primary" htmlType="submit" loading={formState.isSubmitting}>
                  提交审批
                </Button>
                <Button onClick={onClose}>取消</Button>
              </Space>
            </>
          )}
        </Form>
      </form>
    </Modal>
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
  const db = useDb();
  const actor = useActor();
  const [formError, setFormError] = useState<string | null>(null);
  const { message } = App.useApp();
  const { control, handleSubmit, setError } = useForm<EditForm>({
    resolver: zodResolver(editSchema),
    defaultValues: { displayName: user.displayName, roles: user.roles, ...(user.departmentId ? { departmentId: user.departmentId } : {}) },
  });
  const rolesChanged = (roles: string[]) => roles.length !== user.roles.length || roles.some((r) => !user.roles.includes(r as Role));
  const onSubmit = handleSubmit(async (v) => {
    setFormError(null);
    try {
      // 姓名 and 机构 take effect now; a role change is a request to the 安全保密管理员.
      await updateUser(db, actor, user.id, { displayName: v.displayName, departmentId: v.departmentId ?? null });
      if (rolesChanged(v.roles)) {
        await requestRoleChange(db, actor, user.id, v.roles as Role[]);
        void message.success('角色变更已提交，待安全保密管理员审批');
      }
      onClose();
    } catch (e) {
      setFormError(applyError(e, setError, ['displayName', 'roles']));
    }
  });
  const submitLabel = rolesChanged(useWatch({ control, name: 'roles' })) ? '保存并提交角色审批' : '保存';
  return (
    <Modal open title={`编辑用户 ${user.username}`} onCancel={onClose} footer={null} destroyOnHidden>
      <form onSubmit={onSubmit} noValidate aria-label="编辑用户">
        <Form component={false} layout="vertical">
          <FormField control={control} name="displayName" label="姓名" required />
          <Controller
            control={control}
            name="departmentId"
            render={({ field }) => <DepartmentSelect value={field.value} onChange={field.onChange} departments={departments} />}
          />
          <Controller
            control={control}
            name="roles"
            render={({ field, fieldState }) => (
              <RoleCheckboxes value={field.value as Role[]} onChange={field.onChange} error={fieldState.error?.message} />
            )}
          />
          {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
          <Space>
            <Button type="primary" htmlType="submit">
              {submitLabel}
            </Button>
            <Button onClick={onClose}>取消</Button>
          </Space>
        </Form>
      </form>
    </Modal>
  );
}
