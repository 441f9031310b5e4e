import { Button, Card, Checkbox, Form, Select, Space, Table } from 'antd';
import { useLiveQuery } from '../../db/live';
import { useId, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { toLocalIsoDate, todayIso } from '@shared/domain/dates';
import type { MeetingRecord } from '@shared/domain/meeting-types';
import { can } from '@shared/domain/permissions';
import { useDb } from '../../db/DbContext';
import { listMeetings, type MeetingRow } from '../../db/repositories/meetings';
import { patchParams } from '../../ui/patch-params';
import { useActor } from '../../ui/session';
import { ClassificationTag } from '../../ui/labels';
import { ellipsisColumn, useColumnChooser, type ChoosableColumn } from '../../ui/list-columns';
import { MinutesStateTag, useMeetingSettings } from './meeting-ui';
import { EmptyState } from '../../ui/EmptyState';

const PAGE_SIZE = 50;
const STATES: readonly MeetingRecord['minutesState'][] = ['未签发', '已签发'];

/** 会议纪要: every meeting, newest first, with its minutes' state and 签发 deadline. Filters live in the URL. */
export function MeetingList() {
  const db = useDb();
  const actor = useActor();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const settings = useMeetingSettings();
  const today = todayIso();
  const meetingType = params.get('type') ?? undefined;
  const state = STATES.find((s) => s === params.get('state'));
  const overdueOnly = params.get('overdue') === '1';
  const ids = { type: useId(), state: useId() };
  const [page, setPage] = useState(1);
  const result = useLiveQuery(
    () => listMeetings(db, actor, today, { ...(meetingType ? { meetingType } : {}), ...(state ? { state } : {}), overdueOnly }, { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
    [db, actor.id, today, meetingType, state, overdueOnly, page],
  );

  // Fits a 1366×768 screen beside the menu; 会议名称 takes the rest.
  const { columns, chooser } = useColumnChooser<MeetingRow>('meetings.list', [
    { title: '开始时间', key: 'startAt', width: 140, render: (_, r) => r.view.record.startAt.replace('T', ' ') },
    { ...ellipsisColumn<MeetingRow>({ text: (r) => r.view.record.name, render: (r) => <Link to={`/meetings/${r.view.record.id}`}>{r.view.record.name}</Link> }), title: '会议名称', key: 'name', fixedOn: true },
    { ...ellipsisColumn<MeetingRow>({ width: 110, text: (r) => r.view.record.meetingType }), title: '会议类型', key: 'meetingType' },
    { ...ellipsisColumn<MeetingRow>({ width: 96, text: (r) => r.view.record.host }), title: '主持人', key: 'host' },
    { ...ellipsisColumn<MeetingRow>({ width: 120, text: (r) => r.view.record.location }), title: '地点', key: 'location', optional: true },
    { title: '密级', key: 'classification', width: 64, render: (_, r) => <ClassificationTag level={r.view.record.classification} /> },
    { title: '纪要', key: 'minutes', width: 160, ellipsis: true, render: (_, r) => <MinutesStateTag record={r.view.record} overdue={r.overdue} /> },
    {
      title: '签发时限',
      key: 'minutesDue',
      width: 150,
      render: (_, r) => (r.view.record.issued ? `${toLocalIsoDate(new Date(r.view.record.issued.issuedAt))} 已签发` : <span style={r.overdue ? { color: '#cf1322' } : undefined}>{r.minutesDue}</span>),
    },
  ] satisfies ChoosableColumn<MeetingRow>[]);

  const set = (patch: Record<string, string | undefined>) => {
    setParams(patchParams(params, patch), { replace: true });
    setPage(1);
  };

  return (
    <Card
      title="会议纪要"
      extra={
        <Space>
          {can(actor, 'meetings.manage') && (
            <Button type="primary" onClick={() => navigate('/meetings/new')}>
              新建会议
            </Button>
          )}
          {chooser}
        </Space>
      }
    >
      <Form layout="inline" style={{ marginBottom: 16 }}>
        <Form.Item label="会议类型" htmlFor={ids.type}>
          <Select
            id={ids.type}
            allowClear
            style={{ width: 150 }}
            placeholder="全部"
            value={meetingType}
            onChange={(v?: string) => set({ type: v })}
            options={(settings?.types ?? []).map((t) => ({ value: t, label: t }))}
          />
        </Form.Item>
        <Form.Item label="纪要状态" htmlFor={ids.state}>
          <Select id={ids.state} allowClear style={{ width: 120 }} placeholder="全部" value={state} onChange={(v?: string) => set({ state: v })} options={STATES.map((s) => ({ value: s, label: s }))} />
        </Form.Item>
        <Form.Item>
          <Checkbox checked={overdueOnly} onChange={(e) => set({ overdue: e.target.checked ? '1' : undefined })}>
            只看逾期未签发
          </Checkbox>
        </Form.Item>
      </Form>
      <Table<MeetingRow>
        size="small"
        aria-label="会议列表"
        loading={!result}
        rowKey={(r) => r.view.record.id}
        dataSource={result?.rows ?? []}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: result?.total ?? 0, showSizeChanger: false, showTotal: (n) => `共 ${n} 个会议`, onChange: setPage }}
        locale={meetingType || state || overdueOnly ? undefined : { emptyText: <MeetingEmpty manager={can(actor, 'meetings.manage')} /> }}
        tableLayout="fixed"
        columns={columns}
      />
    </Card>
  );
}

function MeetingEmpty({ manager }: { manager: boolean }) {
  return manager ? (
    <EmptyState
      title="还没有会议"
      hint="会前新建会议、打印签到表；会后签到、编写并签发纪要，议定事项自动列入督办。"
      actions={[{ label: '新建第一个会议', to: '/meetings/new', primary: true }]}
    />
  ) : (
    <EmptyState title="还没有会议" hint="秘书新建会议后，这里按时间列出。" />
  );
}
