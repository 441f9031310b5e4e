import { z } from 'zod';
import { passwordProblem, usernameProblem } from './password-policy';
import { ROLES, roleSetProblem, type Role } from './permissions';
import { RuleError } from './rule-error';
import { cleanLine, singleLineText } from './text';

// 三员分立 with dual control (DOMAIN.md §9): the 系统管理员 proposes account changes that give or
// restore access; the 安全保密管理员 approves them by signing in. The rules of who may decide what
// live here; renderer/db/repositories/account-requests.ts applies them.

export const ACCOUNT_REQUEST_KINDS = ['新建账户', '重置密码', '修改角色', '启用账户'] as const;
export type AccountRequestKind = (typeof ACCOUNT_REQUEST_KINDS)[number];

export const ACCOUNT_REQUEST_STATES = ['待审批', '已批准', '已驳回', '已撤回'] as const;
export type AccountRequestState = (typeof ACCOUNT_REQUEST_STATES)[number];

/** An account change waiting for (or decided by) the 安全保密管理员. Holds no password, ever. */
export interface AccountRequest {
  id: string;
  kind: AccountRequestKind;
  state: AccountRequestState;
  /** The account concerned; for 新建账户 the id the account will get on approval. */
  userId: string;
  username: string;
  displayName: string;
  departmentId?: string;
  /** 新建账户 and 修改角色: the roles proposed. */
  roles?: Role[];
  /** 修改角色: the roles when the change was proposed (shown beside the proposal). */
  previousRoles?: Role[];
  requestedAt: string;
  requestedById: string;
  requestedByName: string;
  decidedAt?: string;
  decidedById?: string;
  decidedByName?: string;
  /** 驳回 reason (required) or 撤回 note. */
  reason?: string;
}

/**
 * Initial configuration: while no account has ever held 安全保密管理员 (a fresh installation),
 * nobody could approve anything, so the 系统管理员 creates the first 保密员 and 审计员 directly,
 * typing an initial password their owner must change at first sign-in. Nothing else is direct.
 */
export function isBootstrapRoleSet(roles: readonly Role[]): boolean {
  return roles.length === 1 && (roles[0] === '安全保密管理员' || roles[0] === '安全审计员');
}

/** Does the request concern a 保密员 account (the role held now, or proposed)? */
export function concernsSecrecyAdmin(currentRoles: readonly Role[], proposedRoles?: readonly Role[]): boolean {
  return currentRoles.includes('安全保密管理员') || !!proposedRoles?.includes('安全保密管理员');
}

export interface ApproverFacts {
  approver: { id: string; roles: readonly Role[] };
  request: Pick<AccountRequest, 'requestedById' | 'userId'>;
  /** Whether the request concerns a 保密员 account (concernsSecrecyAdmin). */
  concernsSecrecyAdmin: boolean;
  /** Enabled 保密员 accounts other than the target of the request. */
  otherSecrecyAdmins: number;
}

/**
 * Why this approver may not decide this request, or null when they may. Requests are decided by
 * a 安全保密管理员; one concerning a 保密员 account by another 保密员 or, when there is none, by the
 * 安全审计员. Nobody decides their own request or a request about their own account.
 */
export function approverProblem(f: ApproverFacts): string | null {
  if (f.approver.id === f.request.requestedById) return '不能审批本人提交的申请';
  if (f.approver.id === f.request.userId) return '不能审批涉及本人账户的申请';
  if (f.approver.roles.includes('安全保密管理员')) return null;
  if (f.approver.roles.includes('安全审计员')) {
    if (!f.concernsSecrecyAdmin) return '此申请由安全保密管理员审批';
    if (f.otherSecrecyAdmins > 0) return '此申请由其他安全保密管理员审批';
    return null;
  }
  return '只有安全保密管理员可以审批账户申请';
}

/** A 新建账户 request's fields cleaned, or a RuleError beside the field (the PC's rule and the LAN server's). */
export function newAccountFields(input: { username: string; displayName: string; roles: readonly Role[] }): { username: string; displayName: string } {
  const u = usernameProblem(input.username);
  if (u) throw RuleError.at('username', u);
  const displayName = cleanLine(input.displayName);
  if (!displayName) throw RuleError.at('displayName', '请输入姓名');
  if (displayName.length > 20) throw RuleError.at('displayName', '姓名不能超过 20 个字');
  const r = roleSetProblem(input.roles);
  if (r) throw RuleError.at('roles', r);
  return { username: input.username.normalize('NFKC').trim(), displayName };
}

/** A 修改角色 request, or a RuleError beside 角色: a valid set, not one's own, an actual change. */
export function checkRoleChange(actorId: string, target: { id: string; roles: readonly Role[] }, roles: readonly Role[]): void {
  const r = roleSetProblem(roles);
  if (r) throw RuleError.at('roles', r);
  if (target.id === actorId) throw RuleError.at('roles', '不能修改自己的角色');
  if (target.roles.length === roles.length && target.roles.every((x) => roles.includes(x))) throw RuleError.at('roles', '角色没有变化');
}

// No 0/O, 1/l/I: the approver reads it out or writes it down for its owner.
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const DIGITS = '23456789';
const ALPHABET = UPPER + LOWER + DIGITS;

/**
 * A one-time initial password: groups of four from an unambiguous alphabet joined by '-' (at
 * least three groups, 14 characters; more when the policy asks for more), with upper case, lower
 * case, digits and '-' (4 character classes). Drawn with rejection sampling so every character
 * is equally likely. Its owner must replace it at first sign-in.
 */
export function generateOneTimePassword(
  minLength = 12,
  randomBytes: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n)),
): string {
  const groups = Math.max(3, Math.ceil((minLength + 1) / 5));
  const count = groups * 4;
  const limit = 256 - (256 % ALPHABET.length);
  for (;;) {
    const chars: string[] = [];
    while (chars.length < count) {
      for (const b of randomBytes(32)) {
        if (b < limit && chars.length < count) chars.push(ALPHABET[b % ALPHABET.length]!);
      }
    }
    if ([UPPER, LOWER, DIGITS].every((set) => chars.some((c) => set.includes(c)))) {
      const out: string[] = [];
      for (let i = 0; i < count; i += 4) out.push(chars.slice(i, i + 4).join(''));
      return out.join('-');
    }
  }
}

/** 新增用户 when it goes to approval: no password, the approval generates one. */
export const accountRequestFormSchema = z
  .object({
    username: z.string(),
    displayName: singleLineText().min(1, '请输入姓名').max(20, '姓名不能超过 20 个字'),
    departmentId: z.string().optional(),
    roles: z.array(z.enum(ROLES)),
  })
  .superRefine((v, ctx) => {
    const u = usernameProblem(v.username);
    if (u) ctx.addIssue({ code: 'custom', path: ['username'], message: u });
    const r = roleSetProblem(v.roles);
    if (r) ctx.addIssue({ code: 'custom', path: ['roles'], message: r });
  });
export type AccountRequestForm = z.infer<typeof accountRequestFormSchema>;

/**
 * The 新增用户 form: a proposal, or (初始配置, `direct` roles) an account with a typed initial
 * password. One schema for both, so the form keeps one type while the roles decide.
 */
export function newAccountFormSchema(direct: (roles: readonly Role[]) => boolean) {
  return z
    .object({
      username: z.string(),
      displayName: singleLineText().min(1, '请输入姓名').max(20, '姓名不能超过 20 个字'),
      departmentId: z.string().optional(),
      roles: z.array(z.enum(ROLES)),
      password: z.string(),
      passwordConfirm: z.string(),
    })
    .superRefine((v, ctx) => {
      const u = usernameProblem(v.username);
      if (u) ctx.addIssue({ code: 'custom', path: ['username'], message: u });
      const r = roleSetProblem(v.roles);
      if (r) ctx.addIssue({ code: 'custom', path: ['roles'], message: r });
      if (!direct(v.roles)) return;
      const p = passwordProblem(v.username, v.password);
      if (p) ctx.addIssue({ code: 'custom', path: ['password'], message: p });
      if (v.password !== v.passwordConfirm) ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: '两次输入的密码不一致' });
    });
}
export type NewAccountForm = z.infer<ReturnType<typeof newAccountFormSchema>>;

export const rejectFormSchema = z.object({ reason: singleLineText().min(1, '请填写驳回理由').max(200, '驳回理由不能超过 200 字') });
