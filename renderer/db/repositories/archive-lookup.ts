import Dexie from 'dexie';
import { isClassified } from '@shared/domain/enums';
import type { ArchiveRecord } from '@shared/domain/filing';
import { maskArchiveRecord } from '@shared/domain/need-to-know';
import { REGISTERS, type AnyRegister, type RegisterRow } from '@shared/domain/registers';
import { RuleError } from '@shared/domain/rule-error';
import { normalizeForSearch } from '@shared/domain/search-text';
import { authorize } from '../authorize';
import type { WenshuDB } from '../database';
import { registerTable } from '../registers';
import type { Actor, UnitInfo } from '../types';
import { getUnitInfo } from './settings';

// 档案查阅 (issue #14): the filed 件 of the 归档文件目录, read-only, for everyone with 查阅 rights
// (the 工作人员 who print filed reports, the 保密员, the 秘书). Need to know as everywhere: a 件 is
// shown in full only to those who may see its source record (the register's canSee, through the
// registry); others see its 档号, 密级 and dates with 【涉密】 for its 题名, and a search never
// matches its hidden text. Filing and 更正 stay on the 归档 page (归档 rights, filing.ts).

export interface ArchiveQuery {
  /** Matches 档号 and the source's number for anyone; 题名, 文号 and 责任者 only within the need to know. */
  search?: string;
  year?: number;
  orgCode?: string;
  offset: number;
  limit: number;
}

/** One filed 件 as the reader may see it. */
export interface ArchiveView {
  /** The catalogue entry; masked (need-to-know.ts maskArchiveRecord) when canSeeContent is false. */
  entry: ArchiveRecord;
  canSeeContent: boolean;
  /** The register it was filed from (REGISTERS key, e.g. incoming, meetings); null when unknown. */
  registerKind: string | null;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw RuleError.at('year', `年度无效：${year}`);
}

function filingRegisterOf(registers: readonly AnyRegister[], entry: Pick<ArchiveRecord, 'kind'>): AnyRegister | null {
  return registers.find((d) => d.filing?.kind === entry.kind) ?? null;
}

/** The source records of `entries` (by register), for the need-to-know decision. */
async function sourcesOf(db: WenshuDB, entries: readonly ArchiveRecord[], registers: readonly AnyRegister[]): Promise<Map<string, RegisterRow>> {
  const out = new Map<string, RegisterRow>();
  const byRegister = new Map<AnyRegister, string[]>();
  for (const e of entries) {
    const d = filingRegisterOf(registers, e);
    if (d) byRegister.set(d, [...(byRegister.get(d) ?? []), e.recordId]);
  }
  for (const [d, ids] of byRegister) {
    for (const r of await registerTable(db, d).bulkGet(ids)) if (r) out.set(r.id, r);
  }
  return out;
}

/**
 * May `actor` see this 件's content: what its source record's register says. A 件 whose source is
 * gone (or whose register is unknown) is shown only when it is not classified.
 */
function canSeeFiled(actor: Actor, entry: ArchiveRecord, register: AnyRegister | null, record: RegisterRow | undefined): boolean {
  return register && record ? register.canSee(actor, record) : !isClassified(entry.classification);
}

function viewOf(actor: Actor, entry: ArchiveRecord, registers: readonly AnyRegister[], sources: Map<string, RegisterRow>): ArchiveView {
  const register = filingRegisterOf(registers, entry);
  const canSeeContent = canSeeFiled(actor, entry, register, sources.get(entry.recordId));
  return { entry: canSeeContent ? entry : maskArchiveRecord(entry), canSeeContent, registerKind: register?.kind ?? null };
}

/**
 * One page of filed 件: newest 年度 first, then in 档号 order. Filtered by 年度 and 机构, and by a
 * search over 档号 and the source's number (public) or 题名, 文号 and 责任者 (within the need to know).
 */
export async function searchArchive(db: WenshuDB, actor: Actor, q: ArchiveQuery, registers: readonly AnyRegister[] = REGISTERS): Promise<{ rows: ArchiveView[]; total: number }> {
  actor = await authorize(db, actor, 'records.read');
  if (q.year !== undefined) checkYear(q.year);
  let entries =
    q.year !== undefined ? await db.archive.where('[year+archiveCode]').between([q.year, Dexie.minKey], [q.year, Dexie.maxKey]).toArray() : await db.archive.toArray();
  if (q.orgCode) entries = entries.filter((e) => e.orgCode === q.orgCode);
  const needle = q.search ? normalizeForSearch(q.search) : '';
  if (needle) {
    const publicHit = (e: ArchiveRecord) => normalizeForSearch(`${e.archiveCode}\n${e.recordLabel}`).includes(needle);
    const contentHit = (e: ArchiveRecord) => normalizeForSearch(`${e.title}\n${e.docNumber}\n${e.responsible}`).includes(needle);
    // Hidden text must not even match: the need to know is asked of every 件 matched by its content only.
    const maybe = entries.filter((e) => !publicHit(e) && contentHit(e));
    const sources = await sourcesOf(db, maybe, registers);
    const seenHits = new Set(maybe.filter((e) => canSeeFiled(actor, e, filingRegisterOf(registers, e), sources.get(e.recordId))).map((e) => e.id));
    entries = entries.filter((e) => publicHit(e) || seenHits.has(e.id));
  }
  entries.sort((a, b) => b.year - a.year || a.archiveCode.localeCompare(b.archiveCode));
  const page = entries.slice(q.offset, q.offset + q.limit);
  const sources = await sourcesOf(db, page, registers);
  return { rows: page.map((e) => viewOf(actor, e, registers, sources)), total: entries.length };
}

/** The 年度 and 机构 that have filed 件 (the lookup's filter choices; neither is secret). */
export async function archiveFacets(db: WenshuDB, actor: Actor): Promise<{ years: number[]; orgs: { code: string; name: string }[] }> {
  await authorize(db, actor, 'records.read');
  const counters = await db.counters.where(':id').startsWith('归档:').toArray();
  const years = [...new Set(counters.filter((c) => c.last > 0).map((c) => c.year))].sort((a, b) => b - a);
  const codes = new Set<string>();
  await db.archive.each((e) => {
    codes.add(e.orgCode);
  });
  const names = new Map((await db.departments.toArray()).map((d) => [d.code, d.name]));
  return { years, orgs: [...codes].sort().map((code) => ({ code, name: names.get(code) ?? code })) };
}

/** One filed 件 for its read-only page, or null when there is none. */
export async function getArchiveView(db: WenshuDB, actor: Actor, archiveId: string, registers: readonly AnyRegister[] = REGISTERS): Promise<(ArchiveView & { orgName: string }) | null> {
  actor = await authorize(db, actor, 'records.read');
  const entry = await db.archive.get(archiveId);
  if (!entry) return null;
  const org = await db.departments.where('code').equals(entry.orgCode).first();
  return { ...viewOf(actor, entry, registers, await sourcesOf(db, [entry], registers)), orgName: org?.name ?? entry.orgCode };
}

/** What printing a filed 件 prints: its entry, the source record (within the need to know) and the register's layout. */
export interface FiledPrint {
  entry: ArchiveRecord;
  register: AnyRegister;
  record: RegisterRow;
  unit: UnitInfo | null;
}

/**
 * A filed 件 as printed (打印已归档报表): the document its register files (收文处理笺, 纪要), read
 * for someone with 打印 rights within its need to know. Refused otherwise, saying why.
 */
export async function filedPrintOf(db: WenshuDB, actor: Actor, archiveId: string, registers: readonly AnyRegister[] = REGISTERS): Promise<FiledPrint> {
  actor = await authorize(db, actor, 'reports.print');
  const entry = await db.archive.get(archiveId);
  if (!entry) throw new RuleError('该归档文件不存在');
  const register = filingRegisterOf(registers, entry);
  const record = register ? await registerTable(db, register).get(entry.recordId) : undefined;
  if (!register || !record || !register.filing?.packageDocument) throw new RuleError(`${entry.archiveCode} 没有可打印的原件`);
  if (!register.canSee(actor, record)) throw new RuleError(`${entry.archiveCode} 为涉密文件，您不在知悉范围内，不能打印`);
  return { entry, register, record, unit: await getUnitInfo(db) };
}
