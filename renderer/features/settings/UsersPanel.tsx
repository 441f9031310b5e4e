import { zodResolver } from '@hookform/resolvers/zod';
import { App, Button, Form, Modal, Select, Space, Table, Tag } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { newUserFormSchema, type NewUserForm } from '@shared/domain/account-schemas';
import { passwordProblem } from '@shared/domain/password-policy';
import { roleSetProblem, type Role } from '@shared/domain/permissions';
import { useDb } from '../../app/DbContext';
import { listDepartments } from '../../db/repositories/settings';
import { createUser, listUsers, resetPassword, setUserDisabled, updateUser, type UserView } from '../../db/repositories/users';
import { applyError } from '../../ui/apply-error';
import { FormActions } from '../../ui/FormActions';
import { FormField } from '../../ui/FormField';
import { RoleCheckboxes } from '../../ui/RoleCheckboxes';
import { useActor } from '../auth/AuthContext';

/** 设置 → 用户管理 (系统管理员): create, disable, reset password, assign roles. Nobody is deleted. */
export function UsersPanel() {
  const db = useDb();
  const actor = useActor();
  const { message, modal } = App.useApp();
  const users = useLiveQuery(() => listUsers(db, actor), [db, actor.id]);
  const departments = useLiveQuery(() => listDepartments(db), [db]);
  const deptName = (id?: string) => departments?.find((d) => d.id === id)?.name ?? '';
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserView | null>(null);
  const [resetting, setResetting] = useState<UserView | null>(null);

  const toggle = (u: UserView) => {
    const run = async () => {
      try {
        await setUserDisabled(db, actor, u.id, !u.disabled);
        void message.success(u.disabled ? `已启用 ${u.username}` : `已停用 ${u.username}`);
      } catch (e) {
        void message.error(e instanceof Error ? e.message : String(e));
      }
    };
    if (u.disabled) void run();
    else
      modal.confirm({
        title: `停用用户 ${u.username}？`,
        content: '停用后该用户不能登录；其经办记录和审计日志保留。可随时重新启用。',
        okText: '停用',
        cancelText: '取消',
        onOk: run,
      });
  };

  return (
    <div>
      <Button type="primary" onClick={() => setCreating(true)} style={{ marginBottom: 16 }}>
        新增用户
      </Button>
      <Table<UserView>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={users ?? []}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          { title: '机构', dataIndex: 'departmentId', render: (id?: string) => deptName(id) },
          { title: '角色', dataIndex: 'roles', render: (roles: Role[]) => roles.map((r) => <Tag key={r}>{r}</Tag>) },
          {
            title: '状态',
            render: (_, u) => (
              <Space size={4}>
                {u.disabled ? <Tag>已停用</Tag> : <Tag color="green">启用</Tag>}
                {u.mustChangePassword && <Tag color="orange">待改密码</Tag>}
              </Space>
            ),
          },
          {
            title: '操作',
            render: (_, u) => (
              <Space>
                <Button size="small" onClick={() => setEditing(u)}>
                  编辑
                </Button>
                <Button size="small" onClick={() => setResetting(u)}>
                  重置密码
                </Button>
                {u.id !== actor.id && (
                  <Button size="small" danger={!u.disabled} onClick={() => toggle(u)}>
                    {u.disabled ? '启用' : '停用'}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {creating && <NewUserModal onClose={() => setCreating(false)} departments={departments ?? []} />}
      {editing && <EditUserModal user={editing} onClose={() => setEditing(null)} departments={departments ?? []} />}
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />}
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

function NewUserModal({ onClose, departments }: { onClose(): void; departments: Depts }) {
  const db = useDb();
  const actor = useActor();
  const { message } = App.useApp();
  const [formError, setFormError] = useState<string | null>(null);
  const { control, handleSubmit, setError, formState } = useForm<NewUserForm>({
    resolver: zodResolver(newUserFormSchema),
    defaultValues: { username: '', displayName: '', roles: ['工作人员'], password: '', passwordConfirm: '' },
  });
  const onSubmit = handleSubmit(async (v) => {
    setFormError(null);
    try {
      await createUser(db, actor, { ...v, ...(v.departmentId ? { departmentId: v.departmentId } : {}) });
      void message.success(`已创建用户 ${v.username}，首次登录须修改密码`);
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
          <FormField control={control} name="password" label="初始密码" type="password" required autoComplete="new-password" extra="至少 8 位，不能与用户名相同；用户首次登录须修改" />
          <FormField control={control} name="passwordConfirm" label="确认密码" type="password" required autoComplete="new-password" />
          <FormActions error={formError} onCancel={onClose} submitting={formState.isSubmitting} />
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
  const { control, handleSubmit, setError } = useForm<EditForm>({
    resolver: zodResolver(editSchema),
    defaultValues: { displayName: user.displayName, roles: user.roles, ...(user.departmentId ? { departmentId: user.departmentId } : {}) },
  });
  const onSubmit = handleSubmit(async (v) => {
    setFormError(null);
    try {
      await updateUser(db, actor, user.id, { displayName: v.displayName, roles: v.roles as Role[], departmentId: v.departmentId ?? null });
      onClose();
    } catch (e) {
      setFormError(applyError(e, setError, ['displayName', 'roles']));
    }
  });
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
          <FormActions error={formError} onCancel={onClose} />
        </Form>
      </form>
    </Modal>
  );
}

function ResetPasswordModal({ user, onClose }: { user: UserView; onClose(): void }) {
  const db = useDb();
  const actor = useActor();
  const { message } = App.useApp();
  const schema = z
    .object({ password: z.string(), passwordConfirm: z.string() })
    .superRefine((v, ctx) => {
      const p = passwordProblem(user.username, v.password);
      if (p) ctx.addIssue({ code: 'custom', path: ['password'], message: p });
      if (v.password !== v.passwordConfirm) ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: '两次输入的密码不一致' });
    });
  const [formError, setFormError] = useState<string | null>(null);
  const { control, handleSubmit, setError } = useForm<{ password: string; passwordConfirm: string }>({
    resolver: zodResolver(schema),
    defaultValues: { password: '', passwordConfirm: '' },
  });
  const onSubmit = handleSubmit(async (v) => {
    try {
      await resetPassword(db, actor, user.id, v.password);
      void message.success(`已重置 ${user.username} 的密码，下次登录须修改`);
      onClose();
    } catch (e) {
      setFormError(applyError(e, setError, ['password']));
    }
  });
  return (
    <Modal open title={`重置密码：${user.username}`} onCancel={onClose} footer={null} destroyOnHidden>
      <form onSubmit={onSubmit} noValidate aria-label="重置密码">
        <Form component={false} layout="vertical">
          <FormField control={control} name="password" label="新密码" type="password" required autoComplete="new-password" />
          <FormField control={control} name="passwordConfirm" label="确认密码" type="password" required autoComplete="new-password" />
          <FormActions error={formError} onCancel={onClose} />
        </Form>
      </form>
    </Modal>
  );
}
