// Password rules shared by the setup page, user management and the repository that stores hashes.

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_SECONDS = 60;

export function passwordProblem(username: string, password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `密码至少 ${MIN_PASSWORD_LENGTH} 位`;
  if (password.length > 128) return '密码不能超过 128 位';
  if (password.normalize('NFKC').trim().toLowerCase() === usernameKey(username)) return '密码不能与用户名相同';
  return null;
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
