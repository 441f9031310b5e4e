import { INCOMING_NOT_FOUND } from '../incoming';
import { incomingCatalogue, incomingFilingLabel, incomingFilingProblem } from '../filing';
import type { IncomingRecord } from '../incoming-types';
import { canSeeIncomingContent, maskIncoming } from '../need-to-know';
import { incomingRecordSchema } from '../transfer';
import { compareForeign, foreignUpdateRefusal, receiveAsIncoming, receivedIdOf, updateForeignOrigin } from '../transfer-receive';
import { prefixOfNumber, seriesWithPrefix } from '../numbering';
import { auditLabel, type RegisterDescriptor } from './descriptor';
import { incomingPeople, mapIncomingPeople } from './people';

/** The counter series of 收文编号 (renderer/db/numbering.ts). */
export const INCOMING_SERIES = '收文';

/** 收文 (issue 3): incoming documents, numbered 收〔2026〕0001 within the year. */
export const INCOMING_REGISTER: RegisterDescriptor<IncomingRecord> = {
  kind: 'incoming',
  table: 'incoming',
  label: '收文',
  entityType: '收文',
  numberKey: {
    of: (r) => r.serial,
    lookup: (rows) => ({ index: 'serial', ranges: rows.map((r) => [r.serial, r.serial] as const) }),
    // A prefixed 收〔2026〕B-0001 (issue #20) came from the prefix's own counter, '收文@B'.
    counter: (r) => ({ series: seriesWithPrefix(INCOMING_SERIES, prefixOfNumber(r.serial, r.seq)), year: r.year, seq: r.seq }),
    renumber: (r, to, by) => ({
      ...r,
      year: to.year,
      seq: to.seq,
      serial: to.serial,
      legacyNumber: r.legacyNumber || r.serial,
      history: [...r.history, { action: '导入', at: by.at, byId: by.id, byName: by.name, note: by.note ?? `迁移包导入时编号 ${r.serial} 已被本机其他收文使用，重新编号为 ${to.serial}（原编号 ${r.serial}）` }],
    }),
  },
  number: (r) => r.serial,
  title: (r) => r.title,
  classification: (r) => r.classification,
  state: (r) => r.state,
  canSee: canSeeIncomingContent,
  mask: maskIncoming,
  audit: (r) => ({ number: r.serial, title: r.title, classification: r.classification }),
  search: {
    publicText: (r) => [r.serial, r.legacyNumber ?? ''],
    // A received 收文's original 来文单位 (the sender's) finds it too.
    contentText: (r) => [r.title, r.fromUnit, r.docNumber, r.summary ?? '', ...(r.origin?.fromUnit ? [r.origin.fromUnit] : [])],
    // Two PCs' equal numbers (B-0001, C-0001) then by the number's text.
    order: (r) => `${r.year}|${String(r.seq).padStart(10, '0')}|${r.serial}`,
  },
  filing: {
    kind: '收文',
    entityType: '收文',
    yearRange: (year) => ({ index: '[year+seq]', lower: [year, -Infinity], upper: [year, Infinity] }),
    isCandidate: (r) => r.state === '已办结' && !r.filed,
    catalogue: (r) => incomingCatalogue(r),
    recordLabel: (r) => r.serial,
    who: incomingFilingLabel,
    problem: incomingFilingProblem,
    docType: (r) => r.docType,
    pagesEstimated: false,
    orgDeptId: (r) => r.hostDeptId,
    markFiled: (r, filed, by) => ({ ...r, filed, history: [...r.history, { action: '归档', at: filed.filedAt, byId: by.id, byName: by.name, note: filed.archiveCode }], updatedAt: filed.filedAt }),
    missing: INCOMING_NOT_FOUND,
    packageDocument: 'incoming-slip',
  },
  prints: [
    { id: 'incoming-slip', name: '收文处理笺' },
    { id: 'incoming-register', name: '收文登记簿' },
  ],
  transfer: {
    schema: incomingRecordSchema,
    importPermission: 'incoming.process',
    importAction: '迁移导入收文',
    importName: (r) => `收文 ${auditLabel(INCOMING_REGISTER, r)}`,
    custody: null,
    // A classified 收文's copies (its carriers still kept here) go with it.
    companions: (r) => ({ kind: 'carriers', ids: r.carrierIds ?? [] }),
    goesAlong: null,
    // Another unit registers it as its own 收文; the sender's history is kept read-only.
    receive: {
      into: 'incoming',
      series: INCOMING_SERIES,
      people: [],
      refusal: () => null,
      idOf: (r) => receivedIdOf('incoming', r.id),
      make: (r, ctx) => receiveAsIncoming(r, '收文', ctx),
      compare: (existing, r) => compareForeign(existing as IncomingRecord, r),
      updateRefusal: (existing) => foreignUpdateRefusal(existing as IncomingRecord),
      update: (existing, r, ctx) => updateForeignOrigin(existing as IncomingRecord, r, ctx),
    },
    // People mapping on import (issue #20): every person the record names, see ./people.ts.
    people: incomingPeople,
    mapPeople: mapIncomingPeople,
  },
};
