import type { ZodError } from 'zod';
import { RuleError } from './rule-error';

/** The first zod issue as a RuleError the UI can place beside its field. */
export function firstZodProblem(error: ZodError): RuleError {
  const issue = error.issues[0];
  return RuleError.at(String(issue?.path[0] ?? ''), issue?.message ?? '输入有误');
}
