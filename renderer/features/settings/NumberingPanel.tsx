import { App, Form, Input, Typography } from 'antd';
import { useEffect } from 'react';
import { formatSerial, validatePattern } from '@shared/domain/numbering';
import { useDb } from '../../db/DbContext';
import { getNumberingSettings, type NumberingSettings } from '../../db/repositories/incoming';
import { useSend } from '../../db/commands/use-send';
import { CommandForm } from '../../ui/CommandForm';

/** 设置 → 编号规则: the 收文编号 pattern (YYYY = year, NNNN = number, zero-padded to the run's length). */
export function NumberingPanel() {
  const db = useDb();
  const send = useSend();
  const { message } = App.useApp();
  const [form] = Form.useForm<NumberingSettings>();
  useEffect(() => {
    void getNumberingSettings(db).then((s) => form.setFieldsValue(s));
  }, [db, form]);
  const pattern = Form.useWatch('incomingPattern', form);
  const example = pattern && !validatePattern(pattern) ? formatSerial(pattern, new Date().getFullYear(), 1) : '';
  return (
    <CommandForm<NumberingSettings, unknown>
      form={form}
      verb="保存"
      formLabel="编号规则"
      formProps={{ style: { maxWidth: 420 } }}
      initialValues={{ incomingPattern: '' }}
      run={(v) => send('settings.save', { key: 'numbering', value: v })}
      onDone={() => void message.success('编号规则已保存')}
    >
      <Form.Item label="收文编号格式" name="incomingPattern" extra="YYYY 为年份，NNNN 为顺序号（位数不足补零）；每年从 1 起连续编号，不跳号。">
        <Input />
      </Form.Item>
      {example && <Typography.Paragraph type="secondary">示例：{example}</Typography.Paragraph>}
    </CommandForm>
  );
}
