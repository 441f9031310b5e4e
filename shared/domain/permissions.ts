// Roles and what each may do (DOMAIN.md §9, 三员分立). The UI hides what a role cannot do, and the
// repositories call `requirePermission` again, so a crafted call from the console is refused too.

export const ROLES = ['系统管理员', '安全保密管理员', '安全审计员', '秘书', '工作人员'] as const;
export type Role = (typeof ROLES)[number];

/** The three administrator roles of 三员分立: no account may hold two of them. */
export const ADMIN_ROLES: readonly Role[] = ['系统管理员', '安全保密管理员', '安全审计员'];

/** Roles that must be an account's only role. */
export const SOLE_ROLES: readonly Role[] = ['系统管理员', '安全审计员'];

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  系统管理员: '管理账户和系统设置，不能查看涉密内容，不能修改审计日志',
  安全保密管理员: '保密员：管理涉密载体台账、知悉范围，审批复制和销毁',
  安全审计员: '查阅和校验审计日志，不做其他操作',
  秘书: '登记和办理公文、会议纪要',
  工作人员: '查阅有权查看的内容，打印已归档报表',
};

export const PERMISSIONS = [
  'users.manage', // 用户管理
  'accounts.approve', // 账户审批（三员分立：系统管理员提出，保密员批准）
  'settings.manage', // 单位信息、节假日、安全设置
  'audit.read', // 审计日志
  'records.read', // 查阅登记簿
  'incoming.process', // 收文登记与办理
  'outgoing.process', // 发文办理（拟稿至核发、文号台账）
  'classified.manage', // 涉密载体台账
  'classified.approve', // 审批复制、销毁
  'meetings.manage', // 会议与纪要
  'minutes.issue', // 签发纪要
  'supervision.manage', // 督办
  'filing.manage', // 归档
  'reports.print', // 打印已归档报表
  'flow.view', // 运转时效分析
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  系统管理员: ['users.manage', 'settings.manage'],
  安全保密管理员: ['records.read', 'classified.manage', 'classified.approve', 'reports.print', 'accounts.approve'],
  // accounts.approve: only requests about a 保密员 account when no other 保密员 exists (account-approval.ts).
  安全审计员: ['audit.read', 'accounts.approve'],
  秘书: [
    'records.read',
    'incoming.process',
    'outgoing.process',
    'meetings.manage',
    'minutes.issue',
    'supervision.manage',
    'filing.manage',
    'reports.print',
    'flow.view',
  ],
  // flow.view: 办公室主任 and the leaders hold 工作人员 accounts (there is no leader role); the
  // figures are the office's own, and the titles listed follow need to know.
  工作人员: ['records.read', 'reports.print', 'flow.view'],
};

export interface RoleHolder {
  roles: readonly Role[];
  disabled?: boolean;
}

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const r of roles) for (const p of GRANTS[r]) out.add(p);
  return out;
}

export function can(user: RoleHolder | null | undefined, permission: Permission): boolean {
  if (!user || user.disabled) return false;
  return user.roles.some((r) => GRANTS[r].includes(permission));
}

export class PermissionError extends Error {
  constructor(public readonly permission: Permission) {
    super(`没有权限执行此操作（需要：${PERMISSION_LABELS[permission]}）`);
    this.name = 'PermissionError';
  }
}

export const PERMISSION_LABELS: Record<Permission, string> = {
  'users.manage': '用户管理',
  'accounts.approve': '账户审批',
  'settings.manage': '系统设置',
  'audit.read': '查阅审计日志',
  'records.read': '查阅登记簿',
  'incoming.process': '收文办理',
  'outgoing.process': '发文办理',
  'classified.manage': '涉密载体管理',
  'classified.approve': '涉密审批',
  'meetings.manage': '会议管理',
  'minutes.issue': '签发纪要',
  'supervision.manage': '督办管理',
  'filing.manage': '归档',
  'reports.print': '打印报表',
  'flow.view': '运转时效分析',
};

export function requirePermission(user: RoleHolder | null | undefined, permission: Permission): void {
  if (!can(user, permission)) throw new PermissionError(permission);
}

/** Why a set of roles may not be given to one account, or null when it may. */
export function roleSetProblem(roles: readonly Role[]): string | null {
  if (roles.length === 0) return '至少选择一个角色';
  const unknown = roles.find((r) => !ROLES.includes(r));
  if (unknown) return `未知角色：${unknown}`;
  const admins = roles.filter((r) => ADMIN_ROLES.includes(r));
  if (admins.length > 1) return `三员分立：${admins.join('、')}不能由同一账户兼任`;
  // The 系统管理员 must not read records and the 安全审计员 does nothing but audit (DOMAIN.md §9):
  // neither role may be combined with any other.
  const sole = roles.find((r) => SOLE_ROLES.includes(r));
  if (sole && roles.length > 1) return `三员分立：${sole}不能兼任其他角色`;
  return null;
}
