import { describe, expect, it } from 'vitest';
import type { CarrierActor, CarrierRecord, CarrierState, NewCarrierIds } from '../../../../shared/domain/carrier';
import {
  carriersFromIncoming,
  editCarrierDetails,
  INCOMING_CARRIER_LOCATION,
  MAX_CARRIERS_PER_INCOMING,
  peopleNamedByIncoming,
  widenKnowersFromIncoming,
  type CarrierDetailsPatch,
} from '../../../../shared/domain/carrier-details';
import type { IncomingRecord } from '../../../../shared/domain/incoming-types';
import { carrierRecord, li, officer, refusal, secretary, staff, sun, zhang, zhao } from '../../../fixtures/carriers';
import { deepFreeze } from '../../../fixtures/deep-freeze';

// 变更 of a carrier (名称, 保管人, 存放位置, 知悉范围), the 知悉范围 growing with its 收文, and the
// carriers a classified 收文 brings in at registration (issue 4).

const sysadmin: CarrierActor = { id: 'u-admin', name: '管理员', roles: ['系统管理员'] };
const disabledOfficer = { id: 'u-old', name: '吴离职', roles: ['安全保密管理员'] as const, disabled: true };

const NOW = new Date(2026, 2, 2, 9, 0); // local 2026-03-02 09:00
const AT = NOW.toISOString();

function edit(patch: CarrierDetailsPatch, record = carrierRecord(), actor: CarrierActor = officer): CarrierRecord {
  return editCarrierDetails(record, deepFreeze(patch), actor, NOW);
}

describe('editCarrierDetails', () => {
  it('records a changed 名称 with before → after in one 变更 line', () => {
    const before = carrierRecord();
    const after = edit({ name: '  关于某专项工作的补充通知 ' }, before);
    expect(after).not.toBe(before);
    expect(after.name).toBe('关于某专项工作的补充通知');
    expect(after.updatedAt).toBe(AT);
    expect(after.history).toHaveLength(2);
    expect(after.history[1]).toEqual({
      action: '变更',
      at: AT,
      byId: officer.id,
      byName: officer.name,
      note: '名称：关于某专项工作的通知 → 关于某专项工作的补充通知',
    });
    // Everything else is as it was.
    expect({ ...after, name: before.name, history: before.history, updatedAt: before.updatedAt }).toEqual(before);
  });

  it('records a move of 存放位置', () => {
    const after = edit({ location: '机要室 2 号柜' });
    expect(after.location).toBe('机要室 2 号柜');
    expect(after.history.at(-1)!.note).toBe('存放位置：保密室 1 号柜 → 机要室 2 号柜');
  });

  it('records a new 保管人 by name', () => {
    const after = edit({ custodian: { userId: ' u-zhao ', name: ' 赵五 ' } });
    expect(after.custodian).toEqual(zhao);
    expect(after.history.at(-1)!.note).toBe('保管人：陈保密 → 赵五');
  });

  it('records people added to and removed from the 知悉范围', () => {
    const added = edit({ knowers: [zhang, li, zhao] });
    expect(added.knowers).toEqual([zhang, li, zhao]);
    expect(added.history.at(-1)!.note).toBe('知悉范围增加：赵五');

    const removed = edit({ knowers: [li] });
    expect(removed.knowers).toEqual([li]);
    expect(removed.history.at(-1)!.note).toBe('知悉范围减少：张三');

    const both = edit({ knowers: [zhao, li, sun] });
    expect(both.knowers).toEqual([zhao, li, sun]);
    expect(both.history.at(-1)!.note).toBe('知悉范围增加：赵五、孙六；知悉范围减少：张三');
  });

  it('puts every change of one patch in a single 变更 line, in a fixed order', () => {
    const after = edit({ name: '新名称', knowers: [zhang, zhao], custodian: li, location: '机要室 3 号柜' });
    expect(after.history).toHaveLength(2);
    expect(after.history[1]!.note).toBe('名称：关于某专项工作的通知 → 新名称；存放位置：保密室 1 号柜 → 机要室 3 号柜；保管人：陈保密 → 李四；知悉范围增加：赵五；知悉范围减少：李四');
    expect(after).toMatchObject({ name: '新名称', location: '机要室 3 号柜', custodian: li, knowers: [zhang, zhao] });
  });

  it('names only the fields that changed', () => {
    const after = edit({ name: '关于某专项工作的通知', location: '机要室 9 号柜', custodian: { userId: officer.id, name: officer.name }, knowers: [zhang, li] });
    expect(after.history.at(-1)!.note).toBe('存放位置：保密室 1 号柜 → 机要室 9 号柜');
  });

  it('also works while the carrier is 借出', () => {
    const lent = carrierRecord({
      state: '借出',
      loan: { borrower: zhang, purpose: '起草', approver: li, dueDate: '2026-03-09', lentAt: AT, lentByName: officer.name },
    });
    const after = edit({ location: '机要室 2 号柜' }, lent);
    expect(after.state).toBe('借出');
    expect(after.loan).toEqual(lent.loan);
    expect(after.location).toBe('机要室 2 号柜');
  });

  it.each<[string, CarrierDetailsPatch]>([
    ['an empty patch', {}],
    ['the same 名称 with spaces', { name: '  关于某专项工作的通知  ' }],
    ['the same 存放位置', { location: '保密室 1 号柜' }],
    ['the same 保管人', { custodian: { userId: officer.id, name: officer.name } }],
    ['the same 知悉范围', { knowers: [zhang, li] }],
    ['the same people in another order', { knowers: [li, zhang] }],
    ['everything the same', { name: '关于某专项工作的通知', location: '保密室 1 号柜', custodian: { userId: officer.id, name: officer.name }, knowers: [zhang, li] }],
  ])('returns the very same record (===) for %s', (_label, patch) => {
    const before = carrierRecord();
    expect(edit(patch, before)).toBe(before);
  });

  it.each<CarrierState>(['已销毁', '已移交', '已解密'])('is refused once the carrier is %s', (state) => {
    const e = refusal(() => edit({ location: '别处' }, carrierRecord({ state })));
    expect(e.message).toBe(`该载体${state}，登记信息不能再修改`);
    expect(e.field).toBeUndefined();
  });

  it.each([
    ['a 秘书', secretary],
    ['a 工作人员', staff],
    ['the 系统管理员', sysadmin],
    ['a disabled 保密员', disabledOfficer],
  ])('is refused for %s (no 涉密载体管理)', (_label, actor) => {
    const e = refusal(() => edit({ location: '别处' }, carrierRecord(), actor));
    expect(e.message).toBe('没有权限修改涉密载体（需要：涉密载体管理）');
  });

  it('checks permission before anything else', () => {
    const e = refusal(() => edit({ name: '' }, carrierRecord({ state: '已销毁' }), staff));
    expect(e.message).toBe('没有权限修改涉密载体（需要：涉密载体管理）');
  });

  it.each<[string, CarrierDetailsPatch, string, string]>([
    ['an empty 名称', { name: '   ' }, 'name', '请填写名称'],
    ['a 名称 over 200 characters', { name: '密'.repeat(201) }, 'name', '名称不能超过 200 个字'],
    ['an empty 存放位置', { location: '' }, 'location', '请填写存放位置'],
    ['a 存放位置 over 100 characters', { location: '柜'.repeat(101) }, 'location', '存放位置不能超过 100 个字'],
    ['a 保管人 without id', { custodian: { userId: ' ', name: '赵五' } }, 'custodian', '请选择保管人'],
    ['a 保管人 without name', { custodian: { userId: 'u-zhao', name: '' } }, 'custodian', '请选择保管人'],
    ['an empty 知悉范围', { knowers: [] }, 'knowers', '知悉范围至少要有一人'],
    ['a nameless person in the 知悉范围', { knowers: [zhang, { userId: 'u-x', name: ' ' }] }, 'knowers', '请选择知悉范围人员'],
    ['the same person twice', { knowers: [zhang, li, { userId: 'u-zhang', name: '张三' }] }, 'knowers', '知悉范围中有重复的人员：张三'],
    ['a bad field beside a good one', { name: '新名称', location: ' ' }, 'location', '请填写存放位置'],
  ])('refuses %s with a message beside the field', (_label, patch, field, message) => {
    const e = refusal(() => edit(patch));
    expect(e.field).toBe(field);
    expect(e.message).toBe(message);
  });

  it('accepts exactly 200 characters of 名称 and 100 of 存放位置 (counted as characters, not UTF-16 units)', () => {
    const name = '𠀀'.repeat(200); // outside the BMP: two code units each
    const after = edit({ name, location: '柜'.repeat(100) });
    expect(after.name).toBe(name);
    expect(after.location).toBe('柜'.repeat(100));
  });

  it('never changes the record it was given (deep-frozen input)', () => {
    const before = carrierRecord();
    const snapshot = structuredClone(before);
    const after = edit({ name: '新名称', knowers: [zhao], custodian: li, location: '新位置' }, before);
    expect(before).toEqual(snapshot);
    expect(after.history).not.toBe(before.history);
    expect(before.history).toHaveLength(1);
  });
});

describe('widenKnowersFromIncoming', () => {
  const clerk = { id: secretary.id, name: secretary.name };

  it('adds only the people not yet in the 知悉范围, and names them and the 收文 in the note', () => {
    const before = carrierRecord();
    const after = widenKnowersFromIncoming(before, deepFreeze([li, zhao, sun, zhao]), '收〔2026〕0007', clerk, NOW);
    expect(after.knowers).toEqual([zhang, li, zhao, sun]);
    expect(after.history).toHaveLength(2);
    expect(after.history[1]).toEqual({
      action: '变更',
      at: AT,
      byId: secretary.id,
      byName: secretary.name,
      note: '知悉范围增加：赵五、孙六（收文 收〔2026〕0007 承办、传阅）',
    });
    expect(after.updatedAt).toBe(AT);
    expect(before.knowers).toEqual([zhang, li]);
  });

  it('copies just id and name of each person', () => {
    const extra = { userId: 'u-zhao', name: '赵五', sentAt: AT, readAt: AT };
    const after = widenKnowersFromIncoming(carrierRecord(), [extra], '收〔2026〕0007', clerk, NOW);
    expect(after.knowers[2]).toEqual(zhao);
  });

  it('returns the same record (===) when everyone is already in it, or nobody is named', () => {
    const before = carrierRecord();
    expect(widenKnowersFromIncoming(before, [li, zhang], '收〔2026〕0007', clerk, NOW)).toBe(before);
    expect(widenKnowersFromIncoming(before, [], '收〔2026〕0007', clerk, NOW)).toBe(before);
  });

  it.each<CarrierState>(['已销毁', '已移交', '已解密'])('leaves a carrier that is %s alone', (state) => {
    const before = carrierRecord({ state });
    expect(widenKnowersFromIncoming(before, [zhao], '收〔2026〕0007', clerk, NOW)).toBe(before);
  });

  it('still widens a carrier that is 借出', () => {
    const after = widenKnowersFromIncoming(carrierRecord({ state: '借出' }), [zhao], '收〔2026〕0007', clerk, NOW);
    expect(after.knowers.map((k) => k.userId)).toEqual(['u-zhang', 'u-li', 'u-zhao']);
  });
});

describe('peopleNamedByIncoming', () => {
  it('lists the 承办人 first, then the 传阅 readers, with id and name only', () => {
    const people = peopleNamedByIncoming({
      assignment: { host: { id: 'd-1', name: '办公室' }, cooperating: [], person: zhao, at: AT },
      circulation: [
        { ...li, sentAt: AT, readAt: AT },
        { ...sun, sentAt: AT },
      ],
    });
    expect(people).toEqual([zhao, li, sun]);
  });

  it('is empty without a 承办人 or readers, and skips an assignment without a person', () => {
    expect(peopleNamedByIncoming({ circulation: [] })).toEqual([]);
    expect(peopleNamedByIncoming({ assignment: { host: { id: 'd-1', name: '办公室' }, cooperating: [], at: AT }, circulation: [{ ...li, sentAt: AT }] })).toEqual([li]);
  });
});

describe('carriersFromIncoming', () => {
  type IncomingPart = Parameters<typeof carriersFromIncoming>[0];
  const incoming = (over: Partial<IncomingRecord> = {}): IncomingPart =>
    deepFreeze({
      id: 'r-9',
      serial: '收〔2026〕0009',
      title: '关于某重大事项的请示',
      classification: '机密',
      secrecyTerm: { kind: 'years', years: 15 },
      copyNumber: '000005',
      copies: 3,
      pages: 4,
      writtenDate: '2026-02-20',
      receivedDate: '2026-02-28',
      ...over,
    } satisfies IncomingPart);
  const clerk = { id: secretary.id, name: secretary.name };
  function counter(): () => NewCarrierIds {
    let n = 0;
    return () => {
      n++;
      return { id: `c-${n}`, serial: `载〔2026〕${String(n).padStart(4, '0')}` };
    };
  }

  it.each(['非密', '内部'] as const)('makes none for a %s 收文', (classification) => {
    const ids = counter();
    expect(carriersFromIncoming(incoming({ classification, copies: 3 }), ids, clerk, NOW)).toEqual([]);
    expect(ids()).toEqual({ id: 'c-1', serial: '载〔2026〕0001' }); // no number was taken
  });

  it('each copy carries the 收文\'s 来文字号 (none when the 收文 has none)', () => {
    const made = carriersFromIncoming(incoming({ docNumber: '某政发〔2026〕12号' }), counter(), clerk, NOW);
    expect(made.map((c) => c.docNumber)).toEqual(['某政发〔2026〕12号', '某政发〔2026〕12号', '某政发〔2026〕12号']);
    expect(carriersFromIncoming(incoming({ docNumber: '' }), counter(), clerk, NOW).every((c) => !('docNumber' in c))).toBe(true);
  });

  it('makes one carrier per copy, 份号 counting up, each linked to the 收文 and kept by the person who signed for it', () => {
    const made = carriersFromIncoming(incoming(), counter(), clerk, NOW);
    expect(made.map((c) => [c.id, c.serial, c.copyNumber])).toEqual([
      ['c-1', '载〔2026〕0001', '000005'],
      ['c-2', '载〔2026〕0002', '000006'],
      ['c-3', '载〔2026〕0003', '000007'],
    ]);
    const me = { userId: secretary.id, name: secretary.name };
    for (const c of made) {
      expect(c).toEqual({
        id: c.id,
        serial: c.serial,
        name: '关于某重大事项的请示',
        carrierType: '纸质文件',
        classification: '机密',
        secrecyTerm: { kind: 'years', years: 15 },
        secrecyStart: '2026-02-20',
        copyNumber: c.copyNumber,
        quantity: 1,
        pages: 4,
        source: { kind: '收文', incomingId: 'r-9', incomingSerial: '收〔2026〕0009' },
        knowers: [me],
        custodian: me,
        location: INCOMING_CARRIER_LOCATION,
        state: '在库',
        loans: [],
        copies: [],
        markingHistory: [],
        history: [{ action: '登记', at: AT, byId: secretary.id, byName: secretary.name, note: '随收文 收〔2026〕0009 登记' }],
        createdAt: AT,
        updatedAt: AT,
      } satisfies CarrierRecord);
    }
    expect(INCOMING_CARRIER_LOCATION).toBe('机要室保密柜');
    // Separate objects: changing one carrier's people cannot change another's.
    expect(made[0]!.knowers).not.toBe(made[1]!.knowers);
    expect(made[0]!.source).not.toBe(made[1]!.source);
  });

  it('counts the 保密期限 from the 收文日期 when there is no 成文日期', () => {
    const made = carriersFromIncoming(incoming({ writtenDate: undefined, copies: 1 }), counter(), clerk, NOW);
    expect(made.map((c) => c.secrecyStart)).toEqual(['2026-02-28']);
  });

  it.each([
    ['绝密', { kind: 'years', years: 30 }],
    ['机密', { kind: 'years', years: 20 }],
    ['秘密', { kind: 'years', years: 10 }],
  ] as const)('gives a %s 收文 without a 保密期限 the statutory default', (classification, term) => {
    const made = carriersFromIncoming(incoming({ classification, secrecyTerm: undefined, copies: 1 }), counter(), clerk, NOW);
    expect(made).toHaveLength(1);
    expect(made[0]!.secrecyTerm).toEqual(term);
    expect(made[0]!.classification).toBe(classification);
  });

  it('keeps a 保密期限 of another kind as given', () => {
    const made = carriersFromIncoming(incoming({ classification: '绝密', secrecyTerm: { kind: 'long' }, copies: 1 }), counter(), clerk, NOW);
    expect(made[0]!.secrecyTerm).toEqual({ kind: 'long' });
  });

  it('starts at 份号 000001 when none was registered, and makes one carrier for 份数 0', () => {
    const made = carriersFromIncoming(incoming({ copyNumber: undefined, copies: 2 }), counter(), clerk, NOW);
    expect(made.map((c) => c.copyNumber)).toEqual(['000001', '000002']);
    expect(carriersFromIncoming(incoming({ copies: 0 }), counter(), clerk, NOW).map((c) => c.copyNumber)).toEqual(['000005']);
  });

  it('leaves 页数 out when the 收文 has none', () => {
    const [c] = carriersFromIncoming(incoming({ pages: 0, copies: 1 }), counter(), clerk, NOW);
    expect(c).not.toHaveProperty('pages');
  });

  it(`makes at most ${MAX_CARRIERS_PER_INCOMING} carriers, and never a 份号 past 999999`, () => {
    expect(MAX_CARRIERS_PER_INCOMING).toBe(50);
    const many = carriersFromIncoming(incoming({ copyNumber: '000001', copies: 500 }), counter(), clerk, NOW);
    expect(many).toHaveLength(50);
    expect(many.at(-1)).toMatchObject({ id: 'c-50', copyNumber: '000050' });
    expect(new Set(many.map((c) => c.id)).size).toBe(50);

    const top = carriersFromIncoming(incoming({ copyNumber: '999998', copies: 5 }), counter(), clerk, NOW);
    expect(top.map((c) => c.copyNumber)).toEqual(['999998', '999999']);
  });

  it('takes an id only for each carrier it makes', () => {
    let taken = 0;
    const ids = () => {
      taken++;
      return { id: `x-${taken}`, serial: `载〔2026〕${taken}` };
    };
    carriersFromIncoming(incoming({ copies: 4 }), ids, clerk, NOW);
    expect(taken).toBe(4);
  });
});
