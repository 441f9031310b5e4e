import type { FormInstance } from 'antd';
import { createElement, useCallback, useRef, useState } from 'react';
import { ZodError, type ZodType } from 'zod';
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

const hasField = (form: FormInstance, name: FieldName): boolean => form.getFieldsError().some((f) => key(f.name) === key(name));

/**
 * Puts each message beside its field (the first message of a field wins) and focuses the first;
 * returns the messages whose field the form does not show.
 */
function placeBesideFields(form: FormInstance, problems: { name: FieldName; message: string }[]): string[] {
  const placed = new Map<string, { name: FieldName; message: string }>();
  const rest: string[] = [];
  for (const p of problems) {
    // getFieldsError() lists exactly the fields mounted in the form now.
    if (hasField(form, p.name)) {
      if (!placed.has(key(p.name))) placed.set(key(p.name), p);
    } else rest.push(p.message);
  }
  // The message beside the field is itself an alert, so it is announced like the form-level one
  // (antd renders an error entry as given; its type says string but it renders any node).
  form.setFields([...placed.values()].map((p) => ({ name: p.name as never, errors: [createElement('span', { role: 'alert' }, p.message) as unknown as string] })));
  const first = [...placed.values()][0];
  if (first) form.focusField(first.name as never);
  return rest;
}

/**
 * Shows `error` beside its field when it is a RuleError about a field `form` has, and returns null;
 * otherwise returns the text for the form-level alert.
 */
export function placeError(error: unknown, form: FormInstance | undefined, rename: FieldRename = {}): string | null {
  // A schema checked inside the command's run refused the input: its issues go beside their fields.
  if (error instanceof ZodError) return placeIssues(error.issues, form);
  if (form && error instanceof RuleError && error.field) {
    const name = formName(error as RuleError & { field: string }, rename);
    if (placeBesideFields(form, [{ name, message: error.message }]).length === 0) return null;
  }
  return errorText(error);
}

/** A schema's refusal: each issue beside its field; what has no field shown becomes the alert text. */
function placeIssues(issues: readonly { path: PropertyKey[]; message: string }[], form: FormInstance | undefined): string | null {
  const problems = issues.map((i) => ({ name: i.path.filter((p): p is string | number => typeof p !== 'symbol'), message: i.message }));
  const rest = form ? placeBesideFields(form, problems.filter((p) => p.name.length > 0)).concat(problems.filter((p) => p.name.length === 0).map((p) => p.message)) : problems.map((p) => p.message);
  return rest.length ? [...new Set(rest)].join('；') : null;
}

export interface CommandOptions<V, T> {
  /** The form whose fields receive field errors; without one every error is an alert. */
  form?: FormInstance<V>;
  rename?: FieldRename;
  /** Checked before the command is sent; its issues are shown beside their fields. */
  schema?: ZodType<V>;
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
    if (o.schema) {
      const parsed = o.schema.safeParse(values);
      if (!parsed.success) {
        running.current = false;
        setBusy(false);
        setError(placeIssues(parsed.error.issues, o.form as FormInstance | undefined));
        return false;
      }
      values = parsed.data;
    }
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
