import { describe, expect, test } from 'vitest';
import { verifyAuditChain } from '../../../renderer/db/audit';
import { send } from '../../../renderer/db/commands/client';
import type { WenshuDB } from '../../../renderer/db/database';
import { actOnCarrier, registerCarrier } from '../../../renderer/db/repositories/carriers';
import { actOnIncoming, registerIncoming } from '../../../renderer/db/repositories/incoming';
import type { Registration } from '../../../shared/domain/incoming-types';
import { RuleError } from '../../../shared/domain/rule-error';
import { carrierOffice, personRef as ref, staffedOffice } from './helpers';

// Batch actions (issue #14): one command over several records, built on the single-record rules;
// all or nothing, one audit entry per record; a refused record is named and nothing changes.

const T = new Date(2026, 10, 23, 10, 0); // local 2026-11-23 10:00 (a Monday)

const reading = (n: number): Registration => ({
  receivedDate: '2026-11-20',
  fromUnit: '县财政局',
  docNumber: `县财发〔2026〕${n}号`,
  title: `关于印发2026年第${n}期财政工作简报的通知`,
  docType: '通知',
  classification: '非密',
  copies: 1,
  pages: 3,
  urgency: '普通',
  signedBy: '张秘书',
  handling: '阅件',
});

async function auditCount(db: WenshuDB): Promise<number> {
  return db.auditLog.count();
}

async function refusal(p: Promise<unknown>): Promise<RuleError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(RuleError);
  return e as RuleError;
}

describe('批量传阅 and 批量办结 of 收文', () => {
  test('传阅 of three 阅件 to the same readers: each 传阅中 with those readers, one audit entry per record', async () => {
    const { db, clerk, reader, outsider } = await staffedOffice();
    const docs = [];
    for (const n of [1, 2, 3]) docs.push(await registerIncoming(db, clerk, reading(n), {}, T));
    const before = await auditCount(db);
    const readers = [ref(reader), ref(outsider)];
    const done = await send(db, clerk, 'incoming.actMany', { ids: docs.map((d) => d.id), action: { type: '传阅', readers } }, T);
    expect(done.map((r) => r.state)).toEqual(['传阅中', '传阅中', '传阅中']);
    for (const d of docs) {
      const r = (await db.incoming.get(d.id))!;
      expect(r.circulation.map((c) => c.userId)).toEqual([reader.id, outsider.id]);
      expect(r.history.at(-1)).toMatchObject({ action: '传阅', byName: clerk.displayName });
    }
    const entries = await db.auditLog.where('seq').above(before).toArray();
    expect(entries.filter((e) => e.action === '收文传阅').map((e) => e.entityId).sort()).toEqual(docs.map((d) => d.id).sort());
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  test('办结 of several 阅件 once read: all 已办结 with 已阅知; one not yet read refuses the batch by its number and nothing changes', async () => {
    const { db, clerk, reader } = await staffedOffice();
    const docs = [];
    for (const n of [1, 2, 3]) docs.push(await registerIncoming(db, clerk, reading(n), {}, T));
    await send(db, clerk, 'incoming.actMany', { ids: docs.map((d) => d.id), action: { type: '传阅', readers: [ref(reader)] } }, T);
    await actOnIncoming(db, reader, docs[0]!.id, { type: '已阅', userId: reader.id }, T);
    await actOnIncoming(db, reader, docs[1]!.id, { type: '已阅', userId: reader.id }, T);

    const before = await auditCount(db);
    const e = await refusal(send(db, clerk, 'incoming.actMany', { ids: docs.map((d) => d.id), action: { type: '办结', result: '' } }, T));
    expect(e.message).toContain(docs[2]!.serial);
    expect(e.message).toContain('尚有 1 人未阅');
    expect(await auditCount(db)).toBe(before);
    for (const d of docs) expect((await db.incoming.get(d.id))!.state).toBe('传阅中');

    await actOnIncoming(db, reader, docs[2]!.id, { type: '已阅', userId: reader.id }, T);
    const mid = await auditCount(db);
    await send(db, clerk, 'incoming.actMany', { ids: docs.map((d) => d.id), action: { type: '办结', result: '' } }, T);
    for (const d of docs) expect((await db.incoming.get(d.id))!).toMatchObject({ state: '已办结', result: { text: '已阅知' } });
    expect(await auditCount(db)).toBe(mid + 3);
  });

  test('a record whose state does not allow the step is named, and the records before it are not changed either', async () => {
    const { db, clerk, reader } = await staffedOffice();
    const a = await registerIncoming(db, clerk, reading(1), {}, T);
    const b = await registerIncoming(db, clerk, reading(2), {}, T);
    await actOnIncoming(db, clerk, b.id, { type: '退回', reason: '非本单位来文' }, T);
    const before = await auditCount(db);
    const e = await refusal(send(db, clerk, 'incoming.actMany', { ids: [a.id, b.id], action: { type: '传阅', readers: [ref(reader)] } }, T));
    expect(e.message).toMatch(new RegExp(`^${b.serial.replace(/[〔〕]/g, '.')}：当前状态“已退回”，不能传阅`));
    expect(await auditCount(db)).toBe(before);
    expect((await db.incoming.get(a.id))!.state).toBe('已登记');
    expect((await db.incoming.get(a.id))!.circulation).toEqual([]);
  });

  test('only 传阅 and 办结 go in batches; an empty or doubled selection and a non-secretary are refused', async () => {
    const { db, clerk, reader } = await staffedOffice();
    const a = await registerIncoming(db, clerk, reading(1), {}, T);
    expect((await refusal(send(db, clerk, 'incoming.actMany', { ids: [], action: { type: '传阅', readers: [ref(reader)] } }, T))).message).toBe('请先选择收文');
    expect((await refusal(send(db, clerk, 'incoming.actMany', { ids: [a.id, a.id], action: { type: '传阅', readers: [ref(reader)] } }, T))).message).toBe('同一收文选了两次');
    await expect(send(db, clerk, 'incoming.actMany', { ids: [a.id], action: { type: '退回', reason: 'x' } as never }, T)).rejects.toThrow('只能批量传阅或办结');
    await expect(send(db, reader, 'incoming.actMany', { ids: [a.id], action: { type: '传阅', readers: [ref(reader)] } }, T)).rejects.toThrow();
    expect((await db.incoming.get(a.id))!.state).toBe('已登记');
  });
});

describe('批量借出 of 涉密载体', () => {
  test('several carriers lent to one person in one command; one already lent refuses all, named by its 编号', async () => {
    const { db, baomi, reader, leader, carrierInput } = await carrierOffice();
    const cs = [];
    for (let i = 0; i < 3; i++) cs.push(await registerCarrier(db, baomi, { ...carrierInput, copyNumber: String(i + 1) }, T));
    const lend = { type: '借出' as const, borrower: ref(reader), purpose: '起草答复意见', approver: ref(leader), dueDate: '2026-11-30' };

    await actOnCarrier(db, baomi, cs[2]!.id, lend, T);
    const before = await auditCount(db);
    const e = await refusal(send(db, baomi, 'carrier.actMany', { ids: cs.map((c) => c.id), action: lend }, T));
    expect(e.message).toContain(cs[2]!.serial);
    expect(e.message).toContain('已借出');
    expect(await auditCount(db)).toBe(before);
    expect((await db.carriers.get(cs[0]!.id))!.state).toBe('在库');

    const done = await send(db, baomi, 'carrier.actMany', { ids: [cs[0]!.id, cs[1]!.id], action: lend }, T);
    expect(done.map((c) => [c.state, c.loan?.borrower.userId])).toEqual([
      ['借出', reader.id],
      ['借出', reader.id],
    ]);
    const entries = await db.auditLog.where('seq').above(before).toArray();
    expect(entries.map((x) => [x.action, x.entityId])).toEqual([
      ['涉密载体借出', cs[0]!.id],
      ['涉密载体借出', cs[1]!.id],
    ]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  test('a field the rule refuses (no 借阅事由) is reported beside that field and changes nothing', async () => {
    const { db, baomi, reader, leader, carrierInput } = await carrierOffice();
    const c = await registerCarrier(db, baomi, carrierInput, T);
    const e = await refusal(send(db, baomi, 'carrier.actMany', { ids: [c.id], action: { type: '借出', borrower: ref(reader), purpose: '', approver: ref(leader), dueDate: '2026-11-30' } }, T));
    expect(e.field).toBe('purpose');
    expect(e.message).toContain(c.serial);
    expect((await db.carriers.get(c.id))!.state).toBe('在库');
  });
});
