import { z } from 'zod';
import { addDays, compareDates, isIsoDate, weekday, type IsoDate } from './dates';
import { RuleError } from './rule-error';

// 国务院办公厅关于某年部分节假日安排的通知: each year's schedule, published in the autumn before.
// The secretary pastes the notice (or a file of it) into 设置 → 节假日; this reads the dates out of
// it: the 放假 ranges and the 调休上班 days, festival by festival. A plain list works too, one day
// or range a line ("2027-02-06 至 2027-02-12 放假 春节", "2027-02-14 上班 春节").

export interface NoticeDay {
  date: IsoDate;
  kind: 'holiday' | 'workday';
  /** The festival the day belongs to (春节, 国庆节、中秋节 …). */
  note: string;
}

export interface ParsedNotice {
  year: number;
  days: NoticeDay[];
  /** Sentences that name dates but neither 放假 nor 上班: shown in the preview, nothing is guessed. */
  problems: string[];
}

/** The command's input: the year of the notice and its days (what the preview showed). */
export const noticeInputSchema = z.object({
  year: z.number({ error: '请填写年份' }).int('年份应为整数').min(2000, '年份应在 2000–2100 之间').max(2100, '年份应在 2000–2100 之间'),
  days: z
    .array(
      z.object({
        date: z.string().refine(isIsoDate, '日期无效'),
        kind: z.enum(['holiday', 'workday']),
        note: z.string().max(40, '节日名称不能超过 40 个字'),
      }),
    )
    .min(1, '通知中没有读到放假日期')
    .max(400, '日期过多，请检查通知内容'),
});
export type NoticeInput = z.infer<typeof noticeInputSchema>;

/** Full-width digits and punctuation to ASCII, so "２０２７年" and "2027年" read alike. */
function halfWidth(s: string): string {
  return s.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** The year a notice is for, from its title ("2027年部分节假日安排"), or undefined. */
export function noticeYearOf(text: string): number | undefined {
  const m = /(\d{4})\s*年\s*(?:部分)?节假日/.exec(halfWidth(text));
  return m ? Number(m[1]) : undefined;
}

// One date as written in a notice or a list: 2027-02-06, 2027年2月6日, 2月6日, or (the end of a
// range in the same month) 12日.
const DATE = String.raw`(?:(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})|(?:(\d{4})\s*年\s*)?(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日)`;
const RANGE = new RegExp(`${DATE}(?:\\s*(?:至|到|~|～|—|–)\\s*${DATE})?`, 'g');

interface DateParts {
  year?: number;
  month?: number;
  day: number;
}

function partsAt(m: RegExpExecArray, offset: number): DateParts | undefined {
  const g = (i: number) => m[offset + i];
  if (g(0)) return { year: Number(g(0)), month: Number(g(1)), day: Number(g(2)) };
  if (!g(5)) return undefined;
  return { ...(g(3) ? { year: Number(g(3)) } : {}), ...(g(4) ? { month: Number(g(4)) } : {}), day: Number(g(5)) };
}

function resolve(p: DateParts, year: number, month: number | undefined): IsoDate | null {
  const m = p.month ?? month;
  if (!m) return null;
  const y = p.year ?? year;
  const iso = `${y}-${String(m).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** Section heading "二、春节：" → 春节; a list line's trailing name; else ''. */
function festivalOf(line: string): string {
  const heading = /^\s*(?:[一二三四五六七八九十]+|\d+)\s*[、.．]\s*([^：:，,。]+?)\s*[：:]/.exec(line);
  return heading ? heading[1]!.trim() : '';
}

/**
 * Reads a notice (or a list) for `year`. Parenthesised remarks ("（农历除夕、周二）") are dropped
 * first; a sentence with 上班/补班 makes each date in it a working day; a sentence with 放假/休息
 * makes each date or range in it a day off (a sentence starting 鼓励 is advice, not the schedule).
 */
export function parseHolidayNotice(text: string, year: number): ParsedNotice {
  const byDate = new Map<IsoDate, NoticeDay>();
  const problems: string[] = [];
  let festival = '';
  const lines = halfWidth(text)
    .replace(/[（(][^（）()]*[）)]/g, '')
    .split(/\r?\n/);
  for (const rawLine of lines) {
    const line = rawLine.trim();
    if (!line) continue;
    const heading = festivalOf(line);
    if (heading) festival = heading;
    const body = heading ? line.slice(line.search(/[：:]/) + 1) : line;
    for (const sentence of body.split(/[。；;]/)) {
      const s = sentence.trim();
      if (!s || /^鼓励/.test(s)) continue;
      const work = /上班|补班|工作日/.test(s);
      const off = !work && /放假|休息|休假|假期/.test(s);
      const ranges = [...s.matchAll(RANGE)].filter((m) => partsAt(m, 1));
      if (ranges.length === 0) continue;
      if (!work && !off) {
        problems.push(`未能判断是放假还是上班：“${s}”`);
        continue;
      }
      // A list line names its festival after the dates ("2027-02-06 至 2027-02-12 放假 春节").
      const listName = /(?:放假|休息|休假|上班|补班|工作日)\s*([\u4e00-\u9fa5、]{2,12})\s*$/.exec(s)?.[1];
      const note = heading ? festival : (listName ?? festival);
      let month: number | undefined;
      for (const m of ranges) {
        const a = partsAt(m, 1)!;
        const first = resolve(a, year, month);
        if (!first) {
          problems.push(`日期无效：“${m[0]}”`);
          continue;
        }
        month = Number(first.slice(5, 7));
        const b = partsAt(m, 7);
        let last = first;
        if (b) {
          // "12月30日至2027年1月1日": a range across the new year; "2月6日至12日": the same month.
          const end = resolve({ ...b, ...(b.year === undefined ? { year: Number(first.slice(0, 4)) } : {}) }, year, month);
          if (!end || compareDates(end, first) < 0 || compareDates(end, addDays(first, 31)) > 0) {
            problems.push(`日期范围无效：“${m[0]}”`);
            continue;
          }
          last = end;
          month = Number(end.slice(5, 7));
        }
        for (let d = first; compareDates(d, last) <= 0; d = addDays(d, 1)) {
          const seen = byDate.get(d);
          const kind = work ? 'workday' : 'holiday';
          if (seen && seen.kind !== kind) problems.push(`${d} 既写作放假又写作上班`);
          byDate.set(d, { date: d, kind, note: note || (work ? '调休上班' : '放假') });
        }
      }
    }
  }
  const days = [...byDate.values()].sort((x, y) => compareDates(x.date, y.date));
  for (const d of days) {
    const y = Number(d.date.slice(0, 4));
    if (y < year - 1 || y > year + 1) problems.push(`${d.date} 不在 ${year} 年前后`);
    // A 调休上班 day is a weekend day made a working day: on a weekday it changes nothing.
    if (d.kind === 'workday' && weekday(d.date) !== 0 && weekday(d.date) !== 6) problems.push(`${d.date}（${'日一二三四五六'[weekday(d.date)]}）本来就是工作日，不是调休上班日`);
  }
  return { year, days, problems };
}

/** The preview's summary of one festival: "春节：2月6日—2月12日放假，共7天；2月14日上班". */
export function summarizeNotice(days: readonly NoticeDay[]): { festival: string; text: string }[] {
  const groups = new Map<string, NoticeDay[]>();
  for (const d of days) groups.set(d.note, [...(groups.get(d.note) ?? []), d]);
  const md = (d: IsoDate) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
  return [...groups].map(([festival, list]) => {
    const off = list.filter((d) => d.kind === 'holiday').map((d) => d.date);
    const work = list.filter((d) => d.kind === 'workday').map((d) => d.date);
    const parts: string[] = [];
    if (off.length) parts.push(`${off.length === 1 ? md(off[0]!) : `${md(off[0]!)}—${md(off.at(-1)!)}`}放假，共${off.length}天`);
    if (work.length) parts.push(`${work.map(md).join('、')}上班`);
    return { festival, text: parts.join('；') };
  });
}

/** Refuses a notice that would be saved with problems left in it. */
export function requireCleanNotice(parsed: ParsedNotice): void {
  if (parsed.problems.length) throw RuleError.at('text', `通知中有 ${parsed.problems.length} 处未能读懂，请核对后再保存：${parsed.problems[0]}`);
  if (parsed.days.length === 0) throw RuleError.at('text', '通知中没有读到放假日期');
}
