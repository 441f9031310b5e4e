import { describe, expect, test } from 'vitest';
import { verifyAuditChain } from '../../../renderer/db/audit';
import { actOnIncoming, registerIncoming } from '../../../renderer/db/repositories/incoming';
import { registerCarrier } from '../../../renderer/db/repositories/carriers';
import { createMeetingRecord, issueMeetingMinutes, saveMinutes, savePerson } from '../../../renderer/db/repositories/meetings';
import { buildTransferPackage, importTransferPackage, openTransferPackage, previewTransferPackage, transferCandidates } from '../../../renderer/db/repositories/transfer';
import { recordOutput } from '../../../renderer/db/repositories/output';
import { receivedIdOf } from '@shared/domain/transfer-receive';
import { EXTERNAL_MARK, isAccountId } from '@shared/domain/registers';
import type { Registration } from '../../../shared/domain/incoming-types';
import { baseRegistration } from '../../fixtures/filing';
import { addApprovedUser, addUser, carrierOffice, freshDb, passwordOf, personRef, setUpOffice } from './helpers';

// 迁移包 送往其他单位 (issue #20): between two offices that both hold records, what arrives is the
// receiver's incoming material: each 收文 and issued 纪要 a 收文 of the receiver numbered after its
// own (the sender's number as 原编号, the sender unit as 来文单位), each carrier a new entry of its
// 台账; people mapped to accounts here or kept as 外单位人员; the same package again imports nothing.

const T = new Date(2026, 10, 23, 10, 0);
const T_EXPORT = new Date(2026, 10, 24, 9, 0);
const T_IMPORT = new Date(2026, 10, 25, 9, 0);

const doc = (n: number, over: Partial<Registration> = {}): Registration => ({ ...baseRegistration, docNumber: `县财发〔2026〕${n}号`, title: `关于第${n}项工作的通知`, ...over });

async function sender() {
  const o = await carrierOffice();
  const chief = await addUser(o.db, o.admin, 'chief', ['秘书', '安全保密管理员']);
  const docs = [];
  for (let i = 1; i <= 3; i++) docs.push(await registerIncoming(o.db, o.clerk, doc(i), {}, T));
  // The first is on its way: 初审, 拟办 — the sender's part the receiver sees read-only.
  await actOnIncoming(o.db, o.clerk, docs[0]!.id, { type: '初审' }, T);
  await actOnIncoming(o.db, o.clerk, docs[0]!.id, { type: '拟办', text: '请财务科办理' }, T);
  const carrier = await registerCarrier(o.db, o.baomi, o.carrierInput, T);
  const person = await savePerson(o.db, o.clerk, { name: '王局长', unit: '县财政局', title: '局长' });
  const meeting = await createMeetingRecord(
    o.db,
    o.clerk,
    { name: '县政府第12次常务会议', meetingType: '常务会议', startAt: '2026-11-23 09:00', location: '第一会议室', host: '张县长', recorder: '王秘书', classification: '非密', topics: ['年终决算'], invitees: [{ personId: person.id, name: person.name, unit: person.unit, title: person.title, role: '出席' }] },
    T,
  );
  await saveMinutes(o.db, o.clerk, meeting.id, { title: '县政府常务会议纪要', paragraphs: ['会议听取了汇报。'], decisions: [] }, T);
  const issued = (await issueMeetingMinutes(o.db, o.clerk, meeting.id, T)).meeting;
  return { ...o, chief, docs, carrier, meeting: issued };
}

async function receiver() {
  const db = freshDb();
  const admin = await setUpOffice(db);
  const chief = await addUser(db, admin, 'chief', ['秘书', '安全保密管理员']);
  const clerk = await addUser(db, admin, 'clerk', ['秘书']);
  // Someone of the same name as the sender's 知悉人 "reader": matched to this account by name.
  const reader = await addApprovedUser(db, admin, { username: 'duzhe', displayName: 'reader', roles: ['工作人员'], password: passwordOf('duzhe') });
  const own = [];
  for (let i = 1; i <= 2; i++) own.push(await registerIncoming(db, clerk, doc(100 + i, { fromUnit: '市政府办公室' }), {}, T));
  return { db, admin, chief, clerk, reader, own };
}

describe('迁移包 送往其他单位', { timeout: 180_000 }, () => {
  test('arrives as the receiver\'s own 收文 and 台账 entries, numbered after its own, 原编号 and 来文单位 kept, people mapped; the same package again imports nothing', async () => {
    const s = await sender();
    const selection = { incoming: s.docs.map((d) => d.id), carriers: [s.carrier.id], meetings: [s.meeting.id] };
    // Not for another unit: a 督办 (an internal matter). The list says so before anything is chosen.
    const tasks = await transferCandidates(s.db, s.chief, 'tasks', { offset: 0, limit: 10, purpose: '送往其他单位' }, '2026-11-24');
    for (const t of tasks.rows) expect(t.refusal).toMatch(/不能送往其他单位/);
    // 复制 needs the 安全保密管理员's approval.
    await expect(buildTransferPackage(s.db, s.chief, selection, { purpose: '送往其他单位', recipient: '县档案馆', classifiedMode: '复制' }, T_EXPORT)).rejects.toMatchObject({ field: 'copyApprover' });
    await expect(buildTransferPackage(s.db, s.chief, selection, { purpose: '送往其他单位', recipient: '县档案馆', classifiedMode: '复制', copyApprover: personRef(s.clerk) }, T_EXPORT)).rejects.toThrow(/不是安全保密管理员/);
    const prepared = await buildTransferPackage(s.db, s.chief, selection, { purpose: '送往其他单位', recipient: '县档案馆', classifiedMode: '复制', copyApprover: personRef(s.baomi) }, T_EXPORT);
    expect(prepared.manifest.meta.purpose).toBe('送往其他单位');
    await recordOutput(s.db, s.chief, { kind: '迁移包', manifest: prepared.manifest, path: '/tmp/p.wstransfer' }, T_EXPORT);
    // The carrier's 复制 line names its approver.
    const copied = (await s.db.carriers.get(s.carrier.id))!;
    expect(copied.history.at(-1)).toMatchObject({ action: '复制', approver: personRef(s.baomi) });
    expect(copied.history.at(-1)!.note).toContain(`经 ${s.baomi.displayName} 批准`);
    const sentLog = (await s.db.auditLog.toArray()).find((e) => e.action === '导出迁移包')!;
    expect(sentLog.summary).toContain(`SHA-256 ${prepared.manifest.sha256}`);

    const r = await receiver();
    const opened = await openTransferPackage(prepared.bytes, prepared.passphrase);
    expect(opened.sha256).toBe(prepared.manifest.sha256);
    const preview = await previewTransferPackage(r.db, r.chief, opened, {}, undefined, T_IMPORT);
    expect(preview.purpose).toBe('送往其他单位');
    // 3 收文 and the 纪要 become 收文 0003… after the receiver's own 0001–0002; the carrier a new 载体编号.
    const incomingRows = preview.rows.filter((x) => x.kind === 'incoming' || x.kind === 'meetings');
    expect(incomingRows.map((x) => x.number).sort()).toEqual(['收〔2026〕0003', '收〔2026〕0004', '收〔2026〕0005', '收〔2026〕0006']);
    for (const x of preview.rows) expect(x.status).toBe('新增');
    expect(preview.rows.find((x) => x.id === s.docs[0]!.id)!.renumberedFrom).toBe(s.docs[0]!.serial);
    // The carrier's 知悉人: "reader" matches an account here; the sender's 保密员 "baomi" nobody: 外单位人员 unless confirmed.
    const names = preview.people.persons.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['reader', 'baomi']));
    expect(preview.people.suggested[s.reader.id]).toMatchObject({ kind: 'account', userId: r.reader.id });
    expect(preview.people.suggested[s.baomi.id]).toMatchObject({ kind: 'external' });
    const people = { ...preview.people.suggested };
    // A person left unconfirmed: refused, nothing written.
    const partial = { ...people };
    delete partial[s.reader.id];
    await expect(importTransferPackage(r.db, r.chief, opened, T_IMPORT, undefined, { people: partial })).rejects.toThrow(/请确认“reader”/);
    expect(await r.db.incoming.count()).toBe(2);
    const result = await importTransferPackage(r.db, r.chief, opened, T_IMPORT, undefined, { people });
    expect(result.added).toMatchObject({ incoming: 4, carriers: 1 });

    const first = (await r.db.incoming.get(receivedIdOf('incoming', s.docs[0]!.id)))!;
    expect(first).toMatchObject({ serial: '收〔2026〕0003', fromUnit: prepared.manifest.meta.sender.unitName, legacyNumber: s.docs[0]!.serial, docNumber: s.docs[0]!.docNumber, state: '已登记', receivedDate: '2026-11-25' });
    expect(first.origin!.history.map((h) => h.action)).toEqual(expect.arrayContaining(['登记', '初审', '拟办']));
    const minutes = (await r.db.incoming.get(receivedIdOf('meetings', s.meeting.id)))!;
    expect(minutes).toMatchObject({ docType: '纪要', fromUnit: prepared.manifest.meta.sender.unitName });
    expect(minutes.origin!.minutes!.paragraphs).toEqual(['会议听取了汇报。']);
    const carrier = (await r.db.carriers.get(receivedIdOf('carriers', s.carrier.id)))!;
    // Numbered in the receiver's 台账 (its first), as the preview said.
    expect(carrier.serial).toBe(preview.rows.find((x) => x.kind === 'carriers')!.number.split(' ')[0]);
    expect(carrier.origin!.serial).toBe(s.carrier.serial);
    // 知悉范围 here: accounts of this PC only; the unmapped 保密员 of the sender appears by name, 外单位人员, with no account id.
    expect(carrier.knowers.filter((k) => isAccountId(k.userId)).map((k) => k.userId)).toEqual(expect.arrayContaining([r.reader.id]));
    expect(carrier.knowers.some((k) => k.userId === s.baomi.id || k.userId === s.reader.id)).toBe(false);
    for (const k of carrier.knowers) if (!isAccountId(k.userId)) expect(k.name.endsWith(EXTERNAL_MARK) || k.userId === '').toBe(true);
    // The receiver's own 收文 are untouched; its next number comes after the received ones.
    for (const o of r.own) expect(await r.db.incoming.get(o.id)).toEqual(o);
    const next = await registerIncoming(r.db, r.clerk, doc(200), {}, T_IMPORT);
    expect(next.serial).toBe('收〔2026〕0007');
    const log = await r.db.auditLog.toArray();
    expect(log.find((e) => e.action === '导入迁移包')!.summary).toContain(`SHA-256 ${opened.sha256}`);
    expect((await verifyAuditChain(r.db)).ok).toBe(true);

    // The same package again: refused before anything is written, saying when and by whom.
    const before = await r.db.incoming.count();
    const again = await openTransferPackage(prepared.bytes, prepared.passphrase);
    const preview2 = await previewTransferPackage(r.db, r.chief, again, { people }, undefined, T_IMPORT);
    expect(preview2.alreadyImported).toMatch(/此迁移包已于 .* 由 chief 导入/);
    for (const x of preview2.rows) expect(x.status).toBe('已存在（相同）');
    await expect(importTransferPackage(r.db, r.chief, again, T_IMPORT, undefined, { people })).rejects.toThrow(/未重复导入/);
    expect(await r.db.incoming.count()).toBe(before);

    // Another package carrying the same records (a new file): each is found by its identity, nothing new.
    const other = await buildTransferPackage(s.db, s.chief, { incoming: s.docs.map((d) => d.id) }, { purpose: '送往其他单位', recipient: '县档案馆' }, T_EXPORT);
    const res2 = await importTransferPackage(r.db, r.chief, await openTransferPackage(other.bytes, other.passphrase), T_IMPORT, undefined, { people });
    expect(res2.added.incoming).toBe(0);
    expect(res2.byStatus['已存在（相同）']).toBe(3);
    expect(await r.db.incoming.count()).toBe(before);
  });
});
