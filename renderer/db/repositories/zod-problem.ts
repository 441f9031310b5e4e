import type { ZodError } from 'zod';
import { FieldError } from '../errors';

/** The first zod issue as a FieldError the UI can place beside its field. */
export function firstZodProblem(error: ZodError): FieldError {
  const issue = error.issues[0];
  return new FieldError(String(issue?.path[0] ?? ''), issue?.message ?? '输入有误');
}
