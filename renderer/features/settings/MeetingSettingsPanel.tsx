import { Alert, App, Button, Form, InputNumber, Select } from 'antd';
import { useEffect, useId, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { formatSerial, validatePattern } from '@shared/domain/numbering';
import { useDb } from '../../db/DbContext';
import { getMeetingSettings, saveMeetingSettings, type MeetingSettings } from '../../db/repositories/meetings';
import { applyError } from '../../ui/apply-error';
import { FormField } from '../../ui/FormField';
import { useActor } from '../../ui/session';

interface SettingsForm {
  types: string[];
  minutesPattern: string;
  /** null while the box is empty */
  dueWorkdays: number | null;
}

const FIELDS = ['types', 'minutesPattern', 'dueWorkdays'] as const;

/**
 * 设置 → 会议设置 (秘书): the 会议类型 offered in the meeting form (each numbers its own 纪要 series),
 * the 纪要编号 pattern and the 签发时限 in working days.
 */
export function MeetingSettingsPanel() {
  const db = useDb();
  const actor = useActor();
  const { message } = App.useApp();
  const [loaded, setLoaded] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const typesId = useId();
  const dueId = useId();
  const form = useForm<SettingsForm>({ defaultValues: { types: [], minutesPattern: '', dueWorkdays: null } });

  // Loaded once, not live: a live reload would overwrite what the secretary is typing.
  useEffect(() => {
    void getMeetingSettings(db).then((s) => {
      form.reset(s);
      setLoaded(true);
    });
  }, [db, form]);

  const pattern = useWatch({ control: form.control, name: 'minutesPattern' });
  const example = pattern && !validatePattern(pattern) ? formatSerial(pattern, new Date().getFullYear(), 1) : '';

  const onSubmit = form.handleSubmit(async (v) => {
    setFormError(null);
    try {
      const s: MeetingSettings = { types: v.types, minutesPattern: v.minutesPattern, dueWorkdays: v.dueWorkdays ?? Number.NaN };
      await saveMeetingSettings(db, actor, s);
      void message.success('会议设置已保存');
    } catch (e) {
      setFormError(applyError(e, form.setError, FIELDS));
    }
  });

  if (!loaded) return null;
  return (
    <form onSubmit={onSubmit} noValidate aria-label="会议设置" style={{ maxWidth: 560 }}>
      <Form component={false} layout="vertical">
        <Controller
          control={form.control}
          name="types"
          render={({ field, fieldState }) => (
            <Form.Item
              label="会议类型"
              htmlFor={typesId}
              required
              validateStatus={fieldState.error ? 'error' : undefined}
              help={fieldState.error?.message}
              extra="输入类型名称后按回车（或输入“、”）添加，点 × 删除；改名即删去旧名、添加新名（已登记的会议保留原类型）。每种会议类型的纪要每年单独从第1期编号。"
            >
              <Select
                id={typesId}
                mode="tags"
                value={field.value}
                onChange={(v: string[]) => field.onChange(v.map((t) => t.trim()).filter(Boolean))}
                onBlur={field.onBlur}
                tokenSeparators={['、', ',', '，']}
                notFoundContent={null}
                placeholder="如 常务会议"
              />
            </Form.Item>
          )}
        />
        <FormField
          control={form.control}
          name="minutesPattern"
          label="纪要编号"
          required
          extra={
            <>
              N 为期数（NN 则不足两位补零），YYYY 为年份。
              {example && <div>示例：{example}</div>}
            </>
          }
        />
        <Controller
          control={form.control}
          name="dueWorkdays"
          render={({ field, fieldState }) => (
            <Form.Item
              label="签发时限"
              htmlFor={dueId}
              required
              validateStatus={fieldState.error ? 'error' : undefined}
              help={fieldState.error?.message}
              extra="会后多少个工作日内签发纪要；超过即在工作台提示“纪要逾期未签发”。"
            >
              <InputNumber
                id={dueId}
                ref={field.ref}
                name={field.name}
                value={field.value}
                onChange={(v) => field.onChange(v)}
                onBlur={field.onBlur}
                precision={0}
                suffix="个工作日"
                style={{ width: 180 }}
              />
            </Form.Item>
          )}
        />
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit">
          保存
        </Button>
      </Form>
    </form>
  );
}
