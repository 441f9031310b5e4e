import { minutesCatalogue, minutesDocNumber, minutesFilingLabel, minutesFilingProblem } from '../filing';
import type { MeetingRecord } from '../meeting-types';
import { canSeeMeeting, maskMeeting } from '../need-to-know';
import { meetingRecordSchema } from '../transfer';
import { prefixOfNumber, seriesWithPrefix } from '../numbering';
import { auditLabel, type RegisterDescriptor } from './descriptor';

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
    missing: '该会议不存在',
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
  },
};
