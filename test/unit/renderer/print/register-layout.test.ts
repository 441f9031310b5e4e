import { describe, expect, test } from 'vitest';
import { DEFAULT_REGISTER_COLUMNS, REGISTER_COLUMN_KEYS, type RegisterColumnKey, type RegisterLine } from '@shared/domain/incoming-register';
import { TEXT_BLOCK_MM } from '../../../../renderer/print/print-styles';
import { REGISTER_COLUMNS_MM, registerFitProblem, registerLayout, registerMinimumWidths, textWidthEm } from '../../../../renderer/print/register-layout';

// The 收文登记簿's column widths: every column at least its longest content at the sheet's font
// size, the free-text columns sharing the rest, the sum exactly the 267 mm landscape text block.

function line(over: Partial<RegisterLine> = {}): RegisterLine {
  return {
    serial: '收〔2026〕0001',
    receivedDate: '2026-11-23',
    fromUnit: '县财政局',
    docNumber: '县财发〔2026〕12号',
    title: '关于做好年终财务决算工作的通知',
    classification: '机密',
    secrecyTerm: { kind: 'years', years: 20 },
    urgency: '特急',
    state: '已办结',
    dueDate: '2026-11-30',
    hostDeptName: '办公室',
    docType: '通知',
    copyNumber: '000012',
    copies: 999,
    pages: 9999,
    writtenDate: '2026-11-20',
    signedBy: '张秘书',
    handling: '办件',
    closedDate: '2026-11-28',
    masked: false,
    ...over,
  };
}

const sum = (ns: readonly number[]) => ns.reduce((a, b) => a + b, 0);
const ALL: RegisterColumnKey[] = [...REGISTER_COLUMN_KEYS];

describe('textWidthEm', () => {
  test('CJK and full-width brackets are 1 em, digits a little over half', () => {
    expect(textWidthEm('收文')).toBe(2);
    expect(textWidthEm('〔〕★')).toBe(3);
    expect(textWidthEm('2026')).toBeCloseTo(2.28);
    // 收〔2026〕0001 measures 7.37 em in the bundled Noto Serif SC: the model errs wide.
    expect(textWidthEm('收〔2026〕0001')).toBeGreaterThanOrEqual(7.37);
    // 2026-11-23 measures 4.98 em.
    expect(textWidthEm('2026-11-23')).toBeGreaterThanOrEqual(4.98);
  });
});

describe('registerLayout', () => {
  test('the default set prints at 五号 (10.5pt) and fills the 267 mm text block exactly', () => {
    const layout = registerLayout(DEFAULT_REGISTER_COLUMNS, [line()]);
    expect(TEXT_BLOCK_MM.landscape.width).toBe(267);
    // The columns share 267 mm less the table's own 1px left rule.
    expect(REGISTER_COLUMNS_MM).toBeCloseTo(266.7, 6);
    if (!layout.fits) throw new Error('default set must fit');
    expect(layout.fontPt).toBe(10.5);
    expect(layout.columns.map((c) => c.key)).toEqual(DEFAULT_REGISTER_COLUMNS);
    expect(sum(layout.columns.map((c) => c.mm))).toBeCloseTo(REGISTER_COLUMNS_MM, 6);
    // 标题 takes the largest share of what is left.
    const widest = [...layout.columns].sort((a, b) => b.mm - a.mm)[0]!;
    expect(widest.key).toBe('title');
  });

  test('every column is at least its minimum; no-wrap columns get exactly it, free text shares the rest', () => {
    const layout = registerLayout(DEFAULT_REGISTER_COLUMNS, [line()]);
    if (!layout.fits) throw new Error('default set must fit');
    const mins = registerMinimumWidths(DEFAULT_REGISTER_COLUMNS, [line()], layout.fontPt);
    layout.columns.forEach((c, i) => {
      expect(c.mm).toBeGreaterThanOrEqual(mins[i]! - 0.011);
      if (!c.wrap && i < layout.columns.length - 1) expect(c.mm).toBeCloseTo(mins[i]!, 1);
    });
  });

  test('the 收文编号 column is as wide as the longest number printed (never wraps), at any pattern', () => {
    const short = registerLayout(['serial', 'title'], [line()]);
    const long = registerLayout(['serial', 'title'], [line(), line({ serial: '某某县人民政府办公室收文〔2026〕000123' })]);
    if (!short.fits || !long.fits) throw new Error('must fit');
    const emMm = (10.5 * 25.4) / 72;
    expect(short.columns[0]!.mm).toBeGreaterThanOrEqual(textWidthEm('收〔2026〕0001') * emMm);
    expect(long.columns[0]!.mm).toBeGreaterThanOrEqual(textWidthEm('某某县人民政府办公室收文〔2026〕000123') * emMm);
    expect(long.columns[0]!.mm).toBeGreaterThan(short.columns[0]!.mm + 40);
  });

  test('every column chosen steps down to 小五 (9pt) and still fills 267 mm exactly', () => {
    const lines = [line(), line({ fromUnit: '某'.repeat(100), title: '标'.repeat(200), signedBy: '签'.repeat(20), hostDeptName: '承'.repeat(40) })];
        const layout = registerLayout(ALL, lines);
    if (!layout.fits) throw new Error('every column must fit at 9pt');
    expect(layout.fontPt).toBe(9);
    expect(sum(layout.columns.map((c) => c.mm))).toBeCloseTo(REGISTER_COLUMNS_MM, 6);
    // At 10.5pt the same set would need more than the block.
    expect(sum(registerMinimumWidths(ALL, lines, 10.5))).toBeGreaterThan(REGISTER_COLUMNS_MM);
  });

  test('a set that is too wide even at 9pt does not fit, and the chooser says by how much', () => {
    const huge = line({ serial: `收${'〔2026〕'.repeat(10)}000001` });
    const layout = registerLayout(ALL, [huge]);
    expect(layout.fits).toBe(false);
    if (layout.fits) return;
    expect(layout.needMm).toBeGreaterThan(REGISTER_COLUMNS_MM);
    expect(layout.availableMm).toBe(REGISTER_COLUMNS_MM);
    expect(registerFitProblem(layout)).toMatch(/放不下：即使用小五号字也宽出约 \d+ 毫米/);
    expect(registerFitProblem(registerLayout(DEFAULT_REGISTER_COLUMNS, [line()]))).toBeNull();
  });

  test('a narrower block (e.g. portrait) fits fewer columns', () => {
    expect(registerLayout(ALL, [line()], 156).fits).toBe(false);
    const few = registerLayout(['index', 'serial', 'title'], [line()], 156);
    expect(few.fits && sum(few.columns.map((c) => c.mm))).toBeCloseTo(156, 6);
  });

  test('masked rows count with what they print (【涉密】, blanks), not with their hidden text', () => {
    const secret = line({ masked: true, title: '标'.repeat(200), serial: '收〔2026〕0002' });
    const a = registerLayout(['serial', 'title', 'classification'], [secret]);
    const b = registerLayout(['serial', 'title', 'classification'], [line({ masked: true, serial: '收〔2026〕0002' })]);
    expect(a).toEqual(b);
  });

  test('only no-wrap columns chosen: they share the rest in proportion and still add up to 267 mm', () => {
    const layout = registerLayout(['serial', 'receivedDate'], [line()]);
    if (!layout.fits) throw new Error('must fit');
    expect(sum(layout.columns.map((c) => c.mm))).toBeCloseTo(REGISTER_COLUMNS_MM, 6);
  });
});

describe('sharing the rest among the free-text columns', () => {
  test('the longer a column\'s text, the wider it is: rows need the fewest lines, no one column makes them tall', () => {
    const long = line({ title: '标'.repeat(200), fromUnit: '来'.repeat(100), docNumber: '字'.repeat(50), hostDeptName: '承'.repeat(40), signedBy: '签'.repeat(20) });
    const layout = registerLayout(DEFAULT_REGISTER_COLUMNS, [long]);
    if (!layout.fits) throw new Error('must fit');
    const mm = Object.fromEntries(layout.columns.map((c) => [c.key, c.mm]));
    expect(mm.title!).toBeGreaterThan(mm.fromUnit!);
    expect(mm.fromUnit!).toBeGreaterThan(mm.docNumber!);
    expect(mm.docNumber!).toBeGreaterThan(mm.signedBy!);
    // Lines of each free-text column at its width: the tallest cell is 标题's or 来文单位's, alike.
    const emMm = (10.5 * 25.4) / 72;
    const linesOf = (chars: number, w: number) => Math.ceil(chars / Math.floor((w - 1.87) / emMm));
    const counts = [linesOf(200, mm.title!), linesOf(100, mm.fromUnit!), linesOf(50, mm.docNumber!), linesOf(40, mm.hostDept!)];
    expect(Math.max(...counts) - Math.min(...counts.slice(0, 2))).toBeLessThanOrEqual(2);
  });

  test('short texts each get one line, and what is left goes mostly to 标题', () => {
    const layout = registerLayout(['serial', 'fromUnit', 'docNumber', 'title', 'hostDept'], [line()]);
    if (!layout.fits) throw new Error('must fit');
    const col = (k: RegisterColumnKey) => layout.columns.find((c) => c.key === k)!.mm;
    const emMm = (10.5 * 25.4) / 72;
    expect(col('fromUnit')).toBeGreaterThanOrEqual(textWidthEm('县财政局') * emMm);
    expect(col('docNumber')).toBeGreaterThanOrEqual(textWidthEm('县财发〔2026〕12号') * emMm);
    expect(col('hostDept')).toBeGreaterThanOrEqual(textWidthEm('办公室') * emMm);
    expect(col('title') - textWidthEm('关于做好年终财务决算工作的通知') * emMm).toBeGreaterThan(col('fromUnit') - textWidthEm('县财政局') * emMm);
    // When space is short, the cheapest columns get one line first: 来文单位 before 标题.
    const tight = registerLayout(DEFAULT_REGISTER_COLUMNS, [line()]);
    if (!tight.fits) throw new Error('must fit');
    expect(tight.columns.find((c) => c.key === 'fromUnit')!.mm).toBeGreaterThanOrEqual(textWidthEm('县财政局') * emMm);
  });
});
