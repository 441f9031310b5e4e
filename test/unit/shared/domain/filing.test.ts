import { describe, expect, it } from 'vitest';
import { DOC_TYPES, type Classification } from '../../../../shared/domain/enums';
import {
  applyIncomingAction,
  type IncomingActor,
} from '../../../../shared/domain/incoming';
import type { IncomingRecord } from '../../../../shared/domain/incoming-types';
import { archiveStamp, assignBoxes, boxesOf, boxTitle, catalogueClassification, catalogueLines, catalogueLinesWithBox, checkFilingItem, compareForFiling, correctCatalogueEntry, DEFAULT_BOX_CAPACITY, DEFAULT_FILING_SETTINGS, DEFAULT_RETENTION_BY_DOC_TYPE, describeCorrection, estimateMinutesPages, filedRefusal, filingSeries, filingSettingsSchema, formatArchiveCode, formatItemNumber, inCatalogueOrder, incomingCatalogue, incomingFilingProblem, minutesCatalogue, minutesFilingProblem, orgProblem, packIntoBoxes, parseArchiveCode, resolveFilingSettings, RETENTION_CODES, RETENTION_PERIODS, retentionProblem, type ArchiveRecord, type RetentionPeriod } from '../../../../shared/domain/filing';
import { correctMinutes, editMeeting, saveMinutesDraft, signIn } from '../../../../shared/domain/meeting';
import type { IssuedMinutes, MeetingRecord } from '../../../../shared/domain/meeting-types';
import { createWorkCalendar } from '../../../../shared/domain/workdays';
import { deepFreeze } from '../../../fixtures/deep-freeze';
import { meetingInput, meetingRecord, minutesInput, secretary } from '../../../fixtures/meetings';
import { expectRefusal } from '../../../fixtures/refusal';
import { RuleError } from '@shared/domain/rule-error';

// 归档 rules (DOMAIN.md §6, DA/T 22-2015): 档号, catalogue entries of a 收文 and of our own 纪要,
// what may be filed, boxes that never mix classes, and 更正 of a filed entry.

const cal = createWorkCalendar();

function finishedIncoming(over: Partial<IncomingRecord> = {}): IncomingRecord {
  return deepFreeze({
    id: 'r-1',
    year: 2026,
    seq: 3,
    serial: '收〔2026〕0003',
    receivedDate: '2026-03-05',
    fromUnit: '县财政局',
    docNumber: '县财发〔2026〕12号',
    title: '关于做好年终财务决算工作的通知',
    docType: '通知',
    classification: '非密',
    copies: 1,
    pages: 4,
    urgency: '普通',
    writtenDate: '2026-03-02',
    signedBy: '张秘书',
    handling: '办件',
    state: '已办结',
    duplicateKey: '县财政局|县财发〔2026〕12号',
    circulation: [],
    reminders: [],
    namedUserIds: [],
    history: [],
    createdAt: '2026-03-05T01:00:00.000Z',
    updatedAt: '2026-03-06T01:00:00.000Z',
    ...over,
  } satisfies IncomingRecord);
}

const ISSUED_AT = new Date(2026, 10, 30, 10, 0); // local Monday 2026-11-30

function issuedMeeting(over: Partial<MeetingRecord> = {}, issued: Partial<IssuedMinutes> = {}): MeetingRecord {
  const m = minutesInput();
  return meetingRecord({
    minutesState: '已签发',
    issued: {
      title: m.title,
      paragraphs: [...m.paragraphs],
      decisions: [
        { id: 'd-1', content: '县财政局牵头起草年终财政决算报告', unit: '县财政局', person: '王局长', deadline: { kind: 'date', date: '2026-12-10' }, dueDate: '2026-12-10' },
      ],
      number: '第3期',
      year: 2026,
      seq: 3,
      issuedAt: ISSUED_AT.toISOString(),
      issuedById: secretary.id,
      issuedByName: secretary.name,
      ...issued,
    },
    ...over,
  });
}

function entry(over: Partial<ArchiveRecord> = {}): ArchiveRecord {
  return deepFreeze({
    id: 'a-1',
    kind: '收文',
    recordId: 'r-1',
    recordLabel: '收〔2026〕0003',
    fondsCode: 'Z109',
    year: 2026,
    orgCode: 'BGS',
    retention: '永久',
    itemNo: 1,
    archiveCode: 'Z109-WS·2026-Y-BGS-0001',
    box: 1,
    docNumber: '县财发〔2026〕12号',
    responsible: '县财政局',
    title: '关于做好年终财务决算工作的通知',
    date: '2026-03-02',
    classification: '非密',
    pages: 4,
    remarks: '',
    filedAt: '2026-12-01T01:00:00.000Z',
    filedById: 'u-sec',
    filedBy: '王秘书',
    corrections: [],
    ...over,
  } satisfies ArchiveRecord);
}

describe('档号 and 件号', () => {
  it('retention periods carry the DA/T 22 codes', () => {
    expect(RETENTION_PERIODS).toEqual(['永久', '定期30年', '定期10年']);
    expect(RETENTION_CODES).toEqual({ 永久: 'Y', 定期30年: 'D30', 定期10年: 'D10' });
  });

  it('formats 全宗号-WS·年度-保管期限代码-机构代码-件号 with a four-digit 件号, and reads it back', () => {
    const parts = { fondsCode: 'Z109', year: 2026, retention: '永久', orgCode: 'BGS', itemNo: 1 } as const;
    expect(formatArchiveCode(parts)).toBe('Z109-WS·2026-Y-BGS-0001');
    expect(formatArchiveCode({ ...parts, retention: '定期30年', orgCode: 'CWK', itemNo: 37 })).toBe('Z109-WS·2026-D30-CWK-0037');
    expect(formatArchiveCode({ ...parts, retention: '定期10年', itemNo: 9999 })).toBe('Z109-WS·2026-D10-BGS-9999');
    expect(parseArchiveCode('Z109-WS·2026-D30-CWK-0037')).toEqual({ fondsCode: 'Z109', year: 2026, retention: '定期30年', orgCode: 'CWK', itemNo: 37 });
    expect(parseArchiveCode('Z109-2026-Y-BGS-0001')).toBeNull();
    expect(parseArchiveCode('Z109-WS·2026-Y-BGS-0000')).toBeNull();
  });

  it('refuses parts that would make an ambiguous or overlong 档号', () => {
    const parts = { fondsCode: 'Z109', year: 2026, retention: '永久', orgCode: 'BGS', itemNo: 1 } as const;
    expect(() => formatArchiveCode({ ...parts, itemNo: 10000 })).toThrow('件号应为 1–9999');
    expect(() => formatArchiveCode({ ...parts, itemNo: 0 })).toThrow('件号');
    expect(() => formatArchiveCode({ ...parts, orgCode: 'B-GS' })).toThrow('机构代码无效');
    expect(() => formatArchiveCode({ ...parts, fondsCode: 'Z-1' })).toThrow('全宗号无效');
    expect(() => formatArchiveCode({ ...parts, retention: '长期' as never })).toThrow('保管期限无效');
    expect(formatItemNumber(12)).toBe('0012');
  });

  it('one counter series per (机构, 保管期限); the year is the counter key', () => {
    expect(filingSeries('BGS', '永久')).toBe('归档:BGS:Y');
    expect(filingSeries('BGS', '定期10年')).toBe('归档:BGS:D10');
    expect(new Set(RETENTION_PERIODS.map((r) => filingSeries('BGS', r))).size).toBe(3);
  });
});

describe('保管期限 and settings', () => {
  it('has a default for every 文种', () => {
    for (const t of DOC_TYPES) expect(RETENTION_PERIODS).toContain(DEFAULT_RETENTION_BY_DOC_TYPE[t]);
    expect(DEFAULT_RETENTION_BY_DOC_TYPE.纪要).toBe('永久');
    expect(DEFAULT_RETENTION_BY_DOC_TYPE.函).toBe('定期10年');
  });

  it('names a bad 保管期限 in words', () => {
    expect(retentionProblem('永久')).toBeNull();
    expect(retentionProblem(undefined)).toBe('请选择保管期限');
    expect(retentionProblem('长期')).toBe('保管期限“长期”无效，应为永久、定期30年、定期10年之一');
  });

  it('merges stored settings over the defaults and ignores what is not valid', () => {
    expect(resolveFilingSettings(undefined)).toEqual(DEFAULT_FILING_SETTINGS);
    const s = resolveFilingSettings({ retentionByDocType: { 通知: '定期30年', 函: '长期' }, boxCapacity: { maxItems: 20 }, defaultOrgCode: 'BGS' });
    expect(s.retentionByDocType.通知).toBe('定期30年');
    expect(s.retentionByDocType.函).toBe('定期10年');
    expect(s.boxCapacity).toEqual({ maxItems: 20, maxPages: DEFAULT_BOX_CAPACITY.maxPages });
    expect(s.defaultOrgCode).toBe('BGS');
    expect(filingSettingsSchema.safeParse({ ...DEFAULT_FILING_SETTINGS, boxCapacity: { maxItems: 0, maxPages: 10 } }).error?.issues[0]?.message).toBe('每盒至少 1 件');
    expect(filingSettingsSchema.safeParse(DEFAULT_FILING_SETTINGS).success).toBe(true);
  });
});

describe('catalogue entries', () => {
  it('a 收文: 责任者 = 来文单位, 文号 = 来文字号, 日期 = 成文日期, else 收文日期', () => {
    expect(incomingCatalogue(finishedIncoming())).toEqual({
      docNumber: '县财发〔2026〕12号',
      responsible: '县财政局',
      title: '关于做好年终财务决算工作的通知',
      date: '2026-03-02',
      classification: '非密',
      pages: 4,
      remarks: '',
    });
    const noWrittenDate = finishedIncoming({ writtenDate: undefined });
    expect(incomingCatalogue(noWrittenDate).date).toBe('2026-03-05');
    // A title made up by the filer is written in [ ].
    expect(incomingCatalogue(finishedIncoming({ title: ' ' })).title).toBe('[县财政局通知]');
  });

  it('our 纪要: 责任者 = the office, 文号 = 会议类型 + 编号, 题名 = title + [meeting], 日期 = 签发 day, 页数 estimated', () => {
    const m = issuedMeeting();
    const e = minutesCatalogue(m, '测试县人民政府办公室');
    expect(e).toMatchObject({
      docNumber: '常务会议第3期',
      responsible: '测试县人民政府办公室',
      title: '县政府常务会议纪要[县政府第12次常务会议]',
      date: '2026-11-30',
      classification: '非密',
      remarks: '',
    });
    expect(e.pages).toBe(1);
    // The title that names the meeting needs no supplement.
    expect(minutesCatalogue(issuedMeeting({}, { title: '县政府第12次常务会议纪要' }), '办').title).toBe('县政府第12次常务会议纪要');
    expect(() => minutesCatalogue(meetingRecord(), '办')).toThrow(RuleError);
  });

  it('estimates a long 纪要 at more pages on the 28 × 22 grid', () => {
    const long = issuedMeeting({}, { paragraphs: Array.from({ length: 40 }, () => '会'.repeat(100)) });
    // 版头 8 + opening 3 + 40 paragraphs × 4 lines + lead 1 + decision 2 + names 3 = 177 lines: 9 pages of 22.
    expect(estimateMinutesPages(long)).toBe(9);
    expect(estimateMinutesPages(issuedMeeting({}, { paragraphs: [] }))).toBe(1);
  });

  it('prints 序号 as the position, 日期 as YYYYMMDD and 密级 blank for 非密', () => {
    const lines = catalogueLines([entry(), entry({ archiveCode: 'Z109-WS·2026-Y-BGS-0002', classification: '秘密', date: '2026-11-30', remarks: '原件存保密室' })]);
    expect(lines).toEqual([
      { serial: 1, archiveCode: 'Z109-WS·2026-Y-BGS-0001', docNumber: '县财发〔2026〕12号', responsible: '县财政局', title: '关于做好年终财务决算工作的通知', date: '20260302', classification: '', pages: 4, remarks: '' },
      { serial: 2, archiveCode: 'Z109-WS·2026-Y-BGS-0002', docNumber: '县财发〔2026〕12号', responsible: '县财政局', title: '关于做好年终财务决算工作的通知', date: '20261130', classification: '秘密', pages: 4, remarks: '原件存保密室' },
    ]);
  });

  it('密级 is written only for a state secret: blank for 非密 and for 内部 (not a 密级 under the 保密法)', () => {
    expect(['非密', '内部', '秘密', '机密', '绝密'].map((c) => catalogueClassification(c as Classification))).toEqual(['', '', '秘密', '机密', '绝密']);
    expect(catalogueLines([entry({ classification: '内部' })])[0]!.classification).toBe('');
  });

  it('lists the 件 by 保管期限 (永久, 定期30年, 定期10年), then 机构, then 件号, whatever order they come in', () => {
    const code = (retention: RetentionPeriod, orgCode: string, itemNo: number) => formatArchiveCode({ fondsCode: 'Z109', year: 2026, retention, orgCode, itemNo });
    const given = [
      entry({ retention: '定期10年', orgCode: 'BGS', itemNo: 1, archiveCode: code('定期10年', 'BGS', 1) }),
      entry({ retention: '永久', orgCode: 'CWK', itemNo: 1, archiveCode: code('永久', 'CWK', 1) }),
      entry({ retention: '定期30年', orgCode: 'BGS', itemNo: 2, archiveCode: code('定期30年', 'BGS', 2) }),
      entry({ retention: '永久', orgCode: 'BGS', itemNo: 10, archiveCode: code('永久', 'BGS', 10) }),
      entry({ retention: '定期30年', orgCode: 'BGS', itemNo: 1, archiveCode: code('定期30年', 'BGS', 1) }),
      entry({ retention: '永久', orgCode: 'BGS', itemNo: 9, archiveCode: code('永久', 'BGS', 9) }),
    ];
    const expected = ['Z109-WS·2026-Y-BGS-0009', 'Z109-WS·2026-Y-BGS-0010', 'Z109-WS·2026-Y-CWK-0001', 'Z109-WS·2026-D30-BGS-0001', 'Z109-WS·2026-D30-BGS-0002', 'Z109-WS·2026-D10-BGS-0001'];
    expect(catalogueLines(given).map((l) => [l.serial, l.archiveCode])).toEqual(expected.map((c, i) => [i + 1, c]));
    expect(inCatalogueOrder(given).map((e) => e.archiveCode)).toEqual(expected);
    // With the 盒号 of the same 件 beside each line.
    const boxed = given.map((e, i) => ({ ...e, box: i + 1 }));
    expect(catalogueLinesWithBox(boxed).map((l) => [l.archiveCode, l.box])).toEqual(expected.map((c) => [c, boxed.find((e) => e.archiveCode === c)!.box]));
  });

  it('归档章 carries 全宗号, 年度, 保管期限, 件号, 页数 and 机构', () => {
    expect(archiveStamp(entry({ itemNo: 12 }))).toEqual({ fondsCode: 'Z109', year: '2026', retention: '永久', itemNo: '0012', pages: '4', orgCode: 'BGS' });
  });

  it('numbers a batch by 日期, then 文号 (9号 before 12号), then record number', () => {
    const list = [
      { date: '2026-03-02', docNumber: '县财发〔2026〕12号', label: 'b' },
      { date: '2026-03-01', docNumber: '', label: 'z' },
      { date: '2026-03-02', docNumber: '县财发〔2026〕9号', label: 'c' },
      { date: '2026-03-02', docNumber: '县财发〔2026〕9号', label: 'a' },
    ];
    expect([...list].sort(compareForFiling).map((x) => x.label)).toEqual(['z', 'a', 'c', 'b']);
  });
});

describe('what may be filed', () => {
  it('a 收文 only when 办结, of that year, not yet filed', () => {
    expect(incomingFilingProblem(finishedIncoming(), 2026)).toBeNull();
    expect(incomingFilingProblem(finishedIncoming({ state: '承办中' }), 2026)).toBe('收文 收〔2026〕0003尚未办结（当前状态：承办中），办结后才能归档');
    expect(incomingFilingProblem(finishedIncoming({ state: '已退回' }), 2026)).toBe('收文 收〔2026〕0003已退回，不归档');
    expect(incomingFilingProblem(finishedIncoming(), 2025)).toBe('收文 收〔2026〕0003属于 2026 年度，不能归入 2025 年度');
    expect(incomingFilingProblem(finishedIncoming({ filed: { archiveCode: 'Z109-WS·2026-Y-BGS-0001', filedAt: 'x' } }), 2026)).toBe(
      '收文 收〔2026〕0003已归档（档号 Z109-WS·2026-Y-BGS-0001），不能重复归档',
    );
  });

  it('a 纪要 only when issued, of that year, not yet filed', () => {
    expect(minutesFilingProblem(issuedMeeting(), 2026)).toBeNull();
    expect(minutesFilingProblem(meetingRecord(), 2026)).toBe('2026-11-27 常务会议的纪要尚未签发，签发后才能归档');
    expect(minutesFilingProblem(issuedMeeting(), 2027)).toBe('纪要 常务会议第3期属于 2026 年度，不能归入 2027 年度');
    expect(minutesFilingProblem(issuedMeeting({ filed: { archiveCode: 'Z109-WS·2026-Y-BGS-0002', filedAt: 'x' } }), 2026)).toContain('已归档（档号 Z109-WS·2026-Y-BGS-0002）');
  });

  it('a 机构 must exist and be in use', () => {
    expect(orgProblem('BGS', { code: 'BGS', name: '办公室', disabled: false })).toBeNull();
    expect(orgProblem('XXX', undefined)).toBe('机构代码“XXX”不存在，请先在“设置—机构”中添加');
    expect(orgProblem('CWK', { code: 'CWK', name: '财务科', disabled: true })).toBe('机构“财务科”（CWK）已停用，不能再归入新文件');
    expect(orgProblem(' ', undefined)).toBe('请选择机构');
  });

  it('checks each item as it arrives, naming its position', () => {
    expect(checkFilingItem({ kind: '收文', recordId: 'r-1', orgCode: ' BGS ', retention: '永久' }, 1)).toEqual({ kind: '收文', recordId: 'r-1', orgCode: 'BGS', retention: '永久' });
    expect(expectRefusal(RuleError, () => checkFilingItem({ kind: '收文', recordId: 'r-1', orgCode: 'BGS', retention: '长期' }, 2))).toMatchObject({
      message: '第 2 项：保管期限“长期”无效，应为永久、定期30年、定期10年之一',
      field: 'retention',
    });
    expect(expectRefusal(RuleError, () => checkFilingItem({ kind: '发文', recordId: 'r-1', orgCode: 'BGS', retention: '永久' }, 1)).field).toBe('kind');
    expect(expectRefusal(RuleError, () => checkFilingItem({ kind: '纪要', recordId: 'm', orgCode: '', retention: '永久' }, 3)).message).toBe('第 3 项：请选择机构');
    expect(expectRefusal(RuleError, () => checkFilingItem({ kind: '纪要', recordId: 'm', orgCode: 'BGS', retention: '永久', pages: 0 }, 1)).field).toBe('pages');
  });
});

describe('boxes', () => {
  it('fills the last box while both limits hold; an oversize 件 gets a box of its own', () => {
    const cap = { maxItems: 3, maxPages: 20 };
    expect(assignBoxes(null, [5, 5, 5, 5], cap)).toEqual([1, 1, 1, 2]);
    expect(assignBoxes(null, [15, 10, 30, 1], cap)).toEqual([1, 2, 3, 4]);
    expect(assignBoxes({ box: 2, items: 1, pages: 10 }, [5, 6], cap)).toEqual([2, 3]);
    expect(() => assignBoxes(null, [1], { maxItems: 0, maxPages: 1 })).toThrow('装盒容量无效');
  });

  it('never mixes years, 机构 or 保管期限 in one box', () => {
    const entries: ArchiveRecord[] = [];
    for (const year of [2025, 2026]) {
      for (const orgCode of ['BGS', 'CWK']) {
        for (const retention of ['永久', '定期10年'] as const) {
          for (let itemNo = 1; itemNo <= 3; itemNo++) {
            entries.push(entry({ year, orgCode, retention, itemNo, archiveCode: formatArchiveCode({ fondsCode: 'Z109', year, orgCode, retention, itemNo }), pages: 2 }));
          }
        }
      }
    }
    // Shuffled input: grouping does not depend on order.
    const shuffled = [...entries].reverse();
    const boxes = packIntoBoxes(shuffled, { maxItems: 100, maxPages: 1000 });
    expect(boxes).toHaveLength(8);
    for (const b of boxes) {
      const inside = entries.filter((e) => e.year === b.year && e.orgCode === b.orgCode && e.retention === b.retention && e.itemNo >= b.firstItemNo && e.itemNo <= b.lastItemNo);
      expect(inside).toHaveLength(b.count);
      expect(b).toMatchObject({ box: 1, firstItemNo: 1, lastItemNo: 3, count: 3, pages: 6 });
    }
    // Small boxes split a class, still never joining two.
    const small = packIntoBoxes(entries, { maxItems: 2, maxPages: 1000 });
    expect(small).toHaveLength(16);
    expect(small.filter((b) => b.year === 2026 && b.orgCode === 'BGS' && b.retention === '永久').map((b) => [b.box, b.firstItemNo, b.lastItemNo])).toEqual([
      [1, 1, 2],
      [2, 3, 3],
    ]);
    // In catalogue order: 年度, then 保管期限 (永久 before 定期10年), then 机构, then 盒号.
    expect(small.filter((b) => b.year === 2025).map((b) => `${b.retention} ${b.orgCode} ${b.box}`)).toEqual([
      '永久 BGS 1',
      '永久 BGS 2',
      '永久 CWK 1',
      '永久 CWK 2',
      '定期10年 BGS 1',
      '定期10年 BGS 2',
      '定期10年 CWK 1',
      '定期10年 CWK 2',
    ]);
    expect(small.map((b) => b.year)).toEqual([...Array(8).fill(2025), ...Array(8).fill(2026)]);
  });

  it('boxesOf follows the stored 盒号 and names the box by class and 起止件号', () => {
    const rows = [1, 2, 3].map((itemNo) => entry({ itemNo, box: itemNo < 3 ? 1 : 2, archiveCode: `Z109-WS·2026-Y-BGS-000${itemNo}` }));
    const boxes = boxesOf(rows);
    expect(boxes.map((b) => [b.box, b.firstArchiveCode, b.lastArchiveCode, b.count])).toEqual([
      [1, 'Z109-WS·2026-Y-BGS-0001', 'Z109-WS·2026-Y-BGS-0002', 2],
      [2, 'Z109-WS·2026-Y-BGS-0003', 'Z109-WS·2026-Y-BGS-0003', 1],
    ]);
    expect(boxTitle(boxes[0]!)).toBe('2026-BGS-永久 第1盒（0001–0002）');
  });
});

describe('filed records are read-only; 更正 of the catalogue entry', () => {
  const filed = { archiveCode: 'Z109-WS·2026-Y-BGS-0001', filedAt: '2026-12-01T01:00:00.000Z' };

  it('a filed 收文 refuses every step, naming the 档号', () => {
    const clerk: IncomingActor = { id: 'u-sec', name: '王秘书', roles: ['秘书'] };
    const r = finishedIncoming({ filed });
    const err = expectRefusal(Error, () => applyIncomingAction(r, { type: '催办', note: '请尽快' }, clerk, new Date(2026, 11, 2), cal));
    expect(err.message).toBe('此件已归档（档号 Z109-WS·2026-Y-BGS-0001），不能催办；如需更正，请在“归档”中办理更正');
  });

  it('a filed meeting refuses edits, 签到, drafts and 更正 of its minutes', () => {
    const m = issuedMeeting({ filed });
    const now = new Date(2026, 11, 2);
    const message = (what: string) => filedRefusal(filed, what, '该会议纪要');
    expect(expectRefusal(RuleError, () => correctMinutes(m, minutesInput(), '错字', cal, secretary, now)).message).toBe(message('更正纪要'));
    expect(expectRefusal(RuleError, () => editMeeting(m, meetingInput(), secretary, now)).message).toBe(message('修改会议信息'));
    expect(expectRefusal(RuleError, () => signIn(m, 'p-wang', { status: '到会' }, secretary, now)).message).toBe(message('修改签到'));
    expect(expectRefusal(RuleError, () => saveMinutesDraft(m, minutesInput(), cal, secretary, now)).message).toBe(message('修改纪要'));
  });

  it('更正 changes 题名, 文号, 页数, 备注 with a reason; never 件号 or 档号', () => {
    const e = entry();
    const now = new Date('2026-12-03T02:00:00Z');
    const { entry: after, correction } = correctCatalogueEntry(e, { title: ' 关于做好2026年终财务决算工作的通知 ', pages: 5, remarks: '' }, ' 题名漏字 ', { id: 'u-sec', name: '王秘书' }, now);
    expect(after).toMatchObject({ title: '关于做好2026年终财务决算工作的通知', pages: 5, remarks: '', itemNo: 1, archiveCode: e.archiveCode });
    // 备注 was already empty: not a change.
    expect(correction).toEqual({
      at: now.toISOString(),
      byId: 'u-sec',
      byName: '王秘书',
      reason: '题名漏字',
      before: { title: '关于做好年终财务决算工作的通知', pages: 4 },
      after: { title: '关于做好2026年终财务决算工作的通知', pages: 5 },
    });
    expect(after.corrections).toEqual([correction]);
    expect(describeCorrection(correction, false)).toBe('题名：关于做好年终财务决算工作的通知 → 关于做好2026年终财务决算工作的通知；页数：4 → 5；理由：题名漏字');
    expect(describeCorrection(correction, true)).toBe('题名已更正（涉密，内容略）；页数：4 → 5；理由略');
  });

  it('更正 is refused without a reason, without a change, or with a bad value', () => {
    const who = { id: 'u', name: 'x' };
    const now = new Date();
    expect(expectRefusal(RuleError, () => correctCatalogueEntry(entry(), { pages: 5 }, ' ', who, now)).field).toBe('reason');
    expect(expectRefusal(RuleError, () => correctCatalogueEntry(entry(), { pages: 4 }, '核对', who, now)).message).toBe('没有需要更正的内容');
    expect(expectRefusal(RuleError, () => correctCatalogueEntry(entry(), { pages: 0 }, '核对', who, now)).message).toBe('页数为 0，请填写实际页数');
    expect(expectRefusal(RuleError, () => correctCatalogueEntry(entry(), { title: '' }, '核对', who, now)).message).toBe('题名不能为空');
    expect(expectRefusal(RuleError, () => correctCatalogueEntry(entry(), { docNumber: '号'.repeat(61) }, '核对', who, now)).message).toBe('文号不能超过 60 个字');
  });
});
