import { Alert, App, AutoComplete, Button, Divider, Dropdown, Form, Input, Radio, Select, Space, Tooltip, Typography, type FormInstance } from 'antd';
import { useLiveQuery } from '../../db/live';
import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { carrierActionRefusal } from '@shared/domain/carrier';
import type { CarrierRecord } from '@shared/domain/carrier-types';
import { addDays, todayIso } from '@shared/domain/dates';
import { CLASSIFICATIONS, classificationRank, isClassified, type Classification } from '@shared/domain/enums';
import { parseSecrecyTermText } from '@shared/domain/secrecy-term';
import { useDb } from '../../db/DbContext';
import { carrierFacets, suggestCopyNumber } from '../../db/repositories/carriers';
import { useSend } from '../../db/commands/use-send';
import { useActor } from '../../ui/session';
import { personOptions, personRef, useCarrierPeople, type CarrierPerson } from './carrier-ui';
import { CommandDialog } from '../../ui/CommandDialog';

// The 保密员's buttons on a carrier and the small form behind each. Only what the carrier's state
// allows now is a button (归还 on a carrier 在库 is not); the rest sit under 更多, each with the rule
// that refuses it as its tooltip and, when chosen, as the alert, so the 保密员 still learns the rule.

export const DIALOG_ACTIONS = ['借出', '归还', '复制', '移交', '销毁', '解密', '降密'] as const;
export type DialogAction = (typeof DIALOG_ACTIONS)[number] | '变更';

export function CarrierActions({ record }: { record: CarrierRecord }) {
  const actor = useActor();
  const [open, setOpen] = useState<DialogAction | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const refusalOf = (a: DialogAction) =>
    a === '变更' ? (record.state === '在库' || record.state === '借出' ? null : `该载体${record.state}，登记信息不能再修改`) : carrierActionRefusal(record, a, actor);
  const all: DialogAction[] = [...DIALOG_ACTIONS, '变更'];
  const allowed = all.filter((a) => !refusalOf(a));
  const refused = all.filter((a) => refusalOf(a));
  const tryOpen = (a: DialogAction) => {
    const why = refusalOf(a);
    setRefusal(why);
    if (!why) setOpen(a);
  };
  return (
    <div style={{ marginTop: 16 }}>
      <Divider titlePlacement="start">办理</Divider>
      <Space wrap>
        {allowed.map((a) => (
          <Button key={a} type={a === '借出' || a === '归还' ? 'primary' : 'default'} danger={a === '销毁'} onClick={() => tryOpen(a)}>
            {a}
          </Button>
        ))}
        {refused.length > 0 && (
          <Dropdown
            trigger={['click']}
            menu={{
              'aria-label': '当前不可办理',
              items: refused.map((a) => ({
                key: a,
                label: (
                  <Tooltip title={refusalOf(a)} placement="right">
                    <Typography.Text type="secondary">{a}</Typography.Text>
                  </Tooltip>
                ),
                title: refusalOf(a) ?? undefined,
              })),
              onClick: ({ key }) => tryOpen(key as DialogAction),
            }}
          >
            <Button>更多</Button>
          </Dropdown>
        )}
      </Space>
      {refusal && <Alert type="warning" showIcon role="alert" title={refusal} style={{ marginTop: 12 }} closable={{ onClose: () => setRefusal(null) }} />}
      {open && <ActionDialog type={open} record={record} onClose={() => setOpen(null)} />}
    </div>
  );
}

// The repository's field names → these forms' (a form without the field shows the error as its alert).
const RENAME = {
  borrower: 'borrowerId',
  approver: 'approverId',
  outsideScopeApprovalBy: 'outsideApproverId',
  approval: 'approverId',
  destroyer: 'destroyerId',
  supervisor: 'supervisorId',
  custodian: 'custodianId',
  knowers: 'knowerIds',
};

const METHODS = ['送保密局销毁站销毁', '碎纸机粉碎', '消磁', '物理粉碎'];

interface DialogProps {
  record: CarrierRecord;
  onClose(): void;
}

/** Nobody chosen is sent as an empty person: the rules refuse it with the field's own message. */
function usePick() {
  const people = useCarrierPeople();
  return { people, who: (id?: string) => personRef(people, id) ?? { userId: '', name: '' } };
}

/** One action's dialog: titled with the carrier, submit named by the action, 「… 完成」 after. */
function CarrierDialog<V, T = unknown>(props: DialogProps & { type: DialogAction; run(v: V): Promise<T>; initialValues?: Partial<V>; form?: FormInstance<V>; onDone?(result: T): void; children?: ReactNode }) {
  const { message } = App.useApp();
  const { record, type } = props;
  return (
    <CommandDialog<V, T>
      title={`${type}：${record.serial}（份号 ${record.copyNumber}）`}
      verb={type === '变更' ? '保存' : type}
      formLabel={type}
      danger={type === '销毁'}
      width={620}
      rename={RENAME}
      run={props.run}
      onClose={props.onClose}
      onDone={props.onDone ?? (() => void message.success(`${record.serial} ${type}完成`))}
      {...(props.form ? { form: props.form } : {})}
      {...(props.initialValues ? { initialValues: props.initialValues } : {})}
    >
      {props.children}
    </CommandDialog>
  );
}

function ActionDialog({ type, ...p }: DialogProps & { type: DialogAction }) {
  switch (type) {
    case '借出': return <LendDialog {...p} />;
    case '归还': return <ReturnDialog {...p} />;
    case '复制': return <CopyDialog {...p} />;
    case '移交': return <TransferDialog {...p} />;
    case '销毁': return <DestroyDialog {...p} />;
    case '解密': return <DeclassifyDialog {...p} type="解密" />;
    case '降密': return <DeclassifyDialog {...p} type="降密" />;
    case '变更': return <EditDialog {...p} />;
  }
}

const approvers = (p: CarrierPerson) => p.approver;

interface LendValues { borrowerId?: string; purpose?: string; approverId?: string; dueDate?: string; outsideApproverId?: string }

function LendDialog({ record, onClose }: DialogProps) {
  const send = useSend();
  const { people, who } = usePick();
  const [form] = Form.useForm<LendValues>();
  const borrowerId = Form.useWatch('borrowerId', form);
  const outsideScope = !!borrowerId && !record.knowers.some((k) => k.userId === borrowerId);
  const run = (v: LendValues) => {
    const outside = personRef(people, v.outsideApproverId);
    return send('carrier.act', {
      id: record.id,
      action: {
        type: '借出',
        borrower: who(v.borrowerId),
        purpose: v.purpose ?? '',
        approver: who(v.approverId),
        dueDate: (v.dueDate ?? '').trim(),
        ...(outside ? { outsideScopeApprovalBy: outside } : {}),
      },
    });
  };
  return (
    <CarrierDialog type="借出" record={record} onClose={onClose} form={form} run={run} initialValues={{ dueDate: addDays(todayIso(), 7) }}>
      <Form.Item label="借阅人" name="borrowerId" extra={outsideScope ? '此人不在知悉范围内：须由保密员批准' : `知悉范围：${record.knowers.map((k) => k.name).join('、')}`}>
        <Select showSearch optionFilterProp="label" options={personOptions(people)} autoFocus />
      </Form.Item>
      <Form.Item label="借阅事由" name="purpose">
        <Input />
      </Form.Item>
      <Form.Item label="批准人" name="approverId">
        <Select showSearch optionFilterProp="label" options={personOptions(people)} />
      </Form.Item>
      {outsideScope && (
        <Form.Item label="知悉范围外借阅批准人" name="outsideApproverId" extra="安全保密管理员">
          <Select allowClear showSearch optionFilterProp="label" options={personOptions(people, approvers)} />
        </Form.Item>
      )}
      <Form.Item label="应还日期" name="dueDate" extra="YYYY-MM-DD">
        <Input style={{ width: 160 }} />
      </Form.Item>
    </CarrierDialog>
  );
}

function ReturnDialog({ record, onClose }: DialogProps) {
  const send = useSend();
  return (
    <CarrierDialog type="归还" record={record} onClose={onClose} run={() => send('carrier.act', { id: record.id, action: { type: '归还' } })}>
      {record.loan && (
        <Typography.Paragraph>
          {record.loan.borrower.name} 归还（借出 {record.loan.lentAt.slice(0, 10)}，应还 {record.loan.dueDate}）。请核对页数、份号无误后确认。
        </Typography.Paragraph>
      )}
    </CarrierDialog>
  );
}

interface CopyValues { copyNumber?: string; reference?: string; approverId?: string }

function CopyDialog({ record, onClose }: DialogProps) {
  const db = useDb();
  const actor = useActor();
  const send = useSend();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { people } = usePick();
  const suggested = useLiveQuery(() => suggestCopyNumber(db, actor, record.id), [db, actor.id, record.id]);
  const run = async (v: CopyValues) => {
    const approver = personRef(people, v.approverId);
    const { copy } = await send('carrier.copy', {
      id: record.id,
      action: {
        type: '复制',
        copyNumber: v.copyNumber ?? '',
        approval: record.classification === '绝密' ? { kind: 'originating-office', reference: v.reference ?? '' } : { kind: 'unit', approver: approver ?? { userId: '', name: '' } },
      },
    });
    return copy;
  };
  const done = (copy: { id: string; serial: string; copyNumber: string }) => {
    void message.success(`已复制为 ${copy.serial}（份号 ${copy.copyNumber}）`);
    navigate(`/classified/${copy.id}`);
  };
  return (
    <CarrierDialog type="复制" record={record} onClose={onClose} run={run} onDone={done}>
      <Form.Item label="份号" name="copyNumber" extra={suggested ? `复制件的新份号；建议 ${suggested}` : '复制件的新份号'}>
        <Input style={{ width: 140 }} placeholder={suggested} />
      </Form.Item>
      {record.classification === '绝密' ? (
        <Form.Item label="原定密机关批准文号" name="reference" extra="绝密载体复制须经原定密机关批准">
          <Input />
        </Form.Item>
      ) : (
        <Form.Item label="审批人" name="approverId" extra="机密、秘密载体复制须经本单位审批（安全保密管理员）">
          <Select allowClear showSearch optionFilterProp="label" options={personOptions(people, approvers)} />
        </Form.Item>
      )}
    </CarrierDialog>
  );
}

interface TransferValues { kind: '移交' | '清退'; receiverKind: '个人' | '单位'; receiver?: string }

function TransferDialog({ record, onClose }: DialogProps) {
  const send = useSend();
  const run = (v: TransferValues) => send('carrier.act', { id: record.id, action: { type: '移交', kind: v.kind, receiverKind: v.receiverKind, receiver: v.receiver ?? '' } });
  return (
    <CarrierDialog<TransferValues> type="移交" record={record} onClose={onClose} run={run} initialValues={{ kind: '移交', receiverKind: '单位' }}>
      <Form.Item label="方式" name="kind">
        <Radio.Group options={['移交', '清退']} />
      </Form.Item>
      <Form.Item label="接收方类型" name="receiverKind">
        <Radio.Group options={['单位', '个人']} />
      </Form.Item>
      <Form.Item label="接收方" name="receiver" extra="接收单位或接收人姓名；打印移交单由接收方签字">
        <Input />
      </Form.Item>
    </CarrierDialog>
  );
}

interface DestroyValues { approverId?: string; destroyerId?: string; supervisorId?: string; method?: string; place?: string }

function DestroyDialog({ record, onClose }: DialogProps) {
  const send = useSend();
  const { people, who } = usePick();
  const run = (v: DestroyValues) =>
    send('carrier.act', {
      id: record.id,
      action: {
        type: '销毁',
        approver: who(v.approverId),
        destroyer: who(v.destroyerId),
        supervisor: who(v.supervisorId),
        method: v.method ?? '',
        place: v.place ?? '',
      },
    });
  return (
    <CarrierDialog<DestroyValues> type="销毁" record={record} onClose={onClose} run={run} initialValues={{ place: '' }}>
      <Form.Item label="审批人" name="approverId" extra="安全保密管理员；不能兼任销毁人或监销人">
        <Select showSearch optionFilterProp="label" options={personOptions(people, approvers)} />
      </Form.Item>
      <Form.Item label="销毁人" name="destroyerId">
        <Select showSearch optionFilterProp="label" options={personOptions(people)} />
      </Form.Item>
      <Form.Item label="监销人" name="supervisorId">
        <Select showSearch optionFilterProp="label" options={personOptions(people)} />
      </Form.Item>
      <Form.Item label="销毁方式" name="method">
        <AutoInput options={METHODS} />
      </Form.Item>
      <Form.Item label="销毁地点" name="place">
        <Input />
      </Form.Item>
    </CarrierDialog>
  );
}

interface DeclassifyValues { approverId?: string; basis?: string; newLevel?: Classification; newTerm?: string }

/** 解密, and 降密 (which adds the new level and term). */
function DeclassifyDialog({ record, onClose, type }: DialogProps & { type: '解密' | '降密' }) {
  const send = useSend();
  const { people, who } = usePick();
  const lowerLevels = CLASSIFICATIONS.filter((c) => isClassified(c) && classificationRank(c) < classificationRank(record.classification));
  const run = (v: DeclassifyValues) => {
    if (type === '解密') return send('carrier.act', { id: record.id, action: { type, approver: who(v.approverId), basis: v.basis ?? '' } });
    const term = v.newTerm?.trim() ? parseSecrecyTermText(v.newTerm) : null;
    return send('carrier.act', { id: record.id, action: { type, approver: who(v.approverId), basis: v.basis ?? '', newLevel: v.newLevel as Classification, ...(term ? { newTerm: term } : {}) } });
  };
  const initial: Partial<DeclassifyValues> = type === '降密' && lowerLevels.length ? { newLevel: lowerLevels[lowerLevels.length - 1] } : {};
  return (
    <CarrierDialog<DeclassifyValues> type={type} record={record} onClose={onClose} run={run} initialValues={initial}>
      {type === '降密' && (
        <>
          <Form.Item label="降密后密级" name="newLevel">
            <Select style={{ width: 120 }} options={lowerLevels.map((c) => ({ value: c, label: c }))} />
          </Form.Item>
          <Form.Item label="新保密期限" name="newTerm" extra="留空按新密级的法定期限">
            <Input style={{ width: 160 }} />
          </Form.Item>
        </>
      )}
      <Form.Item label="审批人" name="approverId">
        <Select showSearch optionFilterProp="label" options={personOptions(people)} />
      </Form.Item>
      <Form.Item label={`${type}依据`} name="basis" extra="定密机关的决定、文号或审查结论">
        <Input.TextArea rows={2} />
      </Form.Item>
    </CarrierDialog>
  );
}

interface EditValues { name: string; custodianId: string; location: string; knowerIds: string[] }

function EditDialog({ record, onClose }: DialogProps) {
  const db = useDb();
  const actor = useActor();
  const send = useSend();
  const { people: accounts } = usePick();
  // People on the record without an account here (外单位人员 from a 迁移包, issue #20) stay on it and
  // choosable by name; their ids are no account's, so they are in no need to know.
  const people = [
    ...accounts,
    ...[record.custodian, ...record.knowers]
      .filter((p, i, all) => p.userId && !accounts.some((a) => a.id === p.userId) && all.findIndex((q) => q.userId === p.userId) === i)
      .map((p) => ({ id: p.userId, name: p.name, approver: false })),
  ];
  const facets = useLiveQuery(() => carrierFacets(db, actor), [db, actor.id]);
  const run = (v: EditValues) => {
    const custodian = personRef(people, v.custodianId);
    return send('carrier.edit', {
      id: record.id,
      patch: {
        name: v.name,
        ...(custodian ? { custodian } : {}),
        location: v.location,
        knowers: (v.knowerIds ?? []).map((id) => personRef(people, id)).filter((p) => !!p),
      },
    });
  };
  const initial: EditValues = { name: record.name, custodianId: record.custodian.userId, location: record.location, knowerIds: record.knowers.map((k) => k.userId) };
  return (
    <CarrierDialog<EditValues> type="变更" record={record} onClose={onClose} run={run} initialValues={initial}>
      <Form.Item label="名称" name="name">
        <Input />
      </Form.Item>
      <Form.Item label="保管人" name="custodianId">
        <Select showSearch optionFilterProp="label" options={personOptions(people)} />
      </Form.Item>
      <Form.Item label="存放位置" name="location">
        <AutoInput options={facets?.locations ?? []} />
      </Form.Item>
      <Form.Item label="知悉范围" name="knowerIds">
        <Select mode="multiple" showSearch optionFilterProp="label" options={personOptions(people)} />
      </Form.Item>
    </CarrierDialog>
  );
}

/** A text box with suggestions that reads and writes a plain string. */
function AutoInput({ options, value, onChange, id }: { options: readonly string[]; value?: string; onChange?: (v: string) => void; id?: string }) {
  return <AutoComplete id={id} value={value ?? ''} onChange={(v: string) => onChange?.(v)} options={options.map((o) => ({ value: o }))} filterOption={(input, o) => String(o?.value ?? '').includes(input)} />;
}
