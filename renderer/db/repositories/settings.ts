import { authorize } from '../authorize';
import { unitInfoSchema, securitySettingsSchema, departmentSchema } from '@shared/domain/settings-schemas';
import type { PasswordPolicy } from '@shared/domain/password-policy';
import type { WenshuDB } from '../database';
import { newId } from '../ids';
import { DEFAULT_SECURITY_SETTINGS, type Actor, type DepartmentRecord, type SecuritySettings, type UnitInfo } from '../types';
import { writeWithAudit } from '../write';
import { firstZodProblem } from './zod-problem';
import { RuleError } from '@shared/domain/rule-error';

export const UNIT_INFO_KEY = 'unitInfo';
export const SECURITY_SETTINGS_KEY = 'security';

export async function getUnitInfo(db: WenshuDB): Promise<UnitInfo | null> {
  return ((await db.settings.get(UNIT_INFO_KEY))?.value as UnitInfo | undefined) ?? null;
}

export async function saveUnitInfo(db: WenshuDB, actor: Actor, input: UnitInfo): Promise<UnitInfo> {
  actor = await authorize(db, actor, 'settings.manage');
  const parsed = unitInfoSchema.safeParse(input);
  if (!parsed.success) throw firstZodProblem(parsed.error);
  const value = parsed.data;
  await writeWithAudit(db, actor, [db.settings], async (audit) => {
    const before = await getUnitInfo(db);
    await db.settings.put({ key: UNIT_INFO_KEY, value });
    audit({
      action: '修改单位信息',
      entityType: '设置',
      entityId: UNIT_INFO_KEY,
      summary: `单位名称：${value.name}；全宗号：${value.fondsCode}`,
      details: { before, after: value },
    });
  });
  return value;
}

export async function getSecuritySettings(db: WenshuDB): Promise<SecuritySettings> {
  const stored = (await db.settings.get(SECURITY_SETTINGS_KEY))?.value as Partial<SecuritySettings> | undefined;
  return { ...DEFAULT_SECURITY_SETTINGS, ...stored };
}

/** The password policy every new password and every sign-in is checked against. */
export async function getPasswordPolicy(db: WenshuDB): Promise<PasswordPolicy> {
  return (await getSecuritySettings(db)).passwordPolicy;
}

export async function saveSecuritySettings(db: WenshuDB, actor: Actor, input: SecuritySettings): Promise<void> {
  actor = await authorize(db, actor, 'settings.manage');
  const parsed = securitySettingsSchema.safeParse(input);
  if (!parsed.success) {
    // Policy fields are nested: name them as the form does ('passwordPolicy.minLength').
    const issue = parsed.error.issues[0];
    throw RuleError.at(issue ? issue.path.join('.') : '', issue?.message ?? '输入有误');
  }
  const p = parsed.data.passwordPolicy;
  await writeWithAudit(db, actor, [db.settings], async (audit) => {
    const before = await getSecuritySettings(db);
    await db.settings.put({ key: SECURITY_SETTINGS_KEY, value: parsed.data });
    audit({
      action: '修改安全设置',
      entityType: '设置',
      entityId: SECURITY_SETTINGS_KEY,
      summary:
        `空闲锁定：${parsed.data.idleLockMinutes} 分钟；密码策略（本机最高密级 ${p.level}）：至少 ${p.minLength} 位、` +
        `${p.minClasses} 类字符，${p.expiryDays ? `${p.expiryDays} 天更换` : '不过期'}`,
      details: { before, after: parsed.data },
    });
  });
}

export async function listDepartments(db: WenshuDB): Promise<DepartmentRecord[]> {
  return (await db.departments.toArray()).sort((a, b) => a.code.localeCompare(b.code));
}

/** Creates or renames a 机构/部门. Codes are unique; departments are disabled, never deleted. */
export async function saveDepartment(
  db: WenshuDB,
  actor: Actor,
  input: { id?: string; code: string; name: string; disabled?: boolean },
): Promise<DepartmentRecord> {
  actor = await authorize(db, actor, 'settings.manage');
  const parsed = departmentSchema.safeParse(input);
  if (!parsed.success) throw firstZodProblem(parsed.error);
  const { code, name } = parsed.data;
  return writeWithAudit(db, actor, [db.departments], async (audit) => {
    const clash = await db.departments.where('code').equals(code).first();
    if (clash && clash.id !== input.id) throw RuleError.at('code', `机构代码 ${code} 已被“${clash.name}”使用`);
    const existing = input.id ? await db.departments.get(input.id) : undefined;
    if (input.id && !existing) throw RuleError.at('code', '该机构不存在');
    const record: DepartmentRecord = {
      id: existing?.id ?? newId(),
      code,
      name,
      disabled: input.disabled ?? existing?.disabled ?? false,
    };
    await db.departments.put(record);
    audit({
      action: existing ? '修改机构' : '新增机构',
      entityType: '机构',
      entityId: record.id,
      summary: `${record.code} ${record.name}${record.disabled ? '（已停用）' : ''}`,
      ...(existing ? { details: { before: existing } } : {}),
    });
    return record;
  });
}
