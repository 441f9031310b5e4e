import { describe, expect, it } from 'vitest';
import { copyNumbersText, receiptRows } from '../../../../renderer/print/DistributionReceipt';
import { OUTGOING_REGISTER_COLUMNS, outgoingCellText, unitListText, type OutgoingRegisterLine } from '../../../../renderer/print/outgoing-register-columns';
import { SLIP_BUDGET_MM, SLIP_STEPS, estimateSlip, slipContent, slipLayout, slipTitleType, textLinesIn } from '../../../../renderer/print/outgoing-slip-layout';
import { TEXT_BLOCK_MM } from '../../../../renderer/print/page-geometry';
import { blankOutgoing, distributedOutgoing, fullOutgoing, longestOutgoing, OUTGOING_UNIT } from '../../../print-proofs/outgoing';

// The pure parts of the 发文 prints: the 发文稿纸's type steps, the 分发签收单's rows and 份号, the
// 发文登记簿's columns and cells. The printed geometry is measured in test/e2e/print-outgoing.e2e.ts.

/** An everyday 发文: short texts, nothing long. */
function everyday() {
  const r = fullOutgoing();
  return {
    ...r,
    title: '关于做好2027年元旦春节期间安全生产工作的通知',
    mainTo: ['各乡镇人民政府', '县政府各部门'],
    copyTo: ['县委办公室'],
    draftingUnit: { id: 'd1', name: '县应急管理局' },
    drafter: { userId: 'u1', name: '张三' },
    countersignUnits: [],
    countersigns: [],
    attachments: '',
    signoff: { ...r.signoff!, text: '同意。', signer: '李县长' },
    review: { ...r.review!, text: '文种、格式无误。', reviewer: { userId: 'u2', name: '王主任' } },
  };
}

describe('发文稿纸 layout', () => {
  it('prints an everyday 发文 in 四号 (14 pt) and the one-page proof in 小五; the longest values do not fit one page', () => {
    expect(slipLayout(slipContent(everyday(), '某某县人民政府办公室'))).toMatchObject({ fits: true, titlePt: 22, step: { pt: 14 } });
    const full = slipLayout(slipContent(fullOutgoing(), OUTGOING_UNIT));
    expect(full).toMatchObject({ fits: true, titlePt: 18, step: { pt: 9 } });
    expect(full.heightMm).toBeLessThanOrEqual(SLIP_BUDGET_MM);
    expect(slipLayout(slipContent(blankOutgoing(), OUTGOING_UNIT)).fits).toBe(true);
    const longest = slipLayout(slipContent(longestOutgoing(), OUTGOING_UNIT));
    expect(longest).toMatchObject({ fits: false, step: { pt: 9 } });
    expect(longest.heightMm).toBeGreaterThan(SLIP_BUDGET_MM);
  });

  it('takes the largest step that fits: each smaller step estimates a shorter slip', () => {
    const c = slipContent(fullOutgoing(), OUTGOING_UNIT);
    const heights = SLIP_STEPS.map((s) => estimateSlip(c, s).heightMm);
    expect(heights).toEqual([...heights].sort((a, b) => b - a));
    // A 发文 between the two: the first step under the budget.
    const middle = slipContent({ ...everyday(), title: fullOutgoing().title, mainTo: fullOutgoing().mainTo.slice(0, 6) }, '某某县人民政府办公室');
    const layout = slipLayout(middle);
    const first = SLIP_STEPS.find((s) => estimateSlip(middle, s).heightMm <= SLIP_BUDGET_MM)!;
    expect(layout.step).toBe(first);
    expect(first.pt).toBeLessThan(14);
  });

  it('fills in the recorded 意见 with their signers, and leaves lines to sign by hand where none is recorded', () => {
    const c = slipContent(fullOutgoing(), '某单位');
    expect(c.title).toBe('某单位发文稿纸');
    expect(c.signoff.sign).toMatch(/^签发人：.+\u30002026年11月23日$/);
    expect(c.review.sign).toMatch(/^核稿人：.+\u30002026年11月20日$/);
    expect(c.countersigns).toHaveLength(3);
    expect(c.countersigns.every((u) => u.recorded && u.sign.endsWith('2026年11月21日'))).toBe(true);
    expect(c.classification).toBe('机密★20年');
    expect(c.copies).toBe('999份');
    expect(c.copyNumbers).toBe('000001—000999');
    expect(c.docNumber).toBe('县政办发〔2026〕9999号');

    const blank = slipContent(blankOutgoing(), '某单位');
    expect(blank.signoff).toEqual({ text: '', sign: '签发人：\u3000\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日' });
    expect(blank.countersigns.map((u) => u.recorded)).toEqual([false, false, false]);
    expect(blank.docNumber).toBe('');
    expect(blank.copyNumbers).toBe('');
    // 非密: the 密级 row says so in words.
    expect(slipContent({ ...everyday(), classification: '非密', secrecyTerm: undefined }, 'x').classification).toBe('非密');
  });

  it('counts lines as a CJK line wraps, and puts a long unit name into a 小二 title on two lines', () => {
    const perLine = Math.floor(100 / (10 * (25.4 / 72)));
    expect(textLinesIn('字'.repeat(perLine), 100, 10)).toBe(1);
    expect(textLinesIn('字'.repeat(perLine + 1), 100, 10)).toBe(2);
    expect(textLinesIn('一\n二\n', 100, 10)).toBe(3);
    expect(slipTitleType('某某县人民政府办公室发文稿纸').pt).toBe(22);
    expect(slipTitleType(`${OUTGOING_UNIT}发文稿纸`).pt).toBe(18);
    expect(TEXT_BLOCK_MM.portrait.width).toBe(156);
  });
});

describe('分发签收单 rows', () => {
  it('主送 then 抄送, each once; recorded units keep their copies and 份号, the others take the next free 份号', () => {
    const r = distributedOutgoing();
    const rows = receiptRows(r);
    expect(rows.map((x) => x.unit)).toEqual([...r.mainTo, ...r.copyTo]);
    expect(rows[0]).toMatchObject({ role: '主送', copies: 1, copyNumbers: ['000001'], date: '2026-11-25' });
    expect(rows[1]).toMatchObject({ copies: 1, copyNumbers: ['000006'], date: '' });
    expect(rows[2]).toMatchObject({ copies: 3, copyNumbers: ['000002', '000003', '000004'], date: '2026-11-26' });
    expect(rows[12]).toMatchObject({ role: '抄送', copyNumbers: ['000016'] });
    expect(rows[13]).toMatchObject({ role: '抄送', copyNumbers: ['000005'] });
  });

  it('a unit in both lists signs once as 主送; a recipient not on the lists is added; no 份号 when not classified or none printed', () => {
    const r = distributedOutgoing();
    const both = receiptRows({ ...r, mainTo: ['甲', '乙'], copyTo: ['乙', '丙'], distributions: [{ ...r.distributions[0]!, unit: '丁', role: '抄送' }] });
    expect(both.map((x) => `${x.role}${x.unit}`)).toEqual(['主送甲', '主送乙', '抄送丙', '抄送丁']);
    const open = receiptRows({ ...r, classification: '非密', secrecyTerm: undefined, distributions: [] });
    expect(open.every((x) => x.copyNumbers.length === 0 && x.copies === 1)).toBe(true);
    // Three copies for five units: the last two have no 份号 to take.
    const few = receiptRows({ ...r, mainTo: ['甲', '乙', '丙', '丁', '戊'], copyTo: [], distributions: [], printing: { ...r.printing!, copies: 3, copyNumbers: ['000001', '000002', '000003'] } });
    expect(few.map((x) => x.copyNumbers.join())).toEqual(['000001', '000002', '000003', '', '']);
  });

  it('writes consecutive 份号 as a range', () => {
    expect(copyNumbersText(['000002', '000003', '000004', '000007', '000009', '000010'])).toBe('000002—000004、000007、000009—000010');
    expect(copyNumbersText([])).toBe('');
    expect(copyNumbersText(['000001'])).toBe('000001');
  });
});

describe('发文登记簿 columns', () => {
  it('are the 14 columns of the register, as wide as the landscape text block together', () => {
    expect(OUTGOING_REGISTER_COLUMNS.map((c) => c.label)).toEqual([
      '序号', '文号', '成文日期', '标题', '文种', '密级', '紧急程度', '主送', '抄送', '印制份数', '签发人', '拟稿单位', '核发日期', '状态/备注',
    ]);
    expect(OUTGOING_REGISTER_COLUMNS.reduce((a, c) => a + c.mm, 0)).toBe(TEXT_BLOCK_MM.landscape.width);
  });

  it('prints each cell; 作废 with its reason, 核发 under way with its count, 核发日期 the last unit’s', () => {
    const r = distributedOutgoing();
    const cell = (key: (typeof OUTGOING_REGISTER_COLUMNS)[number]['key'], line: OutgoingRegisterLine = r, max?: number) => outgoingCellText(key, line, 4, max);
    expect(cell('index')).toBe('5');
    expect(cell('docNumber')).toBe('县政办发〔2026〕9999号');
    expect(cell('writtenDate')).toBe('2026-11-23');
    expect(cell('classification')).toBe('机密★20年');
    expect(cell('classification', { ...r, masked: true })).toBe('机密');
    expect(cell('signer')).toBe(r.signoff!.signer);
    expect(cell('issuedDate')).toBe('2026-11-26');
    expect(cell('state')).toBe('待核发（已发 3/18 个单位）');
    expect(cell('state', { ...r, state: '已作废', voided: { reason: '标题有误，重新拟稿' } })).toBe('已作废：标题有误，重新拟稿');
    expect(cell('state', { ...r, state: '待印制', distributions: [] })).toBe('待印制');
    expect(cell('docNumber', { ...r, docNumber: undefined })).toBe('');
    // On paper a long list is shortened with its count (90 characters: two units of 40 here).
    expect(cell('mainTo')).toBe(`${r.mainTo.slice(0, 2).join('、')}等 12 个单位`);
    expect(cell('mainTo', r, Infinity)).toBe(r.mainTo.join('、'));
    expect(unitListText(['甲', '乙'])).toBe('甲、乙');
    expect(unitListText(['甲甲甲', '乙乙乙', '丙丙丙'], 7)).toBe('甲甲甲、乙乙乙等 3 个单位');
  });
});
