import { changedFields, correctionAuditText, correctionNote, correctionReason, NOTHING_CHANGED_MESSAGE, type CorrectableField, type FieldChange } from './correction';
import { filedRefusal } from './filing';
import { meetingInputSchema, type MeetingActor } from './meeting';
import type { MeetingRecord } from './meeting-types';
import { can, PERMISSION_LABELS, type RoleHolder } from './permissions';
import { isClassified, type SecrecyTerm } from './enums';
import { RuleError } from './rule-error';

// 更正 of a meeting's registration fields before its 纪要 is issued (issue #14): the change with
// a required reason, old → new in the history and the audit log. After 签发 the minutes quote
// these fields and follow their own rules (纪要更正, minutes.correct); after 归档 nothing changes
// here (归档更正). The 邀请名单 and 签到 are not registration fields: they change on their own.

/** The fields a meeting 更正 covers (what its 修改 form registers, less the 邀请名单). */
export interface MeetingInfo {
  name: string;
  meetingType: string;
  startAt: string;
  location: string;
  host: string;
  recorder: string;
  classification: MeetingRecord['classification'];
  secrecyTerm?: SecrecyTerm;
  topics: string[];
}

/**
 * In the form's order. `content`: hidden from readers outside a classified meeting's need to know
 * (maskMeeting keeps 会议类型, 开始时间, 主持人, 记录人, 密级), so its audit entry says only that it changed.
 */
export const MEETING_CORRECTABLE: readonly CorrectableField<MeetingInfo>[] = [
  { key: 'name', label: '会议名称', content: true },
  { key: 'meetingType', label: '会议类型', content: false },
  { key: 'startAt', label: '开始时间', content: false, show: (v) => String(v ?? '').replace('T', ' ') },
  { key: 'location', label: '地点', content: true },
  { key: 'host', label: '主持人', content: false },
  { key: 'recorder', label: '记录人', content: false },
  { key: 'classification', label: '密级', content: false },
  { key: 'secrecyTerm', label: '保密期限', content: false },
  { key: 'topics', label: '议题', content: true },
];

export function meetingInfoOf(m: MeetingRecord): MeetingInfo {
  return {
    name: m.name,
    meetingType: m.meetingType,
    startAt: m.startAt,
    location: m.location,
    host: m.host,
    recorder: m.recorder,
    classification: m.classification,
    ...(m.secrecyTerm ? { secrecyTerm: m.secrecyTerm } : {}),
    topics: [...m.topics],
  };
}

/** Why `actor` may not correct the meeting now (filed, issued, no right), or null. */
export function meetingCorrectionRefusal(record: Pick<MeetingRecord, 'filed' | 'issued'>, actor: RoleHolder): string | null {
  if (record.filed) return filedRefusal(record.filed, '更正', '该会议纪要');
  if (!can(actor, 'meetings.manage')) return `没有权限更正会议信息（需要：${PERMISSION_LABELS['meetings.manage']}）`;
  if (record.issued) return `纪要已签发（${record.issued.number}），会议信息不能再更正；纪要内容请办理纪要更正`;
  return null;
}

/** 更正: the meeting with the corrected fields (checked as when it was created) and a 更正 line in its history. */
export function correctMeetingInfo(record: MeetingRecord, input: MeetingInfo, reasonRaw: unknown, actor: MeetingActor, now: Date): { record: MeetingRecord; changes: FieldChange[]; reason: string } {
  const refusal = meetingCorrectionRefusal(record, actor);
  if (refusal) throw new RuleError(refusal);
  const reason = correctionReason(reasonRaw);
  const parsed = meetingInputSchema.safeParse({ ...input, invitees: record.invitees });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RuleError(issue.message, issue.path.length ? String(issue.path[0]) : undefined);
  }
  const v = parsed.data;
  const after: MeetingInfo = {
    name: v.name,
    meetingType: v.meetingType,
    startAt: v.startAt,
    location: v.location,
    host: v.host,
    recorder: v.recorder,
    classification: v.classification,
    ...(v.secrecyTerm ? { secrecyTerm: v.secrecyTerm } : {}),
    topics: v.topics,
  };
  const changes = changedFields(meetingInfoOf(record), after, MEETING_CORRECTABLE);
  if (changes.length === 0) throw new RuleError(NOTHING_CHANGED_MESSAGE);
  const at = now.toISOString();
  const next: MeetingRecord = {
    ...record,
    ...after,
    meetingDate: after.startAt.slice(0, 10),
    history: [...record.history, { action: '更正', at, byId: actor.id, byName: actor.name, note: `会议信息更正：${correctionNote(changes, reason)}` }],
    updatedAt: at,
  };
  if (!after.secrecyTerm) delete next.secrecyTerm;
  return { record: next, changes, reason };
}

/**
 * The audit entry of a meeting's 更正 (PC and LAN server): old → new and the reason; a meeting
 * classified before or after is named by `label` as classified, its words left out.
 */
export function meetingCorrectionAudit(before: MeetingRecord, corrected: { record: MeetingRecord; changes: FieldChange[]; reason: string }, label: (m: MeetingRecord) => string) {
  const after = corrected.record;
  const classification = isClassified(before.classification) ? before.classification : after.classification;
  return {
    action: '会议更正',
    entityType: '会议',
    entityId: after.id,
    summary: `${label(isClassified(classification) ? { ...after, classification } : after)} ${correctionAuditText(corrected.changes, corrected.reason, classification)}`,
    details: { changed: corrected.changes.map((c) => c.key) },
  };
}
