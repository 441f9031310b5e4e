import { Alert, App, Button, Form, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { formatSerial, validatePattern } from '@shared/domain/numbering';
import { useDb } from '../../db/DbContext';
import { getNumberingSettings, saveNumberingSettings, type NumberingSettings } from '../../db/repositories/incoming';
import { applyError } from '../../ui/apply-error';
import { FormField } from '../../ui/FormField';
import { useActor } from '../../ui/session';

/** 设置 → 编号规则: the 收文编号 pattern (YYYY = year, NNNN = number, zero-padded to the run's length). */
export function NumberingPanel() {
  const db = useDb();
  const actor = useActor();
  const { message } = App.useApp();
  const [error, setFormError] = useState<string | null>(null);
  const form = useForm<NumberingSettings>({ defaultValues: { incomingPattern: '' } });
  useEffect(() => {
    void getNumberingSettings(db).then((s) => form.reset(s));
  }, [db, form]);
  const pattern = useWatch({ control: form.control, name: 'incomingPattern' });
  const example = pattern && !validatePattern(pattern) ? formatSerial(pattern, new Date().getFullYear(), 1) : '';
  const onSubmit = form.handleSubmit(async (v) => {
    setFormError(null);
    try {
      await saveNumberingSettings(db, actor, v);
      void message.success('编号规则已保存');
    } catch (e) {
      setFormError(applyError(e, form.setError, ['incomingPattern']));
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="编号规则" style={{ maxWidth: 420 }}>
      <Form component={false} layout="vertical">
        <FormField control={form.control} name="incomingPattern" label="收文编号格式" extra="YYYY 为年份，NNNN 为顺序号（位数不足补零）；每年从 1 起连续编号，不跳号。" />
        {example && <Typography.Paragraph type="secondary">示例：{example}</Typography.Paragraph>}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit">
          保存
        </Button>
      </Form>
    </form>
  );
}
