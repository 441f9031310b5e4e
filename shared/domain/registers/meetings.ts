import { minutesCatalogue, minutesDocNumber, minutesFilingLabel, minutesFilingProblem } from '../filing';
import type { MeetingRecord } from '../meeting-types';
import { MEETING_NOT_FOUND } from '../meeting';
import { canSeeMeeting, maskMeeting } from '../need-to-know';
import type { IncomingRecord } from '../incoming-types';
import { meetingRecordSchema } from '../transfer';
import { compareForeign, foreignUpdateRefusal, minutesReceiveRefusal, receiveAsIncoming, receivedIdOf, updateForeignOrigin } from '../transfer-receive';
import { INCOMING_SERIES } from './incoming';
import { prefixOfNumber, seriesWithPrefix } from '../numbering';
import { auditLabel, type RegisterDescriptor } from './descriptor';
import { meetingPeople, mapMeetingPeople } from './people';

/** 纪要编号 series: one per 会议类型. */
export const minutesSeries = (meetingType: string) => `纪要:${meetingType}`;

/** 'B-' for minutes numbered 第B-3期 on a PC with prefix B; '' without one. */
function minutesPrefixPart(issued: { number: string; seq: number }): string {
  const prefix = prefixOfNumber(issued.number, issued.seq);
  return prefix ? `${prefix}-` : '';
}

/** How a meeting is numbered in lists: its 纪要编号 once issued, else its day and type. */
export function meetingNumber(m: Pick<MeetingRecord, 'meetingDate' | 'meetingType' | 'issued'>): string {
  return m.issued ? `${m.meetingType}${m.issued.number}` : `${m.meetingDate} ${m.meetingType}`;
}

/** 会议 and 纪要 (issue 5): meetings, with their minutes numbered per 会议类型 once issued. */
export const MEETINGS_REGISTER: RegisterDescriptor<MeetingRecord> = {
  kind: 'meetings',
  table: 'meetings',
  label: '会议纪要',
  entityType: '会议',
  numberKey: {
    // The 纪要编号: year and 期 in its 会议类型's series (and the PC's prefix, issue #20: 第B-3期
    // and 第C-3期 are two numbers); minutes not issued have none.
    of: (m) => (m.issued ? `${m.meetingType}|${m.issued.year}|${minutesPrefixPart(m.issued)}${m.issued.seq}` : null),
    lookup: (rows) => ({
      index: '[meetingType+startAt]',
      ranges: [...new Set(rows.filter((m) => m.issued).map((m) => m.meetingType))].map((t) => [[t, ''], [t, '\uffff']] as const),
    }),
    counter: (m) => (m.issued ? { series: seriesWithPrefix(minutesSeries(m.meetingType), prefixOfNumber(m.issued.number, m.issued.seq)), year: m.issued.year, seq: m.issued.seq } : null),
    renumber: (m, to, by) =>
      m.issued
        ? {
            ...m,
            issued: { ...m.issued, number: to.serial, year: to.year, seq: to.seq },
            history: [...m.history, { action: '更正', at: by.at, byId: by.id, byName: by.name, note: by.note ?? `迁移包导入时纪要编号 ${m.issued.number} 已被本机其他纪要使用，重新编号为 ${to.serial}（原编号 ${m.issued.number}）` }],
          }
        : m,
  },
  number: meetingNumber,
  title: (m) => m.name,
  classification: (m) => m.classification,
  state: (m) => m.minutesState,
  canSee: canSeeMeeting,
  mask: maskMeeting,
  // By name unless classified (then by day, type and 密级).
  audit: (m) => ({ number: m.meetingDate, title: m.name, classification: m.classification, hiddenNumber: `${m.meetingDate} ${m.meetingType}` }),
  search: {
    publicText: (m) => [m.meetingType, m.meetingDate, m.issued?.number ?? ''],
    contentText: (m) => [m.name],
    order: (m) => `${m.startAt}|${m.id}`,
  },
  filing: {
    kind: '纪要',
    entityType: '会议',
    yearRange: (year) => ({ index: 'meetingDate', lower: `${year}-01-01`, upper: `${year}-12-31` }),
    isCandidate: (m, year) => !!m.issued && m.issued.year === year && !m.filed,
    catalogue: minutesCatalogue,
    recordLabel: minutesDocNumber,
    who: minutesFilingLabel,
    problem: minutesFilingProblem,
    docType: () => '纪要',
    pagesEstimated: true,
    orgDeptId: () => undefined,
    markFiled: (m, filed, by) => ({ ...m, filed, history: [...m.history, { action: '归档', at: filed.filedAt, byId: by.id, byName: by.name, note: filed.archiveCode }], updatedAt: filed.filedAt }),
    missing: MEETING_NOT_FOUND,
    packageDocument: 'minutes',
  },
  prints: [
    { id: 'minutes', name: '会议纪要' },
    { id: 'sign-in-sheet', name: '签到表' },
  ],
  transfer: {
    schema: meetingRecordSchema,
    importPermission: 'meetings.manage',
    importAction: '迁移导入会议',
    importName: (m) => `${auditLabel(MEETINGS_REGISTER, m)}${m.issued ? ` ${m.issued.number}` : ''}`,
    custody: null,
    companions: null,
    goesAlong: null,
    // Its issued 纪要 arrives at another unit as a 收文 (文种 纪要), its text kept read-only.
    receive: {
      into: 'incoming',
      series: INCOMING_SERIES,
      people: [],
      refusal: minutesReceiveRefusal,
      idOf: (m) => receivedIdOf('meetings', m.id),
      make: (m, ctx) => receiveAsIncoming(m, '纪要', ctx),
      compare: (existing, m) => compareForeign(existing as IncomingRecord, m),
      updateRefusal: (existing) => foreignUpdateRefusal(existing as IncomingRecord),
      update: (existing, m, ctx) => updateForeignOrigin(existing as IncomingRecord, m, ctx),
    },
    // People mapping on import (issue #20): every person the record names, see ./people.ts.
    people: meetingPeople,
    mapPeople: mapMeetingPeople,
  },
};
