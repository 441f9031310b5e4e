import { describe, expect, test } from 'vitest';
import { verifyAuditChain } from '../../../renderer/db/audit';
import { send } from '../../../renderer/db/commands/client';
import { WenshuDB } from '../../../renderer/db/database';
import { actOnCarrier, getCarrier } from '../../../renderer/db/repositories/carriers';
import { fileRecords, filingCandidates, listArchive } from '../../../renderer/db/repositories/filing';
import { savePerson } from '../../../renderer/db/repositories/meetings';
import {
  actOnOutgoing,
  allOutgoingRows,
  docNumberLedger,
  docNumberYears,
  draftOutgoing,
  editOutgoing,
  getOutgoing,
  listOutgoing,
  outgoingDashboard,
  outgoingYears,
  previewDocNumber,
  reserveDocNumber,
  reservedDocNumbers,
  saveOutgoingSeries,
  voidDocNumber,
} from '../../../renderer/db/repositories/outgoing';
import type { Actor } from '../../../renderer/db/types';
import { outgoingProjection } from '../../../renderer/db/outgoing/outgoing-index';
import { MASK } from '../../../shared/domain/need-to-know';
import type { OutgoingDraft, OutgoingRecord } from '../../../shared/domain/outgoing-types';
import { RuleError } from '@shared/domain/rule-error';
import { outgoingDraft, SERIES_FA, SERIES_HAN } from '../../fixtures/outgoing';
import { buildTransferPackage, importTransferPackage, openTransferPackage, previewTransferPackage } from '../../../renderer/db/repositories/transfer';
import { mapRecordPeople } from '@shared/domain/transfer-people';
import { CARRIERS_REGISTER, OUTGOING_REGISTER } from '@shared/domain/registers';
import { addUser, freshDb, personRef, setUpOffice, staffedOffice } from './helpers';

// 发文 through the repository (issue #16), on fake-indexeddb: the whole procedure through the
// commands, the 文号台账 (taken at 登记 in the record's transaction, gap-free, never reused: 作废
// keeps its number, 预留 then used or voided), two windows never sharing a number, classified
// copies as carriers linked both ways and handed over (移交) at 核发, need to know in lists and
// search, and 归档 through the filing repository with its 文号 in the catalogue.

const T_DRAFT = new Date(2026, 10, 20, 9, 0); // Friday 2026-11-20
const T = new Date(2026, 10, 23, 10, 0); // Monday 2026-11-23
const T_NEXT = new Date(2026, 10, 24, 10, 0);
const TODAY = '2026-11-24';
const SECRET_TITLE = '关于某重大专项经费的机密请示';

async function outgoingOffice() {
  const o = await staffedOffice();
  await saveOutgoingSeries(o.db, o.admin, [SERIES_FA, SERIES_HAN], T_DRAFT);
  const leader = await savePerson(o.db, o.clerk, { name: '王县长', unit: '县人民政府', title: '县长', userId: o.reader.id }, T_DRAFT);
  const draft = (over: Partial<OutgoingDraft> = {}): OutgoingDraft =>
    outgoingDraft({ draftingUnit: { id: o.dept.id, name: o.dept.name }, drafter: personRef(o.clerk), ...over });
  return { ...o, leader, draft };
}
type Office = Awaited<ReturnType<typeof outgoingOffice>>;

/** 拟稿 → 送核稿 → 核稿 → 签发 (王县长) → 复核: ready for 登记. */
async function signedOutgoing(o: Office, over: Partial<OutgoingDraft> = {}, who: Actor = o.clerk): Promise<string> {
  const { id } = await draftOutgoing(o.db, who, o.draft(over), T_DRAFT);
  await actOnOutgoing(o.db, who, id, { type: '送核稿' }, T);
  await actOnOutgoing(o.db, who, id, { type: '核稿', text: '文字已核' }, T);
  await actOnOutgoing(o.db, who, id, { type: '签发', signerId: o.leader.id, text: '同意印发', date: '2026-11-23' }, T);
  await actOnOutgoing(o.db, who, id, { type: '复核', text: '程序完备' }, T);
  return id;
}

async function rejection(p: Promise<unknown>): Promise<RuleError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof RuleError) return e;
    throw e;
  }
  throw new Error('expected a RuleError');
}

async function issueAll(o: Office, id: string): Promise<OutgoingRecord> {
  const before = (await o.db.outgoing.get(id))!;
  await actOnOutgoing(o.db, o.clerk, id, { type: '印制', copies: before.printCopies }, T_NEXT);
  let r = await actOnOutgoing(o.db, o.clerk, id, { type: '用印' }, T_NEXT);
  const numbers = [...(r.printing?.copyNumbers ?? [])];
  for (const unit of [...r.mainTo, ...r.copyTo]) {
    r = await actOnOutgoing(o.db, o.clerk, id, { type: '核发', unit, copies: 1, copyNumbers: numbers.length ? [numbers.shift()!] : [], date: TODAY, receivedBy: '李收发' }, T_NEXT);
  }
  return r;
}

describe('发文 through the commands', () => {
  test('a 请示 (上行文) and a 通知 from 拟稿 to 核发, one 退回修改 on the way; 文号 1 and 2', async () => {
    const o = await outgoingOffice();
    // The 请示: 上行文, one 退回修改 at 核稿, 签发 refused without a 签发人.
    const { id: qs } = await send(o.db, o.clerk, 'outgoing.draft', { draft: o.draft({ title: '关于申请防汛专项经费的请示', docType: '请示', direction: '上行文', mainTo: ['县人民政府'], copyTo: [] }) }, T_DRAFT);
    await actOnOutgoing(o.db, o.clerk, qs, { type: '送核稿' }, T);
    await actOnOutgoing(o.db, o.clerk, qs, { type: '退回修改', reason: '请补充经费测算依据' }, T);
    await editOutgoing(o.db, o.clerk, qs, o.draft({ title: '关于申请防汛专项经费的请示', docType: '请示', direction: '上行文', mainTo: ['县人民政府'], copyTo: [], attachments: '1. 经费测算表' }), T);
    await actOnOutgoing(o.db, o.clerk, qs, { type: '送核稿' }, T);
    await actOnOutgoing(o.db, o.clerk, qs, { type: '核稿', text: '可' }, T);
    const noSigner = await rejection(actOnOutgoing(o.db, o.clerk, qs, { type: '签发', signerId: '', text: '同意', date: '2026-11-23' }, T));
    expect(noSigner).toMatchObject({ field: 'signerId', message: expect.stringMatching(/^上行文须写明签发人/) });
    await actOnOutgoing(o.db, o.clerk, qs, { type: '签发', signerId: o.leader.id, text: '同意上报', date: '2026-11-23' }, T);
    await actOnOutgoing(o.db, o.clerk, qs, { type: '复核', text: '' }, T);
    const tz = await signedOutgoing(o);

    expect(await previewDocNumber(o.db, SERIES_FA.id, 2026)).toBe('县政办发〔2026〕1号');
    const a = await actOnOutgoing(o.db, o.clerk, qs, { type: '登记' }, T_NEXT);
    const b = await actOnOutgoing(o.db, o.clerk, tz, { type: '登记' }, T_NEXT);
    expect([a.docNumber, b.docNumber]).toEqual(['县政办发〔2026〕1号', '县政办发〔2026〕2号']);
    const done = await issueAll(o, qs);
    expect(done).toMatchObject({ state: '已核发', signoff: { signer: '王县长' }, returns: [{ reason: '请补充经费测算依据' }] });
    expect(done.history.map((h) => h.action)).toEqual(['拟稿', '送核稿', '退回修改', '修改', '送核稿', '核稿', '签发', '复核', '登记', '印制', '用印', '核发']);
    // The 签发人's account (王县长 is the reader's) is named: the 请示 is theirs to see.
    expect(done.namedUserIds).toContain(o.reader.id);

    const audit = await o.db.auditLog.orderBy('seq').toArray();
    expect(audit.filter((e) => e.entityType === '发文').map((e) => e.action)).toEqual(
      expect.arrayContaining(['发文拟稿', '发文送核稿', '发文退回修改', '发文修改', '发文签发', '发文登记', '发文核发']),
    );
    expect(audit.find((e) => e.action === '发文登记' && e.entityId === qs)!.summary).toBe('县政办发〔2026〕1号《关于申请防汛专项经费的请示》 待登记 → 待印制：县政办发〔2026〕1号');
    expect(await verifyAuditChain(o.db)).toMatchObject({ ok: true });
  });

  test('作废 of 2 keeps it in the 台账; the next gets 3; the 台账 shows 1 已用, 2 作废 (reason), 3 已用, no gap', async () => {
    const o = await outgoingOffice();
    const ids = [await signedOutgoing(o), await signedOutgoing(o), await signedOutgoing(o)];
    await actOnOutgoing(o.db, o.clerk, ids[0]!, { type: '登记' }, T_NEXT);
    await actOnOutgoing(o.db, o.clerk, ids[1]!, { type: '登记' }, T_NEXT);
    const voided = await actOnOutgoing(o.db, o.clerk, ids[1]!, { type: '作废', reason: '政策调整，收回重拟' }, T_NEXT);
    expect(voided).toMatchObject({ state: '已作废', docNumber: '县政办发〔2026〕2号' });
    const third = await actOnOutgoing(o.db, o.clerk, ids[2]!, { type: '登记' }, T_NEXT);
    expect(third.docNumber).toBe('县政办发〔2026〕3号');
    const ledger = await docNumberLedger(o.db, o.reader, SERIES_FA.id, 2026);
    expect(ledger.entries.map((e) => [e.seq, e.number, e.status, e.outgoingId, e.reason])).toEqual([
      [1, '县政办发〔2026〕1号', '已用', ids[0], undefined],
      [2, '县政办发〔2026〕2号', '作废', ids[1], '政策调整，收回重拟'],
      [3, '县政办发〔2026〕3号', '已用', ids[2], undefined],
    ]);
    expect(ledger.gaps).toEqual([]);
    expect(ledger.holders[ids[1]!]).toEqual({ title: '关于做好2026年冬季安全生产工作的通知', state: '已作废', classification: '非密' });
    expect(await docNumberYears(o.db, o.reader, SERIES_FA.id)).toEqual([2026]);
    // Never deleted: a hand-made gap (a row removed outside the app) is reported.
    await o.db.docNumbers.delete(`${SERIES_FA.id}|2026|2`);
    expect((await docNumberLedger(o.db, o.reader, SERIES_FA.id, 2026)).gaps).toEqual([2]);
  });

  test('a 预留号 is reserved, shows as reserved, and is then used at 登记; another is voided with the reason', async () => {
    const o = await outgoingOffice();
    const kept = await reserveDocNumber(o.db, o.clerk, { seriesId: SERIES_FA.id, year: 2026, reason: '留给与县委办联合发文' }, T);
    expect(kept).toMatchObject({ number: '县政办发〔2026〕1号', status: '预留', reason: '留给与县委办联合发文' });
    const spare = await reserveDocNumber(o.db, o.clerk, { seriesId: SERIES_FA.id, year: 2026, reason: '备用' }, T);
    expect(spare.number).toBe('县政办发〔2026〕2号');
    expect((await reservedDocNumbers(o.db, o.clerk, SERIES_FA.id)).map((e) => e.number)).toEqual(['县政办发〔2026〕1号', '县政办发〔2026〕2号']);
    expect(await rejection(reserveDocNumber(o.db, o.clerk, { seriesId: SERIES_FA.id, year: 2026, reason: ' ' }, T))).toMatchObject({ field: 'reason' });

    const id = await signedOutgoing(o);
    const used = await actOnOutgoing(o.db, o.clerk, id, { type: '登记', reservedEntryId: kept.id }, T_NEXT);
    expect(used).toMatchObject({ docNumber: '县政办发〔2026〕1号', seq: 1 });
    expect(used.history.at(-1)!.note).toBe('县政办发〔2026〕1号（使用预留号）');
    // Once used, a 预留号 is not offered again and cannot be used twice.
    const other = await signedOutgoing(o);
    expect(await rejection(actOnOutgoing(o.db, o.clerk, other, { type: '登记', reservedEntryId: kept.id }, T_NEXT))).toMatchObject({ field: 'reservedEntryId', message: '县政办发〔2026〕1号已被使用，不能再用' });
    expect(await rejection(voidDocNumber(o.db, o.clerk, { entryId: kept.id, reason: 'x' }, T_NEXT))).toMatchObject({ message: '县政办发〔2026〕1号已被发文使用，须随发文作废' });

    await voidDocNumber(o.db, o.clerk, { entryId: spare.id, reason: '联合发文取消' }, T_NEXT);
    // The next number is 3: 2 stays voided, never handed out again.
    expect((await actOnOutgoing(o.db, o.clerk, other, { type: '登记' }, T_NEXT)).docNumber).toBe('县政办发〔2026〕3号');
    const ledger = await docNumberLedger(o.db, o.clerk, SERIES_FA.id, 2026);
    expect(ledger.entries.map((e) => [e.seq, e.status, e.reason ?? ''])).toEqual([
      [1, '已用', '留给与县委办联合发文'],
      [2, '作废', '联合发文取消'],
      [3, '已用', ''],
    ]);
    expect(ledger.entries[0]!.history.map((h) => h.action)).toEqual(['预留', '使用预留号']);
    expect(ledger.gaps).toEqual([]);
    // The 函 series counts on its own.
    expect((await reserveDocNumber(o.db, o.clerk, { seriesId: SERIES_HAN.id, year: 2026, reason: '备用' }, T)).number).toBe('县政办函〔2026〕1号');
  });

  test('two windows registering at the same moment never get the same number', async () => {
    const o = await outgoingOffice();
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await signedOutgoing(o));
    const second = new WenshuDB(o.db.name);
    await second.open();
    const results = await Promise.all(ids.map((id, i) => actOnOutgoing(i % 2 ? second : o.db, o.clerk, id, { type: '登记' }, T_NEXT)));
    const seqs = results.map((r) => r.seq!).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(new Set(results.map((r) => r.docNumber)).size).toBe(12);
    const ledger = await docNumberLedger(o.db, o.clerk, SERIES_FA.id, 2026);
    expect(ledger.entries).toHaveLength(12);
    expect(ledger.gaps).toEqual([]);
    expect(await verifyAuditChain(o.db)).toMatchObject({ ok: true });
    second.close();
  });

  test('a refused 登记 takes no number; nothing but 发文办理 may act; a series with numbers cannot be removed', async () => {
    const o = await outgoingOffice();
    const { id } = await draftOutgoing(o.db, o.clerk, o.draft(), T_DRAFT);
    expect((await rejection(actOnOutgoing(o.db, o.clerk, id, { type: '登记' }, T_NEXT))).message).toMatch(/当前状态“草稿”，不能登记/);
    expect(await o.db.docNumbers.count()).toBe(0);
    expect(await o.db.counters.get(`发文:${SERIES_FA.id}|2026`)).toBeUndefined();
    await expect(actOnOutgoing(o.db, o.reader, id, { type: '送核稿' }, T)).rejects.toThrow(/发文办理/);
    await expect(draftOutgoing(o.db, o.reader, o.draft(), T)).rejects.toThrow(/发文办理/);
    // The draft's checks, beside their fields.
    expect(await rejection(draftOutgoing(o.db, o.clerk, { ...o.draft(), mainTo: [] }, T))).toMatchObject({ field: 'mainTo', message: '请至少填写一个主送机关' });
    expect(await rejection(draftOutgoing(o.db, o.clerk, { ...o.draft(), seriesId: 'nope' }, T))).toMatchObject({ field: 'seriesId' });
    // Series: the 秘书 may keep them; one with numbers or drafts stays (停用 instead).
    await expect(saveOutgoingSeries(o.db, o.clerk, [SERIES_HAN], T)).rejects.toThrow('发文字号“县政办发”已有 1 件发文，不能删除，可以停用');
    await saveOutgoingSeries(o.db, o.clerk, [{ ...SERIES_FA, retired: true }, SERIES_HAN], T);
    expect(await rejection(draftOutgoing(o.db, o.clerk, o.draft(), T))).toMatchObject({ field: 'seriesId', message: expect.stringMatching(/已停用/) });
    await expect(saveOutgoingSeries(o.db, o.reader, [SERIES_FA], T)).rejects.toThrow(/发文办理/);
  });

  test('a 机密 发文 printed in 3 份 makes carriers 000001–000003 linked both ways; 核发 of one is a 移交', async () => {
    const o = await outgoingOffice();
    const baomi = await addUser(o.db, o.admin, 'baomi', ['安全保密管理员']);
    const id = await signedOutgoing(o, { title: SECRET_TITLE, docType: '请示', direction: '上行文', classification: '机密', disclosure: '不予公开', mainTo: ['县人民政府'], copyTo: [], printCopies: 3 });
    await actOnOutgoing(o.db, o.clerk, id, { type: '登记' }, T_NEXT);
    const printed = await actOnOutgoing(o.db, o.clerk, id, { type: '印制', copies: 3 }, T_NEXT);
    expect(printed.printing!.copyNumbers).toEqual(['000001', '000002', '000003']);
    const carriers = await o.db.carriers.bulkGet(printed.printing!.carrierIds);
    expect(carriers.map((c) => [c!.copyNumber, c!.state, c!.classification, c!.docNumber, c!.source])).toEqual(
      ['000001', '000002', '000003'].map((n) => [n, '在库', '机密', '县政办发〔2026〕1号', { kind: '自制', unit: SERIES_FA.issuerName, outgoingId: id }]),
    );
    expect(carriers[0]!.secrecyTerm).toEqual({ kind: 'years', years: 20 });
    // The 保密员 sees them in the 台账 (custodian: the 秘书 who printed them).
    expect((await getCarrier(o.db, baomi, carriers[0]!.id))!.canSeeContent).toBe(true);
    expect(carriers[0]!.custodian).toEqual(personRef(o.clerk));

    await actOnOutgoing(o.db, o.clerk, id, { type: '用印' }, T_NEXT);
    expect((await rejection(actOnOutgoing(o.db, o.clerk, id, { type: '核发', unit: '县人民政府', copies: 1, copyNumbers: [], date: TODAY, receivedBy: '李收发' }, T_NEXT))).field).toBe('copyNumbers');
    const issued = await actOnOutgoing(o.db, o.clerk, id, { type: '核发', unit: '县人民政府', copies: 1, copyNumbers: ['000002'], date: TODAY, receivedBy: '李收发' }, T_NEXT);
    expect(issued.state).toBe('已核发');
    const after = await o.db.carriers.bulkGet(printed.printing!.carrierIds);
    expect(after.map((c) => c!.state)).toEqual(['在库', '已移交', '在库']);
    expect(after[1]!.handover).toMatchObject({ kind: '移交', receiver: '县人民政府', receiverKind: '单位' });
    expect(after[1]!.history.at(-1)).toMatchObject({ action: '移交', byName: 'clerk', note: expect.stringContaining('随发文 县政办发〔2026〕1号 核发') });
    // 清退 works as for any carrier (the 保密员, by the carrier rules).
    const returned = await actOnCarrier(o.db, baomi, after[2]!.id, { type: '移交', receiver: '市保密局', receiverKind: '单位', kind: '清退' }, T_NEXT);
    expect(returned).toMatchObject({ state: '已移交', handover: { kind: '清退', receiver: '市保密局' } });
    // The 秘书 cannot move a carrier the 发文 did not print, nor one it did outside 核发.
    await expect(actOnCarrier(o.db, o.clerk, after[0]!.id, { type: '移交', receiver: '县人民政府', receiverKind: '单位', kind: '移交' }, T_NEXT)).rejects.toThrow(/涉密载体管理/);
    // The audit log never names the classified title.
    const audit = JSON.stringify(await o.db.auditLog.toArray());
    expect(audit).not.toContain(SECRET_TITLE);
    expect(audit).toContain('涉密载体移交');
  });

  test('need to know: lists, search and the detail mask a classified 发文 outside it; its 文号 still matches', async () => {
    const o = await outgoingOffice();
    const secret = await signedOutgoing(o, { title: SECRET_TITLE, classification: '秘密', disclosure: '不予公开', mainTo: ['县人民政府'], copyTo: [], printCopies: 2 });
    await actOnOutgoing(o.db, o.clerk, secret, { type: '登记' }, T_NEXT);
    const open = await signedOutgoing(o, { title: '关于做好冬季防火工作的通知' });

    const forOutsider = await listOutgoing(o.db, o.outsider, { offset: 0, limit: 10 }, TODAY);
    expect(forOutsider.total).toBe(2);
    expect(forOutsider.rows.find((r) => r.id === secret)).toMatchObject({ title: MASK, masked: true, mainTo: [], docNumber: '县政办发〔2026〕1号', classification: '秘密' });
    expect(forOutsider.rows.find((r) => r.id === open)).toMatchObject({ title: '关于做好冬季防火工作的通知', masked: false });
    // Search: the hidden title does not match for the outsider; the 文号 does.
    expect((await listOutgoing(o.db, o.outsider, { text: '重大专项', offset: 0, limit: 10 }, TODAY)).total).toBe(0);
    expect((await listOutgoing(o.db, o.clerk, { text: '重大专项', offset: 0, limit: 10 }, TODAY)).rows.map((r) => r.id)).toEqual([secret]);
    expect((await listOutgoing(o.db, o.outsider, { text: '〔2026〕1号', offset: 0, limit: 10 }, TODAY)).rows.map((r) => r.id)).toEqual([secret]);
    // 王县长 (the reader's account) signed it: named, so sees it.
    expect((await getOutgoing(o.db, o.reader, secret))!.canSeeContent).toBe(true);
    const masked = (await getOutgoing(o.db, o.outsider, secret))!;
    expect(masked.canSeeContent).toBe(false);
    expect(JSON.stringify(masked.record)).not.toContain(SECRET_TITLE);
    // The 台账 names the 文号's 发文 without its title for the outsider.
    expect((await docNumberLedger(o.db, o.outsider, SERIES_FA.id, 2026)).holders[secret]).toEqual({ title: MASK, state: '待印制', classification: '秘密' });
    expect((await docNumberLedger(o.db, o.clerk, SERIES_FA.id, 2026)).holders[secret]!.title).toBe(SECRET_TITLE);
    // Filters, years and the whole filtered list (prints, XLSX).
    expect((await listOutgoing(o.db, o.clerk, { state: '待印制', offset: 0, limit: 10 }, TODAY)).rows.map((r) => r.id)).toEqual([secret]);
    expect((await listOutgoing(o.db, o.clerk, { classification: '秘密', seriesId: SERIES_FA.id, year: 2026, offset: 0, limit: 10 }, TODAY)).total).toBe(1);
    expect((await allOutgoingRows(o.db, o.outsider, {}, TODAY)).map((r) => r.title).sort()).toEqual([MASK, '关于做好冬季防火工作的通知'].sort());
    expect(await outgoingYears(o.db)).toEqual([2026]);
  });

  test('the list opens newest drafted first from the index, in the same order the projection gives', async () => {
    const o = await outgoingOffice();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await draftOutgoing(o.db, o.clerk, o.draft({ title: `关于第${i}项工作的通知` }), new Date(2026, 10, 20, 9, i))).id);
    // Same moment: the id breaks the tie, in both orders alike.
    ids.push((await draftOutgoing(o.db, o.clerk, o.draft(), new Date(2026, 10, 20, 9, 3))).id);
    expect(outgoingProjection(o.db).isLoaded()).toBe(false);
    const cold = await listOutgoing(o.db, o.clerk, { offset: 0, limit: 3 }, TODAY);
    expect(cold.total).toBe(5);
    await listOutgoing(o.db, o.clerk, { text: '通知', offset: 0, limit: 10 }, TODAY); // loads the projection
    const warm = await listOutgoing(o.db, o.clerk, { offset: 0, limit: 3 }, TODAY);
    expect(warm.rows.map((r) => r.id)).toEqual(cold.rows.map((r) => r.id));
    expect(cold.rows.map((r) => r.id).slice(2)).toEqual([ids[2]]);
    expect(new Set(cold.rows.slice(0, 2).map((r) => r.id))).toEqual(new Set([ids[3], ids[4]]));
  });

  test('not 核发 3 working days after 签发 is flagged in the list', async () => {
    const o = await outgoingOffice();
    const id = await signedOutgoing(o); // signed Monday 2026-11-23
    const row = async (today: string) => (await listOutgoing(o.db, o.clerk, { offset: 0, limit: 10 }, today)).rows.find((r) => r.id === id)!;
    expect((await row('2026-11-26')).overdue).toBe(false);
    expect((await row('2026-11-27')).overdue).toBe(true);
    // 工作台: the queues and the late list, for 发文办理 only.
    const { id: draft } = await draftOutgoing(o.db, o.clerk, o.draft(), T_DRAFT);
    await actOnOutgoing(o.db, o.clerk, draft, { type: '送核稿' }, T);
    const board = await outgoingDashboard(o.db, o.clerk, '2026-11-27');
    expect(Object.fromEntries(Object.entries(board.queues).map(([k, v]) => [k, v.rows.map((r) => r.id)]))).toEqual({ 待核稿: [draft], 待签发: [], 待登记: [id], 待核发: [] });
    expect(board.overdue.rows.map((r) => r.id)).toEqual([id]);
    expect((await outgoingDashboard(o.db, o.clerk, '2026-11-26')).overdue.total).toBe(0);
    await expect(outgoingDashboard(o.db, o.reader, '2026-11-27')).rejects.toThrow(/发文办理/);
    await send(o.db, o.clerk, 'settings.save', { key: 'outgoing', value: { overdueWorkdays: 5 } }, T);
    expect((await row('2026-11-27')).overdue).toBe(false);
  });

  test('a 核发 发文 is an 归档 candidate of its year and files with its 文号, 责任者 the issuer, 定稿 and 正本 one 件', async () => {
    const o = await outgoingOffice();
    const id = await signedOutgoing(o);
    await actOnOutgoing(o.db, o.clerk, id, { type: '登记' }, T_NEXT);
    expect((await filingCandidates(o.db, o.clerk, 2026)).filter((c) => c.kind === '发文')).toEqual([]);
    await issueAll(o, id);
    const candidates = (await filingCandidates(o.db, o.clerk, 2026)).filter((c) => c.kind === '发文');
    expect(candidates).toHaveLength(1);
    expect(candidates[0]).toMatchObject({ recordId: id, label: '县政办发〔2026〕1号', pagesEstimated: true, entry: { docNumber: '县政办发〔2026〕1号', responsible: SERIES_FA.issuerName, remarks: '定稿、正本合为一件' } });
    const [filed] = await fileRecords(o.db, o.clerk, 2026, [{ kind: '发文', recordId: id, orgCode: 'BGS', retention: '永久' }], new Date(2026, 11, 1, 10, 0));
    expect(filed).toMatchObject({ kind: '发文', docNumber: '县政办发〔2026〕1号', responsible: SERIES_FA.issuerName, recordLabel: '县政办发〔2026〕1号', archiveCode: 'Z109-WS·2026-Y-BGS-0001' });
    expect((await listArchive(o.db, o.clerk, 2026)).entries.map((e) => e.docNumber)).toEqual(['县政办发〔2026〕1号']);
    const r = (await o.db.outgoing.get(id))!;
    expect(r.filed?.archiveCode).toBe('Z109-WS·2026-Y-BGS-0001');
    expect(r.history.at(-1)).toMatchObject({ action: '归档', note: 'Z109-WS·2026-Y-BGS-0001' });
    // Filed: read-only.
    expect((await rejection(actOnOutgoing(o.db, o.clerk, id, { type: '作废', reason: 'x' }, T_NEXT))).message).toMatch(/已归档（档号 Z109-WS·2026-Y-BGS-0001）/);
    expect((await listOutgoing(o.db, o.clerk, { offset: 0, limit: 10 }, TODAY)).rows[0]!.archiveCode).toBe('Z109-WS·2026-Y-BGS-0001');
  });

  test('迁移包: a classified 发文 travels with its printed copies and arrives as it was; its 文号 counter moves past it', async () => {
    const o = await outgoingOffice();
    const chief = await addUser(o.db, o.admin, 'chief', ['秘书', '安全保密管理员']);
    const id = await signedOutgoing(o, { title: SECRET_TITLE, classification: '机密', disclosure: '不予公开', mainTo: ['县人民政府'], copyTo: [], printCopies: 2 });
    await actOnOutgoing(o.db, o.clerk, id, { type: '登记' }, T_NEXT);
    const printed = await actOnOutgoing(o.db, o.clerk, id, { type: '印制', copies: 2 }, T_NEXT);
    const prepared = await buildTransferPackage(o.db, chief, { outgoing: [id] }, { purpose: '本单位其他计算机', recipient: '县档案馆', classifiedMode: '复制', copyApprover: { userId: chief.id, name: chief.displayName } }, T_NEXT);
    expect(prepared.manifest.counts).toMatchObject({ outgoing: 1, carriers: 2 });
    const sent = { outgoing: await o.db.outgoing.get(id), carriers: await o.db.carriers.bulkGet(printed.printing!.carrierIds) };

    const r = freshDb();
    const admin = await setUpOffice(r);
    const receiver = await addUser(r, admin, 'chief', ['秘书', '安全保密管理员']);
    const opened = await openTransferPackage(prepared.bytes, prepared.passphrase);
    // People are this PC's (the suggestions: same name → that account, else 外单位人员); the rest as it was.
    const mapping = (await previewTransferPackage(r, receiver, opened)).people.suggested;
    const result = await importTransferPackage(r, receiver, opened, T_NEXT);
    expect(result.added).toMatchObject({ outgoing: 1, carriers: 2 });
    expect(await r.outgoing.get(id)).toEqual(mapRecordPeople(OUTGOING_REGISTER, sent.outgoing!, mapping));
    expect(await r.carriers.bulkGet(printed.printing!.carrierIds)).toEqual(sent.carriers.map((c) => mapRecordPeople(CARRIERS_REGISTER, c!, mapping)));
    expect((await listOutgoing(r, receiver, { text: '重大专项', offset: 0, limit: 10 }, TODAY)).rows.map((x) => x.id)).toEqual([id]);
    expect(await r.counters.get(`发文:${SERIES_FA.id}|2026`)).toMatchObject({ last: 1 });
  });
});
