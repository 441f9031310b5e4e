import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { RuleError } from '@shared/domain/rule-error';

/**
 * Puts a repository's RuleError beside its field (mapping repository names to form names where
 * they differ); anything else is returned for a form-level message.
 */
export function applyError<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly string[],
  rename: Record<string, string> = {},
): string | null {
  if (error instanceof RuleError && error.field) {
    const field = rename[error.field] ?? error.field;
    if (fields.includes(field)) {
      setError(field as Path<T>, { type: 'server', message: error.message }, { shouldFocus: true });
      return null;
    }
  }
  return error instanceof Error ? error.message : String(error);
}
