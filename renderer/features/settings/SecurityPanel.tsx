import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, App, Button, Form, Select, Typography } from 'antd';
import { useEffect, useId, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { CLASSIFICATIONS, type Classification } from '@shared/domain/enums';
import { DEFAULT_PASSWORD_POLICY, defaultPasswordPolicy, PASSWORD_HISTORY_SIZE, passwordPolicyBounds } from '@shared/domain/password-policy';
import { securitySettingsSchema } from '@shared/domain/settings-schemas';
import { useDb } from '../../db/DbContext';
import { getSecuritySettings, saveSecuritySettings } from '../../db/repositories/settings';
import { applyError } from '../../ui/apply-error';
import { FormField } from '../../ui/FormField';
import { useActor } from '../../ui/session';

type Values = z.infer<typeof securitySettingsSchema>;

const FIELDS = ['idleLockMinutes', 'passwordPolicy.level', 'passwordPolicy.minLength', 'passwordPolicy.minClasses', 'passwordPolicy.expiryDays'];

export function SecurityPanel() {
  const db = useDb();
  const actor = useActor();
  const { message } = App.useApp();
  const [error, setFormError] = useState<string | null>(null);
  const levelId = useId();
  const form = useForm<Values>({
    resolver: zodResolver(securitySettingsSchema),
    defaultValues: { idleLockMinutes: 10, passwordPolicy: DEFAULT_PASSWORD_POLICY },
  });
  const level = useWatch({ control: form.control, name: 'passwordPolicy.level' });
  const bounds = passwordPolicyBounds(level);
  useEffect(() => {
    void getSecuritySettings(db).then((s) => form.reset(s));
  }, [db, form]);
  const onSubmit = form.handleSubmit(async (v) => {
    setFormError(null);
    try {
      await saveSecuritySettings(db, actor, v);
      void message.success('安全设置已保存');
    } catch (e) {
      setFormError(applyError(e, form.setError, FIELDS));
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="安全设置" style={{ maxWidth: 400 }}>
      <Form component={false} layout="vertical">
        <FormField control={form.control} name="idleLockMinutes" label="空闲锁定（分钟）" type="number" min={1} max={120} extra="无键盘、鼠标操作超过该时间后自动锁定，重新登录后未保存的内容仍在。" />
        <Typography.Title level={5}>密码策略</Typography.Title>
        <Controller
          control={form.control}
          name="passwordPolicy.level"
          render={({ field, fieldState }) => (
            <Form.Item
              label="本机最高密级"
              htmlFor={levelId}
              validateStatus={fieldState.error ? 'error' : undefined}
              help={fieldState.error?.message}
              extra="按本机处理信息的最高密级确定密码要求的下限；改选后各项恢复该密级的默认值，可再调严。"
            >
              <Select
                id={levelId}
                value={field.value}
                style={{ width: 120 }}
                options={CLASSIFICATIONS.map((c) => ({ value: c, label: c }))}
                onChange={(v: Classification) => {
                  field.onChange(v);
                  // A new level starts from its own defaults (never below its floor).
                  const d = defaultPasswordPolicy(v);
                  form.setValue('passwordPolicy.minLength', d.minLength);
                  form.setValue('passwordPolicy.minClasses', d.minClasses);
                  form.setValue('passwordPolicy.expiryDays', d.expiryDays);
                  form.clearErrors('passwordPolicy');
                }}
              />
            </Form.Item>
          )}
        />
        <FormField control={form.control} name="passwordPolicy.minLength" label="密码最短位数" type="number" extra={`${level}级不少于 ${bounds.minLength[0]} 位`} />
        <FormField
          control={form.control}
          name="passwordPolicy.minClasses"
          label="至少包含的字符类别数"
          type="number"
          extra="大写字母、小写字母、数字、符号（汉字算作符号）四类中至少几类"
        />
        <FormField
          control={form.control}
          name="passwordPolicy.expiryDays"
          label="密码有效期（天）"
          type="number"
          extra={bounds.neverExpires ? '到期须在登录时修改；0 表示不过期' : `${level}级须定期更换，不超过 ${bounds.expiryDays[1]} 天`}
        />
        <Typography.Paragraph type="secondary">
          {`另外：密码不能含用户名，不能是常见密码，不能与最近 ${PASSWORD_HISTORY_SIZE} 次的密码相同；不符合现行策略或已过期的密码，须在下次登录时修改。`}
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit">
          保存
        </Button>
      </Form>
    </form>
  );
}
