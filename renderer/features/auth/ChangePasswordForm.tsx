import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Form, App } from 'antd';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { changePasswordFormSchema, type ChangePasswordForm as Values } from '@shared/domain/account-schemas';
import { useDb } from '../../app/DbContext';
import { currentUser } from '../../db/repositories/auth';
import { changeOwnPassword } from '../../db/repositories/users';
import { applyError } from '../../ui/apply-error';
import { FormField } from '../../ui/FormField';
import { useActor, useAuth } from './AuthContext';

const FIELDS = ['currentPassword', 'newPassword', 'passwordConfirm'] as const;

export function ChangePasswordForm() {
  const db = useDb();
  const actor = useActor();
  const { refreshUser } = useAuth();
  const { message } = App.useApp();
  const [formError, setFormError] = useState<string | null>(null);
  const { control, handleSubmit, setError, reset, formState } = useForm<Values>({
    resolver: zodResolver(changePasswordFormSchema),
    defaultValues: { username: actor.username, currentPassword: '', newPassword: '', passwordConfirm: '' },
  });
  const onSubmit = handleSubmit(async (v) => {
    setFormError(null);
    try {
      await changeOwnPassword(db, actor, v.currentPassword, v.newPassword);
      reset({ username: actor.username, currentPassword: '', newPassword: '', passwordConfirm: '' });
      void message.success('密码已修改');
      const fresh = await currentUser(db, actor.id);
      if (fresh) refreshUser(fresh);
    } catch (e) {
      setFormError(applyError(e, setError, FIELDS));
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="修改密码" style={{ maxWidth: 400 }}>
      <Form component={false} layout="vertical">
        <FormField control={control} name="currentPassword" label="当前密码" type="password" autoComplete="current-password" />
        <FormField control={control} name="newPassword" label="新密码" type="password" autoComplete="new-password" extra="至少 8 位，不能与用户名相同" />
        <FormField control={control} name="passwordConfirm" label="确认新密码" type="password" autoComplete="new-password" />
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={formState.isSubmitting}>
          保存
        </Button>
      </Form>
    </form>
  );
}
