import type { DocNumberSeries, OutgoingRecord } from '@shared/domain/outgoing-types';

// Two 发文 as the 红头 Word file sees them once 登记 and 印制 are done: a 上行文 请示 (signed by
// 县长, classified) and a 下行文 通知 (not classified, 抄送 and 附件).

export const REDHEAD_UNIT = '临川县人民政府办公室';

export const SERIES_FA: DocNumberSeries = {
  id: 'xzf',
  code: '县政发',
  pattern: '县政发〔YYYY〕N号',
  issuerMark: '临川县人民政府文件',
  issuerName: '临川县人民政府',
};

export const SERIES_BANFA: DocNumberSeries = {
  id: 'xzbf',
  code: '县政办发',
  pattern: '县政办发〔YYYY〕N号',
  issuerMark: '临川县人民政府办公室文件',
  issuerName: '临川县人民政府办公室',
};

const base: Omit<OutgoingRecord, 'title' | 'docType' | 'direction' | 'seriesId' | 'mainTo' | 'copyTo' | 'classification' | 'urgency'> = {
  id: 'o1',
  state: '待核发',
  draftingUnit: { id: 'd1', name: '县政府办公室' },
  drafter: { userId: 'u1', name: '李文书' },
  countersignUnits: [],
  printCopies: 3,
  disclosure: '主动公开',
  draftYear: 2026,
  returns: [],
  countersigns: [],
  distributions: [],
  namedUserIds: ['u1'],
  history: [],
  createdAt: '2026-06-20T01:00:00.000Z',
  updatedAt: '2026-07-01T01:00:00.000Z',
};

/** 上行文 请示, 机密 (statutory 20年), 特急, signed by 王县长, 2026年7月1日, 不予公开. */
export function requestRecord(over: Partial<OutgoingRecord> = {}): OutgoingRecord {
  return {
    ...base,
    title: '临川县人民政府关于申请2026年度防汛救灾专项资金的请示',
    docType: '请示',
    direction: '上行文',
    seriesId: SERIES_FA.id,
    mainTo: ['市人民政府'],
    copyTo: [],
    classification: '机密',
    urgency: '特急',
    disclosure: '不予公开',
    year: 2026,
    seq: 12,
    docNumber: '县政发〔2026〕12号',
    signoff: { signerId: 'p9', signer: '王建国', text: '同意', date: '2026-07-01', at: '2026-07-01T02:00:00.000Z', recordedBy: '李文书' },
    writtenDate: '2026-07-01',
    remark: '联系人：李文书，电话：0794-1234567',
    body: [
      '今年入汛以来，我县遭受多轮强降雨袭击，部分乡镇堤防、山塘受损严重，群众生产生活受到较大影响。',
      '一、灾情基本情况。全县12个乡镇不同程度受灾，直接经济损失约1.2亿元。',
      '二、资金需求。恳请市人民政府安排防汛救灾专项资金3000万元，用于水毁工程修复。',
      '妥否，请批示。',
    ].join('\n'),
    ...over,
  };
}

/** 下行文 通知, 非密, 普通, 抄送 three units, two 附件, 主动公开. */
export function noticeRecord(over: Partial<OutgoingRecord> = {}): OutgoingRecord {
  return {
    ...base,
    id: 'o2',
    title: '临川县人民政府办公室关于做好2026年度安全生产大检查工作的通知',
    docType: '通知',
    direction: '下行文',
    seriesId: SERIES_BANFA.id,
    mainTo: ['各乡镇人民政府', '县政府各部门'],
    copyTo: ['县委办公室', '县人大常委会办公室', '县政协办公室'],
    classification: '非密',
    urgency: '普通',
    year: 2026,
    seq: 7,
    docNumber: '县政办发〔2026〕7号',
    signoff: { signerId: 'p8', signer: '赵副县长', text: '同意印发', date: '2026-07-01', at: '2026-07-01T02:00:00.000Z', recordedBy: '李文书' },
    writtenDate: '2026-07-01',
    attachments: '1.安全生产大检查工作方案\n2.检查情况汇总表。',
    printing: { copies: 40, copyNumbers: [], carrierIds: [], at: '2026-07-02T03:00:00.000Z', byName: '李文书' },
    body: [
      '为切实做好今年安全生产工作，经县人民政府同意，现就开展安全生产大检查有关事项通知如下。',
      '（一）检查范围。全县各类生产经营单位。',
      '请各单位认真贯彻执行。',
    ].join('\n'),
    ...over,
  };
}
