import { describe, expect, test } from 'vitest';
import { ADMIN_ROLES, can, PermissionError, requirePermission, ROLES, roleSetProblem, type Role } from '../../../../shared/domain/permissions';
import { passwordProblem, usernameProblem } from '../../../../shared/domain/password-policy';

describe('roles (三员分立)', () => {
  test('no two of the three admin roles may share an account, in any combination', () => {
    for (const a of ADMIN_ROLES)
      for (const b of ADMIN_ROLES) {
        if (a === b) continue;
        expect(roleSetProblem([a, b])).toContain('三员分立');
        expect(roleSetProblem([a, b, '秘书'])).toContain('三员分立');
      }
    // The 保密员 may also be a secretary; the 系统管理员 and 安全审计员 hold no other role at all.
    expect(roleSetProblem(['安全保密管理员', '秘书', '工作人员'])).toBeNull();
    expect(roleSetProblem(['系统管理员', '秘书'])).toBe('三员分立：系统管理员不能兼任其他角色');
    expect(roleSetProblem(['安全审计员', '工作人员'])).toBe('三员分立：安全审计员不能兼任其他角色');
    expect(roleSetProblem(['系统管理员'])).toBeNull();
    expect(roleSetProblem([])).toBe('至少选择一个角色');
    expect(roleSetProblem(['超级用户' as Role])).toContain('未知角色');
  });

  test('the 系统管理员 manages accounts but cannot read records or the audit log', () => {
    const sys = { roles: ['系统管理员'] as Role[] };
    expect(can(sys, 'users.manage')).toBe(true);
    expect(can(sys, 'records.read')).toBe(false);
    expect(can(sys, 'classified.manage')).toBe(false);
    expect(can(sys, 'audit.read')).toBe(false);
  });

  test('the 安全审计员 reads the audit log and nothing else', () => {
    const auditor = { roles: ['安全审计员'] as Role[] };
    expect(can(auditor, 'audit.read')).toBe(true);
    for (const p of ['users.manage', 'settings.manage', 'records.read', 'incoming.process', 'classified.manage'] as const) {
      expect(can(auditor, p)).toBe(false);
    }
  });

  test('only the 保密员 approves classified copies and destruction', () => {
    for (const r of ROLES) expect(can({ roles: [r] }, 'classified.approve')).toBe(r === '安全保密管理员');
  });

  test('a disabled or missing user can do nothing', () => {
    expect(can({ roles: ['系统管理员'], disabled: true }, 'users.manage')).toBe(false);
    expect(can(null, 'records.read')).toBe(false);
    expect(() => requirePermission({ roles: ['工作人员'] }, 'users.manage')).toThrow(PermissionError);
    expect(() => requirePermission({ roles: ['工作人员'] }, 'users.manage')).toThrow('没有权限');
  });
});

describe('password and user name rules', () => {
  test.each([
    ['zhang', '1234567', '密码至少 10 位'],
    ['zhangsan12', 'ZhangSan12', '密码不能与用户名相同'],
    ['zhang', 'x'.repeat(129), '密码不能超过 128 位'],
    ['zhang', 'Good#pass2026', null],
  ])('%s / %s → %s', (u, p, expected) => {
    expect(passwordProblem(u, p)).toBe(expected);
  });

  test('user names', () => {
    expect(usernameProblem('')).toBe('请输入用户名');
    expect(usernameProblem('张三')).toBeNull();
    expect(usernameProblem('zhang.san-1')).toBeNull();
    expect(usernameProblem('a b')).toContain('只能包含');
    expect(usernameProblem('x'.repeat(33))).toContain('32');
  });
});
