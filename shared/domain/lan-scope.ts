import { classificationRank, type Classification } from './enums';
import type { NeedToKnowActor } from './need-to-know';
import { can } from './permissions';

// 办公室局域网模式 (issue #19, DESIGN.md "Beyond one PC"): what may exist on the office LAN, and
// which records reach which seat. The server applies both; a seat never filters for itself (a
// record outside the user's scope must never reach that PC at all).
//
// Which records reach a seat is narrower than what the same person may read on a shared PC:
// records travel over the network and stay on the seat's disk, so a 内部 record reaches only the
// people handling it (秘书, 保密员) and those named in its 承办 or 传阅. A 非密 record reaches anyone
// who may read the registers. The three administrators get no business record on any route.

/** The 最高密级 of a LAN when the office has not raised it: 内部 (not a state secret). */
export const DEFAULT_LAN_MAX_CLASSIFICATION: Classification = '内部';

/** Why a record of `classification` may not be created on a LAN capped at `max`; null when it may. */
export function lanClassificationRefusal(classification: Classification, max: Classification): string | null {
  if (classificationRank(classification) <= classificationRank(max)) return null;
  return `本局域网最高密级为“${max}”，${classification}件不能在局域网登记，请在单机（不联网的计算机）上登记`;
}

/** Whether a 收文 of this 密级 and these named people reaches `user`'s seat. */
export function incomingReachesSeat(user: NeedToKnowActor, record: { classification: Classification; namedUserIds: readonly string[] }): boolean {
  if (!can(user, 'records.read')) return false;
  if (can(user, 'incoming.process') || can(user, 'classified.manage')) return true;
  if (record.classification === '非密') return true;
  return record.namedUserIds.includes(user.id);
}

/**
 * Whether a 督办 事项 reaches `user`'s seat. One made from a 收文's 批示 quotes that 收文's 标题 and
 * 批示: it follows the 收文 (`source`, as it stands; absent: never). A 口头交办 is never classified
 * (DOMAIN.md §5): it reaches whoever a 非密 record reaches. One of minutes follows their meeting.
 */
export function taskReachesSeat(user: NeedToKnowActor, task: { source: { kind: string } }, source: MeetingScope | IncomingScope | undefined): boolean {
  if (!can(user, 'records.read')) return false;
  if (task.source.kind === '收文批示') return !!source && 'namedUserIds' in source && incomingReachesSeat(user, source);
  if (task.source.kind === '会议纪要') return !!source && 'invitees' in source && meetingReachesSeat(user, source);
  if (task.source.kind === '口头交办') return incomingReachesSeat(user, { classification: '非密', namedUserIds: [] });
  return false;
}

type IncomingScope = { classification: Classification; namedUserIds: readonly string[] };
type MeetingScope = { classification: Classification; invitees: readonly { userId?: string | undefined }[] };

/**
 * Whether a meeting (and its minutes) reaches `user`'s seat: a 非密 one anyone who may read the
 * registers; a 内部 one only those who keep meetings (会议管理) and the invitees with an account.
 */
export function meetingReachesSeat(user: NeedToKnowActor, meeting: MeetingScope): boolean {
  if (!can(user, 'records.read')) return false;
  if (can(user, 'meetings.manage') || meeting.classification === '非密') return true;
  return meeting.invitees.some((i) => !!i.userId && i.userId === user.id);
}
