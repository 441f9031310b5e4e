import { describe, expect, it } from 'vitest';
import { changeText, comparisonText, daysText, onTimeText, periodOf, periodText, previousPeriod, sameTimeLastYear } from '../../../../shared/domain/flow-format';

// How the 运转时效 page, print and XLSX name a period and say the figures.

describe('periods', () => {
  it('月, 季, 年 hold the picked day; 自定义 is the range given', () => {
    expect(periodOf('月', '2026-02-14')).toEqual({ kind: '月', start: '2026-02-01', end: '2026-02-28' });
    expect(periodOf('月', '2028-02-03')).toEqual({ kind: '月', start: '2028-02-01', end: '2028-02-29' });
    expect(periodOf('季', '2026-11-30')).toEqual({ kind: '季', start: '2026-10-01', end: '2026-12-31' });
    expect(periodOf('季', '2026-05-01')).toEqual({ kind: '季', start: '2026-04-01', end: '2026-06-30' });
    expect(periodOf('年', '2026-07-09')).toEqual({ kind: '年', start: '2026-01-01', end: '2026-12-31' });
    expect(periodOf('自定义', '2026-03-05', '2026-03-31')).toEqual({ kind: '自定义', start: '2026-03-05', end: '2026-03-31' });
  });

  it('上年同期 and 上一期', () => {
    expect(sameTimeLastYear(periodOf('月', '2028-02-10'))).toEqual({ kind: '月', start: '2027-02-01', end: '2027-02-28' });
    expect(sameTimeLastYear(periodOf('季', '2026-10-10'))).toEqual({ kind: '季', start: '2025-10-01', end: '2025-12-31' });
    expect(sameTimeLastYear(periodOf('自定义', '2028-02-29', '2028-03-10'))).toEqual({ kind: '自定义', start: '2027-02-28', end: '2027-03-10' });
    expect(previousPeriod(periodOf('月', '2026-03-10'))).toEqual({ kind: '月', start: '2026-02-01', end: '2026-02-28' });
    expect(previousPeriod(periodOf('季', '2026-01-10'))).toEqual({ kind: '季', start: '2025-10-01', end: '2025-12-31' });
    expect(previousPeriod(periodOf('年', '2026-01-10'))).toEqual({ kind: '年', start: '2025-01-01', end: '2025-12-31' });
    // A custom range of 10 days: the 10 days before it.
    expect(previousPeriod(periodOf('自定义', '2026-03-11', '2026-03-20'))).toEqual({ kind: '自定义', start: '2026-03-01', end: '2026-03-10' });
  });

  it('names them as the office writes them', () => {
    expect(periodText(periodOf('月', '2026-11-02'))).toBe('2026年11月');
    expect(periodText(periodOf('季', '2026-11-02'))).toBe('2026年第四季度');
    expect(periodText(periodOf('年', '2026-11-02'))).toBe('2026年');
    expect(periodText(periodOf('自定义', '2026-01-05', '2026-03-20'))).toBe('2026年1月5日至2026年3月20日');
  });
});

describe('figures', () => {
  it('working days to one decimal, 按期办结率 as a percent, "—" when nothing was counted', () => {
    expect(daysText(6.6)).toBe('6.6');
    expect(daysText(27)).toBe('27.0');
    expect(daysText(null)).toBe('—');
    expect(onTimeText(0.875)).toBe('87.5%');
    expect(onTimeText(2 / 3)).toBe('66.7%');
    expect(onTimeText(1)).toBe('100.0%');
    expect(onTimeText(null)).toBe('—');
  });

  it('the comparison of two periods shows both numbers, and how much faster', () => {
    expect(comparisonText(6.6, 27, '上年同期')).toBe('本期 6.6 个工作日，上年同期 27.0');
    expect(comparisonText(6.6, null, '上一期')).toBe('本期 6.6 个工作日，上一期 —');
    expect(changeText(6.6, 27)).toBe('缩短 20.4 个工作日（75.6%）');
    expect(changeText(8, 5)).toBe('延长 3.0 个工作日（60%）');
    expect(changeText(5, 5)).toBe('持平');
    expect(changeText(null, 5)).toBe('');
  });
});
