import { describe, expect, it } from 'vitest';
import { CARRIER_PATTERN, carrierLabelCode, serialFromScan } from '../../../../shared/domain/carrier-label';
import { formatSerial } from '../../../../shared/domain/numbering';

// The carrier's QR label code and reading it back in a 清点 (issue 4): a USB scanner types ASCII
// and Enter, a person may type the code or the Chinese 编号 by hand, in any case and width.

describe('carrierLabelCode', () => {
  it('turns a carrier 编号 into the ASCII code on its label', () => {
    expect(CARRIER_PATTERN).toBe('载〔YYYY〕NNNN');
    expect(carrierLabelCode('载〔2026〕0001')).toBe('ZT2026-0001');
    expect(carrierLabelCode('载〔2025〕0420')).toBe('ZT2025-0420');
    expect(carrierLabelCode('载〔2026〕9999')).toBe('ZT2026-9999');
  });

  it('keeps every digit of a serial past 9999', () => {
    expect(carrierLabelCode('载〔2026〕10000')).toBe('ZT2026-10000');
    expect(carrierLabelCode('载〔2026〕123456')).toBe('ZT2026-123456');
  });

  it.each(['', '收〔2026〕0001', 'ZT2026-0001', '载[2026]0001', '载〔26〕0001', '载〔2026〕', ' 载〔2026〕0001', '载〔2026〕0001 ', '载〔2026〕00a1'])(
    'gives null for %j, which is not a carrier 编号 as stored',
    (s) => {
      expect(carrierLabelCode(s)).toBeNull();
    },
  );
});

describe('serialFromScan', () => {
  it.each([
    ['ZT2026-0001', '载〔2026〕0001'],
    ['zt2026-0001', '载〔2026〕0001'],
    ['Zt2026-0001', '载〔2026〕0001'],
    ['zt20260001', '载〔2026〕0001'],
    ['ZT20260001', '载〔2026〕0001'],
    ['ZT2026-0042', '载〔2026〕0042'],
    ['ZT2026-42', '载〔2026〕0042'],
    ['ZT2025-0007', '载〔2025〕0007'],
  ])('reads the label code %j (any case, hyphen optional) as %j', (raw, serial) => {
    expect(serialFromScan(raw)).toBe(serial);
  });

  it('reads a full-width code, as typed with a Chinese IME in full-width mode', () => {
    expect(serialFromScan('ＺＴ２０２６－０００１')).toBe('载〔2026〕0001');
    expect(serialFromScan('ｚｔ２０２６－００１２')).toBe('载〔2026〕0012');
    expect(serialFromScan('ＺＴ２０２６００３４')).toBe('载〔2026〕0034');
  });

  it('ignores stray spaces, tabs and the Enter the scanner sends', () => {
    expect(serialFromScan(' ZT2026-0001 ')).toBe('载〔2026〕0001');
    expect(serialFromScan('ZT2026-0001\r\n')).toBe('载〔2026〕0001');
    expect(serialFromScan('ZT 2026 - 0001')).toBe('载〔2026〕0001');
    expect(serialFromScan('\tzt2026-0003\n')).toBe('载〔2026〕0003');
    expect(serialFromScan('ZT2026\u3000-0005')).toBe('载〔2026〕0005'); // ideographic space
  });

  it('reads the Chinese 编号 itself, typed or pasted', () => {
    expect(serialFromScan('载〔2026〕0001')).toBe('载〔2026〕0001');
    expect(serialFromScan(' 载〔2026〕 0001 ')).toBe('载〔2026〕0001');
    expect(serialFromScan('载〔２０２６〕０００９')).toBe('载〔2026〕0009');
  });

  it.each([
    ['载[2026]0001', '载〔2026〕0001'],
    ['载（2026）0001', '载〔2026〕0001'],
    ['载(2026)0001', '载〔2026〕0001'],
    ['载【2026】0001', '载〔2026〕0001'],
    ['载（2026〕0001', '载〔2026〕0001'],
  ])('reads the bracket variant %j', (raw, serial) => {
    expect(serialFromScan(raw)).toBe(serial);
  });

  it('pads a short serial in the Chinese form to the canonical 4 digits', () => {
    expect(serialFromScan('载〔2026〕1')).toBe('载〔2026〕0001');
    expect(serialFromScan('载〔2026〕00001')).toBe('载〔2026〕0001');
  });

  it('reads serials of 10000 and above, code and 编号 alike', () => {
    expect(serialFromScan('ZT2026-10000')).toBe('载〔2026〕10000');
    expect(serialFromScan('zt202610000')).toBe('载〔2026〕10000');
    expect(serialFromScan('ZT2026-123456')).toBe('载〔2026〕123456');
    expect(serialFromScan('载〔2026〕10000')).toBe('载〔2026〕10000');
    expect(serialFromScan('载[2026]54321')).toBe('载〔2026〕54321');
  });

  it.each([
    '',
    '   ',
    'hello',
    'ZT',
    'ZT2026',
    'ZT2026-',
    'ZT26-0001',
    'ZT2026--0001',
    'ZT2026-00A1',
    'ZX2026-0001',
    'TZ2026-0001',
    'XZT2026-0001',
    'ZT2026-0001X',
    '2026-0001',
    '收〔2026〕0001',
    '载〔2026〕',
    '载〔26〕0001',
    '载2026-0001',
    '〔2026〕0001',
    'ZT２０２６／０００１',
    'http://example.invalid/ZT2026-0001',
  ])('rejects %j', (raw) => {
    expect(serialFromScan(raw)).toBeNull();
  });

  // A mis-scan (zero serial, impossible year, a number past MAX_SAFE_INTEGER) reads as "not a
  // carrier" (null), never as an exception in the 清点 box.
  it.each(['ZT2026-0000', 'zt20260000', '载〔2026〕0000', 'ZT0999-0001', 'ZT2026-99999999999999999999'])(
    'rejects %j without throwing',
    (raw) => {
      expect(serialFromScan(raw)).toBeNull();
    },
  );

  it('round-trips every carrier 编号 through its label code, in each form a scanner or person may send', () => {
    const years = [2000, 2025, 2026, 2099];
    const numbers = [1, 2, 9, 10, 99, 100, 999, 1000, 1234, 9998, 9999, 10000, 10001, 65535, 99999, 100000, 999999, 1234567];
    let checked = 0;
    for (const year of years) {
      for (const n of numbers) {
        const serial = formatSerial(CARRIER_PATTERN, year, n);
        const code = carrierLabelCode(serial);
        expect(code).toBe(`ZT${year}-${String(n).padStart(4, '0')}`);
        expect(serialFromScan(code!)).toBe(serial);
        expect(serialFromScan(code!.toLowerCase())).toBe(serial);
        expect(serialFromScan(code!.replace('-', ''))).toBe(serial);
        expect(serialFromScan(serial)).toBe(serial);
        checked++;
      }
    }
    for (let n = 1; n <= 12_000; n += 7) {
      const serial = formatSerial(CARRIER_PATTERN, 2026, n);
      expect(serialFromScan(carrierLabelCode(serial)!)).toBe(serial);
      checked++;
    }
    expect(checked).toBe(years.length * numbers.length + 1715);
  });
});
