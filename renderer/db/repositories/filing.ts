import Dexie from 'dexie';
import { DOC_TYPES, isClassified, type Classification, type DocType, type RetentionPeriod } from '@shared/domain/enums';
import { archiveStamp, assignBoxes, boxesOf, checkFilingItem, compareForFiling, correctCatalogueEntry, describeCorrection, filingClassKey, filingSettingsSchema, filingSeries, formatArchiveCode, inCatalogueOrder, MAX_ITEM_NO, orgProblem, pagesProblem, resolveFilingSettings, type ArchiveBox, type ArchiveRecord, type BoxFill, type CatalogueCorrectionInput, type CatalogueFields, type FilingItem, type FilingKind, type FilingSettings } from '@shared/domain/filing';
import { auditName, maskCatalogueEntry } from '@shared/domain/need-to-know';
import { REGISTERS, type AnyRegister, type FilingRules, type RegisterDescriptor, type RegisterRow } from '@shared/domain/registers';
import { authorize } from '../authorize';
import type { WenshuDB } from '../database';
import { newId } from '../ids';
import { registerTable, registerTableNames, registryInput } from '../registers';
import { takeNextSerial } from '../numbering';
import type { Actor, DepartmentRecord } from '../types';
import { getUnitInfo } from './settings';
import { z } from 'zod';
import { defineCommand } from '../commands/define';
import { runCommand } from '../commands/execute';
import { RuleError } from '@shared/domain/rule-error';

// 归档 (issue #6, DOMAIN.md §6): finished 收文 and issued 纪要 become 件 of the 归档文件目录.
// Filing a batch is ONE transaction: every item is checked before anything is written (one bad
// item refuses the whole batch, naming it), then 件号 are taken from one counter per class
// (年度, 机构, 保管期限) in a stable order, the rows and boxes are written, the source records
// are marked filed (read-only from then on) and each 件 gets its audit entry. The audit log names
// a classified 件 by number and 密级, never by 题名.

export const FILING_SETTINGS_KEY = 'filing';

function ruleToError(e: unknown): never {
  if (e instanceof RuleError) throw e.field ? RuleError.at(e.field, e.message) : new RuleError(e.message);
  throw e;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw RuleError.at('year', `年度无效：${year}`);
}

/** How the audit log names a 件: number and 密级 when classified, else number and 题名 (need-to-know.ts). */
function filingAuditLabel(e: { recordLabel: string; title: string; classification: Classification }): string {
  return auditName({ number: e.recordLabel, title: e.title, classification: e.classification });
}

/** The registers that file (their descriptor has `filing`), each with its rules. */
function filingRegisters(registers: readonly AnyRegister[]): { d: AnyRegister; rules: FilingRules<RegisterRow> }[] {
  return registers.flatMap((d) => (d.filing ? [{ d, rules: d.filing }] : []));
}

// --- settings ------------------------------------------------------------------------------------

export async function getFilingSettings(db: WenshuDB): Promise<FilingSettings> {
  return resolveFilingSettings((await db.settings.get(FILING_SETTINGS_KEY))?.value);
}

/** Default 保管期限 per 文种, box capacity and the default 机构 (which must exist and be in use). */
export const saveFilingSettingsCommand = defineCommand({
  name: 'filing.saveSettings',
  input: filingSettingsSchema,
  permission: 'filing.manage',
  tables: ['settings', 'departments'],
  run: async ({ db, put, audit }, value: FilingSettings): Promise<FilingSettings> => {
    if (value.defaultOrgCode) {
      const problem = orgProblem(value.defaultOrgCode, await db.departments.where('code').equals(value.defaultOrgCode).first());
      if (problem) throw RuleError.at('defaultOrgCode', problem);
    }
    const before = await getFilingSettings(db);
    await put('settings', { key: FILING_SETTINGS_KEY, value });
    const changed = DOC_TYPES.filter((t) => before.retentionByDocType[t] !== value.retentionByDocType[t]).map((t) => `${t} ${before.retentionByDocType[t]} → ${value.retentionByDocType[t]}`);
    audit({
      action: '修改归档设置',
      entityType: '设置',
      entityId: FILING_SETTINGS_KEY,
      summary: `每盒 ${value.boxCapacity.maxItems} 件、${value.boxCapacity.maxPages} 页；默认机构：${value.defaultOrgCode || '无'}${changed.length ? `；保管期限：${changed.join('、')}` : ''}`,
      details: { before, after: value },
    });
    return value;
  },
});

export async function saveFilingSettings(db: WenshuDB, actor: Actor, input: FilingSettings, now = new Date()): Promise<FilingSettings> {
  return runCommand(db, actor, saveFilingSettingsCommand, input, now);
}

// --- candidates ----------------------------------------------------------------------------------

/** A finished 收文 or issued 纪要 of the year, not yet filed, with what the form proposes. */
export interface FilingCandidate {
  kind: FilingKind;
  recordId: string;
  /** 收文编号 or the 纪要's 文号 (常务会议第1期). */
  label: string;
  docType: DocType;
  /** The catalogue entry as it would be filed (masked for a viewer outside the need to know). */
  entry: CatalogueFields;
  /** 页数 is an estimate (our own 纪要): the form asks the filer to check it. */
  pagesEstimated: boolean;
  proposedRetention: RetentionPeriod;
  /** The 承办单位's code for a 收文, else the default 机构 of the settings; absent when neither is usable. */
  proposedOrgCode?: string;
  canSeeContent: boolean;
}

function usableCode(dept: DepartmentRecord | undefined): string | undefined {
  return dept && !dept.disabled ? dept.code : undefined;
}

/** Records of register `d` that may be filed in `year` (finished, of the year, not yet filed). */
async function candidatesOf<Row extends RegisterRow>(db: WenshuDB, d: RegisterDescriptor<Row>, rules: FilingRules<Row>, year: number): Promise<Row[]> {
  const { index, lower, upper } = rules.yearRange(year);
  return registerTable(db, d)
    .where(index)
    .between(lower, upper, true, true)
    .filter((r) => rules.isCandidate(r, year))
    .toArray();
}

/**
 * What may be filed in `year`: every record of a filing register (a finished 收文, an issued 纪要,
 * …) of the year not yet filed, in the order filing would number them (日期, then 文号), each with
 * the proposed 保管期限 (per 文种, from the settings) and 机构 (the record's 承办单位 when it has a
 * code in use, else the settings' default). Masked where the filer is outside the need to know.
 */
export async function filingCandidates(db: WenshuDB, actor: Actor, year: number, registers: readonly AnyRegister[] = REGISTERS): Promise<FilingCandidate[]> {
  actor = await authorize(db, actor, 'filing.manage');
  checkYear(year);
  const filing = filingRegisters(registers);
  const [settings, unit, departments, ...records] = await Promise.all([
    getFilingSettings(db),
    getUnitInfo(db),
    db.departments.toArray(),
    ...filing.map(({ d, rules }) => candidatesOf(db, d, rules, year)),
  ]);
  const byId = new Map(departments.map((d) => [d.id, d]));
  const fallback = usableCode(departments.find((d) => d.code === settings.defaultOrgCode));
  // Each with its real entry as the sort key: a masked row must not move because its 文号 is hidden.
  const out: { candidate: FilingCandidate; key: CatalogueFields & { label: string } }[] = [];
  filing.forEach(({ d, rules }, i) => {
    for (const r of records[i]!) {
      const canSeeContent = d.canSee(actor, r);
      const entry = rules.catalogue(r, unit?.name ?? '');
      const label = rules.recordLabel(r);
      const deptId = rules.orgDeptId(r);
      const org = usableCode(deptId ? byId.get(deptId) : undefined) ?? fallback;
      const docType = rules.docType(r);
      const candidate: FilingCandidate = {
        kind: rules.kind,
        recordId: r.id,
        label,
        docType,
        entry: canSeeContent ? entry : maskCatalogueEntry(entry),
        pagesEstimated: rules.pagesEstimated,
        proposedRetention: settings.retentionByDocType[docType],
        ...(org ? { proposedOrgCode: org } : {}),
        canSeeContent,
      };
      out.push({ candidate, key: { ...entry, label } });
    }
  });
  return out.sort((a, b) => compareForFiling(a.key, b.key)).map((x) => x.candidate);
}

// --- filing --------------------------------------------------------------------------------------

interface Prepared {
  item: FilingItem;
  fields: CatalogueFields;
  recordLabel: string;
  register: AnyRegister;
  rules: FilingRules<RegisterRow>;
  record: RegisterRow;
}

/** The last box of a class and how full it is (null: the class has no 件 yet). */
async function lastBoxFill(db: WenshuDB, year: number, orgCode: string, retention: RetentionPeriod): Promise<BoxFill | null> {
  const range = () => db.archive.where('[year+orgCode+retention+itemNo]').between([year, orgCode, retention, Dexie.minKey], [year, orgCode, retention, Dexie.maxKey]);
  const last = await range().last();
  if (!last) return null;
  const inBox = await range()
    .reverse()
    .until((r) => r.box !== last.box)
    .toArray();
  return { box: last.box, items: inBox.length, pages: inBox.reduce((s, r) => s + r.pages, 0) };
}

interface FilePrepared {
  checked: FilingItem[];
  byKind: Map<FilingKind, { d: AnyRegister; rules: FilingRules<RegisterRow> }>;
}

/**
 * 归档: files the chosen 件 in `year`, all or none. Each item names a finished 收文 or an issued
 * 纪要 of that year, its 机构 (a department code in use) and 保管期限, and may give the 页数.
 * Returns the new catalogue rows in 档号 order. The filing registers' tables are the registry's
 * (moreTables): the source records are marked filed through it.
 */
export const fileRecordsCommand = defineCommand({
  name: 'filing.file',
  // Each item is checked by checkFilingItem (its messages number the item).
  input: z.object({ year: z.number(), items: z.array(z.custom<FilingItem>()), registers: registryInput }),
  permission: 'filing.manage',
  tables: ['archive', 'counters', 'departments'],
  prepare: async (_db, _actor, { year, items, registers = REGISTERS }): Promise<FilePrepared> => {
    checkYear(year);
    if (items.length === 0) throw new RuleError('请选择要归档的文件');
    const byKind = new Map(filingRegisters(registers).map((f) => [f.rules.kind, f]));
    try {
      return { checked: items.map((raw, i) => checkFilingItem(raw, i + 1, [...byKind.keys()])), byKind };
    } catch (e) {
      ruleToError(e);
    }
  },
  moreTables: (_input, { byKind }) => registerTableNames([...byKind.values()].map((f) => f.d)),
  run: async ({ db, actor, now, put, add, audit }, { year }, { checked, byKind }): Promise<ArchiveRecord[]> => {
    const unit = await getUnitInfo(db);
    if (!unit?.fondsCode) throw new RuleError('请先在“设置—单位信息”中填写全宗号');
    const settings = await getFilingSettings(db);
    const departments = new Map((await db.departments.toArray()).map((d) => [d.code, d]));

    // 1. Check every item before writing anything.
    const seen = new Set<string>();
    const prepared: Prepared[] = [];
    for (const [i, item] of checked.entries()) {
      const key = `${item.kind}|${item.recordId}`;
      if (seen.has(key)) throw new RuleError(`第 ${i + 1} 项：同一件文件选择了两次`);
      seen.add(key);
      const { d, rules } = byKind.get(item.kind)!;
      const record = await registerTable(db, d).get(item.recordId);
      if (!record) throw new RuleError(`第 ${i + 1} 项：${rules.missing}`);
      const who = rules.who(record);
      const problem = rules.problem(record, year);
      if (problem) throw new RuleError(problem);
      const p: Prepared = { item, fields: rules.catalogue(record, unit.name), recordLabel: rules.recordLabel(record), register: d, rules, record };
      const prior = await db.archive.where('recordId').equals(item.recordId).first();
      if (prior) throw new RuleError(`${who}已归档（档号 ${prior.archiveCode}），不能重复归档`);
      const org = orgProblem(item.orgCode, departments.get(item.orgCode));
      if (org) throw new RuleError(`${who}：${org}`);
      if (item.pages !== undefined) p.fields = { ...p.fields, pages: item.pages };
      const pages = pagesProblem(p.fields.pages);
      if (pages) throw new RuleError(`${who}：${pages}`);
      prepared.push(p);
    }

    // 2. 件号 per class, in a stable order: 日期, then 文号.
    prepared.sort((a, b) => compareForFiling({ ...a.fields, label: a.recordLabel }, { ...b.fields, label: b.recordLabel }));
    const at = now.toISOString();
    const rows: ArchiveRecord[] = [];
    for (const p of prepared) {
      const { orgCode, retention } = p.item;
      const itemNo = await takeNextSerial(db, filingSeries(orgCode, retention), year, { put });
      if (itemNo > MAX_ITEM_NO) throw new RuleError(`${year} 年度 ${orgCode}（${retention}）的件号已用到 ${MAX_ITEM_NO}，不能再编号`);
      rows.push({
        ...p.fields,
        id: newId(),
        kind: p.item.kind,
        recordId: p.item.recordId,
        recordLabel: p.recordLabel,
        fondsCode: unit.fondsCode,
        year,
        orgCode,
        retention,
        itemNo,
        archiveCode: formatArchiveCode({ fondsCode: unit.fondsCode, year, retention, orgCode, itemNo }),
        box: 0,
        filedAt: at,
        filedById: actor.id,
        filedBy: actor.displayName,
        corrections: [],
      });
    }

    // 3. Boxes: each class continues its last box while there is room.
    const classes = new Map<string, ArchiveRecord[]>();
    for (const r of rows) classes.set(filingClassKey(r), [...(classes.get(filingClassKey(r)) ?? []), r]);
    for (const group of classes.values()) {
      const first = group[0]!;
      const boxes = assignBoxes(await lastBoxFill(db, year, first.orgCode, first.retention), group.map((r) => r.pages), settings.boxCapacity);
      group.forEach((r, i) => (r.box = boxes[i]!));
    }

    // 4. Write the rows, mark the records filed (read-only), one audit entry per 件.
    for (const row of rows) await add('archive', row);
    const byRecord = new Map(prepared.map((p) => [p.item.recordId, p]));
    for (const row of rows) {
      const p = byRecord.get(row.recordId)!;
      const filed = { archiveCode: row.archiveCode, filedAt: at };
      await registerTable(db, p.register).put(p.rules.markFiled(p.record, filed, { id: actor.id, name: actor.displayName }));
      audit({
        action: '归档',
        entityType: byRecord.get(row.recordId)!.rules.entityType,
        entityId: row.recordId,
        summary: `${row.archiveCode} ${filingAuditLabel(row)}，第${row.box}盒`,
        details: { archiveId: row.id, archiveCode: row.archiveCode, box: row.box },
      });
    }
    return [...rows].sort((a, b) => a.archiveCode.localeCompare(b.archiveCode));
  },
});

export async function fileRecords(db: WenshuDB, actor: Actor, year: number, items: readonly FilingItem[], now = new Date(), registers: readonly AnyRegister[] = REGISTERS): Promise<ArchiveRecord[]> {
  return runCommand(db, actor, fileRecordsCommand, { year, items: Array.isArray(items) ? [...items] : [], registers }, now);
}

// --- reading -------------------------------------------------------------------------------------

export interface ArchiveCatalogue {
  year: number;
  /** Every 件 of the year in catalogue order (保管期限 永久 → 定期30年 → 定期10年, 机构, 件号; 序号 = position). */
  entries: ArchiveRecord[];
  /** The boxes as filed, per class, in the same order: 盒脊 and 备考表. */
  boxes: ArchiveBox[];
}

/** The 归档文件目录 of `year` and its boxes. */
export async function listArchive(db: WenshuDB, actor: Actor, year: number): Promise<ArchiveCatalogue> {
  await authorize(db, actor, 'filing.manage');
  checkYear(year);
  const entries = await db.archive.where('[year+archiveCode]').between([year, Dexie.minKey], [year, Dexie.maxKey]).toArray();
  // Catalogue order (永久 → 定期30年 → 定期10年, 机构, 件号), not the index's 档号 order (D10 < D30 < Y).
  return { year, entries: inCatalogueOrder(entries), boxes: boxesOf(entries) };
}

/** Years that have filed 件, newest first (from the 件号 counters: one per class and year). */
export async function archiveYears(db: WenshuDB, actor: Actor): Promise<number[]> {
  await authorize(db, actor, 'filing.manage');
  const counters = await db.counters.where(':id').startsWith('归档:').toArray();
  return [...new Set(counters.filter((c) => c.last > 0).map((c) => c.year))].sort((a, b) => b - a);
}

/** The catalogue entry of a filed 收文 or meeting, or null. */
export async function archiveEntryOfRecord(db: WenshuDB, actor: Actor, recordId: string): Promise<ArchiveRecord | null> {
  await authorize(db, actor, 'filing.manage');
  return (await db.archive.where('recordId').equals(recordId).first()) ?? null;
}

/** The 归档章 of one filed 件 (全宗号, 年度, 保管期限, 件号, 页数, 机构). */
export async function archiveStampOf(db: WenshuDB, actor: Actor, archiveId: string) {
  await authorize(db, actor, 'filing.manage');
  const row = await db.archive.get(archiveId);
  if (!row) throw new RuleError('该归档条目不存在');
  return archiveStamp(row);
}

// --- 更正 ----------------------------------------------------------------------------------------

/**
 * 更正 of a filed 件: changes its catalogue entry (题名, 文号, 页数, 备注), never its 件号 or
 * 档号, keeps the old values and the reason on the entry, and logs old → new (for a classified
 * 件, only that the texts changed). The filed 收文 or 纪要 itself stays as it was filed.
 */
export const correctFiledRecordCommand = defineCommand({
  name: 'filing.correct',
  // The fields and the reason are checked by correctCatalogueEntry (its field errors name them).
  input: z.object({ archiveId: z.string(), fields: z.custom<CatalogueCorrectionInput>((v) => typeof v === 'object' && v !== null), reason: z.custom<string>() }),
  permission: 'filing.manage',
  tables: ['archive'],
  run: async ({ db, actor, now, put, audit }, { archiveId, fields, reason }): Promise<ArchiveRecord> => {
    const before = await db.archive.get(archiveId);
    if (!before) throw new RuleError('该归档条目不存在');
    let result: ReturnType<typeof correctCatalogueEntry>;
    try {
      result = correctCatalogueEntry(before, fields, reason, { id: actor.id, name: actor.displayName }, now);
    } catch (e) {
      ruleToError(e);
    }
    await put('archive', result.entry);
    audit({
      action: '归档更正',
      entityType: '档案',
      entityId: archiveId,
      summary: `${before.archiveCode} ${before.recordLabel}：${describeCorrection(result.correction, isClassified(before.classification))}`,
    });
    return result.entry;
  },
});

export async function correctFiledRecord(
  db: WenshuDB,
  actor: Actor,
  archiveId: string,
  fields: CatalogueCorrectionInput,
  reason: string,
  now = new Date(),
): Promise<ArchiveRecord> {
  return runCommand(db, actor, correctFiledRecordCommand, { archiveId, fields, reason }, now);
}
