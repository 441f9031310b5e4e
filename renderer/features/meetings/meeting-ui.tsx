import { Tag } from 'antd';
import { useLiveQuery } from '../../db/live';
import type { Attendance, DirectoryPerson, Invitee, MeetingRecord } from '@shared/domain/meeting-types';
import { useDb } from '../../db/DbContext';
import { getMeetingSettings, listPeople, type MeetingSettings } from '../../db/repositories/meetings';
import { useActor } from '../../ui/session';
import { FiledStateTag } from '../../ui/filed';

// Small pieces the meeting screens share: the minutes state tag, 签到 as words, the settings and
// the 人员名录 as live queries.

/** 纪要 state: 未签发 (red once overdue), the issued 纪要编号, or 已归档 (the 档号 in its tooltip). */
export function MinutesStateTag({ record, overdue }: { record: Pick<MeetingRecord, 'issued' | 'filed'>; overdue?: boolean }) {
  if (record.filed) return <FiledStateTag archiveCode={record.filed.archiveCode} />;
  if (record.issued) return <Tag color="green">已签发 {record.issued.number}</Tag>;
  return <Tag color={overdue ? 'red' : 'default'}>{overdue ? '逾期未签发' : '未签发'}</Tag>;
}

/** 签到 of one invitee as the secretary reads it: 到会, "王五代会", "请假（出差）", 缺席, or 未签到. */
export function attendanceText(a: Attendance | undefined): string {
  if (!a) return '未签到';
  switch (a.status) {
    case '到会':
    case '缺席':
      return a.status;
    case '代会':
      return `${a.deputy.name}代会`;
    case '请假':
      return `请假（${a.reason}）`;
  }
}

export function useMeetingSettings(): MeetingSettings | undefined {
  const db = useDb();
  return useLiveQuery(() => getMeetingSettings(db), [db]);
}

/** The 人员名录 (enabled people) that invitees are chosen from. */
export function usePeople(): DirectoryPerson[] | undefined {
  const db = useDb();
  const actor = useActor();
  return useLiveQuery(() => listPeople(db, actor), [db, actor.id]);
}

export function personLabel(p: Pick<DirectoryPerson, 'name' | 'unit' | 'title'>): string {
  const rest = [p.unit, p.title].filter((s) => s.trim()).join(' ');
  return rest ? `${p.name}（${rest}）` : p.name;
}

export function inviteeFrom(p: DirectoryPerson, role: Invitee['role']): Invitee {
  return { personId: p.id, name: p.name, unit: p.unit, title: p.title, role, ...(p.userId ? { userId: p.userId } : {}) };
}

export { errorText } from '../../ui/error-text';
