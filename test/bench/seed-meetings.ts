import { appendAudit, auditScope, type AuditDraft } from '../../renderer/db/audit';
import type { WenshuDB } from '../../renderer/db/database';
import { meetingAuditLabel } from '../../renderer/db/repositories/meetings';
import { TASK_PATTERN, TASK_SERIES } from '../../renderer/db/repositories/supervision';
import type { Actor } from '../../renderer/db/types';
import { addDays, compareDates, daysBetween, formatChineseDate, type IsoDate } from '../../shared/domain/dates';
import type { Classification } from '../../shared/domain/enums';
import {
  createMeeting,
  issueMinutes,
  saveMinutesDraft,
  signIn,
  type Attendance,
  type DecisionDeadline,
  type DirectoryPerson,
  type MeetingActor,
  type MeetingInput,
  type MeetingRecord,
  type MinutesInput,
} from '../../shared/domain/meeting';
import { DEFAULT_MINUTES_PATTERN, formatSerial } from '../../shared/domain/numbering';
import { addProgress, completeTask, tasksFromMinutes, type TaskRecord } from '../../shared/domain/supervision';
import type { WorkCalendar } from '../../shared/domain/workdays';
import { prng } from '../fixtures/prng';

// Seeded, repeatable 会议 with their 纪要 and the 督办 tasks those create (DESIGN.md's data set:
// 2,000 meetings with 10,000 议定事项), written in bulk with their audit entries. Each record is
// made the way the repositories make it: createMeeting, signIn for every invitee, saveMinutesDraft,
// issueMinutes (numbered per 会议类型 per meeting year, as issueMeetingMinutes does), then
// tasksFromMinutes (督办编号 per year of the issue, as nextTaskIds does) and addProgress /
// completeTask for what happened to each task before `today`.

const UNITS = ['县政府办公室', '县发展和改革局', '县财政局', '县教育局', '县卫生健康局', '县自然资源局', '县住房和城乡建设局', '县交通运输局', '县农业农村局', '县应急管理局', '县民政局', '县人力资源和社会保障局', '县生态环境局', '县市场监督管理局'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];
const GIVEN = ['建国', '志强', '海燕', '晓东', '红梅', '国庆', '立新', '文华', '玉兰', '卫东', '春生', '丽娟', '永刚', '秀英', '德明', '小军', '雪梅', '长江', '新民', '振华'];
const TITLES = ['局长', '副局长', '主任', '副主任', '科长'];
const HOSTS: Record<string, string[]> = {
  常务会议: ['县长王建国'],
  专题会议: ['常务副县长李志强', '副县长陈海燕', '副县长赵晓东', '副县长刘文华'],
  办公会议: ['办公室主任周立新', '办公室副主任吴红梅'],
  党组会议: ['党组书记王建国'],
};
const RECORDERS = ['张秘书', '孙丽娟', '马小军'];
const ROOMS = ['县政府第一会议室', '县政府第二会议室', '县政府常务会议室', '县行政中心三楼会议室', '县应急指挥中心'];
const SUBJECTS = ['冬季森林防火', '安全生产大检查', '重点项目建设', '防汛抗旱准备', '乡村振兴重点任务', '民生实事项目', '营商环境优化', '财政预算执行', '老旧小区改造', '义务教育学位保障', '医疗卫生服务体系建设', '耕地保护和粮食安全', '农村人居环境整治', '信访积案化解', '政务服务标准化', '招商引资项目落地', '国有资产清查', '生态环境问题整改', '城区停车秩序治理', '高标准农田建设'];
const TOPIC_FORMS = ['研究{}有关事项', '听取{}情况汇报', '审议{}工作方案', '部署{}工作'];
const DECISION_VERBS = ['抓紧制定', '牵头落实', '组织开展', '尽快完成', '会同有关部门研究', '认真做好', '加快推进', '督促整改'];
const DECISION_TAILS = ['工作方案，报县政府审定', '的资金保障', '专项检查，形成报告', '情况汇总上报', '问题整改，逐项销号', '相关政策文件起草', '工作，按月报送进展'];
const PROGRESS = ['已制定工作方案，正在组织实施', '已召开协调会，明确分工和时间节点', '初稿已完成，正在征求有关部门意见', '资金已落实，项目正在推进', '已完成总体进度的一半左右', '已开展实地调研，正在形成报告'];
const RESULTS = ['已按要求完成，情况报告已报县政府', '工作方案已印发实施', '已办结，经核查达到要求', '已完成整改并逐项销号', '资金已全部拨付到位'];
const LEAVE = ['外出学习', '参加市里会议', '病假', '下乡督导'];
const LEVELS: Classification[] = ['非密', '非密', '非密', '非密', '非密', '非密', '非密', '非密', '非密', '非密', '非密', '非密', '非密', '非密', '内部', '内部', '内部', '秘密', '秘密', '机密'];
const TYPE_WEIGHTS: string[] = ['常务会议', '常务会议', '专题会议', '专题会议', '专题会议', '专题会议', '专题会议', '办公会议', '办公会议', '党组会议'];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

/** An instant on `date` (hour 2–9 UTC) that is that same calendar day in any UTC−2…UTC+14 zone. */
function at(date: IsoDate, hour = 2): Date {
  return new Date(`${date}T0${hour}:00:00.000Z`);
}

/** The 人员名录: two or three people per unit. */
export function makePeople(seed = 5005): DirectoryPerson[] {
  const r = prng(seed);
  const out: DirectoryPerson[] = [];
  const used = new Set<string>();
  for (const unit of UNITS) {
    for (let k = 2 + Math.floor(r() * 2); k > 0; k--) {
      let name = `${pick(r, SURNAMES)}${pick(r, GIVEN)}`;
      while (used.has(name)) name = `${pick(r, SURNAMES)}${pick(r, GIVEN)}`;
      used.add(name);
      out.push({ id: `seed-person-${out.length + 1}`, name, unit, title: k === 1 ? pick(r, TITLES.slice(1)) : TITLES[unit.endsWith('办公室') ? 2 : 0]! });
    }
  }
  return out;
}

export interface MeetingSeed {
  people: DirectoryPerson[];
  meetings: MeetingRecord[];
  /** Each meeting's tasks, by meeting id, in 督办编号 order. */
  tasksByMeeting: Map<string, TaskRecord[]>;
  /** The last 纪要 number per 会议类型 per year, and the last 督办编号 per year. */
  minutesCounters: Map<string, number>;
  taskCounters: Map<number, number>;
}

function deadline(r: () => number, meetingDate: IsoDate): DecisionDeadline {
  return r() < 0.5 ? { kind: 'workdays', days: pick(r, [5, 10, 15, 20, 30, 60]) } : { kind: 'date', date: addDays(meetingDate, 10 + Math.floor(r() * 110)) };
}

/** `k` dates in order, in [from, to] (both included; `from` ≤ `to`). */
function datesBetween(r: () => number, from: IsoDate, to: IsoDate, k: number): IsoDate[] {
  const span = daysBetween(from, to);
  return Array.from({ length: k }, () => Math.floor(r() * (span + 1)))
    .sort((a, b) => a - b)
    .map((d) => addDays(from, d));
}

/**
 * `n` meetings held by `secretary` (a 秘书: 会议管理, 签发纪要, 督办管理) over 2022–2026, before
 * `today`, as they stand on `today`: every invitee signed in; minutes issued for almost all older
 * meetings (a few forgotten) and about three in four of the last two months' (the rest overdue or
 * not yet due, some with a saved draft); 2–8 议定事项 each (5 on average), each a task: old ones
 * nearly all 办结, recent ones a mix of 未开始, 推进中 and 办结, and some overdue.
 */
export function makeMeetings(n: number, secretary: MeetingActor, today: IsoDate, calendar: WorkCalendar, seed = 5005): MeetingSeed {
  const r = prng(seed);
  const people = makePeople(seed);
  const lastDay = addDays(today, -1);
  const todayYear = Number(today.slice(0, 4));

  // Meeting days first, in date order, so 纪要 and 督办 numbers follow the calendar.
  const days: IsoDate[] = [];
  for (let i = 0; i < n; i++) {
    const year = 2022 + Math.floor((i / n) * 5);
    const start = `${year}-01-01`;
    const end = year === todayYear ? lastDay : `${year}-12-31`;
    let day = addDays(start, Math.floor(r() * (daysBetween(start, end) + 1)));
    if (!calendar.isWorkday(day)) day = calendar.workdayOnOrAfter(day);
    if (compareDates(day, lastDay) > 0) day = lastDay;
    days.push(day);
  }
  days.sort();

  const meetings: MeetingRecord[] = [];
  const tasksByMeeting = new Map<string, TaskRecord[]>();
  const minutesCounters = new Map<string, number>();
  const taskCounters = new Map<number, number>();
  const perTypeYear = new Map<string, number>();
  let taskNo = 0;

  for (const [i, date] of days.entries()) {
    const year = Number(date.slice(0, 4));
    const meetingType = pick(r, TYPE_WEIGHTS);
    const k = (perTypeYear.get(`${meetingType}|${year}`) ?? 0) + 1;
    perTypeYear.set(`${meetingType}|${year}`, k);
    const subjects = [...new Set(Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(r, SUBJECTS)))];
    const name =
      meetingType === '常务会议' ? `县人民政府${year}年第${k}次常务会议`
      : meetingType === '党组会议' ? `县政府党组${year}年第${k}次会议`
      : meetingType === '办公会议' ? `县政府办公室${year}年第${k}次主任办公会议`
      : `关于${subjects[0]!}的专题会议`;
    const host = pick(r, HOSTS[meetingType]!);
    const location = pick(r, ROOMS);
    const invited = new Map<string, DirectoryPerson>();
    const want = 3 + Math.floor(r() * 6);
    while (invited.size < want) {
      const p = pick(r, people);
      invited.set(p.id, p);
    }
    const input: MeetingInput = {
      name,
      meetingType,
      startAt: `${date}T${pick(r, ['08:30', '09:00', '10:00', '14:30', '15:00'])}`,
      location,
      host,
      recorder: pick(r, RECORDERS),
      classification: pick(r, LEVELS),
      topics: subjects.map((s) => pick(r, TOPIC_FORMS).replace('{}', s)),
      invitees: [...invited.values()].map((p) => ({ personId: p.id, name: p.name, unit: p.unit, title: p.title, role: r() < 0.7 ? '出席' : '列席' })),
    };
    let m = createMeeting(input, `seed-meeting-${seed}-${i}`, secretary, at(addDays(date, -(1 + Math.floor(r() * 10)))));

    // 签到 on the day: mostly 到会; some 代会, 请假, now and then 缺席.
    for (const inv of m.invitees) {
      const u = r();
      const a: Attendance =
        u < 0.8 ? { status: '到会' }
        : u < 0.9 ? { status: '代会', deputy: { name: `${pick(r, SURNAMES)}${pick(r, GIVEN)}`, unit: inv.unit, title: '副职' } }
        : u < 0.97 ? { status: '请假', reason: pick(r, LEAVE) }
        : { status: '缺席' };
      if (a.status === '代会' && a.deputy.name === inv.name) a.deputy.name = `${a.deputy.name}代`;
      m = signIn(m, inv.personId, a, secretary, at(date, 3));
    }

    // 纪要: issued 1–3 working days after the meeting (one in ten later; due within 3), if before today.
    const recent = daysBetween(date, today) <= 60;
    const lag = r() < 0.9 ? 1 + Math.floor(r() * 3) : 4 + Math.floor(r() * 7);
    const issueDay = calendar.addWorkdays(date, lag);
    const u = r();
    const willIssue = compareDates(issueDay, lastDay) <= 0 && (recent ? u < 0.75 : u < 0.98);
    const withDraft = willIssue || r() < 0.5;
    if (withDraft) {
      const draftDay = compareDates(issueDay, lastDay) <= 0 ? issueDay : compareDates(date, lastDay) < 0 ? addDays(date, 1) : date;
      const decisions: MinutesInput['decisions'] = [];
      for (let j = 2 + Math.floor(r() * 7); j > 0; j--) {
        const unit = pick(r, UNITS);
        const owners = people.filter((p) => p.unit === unit);
        decisions.push({
          id: `${m.id}-d${decisions.length + 1}`,
          content: `${unit}${pick(r, DECISION_VERBS)}${pick(r, SUBJECTS)}${pick(r, DECISION_TAILS)}。`,
          unit,
          person: r() < 0.85 ? pick(r, owners).name : '',
          deadline: deadline(r, date),
        });
      }
      const minutes: MinutesInput = {
        title: `${name}纪要`,
        paragraphs: [
          `${formatChineseDate(date)}，${host}在${location}主持召开${name}，${m.topics.join('；')}。现将会议议定事项纪要如下：`,
          ...(r() < 0.5 ? ['会议强调，各单位要提高政治站位，压实工作责任，确保各项议定事项按时保质落实到位。'] : []),
        ],
        decisions,
      };
      m = saveMinutesDraft(m, minutes, calendar, secretary, at(draftDay, 4));
    }
    if (willIssue) {
      const seq = (minutesCounters.get(`${meetingType}|${year}`) ?? 0) + 1;
      minutesCounters.set(`${meetingType}|${year}`, seq);
      const issuedAt = at(issueDay, 6);
      m = issueMinutes(m, { number: formatSerial(DEFAULT_MINUTES_PATTERN, year, seq), year, seq }, calendar, secretary, issuedAt);
      const taskYear = issuedAt.getFullYear(); // as nextTaskIds: the year of the issue
      const made = tasksFromMinutes(m, m.issued!, () => {
        const s = (taskCounters.get(taskYear) ?? 0) + 1;
        taskCounters.set(taskYear, s);
        return { id: `seed-task-${seed}-${++taskNo}`, serial: formatSerial(TASK_PATTERN, taskYear, s) };
      }, secretary, issuedAt);
      tasksByMeeting.set(m.id, made.map((t) => followUp(r, t, issueDay, lastDay, today, secretary)));
    }
    meetings.push(m);
  }
  return { people, meetings, tasksByMeeting, minutesCounters, taskCounters };
}

/** What happened to a task between its issue day and `today`: 进展反馈, 办结, or nothing (yet). */
function followUp(r: () => number, task: TaskRecord, issueDay: IsoDate, lastDay: IsoDate, today: IsoDate, actor: MeetingActor): TaskRecord {
  let t = task;
  const pastDue = compareDates(t.dueDate, today) < 0;
  const old = daysBetween(t.dueDate, today) > 180;
  const u = r();
  // 办结 on time mostly, some late; still-running tasks are 推进中 or 未开始.
  let doneDay: IsoDate | null = null;
  if (pastDue ? u < (old ? 0.97 : 0.75) : u < 0.25) {
    const latest = pastDue && r() < 0.3 ? addDays(t.dueDate, 1 + Math.floor(r() * 30)) : t.dueDate;
    const end = compareDates(latest, lastDay) < 0 ? latest : lastDay;
    doneDay = compareDates(end, issueDay) <= 0 ? issueDay : datesBetween(r, issueDay, end, 1)[0]!;
  }
  const progressUntil = doneDay ?? lastDay;
  const reports = doneDay ? (r() < 0.6 ? 1 + Math.floor(r() * 2) : 0) : r() < 0.7 ? 1 + Math.floor(r() * 3) : 0;
  for (const d of datesBetween(r, issueDay, progressUntil, reports)) t = addProgress(t, { date: d, text: pick(r, PROGRESS) }, actor, at(d, 7));
  if (doneDay) t = completeTask(t, { date: doneDay, result: pick(r, RESULTS) }, actor, at(doneDay, 8));
  return t;
}

function auditOf(m: MeetingRecord, tasks: readonly TaskRecord[]): AuditDraft[] {
  const label = meetingAuditLabel(m);
  const out: AuditDraft[] = [];
  for (const h of m.history) {
    switch (h.action) {
      case '创建':
        out.push({ action: '新建会议', entityType: '会议', entityId: m.id, summary: `${label}，邀请 ${m.invitees.length} 人` });
        break;
      case '签到':
        out.push({ action: '会议签到', entityType: '会议', entityId: m.id, summary: `${label} ${h.note ?? ''}` });
        break;
      case '保存纪要':
        out.push({ action: '保存纪要', entityType: '会议', entityId: m.id, summary: `${label} 议定事项 ${m.draft?.decisions.length ?? 0} 项` });
        break;
      case '签发':
        out.push({ action: '签发纪要', entityType: '会议', entityId: m.id, summary: `${label} ${m.issued!.number}，议定事项 ${tasks.length} 项转督办` });
        for (const t of tasks) out.push({ action: '新建督办', entityType: '督办', entityId: t.id, summary: `${t.serial} 来源：${m.issued!.number}；责任单位：${t.unit}；时限：${t.dueDate}` });
        break;
      default:
        throw new Error(`seed: unexpected meeting event ${h.action}`);
    }
  }
  for (const t of tasks) {
    let state = '未开始';
    for (let k = 0; k < t.progress.length; k++) {
      out.push({ action: '督办进展反馈', entityType: '督办', entityId: t.id, summary: `${t.serial} ${state} → 推进中` });
      state = '推进中';
    }
    if (t.done) out.push({ action: '督办办结', entityType: '督办', entityId: t.id, summary: `${t.serial} ${state} → 已办结` });
  }
  return out;
}

/**
 * Writes the 人员名录, then the meetings in chunks, each chunk in one transaction with its tasks
 * and audit entries (as createMeetingRecord, signInInvitee, saveMinutes, issueMeetingMinutes,
 * addTaskProgress and finishTask would, one entry per event), then sets the 纪要 and 督办 counters
 * the repositories number from, so the next 签发 after seeding continues each series.
 */
export async function seedMeetings(db: WenshuDB, actor: Actor, seed: MeetingSeed): Promise<void> {
  await db.transaction('rw', [db.people, ...auditScope(db)], async () => {
    await db.people.bulkAdd(seed.people);
    await appendAudit(db, actor, seed.people.map((p) => ({ action: '新增人员名录', entityType: '人员', entityId: p.id, summary: `${p.unit} ${p.name} ${p.title}` })), new Date());
  });
  const CHUNK = 200;
  for (let i = 0; i < seed.meetings.length; i += CHUNK) {
    const chunk = seed.meetings.slice(i, i + CHUNK);
    const tasks = chunk.flatMap((m) => seed.tasksByMeeting.get(m.id) ?? []);
    await db.transaction('rw', [db.meetings, db.tasks, ...auditScope(db)], async () => {
      await db.meetings.bulkAdd(chunk);
      await db.tasks.bulkAdd(tasks);
      await appendAudit(db, actor, chunk.flatMap((m) => auditOf(m, seed.tasksByMeeting.get(m.id) ?? [])), new Date());
    });
  }
  await db.counters.bulkPut([
    ...[...seed.minutesCounters].map(([key, last]) => {
      const [type, year] = key.split('|') as [string, string];
      return { key: `纪要:${type}|${year}`, series: `纪要:${type}`, year: Number(year), last };
    }),
    ...[...seed.taskCounters].map(([year, last]) => ({ key: `${TASK_SERIES}|${year}`, series: TASK_SERIES, year, last })),
  ]);
}
