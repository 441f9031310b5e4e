// Password rules shared by the setup page, user management and the repository that stores hashes.
// One policy per installation, picked by its highest 密级 (设置 → 安全设置): the same function
// checks a new password in the form, in the repository and, at sign-in, the password typed.

import { COMMON_PASSWORDS } from './common-passwords';
import { CLASSIFICATIONS, type Classification } from './enums';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_SECONDS = 60;
export const MAX_PASSWORD_LENGTH = 128;
/** A new password may be none of the last this-many passwords (the current one included). */
export const PASSWORD_HISTORY_SIZE = 5;
export const PASSWORD_REUSE_MESSAGE = `不能使用最近 ${PASSWORD_HISTORY_SIZE} 次用过的密码`;

export interface PasswordPolicy {
  /** 本机最高密级: the highest level of anything kept on this installation; picks the floor. */
  level: Classification;
  minLength: number;
  /** Of 小写字母, 大写字母, 数字, 符号 (汉字 count as 符号). */
  minClasses: number;
  /** A password older than this must be changed at sign-in; 0 = never expires. */
  expiryDays: number;
}

interface LevelRule {
  minLength: number;
  minClasses: number;
  /** The default change period. */
  expiryDays: number;
  /** The longest change period the administrator may set; null: any, 0 (never) included. */
  maxExpiryDays: number | null;
}

// The floor of every level is 10 characters and 3 classes (issue 12). Above it, BMB17's 分级保护
// rules for passwords: 秘密 at least 8 characters changed at least monthly, 机密 at least 10
// changed at least weekly, 绝密 needs more than a password (token, biometrics) — here the
// password part is at least as strict as 机密. We keep 机密 two characters above 秘密 as the
// standard does. 非密/内部 follow common 等级保护 practice: change every 90 days, or never if the
// administrator so decides.
const LEVEL_RULES: Record<Classification, LevelRule> = {
  非密: { minLength: 10, minClasses: 3, expiryDays: 90, maxExpiryDays: null },
  内部: { minLength: 10, minClasses: 3, expiryDays: 90, maxExpiryDays: null },
  秘密: { minLength: 10, minClasses: 3, expiryDays: 30, maxExpiryDays: 30 },
  机密: { minLength: 12, minClasses: 3, expiryDays: 7, maxExpiryDays: 7 },
  绝密: { minLength: 12, minClasses: 4, expiryDays: 7, maxExpiryDays: 7 },
};

/** Longest accepted change period where the level sets no maximum. */
export const MAX_EXPIRY_DAYS = 365;

/** The default 本机最高密级 of an installation nobody has configured. */
export const DEFAULT_POLICY_LEVEL: Classification = '内部';

/** The policy a level starts with (and the weakest it may be set to). */
export function defaultPasswordPolicy(level: Classification): PasswordPolicy {
  const r = LEVEL_RULES[level];
  return { level, minLength: r.minLength, minClasses: r.minClasses, expiryDays: r.expiryDays };
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = defaultPasswordPolicy(DEFAULT_POLICY_LEVEL);

/** Where the administrator may go for a level: what the settings form offers. */
export function passwordPolicyBounds(level: Classification): {
  minLength: [number, number];
  minClasses: [number, number];
  expiryDays: [number, number];
  neverExpires: boolean;
} {
  const r = LEVEL_RULES[level];
  const maxExpiry = r.maxExpiryDays ?? MAX_EXPIRY_DAYS;
  return {
    minLength: [r.minLength, 64],
    minClasses: [r.minClasses, 4],
    expiryDays: [r.maxExpiryDays === null ? 0 : 1, maxExpiry],
    neverExpires: r.maxExpiryDays === null,
  };
}

/** What is wrong with a policy the administrator typed, per field; empty when it may be saved. */
export function passwordPolicyProblems(p: PasswordPolicy): { field: keyof PasswordPolicy; message: string }[] {
  if (!CLASSIFICATIONS.includes(p.level)) return [{ field: 'level', message: '请选择密级' }];
  const b = passwordPolicyBounds(p.level);
  const out: { field: keyof PasswordPolicy; message: string }[] = [];
  const int = (field: 'minLength' | 'minClasses' | 'expiryDays', [lo, hi]: [number, number], what: string) => {
    const v = p[field];
    if (!Number.isInteger(v)) out.push({ field, message: '请输入整数' });
    else if (v < lo) out.push({ field, message: `${p.level}级不得低于 ${lo}${what}` });
    else if (v > hi) out.push({ field, message: `不能超过 ${hi}${what}` });
  };
  int('minLength', b.minLength, ' 位');
  int('minClasses', b.minClasses, ' 类');
  if (b.neverExpires) int('expiryDays', b.expiryDays, ' 天');
  else if (!Number.isInteger(p.expiryDays)) out.push({ field: 'expiryDays', message: '请输入整数' });
  else if (p.expiryDays < 1 || p.expiryDays > b.expiryDays[1]) {
    out.push({ field: 'expiryDays', message: `${p.level}级须定期更换密码，期限为 1–${b.expiryDays[1]} 天` });
  }
  return out;
}

/**
 * The character classes a password uses. Letters with case count by case (full-width Ａ too);
 * 汉字 and every other character without case count as 符号: typed through the IME they lie
 * outside every alphabet a cracker tries first, so they add as much as a symbol does.
 */
export function passwordClasses(password: string): number {
  let lower = false;
  let upper = false;
  let digit = false;
  let other = false;
  for (const ch of password) {
    if (/\p{Ll}/u.test(ch)) lower = true;
    else if (/\p{Lu}/u.test(ch)) upper = true;
    else if (/\p{Nd}/u.test(ch)) digit = true;
    else other = true;
  }
  return [lower, upper, digit, other].filter(Boolean).length;
}

/**
 * On the list of the most common passwords, in any case, or such a password with digits or
 * symbols tacked on the end ('Password#1', 'qwerty2026!'): the first thing a cracker tries.
 * Only the end is stripped, and only a stem of 4+ characters counts, so a long password that
 * merely contains a common word ('Dragon-tea-2026x') stays allowed.
 */
export function isCommonPassword(password: string): boolean {
  const p = password.normalize('NFKC').toLowerCase();
  if (COMMON_PASSWORDS.has(p)) return true;
  const stem = p.replace(/[^\p{L}]+$/u, '');
  return stem.length >= 4 && stem !== p && COMMON_PASSWORDS.has(stem);
}

/** The first thing wrong with a new password under `policy`, in words for the form; null if none. */
export function passwordProblem(username: string, password: string, policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY): string | null {
  // Counted in characters as seen (a 汉字 or an emoji is one), not UTF-16 units.
  const length = [...password].length;
  if (length < policy.minLength) return `密码至少 ${policy.minLength} 位`;
  if (length > MAX_PASSWORD_LENGTH) return `密码不能超过 ${MAX_PASSWORD_LENGTH} 位`;
  const name = usernameKey(username);
  const typed = password.normalize('NFKC').trim().toLowerCase();
  if (name && typed === name) return '密码不能与用户名相同';
  // Short names (1–2 characters) would forbid too much: only equality is checked for them.
  if (name.length >= 3 && typed.includes(name)) return '密码不能包含用户名';
  if (isCommonPassword(password)) return '该密码太常见，容易被猜中，请换一个';
  if (passwordClasses(password) < policy.minClasses) {
    return `密码须包含大写字母、小写字母、数字、符号（汉字算作符号）中的至少 ${policy.minClasses} 类`;
  }
  return null;
}

/** The rule in one line, under a new-password field. */
export function passwordPolicyHint(policy: PasswordPolicy): string {
  return `至少 ${policy.minLength} 位，含大写字母、小写字母、数字、符号中的至少 ${policy.minClasses} 类，不能含用户名，不能是常见密码`;
}

/**
 * Why a user who has just signed in must change the password before anything is shown: the
 * typed password breaks today's policy (accounts from before it, or a policy made stricter),
 * or it is older than the change period. null when it may stay.
 */
export function passwordChangeReason(
  policy: PasswordPolicy,
  signIn: { username: string; password: string; /** ISO time the password was set */ changedAt: string },
  now: Date,
): string | null {
  const problem = passwordProblem(signIn.username, signIn.password, policy);
  if (problem) return `${WEAK_REASON}（${problem}）`;
  if (policy.expiryDays > 0) {
    const ageMs = now.getTime() - new Date(signIn.changedAt).getTime();
    if (ageMs >= policy.expiryDays * 86_400_000) return `${EXPIRED_REASON} ${policy.expiryDays} 天，须定期更换`;
  }
  return null;
}

const WEAK_REASON = '密码不符合本单位的密码策略';
const EXPIRED_REASON = '密码已使用超过';

/** A reason from passwordChangeReason (not a reset or a one-time password): the screen says "请修改密码". */
export function isPolicyChangeReason(reason: string | undefined): boolean {
  return !!reason && (reason.startsWith(WEAK_REASON) || reason.startsWith(EXPIRED_REASON));
}

/** User names are compared case-insensitively and without surrounding spaces. */
export function usernameKey(username: string): string {
  // NFKC: a name typed with the IME in full-width mode (ａｄｍｉｎ) is the same name.
  return username.normalize('NFKC').trim().toLowerCase();
}

export function usernameProblem(username: string): string | null {
  const u = username.trim();
  if (!u) return '请输入用户名';
  if (u.length > 32) return '用户名不能超过 32 个字符';
  if (!/^[\p{L}\p{N}_.-]+$/u.test(u)) return '用户名只能包含汉字、字母、数字、下划线、点和连字符';
  return null;
}
