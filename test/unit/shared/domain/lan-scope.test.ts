import { describe, expect, test } from 'vitest';
import { incomingReachesSeat, lanClassificationRefusal } from '@shared/domain/lan-scope';
import type { Role } from '@shared/domain/permissions';

const person = (id: string, ...roles: Role[]) => ({ id, roles });

describe('办公室局域网: what may exist on the LAN and what reaches a seat', () => {
  test('a LAN capped at 内部 takes 非密 and 内部 and refuses 秘密 and above by name', () => {
    expect(lanClassificationRefusal('非密', '内部')).toBeNull();
    expect(lanClassificationRefusal('内部', '内部')).toBeNull();
    expect(lanClassificationRefusal('秘密', '内部')).toContain('最高密级为“内部”，秘密件不能在局域网登记');
    expect(lanClassificationRefusal('绝密', '机密')).toContain('绝密件');
    expect(lanClassificationRefusal('机密', '机密')).toBeNull();
  });

  test('a 内部 收文 reaches its handlers and the people named; 非密 reaches every reader; administrators get none', () => {
    const internal = { classification: '内部' as const, namedUserIds: ['u-named'] };
    const open = { classification: '非密' as const, namedUserIds: [] };
    expect(incomingReachesSeat(person('u-clerk', '秘书'), internal)).toBe(true);
    expect(incomingReachesSeat(person('u-bmy', '安全保密管理员'), internal)).toBe(true);
    expect(incomingReachesSeat(person('u-named', '工作人员'), internal)).toBe(true);
    expect(incomingReachesSeat(person('u-other', '工作人员'), internal)).toBe(false);
    expect(incomingReachesSeat(person('u-other', '工作人员'), open)).toBe(true);
    for (const admin of ['系统管理员', '安全审计员'] as const) {
      expect(incomingReachesSeat(person('u-named', admin), internal)).toBe(false);
      expect(incomingReachesSeat(person('u-admin', admin), open)).toBe(false);
    }
  });
});
