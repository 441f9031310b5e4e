import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, App, Button, Form } from 'antd';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { securitySettingsSchema } from '@shared/domain/settings-schemas';
import { useDb } from '../../app/DbContext';
import { getSecuritySettings, saveSecuritySettings } from '../../db/repositories/settings';
import { applyError } from '../../ui/apply-error';
import { FormField } from '../../ui/FormField';
import { useActor } from '../auth/AuthContext';

type Values = z.infer<typeof securitySettingsSchema>;

export function SecurityPanel() {
  const db = useDb();
  const actor = useActor();
  const { message } = App.useApp();
  const [error, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({ resolver: zodResolver(securitySettingsSchema), defaultValues: { idleLockMinutes: 10 } });
  useEffect(() => {
    void getSecuritySettings(db).then((s) => form.reset(s));
  }, [db, form]);
  const onSubmit = form.handleSubmit(async (v) => {
    setFormError(null);
    try {
      await saveSecuritySettings(db, actor, v);
      void message.success('安全设置已保存');
    } catch (e) {
      setFormError(applyError(e, form.setError, ['idleLockMinutes']));
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="安全设置" style={{ maxWidth: 400 }}>
      <Form component={false} layout="vertical">
        <FormField control={form.control} name="idleLockMinutes" label="空闲锁定（分钟）" type="number" min={1} max={120} extra="无键盘、鼠标操作超过该时间后自动锁定，重新登录后未保存的内容仍在。" />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit">
          保存
        </Button>
      </Form>
    </form>
  );
}
