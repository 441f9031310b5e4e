import { describe, expect, it } from 'vitest';
import shipped from 'chinese-days/dist/chinese-days.json';
import { noticeYearOf, parseHolidayNotice, requireCleanNotice, summarizeNotice } from '../../../../shared/domain/holiday-notice';

// The 国务院办公厅 notice for 2025 as published (国办发明电〔2024〕12号), its 通知 part.
const NOTICE_2025 = `国务院办公厅关于2025年部分节假日安排的通知
一、元旦：1月1日（周三）放假1天，不调休。
二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
三、清明节：4月4日（周五）至6日（周日）放假，共3天。
四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。
五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。`;

const inYear = (map: Record<string, string>, y: string) => Object.keys(map).filter((d) => d.startsWith(y)).sort();

describe('parseHolidayNotice', () => {
  it('reads the 2025 notice into exactly the shipped 2025 schedule', () => {
    expect(noticeYearOf(NOTICE_2025)).toBe(2025);
    const p = parseHolidayNotice(NOTICE_2025, 2025);
    expect(p.problems).toEqual([]);
    expect(p.days.filter((d) => d.kind === 'holiday').map((d) => d.date)).toEqual(inYear(shipped.holidays, '2025'));
    expect(p.days.filter((d) => d.kind === 'workday').map((d) => d.date)).toEqual(inYear(shipped.workdays, '2025'));
    expect(p.days.find((d) => d.date === '2025-01-26')).toEqual({ date: '2025-01-26', kind: 'workday', note: '春节' });
    expect(p.days.find((d) => d.date === '2025-10-08')?.note).toBe('国庆节、中秋节');
    expect(summarizeNotice(p.days)).toContainEqual({ festival: '春节', text: '1月28日—2月4日放假，共8天；1月26日、2月8日上班' });
  });

  it('reads full-width digits, a range across the new year, and advice that is not the schedule', () => {
    const p = parseHolidayNotice(
      '一、元旦：２０２６年１２月３１日至２０２７年１月２日放假调休，共3天。\n二、春节：2月6日至12日放假调休，共7天。2月14日（周日）上班。鼓励各单位安排职工在除夕（2月5日）休息。',
      2027,
    );
    expect(p.problems).toEqual([]);
    expect(p.days.map((d) => `${d.date}${d.kind === 'holiday' ? '休' : '班'}`)).toEqual([
      '2026-12-31休', '2027-01-01休', '2027-01-02休',
      '2027-02-06休', '2027-02-07休', '2027-02-08休', '2027-02-09休', '2027-02-10休', '2027-02-11休', '2027-02-12休',
      '2027-02-14班',
    ]);
  });

  it('reads a plain list, one day or range a line, with the festival after the dates', () => {
    const p = parseHolidayNotice('2027-01-01 放假 元旦\n2027-02-06 至 2027-02-12 放假 春节\n2027-02-14 上班 春节', 2027);
    expect(p.problems).toEqual([]);
    expect(p.days).toHaveLength(9);
    expect(p.days[0]).toEqual({ date: '2027-01-01', kind: 'holiday', note: '元旦' });
    expect(p.days.at(-1)).toEqual({ date: '2027-02-14', kind: 'workday', note: '春节' });
  });

  it('names what it cannot read instead of guessing, and refuses to save it', () => {
    const p = parseHolidayNotice('2027-02-30 放假 春节\n2月6日 春节\n2027-02-10 上班\n2027-03-01至2027-02-01 放假', 2027);
    expect(p.problems).toEqual([
      '日期无效：“2027-02-30”',
      '未能判断是放假还是上班：“2月6日 春节”',
      '日期范围无效：“2027-03-01至2027-02-01”',
      '2027-02-10（三）本来就是工作日，不是调休上班日',
    ]);
    expect(() => requireCleanNotice(p)).toThrow(/4 处未能读懂/);
    expect(() => requireCleanNotice(parseHolidayNotice('节假日期间要安排好值班。', 2027))).toThrow('通知中没有读到放假日期');
  });
});
