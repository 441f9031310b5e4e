import { describe, expect, test } from 'vitest';
import { COMMON_PASSWORDS } from '../../../../shared/domain/common-passwords';
import { CLASSIFICATIONS } from '../../../../shared/domain/enums';
import {
  DEFAULT_PASSWORD_POLICY,
  defaultPasswordPolicy,
  isCommonPassword,
  isPolicyChangeReason,
  passwordChangeReason,
  passwordClasses,
  passwordPolicyProblems,
  passwordProblem,
} from '../../../../shared/domain/password-policy';
import { securitySettingsSchema } from '../../../../shared/domain/settings-schemas';

describe('password policy (issue 12, attack E)', () => {
  test.each([
    ['12345678', '密码至少 10 位'],
    ['aaaaaaaa', '密码至少 10 位'],
    ['password', '密码至少 10 位'],
    ['Password1', '密码至少 10 位'],
    // Long enough, but on the list or a listed password with digits/symbols tacked on.
    ['1234567890', '该密码太常见，容易被猜中，请换一个'],
    ['qwertyuiop', '该密码太常见，容易被猜中，请换一个'],
    ['Password#1', '该密码太常见，容易被猜中，请换一个'],
    ['PASSWORD123', '该密码太常见，容易被猜中，请换一个'],
    ['Woaini1314', '该密码太常见，容易被猜中，请换一个'],
    ['Abc@123456', '该密码太常见，容易被猜中，请换一个'],
    ['1qaz2wsx3edc', '该密码太常见，容易被猜中，请换一个'],
    ['Passw0rd#2026', '该密码太常见，容易被猜中，请换一个'],
    // Too few classes.
    ['aaaaaaaaaa', '密码须包含大写字母、小写字母、数字、符号（汉字算作符号）中的至少 3 类'],
    ['lanting2026', '密码须包含大写字母、小写字母、数字、符号（汉字算作符号）中的至少 3 类'],
    // Three classes pass.
    ['Lanting2026', null],
    ['lanting#2026', null],
    ['兰亭集序lanting26', null],
  ])('%s → %s', (password, expected) => {
    expect(passwordProblem('zhangsan', password)).toBe(expected);
  });

  test('the user name: neither the password nor part of it, in any case or width', () => {
    expect(passwordProblem('zhangsan12', 'ZhangSan12')).toBe('密码不能与用户名相同');
    expect(passwordProblem('zhangsan', 'My#ZHANGSAN#26')).toBe('密码不能包含用户名');
    expect(passwordProblem('ｚｈａｎｇｓａｎ', 'xx#ZhangSan#26')).toBe('密码不能包含用户名');
    // A one- or two-character name would forbid too much: only equality counts there.
    expect(passwordProblem('li', 'Lanting#2026li')).toBeNull();
  });

  test('character classes: case by Unicode, 汉字 and the rest count as 符号', () => {
    expect(passwordClasses('abc')).toBe(1);
    expect(passwordClasses('aB1')).toBe(3);
    expect(passwordClasses('aB1#')).toBe(4);
    expect(passwordClasses('ＡＢｃ１')).toBe(3);
    expect(passwordClasses('文枢')).toBe(1);
    expect(passwordClasses('文枢ab12')).toBe(3);
  });

  test('the common list: about 1,000 entries, lower-case, checked in any case', () => {
    expect(COMMON_PASSWORDS.size).toBe(1000);
    for (const p of COMMON_PASSWORDS) expect(p).toBe(p.toLowerCase());
    expect(isCommonPassword('QQ123456')).toBe(true);
    expect(isCommonPassword('5201314')).toBe(true);
    // Only the end is stripped, and a stem must be 4+ characters.
    expect(isCommonPassword('Dragon-tea-2026x')).toBe(false);
    expect(isCommonPassword('abc!!!')).toBe(false);
  });

  test('per-密级 defaults: higher level, longer minimum, shorter change period; never below 10 + 3', () => {
    expect(DEFAULT_PASSWORD_POLICY).toEqual({ level: '内部', minLength: 10, minClasses: 3, expiryDays: 90 });
    expect(defaultPasswordPolicy('非密')).toEqual({ level: '非密', minLength: 10, minClasses: 3, expiryDays: 90 });
    expect(defaultPasswordPolicy('秘密')).toEqual({ level: '秘密', minLength: 10, minClasses: 3, expiryDays: 30 });
    expect(defaultPasswordPolicy('机密')).toEqual({ level: '机密', minLength: 12, minClasses: 3, expiryDays: 7 });
    expect(defaultPasswordPolicy('绝密')).toEqual({ level: '绝密', minLength: 12, minClasses: 4, expiryDays: 7 });
    for (const level of CLASSIFICATIONS) {
      const d = defaultPasswordPolicy(level);
      expect(d.minLength).toBeGreaterThanOrEqual(10);
      expect(d.minClasses).toBeGreaterThanOrEqual(3);
      expect(passwordPolicyProblems(d)).toEqual([]);
    }
    const jimi = defaultPasswordPolicy('机密');
    expect(passwordProblem('zhangsan', 'Lanting2026', jimi)).toBe('密码至少 12 位');
    expect(passwordProblem('zhangsan', 'Lanting#2026', jimi)).toBeNull();
    expect(passwordProblem('zhangsan', 'Lanting20261', defaultPasswordPolicy('绝密'))).toContain('至少 4 类');
  });

  test('the administrator may tighten a level, never loosen it', () => {
    const fields = (p: Parameters<typeof passwordPolicyProblems>[0]) => passwordPolicyProblems(p).map((x) => x.field);
    expect(fields({ level: '内部', minLength: 8, minClasses: 3, expiryDays: 90 })).toEqual(['minLength']);
    expect(passwordPolicyProblems({ level: '内部', minLength: 8, minClasses: 3, expiryDays: 90 })[0]!.message).toBe('内部级不得低于 10 位');
    expect(fields({ level: '内部', minLength: 10, minClasses: 2, expiryDays: 90 })).toEqual(['minClasses']);
    expect(fields({ level: '机密', minLength: 10, minClasses: 3, expiryDays: 7 })).toEqual(['minLength']);
    expect(fields({ level: '秘密', minLength: 10, minClasses: 3, expiryDays: 0 })).toEqual(['expiryDays']);
    expect(fields({ level: '秘密', minLength: 10, minClasses: 3, expiryDays: 60 })).toEqual(['expiryDays']);
    expect(fields({ level: '机密', minLength: 12, minClasses: 3, expiryDays: 30 })).toEqual(['expiryDays']);
    expect(fields({ level: '内部', minLength: 10.5, minClasses: 3, expiryDays: 90 })).toEqual(['minLength']);
    // Stricter is fine; 0 (never) only where the level does not require a change period.
    expect(fields({ level: '内部', minLength: 16, minClasses: 4, expiryDays: 0 })).toEqual([]);
    expect(fields({ level: '秘密', minLength: 14, minClasses: 4, expiryDays: 14 })).toEqual([]);
    // The settings schema places the message beside the field.
    const r = securitySettingsSchema.safeParse({ idleLockMinutes: 10, passwordPolicy: { level: '秘密', minLength: 8, minClasses: 3, expiryDays: 30 } });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ['passwordPolicy', 'minLength'], message: '秘密级不得低于 10 位' });
  });

  test('at sign-in: a password the policy now refuses, or an expired one, must be changed, with the reason', () => {
    const now = new Date('2026-12-01T09:00:00Z');
    const at = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
    const signIn = (password: string, changedDaysAgo: number) => ({ username: 'zhangsan', password, changedAt: at(changedDaysAgo) });
    expect(passwordChangeReason(DEFAULT_PASSWORD_POLICY, signIn('Lanting#2026', 10), now)).toBeNull();
    expect(passwordChangeReason(DEFAULT_PASSWORD_POLICY, signIn('12345678', 0), now)).toBe('密码不符合本单位的密码策略（密码至少 10 位）');
    expect(passwordChangeReason(DEFAULT_PASSWORD_POLICY, signIn('Lanting#2026', 90), now)).toBe('密码已使用超过 90 天，须定期更换');
    expect(passwordChangeReason(DEFAULT_PASSWORD_POLICY, signIn('Lanting#2026', 89), now)).toBeNull();
    expect(passwordChangeReason({ ...DEFAULT_PASSWORD_POLICY, expiryDays: 0 }, signIn('Lanting#2026', 5000), now)).toBeNull();
    // A stricter level applies to passwords set before it.
    expect(passwordChangeReason(defaultPasswordPolicy('机密'), signIn('Lanting2026x', 1), now)).toBeNull();
    expect(passwordChangeReason(defaultPasswordPolicy('机密'), signIn('Lanting2026', 1), now)).toContain('密码至少 12 位');
    expect(isPolicyChangeReason(passwordChangeReason(DEFAULT_PASSWORD_POLICY, signIn('12345678', 0), now) ?? undefined)).toBe(true);
    expect(isPolicyChangeReason(passwordChangeReason(DEFAULT_PASSWORD_POLICY, signIn('Lanting#2026', 90), now) ?? undefined)).toBe(true);
    expect(isPolicyChangeReason('审批后发放的一次性初始密码')).toBe(false);
    expect(isPolicyChangeReason(undefined)).toBe(false);
  });
});
