import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Card, Form, Typography } from 'antd';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { setupFormSchema, type SetupForm } from '@shared/domain/account-schemas';
import { useDb } from '../../db/DbContext';
import { completeSetup } from '../../db/repositories/auth';
import { applyError } from '../../ui/apply-error';
import { FormField } from '../../ui/FormField';
import { useAuth } from '../../ui/session';
import { RuleError } from '@shared/domain/rule-error';

const FIELDS = ['unitName', 'fondsCode', 'username', 'password', 'passwordConfirm'] as const;

/** First run only: the unit and its first 系统管理员. */
export function SetupPage() {
  const db = useDb();
  const { setupDone } = useAuth();
  const [formError, setFormError] = useState<string | null>(null);
  const { control, handleSubmit, setError, formState } = useForm<SetupForm>({
    resolver: zodResolver(setupFormSchema),
    defaultValues: { unitName: '', fondsCode: '', username: '', password: '', passwordConfirm: '' },
  });

  const onSubmit = handleSubmit(async (v) => {
    setFormError(null);
    try {
      await completeSetup(db, v);
      setupDone();
    } catch (e) {
      // Another window finished the setup first: carry on to the login page.
      if (e instanceof RuleError) return setupDone();
      setFormError(applyError(e, setError, FIELDS));
    }
  });

  return (
    <div className="ws-center-page">
      <Card style={{ width: 460 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          文枢 · 首次使用设置
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          填写本单位信息，并创建第一个系统管理员账户。数据只保存在本机。
        </Typography.Paragraph>
        <form onSubmit={onSubmit} noValidate>
          <Form component={false} layout="vertical">
            <FormField control={control} name="unitName" label="单位名称" required autoFocus />
            <FormField control={control} name="fondsCode" label="全宗号" required placeholder="如 Z109" />
            <FormField control={control} name="username" label="用户名" required autoComplete="username" />
            <FormField control={control} name="password" label="密码" type="password" required autoComplete="new-password" extra="至少 8 位，不能与用户名相同" />
            <FormField control={control} name="passwordConfirm" label="确认密码" type="password" required autoComplete="new-password" />
            {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
            <Button type="primary" htmlType="submit" block loading={formState.isSubmitting}>
              完成设置
            </Button>
          </Form>
        </form>
      </Card>
    </div>
  );
}
