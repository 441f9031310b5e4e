import { App, Button, Form, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { Attendance, Invitee, MeetingRecord } from '@shared/domain/meeting-types';
import { useSend } from '../../db/commands/use-send';
import { CommandDialog } from '../../ui/CommandDialog';
import { attendanceText, errorText } from './meeting-ui';

const STATUS_COLORS: Record<Attendance['status'], string> = { 到会: 'green', 代会: 'blue', 请假: 'orange', 缺席: 'red' };

type Dialog = { kind: '代会' | '请假'; invitee: Invitee } | null;

/**
 * 签到: every invitee, 出席 first, with what was recorded for them. Someone who came is ticked
 * 到会; a deputy is entered by name (代会, shown in the minutes as "A代B"); 请假 takes its reason.
 * Read-only once the minutes are issued (they quote the attendance).
 */
export function SignInTable({ meeting, editable }: { meeting: MeetingRecord; editable: boolean }) {
  const send = useSend();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const people = [...meeting.invitees.filter((i) => i.role === '出席'), ...meeting.invitees.filter((i) => i.role === '列席')];
  const unmarked = people.filter((p) => !meeting.attendance[p.personId]);

  const record = async (personId: string, a: Attendance): Promise<boolean> => {
    setBusy(true);
    try {
      await send('meeting.signIn', { id: meeting.id, personId, attendance: a });
      return true;
    } catch (e) {
      void message.error(errorText(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const markRest = async () => {
    for (const p of unmarked) if (!(await record(p.personId, { status: '到会' }))) return;
    void message.success(`已将 ${unmarked.length} 人记为到会`);
  };

  return (
    <>
      <Table<Invitee & { n: number }>
        size="small"
        aria-label="签到"
        pagination={false}
        rowKey="personId"
        dataSource={people.map((p, i) => ({ ...p, n: i + 1 }))}
        columns={[
          { title: '序号', width: 60, dataIndex: 'n' },
          { title: '姓名', width: 100, dataIndex: 'name' },
          { title: '单位', dataIndex: 'unit' },
          { title: '职务', width: 120, dataIndex: 'title' },
          { title: '类别', width: 70, dataIndex: 'role' },
          {
            title: '签到',
            width: 200,
            render: (_, p) => {
              const a = meeting.attendance[p.personId];
              return a ? <Tag color={STATUS_COLORS[a.status]}>{attendanceText(a)}</Tag> : <span style={{ color: '#999' }}>未签到</span>;
            },
          },
          ...(editable
            ? [
                {
                  title: '操作',
                  width: 250,
                  render: (_: unknown, p: Invitee) => (
                    <Space size={4}>
                      <Button size="small" disabled={busy} onClick={() => void record(p.personId, { status: '到会' })}>
                        到会
                      </Button>
                      <Button size="small" disabled={busy} onClick={() => setDialog({ kind: '代会', invitee: p })}>
                        代会
                      </Button>
                      <Button size="small" disabled={busy} onClick={() => setDialog({ kind: '请假', invitee: p })}>
                        请假
                      </Button>
                      <Button size="small" disabled={busy} onClick={() => void record(p.personId, { status: '缺席' })}>
                        缺席
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editable && unmarked.length > 0 && unmarked.length < people.length && (
        <Button style={{ marginTop: 8 }} disabled={busy} onClick={() => void markRest()}>
          {`其余 ${unmarked.length} 人记为到会`}
        </Button>
      )}
      {dialog && <AttendanceDialog meeting={meeting} kind={dialog.kind} invitee={dialog.invitee} onClose={() => setDialog(null)} />}
    </>
  );
}

interface AttendanceValues { name?: string; unit?: string; title?: string; reason?: string }

/** 代会 (who came instead) or 请假 (why) for one invitee; opens with what was recorded before. */
function AttendanceDialog({ meeting, kind, invitee, onClose }: { meeting: MeetingRecord; kind: '代会' | '请假'; invitee: Invitee; onClose(): void }) {
  const send = useSend();
  const seen = meeting.attendance[invitee.personId];
  const initial: AttendanceValues =
    kind === '代会' ? (seen?.status === '代会' ? { ...seen.deputy } : { name: '', unit: invitee.unit, title: '' }) : { reason: seen?.status === '请假' ? seen.reason : '' };
  const run = (v: AttendanceValues) =>
    send('meeting.signIn', {
      id: meeting.id,
      personId: invitee.personId,
      attendance: kind === '代会' ? { status: '代会', deputy: { name: v.name ?? '', unit: v.unit ?? '', title: v.title ?? '' } } : { status: '请假', reason: v.reason ?? '' },
    });
  return (
    <CommandDialog<AttendanceValues, unknown> title={`${invitee.name}：${kind}`} verb="确定" formLabel={kind} initialValues={initial} rename={{ deputy: 'name' }} run={run} onClose={onClose}>
      {kind === '代会' ? (
        <>
          <Form.Item label="代会人" name="name" rules={[{ required: true, whitespace: true, message: '请填写代会人姓名' }]} extra="纪要中写作“代会人代本人”，如 王五代李四">
            <Input autoFocus maxLength={20} />
          </Form.Item>
          <Form.Item label="代会人单位" name="unit">
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item label="代会人职务" name="title">
            <Input maxLength={40} />
          </Form.Item>
        </>
      ) : (
        <Form.Item label="请假事由" name="reason" rules={[{ required: true, whitespace: true, message: '请填写请假事由' }]}>
          <Input autoFocus maxLength={100} />
        </Form.Item>
      )}
    </CommandDialog>
  );
}
