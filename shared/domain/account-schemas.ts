import { z } from 'zod';
import { DEFAULT_PASSWORD_POLICY, passwordProblem, usernameProblem, type PasswordPolicy } from './password-policy';
import { unitInfoSchema } from './settings-schemas';

// Form schemas for accounts, shared by the forms (instant feedback) and the repositories (final say).

// Each form checks against the installation's policy: the *For(policy) builders; the plain
// schemas use the default policy (the setup page, before any policy is stored).

function checkUsernameAndPassword(
  v: { username: string; password: string; passwordConfirm?: string },
  ctx: z.RefinementCtx,
  policy: PasswordPolicy,
) {
  const u = usernameProblem(v.username);
  if (u) ctx.addIssue({ code: 'custom', path: ['username'], message: u });
  const p = passwordProblem(v.username, v.password, policy);
  if (p) ctx.addIssue({ code: 'custom', path: ['password'], message: p });
  if (v.passwordConfirm !== undefined && v.password !== v.passwordConfirm) {
    ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: '两次输入的密码不一致' });
  }
}

export const setupFormSchema = z
  .object({
    unitName: unitInfoSchema.shape.name,
    fondsCode: unitInfoSchema.shape.fondsCode,
    username: z.string(),
    password: z.string(),
    passwordConfirm: z.string(),
  })
  .superRefine((v, ctx) => checkUsernameAndPassword(v, ctx, DEFAULT_PASSWORD_POLICY));
export type SetupForm = z.infer<typeof setupFormSchema>;

export const loginFormSchema = z.object({
  username: z.string().trim().min(1, '请输入用户名'),
  password: z.string().min(1, '请输入密码'),
});
export type LoginForm = z.infer<typeof loginFormSchema>;

export const changePasswordFormSchemaFor = (policy: PasswordPolicy) =>
  z
  .object({
    username: z.string(),
    currentPassword: z.string().min(1, '请输入当前密码'),
    newPassword: z.string(),
    passwordConfirm: z.string(),
  })
  .superRefine((v, ctx) => {
    const p = passwordProblem(v.username, v.newPassword, policy);
    if (p) ctx.addIssue({ code: 'custom', path: ['newPassword'], message: p });
    if (v.newPassword !== v.passwordConfirm) {
      ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: '两次输入的密码不一致' });
    }
  });
export const changePasswordFormSchema = changePasswordFormSchemaFor(DEFAULT_PASSWORD_POLICY);
export type ChangePasswordForm = z.infer<typeof changePasswordFormSchema>;
