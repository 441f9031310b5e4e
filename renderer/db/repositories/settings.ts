import { z } from 'zod';
import { authorize } from '../authorize';
import { unitInfoSchema, securitySettingsSchema, departmentSchema, GENERIC_SETTING_KEYS, SETTINGS, type SettingDescriptor, type SettingKey, type SettingValue } from '@shared/domain/settings-schemas';
import { requirePermission } from '@shared/domain/permissions';
import type { PasswordPolicy } from '@shared/domain/password-policy';
import type { WenshuDB } from '../database';
import { newId } from '../ids';
import { type Actor, type DepartmentRecord, type SecuritySettings, type UnitInfo } from '../types';
import { defineCommand } from '../commands/define';
import { runCommand } from '../commands/execute';
import { firstZodProblem } from '@shared/domain/zod-problem';
import { RuleError } from '@shared/domain/rule-error';

export const UNIT_INFO_KEY = 'unitInfo';
export const SECURITY_SETTINGS_KEY = 'security';

export async function getUnitInfo(db: WenshuDB): Promise<UnitInfo | null> {
  return getSetting(db, 'unitInfo');
}

export const saveUnitInfoCommand = defineCommand({
  name: 'settings.unit.save',
  input: unitInfoSchema,
  permission: 'settings.manage',
  tables: ['settings'],
  run: async ({ db, put, audit }, value): Promise<UnitInfo> => {
    const before = await getUnitInfo(db);
    await put('settings', { key: UNIT_INFO_KEY, value });
    audit({
      action: '修改单位信息',
      entityType: '设置',
      entityId: UNIT_INFO_KEY,
      summary: `单位名称：${value.name}；全宗号：${value.fondsCode}`,
      details: { before, after: value },
    });
    return value;
  },
});

export async function saveUnitInfo(db: WenshuDB, actor: Actor, input: UnitInfo): Promise<UnitInfo> {
  return runCommand(db, actor, saveUnitInfoCommand, input);
}

export async function getSecuritySettings(db: WenshuDB): Promise<SecuritySettings> {
  return getSetting(db, 'security');
}

/** The password policy every new password and every sign-in is checked against. */
export async function getPasswordPolicy(db: WenshuDB): Promise<PasswordPolicy> {
  return (await getSecuritySettings(db)).passwordPolicy;
}

export const saveSecuritySettingsCommand = defineCommand({
  name: 'settings.security.save',
  input: securitySettingsSchema,
  permission: 'settings.manage',
  tables: ['settings'],
  run: async ({ db, put, audit }, value) => {
    const p = value.passwordPolicy;
    const parsed = { data: value };
    const before = await getSecuritySettings(db);
    await put('settings', { key: SECURITY_SETTINGS_KEY, value });
    audit({
      action: '修改安全设置',
      entityType: '设置',
      entityId: SECURITY_SETTINGS_KEY,
      summary:
        `空闲锁定：${parsed.data.idleLockMinutes} 分钟；密码策略（本机最高密级 ${p.level}）：至少 ${p.minLength} 位、` +
        `${p.minClasses} 类字符，${p.expiryDays ? `${p.expiryDays} 天更换` : '不过期'}`,
      details: { before, after: parsed.data },
    });
  },
});

export async function saveSecuritySettings(db: WenshuDB, actor: Actor, input: SecuritySettings): Promise<void> {
  actor = await authorize(db, actor, 'settings.manage');
  const parsed = securitySettingsSchema.safeParse(input);
  if (!parsed.success) {
    // Policy fields are nested: name them as the form does ('passwordPolicy.minLength').
    const issue = parsed.error.issues[0];
    throw RuleError.at(issue ? issue.path.join('.') : '', issue?.message ?? '输入有误');
  }
  await runCommand(db, actor, saveSecuritySettingsCommand, parsed.data);
}

export async function listDepartments(db: WenshuDB): Promise<DepartmentRecord[]> {
  return (await db.departments.toArray()).sort((a, b) => a.code.localeCompare(b.code));
}

/** Creates or renames a 机构/部门. Codes are unique; departments are disabled, never deleted. */
export const saveDepartmentCommand = defineCommand({
  name: 'settings.department.save',
  input: departmentSchema.extend({ id: z.string().optional(), disabled: z.boolean().optional() }),
  permission: 'settings.manage',
  tables: ['departments'],
  run: async ({ db, put, audit }, input): Promise<DepartmentRecord> => {
    const { code, name } = input;
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
    await put('departments', record);
    audit({
      action: existing ? '修改机构' : '新增机构',
      entityType: '机构',
      entityId: record.id,
      summary: `${record.code} ${record.name}${record.disabled ? '（已停用）' : ''}`,
      ...(existing ? { details: { before: existing } } : {}),
    });
    return record;
  },
});

export async function saveDepartment(
  db: WenshuDB,
  actor: Actor,
  input: { id?: string; code: string; name: string; disabled?: boolean },
  now = new Date(),
): Promise<DepartmentRecord> {
  return runCommand(db, actor, saveDepartmentCommand, input, now);
}

// --- typed settings -----------------------------------------------------------------------------

/** A setting, typed by its key: the stored value over its default (shared/domain/settings-schemas). */
export async function getSetting<K extends SettingKey>(db: WenshuDB, key: K): Promise<SettingValue<K>> {
  const d = SETTINGS[key];
  const stored: unknown = (await db.settings.get(key))?.value;
  // An object is merged over its default (a field added later gets its default); a list is itself.
  const merged = Array.isArray(stored) ? stored : stored && typeof stored === 'object' ? { ...d.default, ...stored } : d.default;
  const parsed = d.schema.safeParse(merged);
  // A stored value an older version wrote and today's schema refuses falls back to the default.
  return (parsed.success ? parsed.data : d.default) as SettingValue<K>;
}

/** Saves one setting: its owner's permission, its schema (errors name the field), its audit entry. */
export const saveSettingCommand = defineCommand({
  name: 'settings.save',
  input: z.object({ key: z.enum(Object.keys(SETTINGS) as [SettingKey, ...SettingKey[]]), value: z.unknown() }),
  permission: null,
  tables: ['settings'],
  prepare: async (_db, actor, { key, value }) => {
    const d = SETTINGS[key] as SettingDescriptor<unknown>;
    // System rows (encryption at rest) and settings with a command of their own are refused here.
    if (d.owner === 'system' || !d.audit || !GENERIC_SETTING_KEYS.includes(key)) throw new RuleError(d.savedBy ? `该设置须通过 ${d.savedBy} 保存` : '该设置由系统维护');
    requirePermission(actor, d.owner);
    const parsed = d.schema.safeParse(value);
    if (!parsed.success) throw firstZodProblem(parsed.error);
    return parsed.data;
  },
  run: async ({ put, audit }, { key }, value) => {
    await put('settings', { key, value });
    const { action, summary } = (SETTINGS[key] as SettingDescriptor<unknown>).audit!(value);
    audit({ action, entityType: '设置', entityId: key, summary });
  },
});
