import { App, Form, Input, Typography } from 'antd';
import { useEffect } from 'react';
import { formatSerial, minutesSeries, normalizeSeriesPrefix, validatePattern, validateSeriesPrefix, type RegisterSeries } from '@shared/domain/numbering';
import { useDb } from '../../db/DbContext';
import { useLiveQuery } from '../../db/live';
import type { WenshuDB } from '../../db/database';
import { peekRegisterNumber } from '../../db/numbering';
import { getNumberingSettings, type NumberingSettings } from '../../db/repositories/incoming';
import { getSetting } from '../../db/repositories/settings';
import { useSend } from '../../db/commands/use-send';
import { CommandForm } from '../../ui/CommandForm';

interface NumberingForm {
  incomingPattern: string;
  /** '' while the box is empty (no prefix). */
  seriesPrefix: string;
}

/** The next number of each series that carries the prefix, as it would be with what is typed now. */
async function nextNumbers(db: WenshuDB, incomingPattern: string, prefix: string, year: number): Promise<{ label: string; number: string }[]> {
  const { types } = await getSetting(db, 'meetings');
  const series: { label: string; series: RegisterSeries }[] = [
    { label: '收文', series: '收文' },
    { label: '涉密载体', series: '载体' },
    { label: '督办', series: '督办' },
    ...types.map((t) => ({ label: `${t}纪要`, series: minutesSeries(t) })),
  ];
  return Promise.all(
    series.map(async (s) => ({
      label: s.label,
      number: await peekRegisterNumber(db, s.series, year, s.series === '收文' ? { pattern: incomingPattern, prefix } : { prefix }),
    })),
  );
}

/**
 * 设置 → 编号规则: the 收文编号 pattern (YYYY = year, NNNN = number, zero-padded to the run's length)
 * and this PC's 本机编号前缀 (issue #20), with the next number of each series it goes into.
 */
export function NumberingPanel() {
  const db = useDb();
  const send = useSend();
  const { message } = App.useApp();
  const [form] = Form.useForm<NumberingForm>();
  useEffect(() => {
    void getNumberingSettings(db).then((s) => form.setFieldsValue({ incomingPattern: s.incomingPattern, seriesPrefix: s.seriesPrefix ?? '' }));
  }, [db, form]);
  const pattern = Form.useWatch('incomingPattern', form);
  const prefix = normalizeSeriesPrefix(Form.useWatch('seriesPrefix', form));
  const year = new Date().getFullYear();
  const patternOk = !!pattern && !validatePattern(pattern);
  const example = patternOk ? formatSerial(pattern, year, 1) : '';
  const prefixOk = validateSeriesPrefix(prefix) === null;
  const preview = useLiveQuery(() => (patternOk && prefixOk ? nextNumbers(db, pattern, prefix, year) : Promise.resolve(null)), [db, pattern, prefix, patternOk, prefixOk, year]);
  return (
    <CommandForm<NumberingForm, unknown>
      form={form}
      verb="保存"
      formLabel="编号规则"
      formProps={{ style: { maxWidth: 420 } }}
      initialValues={{ incomingPattern: '', seriesPrefix: '' }}
      run={(v) => {
        const value: NumberingSettings = { incomingPattern: v.incomingPattern, ...(v.seriesPrefix?.trim() ? { seriesPrefix: v.seriesPrefix } : {}) };
        return send('settings.save', { key: 'numbering', value });
      }}
      onDone={() => void message.success('编号规则已保存')}
    >
      <Form.Item label="收文编号格式" name="incomingPattern" extra="YYYY 为年份，NNNN 为顺序号（位数不足补零）；每年从 1 起连续编号，不跳号。">
        <Input />
      </Form.Item>
      {example && <Typography.Paragraph type="secondary">示例：{example}</Typography.Paragraph>}
      <Form.Item
        label="本机编号前缀"
        name="seriesPrefix"
        normalize={(v: string) => normalizeSeriesPrefix(v)}
        rules={[{ validator: (_, v: string | undefined) => { const problem = validateSeriesPrefix(normalizeSeriesPrefix(v)); return problem ? Promise.reject(new Error(problem)) : Promise.resolve(); } }]}
        extra="本单位在几台单机上分别登记时，每台计算机设一个不同的前缀（如 B、C），收文、涉密载体、督办和纪要的编号带上前缀、各自连续编号，迁移时互不冲突。不填则不加前缀。修改只影响此后新取的编号。"
      >
        <Input maxLength={3} placeholder="如 B；不填则不加" style={{ width: 160 }} />
      </Form.Item>
      {preview && (
        <div aria-label="下一个编号" style={{ marginBottom: 16 }}>
          <Typography.Text type="secondary">下一个编号：</Typography.Text>
          {preview.map((p) => (
            <div key={p.label}>
              <Typography.Text type="secondary">{p.label}：{p.number}</Typography.Text>
            </div>
          ))}
        </div>
      )}
    </CommandForm>
  );
}
