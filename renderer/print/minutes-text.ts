import { formatChineseDate, isIsoDate, toLocalIsoDate } from '@shared/domain/dates';
import { formatClassificationMark } from '@shared/domain/enums';
import type { Attendance, Decision, Invitee, MeetingRecord, MinutesContent } from '@shared/domain/meeting-types';

// The words of a 会议纪要 (DOMAIN.md §5, GB/T 9704 §10.3), worked out once from the meeting and the
// minutes. The printed page (MinutesDocument) and the Word file (minutes-docx.ts) both lay out
// exactly these strings, so the paper and the .docx can never say different things.

/** What MinutesDocument and buildMinutesDocx are given: the text, plus 纪要编号 and 签发 time once issued. */
export type MinutesPrintContent = MinutesContent & {
  /** 纪要编号, e.g. 第1期; absent on a draft. */
  number?: string;
  /** 签发 time (ISO instant) or day (YYYY-MM-DD): the 成文日期. */
  issuedAt?: string;
};

/** The labels of the attendance lines, in the order they are printed. */
export const ATTENDANCE_LABELS = ['出席', '请假', '缺席', '列席'] as const;
export type AttendanceLabel = (typeof ATTENDANCE_LABELS)[number];

/** One attendance line: "出席：" in 黑体, then the names in 仿宋. */
export interface AttendanceLine {
  label: AttendanceLabel;
  /** The names, joined with 、, e.g. "张三、王五代李四". */
  text: string;
}

export interface MinutesText {
  /** 密级★保密期限 for the top left, e.g. 机密★20年; '' for 非密. */
  mark: string;
  /** The red 纪要标志, e.g. 县政府常务会议纪要. */
  title: string;
  /** 纪要编号 line: 第1期; on a draft not yet numbered, 第\u3000\u3000期 (left blank for the number). */
  number: string;
  /** 成文日期: the day of 签发, or the meeting day before that, e.g. 2026年11月25日. */
  date: string;
  /** The first paragraph: when, who, where, which meeting, what it took up. */
  opening: string;
  /** 会议主要情况, one string per paragraph (blank ones dropped). */
  paragraphs: string[];
  /** "会议议定事项如下：" when there are decisions, else null. */
  decisionsLead: string | null;
  /** 议定事项: "一、……（责任单位：…；责任人：…；完成时限：2026年12月1日）". */
  decisions: string[];
  /** 出席, 请假, 缺席, 列席 — a line only when it has names. */
  attendance: AttendanceLine[];
  /** 版记 at the bottom of the last page (GB/T 9704 §7.4.2, DOMAIN.md §8). */
  imprint: MinutesImprint;
}

/** 版记: 抄送 line (when there is one), then 印发机关 left and 印发日期 right. */
export interface MinutesImprint {
  /** The units after "抄送：", e.g. "县财政局，县住建局。"; null without 抄送. */
  copyTo: string | null;
  /** 印发机关, e.g. 某某县人民政府办公室. */
  printedBy: string;
  /** "2026年11月25日印发". */
  printedOn: string;
}

/** The placeholder of a 纪要编号 not yet given (two 全角空格, room to write it in). */
export const UNNUMBERED = '第\u3000\u3000期';

export const DECISIONS_LEAD = '会议议定事项如下：';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (the numbers of 一、二、三、). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 9999) throw new RangeError(`序号超出范围：${n}`);
  const units = ['', '十', '百', '千'] as const;
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i] ?? '';
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    out += DIGITS[d] + unit;
  });
  // 十二, not 一十二, when the number starts with the tens.
  return digits.length === 2 && out.startsWith('一十') ? out.slice(1) : out;
}

/** Drops the sentence's own end mark, where a parenthesis or 、 is going to follow it. */
function trimEnd(text: string): string {
  return text.trim().replace(/[。；;，,、.\s]+$/u, '');
}

/** 成文日期: '2026-11-25' as written, an instant as its local day; '' when unreadable. */
function dayText(value: string | undefined): string {
  if (!value) return '';
  if (isIsoDate(value)) return formatChineseDate(value);
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '' : formatChineseDate(toLocalIsoDate(d));
}

/** "2026年11月23日，张县长在县政府第一会议室主持召开县政府第12次常务会议，研究A、B。" */
export function openingParagraph(meeting: MeetingRecord): string {
  // 议题 are often written "研究……": the sentence says 研究 once.
  const topics = meeting.topics.map((t) => trimEnd(t).replace(/^研究/u, '')).filter(Boolean);
  const where = meeting.location.trim() ? `在${meeting.location.trim()}` : '';
  const who = meeting.host.trim();
  const lead = `${formatChineseDate(meeting.meetingDate)}，${who}${where}主持召开${trimEnd(meeting.name)}`;
  return topics.length ? `${lead}，研究${topics.join('、')}。` : `${lead}。`;
}

/** 议定事项 n (1-based): "一、内容（责任单位：…；责任人：…；完成时限：2026年12月1日）". */
export function decisionLine(decision: Decision, n: number): string {
  const parts = [
    decision.unit.trim() && `责任单位：${decision.unit.trim()}`,
    decision.person.trim() && `责任人：${decision.person.trim()}`,
    `完成时限：${formatChineseDate(decision.dueDate)}`,
  ].filter(Boolean);
  return `${chineseNumeral(n)}、${trimEnd(decision.content)}（${parts.join('；')}）`;
}

/** How a person is named on a line: 出席 members by name, 列席 by unit and name ("县财政局 张三"). */
function personText(invitee: Invitee, name: string, unit: string): string {
  return invitee.role === '列席' && unit.trim() ? `${unit.trim()} ${name}` : name;
}

/**
 * The attendance lines. Someone who came is on the line of their role (出席 or 列席); a deputy is
 * written "王五代李四" on that line (代会 is marked, never hidden); 请假 names carry the reason
 * in parentheses; 缺席 lists who neither came nor excused themselves.
 * Before anyone has signed in (no 到会 or 代会 entry yet), the lines list who was invited: the
 * sign-in was not taken. Once it has been, an invitee with no entry did not come and is 缺席.
 */
export function attendanceLines(meeting: Pick<MeetingRecord, 'invitees' | 'attendance'>): AttendanceLine[] {
  const names: Record<AttendanceLabel, string[]> = { 出席: [], 请假: [], 缺席: [], 列席: [] };
  // 请假 is often noted before the meeting: only someone marked as having come means the sign-in was taken.
  const signInTaken = meeting.invitees.some((i) => {
    const status = meeting.attendance[i.personId]?.status;
    return status === '到会' || status === '代会';
  });
  for (const invitee of meeting.invitees) {
    const seen: Attendance = meeting.attendance[invitee.personId] ?? { status: signInTaken ? '缺席' : '到会' };
    switch (seen.status) {
      case '到会':
        names[invitee.role].push(personText(invitee, invitee.name, invitee.unit));
        break;
      case '代会':
        names[invitee.role].push(personText(invitee, `${seen.deputy.name}代${invitee.name}`, seen.deputy.unit || invitee.unit));
        break;
      case '请假': {
        const reason = seen.reason.trim();
        names.请假.push(personText(invitee, reason ? `${invitee.name}（${reason}）` : invitee.name, invitee.unit));
        break;
      }
      case '缺席':
        names.缺席.push(personText(invitee, invitee.name, invitee.unit));
        break;
    }
  }
  return ATTENDANCE_LABELS.filter((label) => names[label].length > 0).map((label) => ({ label, text: names[label].join('、') }));
}

/** 抄送 units as printed: separated by ，, ending in 。 (GB/T 9704 §7.4.2). */
export function copyToText(units: readonly string[] | undefined): string | null {
  const list = (units ?? []).map((u) => u.trim()).filter(Boolean);
  return list.length ? `${list.join('，')}。` : null;
}

/**
 * Everything a 纪要 prints, in print order; see MinutesText. `printedBy`: the 印发机关 when the
 * minutes name none (the office's name).
 */
export function minutesTextLines(meeting: MeetingRecord, minutes: MinutesPrintContent, printedBy = ''): MinutesText {
  const decisions = minutes.decisions.map((d, i) => decisionLine(d, i + 1));
  const date = dayText(minutes.issuedAt) || formatChineseDate(meeting.meetingDate);
  return {
    mark: formatClassificationMark({ level: meeting.classification, term: meeting.secrecyTerm ?? null }),
    title: minutes.title.trim(),
    number: minutes.number?.trim() || UNNUMBERED,
    date,
    opening: openingParagraph(meeting),
    paragraphs: minutes.paragraphs.map((p) => p.trim()).filter(Boolean),
    decisionsLead: decisions.length ? DECISIONS_LEAD : null,
    decisions,
    attendance: attendanceLines(meeting),
    imprint: {
      copyTo: copyToText(minutes.copyTo),
      printedBy: minutes.printedBy?.trim() || printedBy.trim(),
      // 印发日期: as set, else the day of 签发 (on a draft, the 成文日期 it would carry).
      printedOn: `${dayText(minutes.printedOn) || date}印发`,
    },
  };
}
