import { App, Button, Divider, Form, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { formatSerial, validatePattern } from '@shared/domain/numbering';
import type { DocNumberSeries } from '@shared/domain/outgoing-types';
import { useDb } from '../../db/DbContext';
import { useLiveQuery } from '../../db/live';
import { useSend } from '../../db/commands/use-send';
import { getOutgoingSeries } from '../../db/repositories/outgoing';
import { getSetting } from '../../db/repositories/settings';
import { CommandDialog } from '../../ui/CommandDialog';
import { CommandForm } from '../../ui/CommandForm';

// 设置 → 发文: the 发文字号 series (机关代字, pattern, 发文机关标志, 署名) and the 核发 time limit.
// A series is never deleted (its numbers stay in the 文号台账): it is 停用 instead.

type SeriesValues = Omit<DocNumberSeries, 'id' | 'retired'>;

export function OutgoingSettingsPanel() {
  const db = useDb();
  const send = useSend();
  const { message } = App.useApp();
  const series = useLiveQuery(() => getOutgoingSeries(db), [db]);
  const [editing, setEditing] = useState<DocNumberSeries | 'new' | null>(null);
  const save = (next: DocNumberSeries[]) => send('outgoing.saveSeries', { series: next });
  const toggle = async (s: DocNumberSeries) => {
    try {
      await save((series ?? []).map((x) => (x.id === s.id ? { ...x, retired: !s.retired } : x)));
      void message.success(s.retired ? `已启用 ${s.code}` : `已停用 ${s.code}`);
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div style={{ maxWidth: 980 }}>
      <Space style={{ marginBottom: 8 }}>
        <Typography.Text strong>发文字号</Typography.Text>
        <Button onClick={() => setEditing('new')}>添加发文字号</Button>
      </Space>
      <Table<DocNumberSeries>
        rowKey="id"
        size="small"
        aria-label="发文字号"
        loading={!series}
        dataSource={series ?? []}
        pagination={false}
        locale={{ emptyText: '还没有发文字号（如 县政办发、县政办函）' }}
        columns={[
          { title: '机关代字', key: 'code', dataIndex: 'code', width: 110 },
          { title: '文号格式', key: 'pattern', width: 170, render: (_, s) => `${s.pattern}（${formatSerial(s.pattern, new Date().getFullYear(), 1)}）` },
          { title: '发文机关标志', key: 'issuerMark', dataIndex: 'issuerMark', ellipsis: true },
          { title: '发文机关署名', key: 'issuerName', dataIndex: 'issuerName', ellipsis: true, width: 180 },
          { title: '状态', key: 'retired', width: 64, render: (_, s) => (s.retired ? <Tag>停用</Tag> : <Tag color="green">使用</Tag>) },
          {
            title: '',
            key: 'act',
            width: 130,
            render: (_, s) => (
              <Space>
                <Button size="small" onClick={() => setEditing(s)} aria-label={`修改 ${s.code}`}>
                  修改
                </Button>
                <Button size="small" onClick={() => void toggle(s)} aria-label={`${s.retired ? '启用' : '停用'} ${s.code}`}>
                  {s.retired ? '启用' : '停用'}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {editing && series && (
        <SeriesDialog
          series={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          run={(v) => {
            const next = editing === 'new' ? [...series, { id: crypto.randomUUID(), ...v }] : series.map((x) => (x.id === editing.id ? { ...x, ...v } : x));
            return save(next);
          }}
        />
      )}
      <Divider />
      <OverdueForm />
    </div>
  );
}

function SeriesDialog({ series, onClose, run }: { series: DocNumberSeries | null; onClose(): void; run(v: SeriesValues): Promise<unknown> }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<SeriesValues>();
  const pattern = Form.useWatch('pattern', form);
  // The pattern was typed (setFieldValue marks a field touched too, so the form cannot tell).
  const patternTyped = useRef(false);
  const example = pattern && !validatePattern(pattern) ? formatSerial(pattern, new Date().getFullYear(), 7) : '';
  return (
    <CommandDialog<SeriesValues, unknown>
      title={series ? `修改发文字号：${series.code}` : '添加发文字号'}
      verb="保存"
      form={form}
      width={560}
      // The command names the list's field (series.3.code): shown beside this dialog's box.
      rename={(e) => e.field.split('.').pop()}
      initialValues={series ? { code: series.code, pattern: series.pattern, issuerMark: series.issuerMark, issuerName: series.issuerName } : { pattern: '' }}
      formProps={{
        onValuesChange: (changed: Partial<SeriesValues>) => {
          // A new series proposes its pattern from the 机关代字 until the pattern is typed.
          if (!series && changed.code !== undefined && !patternTyped.current) form.setFieldValue('pattern', changed.code ? `${changed.code.trim()}〔YYYY〕N号` : '');
        },
      }}
      run={(v) => run({ code: v.code?.trim() ?? '', pattern: v.pattern?.trim() ?? '', issuerMark: v.issuerMark?.trim() ?? '', issuerName: v.issuerName?.trim() ?? '' })}
      onClose={onClose}
      onDone={(_r, v) => void message.success(`已保存 ${v.code}`)}
    >
      <Form.Item label="机关代字" name="code" rules={[{ required: true, whitespace: true, message: '请填写机关代字' }]}>
        <Input maxLength={20} placeholder="如 县政办发" />
      </Form.Item>
      <Form.Item label="文号格式" name="pattern" rules={[{ required: true, whitespace: true, message: '请填写文号格式' }]} extra={<>YYYY 为年份，N 为序号（文号不补零）。{example && <div>示例：{example}</div>}</>}>
        <Input maxLength={40} onChange={() => (patternTyped.current = true)} />
      </Form.Item>
      <Form.Item label="发文机关标志" name="issuerMark" rules={[{ required: true, whitespace: true, message: '请填写发文机关标志' }]} extra="红头上的机关名称，如 ××县人民政府办公室文件">
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item label="发文机关署名" name="issuerName" rules={[{ required: true, whitespace: true, message: '请填写发文机关署名' }]}>
        <Input maxLength={40} placeholder="如 ××县人民政府办公室" />
      </Form.Item>
    </CommandDialog>
  );
}

function OverdueForm() {
  const db = useDb();
  const send = useSend();
  const { message } = App.useApp();
  const [initial, setInitial] = useState<{ overdueWorkdays: number | null } | null>(null);
  // Loaded once, not live: a live reload would overwrite what is being typed.
  useEffect(() => {
    void getSetting(db, 'outgoing').then((s) => setInitial({ overdueWorkdays: s.overdueWorkdays }));
  }, [db]);
  if (!initial) return null;
  return (
    <CommandForm<{ overdueWorkdays: number | null }, unknown>
      verb="保存"
      formLabel="核发时限"
      formProps={{ style: { maxWidth: 560 } }}
      initialValues={initial}
      run={(v) => send('settings.save', { key: 'outgoing', value: { overdueWorkdays: v.overdueWorkdays ?? Number.NaN } })}
      onDone={() => void message.success('核发时限已保存')}
    >
      <Form.Item label="核发时限" name="overdueWorkdays" required extra="签发后多少个工作日内核发；超过即在工作台提示“发文签发后未核发”。">
        <InputNumber precision={0} min={1} max={30} suffix="个工作日" style={{ width: 180 }} />
      </Form.Item>
    </CommandForm>
  );
}
