import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Form } from 'antd';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { loginFormSchema, type LoginForm as LoginValues } from '@shared/domain/account-schemas';
import { useDb } from '../../db/DbContext';
import { login } from '../../db/repositories/auth';
import type { UserView } from '../../db/repositories/users';
import { FormField } from '../../ui/FormField';

/** 用户名 + 密码 + 登录; used by the login page and the lock screen. */
export function LoginForm({ initialUsername = '', onSuccess }: { initialUsername?: string; onSuccess(user: UserView): void }) {
  const db = useDb();
  const [message, setMessage] = useState<string | null>(null);
  const { control, handleSubmit, formState, resetField } = useForm<LoginValues>({
    resolver: zodResolver(loginFormSchema),
    defaultValues: { username: initialUsername, password: '' },
  });

  const onSubmit = handleSubmit(async (v) => {
    setMessage(null);
    const result = await login(db, v.username, v.password);
    if (result.ok) onSuccess(result.user);
    else {
      setMessage(result.message);
      resetField('password');
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="登录">
      <Form component={false} layout="vertical">
        <FormField control={control} name="username" label="用户名" autoComplete="username" autoFocus={!initialUsername} />
        <FormField control={control} name="password" label="密码" type="password" autoComplete="current-password" autoFocus={!!initialUsername} />
        {message && <Alert type="error" showIcon title={message} role="alert" style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" block loading={formState.isSubmitting}>
          登录
        </Button>
      </Form>
    </form>
  );
}
