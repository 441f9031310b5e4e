import { App, Card, Empty, Form, Input, Select, Space, Typography } from 'antd';
import { useLiveQuery } from '../../db/live';
import { Link, useNavigate, useParams } from 'react-router';
import { todayIso } from '@shared/domain/dates';
import { CLASSIFICATIONS, defaultSecrecyTerm, isClassified, type Classification } from '@shared/domain/enums';
import type { Invitee, MeetingRecord } from '@shared/domain/meeting-types';
import { parseSecrecyTermText, secrecyTermText } from '@shared/domain/secrecy-term';
import { useDb } from '../../db/DbContext';
import { getMeeting } from '../../db/repositories/meetings';
import { useSend } from '../../db/commands/use-send';
import { CommandForm } from '../../ui/CommandForm';
import { enterToNext } from '../../ui/useEnterToNext';
import { useActor } from '../../ui/session';
import { inviteeFrom, personLabel, useMeetingSettings, usePeople } from './meeting-ui';
import { RuleError } from '@shared/domain/rule-error';

interface Values {
  name: string;
  meetingType: string;
  startAt: string;
  location: string;
  host: string;
  recorder: string;
  classification: Classification;
  secrecyTerm: string;
  topics: string;
  attend: string[];
  sitIn: string[];
}

const RENAME = { invitees: 'attend' };

/** 新建会议 (or 修改 before the minutes are issued): the header the minutes quote, and who is invited. */
export function MeetingForm() {
  const { id } = useParams();
  const db = useDb();
  const actor = useActor();
  const existing = useLiveQuery(async () => (id ? ((await getMeeting(db, actor, id)) ?? false) : null), [db, actor.id, id]);
  if (existing === undefined) return <Card loading />;
  if (existing === false) return <Empty description="没有这个会议" />;
  if (existing && (!existing.canSeeContent || existing.record.issued)) return <Empty description="纪要已签发，会议信息不能再修改" />;
  return <MeetingFormBody key={existing?.record.id ?? 'new'} record={existing?.record ?? null} />;
}

function MeetingFormBody({ record }: { record: MeetingRecord | null }) {
  const actor = useActor();
  const send = useSend();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const settings = useMeetingSettings();
  const people = usePeople();
  const classification = Form.useWatch('classification', form);

  // Invitees of an existing meeting stay choosable even if since disabled in the 人员名录.
  const known = new Map<string, Invitee>();
  for (const p of people ?? []) known.set(p.id, inviteeFrom(p, '出席'));
  for (const i of record?.invitees ?? []) if (!known.has(i.personId)) known.set(i.personId, i);
  const options = [...known.values()].map((p) => ({ value: p.personId, label: personLabel(p) }));

  const run = (v: Values) => {
    const both = (v.attend ?? []).filter((pid) => (v.sitIn ?? []).includes(pid));
    if (both.length) {
      const names = both.map((pid) => known.get(pid)?.name ?? '').join('、');
      throw RuleError.at('sitIn', `${names}已在出席名单中`);
    }
    const invitees: Invitee[] = [
      ...(v.attend ?? []).map((pid) => ({ ...known.get(pid)!, role: '出席' as const })),
      ...(v.sitIn ?? []).map((pid) => ({ ...known.get(pid)!, role: '列席' as const })),
    ];
    const term = isClassified(v.classification) && v.secrecyTerm?.trim() ? parseSecrecyTermText(v.secrecyTerm) : null;
    if (isClassified(v.classification) && v.secrecyTerm?.trim() && !term) {
      throw RuleError.at('secrecyTerm', '保密期限格式如 10年、长期、2031-06-30');
    }
    const input = {
      name: v.name ?? '',
      meetingType: v.meetingType ?? '',
      startAt: (v.startAt ?? '').trim(),
      location: v.location ?? '',
      host: v.host ?? '',
      recorder: v.recorder ?? '',
      classification: v.classification,
      ...(term ? { secrecyTerm: term } : {}),
      topics: (v.topics ?? '')
        .split('\n')
        .map((t) => t.trim())
        .filter(Boolean),
      invitees,
    };
    return record ? send('meeting.edit', { id: record.id, meeting: input }) : send('meeting.create', input);
  };

  if (!settings || !people) return <Card loading />;
  const initial: Partial<Values> = record
    ? {
        name: record.name,
        meetingType: record.meetingType,
        startAt: record.startAt.replace('T', ' '),
        location: record.location,
        host: record.host,
        recorder: record.recorder,
        classification: record.classification,
        secrecyTerm: secrecyTermText(record.secrecyTerm),
        topics: record.topics.join('\n'),
        attend: record.invitees.filter((i) => i.role === '出席').map((i) => i.personId),
        sitIn: record.invitees.filter((i) => i.role === '列席').map((i) => i.personId),
      }
    : { meetingType: settings.types[0], startAt: `${todayIso()} 09:00`, classification: '非密', secrecyTerm: '', recorder: actor.displayName, attend: [], sitIn: [] };

  return (
    <Card title={record ? '修改会议' : '新建会议'}>
      <CommandForm<Values, MeetingRecord>
        form={form}
        verb="保存"
        formLabel={record ? '修改会议' : '新建会议'}
        formProps={{
          style: { maxWidth: 820 },
          onKeyDown: enterToNext,
          onValuesChange: (changed: Partial<Values>) => {
            if (changed.classification) form.setFieldValue('secrecyTerm', secrecyTermText(defaultSecrecyTerm(changed.classification)));
          },
        }}
        initialValues={initial}
        rename={RENAME}
        run={run}
        onDone={(saved) => {
          void message.success(record ? '已保存会议信息' : `已新建会议：${saved.name}`);
          navigate(`/meetings/${saved.id}`);
        }}
        onCancel={() => navigate(record ? `/meetings/${record.id}` : '/meetings')}
      >
        <Form.Item label="会议名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写会议名称' }]} extra="如 县政府第12次常务会议">
          <Input autoFocus maxLength={100} />
        </Form.Item>
        <Space size="large" wrap align="start">
          <Form.Item label="会议类型" name="meetingType" rules={[{ required: true, message: '请选择会议类型' }]} extra="每种类型的纪要单独编号">
            <Select style={{ width: 160 }} options={settings.types.map((t) => ({ value: t, label: t }))} />
          </Form.Item>
          <Form.Item label="开始时间" name="startAt" rules={[{ required: true, whitespace: true, message: '请填写开始时间' }]} extra="如 2026-11-23 09:00">
            <Input style={{ width: 170 }} />
          </Form.Item>
          <Form.Item label="地点" name="location" rules={[{ required: true, whitespace: true, message: '请填写地点' }]}>
            <Input maxLength={60} style={{ width: 240 }} />
          </Form.Item>
        </Space>
        <Space size="large" wrap align="start">
          <Form.Item label="主持人" name="host" rules={[{ required: true, whitespace: true, message: '请填写主持人' }]}>
            <Input maxLength={20} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item label="记录人" name="recorder" rules={[{ required: true, whitespace: true, message: '请填写记录人' }]}>
            <Input maxLength={20} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item label="密级" name="classification">
            <Select style={{ width: 100 }} options={CLASSIFICATIONS.map((c) => ({ value: c, label: c }))} />
          </Form.Item>
          {isClassified(classification ?? '非密') && (
            <Form.Item label="保密期限" name="secrecyTerm" extra="如 10年、长期">
              <Input style={{ width: 120 }} />
            </Form.Item>
          )}
        </Space>
        <Form.Item label="议题" name="topics" extra="每行一项">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item
          label="出席"
          name="attend"
          rules={[{ required: true, message: '请至少选择一名出席人员' }]}
          extra={
            <span>
              从人员名录中选择，可输入姓名搜索。名录在“<Link to="/settings">设置 → 人员名录</Link>”中维护。
            </span>
          }
        >
          <Select mode="multiple" showSearch optionFilterProp="label" options={options} notFoundContent="人员名录中没有此人" />
        </Form.Item>
        <Form.Item label="列席" name="sitIn">
          <Select mode="multiple" showSearch optionFilterProp="label" options={options} notFoundContent="人员名录中没有此人" />
        </Form.Item>
        {people.length === 0 && (
          <Typography.Paragraph type="warning">人员名录还是空的：请先在“设置 → 人员名录”中添加参会人员。</Typography.Paragraph>
        )}
      </CommandForm>
    </Card>
  );
}
