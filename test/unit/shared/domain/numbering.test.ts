import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INCOMING_PATTERN,
  DEFAULT_MINUTES_PATTERN,
  formatCopyNumber,
  formatSerial,
  validatePattern,
} from '../../../../shared/domain/numbering';

describe('formatSerial', () => {
  it('formats the default 收文编号', () => {
    expect(DEFAULT_INCOMING_PATTERN).toBe('收〔YYYY〕NNNN');
    expect(formatSerial(DEFAULT_INCOMING_PATTERN, 2026, 1)).toBe('收〔2026〕0001');
    expect(formatSerial(DEFAULT_INCOMING_PATTERN, 2026, 42)).toBe('收〔2026〕0042');
    expect(formatSerial(DEFAULT_INCOMING_PATTERN, 2026, 9999)).toBe('收〔2026〕9999');
  });

  it('does not truncate a serial longer than the N run', () => {
    expect(formatSerial(DEFAULT_INCOMING_PATTERN, 2026, 10000)).toBe('收〔2026〕10000');
    expect(formatSerial('NN', 2026, 123)).toBe('123');
  });

  it('formats the default 纪要编号: a single N means no padding', () => {
    expect(DEFAULT_MINUTES_PATTERN).toBe('第N期');
    expect(formatSerial(DEFAULT_MINUTES_PATTERN, 2026, 3)).toBe('第3期');
    expect(formatSerial(DEFAULT_MINUTES_PATTERN, 2026, 12)).toBe('第12期');
  });

  it('works without a year, with the year after the serial, and with the year twice', () => {
    expect(formatSerial('办NNN', 2026, 7)).toBe('办007');
    expect(formatSerial('NNNN/YYYY', 2026, 5)).toBe('0005/2026');
    expect(formatSerial('YYYY-收-YYYY-NN', 2025, 5)).toBe('2025-收-2025-05');
  });

  it('leaves other Latin letters alone', () => {
    expect(formatSerial('BGS-YYYY-NNN', 2026, 8)).toBe('BGS-2026-008');
  });

  it('refuses an invalid pattern, year or serial', () => {
    expect(() => formatSerial('收〔YYYY〕', 2026, 1)).toThrow('序号');
    expect(() => formatSerial(DEFAULT_INCOMING_PATTERN, 2026, 0)).toThrow(RangeError);
    expect(() => formatSerial(DEFAULT_INCOMING_PATTERN, 2026, -1)).toThrow(RangeError);
    expect(() => formatSerial(DEFAULT_INCOMING_PATTERN, 2026, 1.5)).toThrow(RangeError);
    expect(() => formatSerial(DEFAULT_INCOMING_PATTERN, 26, 1)).toThrow(RangeError);
    expect(() => formatSerial(DEFAULT_INCOMING_PATTERN, 2026.5, 1)).toThrow(RangeError);
  });
});

describe('validatePattern', () => {
  it.each([DEFAULT_INCOMING_PATTERN, DEFAULT_MINUTES_PATTERN, 'NNNN', '收〔YYYY〕第NNN号', 'N'])('accepts %j', (p) => {
    expect(validatePattern(p)).toBeNull();
  });

  it('requires something', () => {
    expect(validatePattern('')).toBe('请输入编号格式');
    expect(validatePattern('   ')).toBe('请输入编号格式');
  });

  it('requires a serial position', () => {
    expect(validatePattern('收〔YYYY〕')).toMatch(/连续的 N/);
    expect(validatePattern('收〔YYYY〕nnnn')).toMatch(/连续的 N/); // lower case is not a placeholder
  });

  it('allows only one run of N', () => {
    expect(validatePattern('NN收〔YYYY〕NNNN')).toBe('编号格式中只能有一处连续的 N（序号的位置）');
    expect(validatePattern('No.NNN')).not.toBeNull();
  });

  it('allows at most 40 characters, counted as characters', () => {
    expect(validatePattern('收'.repeat(36) + 'NNNN')).toBeNull();
    expect(validatePattern('收'.repeat(37) + 'NNNN')).toBe('编号格式不能超过 40 个字');
    expect(validatePattern('𠮷'.repeat(39) + 'N')).toBeNull();
  });
});

describe('formatCopyNumber', () => {
  it('writes 份号 with six digits', () => {
    expect(formatCopyNumber(1)).toBe('000001');
    expect(formatCopyNumber(123)).toBe('000123');
    expect(formatCopyNumber(999999)).toBe('999999');
  });

  it('refuses what is not a six-digit copy number', () => {
    expect(() => formatCopyNumber(0)).toThrow(RangeError);
    expect(() => formatCopyNumber(1_000_000)).toThrow(RangeError);
    expect(() => formatCopyNumber(-3)).toThrow(RangeError);
    expect(() => formatCopyNumber(2.5)).toThrow(RangeError);
  });
});
