import { canonicalJson } from '@shared/domain/canonical-json';
import type { ArchiveRecord } from '@shared/domain/filing-types';
import type { WenshuDB } from '../database';
import { peekNextSerial, registerNumberingRule, takeRegisterNumber, type CounterWriter } from '../numbering';
import { registerTable, rowsInRanges } from '../registers';
import { formatRegisterNumber, seriesWithPrefix, type RegisterSeries } from '@shared/domain/numbering';
import { purposeOf, type TransferPackage, type TransferPurpose } from '@shared/domain/transfer';
import { isAccountId, registerOf, type AnyRegister, type RegisterRow } from '@shared/domain/registers';
import { toLocalIsoDate } from '@shared/domain/dates';
import { receivedIdOf } from '@shared/domain/transfer-receive';
import { mapRecordPeople, personKey, type PeopleMapping } from '@shared/domain/transfer-people';

// What importing a 迁移包 here would do, record by record (issue #20), computed the same way for the
// preview (numbers peeked) and inside the import's transaction (numbers taken): a package
// 本单位其他计算机 keeps each record's identity and number, renumbering one whose number a different
// record here holds; a package 送往其他单位 registers each record as this office's own incoming
// material (see transfer-receive).

export const TRANSFER_ROW_STATUSES = ['新增', '已存在（相同）', '更新', '已存在（本机较新，不导入）', '编号冲突（不导入）', '不接收'] as const;
export type TransferRowStatus = (typeof TRANSFER_ROW_STATUSES)[number];

/** The importer's choices in the preview. */
export interface TransferDecisions {
  /** Rows (`kind:id` of the package) whose offered 更新 the importer accepted: never applied otherwise. */
  updates?: readonly string[];
  /**
   * Who each person named on the records is here (shared/domain/transfer-people.ts), as the
   * importer confirmed it; absent: the suggestions (anyone not suggested becomes 外单位人员).
   */
  people?: PeopleMapping;
}

/** A row of the package as the plan sees it: `kind:id`. */
export const rowKey = (kind: string, id: string) => `${kind}:${id}`;

export interface PlannedRecord {
  /** The register of the package's row, and the row as sent. */
  d: AnyRegister;
  record: RegisterRow;
  status: TransferRowStatus;
  /** What is written here (a row of `target.d`): for 新增, and for 更新 when accepted. */
  write: { d: AnyRegister; row: RegisterRow; isNew: boolean } | null;
  /** The number the record has (or will have) here. */
  number: string;
  /** The number it had at the sender when it gets another here. */
  renumberedFrom?: string;
  /** An offered 更新 the importer accepted. */
  accepted?: boolean;
  /** Why it is not taken (不接收). */
  why?: string;
  /** Names a person whose counterpart here the importer has not confirmed yet (需确认). */
  needsPeople?: boolean;
}

/** Hands out this PC's next numbers of a series: peeked for the preview, taken inside the import. */
export interface NumberSource {
  next(series: string, year: number): Promise<{ seq: number; serial: string }>;
}

/** The register series a counter key belongs to, without a PC's prefix ('收文@C' → '收文'). */
function baseSeries(series: string): RegisterSeries {
  const base = series.split('@')[0]!;
  if (base === '收文' || base === '载体' || base === '督办' || base.startsWith('纪要:')) return base as RegisterSeries;
  throw new Error(`迁移包导入不能在编号序列“${series}”中重新编号`);
}

/** Numbers as the preview shows them: this PC's next free ones (its prefix), counted on in memory. */
export function peekedNumbers(db: WenshuDB): NumberSource {
  const planned = new Map<string, number>();
  return {
    async next(series, year) {
      const base = baseSeries(series);
      const rule = await registerNumberingRule(db, base);
      const key = `${seriesWithPrefix(base, rule.prefix)}|${year}`;
      const seq = planned.get(key) ?? (await peekNextSerial(db, seriesWithPrefix(base, rule.prefix), year));
      planned.set(key, seq + 1);
      return { seq, serial: formatRegisterNumber(rule.pattern, year, seq, rule.prefix) };
    },
  };
}

/** Numbers taken in the import's transaction (gap-free, this PC's prefix, as any registration here). */
export function takenNumbers(db: WenshuDB, writer: CounterWriter): NumberSource {
  return {
    async next(series, year) {
      const n = await takeRegisterNumber(db, baseSeries(series), year, writer);
      return { seq: n.seq, serial: n.serial };
    },
  };
}

/** The package's row is newer than the one here (offered as 更新), by its last change. */
function newer(sent: RegisterRow, here: RegisterRow): boolean {
  const at = (r: RegisterRow) => String((r as { updatedAt?: unknown }).updatedAt ?? '');
  return at(sent) > at(here);
}

export interface PlanContext {
  db: WenshuDB;
  pkg: TransferPackage;
  registers: readonly AnyRegister[];
  numbers: NumberSource;
  decisions: TransferDecisions;
  /** The mapping the records are written with (decisions.people, or the suggestions). */
  mapping: PeopleMapping;
  /** Persons not yet confirmed (their records are 需确认). */
  unconfirmed: ReadonlySet<string>;
  by: { at: string; id: string; name: string };
  now: Date;
}

/** Whether `row` names a person still to confirm. */
function needsPeople(c: PlanContext, d: AnyRegister, row: RegisterRow): boolean {
  if (c.unconfirmed.size === 0 || !d.transfer.people) return false;
  return d.transfer.people(row).some((p) => c.unconfirmed.has(personKey(p)));
}

/**
 * 本单位其他计算机: a record whose id is here is the same record (unchanged: 已存在（相同）; sent newer:
 * 更新, offered; else 本机较新); a new one keeps its number unless a different record here holds it,
 * then it is renumbered in this PC's series, the old number kept as 原编号.
 */
async function planSameOffice(c: PlanContext): Promise<PlannedRecord[]> {
  const out: PlannedRecord[] = [];
  const accepted = new Set(c.decisions.updates ?? []);
  for (const d of c.registers) {
    const rows: readonly RegisterRow[] = c.pkg.items[d.kind] ?? [];
    if (rows.length === 0) continue;
    const existing = await registerTable(c.db, d).bulkGet(rows.map((r) => r.id));
    const here = await rowsInRanges(c.db, d, d.numberKey.lookup(rows));
    const taken = new Set(here.map((r) => d.numberKey.of(r)).filter((k): k is string => k !== null));
    // First every new record whose number is free keeps it; only then are the others renumbered, so
    // a new number never lands on one a later record of the package keeps.
    const keeps = new Set<number>();
    rows.forEach((sent, i) => {
      const key = d.numberKey.of(sent);
      if (existing[i] || key === null || taken.has(key)) return;
      taken.add(key);
      keeps.add(i);
    });
    for (const [i, sent] of rows.entries()) {
      const mine = existing[i];
      // Written with its people as this PC knows them (the same mapping gives the same row).
      const record = mapRecordPeople(d, sent, c.mapping);
      const flag = needsPeople(c, d, sent) ? { needsPeople: true } : {};
      const push = (p: PlannedRecord) => out.push({ ...p, record: sent, ...flag });
      if (mine) {
        if (canonicalJson(mine) === canonicalJson(record)) push({ d, record, status: '已存在（相同）', write: null, number: d.number(mine) });
        else if ((mine as { filed?: unknown }).filed) {
          // Filed here: read-only, and its 归档文件目录 entry describes it as it is.
          push({ d, record, status: '已存在（本机较新，不导入）', write: null, number: d.number(mine), why: '本机已归档，不能更新' });
        } else if (newer(record, mine)) {
          const yes = accepted.has(rowKey(d.kind, record.id));
          // An update keeps the number this PC gave the record (it may have been renumbered here).
          const n = d.numberKey.counter(mine);
          const row = d.numberKey.renumber && n && d.numberKey.of(record) !== d.numberKey.of(mine) ? d.numberKey.renumber(record, { year: n.year, seq: n.seq, serial: numberKeySerial(d, mine) }, c.by) : record;
          push({ d, record, status: '更新', write: yes ? { d, row, isNew: false } : null, number: d.number(mine), accepted: yes });
        } else push({ d, record, status: '已存在（本机较新，不导入）', write: null, number: d.number(mine) });
        continue;
      }
      if (keeps.has(i) || d.numberKey.of(record) === null) {
        push({ d, record, status: '新增', write: { d, row: record, isNew: true }, number: d.number(record) });
        continue;
      }
      const n = d.numberKey.counter(record);
      if (!d.numberKey.renumber || !n) {
        push({ d, record, status: '编号冲突（不导入）', write: null, number: d.number(record) });
        continue;
      }
      // This PC's next number that no record here or in the package holds.
      const renumber = d.numberKey.renumber;
      const next = async () => {
        const to = await c.numbers.next(n.series, n.year);
        return renumber(record, { year: n.year, seq: to.seq, serial: to.serial }, c.by);
      };
      let row = await next();
      let k = d.numberKey.of(row);
      while (k !== null && taken.has(k)) {
        row = await next();
        k = d.numberKey.of(row);
      }
      if (k !== null) taken.add(k);
      push({ d, record, status: '新增', write: { d, row, isNew: true }, number: d.number(row), renumberedFrom: d.number(record) });
    }
  }
  return out;
}

/** The serial string a record's number is made of (收文编号, 载体编号, 纪要编号, 督办编号). */
function numberKeySerial(d: AnyRegister, row: RegisterRow): string {
  const r = row as { serial?: unknown; issued?: { number?: unknown } };
  if (typeof r.serial === 'string') return r.serial;
  if (typeof r.issued?.number === 'string') return r.issued.number;
  return d.number(row);
}

/** Each record of the package against this database, as importing it now would treat it. */
async function planImport(c: PlanContext): Promise<PlannedRecord[]> {
  const purpose: TransferPurpose = purposeOf(c.pkg);
  return purpose === '本单位其他计算机' ? planSameOffice(c) : planOtherUnit(c);
}

/**
 * 送往其他单位: each record becomes this office's own (descriptor transfer.receive): a 收文 or 纪要 a
 * new 收文 under this PC's next number, a carrier a new 台账 entry, the sender's number kept as 原编号.
 * The new record's id is derived from the sender's, so one received before (from this package or
 * another) is found: unchanged → 已存在（相同）; the sender's part newer → 更新, offered.
 */
async function planOtherUnit(c: PlanContext): Promise<PlannedRecord[]> {
  const out: PlannedRecord[] = [];
  const accepted = new Set(c.decisions.updates ?? []);
  const today = toLocalIsoDate(c.now);
  const year = Number(today.slice(0, 4));
  const actor = { id: c.by.id, name: c.by.name };
  // The receiver's 收文 for a sender's 收文 id: a carrier that came with it is registered under it.
  const incomingHere = new Map<string, { id: string; serial: string }>();
  const arrivingCarrierIds = new Set(c.registers.filter((d) => d.transfer.receive?.into === 'carriers').flatMap((d) => (c.pkg.items[d.kind] ?? []).map((r) => r.id)));
  for (const d of c.registers) {
    const rows: readonly RegisterRow[] = c.pkg.items[d.kind] ?? [];
    if (rows.length === 0) continue;
    const receipt = d.transfer.receive;
    const target = receipt ? registerOf(receipt.into, c.registers) : undefined;
    if (!receipt || !target) {
      for (const record of rows) out.push({ d, record, status: '不接收', write: null, number: d.number(record), why: `${d.label}不能送往其他单位` });
      continue;
    }
    // A carrier's 收文 received in an earlier package (its sender id → the id it has here).
    const sourceIds = rows.map((r) => (r as { source?: { incomingId?: unknown } }).source?.incomingId).filter((x): x is string => typeof x === 'string');
    if (sourceIds.length) {
      const incomingD = registerOf('incoming', c.registers);
      if (incomingD) {
        const earlier = await registerTable(c.db, incomingD).bulkGet(sourceIds.map((sid) => receivedIdOf('incoming', sid)));
        sourceIds.forEach((sid, i) => {
          const e = earlier[i];
          if (e && !incomingHere.has(sid)) incomingHere.set(sid, { id: e.id, serial: incomingD.number(e) });
        });
      }
    }
    const existing = await registerTable(c.db, target).bulkGet(rows.map((r) => receipt.idOf(r)));
    for (const [i, record] of rows.entries()) {
      const flag = needsPeople(c, d, record) ? { needsPeople: true } : {};
      const refusal = receipt.refusal(record);
      if (refusal) {
        out.push({ d, record, status: '不接收', write: null, number: d.number(record), why: refusal });
        continue;
      }
      const mine = existing[i];
      if (mine) {
        if (d.kind === 'incoming') incomingHere.set(record.id, { id: mine.id, serial: target.number(mine) });
        // The same record only when it came from the same unit (a package cannot rewrite another unit's part).
        const fromUnit = (mine as { origin?: { unit?: unknown } }).origin?.unit;
        const cmp = fromUnit === c.pkg.sender.unitName ? receipt.compare(mine, record) : 'older-or-different';
        const base = { d, record, number: target.number(mine), renumberedFrom: d.number(record), ...flag };
        if (cmp === 'same') out.push({ ...base, status: '已存在（相同）', write: null });
        else if (cmp === 'newer' && receipt.updateRefusal(mine) === null) {
          const yes = accepted.has(rowKey(d.kind, record.id));
          out.push({ ...base, status: '更新', write: yes ? { d: target, row: receipt.update(mine, record, { packageId: c.pkg.packageId, now: c.now, actor }), isNew: false } : null, accepted: yes });
        } else out.push({ ...base, status: '已存在（本机较新，不导入）', write: null, ...(cmp === 'newer' ? { why: receipt.updateRefusal(mine)! } : {}) });
        continue;
      }
      const n = await c.numbers.next(receipt.series, year);
      // Its people as this PC knows them (a carrier's 知悉范围: mapped accounts only).
      const mapped = mapRecordPeople(d, record, c.mapping);
      const knowers = (mapped as { knowers?: readonly { userId: string; name: string }[] }).knowers;
      const row = receipt.make(mapped, {
        sender: c.pkg.sender,
        packageId: c.pkg.packageId,
        today,
        now: c.now,
        actor,
        number: { year, seq: n.seq, serial: n.serial },
        ...(knowers ? { knowers: knowers.filter((k) => isAccountId(k.userId)) } : {}),
        ...(c.pkg.classifiedMode ? { classifiedMode: c.pkg.classifiedMode } : {}),
        incomingOf: (sid) => incomingHere.get(sid),
        arrivingCarrierIds,
      });
      if (d.kind === 'incoming') incomingHere.set(record.id, { id: row.id, serial: n.serial });
      out.push({ d, record, status: '新增', write: { d: target, row, isNew: true }, number: target.number(row), renumberedFrom: d.number(record), ...flag });
    }
  }
  return out;
}

/** What happens to each 归档文件目录 entry a package brings (本单位其他计算机: filed records keep their 档号). */
export interface PlannedArchive {
  entry: ArchiveRecord;
  status: '新增' | '已存在（相同）' | '档号冲突（不导入）' | '所属记录不导入';
}

/**
 * The package's catalogue entries against this PC's 归档文件目录: one comes with its record (written
 * now, or here already the same); an entry here with the same id is left as it is; a 档号 another
 * entry here holds (two PCs filed the same class independently) is not imported, and said.
 */
async function planArchive(db: WenshuDB, pkg: TransferPackage, plan: readonly PlannedRecord[]): Promise<PlannedArchive[]> {
  const entries = pkg.archive ?? [];
  if (entries.length === 0) return [];
  // The records here after the import under the package's ids (本单位其他计算机 keeps them): new, updated, or the same.
  const coming = new Set(plan.filter((p) => (p.write && p.write.row.id === p.record.id) || (p.status === '已存在（相同）' && purposeOf(pkg) === '本单位其他计算机')).map((p) => p.record.id));
  const byId = await db.archive.bulkGet(entries.map((e) => e.id));
  const byCode = await db.archive.where('archiveCode').anyOf(entries.map((e) => e.archiveCode)).toArray();
  const codes = new Map(byCode.map((e) => [e.archiveCode, e]));
  return entries.map((entry, i) => {
    const here = byId[i];
    if (here) return { entry, status: '已存在（相同）' };
    if (!coming.has(entry.recordId)) return { entry, status: '所属记录不导入' };
    const other = codes.get(entry.archiveCode);
    if (other) return { entry, status: '档号冲突（不导入）' };
    codes.set(entry.archiveCode, entry);
    return { entry, status: '新增' };
  });
}

/**
 * The records and the catalogue entries together: a filed record whose 档号 another entry here holds
 * is not imported either (it would claim a 档号 of another document here).
 */
export async function planWithArchive(c: PlanContext): Promise<{ plan: PlannedRecord[]; archive: PlannedArchive[] }> {
  const plan = await planImport(c);
  const archive = await planArchive(c.db, c.pkg, plan);
  const clashes = new Map(archive.filter((a) => a.status === '档号冲突（不导入）').map((a) => [a.entry.recordId, a.entry.archiveCode]));
  if (clashes.size === 0) return { plan, archive };
  return {
    archive,
    plan: plan.map((p) => {
      const code = p.write ? clashes.get(p.record.id) : undefined;
      return code ? { ...p, status: '编号冲突（不导入）', write: null, accepted: false, why: `档号 ${code} 已被本机其他归档条目使用` } : p;
    }),
  };
}
