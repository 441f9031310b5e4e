import { describe, expect, it } from 'vitest';
import { progressPercent, progressRate, progressText, secondsLeft, type JobProgress } from '@shared/domain/job-progress';

const p = (done: number, total: number): JobProgress => ({ stage: '写入收文', done, total, unit: '条', startedAt: 1000 });

describe('job progress', () => {
  it('says the share done, the rate and the time left', () => {
    expect(progressPercent(p(12_000, 100_000))).toBe(12);
    expect(progressRate(p(15_000, 100_000), 3000)).toBe(7500);
    expect(secondsLeft(p(15_000, 100_000), 3000)).toBeCloseTo(85_000 / 7500);
    expect(progressText(p(15_000, 100_000), 3000)).toBe('写入收文：15,000 / 100,000 条，每秒 7,500 条，约剩 12 秒');
    expect(progressText(p(15_000, 600_000), 3000)).toBe('写入收文：15,000 / 600,000 条，每秒 7,500 条，约剩 1 分 18 秒');
  });

  it('shows no rate in the first half second, nor before anything is done, and no 100 % early', () => {
    expect(progressText(p(10, 100), 1200)).toBe('写入收文：10 / 100 条');
    expect(progressRate(p(0, 100), 9000)).toBeNull();
    expect(progressPercent(p(999, 1000))).toBe(99);
    expect(progressPercent(p(5, 0))).toBe(0);
    expect(progressText(p(5, 0), 3000)).toBe('写入收文：5 条，每秒 3 条');
  });
});
