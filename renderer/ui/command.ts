import type { FormInstance } from 'antd';
import { createElement, useCallback, useRef, useState } from 'react';
import { RuleError } from '@shared/domain/rule-error';
import { errorText } from './error-text';

// The one place the UI turns a failed command into what the user sees: a RuleError naming a field
// the form shows lands beside that field; everything else (a permission refusal, a RuleError about
// the whole record, an unexpected failure) becomes the form-level alert.

/** A field name as the form spells it: `'title'`, or a path into a list `['items', 0, 'content']`. */
export type FieldName = string | number | (string | number)[];

/**
 * Repository field names → this form's names, where they differ (`{ borrower: 'borrowerId' }`); or
 * a function for errors whose place depends on the message (a row of a list), undefined = as named.
 */
export type FieldRename = Record<string, FieldName> | ((error: RuleError & { field: string }) => FieldName | undefined);

const key = (name: FieldName): string => JSON.stringify(Array.isArray(name) ? name : [name]);

/** A RuleError's field in the form's spelling: the rename, else a dotted path `items.0.content`. */
function formName(error: RuleError & { field: string }, rename: FieldRename): FieldName {
  const { field } = error;
  const renamed = typeof rename === 'function' ? rename(error) : rename[field];
  if (renamed !== undefined) return renamed;
  return field.includes('.') ? field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) : field;
}

/**
 * Shows `error` beside its field when it is a RuleError about a field `form` has, and returns null;
 * otherwise returns the text for the form-level alert.
 */
export function placeError(error: unknown, form: FormInstance | undefined, rename: FieldRename = {}): string | null {
  if (form && error instanceof RuleError && error.field) {
    const name = formName(error as RuleError & { field: string }, rename);
    // getFieldsError() lists exactly the fields mounted in the form now.
    const present = form.getFieldsError().some((f) => key(f.name) === key(name));
    if (present) {
      // The message beside the field is itself an alert, so it is announced like the form-level one
      // (antd renders an error entry as given; its type says string but it renders any node).
      const announced = createElement('span', { role: 'alert' }, error.message) as unknown as string;
      form.setFields([{ name: name as never, errors: [announced] }]);
      form.focusField(name as never);
      return null;
    }
  }
  return errorText(error);
}

export interface CommandOptions<V, T> {
  /** The form whose fields receive field errors; without one every error is an alert. */
  form?: FormInstance<V>;
  rename?: FieldRename;
  /** Runs after the command succeeded (close the dialog, show 已保存, navigate …). */
  onDone?: (result: T, values: V) => void;
}

export interface Command<V> {
  busy: boolean;
  /** The form-level alert text, or null. */
  error: string | null;
  /** Runs the command; resolves true when it succeeded. A second submit while busy is ignored. */
  submit: (values: V) => Promise<boolean>;
  clearError: () => void;
}

/** Busy state and the one error mapping around one command. */
export function useCommand<V, T>(run: (values: V) => Promise<T>, options: CommandOptions<V, T> = {}): Command<V> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A ref, not the state: two quick Enters in the same tick must not send the command twice.
  const running = useRef(false);

  const submit = async (values: V): Promise<boolean> => {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    setError(null);
    const o = options;
    try {
      const result = await run(values);
      running.current = false;
      setBusy(false);
      o.onDone?.(result, values);
      return true;
    } catch (e) {
      running.current = false;
      setBusy(false);
      setError(placeError(e, o.form as FormInstance | undefined, o.rename));
      return false;
    }
  };
  const clearError = useCallback(() => setError(null), []);
  return { busy, error, submit, clearError };
}
