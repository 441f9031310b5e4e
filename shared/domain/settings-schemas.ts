import { z } from 'zod';
import { classificationSchema } from './enums';
import { passwordPolicyProblems } from './password-policy';
import { ROLES } from './permissions';
import { singleLineText } from './text';

// Shared validation for the settings forms and the repositories that store them: the same rule,
// the same message, on both sides.

export const unitInfoSchema = z.object({
  // Names are cleaned of control, bidi and zero-width characters (shared/domain/text.ts).
  name: singleLineText().min(1, '请输入单位名称').max(60, '单位名称不能超过 60 个字'),
  fondsCode: z
    .string()
    .trim()
    .min(1, '请输入全宗号')
    .max(16, '全宗号不能超过 16 个字符')
    .regex(/^[A-Za-z0-9]+$/, '全宗号只能由字母和数字组成，如 Z109'),
});

/** 密码策略: the floor of the chosen 本机最高密级 is enforced here, field by field. */
export const passwordPolicySchema = z
  .object({
    level: classificationSchema,
    minLength: z.number({ error: '请输入位数' }),
    minClasses: z.number({ error: '请输入类数' }),
    expiryDays: z.number({ error: '请输入天数' }),
  })
  .superRefine((v, ctx) => {
    for (const p of passwordPolicyProblems(v)) ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
  });

export const securitySettingsSchema = z.object({
  idleLockMinutes: z
    .number({ error: '请输入分钟数' })
    .int('请输入整数')
    .min(1, '至少 1 分钟')
    .max(120, '不能超过 120 分钟'),
  passwordPolicy: passwordPolicySchema,
});

export const departmentSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, '请输入机构代码')
    .max(10, '机构代码不能超过 10 个字符')
    .regex(/^[A-Z0-9]+$/, '机构代码用大写字母或数字，如 BGS'),
  name: singleLineText().min(1, '请输入机构名称').max(40, '机构名称不能超过 40 个字'),
});

export const roleSchema = z.enum(ROLES);
