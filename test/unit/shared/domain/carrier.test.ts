import { describe, expect, it } from 'vitest';
import { allowedCarrierActions, applyCarrierAction, APPROVER_WITNESS_MESSAGE, carrierRegistrationSchema, copyCarrier, createCarrierRecord, formatCarrierMarking, inventoryDiscrepancies, isLoanOverdue, LENT_MESSAGE, makeCopyRecord, needsInventoryThisYear, NOT_CLASSIFIED_MESSAGE, reviewQueue, SAME_WITNESS_MESSAGE, secrecyEndDate, type CarrierAction, type CarrierActionType, type CarrierActor, type CarrierRecord, type CarrierState, type InventoryResult, type UserLookup } from '../../../../shared/domain/carrier';
import type { RoleHolder } from '../../../../shared/domain/permissions';
import { carrierInput, carrierRecord, officer, refusal, secretary } from '../../../fixtures/carriers';
import { deepFreeze } from '../../../fixtures/deep-freeze';
import { RuleError } from '@shared/domain/rule-error';

// 涉密载体 lifecycle (DOMAIN.md §4, issue 4): every rule of the issue, every forbidden action of its
// Done-when refused with its message, and the legal path 登记 → 借出 → 归还 → 复制 → 清点 → 销毁.

// --- people --------------------------------------------------------------------------------
const officer2: CarrierActor = { id: 'u-bmy2', name: '周保密', roles: ['安全保密管理员'] };
const disabledOfficer: CarrierActor = { id: 'u-bmy-old', name: '吴离职', roles: ['安全保密管理员'] };
const zhang: CarrierActor = { id: 'u-zhang', name: '张三', roles: ['工作人员'] };
const li: CarrierActor = { id: 'u-li', name: '李四', roles: ['工作人员'] };
const zhao: CarrierActor = { id: 'u-zhao', name: '赵五', roles: ['工作人员'] };
const leader: CarrierActor = { id: 'u-lead', name: '刘局长', roles: ['工作人员'] };
const sysadmin: CarrierActor = { id: 'u-admin', name: '管理员', roles: ['系统管理员'] };
const auditor: CarrierActor = { id: 'u-audit', name: '审计员', roles: ['安全审计员'] };
const ref = (a: CarrierActor) => ({ userId: a.id, name: a.name });

const USERS: Record<string, RoleHolder> = Object.fromEntries(
  [officer, officer2, secretary, zhang, li, zhao, leader, sysadmin, auditor].map((a) => [a.id, { roles: a.roles }]),
);
USERS[disabledOfficer.id] = { roles: disabledOfficer.roles, disabled: true };
const lookupUser: UserLookup = (id) => USERS[id];

// --- time: local wall-clock times, so "today" is the same day in every time zone ----------------
const NOW = new Date(2026, 2, 2, 9, 0); // 2026-03-02
const TODAY = '2026-03-02';
let clock = NOW.getTime();
function tick(): Date {
  clock += 60_000;
  return new Date(clock);
}

function act(record: CarrierRecord, action: CarrierAction, actor: CarrierActor = officer): CarrierRecord {
  return deepFreeze(applyCarrierAction(record, action, actor, tick(), lookupUser));
}

// A valid example of each action, so in the state table only the state can be at fault.
const lend: Extract<CarrierAction, { type: '借出' }> = {
  type: '借出',
  borrower: ref(zhang),
  purpose: '起草落实方案',
  approver: ref(leader),
  dueDate: '2026-03-09',
};
const copy: Extract<CarrierAction, { type: '复制' }> = {
  type: '复制',
  approval: { kind: 'unit', approver: ref(officer2) },
  copyNumber: '2',
};
const destroy: Extract<CarrierAction, { type: '销毁' }> = {
  type: '销毁',
  approver: ref(officer2),
  destroyer: ref(li),
  supervisor: ref(zhao),
  method: '送保密局销毁中心粉碎',
  place: '市保密局销毁中心',
};
function sample(type: CarrierActionType): CarrierAction {
  switch (type) {
    case '借出':
      return lend;
    case '归还':
      return { type };
    case '复制':
      return copy;
    case '移交':
      return { type, receiver: '市档案馆', receiverKind: '单位', kind: '移交' };
    case '清点':
      return { type, result: '在位', sessionId: 's-1' };
    case '销毁':
      return destroy;
    case '解密':
      return { type, approver: ref(leader), basis: '定密机关解密通知（市保〔2026〕3号）' };
    case '降密':
      return { type, approver: ref(leader), newLevel: '秘密', basis: '年度定密审查' };
  }
}

const ALL: CarrierActionType[] = ['借出', '归还', '复制', '移交', '清点', '销毁', '解密', '降密'];

/** The record in `state`, reached through the legal actions. */
function reach(state: CarrierState): CarrierRecord {
  const fresh = carrierRecord();
  switch (state) {
    case '在库':
      return fresh;
    case '借出':
      return act(fresh, lend);
    case '已移交':
      return act(fresh, sample('移交'));
    case '已销毁':
      return act(fresh, destroy);
    case '已解密':
      return act(fresh, sample('解密'));
  }
}

// The lifecycle as the issue states it (independent of the implementation's table).
const LEGAL: Record<CarrierState, Partial<Record<CarrierActionType, CarrierState>>> = {
  在库: { 借出: '借出', 复制: '在库', 移交: '已移交', 清点: '在库', 销毁: '已销毁', 解密: '已解密', 降密: '在库' },
  借出: { 归还: '在库', 清点: '借出' },
  已移交: {},
  已销毁: {},
  已解密: {},
};
const STATES = Object.keys(LEGAL) as CarrierState[];

describe('lifecycle table', () => {
  for (const state of STATES) {
    for (const type of ALL) {
      const to = LEGAL[state][type];
      if (to) {
        it(`${state} → ${type} → ${to}`, () => {
          const before = reach(state);
          const after = act(before, sample(type));
          expect(after.state).toBe(to);
          expect(after.history).toHaveLength(before.history.length + 1);
          expect(after.history.at(-1)).toMatchObject({ action: type, byId: officer.id, byName: officer.name });
        });
      } else {
        it(`${state}: ${type} is refused`, () => {
          const e = refusal(() => act(reach(state), sample(type)));
          expect(e.message).toMatch(
            state === '借出' ? /^该载体已借出，须先归还$/ : /已销毁|已移交|已解密|没有借出/,
          );
        });
      }
    }
  }

  it('allowedCarrierActions lists exactly the legal actions for the 保密员', () => {
    for (const state of STATES) {
      expect(new Set(allowedCarrierActions(reach(state), officer))).toEqual(new Set(Object.keys(LEGAL[state])));
    }
  });

  it('allowedCarrierActions lists nothing for anyone else (the borrower does not self-serve)', () => {
    for (const user of [secretary, zhang, sysadmin, auditor]) {
      expect(allowedCarrierActions(carrierRecord(), user)).toEqual([]);
      expect(allowedCarrierActions(reach('借出'), user)).toEqual([]);
    }
    expect(allowedCarrierActions(carrierRecord(), { roles: ['安全保密管理员'], disabled: true })).toEqual([]);
    expect(allowedCarrierActions(carrierRecord(), null)).toEqual([]);
  });

  it('never mutates the record it is given', () => {
    // carrierRecord freezes: any mutation would throw in strict mode.
    for (const type of ALL) if (LEGAL['在库'][type]) act(carrierRecord(), sample(type));
    act(reach('借出'), { type: '归还' });
  });
});

describe('who may act', () => {
  it('only the 保密员 (涉密载体管理) takes any action, 借出/归还 included', () => {
    for (const actor of [secretary, zhang, sysadmin, auditor]) {
      const e = refusal(() => act(carrierRecord(), lend, actor));
      expect(e.message).toContain('没有权限借出');
      expect(e.message).toContain('涉密载体管理');
    }
    // The borrower returning it themselves is refused too.
    expect(refusal(() => act(reach('借出'), { type: '归还' }, zhang)).message).toContain('没有权限归还');
  });

  it('permission is checked before state: an outsider learns nothing about the carrier', () => {
    expect(refusal(() => act(reach('已销毁'), lend, zhang)).message).toContain('没有权限');
  });
});

describe('借出 / 归还', () => {
  it('lends to someone in the 知悉范围 and records the loan', () => {
    const r = act(carrierRecord(), lend);
    expect(r.state).toBe('借出');
    expect(r.loan).toMatchObject({ borrower: ref(zhang), purpose: '起草落实方案', approver: ref(leader), dueDate: '2026-03-09' });
    expect(r.loan?.outsideScopeApprovalBy).toBeUndefined();
    expect(r.history.at(-1)).toMatchObject({ action: '借出', approver: ref(leader) });
    expect(r.history.at(-1)?.note).toContain('借阅人：张三');
  });

  it('refuses a lent carrier: "该载体已借出，须先归还" for lending, destroying, handing over', () => {
    const lent = reach('借出');
    for (const type of ['借出', '销毁', '移交', '复制', '解密', '降密'] as const) {
      expect(refusal(() => act(lent, sample(type))).message).toBe(LENT_MESSAGE);
    }
  });

  it('refuses to lend a destroyed carrier', () => {
    expect(refusal(() => act(reach('已销毁'), lend)).message).toBe('该载体已销毁，不能借出');
  });

  it('refuses a borrower outside the 知悉范围 without a 保密员 approval', () => {
    const e = refusal(() => act(carrierRecord(), { ...lend, borrower: ref(zhao) }));
    expect(e.message).toBe('赵五不在知悉范围内，须经保密员批准方可借阅');
    expect(e.field).toBe('outsideScopeApprovalBy');
  });

  it('refuses an outside-scope approval by someone who is not a 保密员 (or is disabled, or unknown)', () => {
    for (const by of [leader, secretary, disabledOfficer, { id: 'u-ghost', name: '查无此人', roles: [] } as CarrierActor]) {
      const e = refusal(() => act(carrierRecord(), { ...lend, borrower: ref(zhao), outsideScopeApprovalBy: ref(by) }));
      expect(e.message).toBe(`${by.name}不是安全保密管理员，不能批准知悉范围以外的人员借阅`);
      expect(e.field).toBe('outsideScopeApprovalBy');
    }
  });

  it('lends outside the 知悉范围 with a recorded 保密员 approval', () => {
    const r = act(carrierRecord(), { ...lend, borrower: ref(zhao), outsideScopeApprovalBy: ref(officer2) });
    expect(r.state).toBe('借出');
    expect(r.loan?.outsideScopeApprovalBy).toEqual(ref(officer2));
    expect(r.history.at(-1)?.note).toContain('知悉范围外，经保密员周保密批准');
  });

  it('does not record an outside-scope approval for someone inside the 知悉范围', () => {
    const r = act(carrierRecord(), { ...lend, outsideScopeApprovalBy: ref(officer2) });
    expect(r.loan?.outsideScopeApprovalBy).toBeUndefined();
  });

  it('refuses self-approval by the borrower', () => {
    expect(refusal(() => act(carrierRecord(), { ...lend, approver: ref(zhang) })).message).toBe('借阅人不能批准自己借阅');
    const borrowerOfficer = { ...lend, borrower: ref(officer2), outsideScopeApprovalBy: ref(officer2) };
    expect(refusal(() => act(carrierRecord(), borrowerOfficer)).message).toBe('借阅人不能批准自己在知悉范围外借阅');
  });

  it('requires borrower, purpose, approver and a due date not in the past', () => {
    const cases: [Partial<typeof lend>, string, string][] = [
      [{ borrower: { userId: '', name: '' } }, 'borrower', '请选择借阅人'],
      [{ purpose: '  ' }, 'purpose', '请填写借阅事由'],
      [{ approver: { userId: 'x', name: ' ' } }, 'approver', '请选择批准人'],
      [{ dueDate: '2026-02-30' }, 'dueDate', '应还日期无效，格式如 2026-07-01'],
      [{ dueDate: '2026-03-01' }, 'dueDate', '应还日期不能早于今天'],
    ];
    for (const [over, field, message] of cases) {
      const e = refusal(() => act(carrierRecord(), { ...lend, ...over }));
      expect([e.field, e.message]).toEqual([field, message]);
    }
    // Due today is fine (a loan for the afternoon).
    expect(act(carrierRecord(), { ...lend, dueDate: TODAY }).loan?.dueDate).toBe(TODAY);
  });

  it('归还 closes the loan into the loans history and notes lateness', () => {
    const lent = reach('借出');
    const back = deepFreeze(applyCarrierAction(lent, { type: '归还' }, officer, new Date(2026, 2, 12, 10, 0), lookupUser));
    expect(back.state).toBe('在库');
    expect(back.loan).toBeUndefined();
    expect(back.loans).toHaveLength(1);
    expect(back.loans[0]).toMatchObject({ borrower: ref(zhang), returnedByName: officer.name });
    expect(back.loans[0]?.returnedAt).toBeDefined();
    expect(back.history.at(-1)?.note).toBe('张三归还，逾期 3 天');
    // Lent again afterwards.
    expect(act(back, { ...lend, dueDate: '2026-03-20' }).state).toBe('借出');
  });

  it('归还 only when 借出', () => {
    expect(refusal(() => act(carrierRecord(), { type: '归还' })).message).toBe('该载体在库，没有借出，无需归还');
    expect(refusal(() => act(carrierRecord({ state: '借出' }), { type: '归还' })).message).toBe('找不到借阅记录，无法归还');
  });

  it('isLoanOverdue: after the due date only, and only while 借出', () => {
    const lent = reach('借出');
    expect(isLoanOverdue(lent, '2026-03-09')).toBe(false);
    expect(isLoanOverdue(lent, '2026-03-10')).toBe(true);
    expect(isLoanOverdue(carrierRecord(), '2030-01-01')).toBe(false);
    expect(isLoanOverdue(act(lent, { type: '归还' }), '2030-01-01')).toBe(false);
  });
});

describe('复制', () => {
  it('机密/秘密: copies with an approver who is 安全保密管理员; the copy is its own carrier', () => {
    for (const level of ['机密', '秘密'] as const) {
      const original = carrierRecord({ classification: level, copies: ['c-0'] });
      const { original: o, copy: c } = copyCarrier(original, copy, { id: 'c-2', serial: '载〔2026〕0002' }, officer, tick(), lookupUser);
      expect(o.state).toBe('在库');
      expect(o.copies).toEqual(['c-0', 'c-2']);
      expect(o.history.at(-1)).toMatchObject({ action: '复制', approver: ref(officer2) });
      expect(o.history.at(-1)?.note).toBe('复制，新份号 000002；审批人：周保密');
      expect(c).toMatchObject({
        id: 'c-2',
        serial: '载〔2026〕0002',
        copyNumber: '000002',
        copyOf: 'c-1',
        classification: level,
        secrecyTerm: original.secrecyTerm,
        secrecyStart: original.secrecyStart,
        knowers: original.knowers,
        state: '在库',
        loans: [],
        copies: [],
      });
      expect(c.history).toHaveLength(1);
      expect(c.history[0]?.note).toContain('复制自 载〔2026〕0001（份号 000001），新份号 000002');
    }
  });

  it('refuses a copy without approval', () => {
    const noApproval = { type: '复制', copyNumber: '2' } as unknown as CarrierAction;
    const e = refusal(() => act(carrierRecord(), noApproval));
    expect(e.message).toBe('复制须经审批：请选择本单位审批人（安全保密管理员）');
    expect(e.field).toBe('approval');
    // copyCarrier refuses it too, and makes no copy.
    expect(() =>
      copyCarrier(carrierRecord(), noApproval as typeof copy, { id: 'x', serial: 'x' }, officer, tick(), lookupUser),
    ).toThrow(RuleError);
  });

  it('refuses an approver who does not hold 安全保密管理员 (or is disabled)', () => {
    for (const who of [leader, secretary, disabledOfficer]) {
      const e = refusal(() => act(carrierRecord(), { ...copy, approval: { kind: 'unit', approver: ref(who) } }));
      expect(e.message).toBe(`${who.name}不是安全保密管理员，无权批准复制`);
    }
  });

  it('机密/秘密 need the unit approval, not a reference number', () => {
    const e = refusal(() => act(carrierRecord(), { ...copy, approval: { kind: 'originating-office', reference: '国保〔2026〕1号' } }));
    expect(e.message).toBe('复制须经审批：请选择本单位审批人（安全保密管理员）');
  });

  it('绝密: only with the originating office approval and its reference', () => {
    const topSecret = carrierRecord({ classification: '绝密', secrecyTerm: { kind: 'years', years: 30 } });
    const message = '绝密载体复制须经原定密机关批准，请填写批准文号';
    expect(refusal(() => act(topSecret, copy)).message).toBe(message);
    expect(refusal(() => act(topSecret, { ...copy, approval: { kind: 'originating-office', reference: '  ' } })).message).toBe(message);
    const ok = act(topSecret, { ...copy, approval: { kind: 'originating-office', reference: ' 国保〔2026〕1号 ' } });
    expect(ok.history.at(-1)?.note).toBe('复制，新份号 000002；原定密机关批准，文号：国保〔2026〕1号');
    expect(ok.history.at(-1)?.approver).toBeUndefined();
  });

  it('the new 份号 must be valid and differ from the original', () => {
    for (const bad of ['', '0', '1234567', 'abc']) {
      const e = refusal(() => act(carrierRecord(), { ...copy, copyNumber: bad }));
      expect([e.field, e.message]).toEqual(['copyNumber', '份号应为 1–6 位数字，从 000001 起编']);
    }
    expect(refusal(() => act(carrierRecord(), { ...copy, copyNumber: '1' })).message).toBe('复制件的份号不能与原件相同');
    // Full-width digits from a Chinese IME are accepted.
    const { copy: c } = copyCarrier(carrierRecord(), { ...copy, copyNumber: '１２' }, { id: 'c-3', serial: 's' }, officer, tick(), lookupUser);
    expect(c.copyNumber).toBe('000012');
  });

  it('a destroyed carrier cannot be copied', () => {
    expect(refusal(() => act(reach('已销毁'), copy)).message).toBe('该载体已销毁，不能复制');
  });

  it('makeCopyRecord keeps the marking in force, not the original history', () => {
    const downgraded = act(carrierRecord(), sample('降密'));
    const c = makeCopyRecord(downgraded, '000003', { id: 'c-4', serial: 's4' }, officer, tick());
    expect(c.classification).toBe('秘密');
    expect(c.markingHistory).toEqual([]);
    expect(c.pages).toBe(6);
  });
});

describe('移交 / 清退', () => {
  it('records the receiver and ends in 已移交', () => {
    const r = act(carrierRecord(), { type: '移交', receiver: '张三', receiverKind: '个人', kind: '清退' });
    expect(r.state).toBe('已移交');
    expect(r.handover).toMatchObject({ kind: '清退', receiver: '张三', receiverKind: '个人', byName: officer.name });
    expect(r.history.at(-1)?.note).toBe('清退至张三（个人）');
    expect(refusal(() => act(r, lend)).message).toBe('该载体已清退，不在本单位保管，不能借出');
  });

  it('requires a receiver and valid kinds', () => {
    expect(refusal(() => act(carrierRecord(), { type: '移交', receiver: ' ', receiverKind: '单位', kind: '移交' })).field).toBe('receiver');
    const badKind = { type: '移交', receiver: '市档案馆', receiverKind: '单位', kind: '邮寄' } as unknown as CarrierAction;
    expect(refusal(() => act(carrierRecord(), badKind)).message).toBe('请选择移交或清退');
  });

  it('a destroyed or lent carrier cannot be handed over', () => {
    expect(refusal(() => act(reach('已销毁'), sample('移交'))).message).toBe('该载体已销毁，不能移交');
    expect(refusal(() => act(reach('借出'), sample('移交'))).message).toBe(LENT_MESSAGE);
  });
});

describe('清点', () => {
  it('records the result and time, for carriers 在库 and 借出, without changing the state', () => {
    for (const state of ['在库', '借出'] as const) {
      for (const result of ['在位', '缺失', '损坏'] as const) {
        const r = act(reach(state), { type: '清点', result, sessionId: 's-9' });
        expect(r.state).toBe(state);
        expect(r.lastInventoryResult).toBe(result);
        expect(r.lastInventoriedAt).toBe(r.updatedAt);
        expect(r.history.at(-1)?.note).toBe(`清点：${result}（批次 s-9）`);
      }
    }
  });

  it('refuses final states and bad input', () => {
    for (const state of ['已移交', '已销毁', '已解密'] as const) refusal(() => act(reach(state), sample('清点')));
    const bad = { type: '清点', result: '找到了', sessionId: 's' } as unknown as CarrierAction;
    expect(refusal(() => act(carrierRecord(), bad)).field).toBe('result');
    expect(refusal(() => act(carrierRecord(), { type: '清点', result: '在位', sessionId: '' })).field).toBe('sessionId');
  });

  it('needsInventoryThisYear: live carriers not ticked in the current year', () => {
    expect(needsInventoryThisYear(carrierRecord(), TODAY)).toBe(true);
    const ticked = act(carrierRecord(), sample('清点'));
    expect(needsInventoryThisYear(ticked, TODAY)).toBe(false);
    expect(needsInventoryThisYear(ticked, '2027-01-02')).toBe(true);
    expect(needsInventoryThisYear(reach('已销毁'), TODAY)).toBe(false);
  });

  it('inventoryDiscrepancies: missing, damaged, not ticked, unexpected', () => {
    const a = carrierRecord({ id: 'a' });
    const b = carrierRecord({ id: 'b' });
    const c = carrierRecord({ id: 'c' });
    const d = carrierRecord({ id: 'd' });
    const ticks = new Map<string, InventoryResult>([
      ['a', '在位'],
      ['b', '缺失'],
      ['c', '损坏'],
      ['z', '在位'],
    ]);
    const report = inventoryDiscrepancies([a, b, c, d], ticks);
    expect(report.missing.map((r) => r.id)).toEqual(['b']);
    expect(report.damaged.map((r) => r.id)).toEqual(['c']);
    expect(report.notTicked.map((r) => r.id)).toEqual(['d']);
    expect(report.unexpected).toEqual(['z']);
    expect(inventoryDiscrepancies([a], new Map([['a', '在位']]))).toEqual({ missing: [], damaged: [], notTicked: [], unexpected: [] });
  });
});

describe('销毁', () => {
  it('destroys with an approver and two different people; the carrier stays in the register', () => {
    const r = act(carrierRecord(), destroy);
    expect(r.state).toBe('已销毁');
    expect(r.destruction).toMatchObject({ approver: ref(officer2), destroyer: ref(li), supervisor: ref(zhao), method: destroy.method, place: destroy.place });
    expect(r.history.at(-1)).toMatchObject({ action: '销毁', approver: ref(officer2) });
    expect(r.history.at(-1)?.note).toContain('销毁人：李四；监销人：赵五');
  });

  it('refuses one person as both 销毁人 and 监销人', () => {
    const e = refusal(() => act(carrierRecord(), { ...destroy, supervisor: ref(li) }));
    expect([e.field, e.message]).toEqual(['supervisor', SAME_WITNESS_MESSAGE]);
    expect(SAME_WITNESS_MESSAGE).toBe('销毁人和监销人不能是同一人');
  });

  it('refuses the approver as 销毁人 or 监销人', () => {
    for (const over of [{ destroyer: ref(officer2) }, { supervisor: ref(officer2) }]) {
      const e = refusal(() => act(carrierRecord(), { ...destroy, ...over }));
      expect([e.field, e.message]).toEqual(['approver', APPROVER_WITNESS_MESSAGE]);
    }
    expect(APPROVER_WITNESS_MESSAGE).toBe('审批人不能兼任销毁人或监销人');
  });

  it('refuses an approver who is not 安全保密管理员', () => {
    expect(refusal(() => act(carrierRecord(), { ...destroy, approver: ref(leader) })).message).toBe('刘局长不是安全保密管理员，无权批准销毁');
  });

  it('requires every person, the method and the place', () => {
    const cases: [Partial<typeof destroy>, string][] = [
      [{ approver: { userId: '', name: '' } }, 'approver'],
      [{ destroyer: { userId: '', name: '' } }, 'destroyer'],
      [{ supervisor: { userId: '', name: '' } }, 'supervisor'],
      [{ method: '' }, 'method'],
      [{ place: ' ' }, 'place'],
    ];
    for (const [over, field] of cases) expect(refusal(() => act(carrierRecord(), { ...destroy, ...over })).field).toBe(field);
  });

  it('a lent carrier cannot be destroyed, nor a destroyed one destroyed again', () => {
    expect(refusal(() => act(reach('借出'), destroy)).message).toBe(LENT_MESSAGE);
    expect(refusal(() => act(reach('已销毁'), destroy)).message).toBe('该载体已销毁，不能销毁');
  });
});

describe('解密 / 降密', () => {
  it('解密 ends in 已解密 and keeps the old marking beside the new', () => {
    const r = act(carrierRecord(), sample('解密'));
    expect(r.state).toBe('已解密');
    expect(r.classification).toBe('非密');
    expect(r.secrecyTerm).toBeNull();
    expect(r.markingHistory).toEqual([
      expect.objectContaining({
        action: '解密',
        from: { level: '机密', term: { kind: 'years', years: 20 } },
        to: { level: '非密', term: null },
        approver: ref(leader),
      }),
    ]);
    expect(formatCarrierMarking(r)).toEqual({ current: '非密', previous: ['机密★20年'] });
    expect(r.history.at(-1)?.note).toContain('原标志：机密★20年');
  });

  it('降密 lowers the level, fills the statutory term unless given, keeps the old marking', () => {
    const r = act(carrierRecord(), sample('降密'));
    expect(r.state).toBe('在库');
    expect(r.classification).toBe('秘密');
    expect(r.secrecyTerm).toEqual({ kind: 'years', years: 10 });
    expect(formatCarrierMarking(r)).toEqual({ current: '秘密★10年', previous: ['机密★20年'] });
    expect(r.history.at(-1)?.note).toBe('降密：机密★20年 → 秘密★10年；依据：年度定密审查');

    const dated = act(carrierRecord(), { ...sample('降密'), newTerm: { kind: 'date', date: '2030-06-30' } } as CarrierAction);
    expect(formatCarrierMarking(dated).current).toBe('秘密★2030年6月30日');
  });

  it('降密 must go strictly lower and stay a classified level', () => {
    const base = sample('降密') as Extract<CarrierAction, { type: '降密' }>;
    expect(refusal(() => act(carrierRecord(), { ...base, newLevel: '机密' })).message).toBe('降密后的密级必须低于现密级（机密）');
    expect(refusal(() => act(carrierRecord(), { ...base, newLevel: '绝密' })).message).toBe('降密后的密级必须低于现密级（机密）');
    for (const level of ['内部', '非密'] as const) {
      expect(refusal(() => act(carrierRecord(), { ...base, newLevel: level })).message).toBe('降密后仍须是秘密及以上密级；不再涉密的请办理解密');
    }
    // 秘密 has nowhere lower to go but 解密.
    expect(refusal(() => act(carrierRecord({ classification: '秘密' }), base)).field).toBe('newLevel');
    expect(refusal(() => act(carrierRecord(), { ...base, newTerm: { kind: 'years', years: 0 } })).field).toBe('newTerm');
    expect(refusal(() => act(carrierRecord(), { ...base, newTerm: { kind: 'date', date: '2025-01-01' } })).message).toBe(
      '解密时间不能早于保密期限起算日',
    );
  });

  it('both need an approver and a basis', () => {
    for (const type of ['解密', '降密'] as const) {
      const base = sample(type) as Extract<CarrierAction, { type: '解密' | '降密' }>;
      expect(refusal(() => act(carrierRecord(), { ...base, basis: ' ' } as CarrierAction)).field).toBe('basis');
      expect(refusal(() => act(carrierRecord(), { ...base, approver: { userId: '', name: '' } } as CarrierAction)).field).toBe('approver');
    }
  });

  it('a declassified carrier takes no further action', () => {
    expect(refusal(() => act(reach('已解密'), lend)).message).toBe('该载体已解密，不再作为涉密载体管理，不能借出');
  });
});

describe('保密期限 and the review queue', () => {
  it('secrecyEndDate: years from the start, a date as is, none for 长期 and conditions', () => {
    expect(secrecyEndDate({ kind: 'years', years: 10 }, '2016-05-20')).toBe('2026-05-20');
    expect(secrecyEndDate({ kind: 'years', years: 1 }, '2024-02-29')).toBe('2025-02-28');
    expect(secrecyEndDate({ kind: 'date', date: '2031-06-30' }, '2026-01-01')).toBe('2031-06-30');
    expect(secrecyEndDate({ kind: 'long' }, '2026-01-01')).toBeNull();
    expect(secrecyEndDate({ kind: 'condition', condition: '项目验收后' }, '2026-01-01')).toBeNull();
    expect(secrecyEndDate(null, '2026-01-01')).toBeNull();
  });

  it('reviewQueue: live carriers ending within 90 days or ended, soonest first', () => {
    const ended = carrierRecord({ id: 'ended', secrecyTerm: { kind: 'years', years: 10 }, secrecyStart: '2016-01-10' });
    const day90 = carrierRecord({ id: 'd90', secrecyTerm: { kind: 'date', date: '2026-05-31' } });
    const day91 = carrierRecord({ id: 'd91', secrecyTerm: { kind: 'date', date: '2026-06-01' } });
    const long = carrierRecord({ id: 'long', secrecyTerm: { kind: 'long' } });
    const destroyed = carrierRecord({ id: 'gone', state: '已销毁', secrecyTerm: { kind: 'date', date: '2026-03-05' } });
    const lent = carrierRecord({ id: 'lent', state: '借出', secrecyTerm: { kind: 'date', date: '2026-03-05' } });
    const queue = reviewQueue([day91, long, day90, destroyed, lent, ended], TODAY);
    expect(queue.map((e) => [e.record.id, e.endDate, e.daysLeft])).toEqual([
      ['ended', '2026-01-10', -51],
      ['lent', '2026-03-05', 3],
      ['d90', '2026-05-31', 90],
    ]);
  });
});

describe('登记 (carrierRegistrationSchema)', () => {
  const valid = carrierInput({ name: ' 关于某专项工作的通知 ', copyNumber: '12' });
  const errors = (input: unknown) => {
    const r = carrierRegistrationSchema.safeParse(input);
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));
  };

  it('parses, trims, pads the 份号 and fills the statutory term', () => {
    const r = carrierRegistrationSchema.parse(valid);
    expect(r.name).toBe('关于某专项工作的通知');
    expect(r.copyNumber).toBe('000012');
    expect(r.secrecyTerm).toEqual({ kind: 'years', years: 20 });
    expect(carrierRegistrationSchema.parse({ ...valid, copyNumber: '０００００３' }).copyNumber).toBe('000003');
    expect(carrierRegistrationSchema.parse({ ...valid, secrecyTerm: { kind: 'long' } }).secrecyTerm).toEqual({ kind: 'long' });
    const linked = carrierRegistrationSchema.parse({ ...valid, source: { kind: '收文', incomingId: 'r-1', incomingSerial: '收〔2026〕0001' } });
    expect(linked.source).toEqual({ kind: '收文', incomingId: 'r-1', incomingSerial: '收〔2026〕0001' });
  });

  it('only 秘密 and above are registered', () => {
    for (const level of ['非密', '内部'] as const) expect(errors({ ...valid, classification: level }).classification).toBe(NOT_CLASSIFIED_MESSAGE);
    expect(errors({ ...valid, classification: '秘密' })).toEqual({});
  });

  it('names each missing or wrong field', () => {
    expect(errors({ ...valid, name: ' ' }).name).toBe('请填写名称');
    expect(errors({ ...valid, carrierType: '软盘' }).carrierType).toBe('请选择载体类型');
    expect(errors({ ...valid, copyNumber: '' }).copyNumber).toBe('份号应为 1–6 位数字，从 000001 起编');
    expect(errors({ ...valid, copyNumber: '1234567' }).copyNumber).toBe('份号应为 1–6 位数字，从 000001 起编');
    expect(errors({ ...valid, copyNumber: '0' }).copyNumber).toBe('份号应为 1–6 位数字，从 000001 起编');
    expect(errors({ ...valid, quantity: 0 }).quantity).toBe('数量至少为 1');
    expect(errors({ ...valid, quantity: 1.5 }).quantity).toBe('数量应为整数');
    expect(errors({ ...valid, pages: -1 }).pages).toBe('页数不能为负数');
    expect(errors({ ...valid, custodian: undefined }).custodian).toBe('请选择保管人');
    expect(errors({ ...valid, location: '' }).location).toBe('请填写存放位置');
    expect(errors({ ...valid, knowers: [] }).knowers).toBe('知悉范围至少要有一人');
    expect(errors({ ...valid, knowers: [ref(zhang), ref(zhang)] }).knowers).toBe('知悉范围中有重复的人员：张三');
    expect(errors({ ...valid, source: { kind: '自制', unit: '' } }).source).toBe('请填写制作单位');
    expect(errors({ ...valid, source: { kind: '收文', incomingId: '', incomingSerial: '' } }).source).toBe('请选择来源收文');
    expect(errors({ ...valid, secrecyStart: '2026-02-30' }).secrecyStart).toBe('请输入有效的保密期限起算日，格式如 2026-07-01');
    expect(errors({ ...valid, secrecyTerm: { kind: 'date', date: '2025-12-31' } }).secrecyTerm).toBe('解密时间不能早于保密期限起算日');
  });

  it('来文字号: optional, normalised like a 收文 来文字号, at most 50 characters, stored on the record', () => {
    expect(carrierRegistrationSchema.parse(valid).docNumber).toBeUndefined();
    expect(carrierRegistrationSchema.parse({ ...valid, docNumber: '  ' }).docNumber).toBeUndefined();
    const parsed = carrierRegistrationSchema.parse({ ...valid, docNumber: ' 某政发[2026]012号 ' });
    expect(parsed.docNumber).toBe('某政发〔2026〕12号');
    expect(createCarrierRecord(parsed, { id: 'c-1', serial: '载〔2026〕0001' }, officer, NOW).docNumber).toBe('某政发〔2026〕12号');
    expect('docNumber' in createCarrierRecord(carrierRegistrationSchema.parse(valid), { id: 'c-2', serial: '载〔2026〕0002' }, officer, NOW)).toBe(false);
    expect(errors({ ...valid, docNumber: '文'.repeat(50) })).toEqual({});
    expect(errors({ ...valid, docNumber: '文'.repeat(51) }).docNumber).toBe('来文字号不能超过 50 个字');
    expect(errors({ ...valid, docNumber: 12 }).docNumber).toBe('来文字号应为文字');
  });

  it('createCarrierRecord: a new carrier 在库 with its 登记 event', () => {
    const r = createCarrierRecord(carrierRegistrationSchema.parse(valid), { id: 'c-9', serial: '载〔2026〕0009' }, officer, NOW);
    expect(r).toMatchObject({ id: 'c-9', serial: '载〔2026〕0009', state: '在库', copyNumber: '000012', loans: [], copies: [], markingHistory: [] });
    expect(r.history).toEqual([{ action: '登记', at: NOW.toISOString(), byId: officer.id, byName: officer.name }]);
    // And it goes through the lifecycle like any other.
    expect(act(deepFreeze(r), lend).state).toBe('借出');
  });
});

describe('the issue’s E2E path, in the domain', () => {
  it('登记 → 借出 → overdue → 归还 → 复制 → 清点 → 销毁', () => {
    let r = carrierRecord();
    r = act(r, lend);
    expect(isLoanOverdue(r, '2026-03-10')).toBe(true);
    r = act(r, { type: '归还' });
    const made = copyCarrier(r, copy, { id: 'c-2', serial: '载〔2026〕0002' }, officer, tick(), lookupUser);
    r = deepFreeze(made.original);
    expect(made.copy.copyNumber).toBe('000002');
    r = act(r, { type: '清点', result: '在位', sessionId: 's-1' });
    r = act(r, destroy);
    expect(r.state).toBe('已销毁');
    expect(r.history.map((e) => e.action)).toEqual(['登记', '借出', '归还', '复制', '清点', '销毁']);
    expect(r.destruction?.destroyer.name).toBe('李四');
    expect(r.destruction?.supervisor.name).toBe('赵五');
  });
});

describe('the longest 借阅事由, 销毁方式, 销毁地点 and 接收方 the prints are laid out for', () => {
  const fail = (action: CarrierAction) => {
    try {
      act(carrierRecord(), action);
    } catch (e) {
      return { field: (e as { field?: string }).field, message: (e as Error).message };
    }
    return null;
  };
  it('accepts the limit and refuses one character more, naming the field', () => {
    expect(fail({ ...lend, purpose: '查'.repeat(200) })).toBeNull();
    expect(fail({ ...lend, purpose: '查'.repeat(201) })).toEqual({ field: 'purpose', message: '借阅事由不能超过 200 个字' });
    expect(fail({ ...destroy, method: '碎'.repeat(51) })).toEqual({ field: 'method', message: '销毁方式不能超过 50 个字' });
    expect(fail({ ...destroy, place: '地'.repeat(101) })).toEqual({ field: 'place', message: '销毁地点不能超过 100 个字' });
    const handover = sample('移交') as Extract<CarrierAction, { type: '移交' }>;
    expect(fail({ ...handover, receiver: '单'.repeat(101) })).toEqual({ field: 'receiver', message: '接收人或接收单位不能超过 100 个字' });
    expect(fail({ ...destroy, method: '碎'.repeat(50), place: '地'.repeat(100) })).toBeNull();
  });
});
