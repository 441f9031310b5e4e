import { App, Button, Checkbox, Divider, Form, Input, InputNumber, Radio, Select, Space, Typography, type FormInstance } from 'antd';
import { useLiveQuery } from '../../db/live';
import { useState, type ReactNode } from 'react';
import { RuleError } from '@shared/domain/rule-error';
import { formatLocalDateTime } from '@shared/domain/dates';
import type { IncomingAction, IncomingRecord } from '@shared/domain/incoming-types';
import { can } from '@shared/domain/permissions';
import { useDb } from '../../db/DbContext';
import { useSend } from '../../db/commands/use-send';
import { listDepartments } from '../../db/repositories/settings';
import { loadWorkCalendar } from '../../db/repositories/calendar';
import { isIsoDate, todayIso } from '@shared/domain/dates';
import { CalendarGapNote } from '../../ui/CalendarGapNote';
import { useActor } from '../../ui/session';
import { AccountPicker, PersonPicker, PhrasePicker } from '../../ui/pickers';
import { useAccountChoices } from '../../db/hooks';
import type { PhraseKind } from '@shared/domain/phrases';
import { instructionTaskContent } from '@shared/domain/supervision';
import type { FieldRename } from '../../ui/command';
import { CommandDialog } from '../../ui/CommandDialog';

type ActionType = IncomingAction['type'];
type DialogType = Exclude<ActionType, '已阅'>;

function nowText(): string {
  return formatLocalDateTime(new Date());
}

/** 'YYYY-MM-DD HH:mm' typed by the secretary → ISO instant (local time), or null. */
function parseLocalDateTime(text: string): string | null {
  const m = text.trim().match(/^(\d{4})-(\d{1,2})-(\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0));
  return Number.isNaN(d.getTime()) || d.getDate() !== Number(m[3]) ? null : d.toISOString();
}

/** The buttons for the steps allowed now, each opening its small form. */
export function ActionPanel({ record, actions }: { record: IncomingRecord; actions: ActionType[] }) {
  const actor = useActor();
  const send = useSend();
  const { message } = App.useApp();
  const [open, setOpen] = useState<DialogType | null>(null);
  const dialogActions = actions.filter((a): a is DialogType => a !== '已阅');
  // The secretary marks for anyone whose paper came back; a reader only for themself.
  const unread = actions.includes('已阅') ? record.circulation.filter((c) => !c.readAt && (can(actor, 'incoming.process') || c.userId === actor.id)) : [];

  const markRead = async (userId: string, name: string) => {
    try {
      await send('incoming.act', { id: record.id, action: { type: '已阅', userId } });
      void message.success(`${name} 已阅`);
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };

  if (dialogActions.length === 0 && unread.length === 0) return null;
  return (
    <div style={{ marginTop: 16 }}>
      <Divider titlePlacement="start">办理</Divider>
      <Space wrap>
        {dialogActions.map((a) => (
          <Button key={a} type={a === '退回' ? 'default' : 'primary'} danger={a === '退回'} onClick={() => setOpen(a)}>
            {a}
          </Button>
        ))}
        {unread.map((c) => (
          <Button key={c.userId} onClick={() => void markRead(c.userId, c.name)}>
            {`${c.name} 已阅`}
          </Button>
        ))}
      </Space>
      {open && <ActionDialog type={open} record={record} onClose={() => setOpen(null)} />}
    </div>
  );
}

interface DialogProps {
  record: IncomingRecord;
  onClose(): void;
}

// The domain's field names → these forms'.
const RENAME = { reason: 'note', text: 'note', result: 'note', host: 'hostId', cooperating: 'cooperatingIds', person: 'personId', readers: 'readerIds' };

// What the toast says once a step is recorded: what has happened, not more (传阅 has only started).
const DONE_TEXT: Record<DialogType, string> = { 初审: '已初审', 退回: '已退回', 拟办: '已拟办', 批示: '已登记批示', 承办: '已交承办', 传阅: '已送传阅', 催办: '已催办', 办结: '已办结' };

/** One step's dialog: "<step>：<收文编号>", submit named by the step, 「收〔2026〕0010 已送传阅」 after. */
function StepDialog<V>(props: DialogProps & { type: DialogType; run(v: V): Promise<unknown>; initialValues?: Partial<V>; form?: FormInstance<V>; rename?: FieldRename; children: ReactNode }) {
  const { message } = App.useApp();
  const { record, type } = props;
  return (
    <CommandDialog<V, unknown>
      title={`${type}：${record.serial}`}
      verb={type}
      danger={type === '退回'}
      width={600}
      rename={props.rename ?? RENAME}
      run={props.run}
      onClose={props.onClose}
      onDone={() => void message.success(`${record.serial} ${DONE_TEXT[type]}`)}
      {...(props.form ? { form: props.form } : {})}
      {...(props.initialValues ? { initialValues: props.initialValues } : {})}
    >
      {props.children}
    </CommandDialog>
  );
}

/**
 * The step's one text: 初审意见, 退回理由, 拟办意见, 批示内容, 催办内容, 办理结果. With `phrases`, the
 * user's 常用意见 of that kind follow the box (Tab, type or ↓, Enter inserts; the box takes the focus back).
 */
function NoteField({ label, required, autoFocus = true, phrases }: { label: string; required: boolean; autoFocus?: boolean; phrases?: PhraseKind }) {
  return (
    <>
      <Form.Item label={label} name="note" rules={required ? [{ required: true, whitespace: true, message: `请填写${label}` }] : []} style={phrases ? { marginBottom: 8 } : undefined}>
        <Input.TextArea rows={3} autoFocus={autoFocus} {...(autoFocus ? { 'data-autofocus': true } : {})} />
      </Form.Item>
      {phrases && <PhrasePicker kind={phrases} field="note" />}
    </>
  );
}

function useAct(record: IncomingRecord) {
  const send = useSend();
  return (action: IncomingAction) => send('incoming.act', { id: record.id, action });
}

function ActionDialog({ type, ...p }: DialogProps & { type: DialogType }) {
  switch (type) {
    case '初审':
    case '退回':
    case '拟办':
    case '催办':
    case '办结':
      return <NoteDialog type={type} {...p} />;
    case '批示':
      return <InstructDialog {...p} />;
    case '承办':
      return <AssignDialog {...p} />;
    case '传阅':
      return <CirculateDialog {...p} />;
  }
}

const NOTE_LABEL = { 初审: '初审意见', 退回: '退回理由', 拟办: '拟办意见', 催办: '催办内容', 办结: '办理结果' } as const;
/** The steps whose text has 常用意见. */
const NOTE_PHRASES: Partial<Record<keyof typeof NOTE_LABEL, PhraseKind>> = { 拟办: '拟办', 办结: '办理结果' };

interface NoteValues { note?: string; to?: string }

/** The steps that are one text (催办 adds whom it is addressed to). */
function NoteDialog({ type, record, onClose }: DialogProps & { type: keyof typeof NOTE_LABEL }) {
  const act = useAct(record);
  const required = type !== '初审' && !(type === '办结' && record.handling === '阅件');
  const run = (v: NoteValues) => {
    const note = v.note?.trim() ?? '';
    switch (type) {
      case '初审': return act({ type, ...(note ? { note } : {}) });
      case '退回': return act({ type, reason: note });
      case '拟办': return act({ type, text: note });
      case '催办': return act({ type, note, ...(v.to?.trim() ? { to: v.to.trim() } : {}) });
      case '办结': return act({ type, result: note });
    }
  };
  return (
    <StepDialog<NoteValues> type={type} record={record} onClose={onClose} run={run}>
      {type === '催办' && (
        <Form.Item label="催办对象" name="to">
          <Input placeholder="如 财务科 张三" />
        </Form.Item>
      )}
      <NoteField label={NOTE_LABEL[type]} required={required} {...(NOTE_PHRASES[type] ? { phrases: NOTE_PHRASES[type] } : {})} />
    </StepDialog>
  );
}

interface InstructValues { leader?: string; at?: string; oral?: boolean; note?: string }

function InstructDialog({ record, onClose }: DialogProps) {
  const act = useAct(record);
  const run = (v: InstructValues) => {
    const at = parseLocalDateTime(v.at ?? '');
    if (!at) return Promise.reject(RuleError.at('at', '批示时间格式应为 YYYY-MM-DD HH:mm'));
    return act({ type: '批示', leader: v.leader?.trim() ?? '', text: v.note?.trim() ?? '', at, oral: !!v.oral });
  };
  return (
    <StepDialog<InstructValues> type="批示" record={record} onClose={onClose} run={run} initialValues={{ at: nowText(), oral: false }}>
      <Form.Item label="批示领导" name="leader" rules={[{ required: true, whitespace: true, message: '请选择批示领导' }]} extra="从人员名录中选择（领导在前），可输入筛选或添加">
        <PersonPicker leaders autoFocus style={{ width: 280 }} />
      </Form.Item>
      <Form.Item label="批示时间" name="at" rules={[{ required: true, message: '请填写批示时间' }]} extra="格式 YYYY-MM-DD HH:mm">
        <Input />
      </Form.Item>
      <Form.Item name="oral" valuePropName="checked">
        <Checkbox>口头批示</Checkbox>
      </Form.Item>
      <NoteField label="批示内容" required autoFocus={false} phrases="批示" />
    </StepDialog>
  );
}

interface AssignValues { hostId?: string; cooperatingIds?: string[]; personId?: string; deadlineKind: 'workdays' | 'date'; deadlineDays?: number; deadlineDate?: string; taskContent?: string }

function AssignDialog({ record, onClose }: DialogProps) {
  const db = useDb();
  const actor = useActor();
  const send = useSend();
  // A 批示'd 收文 given a 办理时限 becomes a 督办: its 事项 is worded here (标题 + 批示, editable).
  const makesTask = !!record.instruction && !record.taskId && can(actor, 'supervision.manage');
  const act = (action: IncomingAction, taskContent?: string) => send('incoming.act', { id: record.id, action, ...(taskContent !== undefined ? { taskContent } : {}) });
  const [form] = Form.useForm<AssignValues>();
  const departments = useLiveQuery(() => listDepartments(db), [db]) ?? [];
  const people = useAccountChoices() ?? [];
  const deptOptions = departments.filter((d) => !d.disabled).map((d) => ({ value: d.id, label: d.name }));
  const deadlineKind = Form.useWatch('deadlineKind', form) ?? 'workdays';
  const deadlineDays = Form.useWatch('deadlineDays', form);
  const deadlineDate = Form.useWatch('deadlineDate', form)?.trim();
  const calendar = useLiveQuery(() => loadWorkCalendar(db), [db]);
  // The 时限 as it will be stored, to warn when it lies in a year without the holiday schedule.
  const today = todayIso();
  const dueDate =
    deadlineKind === 'date'
      ? isIsoDate(deadlineDate) ? deadlineDate : undefined
      : calendar && Number.isInteger(deadlineDays) && deadlineDays! >= 1 && deadlineDays! <= 365 ? calendar.addWorkdays(today, deadlineDays!) : undefined;
  const dept = (id?: string) => {
    const d = departments.find((x) => x.id === id);
    return d ? { id: d.id, name: d.name } : undefined;
  };
  const run = (v: AssignValues) => {
    const host = dept(v.hostId);
    if (!host) return Promise.reject(RuleError.at('hostId', '请选择主办单位'));
    const p = people.find((x) => x.id === v.personId);
    const deadline =
      v.deadlineKind === 'date'
        ? v.deadlineDate?.trim()
          ? { kind: 'date' as const, date: v.deadlineDate.trim() }
          : undefined
        : v.deadlineDays
          ? { kind: 'workdays' as const, days: v.deadlineDays }
          : undefined;
    if (makesTask && deadline && !v.taskContent?.trim()) return Promise.reject(RuleError.at('taskContent', '请填写督办事项'));
    return act(
      {
        type: '承办',
        host,
        cooperating: (v.cooperatingIds ?? []).map(dept).filter((d): d is NonNullable<typeof d> => !!d),
        ...(p ? { person: { userId: p.id, name: p.name } } : {}),
        ...(deadline ? { deadline } : {}),
      },
      makesTask ? v.taskContent : undefined,
    );
  };
  // 办理时限 is one of two inputs, by the chosen way of stating it.
  const rename = { ...RENAME, deadline: deadlineKind === 'date' ? 'deadlineDate' : 'deadlineDays', content: 'taskContent' };
  const initial: Partial<AssignValues> = { deadlineKind: 'workdays', ...(makesTask && record.instruction ? { taskContent: instructionTaskContent(record, record.instruction) } : {}) };
  return (
    <StepDialog<AssignValues> type="承办" record={record} onClose={onClose} form={form} run={run} rename={rename} initialValues={initial}>
      <Form.Item label="主办单位" name="hostId" rules={[{ required: true, message: '请选择主办单位' }]} extra={deptOptions.length === 0 ? '尚无机构：请系统管理员在“设置 → 单位信息”中添加' : undefined}>
        <Select showSearch optionFilterProp="label" options={deptOptions} />
      </Form.Item>
      <Form.Item label="协办单位" name="cooperatingIds">
        <Select mode="multiple" showSearch optionFilterProp="label" options={deptOptions} />
      </Form.Item>
      <Form.Item label="承办人" name="personId">
        <AccountPicker />
      </Form.Item>
      <Form.Item label="办理时限方式" name="deadlineKind">
        <Radio.Group
          options={[
            { value: 'workdays', label: '工作日' },
            { value: 'date', label: '指定日期' },
          ]}
        />
      </Form.Item>
      {deadlineKind === 'workdays' ? (
        <Form.Item label="办理时限" name="deadlineDays" extra={`从承办次日起算的工作日数${record.urgency !== '普通' ? `；${record.urgency}件必须设定` : ''}`}>
          <InputNumber min={1} max={365} addonAfter="个工作日" />
        </Form.Item>
      ) : (
        <Form.Item label="办理时限" name="deadlineDate" extra="YYYY-MM-DD">
          <Input />
        </Form.Item>
      )}
      {dueDate && deadlineKind === 'workdays' && <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>{`即 ${dueDate} 前办结`}</Typography.Text>}
      <CalendarGapNote calendar={calendar} dates={[dueDate]} from={today} />
      {makesTask && (
        <Form.Item label="督办事项" name="taskContent" extra="设定办理时限后列入督办；事项写明要办的事（文件标题和领导批示），可修改">
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      )}
    </StepDialog>
  );
}

interface CirculateValues { readerIds?: string[] }

function CirculateDialog({ record, onClose }: DialogProps) {
  const act = useAct(record);
  const people = useAccountChoices() ?? [];
  const run = (v: CirculateValues) =>
    act({
      type: '传阅',
      readers: (v.readerIds ?? []).flatMap((id) => {
        const p = people.find((x) => x.id === id);
        return p ? [{ userId: p.id, name: p.name }] : [];
      }),
    });
  return (
    <StepDialog<CirculateValues> type="传阅" record={record} onClose={onClose} run={run}>
      <Form.Item label="传阅人" name="readerIds" rules={[{ required: true, message: '请选择传阅人' }]} extra="按传阅顺序选择；文件依次传递">
        <AccountPicker multiple />
      </Form.Item>
    </StepDialog>
  );
}
