import { App, Form, Input, InputNumber, Select } from 'antd';
import { useEffect, useState } from 'react';
import { formatSerial, validatePattern } from '@shared/domain/numbering';
import { useDb } from '../../db/DbContext';
import { getMeetingSettings, type MeetingSettings } from '../../db/repositories/meetings';
import { useSend } from '../../db/commands/use-send';
import { CommandForm } from '../../ui/CommandForm';

interface SettingsForm {
  types: string[];
  minutesPattern: string;
  /** null while the box is empty */
  dueWorkdays: number | null;
  /** 印发机关 of the 版记; blank: the 单位名称. */
  printedBy: string;
}

/**
 * 设置 → 会议设置 (秘书): the 会议类型 offered in the meeting form (each numbers its own 纪要 series),
 * the 纪要编号 pattern, the 签发时限 in working days and the 印发机关 the 纪要's 版记 names by default.
 */
export function MeetingSettingsPanel() {
  const db = useDb();
  const send = useSend();
  const { message } = App.useApp();
  const [form] = Form.useForm<SettingsForm>();
  const [initial, setInitial] = useState<SettingsForm | null>(null);

  // Loaded once, not live: a live reload would overwrite what the secretary is typing.
  useEffect(() => {
    void getMeetingSettings(db).then((s) => setInitial({ ...s, printedBy: s.printedBy ?? '' }));
  }, [db]);

  const pattern = Form.useWatch('minutesPattern', form);
  const example = pattern && !validatePattern(pattern) ? formatSerial(pattern, new Date().getFullYear(), 1) : '';

  if (!initial) return null;
  return (
    <CommandForm<SettingsForm, unknown>
      form={form}
      verb="保存"
      formLabel="会议设置"
      formProps={{ style: { maxWidth: 560 } }}
      initialValues={initial}
      run={(v) => {
        const s: MeetingSettings = { types: v.types, minutesPattern: v.minutesPattern, dueWorkdays: v.dueWorkdays ?? Number.NaN, ...(v.printedBy?.trim() ? { printedBy: v.printedBy } : {}) };
        return send('settings.save', { key: 'meetings', value: s });
      }}
      onDone={() => void message.success('会议设置已保存')}
    >
      <Form.Item
        label="会议类型"
        name="types"
        required
        getValueFromEvent={(v: string[]) => v.map((t) => t.trim()).filter(Boolean)}
        extra="输入类型名称后按回车（或输入“、”）添加，点 × 删除；改名即删去旧名、添加新名（已登记的会议保留原类型）。每种会议类型的纪要每年单独从第1期编号。"
      >
        <Select mode="tags" tokenSeparators={['、', ',', '，']} notFoundContent={null} placeholder="如 常务会议" />
      </Form.Item>
      <Form.Item
        label="纪要编号"
        name="minutesPattern"
        required
        extra={
          <>
            N 为期数（NN 则不足两位补零），YYYY 为年份。
            {example && <div>示例：{example}</div>}
          </>
        }
      >
        <Input />
      </Form.Item>
      <Form.Item label="签发时限" name="dueWorkdays" required extra="会后多少个工作日内签发纪要；超过即在工作台提示“纪要逾期未签发”。">
        <InputNumber precision={0} suffix="个工作日" style={{ width: 180 }} />
      </Form.Item>
      <Form.Item label="印发机关" name="printedBy" extra="纪要版记中的印发机关，如 县政府办公室；不填则用单位名称。每份纪要编写时可另改。">
        <Input maxLength={40} placeholder="不填则用单位名称" />
      </Form.Item>
    </CommandForm>
  );
}
