import { Alert, App, Button, Form, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useId, useRef, useState } from 'react';
import { noticeYearOf, parseHolidayNotice, requireCleanNotice, summarizeNotice, type ParsedNotice } from '@shared/domain/holiday-notice';
import { useSend } from '../../db/commands/use-send';
import { CommandForm } from '../../ui/CommandForm';

interface NoticeForm {
  year: number;
  text: string;
}

const WEEKDAYS = '日一二三四五六';

/** A text file's content (UTF-8). */
function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('读取失败'));
    reader.readAsText(file);
  });
}

/**
 * 录入全年安排: the 国务院办公厅 notice for a year, pasted or read from a text file, previewed day by
 * day, then saved in one audited command. 保存 appears once the preview matches what is typed.
 */
export function HolidayNoticeForm({ suggestedYear }: { suggestedYear: number }) {
  const send = useSend();
  const { message } = App.useApp();
  const [form] = Form.useForm<NoticeForm>();
  const [preview, setPreview] = useState<{ parsed: ParsedNotice; text: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const fileButtonId = useId();
  const text = Form.useWatch('text', form) ?? '';
  const year = Form.useWatch('year', form);
  const current = preview && preview.text === text && preview.parsed.year === year ? preview.parsed : null;

  const showPreview = () => {
    const v = form.getFieldsValue();
    if (!v.text?.trim()) {
      form.setFields([{ name: 'text', errors: ['请粘贴通知内容或选择文件'] }]);
      return;
    }
    // The notice names its year in its title ("关于2027年部分节假日安排的通知"): that one wins.
    const y = noticeYearOf(v.text) ?? (typeof v.year === 'number' ? v.year : suggestedYear);
    if (v.year !== y) form.setFieldValue('year', y);
    form.setFields([{ name: 'text', errors: [] }]);
    setPreview({ parsed: parseHolidayNotice(v.text, y), text: v.text });
  };

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > 200_000) {
      form.setFields([{ name: 'text', errors: ['文件过大：请选择通知的文本文件（.txt）'] }]);
      return;
    }
    let content: string;
    try {
      content = await readText(file);
    } catch {
      form.setFields([{ name: 'text', errors: ['无法读取该文件：请选择通知的文本文件（.txt）'] }]);
      return;
    }
    form.setFieldsValue({ text: content, ...(noticeYearOf(content) ? { year: noticeYearOf(content)! } : {}) });
    setPreview(null);
  };

  return (
    <CommandForm<NoticeForm, unknown>
      form={form}
      verb="保存全年安排"
      formLabel="录入全年安排"
      initialValues={{ year: suggestedYear, text: '' }}
      submitDisabled={!current || current.problems.length > 0}
      run={async (v) => {
        const parsed = parseHolidayNotice(v.text, v.year);
        requireCleanNotice(parsed);
        return send('calendar.importNotice', { year: v.year, days: parsed.days });
      }}
      onDone={(_, v) => {
        void message.success(`已录入 ${v.year} 年节假日安排`);
        form.setFieldsValue({ text: '' });
        setPreview(null);
      }}
      extraButtons={<Button onClick={showPreview}>预览</Button>}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        粘贴国务院办公厅《关于{year ?? suggestedYear}年部分节假日安排的通知》的正文（含“一、元旦：……放假……上班”各条），或每行一条，如“2027-02-06 至 2027-02-12 放假 春节”“2027-02-14 上班 春节”。先预览核对，再保存。
      </Typography.Paragraph>
      <Space align="start" wrap>
        <Form.Item label="年份" name="year" rules={[{ required: true, message: '请填写年份' }]}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item label="从文件读取">
          <input ref={fileInput} id={fileButtonId} type="file" accept=".txt,text/plain" aria-label="通知文件" style={{ display: 'none' }} onChange={(e) => void readFile(e.target.files?.[0])} />
          <Button onClick={() => fileInput.current?.click()}>选择文件…</Button>
        </Form.Item>
      </Space>
      <Form.Item label="通知内容" name="text">
        <Input.TextArea rows={6} placeholder="一、元旦：1月1日（周五）放假……" />
      </Form.Item>
      {current && (
        <div aria-label="预览" role="region" style={{ marginBottom: 16 }}>
          {current.problems.length > 0 && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 8 }}
              title={`有 ${current.problems.length} 处未能读懂，请修改后重新预览`}
              description={
                <ul style={{ margin: 0, paddingLeft: 20 }}>
                  {current.problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              }
            />
          )}
          <Typography.Paragraph strong style={{ marginBottom: 4 }}>
            {current.year} 年：放假 {current.days.filter((d) => d.kind === 'holiday').length} 天，调休上班 {current.days.filter((d) => d.kind === 'workday').length} 天
          </Typography.Paragraph>
          <ul aria-label="各节日安排" style={{ margin: '0 0 8px', paddingLeft: 20 }}>
            {summarizeNotice(current.days).map((s) => (
              <li key={s.festival}>
                {s.festival}：{s.text}
              </li>
            ))}
          </ul>
          <Table
            size="small"
            rowKey="date"
            aria-label="预览日期"
            pagination={{ pageSize: 10, showSizeChanger: false }}
            dataSource={current.days}
            columns={[
              { title: '日期', dataIndex: 'date', render: (d: string) => `${d}（${WEEKDAYS[new Date(`${d}T00:00:00Z`).getUTCDay()]}）` },
              { title: '类型', dataIndex: 'kind', render: (k: string) => (k === 'workday' ? <Tag color="blue">调休上班</Tag> : <Tag color="red">放假</Tag>) },
              { title: '节日', dataIndex: 'note' },
            ]}
          />
        </div>
      )}
    </CommandForm>
  );
}
