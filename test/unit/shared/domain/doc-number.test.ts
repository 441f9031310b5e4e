import { describe, expect, it } from 'vitest';
import { formatDocNumber, normalizeDocNumber, parseDocNumber } from '../../../../shared/domain/doc-number';

describe('normalizeDocNumber: readable numbers become the standard form', () => {
  it.each([
    ['国办发〔2012〕10号', '国办发〔2012〕10号'],
    ['国办发[2012]10号', '国办发〔2012〕10号'],
    ['国办发(2012)10号', '国办发〔2012〕10号'],
    ['国办发（2012）10号', '国办发〔2012〕10号'],
    ['国办发【2012】10号', '国办发〔2012〕10号'],
    ['国办发［2012］10号', '国办发〔2012〕10号'],
    ['国办发〖2012〗10号', '国办发〔2012〕10号'],
    ['国办发(2012〕10号', '国办发〔2012〕10号'], // mismatched pair: still unambiguous
    ['  国办发〔2012〕10号  ', '国办发〔2012〕10号'],
    ['国办发 〔 2012 〕 10 号', '国办发〔2012〕10号'],
    ['国办发\u3000〔2012〕10号', '国办发〔2012〕10号'], // full-width space
    ['国办发〔2012〕010号', '国办发〔2012〕10号'], // no leading zeros
    ['国办发〔2012〕0010号', '国办发〔2012〕10号'],
    ['国办发〔2012〕第10号', '国办发〔2012〕10号'], // no 第
    ['国办发〔2012〕10', '国办发〔2012〕10号'], // 号 forgotten
    ['国办发〔２０１２〕１０号', '国办发〔2012〕10号'], // full-width digits from an IME
    ['京政办发〔2026〕3号', '京政办发〔2026〕3号'],
    ['中办发[2026]101号', '中办发〔2026〕101号'],
    ['XX市府办函(2025)1234号', 'XX市府办函〔2025〕1234号'],
  ])('%j → %j', (input, expected) => {
    const result = normalizeDocNumber(input);
    expect(result.normalized).toBe(expected);
    expect(result.parsed).not.toBeNull();
  });

  it('returns the parts', () => {
    expect(normalizeDocNumber('国办发[2012]010号')).toEqual({
      normalized: '国办发〔2012〕10号',
      parsed: { agencyCode: '国办发', year: 2012, seq: 10 },
    });
    expect(parseDocNumber('京政办发（2026）3号')).toEqual({ agencyCode: '京政办发', year: 2026, seq: 3 });
  });

  it('is idempotent', () => {
    const once = normalizeDocNumber('国办发 (2012) 第010号').normalized;
    expect(normalizeDocNumber(once).normalized).toBe(once);
  });
});

describe('normalizeDocNumber: anything else is kept as typed', () => {
  it.each([
    ['国务院令第708号'], // 令 numbers have no year
    ['〔2012〕10号'], // no 机关代字
    ['国办发〔12〕10号'], // two-digit year
    ['国办发〔20120〕10号'],
    ['国办发〔1850〕10号'], // not a plausible year
    ['国办发〔2012〕0号'], // no such number
    ['国办发〔2012〕000号'],
    ['国办发〔2012〕10号文'], // trailing text
    ['国办发〔2012〕10-1号'],
    ['国办发2012年10号'], // no brackets
    ['国办发〔2012〕十号'], // Chinese numerals are not guessed at
    ['国办发〔2012〕〔2013〕10号'],
    ['国办发〔2012〕1234567890号'], // implausibly long
    ['无文号'],
  ])('%j', (input) => {
    expect(normalizeDocNumber(input)).toEqual({ normalized: input, parsed: null });
  });

  it('trims but otherwise keeps the original, inner spaces and full-width digits included', () => {
    expect(normalizeDocNumber('  国务院令 第７０８号 ')).toEqual({ normalized: '国务院令 第７０８号', parsed: null });
    expect(normalizeDocNumber('')).toEqual({ normalized: '', parsed: null });
    expect(normalizeDocNumber('   ')).toEqual({ normalized: '', parsed: null });
  });
});

describe('formatDocNumber', () => {
  it('writes the standard form', () => {
    expect(formatDocNumber({ agencyCode: '国办发', year: 2012, seq: 10 })).toBe('国办发〔2012〕10号');
  });
});
