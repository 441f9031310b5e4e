import { App, Form, InputNumber, Select, Typography } from 'antd';
import { useEffect } from 'react';
import type { z } from 'zod';
import { CLASSIFICATIONS, type Classification } from '@shared/domain/enums';
import { DEFAULT_PASSWORD_POLICY, defaultPasswordPolicy, PASSWORD_HISTORY_SIZE, passwordPolicyBounds } from '@shared/domain/password-policy';
import { securitySettingsSchema } from '@shared/domain/settings-schemas';
import { useDb } from '../../db/DbContext';
import { getSecuritySettings } from '../../db/repositories/settings';
import { useSend } from '../../db/commands/use-send';
import { CommandForm } from '../../ui/CommandForm';

type Values = z.infer<typeof securitySettingsSchema>;

export function SecurityPanel() {
  const db = useDb();
  const send = useSend();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const level = (Form.useWatch(['passwordPolicy', 'level'], form) as Classification | undefined) ?? DEFAULT_PASSWORD_POLICY.level;
  const bounds = passwordPolicyBounds(level);
  useEffect(() => {
    void getSecuritySettings(db).then((s) => form.setFieldsValue(s));
  }, [db, form]);
  // A new level starts from its own defaults (never below its floor).
  const levelPicked = (v: Classification) => {
    const d = defaultPasswordPolicy(v);
    form.setFields(
      (['minLength', 'minClasses', 'expiryDays'] as const).map((k) => ({ name: ['passwordPolicy', k] as never, value: d[k], errors: [] })),
    );
  };
  return (
    <CommandForm<Values, unknown>
      form={form}
      verb="保存"
      formLabel="安全设置"
      formProps={{ style: { maxWidth: 400 } }}
      schema={securitySettingsSchema}
      initialValues={{ idleLockMinutes: 10, passwordPolicy: DEFAULT_PASSWORD_POLICY }}
      run={(v) => send('settings.security.save', v)}
      onDone={() => void message.success('安全设置已保存')}
    >
      <Form.Item label="空闲锁定（分钟）" name="idleLockMinutes" extra="无键盘、鼠标操作超过该时间后自动锁定，重新登录后未保存的内容仍在。">
        <InputNumber min={1} max={120} />
      </Form.Item>
      <Typography.Title level={5}>密码策略</Typography.Title>
      <Form.Item label="本机最高密级" name={['passwordPolicy', 'level']} extra="按本机处理信息的最高密级确定密码要求的下限；改选后各项恢复该密级的默认值，可再调严。">
        <Select style={{ width: 120 }} options={CLASSIFICATIONS.map((c) => ({ value: c, label: c }))} onChange={levelPicked} />
      </Form.Item>
      <Form.Item label="密码最短位数" name={['passwordPolicy', 'minLength']} extra={`${level}级不少于 ${bounds.minLength[0]} 位`}>
        <InputNumber />
      </Form.Item>
      <Form.Item label="至少包含的字符类别数" name={['passwordPolicy', 'minClasses']} extra="大写字母、小写字母、数字、符号（汉字算作符号）四类中至少几类">
        <InputNumber />
      </Form.Item>
      <Form.Item
        label="密码有效期（天）"
        name={['passwordPolicy', 'expiryDays']}
        extra={bounds.neverExpires ? '到期须在登录时修改；0 表示不过期' : `${level}级须定期更换，不超过 ${bounds.expiryDays[1]} 天`}
      >
        <InputNumber />
      </Form.Item>
      <Typography.Paragraph type="secondary">
        {`另外：密码不能含用户名，不能是常见密码，不能与最近 ${PASSWORD_HISTORY_SIZE} 次的密码相同；不符合现行策略或已过期的密码，须在下次登录时修改。`}
      </Typography.Paragraph>
    </CommandForm>
  );
}
