import { Alert, App, Button, Card, Empty, Form, Input, Space, Typography } from 'antd';
import { useLiveQuery } from '../../db/live';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { compareDates, isIsoDate } from '@shared/domain/dates';
import { currentMinutes, MAX_DECISION_WORKDAYS, type MinutesInput } from '@shared/domain/meeting';
import type { DecisionDeadline, MeetingRecord } from '@shared/domain/meeting-types';
import type { WorkCalendar } from '@shared/domain/workdays';
import { useDb } from '../../db/DbContext';
import { newId } from '../../db/ids';
import { loadWorkCalendar } from '../../db/repositories/calendar';
import { getMeeting, getMeetingSettings } from '../../db/repositories/meetings';
import { useSend } from '../../db/commands/use-send';
import { getUnitInfo } from '../../db/repositories/settings';
import { useActor } from '../../ui/session';
import { PersonPicker, UnitPicker, UnitsPicker } from '../../ui/pickers';
import type { RuleError } from '@shared/domain/rule-error';
import type { FieldName } from '../../ui/command';
import { CommandForm } from '../../ui/CommandForm';

interface DecisionValues {
  id: string;
  content: string;
  unit: string;
  person: string;
  /** 完成时限 as typed: a date (2026-12-15) or working days (10个工作日, or just 10). */
  due: string;
}

interface Values {
  title: string;
  paragraphs: string;
  decisions: DecisionValues[];
  /** 版记: 抄送 units, 印发机关, 印发日期 (YYYY-MM-DD, blank: the day of 签发). */
  copyTo: string[];
  printedBy: string;
  printedOn: string;
  reason: string;
}

const WORKDAYS = /^(\d{1,3})\s*(?:个)?(?:工作日)?$/;

/** 完成时限 as typed → the deadline, or null when it is neither a date nor a number of working days. */
export function parseDeadline(text: string): DecisionDeadline | null {
  const t = text.trim();
  if (isIsoDate(t)) return { kind: 'date', date: t };
  const m = WORKDAYS.exec(t);
  return m ? { kind: 'workdays', days: Number(m[1]) } : null;
}

function deadlineText(d: DecisionDeadline): string {
  return d.kind === 'date' ? d.date : `${d.days}个工作日`;
}

/**
 * 纪要 editor: the header comes from the meeting; the secretary writes 会议主要情况 (one paragraph a
 * line) and the 议定事项 one by one. Before 签发 it saves the draft; after, with ?correct=1, it is
 * the 更正 form (the reason is required and the issued text is kept).
 */
export function MinutesEditor() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const db = useDb();
  const actor = useActor();
  const data = useLiveQuery(
    async () => ({ view: await getMeeting(db, actor, id), unit: await getUnitInfo(db), calendar: await loadWorkCalendar(db), settings: await getMeetingSettings(db) }),
    [db, actor.id, id],
  );
  if (!data) return <Card loading />;
  if (!data.view || !data.view.canSeeContent) return <Empty description="没有这个会议，或您不在其知悉范围内" />;
  const correcting = params.get('correct') === '1';
  const m = data.view.record;
  if (m.issued && !correcting) return <Empty description={`纪要已签发（${m.issued.number}），修改请办理更正`} />;
  if (!m.issued && correcting) return <Empty description="纪要尚未签发，直接修改即可" />;
  return <EditorBody key={m.id} meeting={m} unitName={data.unit?.name ?? ''} printedBy={data.settings.printedBy || data.unit?.name || ''} calendar={data.calendar} correcting={correcting} />;
}

/** "第 2 项议定事项的完成时限…" (field `decisions`) belongs on that row's field. */
function decisionRow(e: RuleError & { field: string }): FieldName | undefined {
  const row = /第 (\d+) 项/.exec(e.message);
  if (e.field !== 'decisions' || !row) return undefined;
  const field = e.message.includes('完成时限') ? 'due' : e.message.includes('责任单位') ? 'unit' : 'content';
  return ['decisions', Number(row[1]) - 1, field];
}

function EditorBody({ meeting, unitName, printedBy, calendar, correcting }: { meeting: MeetingRecord; unitName: string; printedBy: string; calendar: WorkCalendar; correcting: boolean }) {
  const send = useSend();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const existing = currentMinutes(meeting);
  const decisionsWatch = Form.useWatch('decisions', form) as DecisionValues[] | undefined;

  const initial: Values = {
    title: existing?.title ?? `${unitName}${meeting.meetingType}纪要`,
    paragraphs: existing?.paragraphs.join('\n') ?? '',
    decisions: existing?.decisions.map((d) => ({ id: d.id, content: d.content, unit: d.unit, person: d.person, due: deadlineText(d.deadline) })) ?? [],
    copyTo: existing?.copyTo ?? [],
    printedBy: existing?.printedBy ?? printedBy,
    printedOn: existing?.printedOn ?? '',
    reason: '',
  };

  const run = async (v: Values) => {
    const input: MinutesInput = {
      title: v.title ?? '',
      paragraphs: (v.paragraphs ?? '').split('\n'),
      decisions: (v.decisions ?? []).map((d) => ({ id: d.id, content: d.content ?? '', unit: d.unit ?? '', person: d.person ?? '', deadline: parseDeadline(d.due ?? '')! })),
      copyTo: v.copyTo ?? [],
      printedBy: v.printedBy ?? '',
      printedOn: v.printedOn ?? '',
    };
    if (correcting) await send('minutes.correct', { id: meeting.id, minutes: input, reason: v.reason ?? '' });
    else await send('minutes.saveDraft', { id: meeting.id, minutes: input });
  };

  const dueHint = (i: number): string => {
    const d = parseDeadline(decisionsWatch?.[i]?.due ?? '');
    if (!d) return '日期如 2026-12-15，或工作日数如 10个工作日';
    if (d.kind === 'date') return compareDates(d.date, meeting.meetingDate) < 0 ? `早于会议日期 ${meeting.meetingDate}` : '';
    if (d.days < 1 || d.days > MAX_DECISION_WORKDAYS) return `应为 1–${MAX_DECISION_WORKDAYS} 个工作日`;
    return `即 ${calendar.addWorkdays(meeting.meetingDate, d.days)}（自会议日 ${meeting.meetingDate} 起算）`;
  };

  return (
    <Card title={correcting ? `更正纪要 ${meeting.issued?.number ?? ''}` : '编写纪要'} extra={<Typography.Text type="secondary">{[meeting.name, meeting.startAt.replace('T', ' '), meeting.location].join(' · ')}</Typography.Text>}>
      {correcting && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="纪要已签发。更正后原签发文本和更正理由一并保留；未办结的督办事项随之调整，新增的议定事项列入督办。"
        />
      )}
      <CommandForm<Values, void>
        form={form}
        verb={correcting ? '更正' : '保存'}
        formLabel={correcting ? '更正纪要' : '编写纪要'}
        formProps={{ style: { maxWidth: 900 } }}
        initialValues={initial}
        rename={decisionRow}
        run={run}
        onDone={() => {
          void message.success(correcting ? '已更正纪要' : '已保存纪要');
          navigate(`/meetings/${meeting.id}`);
        }}
        onCancel={() => navigate(`/meetings/${meeting.id}`)}
      >
        <Form.Item label="纪要标题" name="title" rules={[{ required: true, whitespace: true, message: '请填写纪要标题' }]} extra="版头红色标志，如 县政府常务会议纪要">
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item label="会议主要情况" name="paragraphs" extra="每行一段；开头一段（时间、主持人、地点、会议名称、议题）由系统按会议信息生成">
          <Input.TextArea rows={6} maxLength={20000} />
        </Form.Item>
        <Typography.Title level={5}>议定事项</Typography.Title>
        <Form.List name="decisions">
          {(fields, { add, remove, move }) => (
            <>
              {fields.map((field, i) => (
                <Card
                  key={field.key}
                  size="small"
                  role="group"
                  aria-label={`议定事项 ${i + 1}`}
                  title={`议定事项 ${i + 1}`}
                  style={{ marginBottom: 12 }}
                  extra={
                    <Space size={4}>
                      <Button size="small" disabled={i === 0} onClick={() => move(i, i - 1)}>
                        上移
                      </Button>
                      <Button size="small" danger onClick={() => remove(field.name)}>
                        删除
                      </Button>
                    </Space>
                  }
                >
                  <Form.Item name={[field.name, 'id']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item label="事项内容" name={[field.name, 'content']} rules={[{ required: true, whitespace: true, message: `第 ${i + 1} 项议定事项的事项内容不能为空` }]}>
                    <Input.TextArea rows={2} maxLength={1000} />
                  </Form.Item>
                  <Space size="large" wrap align="start">
                    <Form.Item label="责任单位" name={[field.name, 'unit']} rules={[{ required: true, whitespace: true, message: '请选择责任单位' }]}>
                      <UnitPicker style={{ width: 220 }} />
                    </Form.Item>
                    <Form.Item label="责任人" name={[field.name, 'person']}>
                      <PersonPicker style={{ width: 180 }} />
                    </Form.Item>
                    <Form.Item
                      label="完成时限"
                      name={[field.name, 'due']}
                      extra={dueHint(i)}
                      rules={[
                        { required: true, whitespace: true, message: '请填写完成时限' },
                        { validator: (_, v: string | undefined) => (!v?.trim() || parseDeadline(v) ? Promise.resolve() : Promise.reject(new Error('完成时限格式如 2026-12-15，或 10个工作日'))) },
                      ]}
                    >
                      <Input style={{ width: 160 }} />
                    </Form.Item>
                  </Space>
                </Card>
              ))}
              <Button onClick={() => add({ id: newId(), content: '', unit: '', person: '', due: '' })} style={{ marginBottom: 16 }}>
                添加议定事项
              </Button>
            </>
          )}
        </Form.List>
        <Typography.Title level={5}>版记</Typography.Title>
        <Form.Item label="抄送" name="copyTo" extra="从机构名录中选择，按选择的顺序印在版记的抄送行">
          <UnitsPicker style={{ width: '100%' }} />
        </Form.Item>
        {/* A block of its own: the form's buttons must not sit beside it. */}
        <div>
          <Space size="large" wrap align="start">
            <Form.Item label="印发机关" name="printedBy" extra="默认取会议设置中的印发机关">
              <Input maxLength={40} style={{ width: 260 }} />
            </Form.Item>
            <Form.Item
              label="印发日期"
              name="printedOn"
              extra="格式如 2026-11-25；不填则为签发日期"
              rules={[
                {
                  validator: (_, v: string | undefined) => {
                    const t = v?.trim() ?? '';
                    if (!t) return Promise.resolve();
                    if (!isIsoDate(t)) return Promise.reject(new Error('印发日期格式如 2026-11-25'));
                    if (compareDates(t, meeting.meetingDate) < 0) return Promise.reject(new Error(`印发日期不能早于会议日期（${meeting.meetingDate}）`));
                    return Promise.resolve();
                  },
                },
              ]}
            >
              <Input style={{ width: 160 }} placeholder="签发日期" />
            </Form.Item>
          </Space>
        </div>
        {correcting && (
          <Form.Item label="更正理由" name="reason" rules={[{ required: true, whitespace: true, message: '请填写更正理由' }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        )}
      </CommandForm>
    </Card>
  );
}
