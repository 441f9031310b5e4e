import { App, Button, Form, Input, Popconfirm, Radio, Space, Table, Tag, Typography } from 'antd';
import { useLiveQuery } from '../../db/live';
import { useId, useState } from 'react';
import { calendarOverrideSchema, type CalendarOverride } from '@shared/domain/workdays';
import { useDb } from '../../db/DbContext';
import { listCalendarOverrides, loadWorkCalendar } from '../../db/repositories/calendar';
import { useSend } from '../../db/commands/use-send';
import type { CalendarOverrideRecord } from '../../db/types';
import { CommandForm } from '../../ui/CommandForm';
import { todayIso } from '@shared/domain/dates';
import { HolidayNoticeForm } from './HolidayNoticeForm';

/**
 * 设置 → 节假日: the shipped official schedule plus days an administrator enters from the
 * 国务院办公厅 notice, so a new year's schedule can be added without any download.
 */
export function HolidaysPanel() {
  const db = useDb();
  const send = useSend();
  const { message } = App.useApp();
  const overrides = useLiveQuery(() => listCalendarOverrides(db), [db]);
  const calendar = useLiveQuery(() => loadWorkCalendar(db), [db, overrides]);
  const kindId = useId();
  const [form] = Form.useForm<CalendarOverride>();
  const [probe, setProbe] = useState('');
  const probeInfo = calendar && /^\d{4}-\d{2}-\d{2}$/.test(probe) ? safeInfo(() => calendar.dayInfo(probe)) : null;

  const years = calendar?.coveredYears() ?? [];
  const thisYear = Number(todayIso().slice(0, 4));
  // The first year from this one on whose schedule is missing: the one to enter next.
  let suggestedYear = thisYear;
  while (calendar?.isYearCovered(suggestedYear)) suggestedYear++;
  const entered = [...new Set((overrides ?? []).flatMap((o) => (o.noticeYear ? [o.noticeYear] : [])))].sort();
  return (
    <div>
      <Typography.Paragraph type="secondary">
        已有国务院办公厅节假日安排：{years.length ? `${years[0]}–${years[years.length - 1]} 年` : '—'}
        {entered.length ? `（其中 ${entered.join('、')} 年为本机录入）` : ''}。
        {!calendar?.isYearCovered(thisYear + 1) && <Typography.Text type="warning">{` ${thisYear + 1} 年的安排尚未录入，该年时限暂按周一至周五计算。`}</Typography.Text>}
      </Typography.Paragraph>
      <Typography.Title level={5}>录入全年安排</Typography.Title>
      {calendar && <HolidayNoticeForm key={suggestedYear} suggestedYear={suggestedYear} />}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        逐日设定
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        本地安排或个别更正可在此逐日设定（调休上班的周末设为“工作日”，放假的工作日设为“休息日”）。本处设定优先于内置安排。
      </Typography.Paragraph>
      <CommandForm<CalendarOverride, unknown>
        form={form}
        verb="保存"
        formLabel="新增节假日设定"
        schema={calendarOverrideSchema}
        initialValues={{ date: '', kind: 'holiday', note: '' }}
        run={(v) => send('calendar.saveOverride', { date: v.date, kind: v.kind, ...(v.note ? { note: v.note } : {}) })}
        onDone={(_, v) => {
          form.setFieldsValue({ date: '', note: '' });
          void message.success(`已设定 ${v.date}`);
        }}
      >
        <Space align="start" wrap>
          <Form.Item label="日期" name="date">
            <Input placeholder="如 2027-02-06" />
          </Form.Item>
          <Form.Item label={<span id={kindId}>类型</span>} name="kind">
            <Radio.Group aria-labelledby={kindId}>
              <Radio value="holiday">休息日</Radio>
              <Radio value="workday">工作日</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item label="说明" name="note">
            <Input placeholder="如 春节调休" />
          </Form.Item>
        </Space>
      </CommandForm>
      <Table<CalendarOverrideRecord>
        rowKey="date"
        size="small"
        pagination={false}
        dataSource={overrides ?? []}
        locale={{ emptyText: '暂无设定，全部按内置安排' }}
        columns={[
          { title: '日期', dataIndex: 'date' },
          { title: '类型', dataIndex: 'kind', render: (k: string) => (k === 'workday' ? <Tag color="blue">工作日</Tag> : <Tag color="red">休息日</Tag>) },
          { title: '说明', dataIndex: 'note', render: (n: string | undefined, o) => (o.noticeYear ? `${n ?? ''}（${o.noticeYear} 年通知）` : n) },
          { title: '设定人', dataIndex: 'updatedBy' },
          {
            title: '操作',
            render: (_, o) => (
              <Popconfirm title={`删除 ${o.date} 的设定，恢复为内置安排？`} okText="删除" cancelText="取消" onConfirm={() => send('calendar.removeOverride', { date: o.date }).catch((e: unknown) => void message.error(e instanceof Error ? e.message : String(e)))}>
                <Button size="small">删除</Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        查询某日
      </Typography.Title>
      <Space>
        <Input aria-label="查询日期" placeholder="YYYY-MM-DD" value={probe} onChange={(e) => setProbe(e.target.value.trim())} style={{ width: 160 }} />
        {probeInfo && (
          <span data-testid="day-info">
            {probeInfo.workday ? '工作日' : '休息日'}（{probeInfo.name ? `${probeInfo.name}，` : ''}
            {probeInfo.reason}）
          </span>
        )}
      </Space>
    </div>
  );
}

function safeInfo<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}
