import { describe, expect, test } from 'vitest';
import { verifyAuditChain } from '../../../renderer/db/audit';
import { actOnCarrier, copyCarrierWithApproval, overdueLoans, registerCarrier } from '../../../renderer/db/repositories/carriers';
import type { CarrierRegistrationInput } from '../../../shared/domain/carrier';
import { addUser, freshDb, setUpOffice } from './helpers';

async function office() {
  const db = freshDb();
  const admin = await setUpOffice(db);
  const baomi = await addUser(db, admin, 'baomi', ['安全保密管理员']);
  const leader = await addUser(db, admin, 'leader', ['工作人员']);
  const reader = await addUser(db, admin, 'reader', ['工作人员']);
  const outsider = await addUser(db, admin, 'outsider', ['工作人员']);
  const clerk = await addUser(db, admin, 'clerk', ['秘书']);
  const p = (a: { id: string; displayName: string }) => ({ userId: a.id, name: a.displayName });
  const input: CarrierRegistrationInput = {
    name: '关于绝密事项的报告（纸质）',
    carrierType: '纸质文件',
    classification: '机密',
    secrecyStart: '2026-11-01',
    copyNumber: '1',
    quantity: 1,
    pages: 12,
    source: { kind: '自制', unit: '办公室' },
    knowers: [p(reader), p(baomi)],
    custodian: p(baomi),
    location: '机要室 1 号保密柜',
  };
  return { db, admin, baomi, leader, reader, outsider, clerk, p, input };
}

/** A fixed clock: due dates are checked against "today". */
const T = new Date('2026-11-23T01:00:00Z');

describe('涉密载体台账 through the repository', () => {
  test('register → lend → overdue → return → copy → inventory → destroy, each audited without the 名称', async () => {
    const { db, baomi, leader, reader, p, input } = await office();
    const c = await registerCarrier(db, baomi, input, new Date('2026-11-23T01:00:00Z'));
    expect(c).toMatchObject({ serial: '载〔2026〕0001', copyNumber: '000001', state: '在库', secrecyTerm: { kind: 'years', years: 20 } });
    await actOnCarrier(db, baomi, c.id, { type: '借出', borrower: p(reader), purpose: '起草答复', approver: p(leader), dueDate: '2026-11-25' }, T);
    expect((await overdueLoans(db, baomi, '2026-11-25')).length).toBe(0);
    expect((await overdueLoans(db, baomi, '2026-11-26')).map((x) => x.serial)).toEqual(['载〔2026〕0001']);
    await expect(actOnCarrier(db, baomi, c.id, { type: '销毁', approver: p(baomi), destroyer: p(reader), supervisor: p(leader), method: '粉碎', place: '保密局销毁站' }, T)).rejects.toThrow('须先归还');
    await actOnCarrier(db, baomi, c.id, { type: '归还' }, T);
    const { copy } = await copyCarrierWithApproval(db, baomi, c.id, { type: '复制', approval: { kind: 'unit', approver: p(baomi) }, copyNumber: '2' }, new Date('2026-11-24T01:00:00Z'));
    expect(copy).toMatchObject({ serial: '载〔2026〕0002', copyNumber: '000002', copyOf: c.id, classification: '机密' });
    expect((await db.carriers.get(c.id))!.copies).toEqual([copy.id]);
    await expect(copyCarrierWithApproval(db, baomi, c.id, { type: '复制', approval: { kind: 'unit', approver: p(baomi) }, copyNumber: '000002' }, T)).rejects.toThrow('已被同一文件');
    await actOnCarrier(db, baomi, c.id, { type: '清点', result: '在位', sessionId: 's1' }, T);
    await expect(actOnCarrier(db, baomi, c.id, { type: '销毁', approver: p(baomi), destroyer: p(reader), supervisor: p(reader), method: '粉碎', place: '保密局销毁站' }, T)).rejects.toThrow('销毁人和监销人不能是同一人');
    const destroyed = await actOnCarrier(db, baomi, c.id, { type: '销毁', approver: p(baomi), destroyer: p(reader), supervisor: p(leader), method: '粉碎', place: '保密局销毁站' }, T);
    expect(destroyed.state).toBe('已销毁');
    await expect(actOnCarrier(db, baomi, c.id, { type: '借出', borrower: p(reader), purpose: 'x', approver: p(leader), dueDate: '2026-12-01' }, T)).rejects.toThrow('已销毁');
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
    const { db, baomi, leader, outsider, p, input } = await office();
    const c = await registerCarrier(db, baomi, input, T);
    await expect(actOnCarrier(db, baomi, c.id, { type: '借出', borrower: p(outsider), purpose: '查阅', approver: p(leader), dueDate: '2026-12-01' }, T)).rejects.toThrow('知悉范围');
    await expect(copyCarrierWithApproval(db, baomi, c.id, { type: '复制', approval: { kind: 'unit', approver: p(leader) }, copyNumber: '3' }, T)).rejects.toThrow();
    expect(await db.carriers.count()).toBe(1);
    const lent = await actOnCarrier(db, baomi, c.id, { type: '借出', borrower: p(outsider), purpose: '查阅', approver: p(leader), dueDate: '2026-12-01', outsideScopeApprovalBy: p(baomi) }, T);
    expect(lent.state).toBe('借出');
  });

  test('only the 保密员 keeps the register', async () => {
    const { db, clerk, admin, input } = await office();
    await expect(registerCarrier(db, clerk, input)).rejects.toThrow('没有权限');
    await expect(registerCarrier(db, admin, input)).rejects.toThrow('没有权限');
    expect(await db.carriers.count()).toBe(0);
  });
});
