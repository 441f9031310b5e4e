import type { Decision, Invitee, IssuedMinutes, MeetingRecord, MinutesContent } from '../../../shared/domain/meeting-types';
import type { ReportRow, SupervisionReport, TaskRecord } from '../../../shared/domain/supervision-types';

// Deterministic 会议 / 纪要 / 督办 records for the minutes and supervision prints (and any other test
// that wants them). Times are at 12:xx UTC, so the local day is the same in every time zone a test
// may run in. Call the functions for fresh copies: tests may change what they get.

export const MEETING_UNIT = '某某县人民政府办公室';

/**
 * Five invitees: 出席 张明 (came), 李四 (王五 came for him: 代会), 赵六 (请假, 出差); 列席 孙七 of
 * 县财政局 and 周八 of 县住建局 (both came).
 */
export function meetingInvitees(): Invitee[] {
  return [
    { personId: 'p1', name: '张明', unit: '县人民政府', title: '县长', role: '出席', userId: 'u1' },
    { personId: 'p2', name: '李四', unit: '县人民政府', title: '副县长', role: '出席', userId: 'u2' },
    { personId: 'p3', name: '赵六', unit: '县人民政府', title: '副县长', role: '出席' },
    { personId: 'p4', name: '孙七', unit: '县财政局', title: '局长', role: '列席' },
    { personId: 'p5', name: '周八', unit: '县住建局', title: '局长', role: '列席' },
  ];
}

/** Three 议定事项: two with a date, one given in working days (5 个工作日 from 2026-11-23 → 11-30). */
export function meetingDecisions(): Decision[] {
  return [
    {
      id: 'd1',
      content: '由县应急管理局牵头，于11月底前完成全县冬季安全生产大检查。',
      unit: '县应急管理局',
      person: '陈九',
      deadline: { kind: 'date', date: '2026-11-30' },
      dueDate: '2026-11-30',
    },
    {
      id: 'd2',
      content: '县住建局制定县城集中供暖保障方案，报县政府审定',
      unit: '县住建局',
      person: '周八',
      deadline: { kind: 'workdays', days: 5 },
      dueDate: '2026-11-30',
    },
    {
      id: 'd3',
      content: '县财政局统筹安排2026年度供暖补贴资金',
      unit: '县财政局',
      person: '孙七',
      deadline: { kind: 'date', date: '2026-12-15' },
      dueDate: '2026-12-15',
    },
  ];
}

export function minutesContent(): MinutesContent {
  return {
    title: '县政府常务会议纪要',
    paragraphs: [
      '会议听取了县应急管理局关于2026年冬季安全生产工作的汇报，分析了当前全县安全生产形势。会议认为，今年以来全县安全生产形势总体平稳，但部分行业领域隐患仍然突出，必须时刻绷紧安全生产这根弦。',
      '会议听取了县住建局关于县城集中供暖准备情况的汇报。会议强调，供暖事关群众切身利益，各有关单位要提前谋划、压实责任，确保按时供暖、稳定供暖。',
    ],
    decisions: meetingDecisions(),
  };
}

/** 县政府第12次常务会议, 非密, held 2026-11-23 (Monday), sign-in taken. */
export function meeting(overrides: Partial<MeetingRecord> = {}): MeetingRecord {
  return {
    id: 'm1',
    name: '县政府第12次常务会议',
    meetingType: '常务会议',
    startAt: '2026-11-23T09:00',
    meetingDate: '2026-11-23',
    location: '县政府第一会议室',
    host: '县长张明',
    recorder: '王秘书',
    classification: '非密',
    topics: ['2026年冬季安全生产工作', '县城集中供暖保障工作'],
    invitees: meetingInvitees(),
    attendance: {
      p1: { status: '到会' },
      p2: { status: '代会', deputy: { name: '王五', unit: '县人民政府办公室', title: '主任' } },
      p3: { status: '请假', reason: '出差' },
      p4: { status: '到会' },
      p5: { status: '到会' },
    },
    draft: minutesContent(),
    corrections: [],
    minutesState: '未签发',
    history: [],
    createdAt: '2026-11-20T12:00:00.000Z',
    updatedAt: '2026-11-23T12:00:00.000Z',
    ...overrides,
  };
}

/** The same meeting, 秘密★10年. */
export function classifiedMeeting(): MeetingRecord {
  return meeting({ id: 'm2', classification: '秘密', secrecyTerm: { kind: 'years', years: 10 } });
}

/** The minutes as issued: 第1期, signed 2026-11-25. */
export function issuedMinutes(): IssuedMinutes {
  return {
    ...minutesContent(),
    number: '第1期',
    year: 2026,
    seq: 1,
    issuedAt: '2026-11-25T12:00:00.000Z',
    issuedById: 'u1',
    issuedByName: '张明',
  };
}

/** The meeting after 签发: minutes issued, state 已签发. */
export function issuedMeeting(): MeetingRecord {
  const issued = issuedMinutes();
  return meeting({ issued, minutesState: '已签发', draft: undefined });
}

/** 督办 task `n` (督〔2026〕000n); by default from 纪要 第1期's first decision, due 2026-11-30, 推进中. */
export function task(n: number, overrides: Partial<TaskRecord> = {}): TaskRecord {
  return {
    id: `t${n}`,
    serial: `督〔2026〕${String(n).padStart(4, '0')}`,
    source: { kind: '会议纪要', meetingId: 'm1', minutesTitle: '县政府常务会议纪要', minutesNumber: '第1期', decisionId: 'd1' },
    content: '由县应急管理局牵头，于11月底前完成全县冬季安全生产大检查。',
    unit: '县应急管理局',
    person: '陈九',
    dueDate: '2026-11-30',
    state: '推进中',
    progress: [
      { date: '2026-11-26', text: '已完成城区检查，正在检查乡镇。', at: '2026-11-26T12:00:00.000Z', byName: '王秘书' },
      { date: '2026-11-28', text: '乡镇检查已完成八成。', at: '2026-11-28T12:00:00.000Z', byName: '王秘书' },
    ],
    reminders: [],
    createdAt: '2026-11-25T12:00:00.000Z',
    createdByName: '王秘书',
    updatedAt: '2026-11-28T12:00:00.000Z',
    ...overrides,
  };
}

/** Three tasks: one from the minutes (overdue on 2026-12-05), one from a 批示 (overdue, no progress), one 口头交办 (done). */
export function tasks(): TaskRecord[] {
  return [
    task(1),
    task(2, {
      source: { kind: '收文批示', incomingId: 'r1', incomingSerial: '收〔2026〕0001', leader: '王县长' },
      content: '抓紧报送安全生产大检查工作方案',
      unit: '县住建局',
      person: '周八',
      dueDate: '2026-11-26',
      progress: [],
    }),
    task(3, {
      source: { kind: '口头交办', assignedBy: '张主任' },
      content: '整理2026年度会议纪要汇编',
      unit: '县政府办公室',
      person: '王秘书',
      dueDate: '2026-12-20',
      state: '已办结',
      done: { date: '2026-12-01', result: '已汇编成册。', at: '2026-12-01T12:00:00.000Z', byName: '王秘书' },
    }),
  ];
}

const row = (unit: string, total: number, done: number, overdue: number): ReportRow => ({
  unit,
  total,
  done,
  overdue,
  rate: total ? done / total : 0,
});

/**
 * The November 月报, counted on 2026-11-30: 县应急管理局 1 of 3 done (33%), 县住建局 2 of 2 (100%),
 * 县财政局 none of 1 (0%); 合计 3 of 6 (50%), 2 of them by their 时限 (按期办结率 33%). Overdue: task 2 (due Thursday 11-26: 2 working days, 4 calendar days)
 * and task 4 (due Friday 11-20: 6 working days, 10 calendar days), most overdue first.
 */
export function monthlyReport(): SupervisionReport {
  const rows = [row('县应急管理局', 3, 1, 1), row('县住建局', 2, 2, 0), row('县财政局', 1, 0, 1)];
  const overdueTasks = [
    task(4, { content: '排查县城老旧燃气管网', unit: '县应急管理局', person: '陈九', dueDate: '2026-11-20', progress: [] }),
    task(2, { unit: '县财政局', person: '孙七', content: '拨付冬季安全生产专项经费', dueDate: '2026-11-26', progress: [] }),
  ];
  return {
    kind: '月报',
    periodText: '2026年11月',
    start: '2026-11-01',
    end: '2026-11-30',
    asOf: '2026-11-30',
    rows,
    totals: row('合计', 6, 3, 2),
    overdueTasks,
    lateWorkdays: { [overdueTasks[0]!.id]: 6, [overdueTasks[1]!.id]: 2 },
    // 县住建局's two were finished on time, 县应急管理局's one late.
    onTimeDone: 2,
  };
}
