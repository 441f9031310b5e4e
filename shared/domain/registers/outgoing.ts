import { outgoingCatalogue, outgoingCounterSeries, outgoingFilingProblem, outgoingFilingYear, outgoingLabel } from '../outgoing';
import type { OutgoingRecord } from '../outgoing-types';
import { canSeeOutgoingContent, maskOutgoing } from '../need-to-know';
import { outgoingRecordSchema } from '../transfer';
import { auditLabel, type RegisterDescriptor } from './descriptor';
import { outgoingPeople, mapOutgoingPeople } from './people';

/** How a 发文 is numbered in lists: its 文号 once registered, else its draft year and state. */
export function outgoingNumber(r: Pick<OutgoingRecord, 'docNumber' | 'draftYear' | 'state'>): string {
  return r.docNumber ?? `${r.draftYear} 稿（${r.state}）`;
}

/** 发文 (issue #16): our own documents, numbered per 机关代字 and year at 登记 (县政办发〔2026〕7号). */
export const OUTGOING_REGISTER: RegisterDescriptor<OutgoingRecord> = {
  kind: 'outgoing',
  table: 'outgoing',
  label: '发文',
  entityType: '发文',
  numberKey: {
    // The 文号; a draft not yet registered has none.
    of: (r) => r.docNumber ?? null,
    lookup: (rows) => ({ index: 'docNumber', ranges: rows.filter((r) => r.docNumber).map((r) => [r.docNumber!, r.docNumber!] as const) }),
    counter: (r) => (r.year !== undefined && r.seq !== undefined ? { series: outgoingCounterSeries(r.seriesId), year: r.year, seq: r.seq } : null),
    renumber: null,
  },
  number: outgoingNumber,
  title: (r) => r.title,
  classification: (r) => r.classification,
  state: (r) => r.state,
  canSee: canSeeOutgoingContent,
  mask: maskOutgoing,
  // By 文号 (or draft year) and 《title》 unless classified.
  audit: (r) => ({ number: outgoingNumber(r), title: r.title, classification: r.classification }),
  search: {
    publicText: (r) => [r.docNumber ?? ''],
    contentText: (r) => [r.title, ...r.mainTo, ...r.copyTo, r.draftingUnit.name, r.drafter.name, r.signoff?.signer ?? ''],
    // Newest drafted first (a draft has no 文号 yet, so the 文号 cannot order the list); the id
    // breaks ties. The list's first page reads the same order from the createdAt index.
    order: (r) => `${r.createdAt}|${r.id}`,
  },
  filing: {
    kind: '发文',
    entityType: '发文',
    // 成文日期 (the 签发 date unless changed at 复核) decides the year.
    yearRange: (year) => ({ index: 'writtenDate', lower: `${year}-01-01`, upper: `${year}-12-31` }),
    isCandidate: (r, year) => r.state === '已核发' && !r.filed && outgoingFilingYear(r) === year,
    catalogue: outgoingCatalogue,
    recordLabel: (r) => r.docNumber ?? outgoingLabel(r),
    who: outgoingLabel,
    problem: outgoingFilingProblem,
    docType: (r) => r.docType,
    pagesEstimated: true,
    orgDeptId: (r) => r.draftingUnit.id || undefined,
    markFiled: (r, filed, by) => ({ ...r, filed, history: [...r.history, { action: '归档', at: filed.filedAt, byId: by.id, byName: by.name, note: filed.archiveCode }], updatedAt: filed.filedAt }),
    missing: '该发文不存在',
    packageDocument: 'outgoing-slip',
  },
  prints: [
    { id: 'outgoing-slip', name: '发文稿纸' },
    { id: 'outgoing-register', name: '发文登记簿' },
    { id: 'outgoing-receipt', name: '分发签收单' },
  ],
  transfer: {
    schema: outgoingRecordSchema,
    importPermission: 'outgoing.process',
    importAction: '迁移导入发文',
    importName: (r) => `发文 ${auditLabel(OUTGOING_REGISTER, r)}`,
    custody: null,
    // A classified 发文's printed copies (its carriers still kept here) go with it.
    companions: (r) => ({ kind: 'carriers', ids: r.printing?.carrierIds ?? [] }),
    goesAlong: null,
    receive: null,
    // People mapping on import (issue #20): every person the record names, see ./people.ts.
    people: outgoingPeople,
    mapPeople: mapOutgoingPeople,
  },
};
