import { describe, expect, test } from 'vitest';
import { meetingNumber } from '@shared/domain/registers/meetings';
import type { RegisterRow } from '@shared/domain/registers';
import { applyMapping } from '@shared/domain/transfer-people';
import { verifyAuditChain } from '../../../renderer/db/audit';
import { writeBackup, type BackupSink } from '../../../renderer/db/backup/backup';
import { concat, deriveKey, encodeFrame, encodeHeader, encodeTrailer, newFileId, newKdfParams, checksum, TRANSFER_FILE } from '@shared/backup-format';
import { openBackup } from '../../../renderer/db/backup/restore';
import type { WenshuDB } from '../../../renderer/db/database';
import { actOnCarrier, registerCarrier } from '../../../renderer/db/repositories/carriers';
import { actOnIncoming, listIncoming, registerIncoming } from '../../../renderer/db/repositories/incoming';
import { createMeetingRecord, issueMeetingMinutes, saveMinutes, savePerson } from '../../../renderer/db/repositories/meetings';
import { createManualTask } from '../../../renderer/db/repositories/supervision';
import {
  buildTransferPackage,
  importTransferPackage,
  openTransferPackage,
  previewTransferPackage,
  transferCandidates,
  transferFacets,
  type TransferSelection,
} from '../../../renderer/db/repositories/transfer';
import { recordOutput } from '../../../renderer/db/repositories/output';
import { CURRENT_SCHEMA_VERSION } from '../../../renderer/db/schema';
import type { Registration } from '../../../shared/domain/incoming-types';
import { normalizeTransferPassphrase, type TransferMeta } from '../../../shared/domain/transfer';
import { addUser, CARRIER_NAME, carrierOffice, freshDb, personRef, setUpOffice } from './helpers';
import { RuleError } from '@shared/domain/rule-error';

// 迁移包 (issue #6): records go from one installation to a fresh one and come out deep-equal;
// a second import changes no record; a wrong passphrase, a backup file, a damaged file and a
// package from a newer Wenshu are refused; a 编号 already used here is reported and not imported;
// classified carriers get their 复制/移交 line on the sender's side; need to know holds; the
// receiver's counters never hand out an imported number again.

const T = new Date(2026, 10, 23, 10, 0); // local 2026-11-23 10:00
const T_EXPORT = new Date(2026, 10, 24, 9, 0);
const T_IMPORT = new Date(2026, 10, 25, 9, 0);
const TODAY = '2026-11-23';
const SECRET_TITLE = '关于某重大专项的机密通报';

const openIncoming: Registration = {
  receivedDate: '2026-11-20',
  fromUnit: '县财政局',
  docNumber: '县财发〔2026〕12号',
  title: '关于做好年终财务决算工作的通知',
  docType: '通知',
  classification: '非密',
  copies: 1,
  pages: 3,
  urgency: '加急',
  signedBy: '张秘书',
  handling: '办件',
  summary: '年终决算',
};

const secretIncoming: Registration = {
  receivedDate: '2026-11-21',
  fromUnit: '市保密局',
  docNumber: '市保发〔2026〕8号',
  title: SECRET_TITLE,
  docType: '通报',
  classification: '机密',
  copyNumber: '3',
  copies: 2,
  pages: 5,
  urgency: '普通',
  writtenDate: '2026-11-18',
  signedBy: '张秘书',
  handling: '办件',
};

/** Every record table (and the counters and search caches) of `db`, each in primary-key order. */
async function recordTables(db: WenshuDB): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of [db.incoming, db.carriers, db.meetings, db.tasks, db.counters, db.projections, db.projectionDeltas, db.archive, db.people]) {
    out[t.name] = await t.orderBy(':id').toArray();
  }
  return out;
}

async function auditOf(db: WenshuDB) {
  return db.auditLog.orderBy('seq').toArray();
}

function memorySink(): BackupSink & { bytes(): Uint8Array } {
  const parts: Uint8Array[] = [];
  return { write: async (b) => void parts.push(b.slice()), bytes: () => concat(parts) };
}

/**
 * The sending office with one record of each kind (and then some): an open 收文 taken through
 * 承办 (which makes a 督办 task), a 机密 收文 of 2 copies (2 carriers), a carrier registered by
 * hand and lent and returned, a meeting whose issued minutes made a task, a 口头交办 task. `chief`
 * is a 秘书 who is also the 保密员, so may put everything in a package.
 */
async function sendingOffice() {
  const o = await carrierOffice();
  const { db, admin, clerk, baomi, reader, dept, leader } = o;
  const chief = await addUser(db, admin, 'chief', ['秘书', '安全保密管理员']);
  const open = await registerIncoming(db, clerk, openIncoming, {}, T);
  await actOnIncoming(db, clerk, open.id, { type: '初审' }, T);
  await actOnIncoming(db, clerk, open.id, { type: '拟办', text: '请财务科办理' }, T);
  await actOnIncoming(db, clerk, open.id, { type: '批示', leader: '王主任', text: '同意，按时完成', at: T.toISOString(), oral: false }, T);
  const assigned = await actOnIncoming(
    db,
    clerk,
    open.id,
    { type: '承办', host: { id: dept.id, name: dept.name }, cooperating: [], person: personRef(reader), deadline: { kind: 'workdays', days: 5 } },
    T,
  );
  const secret = await registerIncoming(db, clerk, secretIncoming, {}, T);
  const carrier = await registerCarrier(db, baomi, o.carrierInput, T);
  await actOnCarrier(db, baomi, carrier.id, { type: '借出', borrower: personRef(reader), purpose: '阅办', approver: personRef(leader), dueDate: '2026-11-30' }, T);
  await actOnCarrier(db, baomi, carrier.id, { type: '归还' }, T);
  const person = await savePerson(db, clerk, { name: '王局长', unit: '县财政局', title: '局长', userId: reader.id });
  const meeting = await createMeetingRecord(
    db,
    clerk,
    {
      name: '县政府第12次常务会议',
      meetingType: '常务会议',
      startAt: '2026-11-23 09:00',
      location: '第一会议室',
      host: '张县长',
      recorder: '王秘书',
      classification: '非密',
      topics: ['年终决算'],
      invitees: [{ personId: person.id, name: person.name, unit: person.unit, title: person.title, role: '出席', userId: reader.id }],
    },
    T,
  );
  await saveMinutes(db, clerk, meeting.id, { title: '县政府常务会议纪要', paragraphs: ['会议听取了汇报。'], decisions: [{ id: 'd1', content: '县财政局起草决算报告', unit: '县财政局', person: '王局长', deadline: { kind: 'workdays', days: 5 } }] }, T);
  const issued = await issueMeetingMinutes(db, clerk, meeting.id, T);
  const manual = await createManualTask(db, clerk, { content: '口头交办事项', unit: '办公室', person: '李四', dueDate: '2026-12-01', assignedBy: '王主任' }, T);
  const selection = {
    incoming: [open.id, secret.id],
    carriers: [carrier.id],
    meetings: [meeting.id],
    tasks: [manual.id, assigned.taskId!, issued.tasks[0]!.id],
  } satisfies TransferSelection;
  return { ...o, chief, open, secret, carrier, meeting: issued.meeting, selection };
}

/** A new PC: set up afresh, with a 秘书 who is also the 保密员 (may import every register). */
async function receivingOffice() {
  const db = freshDb();
  const admin = await setUpOffice(db);
  const chief = await addUser(db, admin, 'chief', ['秘书', '安全保密管理员']);
  const clerk = await addUser(db, admin, 'clerk', ['秘书']);
  return { db, admin, chief, clerk };
}

describe('迁移包', { timeout: 180_000 }, () => {
  test('exported and imported into a fresh profile: the same records; a second import changes no record', async () => {
    const s = await sendingOffice();
    const auditBefore = (await auditOf(s.db)).length;
    const before = await recordTables(s.db);
    const prepared = await buildTransferPackage(s.db, s.chief, s.selection, { purpose: '本单位其他计算机', recipient: '县档案馆', classifiedMode: '复制', copyApprover: { userId: s.chief.id, name: s.chief.displayName } }, T_EXPORT);
    // Building writes nothing (a save cancelled afterwards leaves no trace).
    expect(await recordTables(s.db)).toEqual(before);
    expect((await auditOf(s.db)).length).toBe(auditBefore);
    expect(prepared.passphrase).toMatch(/^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){4}$/);
    // The secret 收文's two carriers travel with it.
    expect(prepared.manifest.counts).toEqual({ incoming: 2, outgoing: 0, carriers: 3, meetings: 1, tasks: 3 });
    expect(prepared.manifest.added.carriers!.sort()).toEqual([...s.secret.carrierIds!].sort());
    // Nothing readable without the passphrase.
    const text = new TextDecoder().decode(prepared.bytes);
    expect(text).not.toContain('县财政局');
    expect(text).not.toContain(SECRET_TITLE);

    const senderRecords = {
      incoming: await s.db.incoming.bulkGet(prepared.manifest.ids.incoming!),
      carriers: await s.db.carriers.bulkGet(prepared.manifest.ids.carriers!),
      meetings: await s.db.meetings.bulkGet(prepared.manifest.ids.meetings!),
      tasks: await s.db.tasks.bulkGet(prepared.manifest.ids.tasks!),
    };
    await recordOutput(s.db, s.chief, { kind: '迁移包', manifest: prepared.manifest, path: '/media/usb/迁移包.wstransfer' }, T_EXPORT);

    const r = await receivingOffice();
    const opened = await openTransferPackage(prepared.bytes, prepared.passphrase.toLowerCase().replaceAll('-', ' '));
    expect(opened.package.sender).toEqual({ unitName: '测试县人民政府办公室', fondsCode: 'Z109', userName: 'chief' });
    expect(opened.package.recipient).toBe('县档案馆');
    const preview = await previewTransferPackage(r.db, r.chief, opened);
    expect(preview.rows).toHaveLength(9);
    expect(preview.rows.every((row) => row.status === '新增')).toBe(true);
    expect(preview.toAdd).toEqual({ incoming: 2, outgoing: 0, carriers: 3, meetings: 1, tasks: 3 });
    expect(preview.rows.find((row) => row.id === s.secret.id)).toMatchObject({ number: s.secret.serial, title: SECRET_TITLE, classification: '机密' });

    const result = await importTransferPackage(r.db, r.chief, opened, T_IMPORT);
    expect(result.added).toEqual({ incoming: 2, outgoing: 0, carriers: 3, meetings: 1, tasks: 3 });
    // Exactly the records as the sender had them when the package was made, the people on them
    // this PC's (the suggestions: 'chief' and 'clerk' are accounts here too; the rest 外单位人员).
    const mapping = preview.people.suggested;
    const mapped = applyMapping(senderRecords as unknown as Record<string, RegisterRow[]>, mapping) as unknown as typeof senderRecords;
    expect(await r.db.incoming.orderBy(':id').toArray()).toEqual(mapped.incoming.sort(byId));
    expect(await r.db.carriers.orderBy(':id').toArray()).toEqual(mapped.carriers.sort(byId));
    expect(await r.db.meetings.toArray()).toEqual(mapped.meetings);
    expect(await r.db.tasks.orderBy(':id').toArray()).toEqual(mapped.tasks.sort(byId));
    // Nobody of the sender's PC is in a need to know here.
    for (const x of await r.db.incoming.toArray()) for (const uid of x.namedUserIds) expect([r.chief.id, r.clerk.id, r.admin.id]).toContain(uid);
    // Searchable as registered ones are (the search projection has their entries).
    const found = await listIncoming(r.db, r.chief, { search: '年终财务决算', offset: 0, limit: 10 }, TODAY);
    expect(found.rows.map((x) => x.id)).toEqual([s.open.id]);
    const audit = await auditOf(r.db);
    const summary = audit.find((e) => e.action === '导入迁移包')!;
    expect(summary.summary).toContain(prepared.manifest.meta.packageId);
    expect(summary.summary).toContain('新增 收文 2、涉密载体 3、会议纪要 1、督办事项 3');
    expect(audit.filter((e) => e.action.startsWith('迁移导入'))).toHaveLength(9);
    // Need to know holds in the receiver's log too.
    expect(JSON.stringify(audit)).not.toContain(SECRET_TITLE);
    expect(JSON.stringify(audit)).not.toContain(CARRIER_NAME);

    // The same file twice: refused, saying when and by whom; no record, counter or search entry changes.
    const once = await recordTables(r.db);
    const again = await openTransferPackage(prepared.bytes, prepared.passphrase);
    const preview2 = await previewTransferPackage(r.db, r.chief, again);
    expect(preview2.rows.every((row) => row.status === '已存在（相同）')).toBe(true);
    expect(preview2.alreadyImported).toBe('此迁移包已于 2026-11-25 09:00 由 chief 导入（收文 2 件、涉密载体 3 件、会议纪要 1 件、督办事项 3 件），未重复导入');
    await expect(importTransferPackage(r.db, r.chief, again, new Date(2026, 10, 26, 9, 0))).rejects.toThrow(preview2.alreadyImported);
    expect(await recordTables(r.db)).toEqual(once);
    // Another package (a new file) with records already here: each found by its id, the import logged with nothing new.
    const other = await buildTransferPackage(s.db, s.chief, { incoming: [s.open.id], tasks: s.selection.tasks }, { purpose: '本单位其他计算机', recipient: '县档案馆' }, new Date(2026, 10, 26, 8, 0));
    const second = await importTransferPackage(r.db, r.chief, await openTransferPackage(other.bytes, other.passphrase), new Date(2026, 10, 26, 9, 0));
    expect(second.added).toEqual({ incoming: 0, outgoing: 0, carriers: 0, meetings: 0, tasks: 0 });
    expect(second.byStatus['已存在（相同）']).toBe(4);
    expect(await recordTables(r.db)).toEqual(once);
    const last = (await auditOf(r.db)).at(-1)!;
    expect(last.action).toBe('导入迁移包（无新增）');
    expect(await verifyAuditChain(r.db)).toMatchObject({ ok: true });
    expect(await verifyAuditChain(s.db)).toMatchObject({ ok: true });
  });

  test('the sender logs the export; classified carriers get a 复制 line naming the package', async () => {
    const s = await sendingOffice();
    const prepared = await buildTransferPackage(s.db, s.chief, s.selection, { purpose: '本单位其他计算机', recipient: '县档案馆', classifiedMode: '复制', copyApprover: { userId: s.chief.id, name: s.chief.displayName } }, T_EXPORT);
    // Only the 保密员 writes in the 台账, even with a manifest made elsewhere.
    await expect(recordOutput(s.db, s.clerk, { kind: '迁移包', manifest: prepared.manifest, path: '迁移包.wstransfer' }, T_EXPORT)).rejects.toThrow(/涉密载体管理/);
    await recordOutput(s.db, s.chief, { kind: '迁移包', manifest: prepared.manifest, path: '迁移包.wstransfer' }, T_EXPORT);
    const pid = prepared.manifest.meta.packageId;
    for (const id of prepared.manifest.custody.carriers!) {
      const c = (await s.db.carriers.get(id))!;
      expect(c.state).toBe('在库');
      expect(c.history.at(-1)).toMatchObject({ action: '复制', byId: s.chief.id, approver: { userId: s.chief.id, name: s.chief.displayName }, note: `电子副本随迁移包 ${pid} 交 县档案馆（经 chief 批准）` });
    }
    const audit = await auditOf(s.db);
    const exported = audit.find((e) => e.action === '导出迁移包')!;
    expect(exported).toMatchObject({ entityType: '迁移包', entityId: pid });
    expect(exported.summary).toContain('交 县档案馆：收文 2、涉密载体 3、会议纪要 1、督办事项 3');
    expect(exported.summary).toContain(`收文 ${s.secret.serial}【机密】`);
    expect(exported.summary).toContain('迁移包.wstransfer');
    expect(audit.filter((e) => e.action === '涉密载体复制')).toHaveLength(3);
    expect(JSON.stringify(audit)).not.toContain(SECRET_TITLE);
    expect(JSON.stringify(audit)).not.toContain(CARRIER_NAME);
  });

  test('移交: custody passes to the 接收单位 (已移交, with the handover) by the carrier rules', async () => {
    const s = await sendingOffice();
    const prepared = await buildTransferPackage(s.db, s.chief, { incoming: [], carriers: [s.carrier.id], meetings: [], tasks: [] }, { purpose: '本单位其他计算机', recipient: '市保密局', classifiedMode: '移交' }, T_EXPORT);
    expect(prepared.manifest.meta.classifiedMode).toBe('移交');
    await recordOutput(s.db, s.chief, { kind: '迁移包', manifest: prepared.manifest, path: 'x.wstransfer' }, T_EXPORT);
    const c = (await s.db.carriers.get(s.carrier.id))!;
    expect(c.state).toBe('已移交');
    expect(c.handover).toMatchObject({ kind: '移交', receiver: '市保密局', receiverKind: '单位' });
    expect(c.history.at(-1)).toMatchObject({ action: '移交', note: `移交至市保密局（单位）；随迁移包 ${prepared.manifest.meta.packageId}` });
    expect((await auditOf(s.db)).at(-1)).toMatchObject({ action: '涉密载体移交', entityId: s.carrier.id });
    // The package holds the carrier as it was (在库): the receiver keeps it from now on.
    const r = await receivingOffice();
    await importTransferPackage(r.db, r.chief, await openTransferPackage(prepared.bytes, prepared.passphrase), T_IMPORT);
    expect((await r.db.carriers.get(s.carrier.id))!.state).toBe('在库');
    // Already handed over: it cannot leave again.
    await expect(buildTransferPackage(s.db, s.chief, { incoming: [], carriers: [s.carrier.id], meetings: [], tasks: [] }, { purpose: '本单位其他计算机', recipient: '市保密局', classifiedMode: '移交' })).rejects.toThrow(/已移交，不在本单位保管/);
  });

  test('a lent carrier cannot go (须先归还), and classified carriers need the 复制/移交 choice', async () => {
    const s = await sendingOffice();
    const sel = { incoming: [], carriers: [s.carrier.id], meetings: [], tasks: [] };
    const noMode = await buildTransferPackage(s.db, s.chief, sel, { purpose: '本单位其他计算机', recipient: '县档案馆' }).catch((e: unknown) => e);
    expect(noMode).toBeInstanceOf(RuleError);
    expect((noMode as RuleError).field).toBe('classifiedMode');
    await actOnCarrier(s.db, s.baomi, s.carrier.id, { type: '借出', borrower: personRef(s.reader), purpose: '阅办', approver: personRef(s.leader), dueDate: '2026-11-30' }, T);
    await expect(buildTransferPackage(s.db, s.chief, sel, { purpose: '本单位其他计算机', recipient: '县档案馆', classifiedMode: '复制', copyApprover: { userId: s.chief.id, name: s.chief.displayName } })).rejects.toThrow('该载体已借出，须先归还');
    const noRecipient = await buildTransferPackage(s.db, s.chief, { ...sel, carriers: [], incoming: [s.open.id] }, { purpose: '本单位其他计算机', recipient: '  ' }).catch((e: unknown) => e);
    expect(noRecipient).toBeInstanceOf(RuleError);
    await expect(buildTransferPackage(s.db, s.chief, { incoming: [], carriers: [], meetings: [], tasks: [] }, { purpose: '本单位其他计算机', recipient: '县档案馆' })).rejects.toThrow('请至少选择一条记录');
  });

  test('need to know: only what the sender sees in full, classified only by the 保密员; titles never in the refusal', async () => {
    const s = await sendingOffice();
    // A 秘书 sees the 机密 收文 but is not the 保密员.
    const e1 = await buildTransferPackage(s.db, s.clerk, { incoming: [s.secret.id], carriers: [], meetings: [], tasks: [] }, { purpose: '本单位其他计算机', recipient: '县档案馆', classifiedMode: '复制', copyApprover: { userId: s.clerk.id, name: s.clerk.displayName } }).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(RuleError);
    expect((e1 as Error).message).toContain(`收文 ${s.secret.serial}【机密】：涉密记录只能由保密员放入迁移包`);
    expect((e1 as Error).message).not.toContain(SECRET_TITLE);
    // A 工作人员 outside the carrier's 知悉范围.
    const e2 = await buildTransferPackage(s.db, s.outsider, { incoming: [], carriers: [s.carrier.id], meetings: [], tasks: [] }, { purpose: '本单位其他计算机', recipient: '县档案馆', classifiedMode: '复制', copyApprover: { userId: s.outsider.id, name: s.outsider.displayName } }).catch((e: unknown) => e);
    expect((e2 as Error).message).toMatch(/载〔2026〕\d{4}【机密】份号000001：不在您的知悉范围内/);
    expect((e2 as Error).message).not.toContain(CARRIER_NAME);
    // The 工作人员 may send what is open to everyone.
    const ok = await buildTransferPackage(s.db, s.outsider, { incoming: [s.open.id], carriers: [], meetings: [], tasks: [] }, { purpose: '本单位其他计算机', recipient: '县档案馆' });
    expect(ok.manifest.counts.incoming).toBe(1);
    // The export screen says the same per row, masked.
    const rows = (await transferCandidates(s.db, s.outsider, 'incoming', { offset: 0, limit: 10 }, TODAY)).rows;
    expect(rows.find((x) => x.id === s.secret.id)).toMatchObject({ title: '【涉密】', refusal: '不在您的知悉范围内' });
    expect(rows.find((x) => x.id === s.open.id)).toMatchObject({ title: openIncoming.title, refusal: null });
    const carriers = (await transferCandidates(s.db, s.chief, 'carriers', { offset: 0, limit: 10 }, TODAY)).rows;
    expect(carriers).toHaveLength(3);
    expect(carriers.every((c) => c.refusal === null)).toBe(true);
  });

  test('the export lists filter like the registers: 年度, 密级, 状态 with the text search, over every register (with and without a projection)', async () => {
    const s = await sendingOffice();
    const list = (kind: 'incoming' | 'carriers' | 'meetings' | 'tasks', where: Parameters<typeof transferCandidates>[3]['where'], search?: string) =>
      transferCandidates(s.db, s.chief, kind, { offset: 0, limit: 50, where, ...(search ? { search } : {}) }, TODAY);
    expect((await list('incoming', {})).total).toBe(2);
    expect((await list('incoming', { classification: '机密' })).rows.map((r) => r.id)).toEqual([s.secret.id]);
    expect((await list('incoming', { state: '承办中' })).rows.map((r) => r.id)).toEqual([s.open.id]);
    expect((await list('incoming', { year: 2026, classification: '非密' }, '决算')).rows.map((r) => r.id)).toEqual([s.open.id]);
    expect((await list('incoming', { year: 2025 })).total).toBe(0);
    expect((await list('incoming', { state: '已办结' }, '决算')).total).toBe(0);
    expect(await transferFacets(s.db, s.chief, 'incoming')).toEqual({ states: ['已登记', '承办中'].sort(), years: [2026] });
    // Registers read from their table (no projection): meetings and 督办.
    expect((await list('meetings', { year: 2026, state: '已签发' })).total).toBe(1);
    expect((await list('meetings', { state: '未签发' })).total).toBe(0);
    expect((await list('tasks', { classification: '非密' })).total).toBeGreaterThan(0);
    expect((await list('tasks', { classification: '机密' })).total).toBe(0);
  });

  test('a wrong passphrase, a backup file, a damaged file and a newer package are refused; a transfer package is no backup', async () => {
    const s = await sendingOffice();
    const prepared = await buildTransferPackage(s.db, s.chief, { incoming: [s.open.id], carriers: [], meetings: [], tasks: [] }, { purpose: '本单位其他计算机', recipient: '县档案馆' }, T_EXPORT);
    await expect(openTransferPackage(prepared.bytes, 'AAAA-BBBB-CCCC-DDDD-EEEE')).rejects.toThrow('口令不正确，无法打开此迁移包');
    await expect(openTransferPackage(prepared.bytes, '')).rejects.toThrow('请输入口令');
    const damaged = prepared.bytes.slice();
    damaged[200] = damaged[200]! ^ 0xff;
    await expect(openTransferPackage(damaged, prepared.passphrase)).rejects.toThrow('迁移包已损坏或被改动（校验值不符），不能导入');
    await expect(openTransferPackage(prepared.bytes.slice(0, prepared.bytes.length - 10), prepared.passphrase)).rejects.toThrow('迁移包不完整（文件被截断），不能导入');

    const sink = memorySink();
    await writeBackup(s.db, s.admin, '备份口令-2026-冬', sink, T);
    await expect(openTransferPackage(sink.bytes(), '备份口令-2026-冬')).rejects.toThrow('这是文枢备份文件，不是迁移包');
    await expect(openBackup(prepared.bytes, prepared.passphrase)).rejects.toThrow('这是文枢迁移包，不是备份文件');

    // A package written by a newer Wenshu (format version 3, or a newer database).
    const meta = (await openTransferPackage(prepared.bytes, prepared.passphrase)).package;
    const { items: all, ...m } = meta;
    const items = { incoming: all.incoming! };
    await expect(openTransferPackage(await craft({ ...m, version: 3 } as unknown as TransferMeta, items.incoming), 'ABCD-EFGH-JKMN-PQRS-TUVW')).rejects.toThrow('迁移包格式（第 3 版）比本程序新');
    await expect(openTransferPackage(await craft({ ...m, schemaVersion: CURRENT_SCHEMA_VERSION + 1 }, items.incoming), 'ABCD-EFGH-JKMN-PQRS-TUVW')).rejects.toThrow(/较新版本的文枢/);
    // A record with a field this version does not know: named by its 编号.
    await expect(openTransferPackage(await craft(m, [{ ...items.incoming[0]!, extra: 1 }]), 'ABCD-EFGH-JKMN-PQRS-TUVW')).rejects.toThrow(`迁移包中的收文 ${s.open.serial} 含有本程序不认识的内容（extra）`);
    // A transfer container whose content says it is something else.
    await expect(openTransferPackage(await craft({ ...m, format: 'wenshu-backup' } as unknown as TransferMeta, items.incoming), 'ABCD-EFGH-JKMN-PQRS-TUVW')).rejects.toThrow('这不是文枢迁移包');
  });

  test('a 编号 held here by another record is renumbered in the preview (原编号 kept); a record changed here is left as it is; a newer one is offered, never forced', async () => {
    const s = await sendingOffice();
    const prepared = await buildTransferPackage(s.db, s.chief, s.selection, { purpose: '本单位其他计算机', recipient: '县档案馆', classifiedMode: '复制', copyApprover: { userId: s.chief.id, name: s.chief.displayName } }, T_EXPORT);
    const r = await receivingOffice();
    // The receiver registered its own first 收文 of 2026: 收〔2026〕0001, as the sender's first.
    const own = await registerIncoming(r.db, r.clerk, { ...openIncoming, title: '本机自己的收文', docNumber: '县财发〔2026〕99号' }, {}, T);
    expect(own.serial).toBe(s.open.serial);
    const opened = await openTransferPackage(prepared.bytes, prepared.passphrase);
    const preview = await previewTransferPackage(r.db, r.chief, opened);
    const row = preview.rows.find((x) => x.id === s.open.id)!;
    expect(row).toMatchObject({ status: '新增', renumberedFrom: s.open.serial });
    expect(row.number).not.toBe(s.open.serial);
    const result = await importTransferPackage(r.db, r.chief, opened, T_IMPORT);
    expect(result.added.incoming).toBe(preview.toAdd.incoming);
    const came = (await r.db.incoming.get(s.open.id))!;
    // The number the preview showed is the one it got; the sender's is kept as 原编号, said in its history.
    expect(came.serial).toBe(row.number);
    expect(came.legacyNumber).toBe(s.open.serial);
    expect(came.history.at(-1)!.note).toContain(`原编号 ${s.open.serial}`);
    expect(await r.db.incoming.get(own.id)).toEqual(own);
    // The counter moved past it: the next registration here never meets it again.
    const next = await registerIncoming(r.db, r.clerk, { ...openIncoming, title: '再登记一件', docNumber: '县财发〔2026〕100号' }, {}, T_IMPORT);
    expect([came.serial, own.serial]).not.toContain(next.serial);
    expect((await auditOf(r.db)).find((e) => e.action === '导入迁移包')!.summary).toContain(`SHA-256 ${opened.sha256}`);

    // The secret 收文, once here, goes on here (初审 …): the package's older copy is not imported over it.
    await actOnIncoming(r.db, r.chief, s.secret.id, { type: '初审' }, T_IMPORT);
    const changed = await r.db.incoming.get(s.secret.id);
    const preview2 = await previewTransferPackage(r.db, r.chief, opened);
    expect(preview2.rows.find((x) => x.id === s.secret.id)!.status).toBe('已存在（本机较新，不导入）');
    await expect(importTransferPackage(r.db, r.chief, opened, T_IMPORT)).rejects.toThrow(/未重复导入/);
    expect(await r.db.incoming.get(s.secret.id)).toEqual(changed);

    // The sender works on a record after sending it: the newer copy is offered as 更新, applied only when accepted.
    await actOnIncoming(s.db, s.chief, s.open.id, { type: '催办', note: '请于月底前报送' }, new Date(2026, 10, 27, 9, 0));
    const later = await buildTransferPackage(s.db, s.chief, { incoming: [s.open.id] }, { purpose: '本单位其他计算机', recipient: '县档案馆' }, new Date(2026, 10, 27, 10, 0));
    const opened3 = await openTransferPackage(later.bytes, later.passphrase);
    const offered = await previewTransferPackage(r.db, r.chief, opened3);
    expect(offered.rows.find((x) => x.id === s.open.id)).toMatchObject({ status: '更新', number: came.serial });
    expect(offered.rows.find((x) => x.id === s.open.id)!.accepted).toBeUndefined();
    const key = `incoming:${s.open.id}`;
    expect((await previewTransferPackage(r.db, r.chief, opened3, { updates: [key] })).rows.find((x) => x.id === s.open.id)!.accepted).toBe(true);
    const accepted = await importTransferPackage(r.db, r.chief, opened3, T_IMPORT, undefined, { updates: [key] });
    expect(accepted.updated).toBe(1);
    const updated = (await r.db.incoming.get(s.open.id))!;
    expect(updated.reminders.map((x) => x.note)).toContain('请于月底前报送');
    // Still under the number it has here, not the sender's.
    expect(updated.serial).toBe(came.serial);
  });

  test('a 纪要编号 issued here in the same series (会议类型, year, 期) is renumbered: the next 期 here, 原编号 in its history', async () => {
    const s = await sendingOffice();
    const prepared = await buildTransferPackage(s.db, s.chief, s.selection, { purpose: '本单位其他计算机', recipient: '县档案馆', classifiedMode: '复制', copyApprover: { userId: s.chief.id, name: s.chief.displayName } }, T_EXPORT);
    const r = await receivingOffice();
    // The receiver issued its own first 常务会议 minutes of 2026: the same 期 as the sender's.
    const person = await savePerson(r.db, r.clerk, { name: '李局长', unit: '县档案馆', title: '馆长' });
    const own = await createMeetingRecord(
      r.db,
      r.clerk,
      {
        name: '本机常务会议',
        meetingType: '常务会议',
        startAt: '2026-11-20 09:00',
        location: '会议室',
        host: '李县长',
        recorder: '赵秘书',
        classification: '非密',
        topics: ['本机议题'],
        invitees: [{ personId: person.id, name: person.name, unit: person.unit, title: person.title, role: '出席' }],
      },
      T,
    );
    await saveMinutes(r.db, r.clerk, own.id, { title: '本机常务会议纪要', paragraphs: ['会议研究了本机事项。'], decisions: [] }, T);
    const ownIssued = (await issueMeetingMinutes(r.db, r.clerk, own.id, T)).meeting;
    expect(ownIssued.issued).toMatchObject({ year: s.meeting.issued!.year, seq: s.meeting.issued!.seq });
    const counterBefore = await r.db.counters.get('纪要:常务会议|2026');

    const opened = await openTransferPackage(prepared.bytes, prepared.passphrase);
    const preview = await previewTransferPackage(r.db, r.chief, opened);
    const row = preview.rows.find((x) => x.id === s.meeting.id)!;
    expect(row).toMatchObject({ status: '新增', renumberedFrom: meetingNumber(s.meeting) });
    expect(preview.toAdd.meetings).toBe(1);
    const result = await importTransferPackage(r.db, r.chief, opened, T_IMPORT);
    expect(result.added.meetings).toBe(1);
    const came = (await r.db.meetings.get(s.meeting.id))!;
    expect(came.issued).toMatchObject({ year: ownIssued.issued!.year, seq: ownIssued.issued!.seq + 1 });
    expect(meetingNumber(came)).toBe(row.number);
    expect(came.history.at(-1)!.note).toContain(`原编号 ${s.meeting.issued!.number}`);
    expect(await r.db.meetings.get(own.id)).toEqual(ownIssued);
    expect((await r.db.counters.get('纪要:常务会议|2026'))!.last).toBe(counterBefore!.last + 1);
  });

  test('the receiver\'s counters move past every imported 编号: its next registrations never collide', async () => {
    const s = await sendingOffice();
    // A few more 收文 on the sender's side: its numbers run ahead of the receiver's.
    const more = [];
    for (let i = 0; i < 3; i++) more.push(await registerIncoming(s.db, s.clerk, { ...openIncoming, docNumber: `县财发〔2026〕${20 + i}号` }, {}, T));
    const prepared = await buildTransferPackage(s.db, s.chief, { ...s.selection, incoming: [...s.selection.incoming, more[2]!.id] }, { purpose: '本单位其他计算机', recipient: '县档案馆', classifiedMode: '复制', copyApprover: { userId: s.chief.id, name: s.chief.displayName } }, T_EXPORT);
    const r = await receivingOffice();
    await importTransferPackage(r.db, r.chief, await openTransferPackage(prepared.bytes, prepared.passphrase), T_IMPORT);
    expect((await r.db.counters.get('收文|2026'))!.last).toBe(more[2]!.seq);
    const next = await registerIncoming(r.db, r.clerk, { ...openIncoming, docNumber: '县财发〔2026〕77号' }, {}, T);
    expect(next.seq).toBe(more[2]!.seq + 1);
    const carrierSeqs = (await r.db.carriers.toArray()).map((c) => Number(/(\d+)$/.exec(c.serial)![1]));
    expect((await r.db.counters.get('载体|2026'))!.last).toBe(Math.max(...carrierSeqs));
    const taskSeqs = (await r.db.tasks.toArray()).map((t) => Number(/(\d+)$/.exec(t.serial)![1]));
    expect((await r.db.counters.get('督办|2026'))!.last).toBe(Math.max(...taskSeqs));
    expect((await r.db.counters.get('纪要:常务会议|2026'))!.last).toBe(s.meeting.issued!.seq);
  });

  test('the importer needs each register\'s right, and the 保密员 for classified records', async () => {
    const s = await sendingOffice();
    const prepared = await buildTransferPackage(s.db, s.chief, s.selection, { purpose: '本单位其他计算机', recipient: '县档案馆', classifiedMode: '复制', copyApprover: { userId: s.chief.id, name: s.chief.displayName } }, T_EXPORT);
    const r = await receivingOffice();
    const reader = await addUser(r.db, r.admin, 'reader', ['工作人员']);
    const opened = await openTransferPackage(prepared.bytes, prepared.passphrase);
    const before = await recordTables(r.db);
    await expect(importTransferPackage(r.db, reader, opened, T_IMPORT)).rejects.toThrow(/没有权限/);
    await expect(importTransferPackage(r.db, r.clerk, opened, T_IMPORT)).rejects.toThrow(/涉密载体管理/);
    expect(await recordTables(r.db)).toEqual(before);
    // The 工作人员's preview hides the classified titles.
    const preview = await previewTransferPackage(r.db, reader, opened);
    expect(preview.rows.find((x) => x.id === s.secret.id)!.title).toBe('【涉密】');
    expect(preview.rows.filter((x) => x.kind === 'carriers').every((x) => x.title === '【涉密】')).toBe(true);
  });
});

function byId<T extends { id: string } | undefined>(a: T, b: T): number {
  return a!.id < b!.id ? -1 : a!.id > b!.id ? 1 : 0;
}

/** A package file written by hand (as another or a newer program might), under a fixed passphrase. */
async function craft(meta: TransferMeta, incoming: unknown[]): Promise<Uint8Array> {
  const kdf = newKdfParams();
  const key = await deriveKey(normalizeTransferPassphrase('ABCD-EFGH-JKMN-PQRS-TUVW'), kdf);
  const header = encodeHeader({ format: TRANSFER_FILE.format, fileId: newFileId(), kdf }, TRANSFER_FILE);
  const frames = [
    await encodeFrame(key, header.tag, 0, false, { kind: 'start', meta }, TRANSFER_FILE),
    await encodeFrame(key, header.tag, 1, false, { kind: 'rows', table: 'incoming', rows: incoming }, TRANSFER_FILE),
    await encodeFrame(key, header.tag, 2, true, { kind: 'end', packageId: meta.packageId, counts: { incoming: incoming.length, carriers: 0, meetings: 0, tasks: 0 } }, TRANSFER_FILE),
  ];
  const body = concat([header.bytes, ...frames]);
  const sum = checksum();
  sum.update(body);
  return concat([body, encodeTrailer(sum.digest())]);
}
