import { isClassified, type Classification } from './enums';
import type { IncomingRecord } from './incoming-types';
import { lanClassificationRefusal } from './lan-scope';
import type { TaskRecord } from './supervision-types';
import type { MeetingRecord } from './meeting-types';

// 把本机记录交到服务器 (issue #19): a PC that kept its register alone, now a seat, hands its own
// 收文 and their 督办 事项 to the LAN server (electron/server/adopt.ts; the seat's side is
// renderer/db/lan/adopt.ts). What may go is decided here, once, for both: the seat leaves the
// rest on the PC and says why; the server refuses it if a seat sends it anyway.

/** Records per command at most: a batch is one transaction on the server and one write on the seat. */
export const ADOPT_BATCH = 200;
/**
 * Bytes of records per command at most, well under the server's request limit (1 MiB,
 * electron/server/http.ts): a 收文 with a long history is several KB, so 200 of them may not fit.
 */
export const ADOPT_BATCH_BYTES = 600_000;

/** The registers a PC hands over, in the order they go (a 事项 follows its 收文 or minutes). */
export const ADOPTED_TABLES = ['incoming', 'meetings', 'tasks'] as const;
export type AdoptedTable = (typeof ADOPTED_TABLES)[number];

/** Why a 收文 of this PC stays on it rather than go to the server (null: it goes). */
export function incomingStays(r: Pick<IncomingRecord, 'classification'>, max: Classification): string | null {
  const above = lanClassificationRefusal(r.classification, max);
  if (above) return `本局域网最高密级为“${max}”，${r.classification}件不上局域网，留在本机`;
  if (isClassified(r.classification)) return '秘密及以上收文（及其涉密载体）尚未在服务器上实现（未完成），留在本机';
  return null;
}

/** Why a meeting of this PC stays on it (null: it goes): only above the LAN's 最高密级. */
export function meetingStays(m: Pick<MeetingRecord, 'classification'>, max: Classification): string | null {
  return lanClassificationRefusal(m.classification, max) ? `本局域网最高密级为“${max}”，${m.classification}会议不上局域网，留在本机` : null;
}

/**
 * Why a 督办 事项 of this PC stays on it (null: it goes): a 口头交办 goes; one of a 收文's 批示 or
 * of minutes reaches a seat only with its 收文 or meeting, so that must be on the server (or go
 * with it: `sourceOnServer` answers for both, by the source's id).
 */
export function taskStays(t: Pick<TaskRecord, 'source'>, sourceOnServer: (id: string) => boolean): string | null {
  if (t.source.kind === '口头交办') return null;
  if (t.source.kind === '收文批示') return sourceOnServer(t.source.incomingId) ? null : `其来源收文 ${t.source.incomingSerial} 留在本机，此事项随之留在本机`;
  return sourceOnServer(t.source.meetingId) ? null : `其来源纪要 ${t.source.minutesNumber} 留在本机，此事项随之留在本机`;
}

/** The history and audit words of a number the server already gave another record. */
export function adoptRenumberNote(what: string, from: string, to: string): string {
  return `交到局域网服务器时编号 ${from} 已被服务器上的其他${what}使用，重新编号为 ${to}（原编号 ${from}）`;
}
