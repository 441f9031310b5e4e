import { describe, expect, it } from 'vitest';
import type { CarrierRecord } from '../../../../shared/domain/carrier-types';
import type { Classification } from '../../../../shared/domain/enums';
import type { IncomingRecord } from '../../../../shared/domain/incoming-types';
import type { MeetingRecord } from '../../../../shared/domain/meeting-types';
import type { OutgoingRecord } from '../../../../shared/domain/outgoing-types';
import { auditName, MASK } from '../../../../shared/domain/need-to-know';
import { ROLES, type Role } from '../../../../shared/domain/permissions';
import { auditLabel, CARRIERS_REGISTER, INCOMING_REGISTER, MEETINGS_REGISTER, OUTGOING_REGISTER, REGISTERS, TASKS_REGISTER, viewFor, type AnyRegister, type RegisterRow } from '../../../../shared/domain/registers/index';
import type { TaskRecord } from '../../../../shared/domain/supervision-types';

// Every register × role × relation, with the decision written out (not derived from the rule), for
// a classified (机密) record: who may see its content. Relations a register does not have are
// left out; 'uninvolved' is in every row.

const ME = 'u-me';
const OTHER = { userId: 'u-other', name: '他人' };

type Relation = 'owner' | '承办人' | 'reader' | '知悉范围' | 'borrower' | 'uninvolved';

// Only the fields need to know reads are real: the records are built for this question alone.
const incoming = (rel: Relation, classification: Classification = '机密') =>
  ({ id: 'i1', serial: '收〔2026〕0001', title: '关于某事的通知', classification, history: [], namedUserIds: rel === '承办人' || rel === 'reader' ? [ME] : ['u-other'] }) as unknown as IncomingRecord;
const carrier = (rel: Relation, classification: Classification = '机密') =>
  ({
    id: 'c1',
    serial: '载〔2026〕0001',
    copyNumber: '000001',
    name: '某项目图纸',
    classification,
    source: { kind: '自制', unit: '办公室' },
    markingHistory: [],
    history: [],
    custodian: rel === 'owner' ? { userId: ME, name: '我' } : OTHER,
    knowers: rel === '知悉范围' ? [{ userId: ME, name: '我' }] : [OTHER],
    ...(rel === 'borrower' ? { loan: { borrower: { userId: ME, name: '我' } } } : {}),
  }) as unknown as CarrierRecord;
const meeting = (rel: Relation, classification: Classification = '机密') =>
  ({ id: 'm1', name: '某专题会议', meetingType: '专题会议', meetingDate: '2026-11-27', classification, history: [], invitees: [{ userId: rel === 'reader' ? ME : 'u-other' }] }) as unknown as MeetingRecord;
// 发文: the people named on it (拟稿人, 核稿人, 签发人 with an account) are 'owner'.
const outgoing = (rel: Relation, classification: Classification = '机密') =>
  ({
    id: 'o1',
    docNumber: '县政办发〔2026〕7号',
    draftYear: 2026,
    state: '待核发',
    title: '关于某事的请示',
    docType: '请示',
    direction: '上行文',
    seriesId: 's1',
    mainTo: ['县人民政府'],
    copyTo: [],
    classification,
    urgency: '普通',
    draftingUnit: { id: 'd1', name: '办公室' },
    drafter: OTHER,
    countersignUnits: [],
    printCopies: 3,
    disclosure: '不予公开',
    returns: [],
    countersigns: [],
    distributions: [],
    history: [],
    namedUserIds: rel === 'owner' ? [ME] : ['u-other'],
    createdAt: '2026-11-20T01:00:00.000Z',
    updatedAt: '2026-11-20T01:00:00.000Z',
  }) as unknown as OutgoingRecord;
const task = () => ({ id: 't1', serial: '督〔2026〕0001', content: '完成某事' }) as unknown as TaskRecord;

const ALL: readonly Role[] = ROLES;
const NONE: readonly Role[] = [];

const TABLE: { register: AnyRegister; record: (rel: Relation) => RegisterRow; sees: Partial<Record<Relation, readonly Role[]>> }[] = [
  {
    register: INCOMING_REGISTER as AnyRegister,
    record: incoming,
    sees: { 承办人: ALL, reader: ALL, uninvolved: ['安全保密管理员', '秘书'] },
  },
  {
    register: OUTGOING_REGISTER as AnyRegister,
    record: outgoing,
    sees: { owner: ALL, uninvolved: ['安全保密管理员', '秘书'] },
  },
  {
    register: CARRIERS_REGISTER as AnyRegister,
    record: carrier,
    sees: { owner: ALL, 知悉范围: ALL, borrower: ALL, uninvolved: ['安全保密管理员'] },
  },
  {
    register: MEETINGS_REGISTER as AnyRegister,
    record: meeting,
    sees: { reader: ALL, uninvolved: ['秘书'] },
  },
  {
    register: TASKS_REGISTER as AnyRegister,
    record: task,
    sees: { uninvolved: ALL },
  },
];

describe('need to know: every register × role × relation', () => {
  it('covers every register of the registry', () => {
    expect(TABLE.map((t) => t.register.kind).sort()).toEqual(REGISTERS.map((r) => r.kind).sort());
  });

  for (const { register, record, sees } of TABLE) {
    for (const [relation, roles] of Object.entries(sees) as [Relation, readonly Role[]][]) {
      for (const role of ROLES) {
        const expected = roles.includes(role);
        it(`${register.label} (机密), ${relation}, ${role}: ${expected ? 'sees' : 'does not see'} the content`, () => {
          const row = record(relation);
          expect(register.canSee({ id: ME, roles: [role] }, row)).toBe(expected);
          const view = viewFor(register, { id: ME, roles: [role] }, row);
          expect(view.canSeeContent).toBe(expected);
          // Masked: the title is the one mask (督办 are never classified and never masked).
          expect(register.title(view.record)).toBe(expected ? register.title(row) : MASK);
        });
      }
    }
  }

  it('a person without a role sees no classified content anywhere but 督办', () => {
    expect(TABLE.map((t) => t.register.canSee({ id: ME, roles: [] }, t.record('uninvolved')))).toEqual([false, false, false, false, true]);
    expect(NONE).toHaveLength(0);
  });

  it('non-secret 收文 and meetings are open to every role; a 非密 carrier is still kept to its audience', () => {
    for (const role of ROLES) {
      expect(INCOMING_REGISTER.canSee({ id: ME, roles: [role] }, incoming('uninvolved', '非密'))).toBe(true);
      expect(MEETINGS_REGISTER.canSee({ id: ME, roles: [role] }, meeting('uninvolved', '内部'))).toBe(true);
      expect(OUTGOING_REGISTER.canSee({ id: ME, roles: [role] }, outgoing('uninvolved', '内部'))).toBe(true);
      expect(CARRIERS_REGISTER.canSee({ id: ME, roles: [role] }, carrier('uninvolved', '内部'))).toBe(role === '安全保密管理员');
    }
  });
});

describe('a classified 发文 outside the need to know', () => {
  it('keeps its 文号, 密级, state and who acted; every text, unit and name is gone', () => {
    const r = { ...outgoing('uninvolved'), copyTo: ['县财政局'], attachments: '1. 某方案', body: '正文', remark: '附注', signoff: { signerId: 'p1', signer: '王县长', text: '同意', date: '2026-11-20', at: 'x', recordedBy: '张秘书' }, review: { reviewer: OTHER, text: '核', at: 'x' }, history: [{ action: '签发', at: 'x', byId: 'u', byName: '张秘书', note: '王县长：同意' }] } as OutgoingRecord;
    const view = viewFor(OUTGOING_REGISTER as AnyRegister, { id: ME, roles: ['工作人员'] }, r).record as OutgoingRecord;
    expect(view).toMatchObject({ id: 'o1', docNumber: '县政办发〔2026〕7号', classification: '机密', state: '待核发', title: MASK, mainTo: [], copyTo: [] });
    const text = JSON.stringify(view);
    for (const secret of ['关于某事的请示', '县人民政府', '县财政局', '某方案', '正文', '附注', '王县长', '他人', '办公室']) expect(text).not.toContain(secret);
    expect(view.history).toEqual([{ action: '签发', at: 'x', byId: 'u', byName: '张秘书' }]);
  });
});

describe('the audit log names a record without its classified title', () => {
  it('uses one label function for every register', () => {
    expect(auditLabel(INCOMING_REGISTER, incoming('uninvolved'))).toBe('收〔2026〕0001【机密】');
    expect(auditLabel(INCOMING_REGISTER, incoming('uninvolved', '非密'))).toBe('收〔2026〕0001《关于某事的通知》');
    expect(auditLabel(CARRIERS_REGISTER, carrier('uninvolved'))).toBe('载〔2026〕0001【机密】份号000001');
    expect(auditLabel(CARRIERS_REGISTER, carrier('uninvolved', '非密'))).toBe('载〔2026〕0001【非密】份号000001');
    expect(auditLabel(MEETINGS_REGISTER, meeting('uninvolved'))).toBe('2026-11-27 专题会议【机密】');
    expect(auditLabel(MEETINGS_REGISTER, meeting('uninvolved', '非密'))).toBe('2026-11-27《某专题会议》');
    expect(auditLabel(TASKS_REGISTER, task())).toBe('督〔2026〕0001');
    expect(auditLabel(OUTGOING_REGISTER, outgoing('uninvolved'))).toBe('县政办发〔2026〕7号【机密】');
    expect(auditLabel(OUTGOING_REGISTER, outgoing('uninvolved', '非密'))).toBe('县政办发〔2026〕7号《关于某事的请示》');
    expect(auditName({ number: 'X', title: 'T', classification: '秘密' })).not.toContain('T');
  });
});
