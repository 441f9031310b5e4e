import { describe, expect, it } from 'vitest';
import { allowedActions, applyIncomingAction, canSeeIncomingContent, currentHolder, MASK, type IncomingActionType, type IncomingActor } from '../../../../shared/domain/incoming';
import {
  INCOMING_STATES,
  type HandlingKind,
  type IncomingAction,
  type IncomingRecord,
  type IncomingState,
} from '../../../../shared/domain/incoming-types';
import { createWorkCalendar } from '../../../../shared/domain/workdays';
import { deepFreeze } from '../../../fixtures/deep-freeze';
import { expectRefusal } from '../../../fixtures/refusal';
import { RuleError } from '@shared/domain/rule-error';

// 公文运转 (DOMAIN.md §3): every legal step, every illegal (state × step) pair for 办件 and 阅件,
// who may take each step, and what each step stores.

const cal = createWorkCalendar();

// --- people --------------------------------------------------------------------------------
const secretary: IncomingActor = { id: 'u-sec', name: '王秘书', roles: ['秘书'] };
const zhang: IncomingActor = { id: 'u-zhang', name: '张三', roles: ['工作人员'] };
const li: IncomingActor = { id: 'u-li', name: '李四', roles: ['工作人员'] };
const zhao: IncomingActor = { id: 'u-zhao', name: '赵五', roles: ['工作人员'] };
const officer: IncomingActor = { id: 'u-bmy', name: '保密员', roles: ['安全保密管理员'] };
const sysadmin: IncomingActor = { id: 'u-admin', name: '管理员', roles: ['系统管理员'] };
const auditor: IncomingActor = { id: 'u-audit', name: '审计员', roles: ['安全审计员'] };
const ref = (a: IncomingActor) => ({ userId: a.id, name: a.name });

// --- time: local wall-clock times, so "today" is the same day in every time zone ----------------
const DAY = new Date(2025, 2, 3, 9, 0); // Monday 2025-03-03, an ordinary working week
let clock = DAY.getTime();
/** A minute later than the last step: histories read in order. */
function tick(): Date {
  clock += 60_000;
  return new Date(clock);
}

// --- records -------------------------------------------------------------------------------
/** A freshly registered record (state 已登记), frozen: a step that mutated it would throw. */
function makeRecord(over: Partial<IncomingRecord> = {}): IncomingRecord {
  return deepFreeze({
    id: 'r-1',
    year: 2025,
    seq: 1,
    serial: '收〔2025〕0001',
    receivedDate: '2025-03-03',
    fromUnit: '市财政局',
    docNumber: '市财发〔2025〕3号',
    title: '关于做好2025年预算执行工作的通知',
    docType: '通知',
    classification: '非密',
    copies: 1,
    pages: 4,
    urgency: '普通',
    signedBy: '王秘书',
    handling: '办件',
    state: '已登记',
    duplicateKey: '市财政局|市财发〔2025〕3号',
    circulation: [],
    reminders: [],
    namedUserIds: [],
    history: [{ action: '登记', at: '2025-03-03T00:30:00.000Z', byId: 'u-sec', byName: '王秘书' }],
    createdAt: '2025-03-03T00:30:00.000Z',
    updatedAt: '2025-03-03T00:30:00.000Z',
    ...over,
  } satisfies IncomingRecord);
}

/** A valid example of each step, so that in the tables only the state can be at fault. */
function sample(type: IncomingActionType): IncomingAction {
  switch (type) {
    case '初审':
      return { type, note: '属我单位职责，格式规范' };
    case '退回':
      return { type, reason: '不属我单位职责' };
    case '拟办':
      return { type, text: '拟请财务科牵头办理' };
    case '批示':
      return { type, leader: '李局长', text: '同意，请财务科抓紧落实', at: new Date(clock - 30 * 60_000).toISOString(), oral: false };
    case '承办':
      return {
        type,
        host: { id: 'd-fin', name: '财务科' },
        cooperating: [{ id: 'd-off', name: '办公室' }],
        person: ref(zhang),
        deadline: { kind: 'workdays', days: 5 },
      };
    case '传阅':
      return { type, readers: [ref(zhang), ref(li)] };
    case '已阅':
      return { type, userId: zhang.id };
    case '催办':
      return { type, note: '请于本周内反馈进展', to: '财务科' };
    case '办结':
      return { type, result: '已按要求落实，报告已报送' };
  }
}

function act(record: IncomingRecord, action: IncomingAction, actor: IncomingActor = secretary): IncomingRecord {
  return deepFreeze(applyIncomingAction(record, action, actor, tick(), cal));
}

function step(record: IncomingRecord, type: IncomingActionType, actor: IncomingActor = secretary): IncomingRecord {
  return act(record, sample(type), actor);
}

/** The record brought to `state` the way a secretary would, through the legal steps. */
function reach(handling: HandlingKind, state: IncomingState, over: Partial<IncomingRecord> = {}): IncomingRecord {
  const fresh = makeRecord({ handling, ...over });
  const route: Record<HandlingKind, Partial<Record<IncomingState, IncomingActionType[]>>> = {
    办件: {
      已登记: [],
      已初审: ['初审'],
      已拟办: ['初审', '拟办'],
      已批示: ['初审', '拟办', '批示'],
      承办中: ['初审', '拟办', '批示', '承办'],
      传阅中: ['初审', '拟办', '批示', '承办', '传阅'],
      已办结: ['初审', '拟办', '批示', '承办', '办结'],
      已退回: ['退回'],
    },
    阅件: {
      已登记: [],
      传阅中: ['传阅'],
      已办结: ['传阅', '已阅', '已阅', '办结'],
      已退回: ['退回'],
    },
  };
  const steps = route[handling][state];
  // A 阅件 cannot reach the 办件-only states: such a record can only come from bad data.
  if (!steps) return makeRecord({ handling, state, ...over });
  let r = fresh;
  let readers = [zhang, li];
  for (const type of steps) {
    if (type === '已阅') {
      const reader = readers[0]!;
      readers = readers.slice(1);
      r = act(r, { type: '已阅', userId: reader.id }, reader);
    } else {
      r = step(r, type);
    }
  }
  expect(r.state).toBe(state);
  return r;
}

/** Runs `fn` expecting an RuleError; returns it for further checks. */
function refusal(fn: () => unknown): RuleError {
  return expectRefusal(RuleError, fn);
}

// --- the procedure as the spec states it (independent of the implementation's table) ----------
const VERB: Record<IncomingActionType, string> = {
  初审: '初审',
  退回: '退回',
  拟办: '拟办',
  批示: '批示',
  承办: '承办',
  传阅: '传阅',
  已阅: '标记已阅',
  催办: '催办',
  办结: '办结',
};
const ALL_ACTIONS = Object.keys(VERB) as IncomingActionType[];

const LEGAL: Record<HandlingKind, Record<IncomingState, Partial<Record<IncomingActionType, IncomingState>>>> = {
  办件: {
    已登记: { 初审: '已初审', 退回: '已退回' },
    已初审: { 拟办: '已拟办' },
    已拟办: { 批示: '已批示' },
    已批示: { 承办: '承办中' },
    承办中: { 传阅: '传阅中', 催办: '承办中', 办结: '已办结' },
    传阅中: { 已阅: '传阅中', 催办: '传阅中', 办结: '已办结' },
    已办结: {},
    已退回: {},
  },
  阅件: {
    已登记: { 传阅: '传阅中', 退回: '已退回' },
    已初审: {},
    已拟办: {},
    已批示: {},
    承办中: {},
    传阅中: { 已阅: '传阅中', 催办: '传阅中', 办结: '已办结' },
    已办结: {},
    已退回: {},
  },
};

function expectedRefusal(handling: HandlingKind, state: IncomingState, type: IncomingActionType): string | RegExp {
  if (state === '已办结' || state === '已退回') return new RegExp(`^当前状态“${state}”，不能${VERB[type]}；`);
  if (handling === '阅件' && ['初审', '拟办', '批示', '承办'].includes(type)) return '阅件不经拟办、批示、承办，直接传阅';
  const next = Object.keys(LEGAL[handling][state]) as IncomingActionType[];
  return `当前状态“${state}”，不能${VERB[type]}；下一步可以：${next.map((t) => VERB[t]).join('、') || '无'}`;
}

describe('every illegal (state × step) pair is refused, naming the state and what may come next', () => {
  for (const handling of ['办件', '阅件'] as const) {
    describe(handling, () => {
      for (const state of INCOMING_STATES) {
        const illegal = ALL_ACTIONS.filter((t) => !(t in LEGAL[handling][state]));
        if (illegal.length === 0) continue;
        it.each(illegal)(`${state} × %s`, (type) => {
          const record = reach(handling, state);
          const before = structuredClone(record);
          const e = refusal(() => applyIncomingAction(record, sample(type), secretary, tick(), cal));
          const expected = expectedRefusal(handling, state, type);
          if (typeof expected === 'string') expect(e.message).toBe(expected);
          else expect(e.message).toMatch(expected);
          expect(record).toEqual(before);
        });
      }
    });
  }

  it('reads as the secretary would expect', () => {
    const e = refusal(() => step(makeRecord(), '批示'));
    expect(e.message).toBe('当前状态“已登记”，不能批示；下一步可以：初审、退回');
    expect(e.name).toBe('RuleError');
    expect(e).toBeInstanceOf(Error);
    expect(e.field).toBeUndefined();
  });

  it('says a closed record is closed', () => {
    expect(refusal(() => step(reach('办件', '已办结'), '催办')).message).toBe('当前状态“已办结”，不能催办；此件已办结，待归档');
    expect(refusal(() => step(reach('办件', '已退回'), '初审')).message).toBe('当前状态“已退回”，不能初审；此件已退回，不再办理');
  });
});

describe('every legal step', () => {
  for (const handling of ['办件', '阅件'] as const) {
    for (const state of INCOMING_STATES) {
      for (const [type, to] of Object.entries(LEGAL[handling][state]) as [IncomingActionType, IncomingState][]) {
        it(`${handling}: ${state} -${type}→ ${to}`, () => {
          let record = reach(handling, state);
          // 办结 after 传阅 needs every reader to have read.
          if (type === '办结' && state === '传阅中') {
            record = act(record, { type: '已阅', userId: zhang.id }, zhang);
            record = act(record, { type: '已阅', userId: li.id }, li);
          }
          const before = structuredClone(record);
          const now = tick();
          const after = applyIncomingAction(record, sample(type), secretary, now, cal);
          expect(after.state).toBe(to);
          expect(after).not.toBe(record);
          expect(record).toEqual(before); // the input is untouched (and frozen besides)
          expect(after.updatedAt).toBe(now.toISOString());
          expect(after.history).toHaveLength(record.history.length + 1);
          expect(after.history.slice(0, -1)).toEqual(record.history);
          expect(after.history.at(-1)).toMatchObject({ action: type, at: now.toISOString(), byId: secretary.id, byName: secretary.name });
        });
      }
    }
  }
});

describe('allowedActions', () => {
  it.each(INCOMING_STATES.flatMap((s) => (['办件', '阅件'] as const).map((h) => [h, s] as const)))(
    'for the secretary, %s in %s, lists exactly the legal steps',
    (handling, state) => {
      const record = reach(handling, state);
      const legal = Object.keys(LEGAL[handling][state]) as IncomingActionType[];
      // In 传阅中 with nobody having read yet, 办结 is not possible.
      const expected = state === '传阅中' ? legal.filter((t) => t !== '办结') : legal;
      expect(allowedActions(record, secretary)).toEqual(expected);
    },
  );

  it('offers 办结 and no 已阅 once every reader has read', () => {
    let r = reach('办件', '传阅中');
    r = act(r, { type: '已阅', userId: li.id }, li);
    expect(allowedActions(r, secretary)).toEqual(['已阅', '催办']);
    r = act(r, { type: '已阅', userId: zhang.id }, zhang);
    expect(allowedActions(r, secretary)).toEqual(['催办', '办结']);
  });

  it('offers a reader only their own 已阅, and only until they have read', () => {
    let r = reach('办件', '传阅中');
    expect(allowedActions(r, zhang)).toEqual(['已阅']);
    expect(allowedActions(r, li)).toEqual(['已阅']);
    expect(allowedActions(r, zhao)).toEqual([]);
    r = act(r, { type: '已阅', userId: zhang.id }, zhang);
    expect(allowedActions(r, zhang)).toEqual([]);
    expect(allowedActions(r, li)).toEqual(['已阅']);
  });

  it.each([zhang, officer, sysadmin, auditor])('offers $name nothing outside a circulation naming them', (user) => {
    for (const handling of ['办件', '阅件'] as const) {
      for (const state of INCOMING_STATES) {
        const r = reach(handling, state);
        const reads = state === '传阅中' && r.circulation.some((c) => c.userId === user.id);
        expect(allowedActions(r, user)).toEqual(reads ? ['已阅'] : []);
      }
    }
  });
});

describe('permissions: every step needs 收文办理, except a reader marking their own 已阅', () => {
  const cases = (Object.entries(LEGAL.办件) as [IncomingState, Partial<Record<IncomingActionType, IncomingState>>][]).flatMap(
    ([state, steps]) => (Object.keys(steps) as IncomingActionType[]).filter((t) => t !== '已阅').map((t) => [state, t] as const),
  );
  for (const user of [zhang, officer, sysadmin, auditor]) {
    it.each(cases)(`${user.name} (${user.roles.join()}) cannot, in %s, %s`, (state, type) => {
      const record = reach('办件', state);
      const e = refusal(() => step(record, type, user));
      expect(e.message).toBe(`没有权限${VERB[type]}（需要：收文办理）`);
    });
  }

  it('a user with no roles at all is refused', () => {
    const e = refusal(() => step(makeRecord(), '初审', { id: 'x', name: '无角色', roles: [] }));
    expect(e.message).toMatch(/^没有权限/);
  });

  it('a reader may mark their own 已阅, but not someone else’s', () => {
    const r = reach('办件', '传阅中');
    expect(act(r, { type: '已阅', userId: zhang.id }, zhang).circulation[0]?.readAt).toBeDefined();
    const e = refusal(() => act(r, { type: '已阅', userId: li.id }, zhang));
    expect(e.message).toBe('没有权限为他人标记已阅（需要：收文办理）');
  });

  it('the 保密员 may not mark 已阅 for a reader either', () => {
    expect(refusal(() => act(reach('阅件', '传阅中'), { type: '已阅', userId: zhang.id }, officer)).message).toMatch(/^没有权限/);
  });

  it('is checked before the state, so nobody learns the procedure by probing', () => {
    expect(refusal(() => step(reach('办件', '已办结'), '批示', zhang)).message).toBe('没有权限批示（需要：收文办理）');
  });
});

describe('初审 and 退回', () => {
  it('初审 records an optional note', () => {
    const r = step(makeRecord(), '初审');
    expect(r.history.at(-1)?.note).toBe('属我单位职责，格式规范');
    const bare = act(makeRecord(), { type: '初审' });
    expect(bare.state).toBe('已初审');
    expect(bare.history.at(-1)).not.toHaveProperty('note');
    expect(act(makeRecord(), { type: '初审', note: '   ' }).history.at(-1)).not.toHaveProperty('note');
  });

  it('退回 stores the reason, who and when, and is terminal', () => {
    const now = tick();
    const r = applyIncomingAction(makeRecord(), { type: '退回', reason: ' 不属我单位职责 ' }, secretary, now, cal);
    expect(r.state).toBe('已退回');
    expect(r.returned).toEqual({ reason: '不属我单位职责', at: now.toISOString(), byName: '王秘书' });
    expect(r.history.at(-1)?.note).toBe('不属我单位职责');
    expect(allowedActions(r, secretary)).toEqual([]);
  });

  it.each(['', '   ', undefined])('退回 without a reason (%j) is refused', (reason) => {
    const e = refusal(() => act(makeRecord(), { type: '退回', reason } as IncomingAction));
    expect([e.message, e.field]).toEqual(['请填写退回理由', 'reason']);
  });

  it('a 阅件 may be 退回 too', () => {
    expect(step(makeRecord({ handling: '阅件' }), '退回').state).toBe('已退回');
  });
});

describe('拟办', () => {
  it('stores the 拟办意见', () => {
    const now = tick();
    const r = applyIncomingAction(reach('办件', '已初审'), { type: '拟办', text: ' 拟请财务科办理 ' }, secretary, now, cal);
    expect(r.proposal).toEqual({ text: '拟请财务科办理', at: now.toISOString(), byName: '王秘书' });
    expect(r.history.at(-1)?.note).toBe('拟请财务科办理');
  });

  it('requires the text', () => {
    const e = refusal(() => act(reach('办件', '已初审'), { type: '拟办', text: ' ' }));
    expect([e.message, e.field]).toEqual(['请填写拟办意见', 'text']);
  });
});

describe('批示', () => {
  const approvedAt = () => new Date(clock - 3_600_000).toISOString();

  it('stores leader, text, time and who recorded it', () => {
    const at = approvedAt();
    const r = act(reach('办件', '已拟办'), { type: '批示', leader: ' 李局长 ', text: ' 同意 ', at, oral: false });
    expect(r.instruction).toEqual({ leader: '李局长', text: '同意', at, oral: false, recordedBy: '王秘书' });
    expect(r.history.at(-1)?.note).toBe('李局长：同意');
  });

  it('records an oral instruction the same way, marked 口头', () => {
    const r = act(reach('办件', '已拟办'), { type: '批示', leader: '李局长', text: '抓紧办', at: approvedAt(), oral: true });
    expect(r.instruction?.oral).toBe(true);
    expect(r.history.at(-1)?.note).toBe('李局长（口头）：抓紧办');
  });

  it('normalises the time to UTC ISO', () => {
    const r = act(reach('办件', '已拟办'), { type: '批示', leader: '李局长', text: '同意', at: '2025-03-01T08:00:00+08:00', oral: false });
    expect(r.instruction?.at).toBe('2025-03-01T00:00:00.000Z');
  });

  it.each([
    [{ leader: '' }, '请填写批示领导', 'leader'],
    [{ leader: '  ' }, '请填写批示领导', 'leader'],
    [{ text: '' }, '请填写批示内容', 'text'],
    [{ at: '' }, '批示时间无效', 'at'],
    [{ at: '2025-03-03 08:00' }, '批示时间无效', 'at'], // no offset: ambiguous
    [{ at: '2025-02-30T08:00:00Z' }, '批示时间无效', 'at'],
    [{ at: '昨天' }, '批示时间无效', 'at'],
  ])('refuses %j: %s', (over, message, field) => {
    const e = refusal(() => act(reach('办件', '已拟办'), { ...sample('批示'), ...over } as IncomingAction));
    expect([e.message, e.field]).toEqual([message, field]);
  });

  it('refuses a time in the future, accepts this very moment', () => {
    const r = reach('办件', '已拟办');
    const now = tick();
    const future = new Date(now.getTime() + 60_000).toISOString();
    const e = refusal(() => applyIncomingAction(r, { ...sample('批示'), at: future } as IncomingAction, secretary, now, cal));
    expect([e.message, e.field]).toEqual(['批示时间不能晚于现在', 'at']);
    const ok = applyIncomingAction(r, { ...sample('批示'), at: now.toISOString() } as IncomingAction, secretary, now, cal);
    expect(ok.state).toBe('已批示');
  });
});

describe('承办', () => {
  const host = { id: 'd-fin', name: '财务科' };
  const office = { id: 'd-off', name: '办公室' };
  const legal = { id: 'd-law', name: '法规科' };
  const assign = (over: Partial<Extract<IncomingAction, { type: '承办' }>> = {}, record = reach('办件', '已批示')) =>
    act(record, { type: '承办', host, cooperating: [], ...over });

  it('stores host, cooperating, person, deadline, due date and the host id', () => {
    const now = tick();
    const r = applyIncomingAction(
      reach('办件', '已批示'),
      { type: '承办', host, cooperating: [office, legal], person: ref(zhang), deadline: { kind: 'workdays', days: 5 } },
      secretary,
      now,
      cal,
    );
    expect(r.assignment).toEqual({
      host,
      cooperating: [office, legal],
      person: ref(zhang),
      deadline: { kind: 'workdays', days: 5 },
      at: now.toISOString(),
    });
    expect(r.hostDeptId).toBe('d-fin');
    expect(r.dueDate).toBe('2025-03-10'); // Monday 03-03 + 5 个工作日
    expect(r.namedUserIds).toEqual([zhang.id]);
    expect(r.history.at(-1)?.note).toBe('主办：财务科；协办：办公室、法规科；承办人：张三；办理时限：2025-03-10');
  });

  it('needs neither a person nor a deadline for an ordinary document', () => {
    const r = assign();
    expect(r.state).toBe('承办中');
    expect(r.assignment).not.toHaveProperty('person');
    expect(r.assignment).not.toHaveProperty('deadline');
    expect(r).not.toHaveProperty('dueDate');
    expect(r.namedUserIds).toEqual([]);
    expect(r.history.at(-1)?.note).toBe('主办：财务科');
  });

  it.each(['加急', '特急'] as const)('refuses a %s document without a 办理时限', (urgency) => {
    const e = refusal(() => assign({}, reach('办件', '已批示', { urgency })));
    expect([e.message, e.field]).toEqual(['加急、特急公文承办时必须设定办理时限', 'deadline']);
    expect(assign({ deadline: { kind: 'workdays', days: 1 } }, reach('办件', '已批示', { urgency })).dueDate).toBe('2025-03-04');
  });

  it('takes a date deadline as given, from today on', () => {
    expect(assign({ deadline: { kind: 'date', date: '2025-03-03' } }).dueDate).toBe('2025-03-03'); // today
    expect(assign({ deadline: { kind: 'date', date: '2025-03-08' } }).dueDate).toBe('2025-03-08'); // a Saturday: kept
  });

  it('refuses a date deadline in the past', () => {
    const e = refusal(() => assign({ deadline: { kind: 'date', date: '2025-03-02' } }));
    expect([e.message, e.field]).toEqual(['办理时限不能早于今天', 'deadline']);
  });

  it.each([
    [{ kind: 'date', date: '2025-02-30' }, '办理时限日期无效，格式如 2026-07-01'],
    [{ kind: 'date', date: '' }, '办理时限日期无效，格式如 2026-07-01'],
    [{ kind: 'workdays', days: 0 }, '办理时限应为 1–365 个工作日'],
    [{ kind: 'workdays', days: 366 }, '办理时限应为 1–365 个工作日'],
    [{ kind: 'workdays', days: 2.5 }, '办理时限应为 1–365 个工作日'],
    [{ kind: 'workdays', days: Number.NaN }, '办理时限应为 1–365 个工作日'],
    [{ kind: 'weeks', days: 1 }, '办理时限无效：应为日期或工作日数'],
  ])('refuses the deadline %j', (deadline, message) => {
    const e = refusal(() => assign({ deadline } as never));
    expect([e.message, e.field]).toEqual([message, 'deadline']);
  });

  it('accepts 365 个工作日', () => {
    expect(assign({ deadline: { kind: 'workdays', days: 365 } }).dueDate).toBeDefined();
  });

  it.each([
    [{ host: undefined }, '请选择主办单位', 'host'],
    [{ host: { id: '', name: '财务科' } }, '请选择主办单位', 'host'],
    [{ host: { id: 'd-fin', name: ' ' } }, '请选择主办单位', 'host'],
    [{ cooperating: [{ id: '', name: 'x' }] }, '协办单位无效', 'cooperating'],
    [{ person: { userId: '', name: '张三' } }, '承办人无效', 'person'],
  ])('refuses %j', (over, message, field) => {
    const e = refusal(() => assign(over as never));
    expect([e.message, e.field]).toEqual([message, field]);
  });

  it('refuses the host among the cooperating departments', () => {
    const e = refusal(() => assign({ cooperating: [office, { id: 'd-fin', name: '财务科' }] }));
    expect([e.message, e.field]).toEqual(['协办单位不能包含主办单位', 'cooperating']);
  });

  it('lists a cooperating department once', () => {
    expect(assign({ cooperating: [office, legal, office] }).assignment?.cooperating).toEqual([office, legal]);
  });
});

describe('传阅, 已阅 and who holds the paper', () => {
  it('sends to the readers in order and names them for need-to-know', () => {
    const now = tick();
    const r = applyIncomingAction(reach('办件', '承办中'), { type: '传阅', readers: [ref(li), ref(zhao)] }, secretary, now, cal);
    expect(r.circulation).toEqual([
      { ...ref(li), sentAt: now.toISOString() },
      { ...ref(zhao), sentAt: now.toISOString() },
    ]);
    // 张三 is the 承办人 (from the sample 承办), then the readers.
    expect(r.namedUserIds).toEqual([zhang.id, li.id, zhao.id]);
    expect(r.history.at(-1)?.note).toBe('李四、赵五');
  });

  it('names the 承办人 once when they also read', () => {
    const r = step(reach('办件', '承办中'), '传阅'); // readers 张三 (the 承办人) and 李四
    expect(r.namedUserIds).toEqual([zhang.id, li.id]);
  });

  it('sends a 阅件 straight from 已登记', () => {
    const r = act(makeRecord({ handling: '阅件' }), { type: '传阅', readers: [ref(zhao)] });
    expect(r.state).toBe('传阅中');
    expect(r.namedUserIds).toEqual([zhao.id]);
  });

  it.each([
    [[], '请选择传阅人'],
    [undefined, '请选择传阅人'],
    [[{ userId: '', name: '张三' }], '传阅人无效'],
    [[{ userId: 'u-zhang', name: '张三' }, { userId: 'u-li', name: '李四' }, { userId: 'u-zhang', name: '张三' }], '传阅人重复：张三'],
  ])('refuses readers %j', (readers, message) => {
    const e = refusal(() => act(reach('办件', '承办中'), { type: '传阅', readers } as IncomingAction));
    expect([e.message, e.field]).toEqual([message, 'readers']);
  });

  it('lets readers mark 已阅 in any order; the paper is with the first who has not', () => {
    let r = act(reach('办件', '承办中'), { type: '传阅', readers: [ref(zhang), ref(li), ref(zhao)] });
    expect(currentHolder(r)).toMatchObject(ref(zhang));
    const now = tick();
    r = deepFreeze(applyIncomingAction(r, { type: '已阅', userId: li.id }, li, now, cal));
    expect(r.state).toBe('传阅中');
    expect(r.circulation[1]?.readAt).toBe(now.toISOString());
    expect(r.history.at(-1)).toMatchObject({ action: '已阅', byId: li.id, byName: '李四' });
    expect(r.history.at(-1)).not.toHaveProperty('note');
    expect(currentHolder(r)).toMatchObject(ref(zhang)); // 李四 read out of turn: 张三 still holds it
    r = act(r, { type: '已阅', userId: zhang.id }, zhang);
    expect(currentHolder(r)).toMatchObject(ref(zhao));
    r = act(r, { type: '已阅', userId: zhao.id }, zhao);
    expect(currentHolder(r)).toBeNull();
    expect(r.state).toBe('传阅中');
  });

  it('lets the secretary mark 已阅 for a reader, saying so', () => {
    const r = act(reach('办件', '传阅中'), { type: '已阅', userId: li.id }, secretary);
    expect(r.circulation[1]?.readAt).toBeDefined();
    expect(r.history.at(-1)).toMatchObject({ action: '已阅', byName: '王秘书', note: '代李四标记已阅' });
  });

  it('refuses 已阅 for someone not on the list', () => {
    const r = reach('办件', '传阅中');
    for (const actor of [zhao, secretary]) {
      const e = refusal(() => act(r, { type: '已阅', userId: zhao.id }, actor));
      expect([e.message, e.field]).toEqual(['此人不在传阅名单中，不能标记已阅', 'userId']);
    }
  });

  it('refuses a second 已阅 by the same reader', () => {
    const r = act(reach('办件', '传阅中'), { type: '已阅', userId: zhang.id }, zhang);
    const e = refusal(() => act(r, { type: '已阅', userId: zhang.id }, zhang));
    expect([e.message, e.field]).toEqual(['张三已标记已阅', 'userId']);
  });

  it('currentHolder is null outside 传阅中', () => {
    for (const state of INCOMING_STATES.filter((s) => s !== '传阅中')) expect(currentHolder(reach('办件', state))).toBeNull();
    // Even with unread entries left over from bad data: the paper is back with the secretary.
    expect(currentHolder(makeRecord({ state: '承办中', circulation: [{ ...ref(zhang), sentAt: 'x' }] }))).toBeNull();
  });
});

describe('催办', () => {
  it.each(['承办中', '传阅中'] as const)('is appended in %s, leaving the state as it is', (state) => {
    const r0 = reach('办件', state);
    const first = tick();
    const r1 = deepFreeze(applyIncomingAction(r0, { type: '催办', note: ' 请抓紧 ', to: ' 财务科 ' }, secretary, first, cal));
    const second = tick();
    const r2 = applyIncomingAction(r1, { type: '催办', note: '明日到期' }, secretary, second, cal);
    expect(r2.state).toBe(state);
    expect(r2.reminders).toEqual([
      { at: first.toISOString(), byName: '王秘书', note: '请抓紧', to: '财务科' },
      { at: second.toISOString(), byName: '王秘书', note: '明日到期' },
    ]);
    expect(r1.history.at(-1)?.note).toBe('催办财务科：请抓紧');
    expect(r2.history.at(-1)?.note).toBe('明日到期');
  });

  it('requires the note', () => {
    const e = refusal(() => act(reach('办件', '承办中'), { type: '催办', note: '' }));
    expect([e.message, e.field]).toEqual(['请填写催办内容', 'note']);
  });
});

describe('办结', () => {
  it('from 承办中 (never circulated) stores the result', () => {
    const now = tick();
    const r = applyIncomingAction(reach('办件', '承办中'), { type: '办结', result: ' 已落实 ' }, secretary, now, cal);
    expect(r.state).toBe('已办结');
    expect(r.result).toEqual({ text: '已落实', at: now.toISOString(), byName: '王秘书' });
    expect(r.history.at(-1)?.note).toBe('已落实');
    expect(allowedActions(r, secretary)).toEqual([]);
  });

  it('requires the result for a 办件', () => {
    const e = refusal(() => act(reach('办件', '承办中'), { type: '办结', result: '  ' }));
    expect([e.message, e.field]).toEqual(['请填写办理结果', 'result']);
  });

  it('is refused while readers have not read, naming them', () => {
    let r = reach('办件', '传阅中');
    expect(refusal(() => step(r, '办结')).message).toBe('尚有 2 人未阅：张三、李四');
    r = act(r, { type: '已阅', userId: zhang.id }, zhang);
    expect(refusal(() => step(r, '办结')).message).toBe('尚有 1 人未阅：李四');
    r = act(r, { type: '已阅', userId: li.id }, li);
    expect(step(r, '办结').state).toBe('已办结');
  });

  it('closes a 阅件 with 已阅知 when no result is written', () => {
    let r = reach('阅件', '传阅中');
    r = act(r, { type: '已阅', userId: zhang.id }, zhang);
    r = act(r, { type: '已阅', userId: li.id }, li);
    expect(act(r, { type: '办结', result: '' }).result?.text).toBe('已阅知');
    expect(act(r, { type: '办结' } as IncomingAction).result?.text).toBe('已阅知');
    expect(act(r, { type: '办结', result: '已传达到各科室' }).result?.text).toBe('已传达到各科室');
  });

  it('for a 阅件 is refused too while someone has not read', () => {
    expect(refusal(() => act(reach('阅件', '传阅中'), { type: '办结', result: '' })).message).toBe('尚有 2 人未阅：张三、李四');
  });
});

describe('a whole 办件, as in the issue’s acceptance test', () => {
  it('加急 秘密: 初审 → 拟办 → 批示 → 承办 (3 个工作日) → 传阅 to two → 已阅 ×2 → 办结', () => {
    clock = new Date(2025, 0, 27, 9, 0).getTime(); // Monday before 春节
    const registered = new Date(clock - 3_600_000).toISOString();
    let r = makeRecord({
      receivedDate: '2025-01-27',
      urgency: '加急',
      classification: '秘密',
      copyNumber: '000001',
      secrecyTerm: { kind: 'years', years: 10 },
      history: [{ action: '登记', at: registered, byId: secretary.id, byName: secretary.name }],
      createdAt: registered,
      updatedAt: registered,
    });
    r = act(r, { type: '初审' });
    r = act(r, { type: '拟办', text: '拟请办公室办理' });
    r = act(r, { type: '批示', leader: '李局长', text: '同意', at: new Date(clock).toISOString(), oral: true });
    expect(refusal(() => act(r, { type: '承办', host: { id: 'd-off', name: '办公室' }, cooperating: [] })).field).toBe('deadline');
    r = act(r, { type: '承办', host: { id: 'd-off', name: '办公室' }, cooperating: [], deadline: { kind: 'workdays', days: 3 } });
    expect(r.dueDate).toBe('2025-02-07');
    r = act(r, { type: '传阅', readers: [ref(zhang), ref(li)] });
    expect(canSeeIncomingContent(zhang, r)).toBe(true);
    expect(canSeeIncomingContent(zhao, r)).toBe(false);
    r = act(r, { type: '已阅', userId: zhang.id }, zhang);
    r = act(r, { type: '已阅', userId: li.id }, li);
    r = act(r, { type: '办结', result: '已办理完毕' });
    expect(r.state).toBe('已办结');
    expect(r.history.map((h) => h.action)).toEqual(['登记', '初审', '拟办', '批示', '承办', '传阅', '已阅', '已阅', '办结']);
    expect(r.history.map((h) => h.byName)).toEqual(['王秘书', '王秘书', '王秘书', '王秘书', '王秘书', '王秘书', '张三', '李四', '王秘书']);
    // Timestamps are strictly increasing: the timeline reads in order.
    const times = r.history.map((h) => h.at);
    expect([...times].sort()).toEqual(times);
    clock = DAY.getTime();
  });
});

describe('need-to-know', () => {
  const named = { classification: '秘密', namedUserIds: [zhang.id] } as const;

  it.each(['非密', '内部'] as const)('everyone sees a %s record', (classification) => {
    for (const user of [secretary, zhang, zhao, officer, sysadmin, auditor]) {
      expect(canSeeIncomingContent(user, { classification, namedUserIds: [] })).toBe(true);
    }
  });

  it.each(['秘密', '机密', '绝密'] as const)('a %s record: only 秘书, 保密员 and the people named', (classification) => {
    const record = { classification, namedUserIds: [zhang.id] };
    expect(canSeeIncomingContent(secretary, record)).toBe(true);
    expect(canSeeIncomingContent(officer, record)).toBe(true);
    expect(canSeeIncomingContent(zhang, record)).toBe(true);
    expect(canSeeIncomingContent(zhao, record)).toBe(false);
    expect(canSeeIncomingContent(sysadmin, record)).toBe(false); // 三员分立: the administrator cannot read secrets
    expect(canSeeIncomingContent(auditor, record)).toBe(false);
  });

  it('goes by id, not by name', () => {
    expect(canSeeIncomingContent({ id: 'someone-else', roles: ['工作人员'] }, named)).toBe(false);
  });

  it('masks with 【涉密】', () => {
    expect(MASK).toBe('【涉密】');
  });
});
