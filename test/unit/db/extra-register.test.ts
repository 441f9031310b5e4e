import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { verifyAuditChain } from '../../../renderer/db/audit';
import { WenshuDB } from '../../../renderer/db/database';
import { putRegisterRow } from '../../../renderer/db/registers';
import { dashboardCounts } from '../../../renderer/db/repositories/dashboard';
import { fileRecords, filingCandidates } from '../../../renderer/db/repositories/filing';
import { searchRegisters } from '../../../renderer/db/repositories/search';
import { saveDepartment } from '../../../renderer/db/repositories/settings';
import { buildTransferPackage, importTransferPackage, openTransferPackage, previewTransferPackage, transferCandidates } from '../../../renderer/db/repositories/transfer';
import { CURRENT_SCHEMA_VERSION } from '../../../renderer/db/schema';
import type { Actor } from '../../../renderer/db/types';
import { writeWithAudit } from '../../../renderer/db/write';
import { isClassified, type Classification } from '../../../shared/domain/enums';
import type { FiledMarker } from '../../../shared/domain/filing-types';
import { MASK } from '../../../shared/domain/need-to-know';
import { auditLabel, REGISTERS, viewFor, type AnyRegister, type RegisterDescriptor } from '../../../shared/domain/registers/index';
import { addUser, setUpOffice } from './helpers';
import { recordOutput } from '../../../renderer/db/repositories/output';

// Issue #13, "Done when": a register that exists only here — 「测试登记簿」, kind 'memo', with its
// own table — is added to the registry by one descriptor and flows through search, need to know,
// 归档, 迁移包, 工作台 counts and audit labels without any production code naming it. If a
// cross-cutting module still hard-coded the four registers, one of these checks would fail.

interface MemoRecord {
  id: string;
  serial: string;
  year: number;
  seq: number;
  date: string;
  title: string;
  body: string;
  classification: Classification;
  /** Who may read a classified memo (besides the 保密员). */
  readerIds: string[];
  state: '草稿' | '定稿';
  filed?: FiledMarker;
  createdAt: string;
}

const memoSchema = z.strictObject({
  id: z.string().min(1).max(100),
  serial: z.string().min(1).max(100),
  year: z.number().int(),
  seq: z.number().int().min(1),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  title: z.string().max(1_000),
  body: z.string().max(10_000),
  classification: z.enum(['非密', '秘密', '机密', '绝密']),
  readerIds: z.array(z.string()).max(100),
  state: z.enum(['草稿', '定稿']),
  filed: z.strictObject({ archiveCode: z.string(), filedAt: z.string() }).optional(),
  createdAt: z.string(),
}) satisfies z.ZodType<MemoRecord>;

const MEMO_SERIES = '备忘';

const MEMO_REGISTER: RegisterDescriptor<MemoRecord> = {
  kind: 'memo',
  table: 'memos',
  label: '测试登记簿',
  entityType: '备忘',
  numberKey: {
    of: (m) => m.serial,
    lookup: (rows) => ({ index: 'serial', ranges: rows.map((m) => [m.serial, m.serial] as const) }),
    counter: (m) => ({ series: MEMO_SERIES, year: m.year, seq: m.seq }),
    renumber: null,
  },
  number: (m) => m.serial,
  title: (m) => m.title,
  classification: (m) => m.classification,
  state: (m) => m.state,
  canSee: (actor, m) => !isClassified(m.classification) || actor.roles.includes('安全保密管理员') || m.readerIds.includes(actor.id),
  mask: (m) => ({ ...m, title: MASK, body: '', readerIds: [] }),
  audit: (m) => ({ number: m.serial, title: m.title, classification: m.classification }),
  search: { publicText: (m) => [m.serial], contentText: (m) => [m.title, m.body], order: (m) => m.serial },
  filing: {
    kind: '备忘',
    entityType: '备忘',
    yearRange: (year) => ({ index: '[year+seq]', lower: [year, -Infinity], upper: [year, Infinity] }),
    isCandidate: (m) => m.state === '定稿' && !m.filed,
    catalogue: (m, unitName) => ({ docNumber: m.serial, responsible: unitName, title: m.title, date: m.date, classification: m.classification, pages: 1, remarks: '' }),
    recordLabel: (m) => m.serial,
    who: (m) => `备忘 ${m.serial}`,
    problem: (m, year) => (m.year !== year ? `备忘 ${m.serial} 不属于 ${year} 年度` : null),
    docType: () => '其他',
    pagesEstimated: true,
    orgDeptId: () => undefined,
    markFiled: (m, filed) => ({ ...m, filed }),
    missing: '该备忘不存在',
    packageDocument: null,
  },
  prints: [],
  transfer: {
    schema: memoSchema,
    importPermission: 'incoming.process',
    importAction: '迁移导入备忘',
    importName: (m) => `备忘 ${auditLabel(MEMO_REGISTER, m)}`,
    custody: null,
    companions: null,
    goesAlong: null,
    receive: null,
    people: null,
    mapPeople: null,
  },
};

/** The registry with the test register added: the only place it is named. */
const WITH_MEMO: readonly AnyRegister[] = [...REGISTERS, MEMO_REGISTER];

/** A database with the memo register's table beside the app's (the current version's stores plus one). */
class MemoDB extends WenshuDB {
  constructor(name: string) {
    super(name);
    this.version(CURRENT_SCHEMA_VERSION).stores({ memos: 'id, &serial, [year+seq]' });
  }
}

let n = 0;
const memoDb = () => new MemoDB(`wenshu-memo-${process.pid}-${++n}-${Math.random().toString(36).slice(2)}`);

const T = new Date(2026, 10, 23, 10, 0);
const SECRET_TITLE = '关于某专项预算的机密备忘';

function memo(seq: number, over: Partial<MemoRecord> = {}): MemoRecord {
  return {
    id: `memo-${seq}`,
    serial: `备〔2026〕${String(seq).padStart(4, '0')}`,
    year: 2026,
    seq,
    date: '2026-11-20',
    title: `年终预算备忘第${seq}号`,
    body: '请各科室按时报送预算。',
    classification: '非密',
    readerIds: [],
    state: '定稿',
    createdAt: T.toISOString(),
    ...over,
  };
}

/** Seeds memos as a register's writer would: in one audited transaction, with the register's put. */
async function seedMemos(db: WenshuDB, actor: Actor, rows: MemoRecord[]): Promise<void> {
  await writeWithAudit(db, actor, [db.table('memos'), db.projectionDeltas], async (audit) => {
    for (const r of rows) {
      await putRegisterRow(db, MEMO_REGISTER, r, true);
      audit({ action: '登记备忘', entityType: '备忘', entityId: r.id, summary: auditLabel(MEMO_REGISTER, r) });
    }
  });
}

async function memoOffice() {
  const db = memoDb();
  const admin = await setUpOffice(db);
  const chief = await addUser(db, admin, 'chief', ['秘书', '安全保密管理员']);
  const clerk = await addUser(db, admin, 'clerk', ['秘书']);
  const reader = await addUser(db, admin, 'reader', ['工作人员']);
  const outsider = await addUser(db, admin, 'outsider', ['工作人员']);
  await saveDepartment(db, admin, { code: 'BGS', name: '办公室' });
  const open = memo(1);
  const secret = memo(2, { title: SECRET_TITLE, body: '机密内容', classification: '机密', readerIds: [reader.id] });
  await seedMemos(db, chief, [open, secret]);
  return { db, admin, chief, clerk, reader, outsider, open, secret };
}

describe('a register added only to the registry (测试登记簿)', { timeout: 180_000 }, () => {
  test('need to know and audit labels come from its descriptor', () => {
    const reader = { id: 'u-reader', roles: ['工作人员'] as const };
    const outsider = { id: 'u-out', roles: ['工作人员'] as const };
    const secret = memo(2, { title: SECRET_TITLE, classification: '机密', readerIds: [reader.id] });
    expect(viewFor(MEMO_REGISTER, reader, secret)).toEqual({ record: secret, canSeeContent: true });
    const masked = viewFor(MEMO_REGISTER, outsider, secret);
    expect(masked.canSeeContent).toBe(false);
    expect(masked.record).toMatchObject({ serial: secret.serial, title: MASK, body: '' });
    expect(auditLabel(MEMO_REGISTER, secret)).toBe(`${secret.serial}【机密】`);
    expect(auditLabel(MEMO_REGISTER, memo(1))).toBe(`${memo(1).serial}《年终预算备忘第1号》`);
  });

  test('search finds its rows, never by hidden content, and masks a classified one found by number', async () => {
    const s = await memoOffice();
    const byTitle = await searchRegisters(s.db, s.reader, '预算', WITH_MEMO);
    expect(byTitle.map((r) => r.kind)).toEqual(['memo']);
    expect(byTitle[0]).toMatchObject({ label: '测试登记簿', total: 2 });
    expect(byTitle[0]!.hits.find((h) => h.id === s.secret.id)).toMatchObject({ title: SECRET_TITLE, canSeeContent: true, classification: '机密' });
    // Outside the need to know: the hidden title is not even matched …
    const outsiderHits = await searchRegisters(s.db, s.outsider, '预算', WITH_MEMO);
    expect(outsiderHits[0]!.hits.map((h) => h.id)).toEqual([s.open.id]);
    expect(await searchRegisters(s.db, s.outsider, '机密内容', WITH_MEMO)).toEqual([]);
    // … and the record found by its number is masked.
    const byNumber = await searchRegisters(s.db, s.outsider, s.secret.serial, WITH_MEMO);
    expect(byNumber[0]!.hits).toEqual([{ kind: 'memo', id: s.secret.id, number: s.secret.serial, title: MASK, classification: '机密', state: '定稿', canSeeContent: false }]);
    // Without the register in the registry, nothing of it is searched.
    expect(await searchRegisters(s.db, s.reader, '预算')).toEqual([]);
    // 工作台 counts it with the others.
    expect((await dashboardCounts(s.db, WITH_MEMO)).registers.find((r) => r.kind === 'memo')).toEqual({ kind: 'memo', label: '测试登记簿', count: 2 });
  });

  test('归档: its finished records are candidates (masked outside the need to know) and are filed', async () => {
    const s = await memoOffice();
    const forClerk = await filingCandidates(s.db, s.clerk, 2026, WITH_MEMO);
    expect(forClerk.map((c) => [c.kind, c.recordId, c.label])).toEqual([
      ['备忘', s.open.id, s.open.serial],
      ['备忘', s.secret.id, s.secret.serial],
    ]);
    // The 秘书 is not among the secret memo's readers: its 题名 is masked on the form.
    expect(forClerk.find((c) => c.recordId === s.secret.id)).toMatchObject({ canSeeContent: false, pagesEstimated: true });
    expect(forClerk.find((c) => c.recordId === s.secret.id)!.entry.title).not.toContain(SECRET_TITLE);
    expect(forClerk.find((c) => c.recordId === s.open.id)!.entry.title).toBe(s.open.title);

    const rows = await fileRecords(
      s.db,
      s.clerk,
      2026,
      [s.open, s.secret].map((m) => ({ kind: '备忘', recordId: m.id, orgCode: 'BGS', retention: '永久' as const })),
      T,
      WITH_MEMO,
    );
    expect(rows.map((r) => r.recordLabel)).toEqual([s.open.serial, s.secret.serial]);
    expect(rows.every((r) => r.kind === '备忘' && r.archiveCode.startsWith('Z109-'))).toBe(true);
    const filed = (await s.db.table('memos').get(s.open.id)) as MemoRecord;
    expect(filed.filed).toEqual({ archiveCode: rows[0]!.archiveCode, filedAt: T.toISOString() });
    // The register's table is named at run time (moreTables), and its rows reach the change log.
    const filedLog = (await s.db.changeLog.toArray()).filter((c) => c.command === 'filing.file' && c.entity === 'memos');
    expect(filedLog.map((c) => c.entityId).sort()).toEqual([s.open.id, s.secret.id].sort());
    expect(await filingCandidates(s.db, s.clerk, 2026, WITH_MEMO)).toEqual([]);
    const audit = await s.db.auditLog.orderBy('seq').toArray();
    expect(audit.filter((e) => e.action === '归档').map((e) => e.entityType)).toEqual(['备忘', '备忘']);
    expect(JSON.stringify(audit)).not.toContain(SECRET_TITLE);
    // Without the register in the registry its kind is refused.
    await expect(fileRecords(s.db, s.clerk, 2026, [{ kind: '备忘', recordId: s.open.id, orgCode: 'BGS', retention: '永久' }], T)).rejects.toThrow(/归档对象应为/);
  });

  test('迁移包: exported with its records and imported into another installation as they were', async () => {
    const s = await memoOffice();
    // The export screen lists it, masked for someone outside its need to know.
    const listed = await transferCandidates(s.db, s.outsider, 'memo', { offset: 0, limit: 10 }, '2026-11-23', WITH_MEMO);
    expect(listed.total).toBe(2);
    expect(listed.rows.find((r) => r.id === s.secret.id)).toMatchObject({ title: MASK, refusal: '不在您的知悉范围内' });
    expect(listed.rows.find((r) => r.id === s.open.id)).toMatchObject({ title: s.open.title, refusal: null });

    const prepared = await buildTransferPackage(s.db, s.chief, { memo: [s.open.id, s.secret.id] }, { purpose: '本单位其他计算机', recipient: '县档案馆' }, T, WITH_MEMO);
    expect(prepared.manifest.counts).toEqual({ incoming: 0, outgoing: 0, carriers: 0, meetings: 0, tasks: 0, memo: 2 });
    expect(prepared.manifest.classifiedLabels).toEqual([`备忘 ${s.secret.serial}【机密】`]);
    await recordOutput(s.db, s.chief, { kind: '迁移包', manifest: prepared.manifest, path: '备忘.wstransfer', registers: WITH_MEMO }, T);
    const exported = (await s.db.auditLog.orderBy('seq').toArray()).at(-1)!;
    expect(exported.summary).toContain('交 县档案馆：测试登记簿 2');

    // An installation whose registry lacks the register refuses the package, saying why.
    await expect(openTransferPackage(prepared.bytes, prepared.passphrase)).rejects.toThrow('迁移包中有本程序不认识的记录类别（memo）');

    const r = memoDb();
    const admin = await setUpOffice(r);
    const chief = await addUser(r, admin, 'chief', ['秘书', '安全保密管理员']);
    const worker = await addUser(r, admin, 'worker', ['工作人员']);
    const opened = await openTransferPackage(prepared.bytes, prepared.passphrase, WITH_MEMO);
    const preview = await previewTransferPackage(r, worker, opened, {}, WITH_MEMO);
    expect(preview.toAdd).toMatchObject({ memo: 2 });
    expect(preview.rows.find((x) => x.id === s.secret.id)).toMatchObject({ kind: 'memo', number: s.secret.serial, title: MASK, status: '新增' });
    // A classified record needs the 保密员 to import it.
    await expect(importTransferPackage(r, worker, opened, T, WITH_MEMO)).rejects.toThrow(/没有权限/);
    const result = await importTransferPackage(r, chief, opened, T, WITH_MEMO);
    expect(result.added).toEqual({ incoming: 0, outgoing: 0, carriers: 0, meetings: 0, tasks: 0, memo: 2 });
    expect(await r.table('memos').orderBy(':id').toArray()).toEqual([s.open, s.secret]);
    expect((await r.changeLog.toArray()).filter((c) => c.command === 'transfer.import' && c.entity === 'memos').map((c) => c.after)).toEqual([s.open, s.secret]);
    // Its counter moves past the imported numbers; the log names the classified one without its title.
    expect((await r.counters.get(`${MEMO_SERIES}|2026`))!.last).toBe(2);
    const audit = await r.auditLog.orderBy('seq').toArray();
    expect(audit.filter((e) => e.action === '迁移导入备忘').map((e) => e.summary.split('，')[0])).toEqual([`备忘 ${s.open.serial}《${s.open.title}》`, `备忘 ${s.secret.serial}【机密】`]);
    expect(JSON.stringify(audit)).not.toContain(SECRET_TITLE);
    // The same file again imports nothing, saying when it came in.
    await expect(importTransferPackage(r, chief, await openTransferPackage(prepared.bytes, prepared.passphrase, WITH_MEMO), T, WITH_MEMO)).rejects.toThrow(/此迁移包已于 .* 由 chief 导入/);
    expect(await r.table('memos').count()).toBe(2);
    expect(await verifyAuditChain(r)).toMatchObject({ ok: true });
  });
});
