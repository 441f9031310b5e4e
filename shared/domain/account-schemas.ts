import { z } from 'zod';
import { passwordProblem, usernameProblem } from './password-policy';
import { ROLES } from './permissions';
import { roleSetProblem } from './permissions';
import { unitInfoSchema } from './settings-schemas';

// Form schemas for accounts, shared by the forms (instant feedback) and the repositories (final say).

function checkUsernameAndPassword(
  v: { username: string; password: string; passwordConfirm?: string },
  ctx: z.RefinementCtx,
  passwordField = 'password',
) {
  const u = usernameProblem(v.username);
  if (u) ctx.addIssue({ code: 'custom', path: ['username'], message: u });
  const p = passwordProblem(v.username, v.password);
  if (p) ctx.addIssue({ code: 'custom', path: [passwordField], message: p });
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
  .superRefine((v, ctx) => checkUsernameAndPassword(v, ctx));
export type SetupForm = z.infer<typeof setupFormSchema>;

export const loginFormSchema = z.object({
  username: z.string().trim().min(1, '请输入用户名'),
  password: z.string().min(1, '请输入密码'),
});
export type LoginForm = z.infer<typeof loginFormSchema>;

export const newUserFormSchema = z
  .object({
    username: z.string(),
    displayName: z.string().trim().min(1, '请输入姓名').max(20, '姓名不能超过 20 个字'),
    departmentId: z.string().optional(),
    roles: z.array(z.enum(ROLES)),
    password: z.string(),
    passwordConfirm: z.string(),
  })
  .superRefine((v, ctx) => {
    checkUsernameAndPassword(v, ctx);
    const r = roleSetProblem(v.roles);
    if (r) ctx.addIssue({ code: 'custom', path: ['roles'], message: r });
  });
export type NewUserForm = z.infer<typeof newUserFormSchema>;

export const changePasswordFormSchema = z
  .object({
    username: z.string(),
    currentPassword: z.string().min(1, '请输入当前密码'),
    newPassword: z.string(),
    passwordConfirm: z.string(),
  })
  .superRefine((v, ctx) => {
    const p = passwordProblem(v.username, v.newPassword);
    if (p) ctx.addIssue({ code: 'custom', path: ['newPassword'], message: p });
    if (v.newPassword !== v.passwordConfirm) {
      ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: '两次输入的密码不一致' });
    }
  });
export type ChangePasswordForm = z.infer<typeof changePasswordFormSchema>;
