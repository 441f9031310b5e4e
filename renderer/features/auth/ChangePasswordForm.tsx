import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Form, App } from 'antd';
import { useLiveQuery } from '../../db/live';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { changePasswordFormSchemaFor, type ChangePasswordForm as Values } from '@shared/domain/account-schemas';
import { DEFAULT_PASSWORD_POLICY, passwordPolicyHint } from '@shared/domain/password-policy';
import { useDb } from '../../db/DbContext';
import { currentUser } from '../../db/repositories/auth';
import { getPasswordPolicy } from '../../db/repositories/settings';
import { changeOwnPassword } from '../../db/repositories/users';
import { applyError } from '../../ui/apply-error';
import { FormField } from '../../ui/FormField';
import { useActor, useAuth } from '../../ui/session';

const FIELDS = ['currentPassword', 'newPassword', 'passwordConfirm'] as const;

export function ChangePasswordForm() {
  const db = useDb();
  const actor = useActor();
  const { refreshUser } = useAuth();
  const { message } = App.useApp();
  const [formError, setFormError] = useState<string | null>(null);
  // The installation's policy, live; the resolver reads it at each check.
  const policy = useLiveQuery(() => getPasswordPolicy(db), [db]) ?? DEFAULT_PASSWORD_POLICY;
  const policyRef = useRef(policy);
  useEffect(() => {
    policyRef.current = policy;
  }, [policy]);
  const { control, handleSubmit, setError, reset, formState } = useForm<Values>({
    resolver: (values, context, options) => zodResolver(changePasswordFormSchemaFor(policyRef.current))(values, context, options),
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
        <FormField control={control} name="newPassword" label="新密码" type="password" autoComplete="new-password" extra={passwordPolicyHint(policy)} />
        <FormField control={control} name="passwordConfirm" label="确认新密码" type="password" autoComplete="new-password" />
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={formState.isSubmitting}>
          保存
        </Button>
      </Form>
    </form>
  );
}
