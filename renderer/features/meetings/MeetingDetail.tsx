import { Alert, App, Button, Card, Descriptions, Empty, Space, Table, Typography } from 'antd';
import { useLiveQuery } from '../../db/live';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { todayIso } from '@shared/domain/dates';
import { formatClassificationMark, isClassified } from '@shared/domain/enums';
import { currentMinutes, isMinutesOverdue, minutesDueDate } from '@shared/domain/meeting';
import type { Decision, MeetingRecord, MinutesCorrection } from '@shared/domain/meeting-types';
import { can } from '@shared/domain/permissions';
import type { TaskRecord } from '@shared/domain/supervision-types';
import type { WorkCalendar } from '@shared/domain/workdays';
import { useDb } from '../../db/DbContext';
import { loadWorkCalendar } from '../../db/repositories/calendar';
import { getMeeting, getMeetingSettings, previewMinutesNumber } from '../../db/repositories/meetings';
import { seatOf } from '../../db/lan/seat';
import { useSend } from '../../db/commands/use-send';
import type { CommandOutput } from '../../db/commands/client';
import { tasksOfMeeting } from '../../db/repositories/supervision';
import { CommandDialog } from '../../ui/CommandDialog';
import { formatLocalTime } from '../../ui/format-time';
import { useActor } from '../../ui/session';
import { TaskStatusTag } from '../../ui/task-labels';
import { ExportDocxButton } from './ExportDocxButton';
import { MinutesStateTag } from './meeting-ui';
import { SignInTable } from './SignInTable';
import { FiledTag, RefusalAlert } from '../../ui/filed';
import { meetingCorrectionRefusal } from '@shared/domain/meeting-correction';
import { MeetingCorrectionDialog } from './MeetingCorrectionDialog';
import { AttachmentsPanel } from '../../ui/AttachmentsPanel';
import { MEETINGS_REGISTER } from '@shared/domain/registers';

/** One meeting: its header, the 签到, the minutes (draft or issued, with 更正), their 督办 tasks and history. */
export function MeetingDetail() {
  const { id = '' } = useParams();
  const db = useDb();
  const actor = useActor();
  const navigate = useNavigate();
  const today = todayIso();
  const data = useLiveQuery(async () => {
    const view = await getMeeting(db, actor, id);
    if (!view) return false as const;
    const [calendar, settings, tasks] = await Promise.all([loadWorkCalendar(db), getMeetingSettings(db), tasksOfMeeting(db, actor, id)]);
    const due = minutesDueDate(view.record.meetingDate, calendar, settings.dueWorkdays);
    const overdue = isMinutesOverdue(view.record, today, calendar, settings.dueWorkdays);
    return { view, due, overdue, tasks, dueWorkdays: settings.dueWorkdays, calendar };
  }, [db, actor.id, id, today]);
  const [correcting, setCorrecting] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  if (data === undefined) return <Card loading />;
  if (data === false) return <Empty description="没有这个会议" />;
  const m = data.view.record;
  const visible = data.view.canSeeContent;
  const manager = can(actor, 'meetings.manage') && visible;
  const issuer = can(actor, 'minutes.issue') && visible;
  const minutes = currentMinutes(m);
  const mark = formatClassificationMark({ level: m.classification, term: m.secrecyTerm ?? null });

  return (
    <Card
      title={
        <Space>
          <span>{m.name}</span>
          {m.filed ? <FiledTag filed={m.filed} /> : <MinutesStateTag record={m} overdue={data.overdue} />}
        </Space>
      }
      extra={<Button onClick={() => navigate('/meetings')}>返回列表</Button>}
    >
      {refusal && <RefusalAlert message={refusal} filed={m.filed} onClose={() => setRefusal(null)} />}
      {correcting && <MeetingCorrectionDialog meeting={m} onClose={() => setCorrecting(false)} />}
      {!visible && <Alert type="warning" showIcon title="这是涉密会议，您不在其知悉范围内，只能看到会议的时间和类型。" style={{ marginBottom: 16 }} />}
      {data.overdue && (
        <Alert type="error" showIcon title={`纪要应在会后 ${data.dueWorkdays} 个工作日内（${data.due} 前）签发，现已逾期`} style={{ marginBottom: 16 }} />
      )}
      <Descriptions bordered size="small" column={2}>
        <Descriptions.Item label="会议名称">{m.name}</Descriptions.Item>
        <Descriptions.Item label="会议类型">{m.meetingType}</Descriptions.Item>
        <Descriptions.Item label="开始时间">{m.startAt.replace('T', ' ')}</Descriptions.Item>
        <Descriptions.Item label="地点">{m.location}</Descriptions.Item>
        <Descriptions.Item label="主持人">{m.host}</Descriptions.Item>
        <Descriptions.Item label="记录人">{m.recorder}</Descriptions.Item>
        <Descriptions.Item label="密级">{mark || m.classification}</Descriptions.Item>
        <Descriptions.Item label={m.issued ? '纪要签发' : '纪要签发时限'}>{m.issued ? `${m.issued.number}，${formatLocalTime(m.issued.issuedAt)} 由 ${m.issued.issuedByName} 签发` : data.due}</Descriptions.Item>
        <Descriptions.Item label="议题" span={2}>
          {m.topics.length ? (
            <ol style={{ margin: 0, paddingLeft: 20 }}>
              {m.topics.map((t, i) => (
                <li key={i}>{t}</li>
              ))}
            </ol>
          ) : (
            '—'
          )}
        </Descriptions.Item>
      </Descriptions>

      {manager && (
        <Space wrap style={{ marginTop: 16 }}>
          {!m.issued && <Button onClick={() => navigate(`/meetings/${m.id}/edit`)}>修改会议</Button>}
          {!m.issued && <Button onClick={() => setCorrecting(true)}>更正会议信息</Button>}
          <Button onClick={() => navigate(`/meetings/${m.id}/print/signin`)}>打印签到表</Button>
        </Space>
      )}

      {visible && (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            签到
          </Typography.Title>
          <SignInTable meeting={m} editable={manager && !m.issued} />
        </>
      )}

      <Typography.Title level={5} style={{ marginTop: 24 }}>
        会议纪要
      </Typography.Title>
      {visible && (
        <Space wrap style={{ marginBottom: 12 }}>
          {manager && !m.issued && (
            <Button type={minutes ? 'default' : 'primary'} onClick={() => navigate(`/meetings/${m.id}/minutes`)}>
              {minutes ? '修改纪要' : '编写纪要'}
            </Button>
          )}
          {issuer && !m.issued && m.draft && <IssueButton meeting={m} />}
          {issuer && m.issued && (
            // A filed 纪要 is corrected in 归档: said here, with the way there, instead of a form that would be refused.
            <Button onClick={() => (m.filed ? setRefusal(meetingCorrectionRefusal(m, actor)) : navigate(`/meetings/${m.id}/minutes?correct=1`))}>更正</Button>
          )}
          {minutes && <Button onClick={() => navigate(`/meetings/${m.id}/print/minutes`)}>打印纪要</Button>}
          {minutes && <ExportDocxButton meeting={m} />}
        </Space>
      )}
      {visible && !minutes && <Typography.Paragraph type="secondary">尚未编写纪要。</Typography.Paragraph>}
      {visible && minutes && (
        <>
          <Descriptions bordered size="small" column={2}>
            <Descriptions.Item label="纪要标题">{minutes.title}</Descriptions.Item>
            <Descriptions.Item label="纪要编号">{m.issued?.number ?? '（签发时编号）'}</Descriptions.Item>
            <Descriptions.Item label="会议主要情况" span={2}>
              {minutes.paragraphs.length ? minutes.paragraphs.map((p, i) => <p key={i} style={{ margin: '0 0 4px', textIndent: '2em' }}>{p}</p>) : '—'}
            </Descriptions.Item>
          </Descriptions>
          <DecisionTable decisions={minutes.decisions} tasks={data.tasks} today={today} calendar={data.calendar} />
        </>
      )}
      {m.corrections.length > 0 && <Corrections corrections={m.corrections} />}
      <AttachmentsPanel ownerKind="meetings" ownerId={m.id} recordNumber={MEETINGS_REGISTER.number(m)} classification={m.classification} filed={!!m.filed} title="附件（签到表、纪要扫描件）" />

      <Typography.Title level={5} style={{ marginTop: 24 }}>
        办理记录
      </Typography.Title>
      <Table<MeetingRecord['history'][number] & { i: number }>
        size="small"
        aria-label="办理记录"
        pagination={false}
        rowKey="i"
        dataSource={m.history.map((h, i) => ({ ...h, i }))}
        columns={[
          { title: '时间', width: 170, render: (_, h) => formatLocalTime(h.at) },
          { title: '操作', width: 100, dataIndex: 'action' },
          { title: '经办人', width: 100, dataIndex: 'byName' },
          { title: '说明', dataIndex: 'note' },
        ]}
      />
    </Card>
  );
}

/** 议定事项 with the 督办 task each became (after 签发). */
function DecisionTable({ decisions, tasks, today, calendar }: { decisions: readonly Decision[]; tasks: readonly TaskRecord[]; today: string; calendar: WorkCalendar }) {
  const byDecision = new Map(tasks.map((t) => [t.source.kind === '会议纪要' ? t.source.decisionId : '', t]));
  return (
    <Table<Decision & { n: number }>
      style={{ marginTop: 12 }}
      size="small"
      aria-label="议定事项"
      pagination={false}
      rowKey="id"
      locale={{ emptyText: '没有议定事项' }}
      dataSource={decisions.map((d, i) => ({ ...d, n: i + 1 }))}
      columns={[
        { title: '序号', width: 60, dataIndex: 'n' },
        { title: '事项内容', render: (_, d) => <span style={{ whiteSpace: 'pre-wrap' }}>{d.content}</span> },
        { title: '责任单位', width: 130, dataIndex: 'unit' },
        { title: '责任人', width: 90, dataIndex: 'person' },
        { title: '完成时限', width: 180, render: (_, d) => (d.deadline.kind === 'workdays' ? `${d.dueDate}（${d.deadline.days}个工作日）` : d.dueDate) },
        {
          title: '督办',
          width: 210,
          render: (_, d) => {
            const t = byDecision.get(d.id);
            return t ? (
              <Space size={4}>
                <Link to={`/supervision/${t.id}`}>{t.serial}</Link>
                <TaskStatusTag task={t} today={today} calendar={calendar} />
              </Space>
            ) : (
              <span style={{ color: '#999' }}>签发后列入督办</span>
            );
          },
        },
      ]}
    />
  );
}

function Corrections({ corrections }: { corrections: readonly MinutesCorrection[] }) {
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        更正记录
      </Typography.Title>
      <Table<MinutesCorrection & { i: number }>
        size="small"
        aria-label="更正记录"
        pagination={false}
        rowKey="i"
        dataSource={corrections.map((c, i) => ({ ...c, i }))}
        expandable={{
          expandedRowRender: (c) => (
            <div>
              <Typography.Text strong>更正前：{c.previous.title}</Typography.Text>
              {c.previous.paragraphs.map((p, i) => (
                <p key={`p${i}`} style={{ margin: '4px 0', textIndent: '2em' }}>
                  {p}
                </p>
              ))}
              <ol style={{ margin: 0 }}>
                {c.previous.decisions.map((d) => (
                  <li key={d.id}>{`${d.content}（责任单位：${d.unit}${d.person ? `；责任人：${d.person}` : ''}；完成时限：${d.dueDate}）`}</li>
                ))}
              </ol>
            </div>
          ),
        }}
        columns={[
          { title: '更正时间', width: 170, render: (_, c) => formatLocalTime(c.at) },
          { title: '更正人', width: 100, dataIndex: 'byName' },
          { title: '更正理由', dataIndex: 'reason' },
        ]}
      />
    </>
  );
}

/** 签发 with a confirmation that says the number it will take and how many tasks it will create. */
function IssueButton({ meeting }: { meeting: MeetingRecord }) {
  const db = useDb();
  const send = useSend();
  const { message } = App.useApp();
  const [number, setNumber] = useState<string | null>(null);
  const decisions = meeting.draft?.decisions.length ?? 0;

  return (
    <>
      {/* A LAN seat does not number: the server does, at 签发. */}
      <Button type="primary" onClick={() => void (seatOf(db) ? Promise.resolve('由服务器在签发时给出') : previewMinutesNumber(db, meeting)).then(setNumber)}>
        签发
      </Button>
      {number !== null && (
        <CommandDialog<Record<string, never>, CommandOutput<'minutes.issue'>>
          title="签发纪要"
          verb="确认签发"
          run={() => send('minutes.issue', { id: meeting.id })}
          onDone={({ meeting: after, tasks }) => void message.success(`已签发 ${after.issued!.number}${tasks.length ? `，${tasks.length} 项议定事项已列入督办` : ''}`)}
          onClose={() => setNumber(null)}
        >
          <p>{`纪要编号：${number}`}</p>
          <p>{decisions ? `签发后纪要锁定，${decisions} 项议定事项将自动列入督办。` : '签发后纪要锁定。'}</p>
          {isClassified(meeting.classification) && <p>本纪要为涉密纪要，签发后未经批准不得复制、转发。</p>}
          <p>签发后如需修改，只能办理更正（保留原签发文本和更正理由）。</p>
        </CommandDialog>
      )}
    </>
  );
}
