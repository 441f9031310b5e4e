import { Alert, App, Button, Checkbox, Divider, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import { useLiveQuery } from '../../db/live';
import { useState } from 'react';
import type { IncomingAction, IncomingRecord } from '@shared/domain/incoming-types';
import { can } from '@shared/domain/permissions';
import { useDb } from '../../db/DbContext';
import { actOnIncoming } from '../../db/repositories/incoming';
import { listDepartments } from '../../db/repositories/settings';
import { listActiveUserNames } from '../../db/repositories/users';
import { useActor } from '../../ui/session';

type ActionType = IncomingAction['type'];
type DialogType = Exclude<ActionType, '已阅'>;

function nowText(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
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
  const db = useDb();
  const actor = useActor();
  const { message } = App.useApp();
  const [open, setOpen] = useState<DialogType | null>(null);
  const dialogActions = actions.filter((a): a is DialogType => a !== '已阅');
  // The secretary marks for anyone whose paper came back; a reader only for themself.
  const unread = actions.includes('已阅') ? record.circulation.filter((c) => !c.readAt && (can(actor, 'incoming.process') || c.userId === actor.id)) : [];

  const markRead = async (userId: string, name: string) => {
    try {
      await actOnIncoming(db, actor, record.id, { type: '已阅', userId });
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

interface DialogValues {
  note?: string;
  leader?: string;
  at?: string;
  oral?: boolean;
  hostId?: string;
  cooperatingIds?: string[];
  personId?: string;
  deadlineKind?: 'workdays' | 'date';
  deadlineDays?: number;
  deadlineDate?: string;
  readerIds?: string[];
  to?: string;
}

function ActionDialog({ type, record, onClose }: { type: DialogType; record: IncomingRecord; onClose(): void }) {
  const db = useDb();
  const actor = useActor();
  const { message } = App.useApp();
  const [form] = Form.useForm<DialogValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const departments = useLiveQuery(() => listDepartments(db), [db]) ?? [];
  const people = useLiveQuery(() => listActiveUserNames(db), [db]) ?? [];
  const deptOptions = departments.filter((d) => !d.disabled).map((d) => ({ value: d.id, label: d.name }));
  const personOptions = people.map((p) => ({ value: p.id, label: p.displayName }));
  const deadlineKind = Form.useWatch('deadlineKind', form) ?? 'workdays';

  const build = (v: DialogValues): IncomingAction | string => {
    const note = v.note?.trim() ?? '';
    const person = (id?: string) => {
      const p = people.find((x) => x.id === id);
      return p ? { userId: p.id, name: p.displayName } : undefined;
    };
    const dept = (id?: string) => {
      const d = departments.find((x) => x.id === id);
      return d ? { id: d.id, name: d.name } : undefined;
    };
    switch (type) {
      case '初审':
        return { type, ...(note ? { note } : {}) };
      case '退回':
        return { type, reason: note };
      case '拟办':
        return { type, text: note };
      case '批示': {
        const at = parseLocalDateTime(v.at ?? '');
        if (!at) return '批示时间格式应为 YYYY-MM-DD HH:mm';
        return { type, leader: v.leader?.trim() ?? '', text: note, at, oral: !!v.oral };
      }
      case '承办': {
        const host = dept(v.hostId);
        if (!host) return '请选择主办单位';
        const p = person(v.personId);
        const deadline =
          v.deadlineKind === 'date'
            ? v.deadlineDate?.trim()
              ? { kind: 'date' as const, date: v.deadlineDate.trim() }
              : undefined
            : v.deadlineDays
              ? { kind: 'workdays' as const, days: v.deadlineDays }
              : undefined;
        return {
          type,
          host,
          cooperating: (v.cooperatingIds ?? []).map(dept).filter((d): d is NonNullable<typeof d> => !!d),
          ...(p ? { person: p } : {}),
          ...(deadline ? { deadline } : {}),
        };
      }
      case '传阅':
        return { type, readers: (v.readerIds ?? []).map(person).filter((p): p is NonNullable<typeof p> => !!p) };
      case '催办':
        return { type, note, ...(v.to?.trim() ? { to: v.to.trim() } : {}) };
      case '办结':
        return { type, result: note };
    }
  };

  const submit = async (v: DialogValues) => {
    setError(null);
    const action = build(v);
    if (typeof action === 'string') return setError(action);
    setBusy(true);
    try {
      await actOnIncoming(db, actor, record.id, action);
      void message.success(`${record.serial} ${type}完成`);
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const noteLabel: Record<DialogType, string> = {
    初审: '初审意见',
    退回: '退回理由',
    拟办: '拟办意见',
    批示: '批示内容',
    承办: '',
    传阅: '',
    催办: '催办内容',
    办结: '办理结果',
  };
  const noteRequired = type !== '初审' && !(type === '办结' && record.handling === '阅件');

  return (
    <Modal open title={`${type}：${record.serial}`} onCancel={onClose} footer={null} destroyOnHidden width={600}>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ at: nowText(), deadlineKind: 'workdays', oral: false }} aria-label={type}>
        {type === '批示' && (
          <>
            <Form.Item label="批示领导" name="leader" rules={[{ required: true, whitespace: true, message: '请填写批示领导' }]}>
              <Input autoFocus />
            </Form.Item>
            <Form.Item label="批示时间" name="at" rules={[{ required: true, message: '请填写批示时间' }]} extra="格式 YYYY-MM-DD HH:mm">
              <Input />
            </Form.Item>
            <Form.Item name="oral" valuePropName="checked">
              <Checkbox>口头批示</Checkbox>
            </Form.Item>
          </>
        )}
        {type === '承办' && (
          <>
            <Form.Item label="主办单位" name="hostId" rules={[{ required: true, message: '请选择主办单位' }]} extra={deptOptions.length === 0 ? '尚无机构：请系统管理员在“设置 → 单位信息”中添加' : undefined}>
              <Select showSearch optionFilterProp="label" options={deptOptions} />
            </Form.Item>
            <Form.Item label="协办单位" name="cooperatingIds">
              <Select mode="multiple" showSearch optionFilterProp="label" options={deptOptions} />
            </Form.Item>
            <Form.Item label="承办人" name="personId">
              <Select allowClear showSearch optionFilterProp="label" options={personOptions} />
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
          </>
        )}
        {type === '传阅' && (
          <Form.Item label="传阅人" name="readerIds" rules={[{ required: true, message: '请选择传阅人' }]} extra="按传阅顺序选择；文件依次传递">
            <Select mode="multiple" showSearch optionFilterProp="label" options={personOptions} />
          </Form.Item>
        )}
        {type === '催办' && (
          <Form.Item label="催办对象" name="to">
            <Input placeholder="如 财务科 张三" />
          </Form.Item>
        )}
        {noteLabel[type] && (
          <Form.Item label={noteLabel[type]} name="note" rules={noteRequired ? [{ required: true, whitespace: true, message: `请填写${noteLabel[type]}` }] : []}>
            <Input.TextArea rows={3} autoFocus={type !== '批示'} />
          </Form.Item>
        )}
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} danger={type === '退回'}>
            {type}
          </Button>
          <Button onClick={onClose}>取消</Button>
        </Space>
      </Form>
    </Modal>
  );
}
