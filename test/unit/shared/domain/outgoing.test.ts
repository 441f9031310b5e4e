import { describe, expect, test } from 'vitest';
import {
  allowedOutgoingActions,
  applyOutgoingAction,
  createOutgoingRecord,
  editOutgoingRecord,
  isOutgoingOverdue,
  ledgerGaps,
  outgoingCatalogue,
  outgoingFilingProblem,
  outgoingSeriesSchema,
  pendingDistributions,
  proposeDirection,
  reservedEntry,
  seriesForDraft,
  takeReservedEntry,
  usedEntry,
  validateOutgoingDraft,
  voidEntry,
  type OutgoingAction,
  type OutgoingRecord,
  type OutgoingStepContext,
} from '../../../../shared/domain/outgoing';
import { RuleError } from '../../../../shared/domain/rule-error';
import { createWorkCalendar } from '../../../../shared/domain/workdays';
import { outgoingClerk as clerk, outgoingDraft, outgoingStaff as staff, generateOutgoingDrafts, makeOutgoingRecords, SERIES_FA, TEST_SERIES } from '../../../fixtures/outgoing';
import { outgoingRecordSchema } from '../../../../shared/domain/transfer';

// 发文 rules (shared/domain/outgoing.ts), pure: the draft's checks, the procedure step by step
// with who/when/意见 in the history, and the 文号台账's entries. Every call gets an explicit clock.

const T0 = new Date(2026, 10, 20, 9, 0); // Friday 2026-11-20
const at = (day: number, hour = 10) => new Date(2026, 10, day, hour, 0);
const signer = { id: 'p-wang', name: '王县长', userId: 'u-wang' };

function refusal(f: () => unknown): RuleError {
  try {
    f();
  } catch (e) {
    if (e instanceof RuleError) return e;
    throw e;
  }
  throw new Error('expected a RuleError');
}

function step(r: OutgoingRecord, action: OutgoingAction, day = 23, ctx: OutgoingStepContext = {}): OutgoingRecord {
  return applyOutgoingAction(r, action, clerk, at(day), ctx);
}

const number = (seq: number) => ({ year: 2026, seq, docNumber: `县政办发〔2026〕${seq}号`, issuerName: SERIES_FA.issuerName, reserved: false });

/** A 发文 taken to 待登记 (核稿 by the clerk, 签发 by 王县长 on the 23rd, 复核). */
function signed(over = {}): OutgoingRecord {
  let r = createOutgoingRecord(outgoingDraft(over), 'o1', clerk, T0);
  r = step(r, { type: '送核稿' });
  r = step(r, { type: '核稿', text: '文字已核' });
  r = step(r, { type: '签发', signerId: signer.id, text: '同意印发', date: '2026-11-23' }, 23, { signer });
  return step(r, { type: '复核', text: '程序完备' });
}

describe('拟稿: the draft', () => {
  test('行文方向 is proposed from the 文种', () => {
    expect(proposeDirection('请示')).toBe('上行文');
    expect(proposeDirection('报告')).toBe('上行文');
    expect(proposeDirection('函')).toBe('平行文');
    expect(proposeDirection('通知')).toBe('下行文');
  });

  test('each problem is named beside its field', () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ title: '' }, 'title', /请填写标题/],
      [{ title: '长'.repeat(201) }, 'title', /标题不能超过 200 个字/],
      [{ mainTo: [] }, 'mainTo', /至少填写一个主送机关/],
      [{ mainTo: ['  '] }, 'mainTo', /至少填写一个主送机关/],
      [{ copyTo: ['各乡镇人民政府'] }, 'copyTo', /各乡镇人民政府重复/],
      [{ printCopies: 0 }, 'printCopies', /印制份数应为 1–999 的整数/],
      [{ printCopies: 1000 }, 'printCopies', /印制份数应为 1–999 的整数/],
      [{ printCopies: 2.5 }, 'printCopies', /印制份数应为 1–999 的整数/],
      [{ printCopies: 2 }, 'printCopies', /不能少于主送、抄送单位数（3 个）/],
      [{ seriesId: '' }, 'seriesId', /请选择发文字号/],
      [{ drafter: { userId: '', name: '' } }, 'drafter', /请选择拟稿人/],
      [{ classification: '秘密' }, 'disclosure', /涉密公文不得公开/],
      [{ secrecyTerm: { kind: 'years', years: 5 } }, 'secrecyTerm', /只有秘密及以上密级才有保密期限/],
      [{ countersignUnits: [{ id: 'd-bgs', name: '办公室' }] }, 'countersignUnits', /会签单位不能包含拟稿单位/],
      [{ disclosure: '公开' }, 'disclosure', /请选择公开属性/],
    ];
    for (const [over, field, message] of cases) {
      const e = refusal(() => validateOutgoingDraft({ ...outgoingDraft(), ...over }));
      expect({ over, field: e.field }).toEqual({ over, field });
      expect(e.message).toMatch(message);
    }
  });

  test('秘密 and above without a 保密期限 get the statutory one; emptied optional boxes are dropped', () => {
    const d = validateOutgoingDraft({ ...outgoingDraft({ classification: '机密', disclosure: '不予公开' }), attachments: '  ', remark: '' });
    expect(d.secrecyTerm).toEqual({ kind: 'years', years: 20 });
    expect(d).not.toHaveProperty('attachments');
    expect(d).not.toHaveProperty('remark');
  });

  test('a series must exist and be in use; none at all says to add one in 设置', () => {
    expect(refusal(() => seriesForDraft([], 's-fa')).message).toBe('请先在设置中添加发文字号');
    expect(refusal(() => seriesForDraft([{ ...SERIES_FA, retired: true }], 's-fa')).message).toMatch(/已停用/);
    expect(seriesForDraft(TEST_SERIES, 's-fa')).toBe(SERIES_FA);
  });

  test('the generator makes drafts the rules accept, the same on every run', () => {
    const drafts = generateOutgoingDrafts(200, 7);
    for (const d of drafts) expect(validateOutgoingDraft(d)).toMatchObject({ title: d.title, seriesId: d.seriesId });
    expect(generateOutgoingDrafts(200, 7)).toEqual(drafts);
    expect(new Set(drafts.map((d) => d.classification)).size).toBeGreaterThan(2);
  });

  test('records at scale are stored shapes (the 迁移包 schema accepts each) with a gap-free 台账 per series and year', () => {
    const { records, entries } = makeOutgoingRecords(2000, 3);
    for (const r of records) expect(outgoingRecordSchema.safeParse(r).success).toBe(true);
    expect(new Set(records.map((r) => r.state)).size).toBeGreaterThan(5);
    const bySeriesYear = new Map<string, typeof entries>();
    for (const e of entries) bySeriesYear.set(`${e.seriesId}|${e.year}`, [...(bySeriesYear.get(`${e.seriesId}|${e.year}`) ?? []), e]);
    expect(bySeriesYear.size).toBe(10);
    for (const list of bySeriesYear.values()) expect(ledgerGaps(list)).toEqual([]);
    expect(new Set(records.filter((r) => r.docNumber).map((r) => r.docNumber)).size).toBe(entries.length);
  });
});

describe('the procedure', () => {
  test('拟稿 → 核稿 → 签发 → 复核 → 登记 → 印制 → 用印 → 核发, each with who, when and 意见', () => {
    let r = createOutgoingRecord(outgoingDraft(), 'o1', clerk, T0);
    expect(r).toMatchObject({ state: '草稿', draftYear: 2026, namedUserIds: ['u-sec'] });
    expect(r).not.toHaveProperty('docNumber');
    r = step(r, { type: '送核稿' });
    r = step(r, { type: '核稿', text: '文字已核' });
    expect(r.state).toBe('待签发'); // no 会签单位: straight to 签发
    r = step(r, { type: '签发', signerId: signer.id, text: '同意印发', date: '2026-11-23' }, 23, { signer });
    expect(r.signoff).toMatchObject({ signerId: 'p-wang', signer: '王县长', text: '同意印发', date: '2026-11-23', recordedBy: '王秘书' });
    expect(r.writtenDate).toBe('2026-11-23');
    expect(r.namedUserIds).toContain('u-wang');
    r = step(r, { type: '复核', text: '程序完备' });
    expect(r.state).toBe('待登记');
    r = step(r, { type: '登记' }, 24, { number: number(1) });
    expect(r).toMatchObject({ state: '待印制', year: 2026, seq: 1, docNumber: '县政办发〔2026〕1号', issuerName: SERIES_FA.issuerName });
    r = step(r, { type: '印制', copies: 5 }, 24, { carrierIds: [] });
    expect(r.printing).toMatchObject({ copies: 5, copyNumbers: [], carrierIds: [] });
    r = step(r, { type: '用印' });
    expect(r.state).toBe('待核发');
    r = step(r, { type: '核发', unit: '各乡镇人民政府', copies: 2, copyNumbers: [], date: '2026-11-24', receivedBy: '李收发' }, 24);
    r = step(r, { type: '核发', unit: '县政府各部门', copies: 1, copyNumbers: [], date: '2026-11-24', receivedBy: '赵收发' }, 24);
    expect(r.state).toBe('待核发');
    expect(pendingDistributions(r)).toEqual([{ unit: '县委办公室', role: '抄送' }]);
    r = step(r, { type: '核发', unit: '县委办公室', copies: 1, copyNumbers: [], date: '2026-11-24', receivedBy: '钱收发' }, 24);
    expect(r.state).toBe('已核发');
    expect(r.history.map((h) => h.action)).toEqual(['拟稿', '送核稿', '核稿', '签发', '复核', '登记', '印制', '用印', '核发', '核发', '核发']);
    expect(r.history.every((h) => h.byName === '王秘书' && h.byId === 'u-sec')).toBe(true);
    expect(r.history.find((h) => h.action === '签发')!.note).toBe('王县长：同意印发（2026-11-23）');
    expect(r.history.find((h) => h.action === '核发')!.note).toMatch(/主送 各乡镇人民政府 2 份，签收人：李收发/);
    expect(allowedOutgoingActions(r, clerk)).toEqual([]);
  });

  test('退回修改 from 待核稿, 待签发, 待复核 goes back to 草稿 with the reason; 核稿 and 签发 are done again', () => {
    let r = createOutgoingRecord(outgoingDraft(), 'o1', clerk, T0);
    r = step(r, { type: '送核稿' });
    expect(refusal(() => step(r, { type: '退回修改', reason: ' ' }))).toMatchObject({ field: 'reason', message: '请填写退回理由' });
    r = step(r, { type: '退回修改', reason: '主送单位不全' });
    expect(r).toMatchObject({ state: '草稿', returns: [{ reason: '主送单位不全', byName: '王秘书' }] });
    // Only a 草稿 is edited.
    r = editOutgoingRecord({ ...r, remark: '旧附注' }, outgoingDraft({ mainTo: ['各乡镇人民政府', '县政府各部门', '县直各单位'], printCopies: 6 }), clerk, at(23));
    expect(r.mainTo).toHaveLength(3);
    expect('remark' in r).toBe(false); // emptied in the form: gone, not kept
    r = step(r, { type: '送核稿' });
    r = step(r, { type: '核稿', text: '可' });
    r = step(r, { type: '签发', signerId: signer.id, text: '同意', date: '2026-11-23' }, 23, { signer });
    r = step(r, { type: '退回修改', reason: '标题须改' });
    expect(r.state).toBe('草稿');
    expect(r).not.toHaveProperty('signoff');
    expect(r).not.toHaveProperty('review');
    expect(r.returns.map((x) => x.reason)).toEqual(['主送单位不全', '标题须改']);
    expect(r.history.filter((h) => h.action === '退回修改').map((h) => h.note)).toEqual(['主送单位不全', '标题须改']);
    // Not from 待登记 on: the text is signed.
    const s = signed();
    expect(refusal(() => step(s, { type: '退回修改', reason: 'x' })).message).toMatch(/当前状态“待登记”，不能退回修改；下一步可以：登记、作废/);
    expect(refusal(() => editOutgoingRecord(s, outgoingDraft(), clerk, at(24))).message).toMatch(/只有草稿可以修改/);
  });

  test('会签 only with 会签单位, each once; 待签发 once every unit has recorded its 意见', () => {
    const units = [
      { id: 'd-cz', name: '财政局' },
      { id: 'd-fg', name: '发改委' },
    ];
    let r = createOutgoingRecord(outgoingDraft({ countersignUnits: units }), 'o1', clerk, T0);
    r = step(step(r, { type: '送核稿' }), { type: '核稿', text: '可' });
    expect(r.state).toBe('待会签');
    expect(refusal(() => step(r, { type: '签发', signerId: 'p', text: 'x', date: '2026-11-23' })).message).toMatch(/当前状态“待会签”，不能签发/);
    expect(refusal(() => step(r, { type: '会签', unitId: 'd-x', signer: '某', text: '同意', date: '2026-11-23' })).field).toBe('unitId');
    r = step(r, { type: '会签', unitId: 'd-cz', signer: '钱局长', text: '同意', date: '2026-11-23' });
    expect(r.state).toBe('待会签');
    expect(refusal(() => step(r, { type: '会签', unitId: 'd-cz', signer: '钱局长', text: '同意', date: '2026-11-23' })).message).toBe('财政局的会签意见已登记');
    expect(refusal(() => step(r, { type: '会签', unitId: 'd-fg', signer: '孙主任', text: '同意', date: '2026-11-30' })).message).toBe('会签日期不能晚于今天');
    r = step(r, { type: '会签', unitId: 'd-fg', signer: '孙主任', text: '建议补充时限', date: '2026-11-23' });
    expect(r.state).toBe('待签发');
    expect(r.countersigns.map((c) => [c.unit.name, c.signer, c.text])).toEqual([
      ['财政局', '钱局长', '同意'],
      ['发改委', '孙主任', '建议补充时限'],
    ]);
    // Without 会签单位 there is no 会签 step at all.
    const plain = step(step(createOutgoingRecord(outgoingDraft(), 'o2', clerk, T0), { type: '送核稿' }), { type: '核稿', text: '可' });
    expect(refusal(() => step(plain, { type: '会签', unitId: 'd-cz', signer: '钱', text: '同意', date: '2026-11-23' })).message).toMatch(/不能登记会签意见/);
  });

  test('上行文 must name the 签发人, who must be in the 人员名录 and active', () => {
    let r = createOutgoingRecord(outgoingDraft({ docType: '请示', direction: '上行文', mainTo: ['县人民政府'], copyTo: [] }), 'o1', clerk, T0);
    r = step(step(r, { type: '送核稿' }), { type: '核稿', text: '可' });
    expect(refusal(() => step(r, { type: '签发', signerId: '', text: '同意', date: '2026-11-23' }))).toMatchObject({ field: 'signerId', message: expect.stringMatching(/^上行文须写明签发人/) });
    expect(refusal(() => step(r, { type: '签发', signerId: 'p-x', text: '同意', date: '2026-11-23' }))).toMatchObject({ field: 'signerId', message: expect.stringMatching(/不在人员名录中/) });
    expect(refusal(() => step(r, { type: '签发', signerId: signer.id, text: '同意', date: '2026-11-23' }, 23, { signer: { ...signer, disabled: true } })).message).toMatch(/已从人员名录停用/);
    expect(refusal(() => step(r, { type: '签发', signerId: signer.id, text: '同意', date: '2026-11-24' }, 23, { signer })).message).toBe('签发日期不能晚于今天');
    expect(refusal(() => step(r, { type: '签发', signerId: signer.id, text: '', date: '2026-11-23' }, 23, { signer })).field).toBe('text');
    expect(step(r, { type: '签发', signerId: signer.id, text: '同意', date: '2026-11-23' }, 23, { signer }).signoff?.signer).toBe('王县长');
  });

  test('only 发文办理 may take a step; 登记 only from 待登记', () => {
    const r = createOutgoingRecord(outgoingDraft(), 'o1', clerk, T0);
    expect(refusal(() => applyOutgoingAction(r, { type: '送核稿' }, staff, at(23))).message).toBe('没有权限送核稿发文（需要：发文办理）');
    expect(() => createOutgoingRecord(outgoingDraft(), 'o2', staff, T0)).toThrow(/发文办理/);
    expect(allowedOutgoingActions(r, staff)).toEqual([]);
    expect(allowedOutgoingActions(r, clerk)).toEqual(['送核稿', '作废']);
    expect(refusal(() => step(r, { type: '登记' }, 23, { number: number(1) })).message).toMatch(/当前状态“草稿”，不能登记/);
  });

  test('复核 may change the 成文日期, never to before the 签发', () => {
    let r = createOutgoingRecord(outgoingDraft(), 'o1', clerk, T0);
    r = step(step(r, { type: '送核稿' }), { type: '核稿', text: '可' });
    r = step(r, { type: '签发', signerId: signer.id, text: '同意', date: '2026-11-23' }, 23, { signer });
    expect(refusal(() => step(r, { type: '复核', text: '', writtenDate: '2026-11-22' })).field).toBe('writtenDate');
    expect(step(r, { type: '复核', text: '', writtenDate: '2026-11-25' })).toMatchObject({ writtenDate: '2026-11-25', recheck: { text: '复核无误' } });
  });

  test('a classified 发文: one 份号 per copy; 核发 names the 份号 handed over, each once', () => {
    let r = signed({ classification: '机密', secrecyTerm: { kind: 'years', years: 20 }, disclosure: '不予公开', mainTo: ['县人民政府'], copyTo: [] });
    r = step(r, { type: '登记' }, 24, { number: number(3) });
    // The repository makes one carrier per 份号: anything else is a bug, refused outright.
    expect(() => step(r, { type: '印制', copies: 3 }, 24, { carrierIds: ['c1'] })).toThrow('印制：每个份号须有一个涉密载体');
    r = step(r, { type: '印制', copies: 3 }, 24, { carrierIds: ['c1', 'c2', 'c3'] });
    expect(r.printing).toMatchObject({ copies: 3, copyNumbers: ['000001', '000002', '000003'], carrierIds: ['c1', 'c2', 'c3'] });
    r = step(r, { type: '用印' });
    const give = (copyNumbers: string[], copies = copyNumbers.length) => step(r, { type: '核发', unit: '县人民政府', copies, copyNumbers, date: '2026-11-24', receivedBy: '李收发' }, 24);
    expect(refusal(() => give([], 1)).field).toBe('copyNumbers');
    expect(refusal(() => give(['000004'])).message).toBe('份号 000004 不是本文尚未核发的份号');
    expect(refusal(() => give(['000001', '000001'])).message).toBe('份号 000001 选了两次');
    expect(refusal(() => give(['000001', '000002', '000003', '000004'], 4)).message).toMatch(/印制 3 份，已核发 0 份/);
    r = give(['000002']);
    expect(r).toMatchObject({ state: '已核发', distributions: [{ unit: '县人民政府', role: '主送', copies: 1, copyNumbers: ['000002'] }] });
  });

  test('作废 from any state before 已核发, with a reason; never after', () => {
    const draft = createOutgoingRecord(outgoingDraft(), 'o1', clerk, T0);
    expect(refusal(() => step(draft, { type: '作废', reason: '' }))).toMatchObject({ field: 'reason', message: '请填写作废理由' });
    expect(step(draft, { type: '作废', reason: '不再发文' })).toMatchObject({ state: '已作废', voided: { reason: '不再发文' } });
    const registered = step(signed(), { type: '登记' }, 24, { number: number(2) });
    const voided = step(registered, { type: '作废', reason: '内容有误，收回' });
    expect(voided).toMatchObject({ state: '已作废', docNumber: '县政办发〔2026〕2号' });
    expect(voided.history.at(-1)!.note).toBe('县政办发〔2026〕2号 作废：内容有误，收回');
    expect(refusal(() => step(voided, { type: '印制', copies: 5 })).message).toBe('此发文已作废，不能印制');
    let done = step(step(step(registered, { type: '印制', copies: 3 }, 24, { carrierIds: [] }), { type: '用印' }), { type: '核发', unit: '各乡镇人民政府', copies: 1, copyNumbers: [], date: '2026-11-24', receivedBy: '甲' }, 24);
    done = step(done, { type: '核发', unit: '县政府各部门', copies: 1, copyNumbers: [], date: '2026-11-24', receivedBy: '乙' }, 24);
    done = step(done, { type: '核发', unit: '县委办公室', copies: 1, copyNumbers: [], date: '2026-11-24', receivedBy: '丙' }, 24);
    expect(refusal(() => step(done, { type: '作废', reason: 'x' })).message).toBe('此发文已核发，不能作废');
  });

  test('a step never changes the record it was given', () => {
    const r = Object.freeze(createOutgoingRecord(outgoingDraft(), 'o1', clerk, T0));
    const copy = structuredClone(r);
    step(r, { type: '送核稿' });
    expect(r).toEqual(copy);
  });
});

describe('文号台账 entries', () => {
  test('已用 at 登记, 预留 with its purpose then used, or voided with the reason; never reused', () => {
    const used = usedEntry(SERIES_FA, 2026, 1, 'o1', { name: '王秘书' }, T0);
    expect(used).toMatchObject({ id: 's-fa|2026|1', number: '县政办发〔2026〕1号', status: '已用', outgoingId: 'o1', history: [{ action: '登记' }] });
    expect(refusal(() => reservedEntry(SERIES_FA, 2026, 2, '', { name: '王秘书' }, T0)).field).toBe('reason');
    const kept = reservedEntry(SERIES_FA, 2026, 2, '留给县政府联合发文', { name: '王秘书' }, T0);
    expect(kept).toMatchObject({ status: '预留', reason: '留给县政府联合发文' });
    const taken = takeReservedEntry(kept, { id: 'o2', seriesId: 's-fa' }, { name: '王秘书' }, at(23));
    expect(taken).toMatchObject({ status: '已用', outgoingId: 'o2', history: [{ action: '预留' }, { action: '使用预留号' }] });
    expect(refusal(() => takeReservedEntry(taken, { id: 'o3', seriesId: 's-fa' }, { name: '王秘书' }, at(23))).message).toBe('县政办发〔2026〕2号已被使用，不能再用');
    expect(refusal(() => takeReservedEntry(kept, { id: 'o3', seriesId: 's-han' }, { name: '王秘书' }, at(23))).message).toMatch(/不属于本文的发文字号/);
    const voided = voidEntry(kept, '联合发文取消', { name: '王秘书' }, at(23));
    expect(voided).toMatchObject({ status: '作废', reason: '联合发文取消' });
    expect(refusal(() => voidEntry(voided, '再次', { name: '王秘书' }, at(23))).message).toBe('县政办发〔2026〕2号已作废');
  });

  test('gaps are the numbers 1..max missing from the 台账', () => {
    expect(ledgerGaps([{ seq: 1 }, { seq: 2 }, { seq: 3 }])).toEqual([]);
    expect(ledgerGaps([{ seq: 3 }, { seq: 1 }, { seq: 6 }])).toEqual([2, 4, 5]);
    expect(ledgerGaps([])).toEqual([]);
  });

  test('the series setting: 文号 pattern with year and number, 机关代字 once each', () => {
    expect(outgoingSeriesSchema.parse([SERIES_FA])).toEqual([SERIES_FA]);
    const bad = (over: object) => outgoingSeriesSchema.safeParse([{ ...SERIES_FA, ...over }]).error?.issues[0]?.message;
    expect(bad({ pattern: '县政办发N号' })).toMatch(/必须包含年份 YYYY/);
    expect(bad({ pattern: '县政办发〔YYYY〕号' })).toMatch(/连续的 N/);
    expect(bad({ code: '' })).toBe('请填写机关代字');
    expect(outgoingSeriesSchema.safeParse([SERIES_FA, { ...SERIES_FA, id: 'other' }]).error?.issues[0]?.message).toBe('机关代字“县政办发”重复');
  });
});

describe('工作台 and 归档', () => {
  test('not 核发 N working days after 签发 is flagged', () => {
    const calendar = createWorkCalendar([]);
    // Signed Monday 2026-11-23: 3 working days → Thursday the 26th is the last day.
    expect(isOutgoingOverdue({ state: '待核发', signedDate: '2026-11-23' }, '2026-11-26', calendar, 3)).toBe(false);
    expect(isOutgoingOverdue({ state: '待核发', signedDate: '2026-11-23' }, '2026-11-27', calendar, 3)).toBe(true);
    expect(isOutgoingOverdue({ state: '已核发', signedDate: '2026-11-23' }, '2026-12-27', calendar, 3)).toBe(false);
    expect(isOutgoingOverdue({ state: '待签发' }, '2026-12-27', calendar, 3)).toBe(false);
  });

  test('a 核发 发文 files in the year of its 成文日期: 文号 in the catalogue, 责任者 the issuer, 定稿 and 正本 one 件', () => {
    let r = step(signed(), { type: '登记' }, 24, { number: number(1) });
    expect(outgoingFilingProblem(r, 2026)).toMatch(/尚未核发/);
    r = step(step(r, { type: '印制', copies: 3 }, 24, { carrierIds: [] }), { type: '用印' });
    for (const unit of ['各乡镇人民政府', '县政府各部门', '县委办公室']) r = step(r, { type: '核发', unit, copies: 1, copyNumbers: [], date: '2026-11-24', receivedBy: '甲' }, 24);
    expect(outgoingFilingProblem(r, 2026)).toBeNull();
    expect(outgoingFilingProblem(r, 2027)).toMatch(/成文于 2026 年/);
    expect(outgoingCatalogue(r, '测试县人民政府办公室')).toEqual({
      docNumber: '县政办发〔2026〕1号',
      responsible: SERIES_FA.issuerName,
      title: '关于做好2026年冬季安全生产工作的通知',
      date: '2026-11-23',
      classification: '非密',
      pages: 1,
      remarks: '定稿、正本合为一件',
    });
  });
});
