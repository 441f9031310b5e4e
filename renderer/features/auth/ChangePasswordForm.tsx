import { App, Form, Input } from 'antd';
import { useLiveQuery } from '../../db/live';
import { changePasswordFormSchemaFor, type ChangePasswordForm as Values } from '@shared/domain/account-schemas';
import { DEFAULT_PASSWORD_POLICY, passwordPolicyHint } from '@shared/domain/password-policy';
import { useDb } from '../../db/DbContext';
import { currentUser } from '../../db/repositories/auth';
import { getPasswordPolicy } from '../../db/repositories/settings';
import { useSend } from '../../db/commands/use-send';
import { CommandForm } from '../../ui/CommandForm';
import { useActor, useAuth } from '../../ui/session';

export function ChangePasswordForm() {
  const db = useDb();
  const actor = useActor();
  const send = useSend();
  const { refreshUser } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  // The installation's policy, live; the schema is rebuilt from it on each render.
  const policy = useLiveQuery(() => getPasswordPolicy(db), [db]) ?? DEFAULT_PASSWORD_POLICY;
  const blank: Values = { username: actor.username, currentPassword: '', newPassword: '', passwordConfirm: '' };
  return (
    <CommandForm<Values, void>
      form={form}
      verb="保存"
      formLabel="修改密码"
      formProps={{ style: { maxWidth: 400 } }}
      schema={changePasswordFormSchemaFor(policy)}
      initialValues={blank}
      run={(v) => send('user.changePassword', { currentPassword: v.currentPassword, newPassword: v.newPassword })}
      onDone={() => {
        form.resetFields();
        void message.success('密码已修改');
        void currentUser(db, actor.id).then((fresh) => fresh && refreshUser(fresh));
      }}
    >
      {/* The schema checks the new password against the user name. */}
      <Form.Item name="username" hidden>
        <Input />
      </Form.Item>
      <Form.Item label="当前密码" name="currentPassword">
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item label="新密码" name="newPassword" extra={passwordPolicyHint(policy)}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item label="确认新密码" name="passwordConfirm">
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </CommandForm>
  );
}
