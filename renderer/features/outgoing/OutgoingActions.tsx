import { App, Button, Divider, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { todayIso } from '@shared/domain/dates';
import { isClassified } from '@shared/domain/enums';
import { formatCopyNumber } from '@shared/domain/numbering';
import { pendingCountersigns, pendingDistributions, undistributedCopyNumbers } from '@shared/domain/outgoing';
import type { OutgoingAction, OutgoingActionType, OutgoingRecord } from '@shared/domain/outgoing-types';
import { RuleError } from '@shared/domain/rule-error';
import { useDb } from '../../db/DbContext';
import { useLiveQuery } from '../../db/live';
import { useSend } from '../../db/commands/use-send';
import { usePeopleDirectory } from '../../db/hooks';
import { previewDocNumber, reservedDocNumbers } from '../../db/repositories/outgoing';
import { CommandDialog } from '../../ui/CommandDialog';
import type { FieldRename } from '../../ui/command';
import { PersonPicker, PhrasePicker } from '../../ui/pickers';
import { useActor } from '../../ui/session';
import { nextOutgoingActions, numberText } from './outgoing-ui';

// The steps of the 发文 procedure (条例 §19–22, §25), each a button opening its small form.

const DONE_TEXT: Record<OutgoingActionType, string> = {
  送核稿: '已送核稿',
  核稿: '已核稿',
  退回修改: '已退回修改',
  会签: '已记录会签意见',
  签发: '已签发',
  复核: '已复核',
  登记: '已登记',
  印制: '已印制',
  用印: '已用印',
  核发: '已核发',
  作废: '已作废',
};

/** The buttons for the steps the state allows, each opening its dialog. */
export function OutgoingActions({ record }: { record: OutgoingRecord }) {
  const navigate = useNavigate();
  const actor = useActor();
  const [open, setOpen] = useState<OutgoingActionType | null>(null);
  const actions = nextOutgoingActions(record, actor);
  if (actions.length === 0 && record.state !== '草稿') return null;
  return (
    <div style={{ marginTop: 12 }}>
      <Divider titlePlacement="start" style={{ margin: '8px 0' }}>
        办理
      </Divider>
      <Space wrap>
        {record.state === '草稿' && <Button onClick={() => navigate(`/outgoing/${record.id}/edit`)}>修改</Button>}
        {actions.map((a) => (
          <Button key={a} type={a === '作废' || a === '退回修改' ? 'default' : 'primary'} danger={a === '作废' || a === '退回修改'} onClick={() => setOpen(a)}>
            {a}
          </Button>
        ))}
      </Space>
      {open && <ActionDialog type={open} record={record} onClose={() => setOpen(null)} />}
    </div>
  );
}

interface DialogProps {
  record: OutgoingRecord;
  onClose(): void;
}

function useAct(record: OutgoingRecord) {
  const send = useSend();
  return (action: OutgoingAction) => send('outgoing.act', { id: record.id, action });
}

/** "<step>：<文号 or 标题>", submit named by the step, 「县政办发〔2026〕1号 已核发」 after. */
function StepDialog<V>(props: DialogProps & { type: OutgoingActionType; run(v: V): Promise<unknown>; initialValues?: Partial<V>; rename?: FieldRename; children: ReactNode }) {
  const { message } = App.useApp();
  const { record, type } = props;
  const name = record.docNumber ?? record.title;
  return (
    <CommandDialog<V, unknown>
      title={`${type}：${name}`}
      verb={type}
      danger={type === '作废' || type === '退回修改'}
      width={600}
      rename={props.rename ?? { text: 'text', reason: 'reason' }}
      run={props.run}
      onClose={props.onClose}
      // After 登记 the record is named by the 文号 it has just taken.
      onDone={(result) => void message.success(`${(result as OutgoingRecord | undefined)?.docNumber ?? name} ${DONE_TEXT[type]}`)}
      {...(props.initialValues ? { initialValues: props.initialValues } : {})}
    >
      {props.children}
    </CommandDialog>
  );
}

function ActionDialog({ type, ...p }: DialogProps & { type: OutgoingActionType }) {
  switch (type) {
    case '送核稿':
      return <SubmitDialog {...p} />;
    case '核稿':
    case '退回修改':
    case '作废':
    case '用印':
      return <TextDialog type={type} {...p} />;
    case '会签':
      return <CountersignDialog {...p} />;
    case '签发':
      return <SignoffDialog {...p} />;
    case '复核':
      return <RecheckDialog {...p} />;
    case '登记':
      return <RegisterDialog {...p} />;
    case '印制':
      return <PrintDialog {...p} />;
    case '核发':
      return <DistributeDialog {...p} />;
  }
}

function SubmitDialog({ record, onClose }: DialogProps) {
  const act = useAct(record);
  return (
    <StepDialog<object> type="送核稿" record={record} onClose={onClose} run={() => act({ type: '送核稿' })}>
      <Typography.Paragraph>送办公室核稿。送出后草稿不能再修改，退回修改后方可修改。</Typography.Paragraph>
    </StepDialog>
  );
}

const TEXT_LABEL = { 核稿: '核稿意见', 退回修改: '退回理由', 作废: '作废理由', 用印: '用印说明' } as const;

interface TextValues {
  text?: string;
}

/** The steps that are one text: 核稿意见, 退回理由, 作废理由, 用印说明. */
function TextDialog({ type, record, onClose }: DialogProps & { type: keyof typeof TEXT_LABEL }) {
  const act = useAct(record);
  const label = TEXT_LABEL[type];
  // 用印说明 is the one optional text (the rule asks for 核稿意见 too).
  const required = type !== '用印';
  const run = (v: TextValues) => {
    const text = v.text?.trim() ?? '';
    switch (type) {
      case '核稿':
        return act({ type, text });
      case '退回修改':
        return act({ type, reason: text });
      case '作废':
        return act({ type, reason: text });
      case '用印':
        return act({ type, ...(text ? { note: text } : {}) });
    }
  };
  return (
    <StepDialog<TextValues> type={type} record={record} onClose={onClose} run={run} rename={{ reason: 'text', note: 'text' }}>
      {type === '作废' && (
        <Typography.Paragraph type="danger">
          {record.docNumber ? `作废后，文号 ${record.docNumber} 保留在文号台账中，标为“作废”并记录理由，不再使用。` : '作废后本件发文不再办理。'}
        </Typography.Paragraph>
      )}
      <Form.Item label={label} name="text" rules={required ? [{ required: true, whitespace: true, message: `请填写${label}` }] : []}>
        <Input.TextArea rows={3} data-autofocus />
      </Form.Item>
    </StepDialog>
  );
}

interface CountersignValues {
  unitId?: string;
  signer?: string;
  text?: string;
  date?: string;
}

function CountersignDialog({ record, onClose }: DialogProps) {
  const act = useAct(record);
  const units = pendingCountersigns(record);
  const run = (v: CountersignValues) => act({ type: '会签', unitId: v.unitId ?? '', signer: v.signer?.trim() ?? '', text: v.text?.trim() ?? '', date: v.date?.trim() ?? '' });
  return (
    <StepDialog<CountersignValues> type="会签" record={record} onClose={onClose} run={run} initialValues={{ date: todayIso(), ...(units[0] ? { unitId: units[0].id } : {}) }}>
      <Form.Item label="会签单位" name="unitId" rules={[{ required: true, message: '请选择会签单位' }]}>
        <Select options={units.map((u) => ({ value: u.id, label: u.name }))} />
      </Form.Item>
      <Form.Item label="会签人" name="signer" rules={[{ required: true, whitespace: true, message: '请填写会签人' }]}>
        <PersonPicker style={{ width: 280 }} />
      </Form.Item>
      <Form.Item label="会签意见" name="text" rules={[{ required: true, whitespace: true, message: '请填写会签意见' }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item label="会签日期" name="date" rules={[{ required: true, message: '请填写会签日期' }]} extra="YYYY-MM-DD">
        <Input style={{ width: 160 }} />
      </Form.Item>
    </StepDialog>
  );
}

interface SignoffValues {
  signer?: string;
  text?: string;
  date?: string;
}

function SignoffDialog({ record, onClose }: DialogProps) {
  const act = useAct(record);
  const people = usePeopleDirectory();
  const run = (v: SignoffValues) => {
    const name = v.signer?.trim() ?? '';
    // The 签发人 is one entry of the 人员名录 (its id is what the record keeps).
    const person = (people ?? []).find((p) => p.name === name);
    if (!name) return Promise.reject(RuleError.at('signerId', '请选择签发人'));
    if (!person) return Promise.reject(RuleError.at('signerId', `人员名录中没有“${name}”`));
    return act({ type: '签发', signerId: person.id, text: v.text?.trim() ?? '', date: v.date?.trim() ?? '' });
  };
  return (
    <StepDialog<SignoffValues> type="签发" record={record} onClose={onClose} run={run} rename={{ signerId: 'signer', text: 'text', date: 'date' }} initialValues={{ date: todayIso() }}>
      <Form.Item
        label="签发人"
        name="signer"
        rules={[{ required: true, whitespace: true, message: '请选择签发人' }]}
        extra={record.direction === '上行文' ? '上行文须注明签发人（印在版头）' : '从人员名录中选择（领导在前），可输入筛选或添加'}
      >
        <PersonPicker leaders autoFocus style={{ width: 280 }} />
      </Form.Item>
      <Form.Item label="签发意见" name="text" rules={[{ required: true, whitespace: true, message: '请填写签发意见' }]} style={{ marginBottom: 8 }}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <PhrasePicker kind="批示" field="text" />
      <Form.Item label="签发日期" name="date" rules={[{ required: true, message: '请填写签发日期' }]} extra="YYYY-MM-DD">
        <Input style={{ width: 160 }} />
      </Form.Item>
    </StepDialog>
  );
}

interface RecheckValues {
  text?: string;
  writtenDate?: string;
}

function RecheckDialog({ record, onClose }: DialogProps) {
  const act = useAct(record);
  const run = (v: RecheckValues) => act({ type: '复核', text: v.text?.trim() ?? '', ...(v.writtenDate?.trim() ? { writtenDate: v.writtenDate.trim() } : {}) });
  return (
    <StepDialog<RecheckValues> type="复核" record={record} onClose={onClose} run={run} initialValues={{ writtenDate: record.writtenDate ?? record.signoff?.date ?? '' }}>
      <Form.Item label="复核意见" name="text" extra="审批手续是否完备、附件是否齐全、格式是否规范">
        <Input.TextArea rows={2} data-autofocus />
      </Form.Item>
      <Form.Item label="成文日期" name="writtenDate" extra="默认签发日期；YYYY-MM-DD">
        <Input style={{ width: 160 }} />
      </Form.Item>
    </StepDialog>
  );
}

interface RegisterValues {
  reservedEntryId?: string;
}

function RegisterDialog({ record, onClose }: DialogProps) {
  const db = useDb();
  const actor = useActor();
  const act = useAct(record);
  const year = new Date().getFullYear();
  const info = useLiveQuery(async () => ({ next: await previewDocNumber(db, record.seriesId, year), reserved: await reservedDocNumbers(db, actor, record.seriesId) }), [db, actor.id, record.seriesId, year]);
  const reserved = info?.reserved ?? [];
  const run = (v: RegisterValues) => act({ type: '登记', ...(v.reservedEntryId ? { reservedEntryId: v.reservedEntryId } : {}) });
  return (
    <StepDialog<RegisterValues> type="登记" record={record} onClose={onClose} run={run} rename={{ reservedEntryId: 'reservedEntryId' }}>
      <Typography.Paragraph>
        登记时编定文号，编定后不再改变、不再重用。
        {info?.next && (
          <>
            {' '}下一个文号：<Typography.Text strong>{info.next}</Typography.Text>
          </>
        )}
      </Typography.Paragraph>
      <Form.Item label="使用预留号" name="reservedEntryId" extra={reserved.length ? '不选则取下一个文号' : '本字号没有待用的预留号'}>
        <Select allowClear disabled={reserved.length === 0} placeholder="不使用预留号" options={reserved.map((e) => ({ value: e.id, label: `${e.number}（${e.reason ?? '预留'}）`, title: `${e.number}（${e.reason ?? '预留'}）` }))} />
      </Form.Item>
    </StepDialog>
  );
}

interface PrintValues {
  copies?: number | null;
}

function PrintDialog({ record, onClose }: DialogProps) {
  const act = useAct(record);
  const [copies, setCopies] = useState<number | null>(record.printCopies);
  const classified = isClassified(record.classification);
  const run = (v: PrintValues) => act({ type: '印制', copies: v.copies ?? Number.NaN });
  return (
    <StepDialog<PrintValues> type="印制" record={record} onClose={onClose} run={run} initialValues={{ copies: record.printCopies }}>
      <Form.Item label="印制份数" name="copies" rules={[{ required: true, message: '请填写印制份数' }]}>
        <InputNumber min={1} max={9999} precision={0} suffix="份" style={{ width: 160 }} onChange={(v) => setCopies(typeof v === 'number' ? v : null)} />
      </Form.Item>
      {classified && copies && copies > 0 ? (
        <Typography.Paragraph type="warning" role="note">
          {`${record.classification}发文：每份编一个份号（${formatCopyNumber(1)}–${formatCopyNumber(copies)}），并登记为 ${copies} 个涉密载体（来源：自制）。`}
        </Typography.Paragraph>
      ) : null}
    </StepDialog>
  );
}

interface DistributeValues {
  unit?: string;
  copies?: number | null;
  copyNumbers?: string[];
  date?: string;
  receivedBy?: string;
}

function DistributeDialog({ record, onClose }: DialogProps) {
  const act = useAct(record);
  const { message } = App.useApp();
  const [form] = Form.useForm<DistributeValues>();
  const left = pendingDistributions(record);
  const classified = isClassified(record.classification);
  // 份号 printed and not handed over yet.
  const free = undistributedCopyNumbers(record);
  const run = (v: DistributeValues) => {
    const numbers = v.copyNumbers ?? [];
    return act({ type: '核发', unit: v.unit ?? '', copies: classified ? numbers.length : (v.copies ?? Number.NaN), copyNumbers: numbers, date: v.date?.trim() ?? '', receivedBy: v.receivedBy?.trim() ?? '' });
  };
  return (
    <CommandDialog<DistributeValues, unknown>
      title={`核发：${numberText(record)}`}
      verb="核发"
      width={600}
      form={form}
      run={run}
      onClose={onClose}
      initialValues={{ date: todayIso(), copies: 1, ...(left[0] ? { unit: left[0].unit } : {}), ...(classified && free[0] ? { copyNumbers: [free[0]] } : {}) }}
      onDone={(_r, v) => void message.success(`${numberText(record)} 已核发 ${v.unit ?? ''}`)}
    >
      <Form.Item label="分送单位" name="unit" rules={[{ required: true, message: '请选择分送单位' }]}>
        <Select showSearch optionFilterProp="label" options={left.map((u) => ({ value: u.unit, label: `${u.role}：${u.unit}` }))} />
      </Form.Item>
      {classified ? (
        <Form.Item label="份号" name="copyNumbers" rules={[{ required: true, message: '请选择份号' }]} extra={`涉密发文按份号分发，每份作为涉密载体移交；未分发 ${free.length} 份`}>
          <Select mode="multiple" options={free.map((n) => ({ value: n, label: n }))} />
        </Form.Item>
      ) : (
        <Form.Item label="份数" name="copies" rules={[{ required: true, message: '请填写份数' }]}>
          <InputNumber min={1} max={9999} precision={0} suffix="份" style={{ width: 160 }} />
        </Form.Item>
      )}
      <Form.Item label="签收日期" name="date" rules={[{ required: true, message: '请填写签收日期' }]} extra="YYYY-MM-DD">
        <Input style={{ width: 160 }} />
      </Form.Item>
      <Form.Item label="签收人" name="receivedBy" rules={[{ required: true, whitespace: true, message: '请填写签收人' }]}>
        <Input style={{ width: 240 }} />
      </Form.Item>
    </CommandDialog>
  );
}
