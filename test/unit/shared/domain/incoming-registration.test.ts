import { describe, expect, it } from 'vitest';
import {
  duplicateKeyOf,
  normalizeRegistration,
  registrationSchema,
  type RegistrationInput,
} from '../../../../shared/domain/incoming';
import type { Registration } from '../../../../shared/domain/incoming-types';

// 收文登记 validation and normalisation (DOMAIN.md §1–§3, issue 3 "Register").

function input(over: Partial<Record<keyof Registration, unknown>> = {}): RegistrationInput {
  return {
    receivedDate: '2025-01-27',
    fromUnit: '市财政局',
    docNumber: '市财发〔2025〕3号',
    title: '关于做好2025年预算执行工作的通知',
    docType: '通知',
    classification: '非密',
    copies: 1,
    pages: 4,
    urgency: '普通',
    signedBy: '王秘书',
    handling: '办件',
    ...over,
  } as RegistrationInput;
}

/** field → messages, the way the form puts them beside the boxes. */
function problems(value: unknown): Record<string, string[]> {
  const r = registrationSchema.safeParse(value);
  if (r.success) return {};
  const out: Record<string, string[]> = {};
  for (const issue of r.error.issues) {
    const key = String(issue.path[0] ?? '');
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

function parsed(value: unknown): Registration {
  const r = registrationSchema.safeParse(value);
  if (!r.success) throw new Error(JSON.stringify(r.error.issues));
  return r.data;
}

describe('registrationSchema', () => {
  it('accepts a complete registration and trims its text', () => {
    const r = parsed(input({ fromUnit: '  市财政局 ', title: ' 关于…的通知\n', signedBy: ' 王秘书 ' }));
    expect(r.fromUnit).toBe('市财政局');
    expect(r.title).toBe('关于…的通知');
    expect(r.signedBy).toBe('王秘书');
  });

  it('defaults 份数 to 1 and 来文字号 to an empty string', () => {
    const { copies: _c, docNumber: _d, ...rest } = input();
    const r = parsed(rest);
    expect(r.copies).toBe(1);
    expect(r.docNumber).toBe('');
  });

  it('keeps an empty 来文字号 (letters without a number) but refuses a non-string one', () => {
    expect(parsed(input({ docNumber: '' })).docNumber).toBe('');
    expect(problems(input({ docNumber: 12 }))).toEqual({ docNumber: ['来文字号应为文字'] });
    expect(problems(input({ docNumber: 'x'.repeat(51) }))).toEqual({ docNumber: ['来文字号不能超过 50 个字'] });
  });

  describe('收文日期', () => {
    it.each([
      [undefined, '请输入收文日期'],
      ['', '请输入收文日期'],
      ['  ', '请输入收文日期'],
      ['2025-02-30', '请输入有效的收文日期，格式如 2026-07-01'],
      ['2025/01/27', '请输入有效的收文日期，格式如 2026-07-01'],
      ['20250127', '请输入有效的收文日期，格式如 2026-07-01'],
    ])('%j → %s', (value, message) => {
      expect(problems(input({ receivedDate: value }))).toEqual({ receivedDate: [message] });
    });

    it('accepts 29 February of a leap year', () => {
      expect(parsed(input({ receivedDate: '2024-02-29' })).receivedDate).toBe('2024-02-29');
    });
  });

  describe('来文单位 and 标题', () => {
    it.each([
      ['fromUnit', undefined, '请填写来文单位'],
      ['fromUnit', '', '请填写来文单位'],
      ['fromUnit', ' \t ', '请填写来文单位'],
      ['fromUnit', '单'.repeat(101), '来文单位不能超过 100 个字'],
      ['title', undefined, '请填写标题'],
      ['title', '   ', '请填写标题'],
      ['title', '题'.repeat(201), '标题不能超过 200 个字'],
    ] as const)('%s = %j → %s', (field, value, message) => {
      expect(problems(input({ [field]: value }))).toEqual({ [field]: [message] });
    });

    it('allows exactly 100 / 200 characters, counting a 扩展B character once', () => {
      expect(parsed(input({ fromUnit: '单'.repeat(100) })).fromUnit).toHaveLength(100);
      expect(parsed(input({ title: '题'.repeat(200) })).title).toHaveLength(200);
      // '𠀀' is two UTF-16 units: 100 of them are still 100 characters.
      expect(parsed(input({ fromUnit: '𠀀'.repeat(100) })).fromUnit).toHaveLength(200);
      expect(problems(input({ fromUnit: '𠀀'.repeat(101) }))).toEqual({ fromUnit: ['来文单位不能超过 100 个字'] });
    });
  });

  it.each([
    ['docType', '请示函', '请选择文种'],
    ['docType', undefined, '请选择文种'],
    ['classification', '特密', '请选择密级'],
    ['urgency', '特提', '请选择紧急程度'],
    ['handling', '传阅件', '请选择办件或阅件'],
    ['signedBy', '', '请填写签收人'],
    ['signedBy', '   ', '请填写签收人'],
    ['signedBy', '签'.repeat(21), '签收人不能超过 20 个字'],
  ] as const)('enum and 签收人: %s = %j → %s', (field, value, message) => {
    expect(problems(input({ [field]: value }))).toEqual({ [field]: [message] });
  });

  it('accepts every 文种, 密级 (with 份号 where needed), 紧急程度 and handling kind', () => {
    for (const docType of ['决议', '命令', '函', '纪要', '其他']) expect(parsed(input({ docType })).docType).toBe(docType);
    for (const urgency of ['普通', '加急', '特急']) expect(parsed(input({ urgency })).urgency).toBe(urgency);
    for (const handling of ['办件', '阅件']) expect(parsed(input({ handling })).handling).toBe(handling);
    for (const classification of ['非密', '内部', '秘密', '机密', '绝密']) {
      expect(parsed(input({ classification, copyNumber: '1' })).classification).toBe(classification);
    }
  });

  describe('份数 and 页数', () => {
    it.each([
      ['copies', 0, '份数至少为 1'],
      ['copies', -2, '份数至少为 1'],
      ['copies', 1.5, '份数应为整数'],
      ['copies', Number.NaN, '请输入份数'],
      ['copies', '2', '请输入份数'],
      ['pages', -1, '页数不能为负数'],
      ['pages', 2.5, '页数应为整数'],
      ['pages', undefined, '请输入页数'],
      ['pages', Number.NaN, '请输入页数'],
    ] as const)('%s = %j → %s', (field, value, message) => {
      expect(problems(input({ [field]: value }))).toEqual({ [field]: [message] });
    });

    it('accepts 0 pages (a carrier without paper) and many copies', () => {
      const r = parsed(input({ pages: 0, copies: 30 }));
      expect([r.pages, r.copies]).toEqual([0, 30]);
    });
  });

  describe('成文日期', () => {
    it('is optional', () => {
      expect(parsed(input()).writtenDate).toBeUndefined();
    });

    it('may be the 收文日期 or earlier', () => {
      expect(parsed(input({ writtenDate: '2025-01-27' })).writtenDate).toBe('2025-01-27');
      expect(parsed(input({ writtenDate: '2024-12-31' })).writtenDate).toBe('2024-12-31');
    });

    it('may not be after the 收文日期', () => {
      expect(problems(input({ writtenDate: '2025-01-28' }))).toEqual({ writtenDate: ['成文日期不能晚于收文日期'] });
    });

    it('must be a real date', () => {
      expect(problems(input({ writtenDate: '2025-13-01' }))).toEqual({
        writtenDate: ['请输入有效的成文日期，格式如 2026-07-01'],
      });
    });

    it('is not compared when the 收文日期 itself is broken (only the real problem is reported)', () => {
      expect(problems(input({ receivedDate: '2025-02-30', writtenDate: '2025-03-01' }))).toEqual({
        receivedDate: ['请输入有效的收文日期，格式如 2026-07-01'],
      });
    });
  });

  describe('份号', () => {
    it.each(['秘密', '机密', '绝密'])('is required for %s', (classification) => {
      expect(problems(input({ classification }))).toEqual({ copyNumber: ['秘密及以上密级必须填写份号'] });
      expect(problems(input({ classification, copyNumber: '' }))).toEqual({ copyNumber: ['秘密及以上密级必须填写份号'] });
      expect(problems(input({ classification, copyNumber: '   ' }))).toEqual({ copyNumber: ['秘密及以上密级必须填写份号'] });
    });

    it.each(['非密', '内部'])('is optional for %s', (classification) => {
      expect(parsed(input({ classification })).copyNumber).toBeUndefined();
      expect(parsed(input({ classification, copyNumber: '' })).copyNumber).toBeUndefined();
    });

    it.each([
      ['1', '000001'],
      ['12', '000012'],
      ['000012', '000012'],
      ['999999', '999999'],
      [' 42 ', '000042'],
      ['１２', '000012'], // full-width digits from a Chinese IME
    ])('%j is padded to %s', (raw, padded) => {
      expect(parsed(input({ classification: '机密', copyNumber: raw })).copyNumber).toBe(padded);
    });

    it.each(['1234567', 'A12', '12-3', '1.5', '-1'])('%j is not 1–6 digits', (raw) => {
      expect(problems(input({ classification: '机密', copyNumber: raw }))).toEqual({ copyNumber: ['份号应为 1–6 位数字'] });
    });

    it('cannot be 0', () => {
      expect(problems(input({ classification: '秘密', copyNumber: '000' }))).toEqual({
        copyNumber: ['份号从 000001 起编，不能为 0'],
      });
    });

    it('keeps a 份号 given for 内部 (padded)', () => {
      expect(parsed(input({ classification: '内部', copyNumber: '7' })).copyNumber).toBe('000007');
    });

    it('must be a string', () => {
      expect(problems(input({ classification: '秘密', copyNumber: 12 }))).toEqual({ copyNumber: ['份号应为 1–6 位数字'] });
    });
  });

  describe('保密期限', () => {
    it('is accepted for 秘密 and above, in each of its forms', () => {
      for (const secrecyTerm of [
        { kind: 'years', years: 5 },
        { kind: 'long' },
        { kind: 'date', date: '2031-06-30' },
        { kind: 'condition', condition: '项目完成后' },
      ]) {
        expect(parsed(input({ classification: '机密', copyNumber: '1', secrecyTerm })).secrecyTerm).toEqual(secrecyTerm);
      }
    });

    it.each(['非密', '内部'])('is refused for %s (not a state secret)', (classification) => {
      expect(problems(input({ classification, secrecyTerm: { kind: 'years', years: 10 } }))).toEqual({
        secrecyTerm: ['只有秘密及以上密级才有保密期限'],
      });
    });

    it('is checked with the shared 保密期限 rules', () => {
      expect(problems(input({ classification: '秘密', copyNumber: '1', secrecyTerm: { kind: 'years', years: 0 } }))).toEqual({
        secrecyTerm: ['至少 1 年'],
      });
    });
  });

  it('reports every broken field at once, each under its own name', () => {
    const p = problems(input({ title: '', classification: '绝密', writtenDate: '2025-02-01', copies: 0 }));
    expect(p).toEqual({
      title: ['请填写标题'],
      copies: ['份数至少为 1'],
      copyNumber: ['秘密及以上密级必须填写份号'],
      writtenDate: ['成文日期不能晚于收文日期'],
    });
  });

  it('accepts and trims the optional 附件 and 摘要', () => {
    const r = parsed(input({ attachments: ' 附件1：预算表 ', summary: ' 要点 ' }));
    expect([r.attachments, r.summary]).toEqual(['附件1：预算表', '要点']);
    expect(problems(input({ attachments: '附'.repeat(501) }))).toEqual({ attachments: ['附件不能超过 500 个字'] });
  });
});

function registration(over: Partial<Registration> = {}): Registration {
  return { ...(input() as Registration), ...over };
}

describe('normalizeRegistration', () => {
  it.each([
    ['国办发[2012]010号', '国办发〔2012〕10号'],
    ['国办发(2012)10号', '国办发〔2012〕10号'],
    ['国办发（2012）10号', '国办发〔2012〕10号'],
    ['国办发【2012】第10号', '国办发〔2012〕10号'],
    [' 市财发 〔2025〕 3 ', '市财发〔2025〕3号'],
    ['  内部明电  ', '内部明电'], // unparseable: kept as typed (trimmed), never rejected
    ['', ''],
  ])('来文字号 %j → %j', (raw, normalised) => {
    expect(normalizeRegistration(registration({ docNumber: raw })).docNumber).toBe(normalised);
  });

  it('trims the text fields and drops emptied optional ones', () => {
    const r = normalizeRegistration(
      registration({ fromUnit: ' 市财政局 ', title: ' 标题 ', signedBy: ' 王秘书 ', attachments: '  ', summary: '', writtenDate: '' }),
    );
    expect([r.fromUnit, r.title, r.signedBy]).toEqual(['市财政局', '标题', '王秘书']);
    expect(r).not.toHaveProperty('attachments');
    expect(r).not.toHaveProperty('summary');
    expect(r).not.toHaveProperty('writtenDate');
  });

  it.each([
    ['秘密', 10],
    ['机密', 20],
    ['绝密', 30],
  ] as const)('fills the statutory 保密期限 for %s when none is given: %i 年', (classification, years) => {
    const r = normalizeRegistration(registration({ classification, copyNumber: '1' }));
    expect(r.secrecyTerm).toEqual({ kind: 'years', years });
  });

  it('keeps a 保密期限 that was given', () => {
    const r = normalizeRegistration(registration({ classification: '机密', copyNumber: '1', secrecyTerm: { kind: 'long' } }));
    expect(r.secrecyTerm).toEqual({ kind: 'long' });
  });

  it.each(['非密', '内部'] as const)('drops a leftover 保密期限 for %s but keeps its 份号', (classification) => {
    const r = normalizeRegistration(
      registration({ classification, secrecyTerm: { kind: 'years', years: 10 }, copyNumber: '3' }),
    );
    expect(r).not.toHaveProperty('secrecyTerm');
    expect(r.copyNumber).toBe('000003');
  });

  it('pads 份号 to 6 digits and drops an empty one', () => {
    expect(normalizeRegistration(registration({ classification: '秘密', copyNumber: '１２' })).copyNumber).toBe('000012');
    expect(normalizeRegistration(registration({ copyNumber: ' ' }))).not.toHaveProperty('copyNumber');
  });

  it('does not change its input and is idempotent', () => {
    const before = registration({ docNumber: '国办发[2012]10号', classification: '秘密', copyNumber: '5', fromUnit: ' x ' });
    const copy = structuredClone(before);
    const once = normalizeRegistration(Object.freeze(before));
    expect(before).toEqual(copy);
    expect(normalizeRegistration(once)).toEqual(once);
  });

  it('accepts the partial registration the duplicate check passes', () => {
    const r = normalizeRegistration({ fromUnit: ' 市财政局 ', docNumber: '市财发[2025]3号' } as Registration);
    expect(duplicateKeyOf(r.fromUnit, r.docNumber)).toBe('市财政局|市财发〔2025〕3号');
  });

  it('after the schema, gives what is stored', () => {
    const r = normalizeRegistration(parsed(input({ docNumber: '市财发（2025）03号', classification: '绝密', copyNumber: '9' })));
    expect(r).toMatchObject({ docNumber: '市财发〔2025〕3号', copyNumber: '000009', secrecyTerm: { kind: 'years', years: 30 } });
  });
});

describe('duplicateKeyOf', () => {
  it('joins the trimmed 来文单位 and 来文字号', () => {
    expect(duplicateKeyOf(' 市财政局 ', '市财发〔2025〕3号')).toBe('市财政局|市财发〔2025〕3号');
  });

  it('is empty without a 来文字号, so unnumbered letters never collide', () => {
    expect(duplicateKeyOf('市财政局', '')).toBe('');
    expect(duplicateKeyOf('市财政局', '  ')).toBe('');
  });

  it('meets for the same document typed with different brackets once normalised', () => {
    const a = normalizeRegistration(registration({ docNumber: '市财发[2025]3号' }));
    const b = normalizeRegistration(registration({ docNumber: '市财发（2025）3号', fromUnit: '市财政局 ' }));
    expect(duplicateKeyOf(a.fromUnit, a.docNumber)).toBe(duplicateKeyOf(b.fromUnit, b.docNumber));
  });
});
