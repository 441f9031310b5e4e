import { describe, expect, test } from 'vitest';
import {
  DEFAULT_INCOMING_PATTERN,
  DEFAULT_MINUTES_PATTERN,
  formatRegisterNumber,
  formatSerial,
  normalizeSeriesPrefix,
  parseBracketNumber,
  prefixOfNumber,
  SERIES_PATTERNS,
  seriesWithPrefix,
  validateSeriesPrefix,
} from '../../../../shared/domain/numbering';
import { numberingSettingsSchema } from '../../../../shared/domain/settings-schemas';
import { carrierLabelCode, serialFromScan } from '../../../../shared/domain/carrier-label';
import { CARRIERS_REGISTER, INCOMING_REGISTER, MEETINGS_REGISTER, serialOrder, TASKS_REGISTER } from '../../../../shared/domain/registers';
import { compareCarrierSerials } from '../../../../shared/domain/carrier-inventory';
import { carrierRecord } from '../../../fixtures/carriers';
import { meetingRecord, taskRecord } from '../../../fixtures/meetings';
import type { IncomingRecord } from '../../../../shared/domain/incoming-types';

// 本机编号前缀 (issue #20): each standalone PC of an office numbers its own series, 收〔2026〕B-0001.

describe('formatRegisterNumber', () => {
  test('puts the prefix and a hyphen right before the serial run, in every series that carries it', () => {
    expect(formatRegisterNumber(DEFAULT_INCOMING_PATTERN, 2026, 1, 'B')).toBe('收〔2026〕B-0001');
    expect(formatRegisterNumber(SERIES_PATTERNS.载体.pattern, 2026, 12, 'B')).toBe('载〔2026〕B-0012');
    expect(formatRegisterNumber(SERIES_PATTERNS.督办.pattern, 2026, 3, 'C2')).toBe('督〔2026〕C2-0003');
    expect(formatRegisterNumber(DEFAULT_MINUTES_PATTERN, 2026, 3, 'B')).toBe('第B-3期');
    expect(formatRegisterNumber('NNNN/YYYY', 2026, 5, 'B')).toBe('B-0005/2026');
  });

  test('without a prefix it is formatSerial: today’s numbers unchanged', () => {
    for (const p of [DEFAULT_INCOMING_PATTERN, DEFAULT_MINUTES_PATTERN, 'BGS-YYYY-NNN']) expect(formatRegisterNumber(p, 2026, 7, '')).toBe(formatSerial(p, 2026, 7));
    expect(formatRegisterNumber(DEFAULT_INCOMING_PATTERN, 2026, 10000, 'B')).toBe('收〔2026〕B-10000');
  });

  test('refuses a prefix that breaks the rule', () => {
    expect(() => formatRegisterNumber(DEFAULT_INCOMING_PATTERN, 2026, 1, 'b')).toThrow('1–3 位');
    expect(() => formatRegisterNumber(DEFAULT_INCOMING_PATTERN, 2026, 1, 'ABCD')).toThrow('1–3 位');
  });
});

describe('the prefix rule', () => {
  test('1–3 capitals or digits; typed in any case or full width, stored upper case; empty is none', () => {
    expect(normalizeSeriesPrefix(' b ')).toBe('B');
    expect(normalizeSeriesPrefix('ｂ２')).toBe('B2');
    expect(normalizeSeriesPrefix(undefined)).toBe('');
    for (const ok of ['', 'B', 'C2', '123', 'ZZZ']) expect(validateSeriesPrefix(ok)).toBeNull();
    for (const bad of ['ABCD', 'B-', '乙', 'b', 'B C']) expect(validateSeriesPrefix(bad)).toBe('本机编号前缀为 1–3 位大写字母或数字，如 B');
  });

  test('the setting’s schema: optional, normalised, a clear message on the field', () => {
    expect(numberingSettingsSchema.parse({ incomingPattern: DEFAULT_INCOMING_PATTERN })).toEqual({ incomingPattern: DEFAULT_INCOMING_PATTERN });
    expect(numberingSettingsSchema.parse({ incomingPattern: DEFAULT_INCOMING_PATTERN, seriesPrefix: ' b ' }).seriesPrefix).toBe('B');
    const bad = numberingSettingsSchema.safeParse({ incomingPattern: DEFAULT_INCOMING_PATTERN, seriesPrefix: 'B-1' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]).toMatchObject({ path: ['seriesPrefix'], message: '本机编号前缀为 1–3 位大写字母或数字，如 B' });
  });

  test('each prefix is a counter series of its own', () => {
    expect(seriesWithPrefix('收文', 'B')).toBe('收文@B');
    expect(seriesWithPrefix('纪要:常务会议', 'C')).toBe('纪要:常务会议@C');
    expect(seriesWithPrefix('收文', '')).toBe('收文');
  });
});

describe('reading a number back', () => {
  test('prefixOfNumber finds the prefix before the serial, and none in an office pattern’s own letters', () => {
    expect(prefixOfNumber('收〔2026〕B-0001', 1)).toBe('B');
    expect(prefixOfNumber('第C2-3期', 3)).toBe('C2');
    expect(prefixOfNumber('收〔2026〕0001', 1)).toBe('');
    expect(prefixOfNumber('BGS-2026-008', 8)).toBe('');
    expect(prefixOfNumber('BGS-2026-B-008', 8)).toBe('B');
    expect(prefixOfNumber('B-0005/2026', 5)).toBe('B');
  });

  test('parseBracketNumber reads 载体 and 督办 numbers with or without a prefix', () => {
    expect(parseBracketNumber('载〔2026〕B-0007')).toEqual({ year: 2026, prefix: 'B', seq: 7 });
    expect(parseBracketNumber('督〔2025〕0012')).toEqual({ year: 2025, prefix: '', seq: 12 });
    expect(parseBracketNumber('第3期')).toBeNull();
  });

  test('each register’s counter names the prefix’s series, so an import raises the right one', () => {
    const incoming = { year: 2026, seq: 5, serial: '收〔2026〕B-0005' } as IncomingRecord;
    expect(INCOMING_REGISTER.numberKey.counter(incoming)).toEqual({ series: '收文@B', year: 2026, seq: 5 });
    expect(INCOMING_REGISTER.numberKey.counter({ ...incoming, serial: '收〔2026〕0005' })).toEqual({ series: '收文', year: 2026, seq: 5 });
    expect(CARRIERS_REGISTER.numberKey.counter(carrierRecord({ serial: '载〔2026〕C-0002' }))).toEqual({ series: '载体@C', year: 2026, seq: 2 });
    expect(CARRIERS_REGISTER.numberKey.counter(carrierRecord({ serial: '载〔2026〕0002' }))).toEqual({ series: '载体', year: 2026, seq: 2 });
    expect(TASKS_REGISTER.numberKey.counter(taskRecord({ serial: '督〔2026〕B-0009' }))).toEqual({ series: '督办@B', year: 2026, seq: 9 });
    const issued = (number: string) => meetingRecord({ meetingType: '常务会议', issued: { number, year: 2026, seq: 3 } } as never);
    expect(MEETINGS_REGISTER.numberKey.counter(issued('第B-3期'))).toEqual({ series: '纪要:常务会议@B', year: 2026, seq: 3 });
    expect(MEETINGS_REGISTER.numberKey.counter(issued('第3期'))).toEqual({ series: '纪要:常务会议', year: 2026, seq: 3 });
    // Two PCs' 第3期 are two numbers, not a collision.
    expect(MEETINGS_REGISTER.numberKey.of(issued('第B-3期'))).not.toBe(MEETINGS_REGISTER.numberKey.of(issued('第C-3期')));
    expect(MEETINGS_REGISTER.numberKey.of(issued('第3期'))).toBe('常务会议|2026|3');
  });

  test('lists sort by year and number, equal numbers of two PCs side by side by prefix', () => {
    const serials = ['载〔2026〕C-0002', '载〔2026〕0010', '载〔2026〕B-0002', '载〔2025〕B-0009', '载〔2026〕B-0001'];
    expect([...serials].sort((a, b) => (serialOrder(a) < serialOrder(b) ? -1 : 1))).toEqual(['载〔2025〕B-0009', '载〔2026〕B-0001', '载〔2026〕B-0002', '载〔2026〕C-0002', '载〔2026〕0010']);
    expect(serials.map((serial) => ({ serial })).sort(compareCarrierSerials).map((c) => c.serial)).toEqual(['载〔2025〕B-0009', '载〔2026〕B-0001', '载〔2026〕B-0002', '载〔2026〕C-0002', '载〔2026〕0010']);
    expect(serialOrder('载〔2026〕0010')).toBe('2026|0000000010');
  });

  test('a carrier’s label code carries the prefix and scans back to the 编号', () => {
    expect(carrierLabelCode('载〔2026〕B-0001')).toBe('ZT2026-B-0001');
    expect(carrierLabelCode('载〔2026〕0001')).toBe('ZT2026-0001');
    expect(serialFromScan('ZT2026-B-0001')).toBe('载〔2026〕B-0001');
    expect(serialFromScan('zt2026-b-0001')).toBe('载〔2026〕B-0001');
    expect(serialFromScan('载[2026]B-0001')).toBe('载〔2026〕B-0001');
    expect(serialFromScan('ZT2026-0001')).toBe('载〔2026〕0001');
    expect(serialFromScan('ZT20260001')).toBe('载〔2026〕0001');
  });
});
