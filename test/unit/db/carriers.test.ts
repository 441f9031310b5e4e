import { describe, expect, test } from 'vitest';
import { verifyAuditChain } from '../../../renderer/db/audit';
import { actOnCarrier, copyCarrierWithApproval, overdueLoans, registerCarrier } from '../../../renderer/db/repositories/carriers';
import { carrierOffice, personRef as ref } from './helpers';

/** A fixed clock: due dates are checked against "today". */
const T = new Date('2026-11-23T01:00:00Z');

describe('涉密载体台账 through the repository', () => {
  test('register → lend → overdue → return → copy → inventory → destroy, each audited without the 名称', async () => {
    const { db, baomi, leader, reader, carrierInput } = await carrierOffice();
    const c = await registerCarrier(db, baomi, carrierInput, new Date('2026-11-23T01:00:00Z'));
    expect(c).toMatchObject({ serial: '载〔2026〕0001', copyNumber: '000001', state: '在库', secrecyTerm: { kind: 'years', years: 20 } });
    await actOnCarrier(db, baomi, c.id, { type: '借出', borrower: ref(reader), purpose: '起草答复', approver: ref(leader), dueDate: '2026-11-25' }, T);
    expect((await overdueLoans(db, baomi, '2026-11-25')).length).toBe(0);
    expect((await overdueLoans(db, baomi, '2026-11-26')).map((x) => x.serial)).toEqual(['载〔2026〕0001']);
    await expect(actOnCarrier(db, baomi, c.id, { type: '销毁', approver: ref(baomi), destroyer: ref(reader), supervisor: ref(leader), method: '粉碎', place: '保密局销毁站' }, T)).rejects.toThrow('须先归还');
    await actOnCarrier(db, baomi, c.id, { type: '归还' }, T);
    const { copy } = await copyCarrierWithApproval(db, baomi, c.id, { type: '复制', approval: { kind: 'unit', approver: ref(baomi) }, copyNumber: '2' }, new Date('2026-11-24T01:00:00Z'));
    expect(copy).toMatchObject({ serial: '载〔2026〕0002', copyNumber: '000002', copyOf: c.id, classification: '机密' });
    expect((await db.carriers.get(c.id))!.copies).toEqual([copy.id]);
    await expect(copyCarrierWithApproval(db, baomi, c.id, { type: '复制', approval: { kind: 'unit', approver: ref(baomi) }, copyNumber: '000002' }, T)).rejects.toThrow('已被同一文件');
    await actOnCarrier(db, baomi, c.id, { type: '清点', result: '在位', sessionId: 's1' }, T);
    await expect(actOnCarrier(db, baomi, c.id, { type: '销毁', approver: ref(baomi), destroyer: ref(reader), supervisor: ref(reader), method: '粉碎', place: '保密局销毁站' }, T)).rejects.toThrow('销毁人和监销人不能是同一人');
    const destroyed = await actOnCarrier(db, baomi, c.id, { type: '销毁', approver: ref(baomi), destroyer: ref(reader), supervisor: ref(leader), method: '粉碎', place: '保密局销毁站' }, T);
    expect(destroyed.state).toBe('已销毁');
    await expect(actOnCarrier(db, baomi, c.id, { type: '借出', borrower: ref(reader), purpose: 'x', approver: ref(leader), dueDate: '2026-12-01' }, T)).rejects.toThrow('已销毁');
    const log = await db.auditLog.toArray();
    expect(log.filter((e) => e.entityType === '涉密载体').map((e) => e.action)).toEqual([
      '涉密载体登记',
      '涉密载体借出',
      '涉密载体归还',
      '涉密载体复制',
      '涉密载体清点',
      '涉密载体销毁',
    ]);
    expect(JSON.stringify(log)).not.toContain('绝密事项');
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  test('borrowing outside the 知悉范围 needs a 保密员 approval; copying needs an approving role', async () => {
    const { db, baomi, leader, outsider, carrierInput } = await carrierOffice();
    const c = await registerCarrier(db, baomi, carrierInput, T);
    await expect(actOnCarrier(db, baomi, c.id, { type: '借出', borrower: ref(outsider), purpose: '查阅', approver: ref(leader), dueDate: '2026-12-01' }, T)).rejects.toThrow('知悉范围');
    await expect(copyCarrierWithApproval(db, baomi, c.id, { type: '复制', approval: { kind: 'unit', approver: ref(leader) }, copyNumber: '3' }, T)).rejects.toThrow();
    expect(await db.carriers.count()).toBe(1);
    const lent = await actOnCarrier(db, baomi, c.id, { type: '借出', borrower: ref(outsider), purpose: '查阅', approver: ref(leader), dueDate: '2026-12-01', outsideScopeApprovalBy: ref(baomi) }, T);
    expect(lent.state).toBe('借出');
  });

  test('only the 保密员 keeps the register', async () => {
    const { db, clerk, admin, carrierInput } = await carrierOffice();
    await expect(registerCarrier(db, clerk, carrierInput)).rejects.toThrow('没有权限');
    await expect(registerCarrier(db, admin, carrierInput)).rejects.toThrow('没有权限');
    expect(await db.carriers.count()).toBe(0);
  });
});
