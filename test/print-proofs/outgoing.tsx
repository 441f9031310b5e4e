import type { ReactElement } from 'react';
import type { OutgoingRecord } from '../../shared/domain/outgoing-types';
import { UNIT_NAME_MAX } from '../../shared/domain/directory';
import { DistributionReceipt, OutgoingRegisterSheet, OutgoingSlip } from '../../renderer/print/index';
import { longText } from './longest';

// 发文 prints with long values. Every field at its longest: 标题 200 characters, unit names of
// UNIT_NAME_MAX (40) — the 拟稿单位, three 会签单位, twelve 主送 and six 抄送 units —, names of 20
// characters (the 人员名录's limit), 意见 of 60 characters, 附件说明 of three lines, 印制份数 999
// with their 份号 (机密★20年). That is more than one A4 page holds even at 小五 (the 发文稿纸 then
// runs onto a second page, rows whole: 'outgoing-slip-longest'); 'outgoing-slip' is the most the
// one page holds at 小五 with every field long: 标题 200, the 40-character 单位 names of 拟稿 and 会签,
// 签发意见 and 核稿意见 of 60, 会签意见 of 30, twelve 主送 units of 10–30 characters (250 in all) and
// three 抄送 (75). The register: 30 rows, every third masked as the caller gives it, every fifth 作废
// with a 100-character reason. The 分发签收单: 18 recipients of 40 characters, three already handed
// their copies.

export const OUTGOING_UNIT = longText(UNIT_NAME_MAX, 1);
const unit = (i: number, n = UNIT_NAME_MAX) => `${String(i + 1).padStart(2, '0')}${longText(n - 2, i)}`;
export const MAIN_TO = Array.from({ length: 12 }, (_, i) => unit(i));
export const COPY_TO = Array.from({ length: 6 }, (_, i) => unit(20 + i));
/** Twelve 主送 units of 10 to 30 characters (250 in all) and three 抄送 (75): what one page holds. */
export const MAIN_TO_FIT = Array.from({ length: 12 }, (_, i) => unit(i, [10, 30, 20, 15, 25, 18, 22, 12, 28, 24, 26, 30][i]!));
export const COPY_TO_FIT = Array.from({ length: 3 }, (_, i) => unit(20 + i, 25));
const dept = (i: number) => ({ id: `d${i}`, name: longText(UNIT_NAME_MAX, i) });
const person = (i: number) => ({ userId: `u${i}`, name: longText(20, i) });
const copyNumbers = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1).padStart(6, '0'));

export function longestOutgoing(over: Partial<OutgoingRecord> = {}): OutgoingRecord {
  return {
    id: 'o1',
    title: longText(200, 0),
    docType: '通知',
    direction: '下行文',
    seriesId: 's1',
    mainTo: MAIN_TO,
    copyTo: COPY_TO,
    classification: '机密',
    secrecyTerm: { kind: 'years', years: 20 },
    urgency: '特急',
    draftingUnit: dept(2),
    drafter: person(1),
    countersignUnits: [dept(3), dept(4), dept(5)],
    attachments: [longText(40, 0), longText(40, 1), longText(40, 2)].join('\n'),
    printCopies: 999,
    disclosure: '依申请公开',
    state: '待核发',
    year: 2026,
    seq: 9999,
    docNumber: '县政办发〔2026〕9999号',
    draftYear: 2026,
    review: { reviewer: person(2), text: longText(60, 1), at: '2026-11-20T02:00:00.000Z' },
    returns: [],
    countersigns: [3, 4, 5].map((i) => ({ unit: dept(i), signer: longText(20, i), text: longText(60, i), date: '2026-11-21', at: '2026-11-21T02:00:00.000Z' })),
    signoff: { signerId: 'p1', signer: longText(20, 0), text: longText(60, 2), date: '2026-11-23', at: '2026-11-23T02:00:00.000Z', recordedBy: '王秘书' },
    writtenDate: '2026-11-23',
    registered: { at: '2026-11-24T02:00:00.000Z', byName: '王秘书' },
    printing: { copies: 999, copyNumbers: copyNumbers(999), carrierIds: [], at: '2026-11-24T03:00:00.000Z', byName: '王秘书' },
    distributions: [],
    namedUserIds: [],
    history: [],
    createdAt: '2026-11-19T02:00:00.000Z',
    updatedAt: '2026-11-24T03:00:00.000Z',
    ...over,
  };
}

/** The most one page of 发文稿纸 holds with every field long (see above). */
export function fullOutgoing(): OutgoingRecord {
  const r = longestOutgoing();
  return { ...r, mainTo: MAIN_TO_FIT, copyTo: COPY_TO_FIT, countersigns: r.countersigns.map((c, i) => ({ ...c, text: longText(30, i) })) };
}

/** A 草稿 as printed for signatures by hand: nothing recorded yet, no 文号, three 会签 units to sign. */
export function blankOutgoing(): OutgoingRecord {
  const r = { ...fullOutgoing(), state: '草稿' as const, countersigns: [], returns: [] };
  const { review: _r, signoff: _s, docNumber: _d, year: _y, seq: _q, printing: _p, registered: _g, writtenDate: _w, ...draft } = r;
  return draft;
}

/** 核发 under way: three units have their copies (one of them three copies). */
export function distributedOutgoing(): OutgoingRecord {
  const at = '2026-11-25T02:00:00.000Z';
  return longestOutgoing({
    distributions: [
      { unit: MAIN_TO[0]!, role: '主送', copies: 1, copyNumbers: ['000001'], date: '2026-11-25', receivedBy: '张三', at, byName: '王秘书' },
      { unit: MAIN_TO[2]!, role: '主送', copies: 3, copyNumbers: ['000002', '000003', '000004'], date: '2026-11-26', receivedBy: '李四', at, byName: '王秘书' },
      { unit: COPY_TO[1]!, role: '抄送', copies: 1, copyNumbers: ['000005'], date: '2026-11-26', receivedBy: '赵六', at, byName: '王秘书' },
    ],
  });
}

const MASK = '【涉密】';

function registerRow(i: number): OutgoingRecord {
  const r = longestOutgoing({
    id: `o${i}`,
    seq: i + 1,
    docNumber: `县政办发〔2026〕${i === 29 ? 9999 : i + 1}号`,
    classification: i % 4 === 1 ? '机密' : '非密',
    secrecyTerm: i % 4 === 1 ? (i % 8 === 1 ? { kind: 'condition', condition: longText(100, 2) } : { kind: 'years', years: 20 }) : undefined,
    urgency: i % 2 ? '特急' : '普通',
    state: i % 5 === 4 ? '已作废' : i % 3 === 0 ? '已核发' : '待核发',
    ...(i % 5 === 4 ? { voided: { reason: longText(100, 1), at: '2026-11-30T02:00:00.000Z', byName: '王秘书' } } : {}),
    distributions: i % 3 === 0 ? [{ unit: MAIN_TO[0]!, role: '主送', copies: 1, copyNumbers: [], date: '2026-12-01', receivedBy: '张三', at: '2026-12-01T02:00:00.000Z', byName: '王秘书' }] : [],
  });
  // Every third row is outside the reader's need to know, masked by the caller (maskOutgoing).
  if (i % 3 === 2) return { ...r, classification: '机密', secrecyTerm: undefined, title: MASK, mainTo: [], copyTo: [], attachments: '', countersigns: [] };
  return r;
}

export const registerRows = () => Array.from({ length: 30 }, (_, i) => registerRow(i));

export const OUTGOING_PROOFS: Record<string, () => ReactElement> = {
  'outgoing-slip': () => <OutgoingSlip record={fullOutgoing()} unitName={OUTGOING_UNIT} />,
  'outgoing-slip-longest': () => <OutgoingSlip record={longestOutgoing()} unitName={OUTGOING_UNIT} />,
  'outgoing-slip-blank': () => <OutgoingSlip record={blankOutgoing()} unitName={OUTGOING_UNIT} />,
  'outgoing-register': () => <OutgoingRegisterSheet rows={registerRows()} title={`${OUTGOING_UNIT}2026年发文登记簿`} filterText="年度：2026 文号：县政办发 状态：全部" />,
  'outgoing-receipt': () => <DistributionReceipt record={distributedOutgoing()} unitName={OUTGOING_UNIT} />,
};
