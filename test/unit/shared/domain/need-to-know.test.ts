import { describe, expect, it } from 'vitest';
import type { CarrierRecord } from '../../../../shared/domain/carrier-types';
import type { Classification } from '../../../../shared/domain/enums';
import type { IncomingRecord } from '../../../../shared/domain/incoming-types';
import type { MeetingRecord } from '../../../../shared/domain/meeting-types';
import { auditName, MASK } from '../../../../shared/domain/need-to-know';
import { ROLES, type Role } from '../../../../shared/domain/permissions';
import { auditLabel, CARRIERS_REGISTER, INCOMING_REGISTER, MEETINGS_REGISTER, REGISTERS, TASKS_REGISTER, viewFor, type AnyRegister, type RegisterRow } from '../../../../shared/domain/registers/index';
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
    expect(TABLE.map((t) => t.register.canSee({ id: ME, roles: [] }, t.record('uninvolved')))).toEqual([false, false, false, true]);
    expect(NONE).toHaveLength(0);
  });

  it('non-secret 收文 and meetings are open to every role; a 非密 carrier is still kept to its audience', () => {
    for (const role of ROLES) {
      expect(INCOMING_REGISTER.canSee({ id: ME, roles: [role] }, incoming('uninvolved', '非密'))).toBe(true);
      expect(MEETINGS_REGISTER.canSee({ id: ME, roles: [role] }, meeting('uninvolved', '内部'))).toBe(true);
      expect(CARRIERS_REGISTER.canSee({ id: ME, roles: [role] }, carrier('uninvolved', '内部'))).toBe(role === '安全保密管理员');
    }
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
    expect(auditName({ number: 'X', title: 'T', classification: '秘密' })).not.toContain('T');
  });
});
