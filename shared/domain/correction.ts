import { isClassified, type Classification } from './enums';
import { secrecyTermText } from './secrecy-term';
import { cleanParagraphs } from './text';
import { RuleError } from './rule-error';

// 更正 (issue #14): a registered record's registration fields corrected after the fact, each
// change kept old → new with the reason, in the record's history and the audit log. What every
// register's 更正 shares lives here; each register's own rules (who, when, which fields) are in
// incoming-correction.ts, carrier-correction.ts and meeting-correction.ts. Pure.

export const CORRECTION_REASON_MAX = 200;
export const REASON_REQUIRED_MESSAGE = '请填写更正理由';
export const NOTHING_CHANGED_MESSAGE = '没有需要更正的内容：请先修改要更正的项目';

/** The reason as stored (cleaned); refused beside the 理由 box when empty or too long. */
export function correctionReason(raw: unknown): string {
  const why = cleanParagraphs(raw);
  if (!why) throw RuleError.at('reason', REASON_REQUIRED_MESSAGE);
  if (Array.from(why).length > CORRECTION_REASON_MAX) throw RuleError.at('reason', `更正理由不能超过 ${CORRECTION_REASON_MAX} 个字`);
  return why;
}

/** One registration field a 更正 may change. */
export interface CorrectableField<R> {
  key: keyof R & string;
  /** Its name on the form (DOMAIN.md's field name). */
  label: string;
  /**
   * Content a reader outside the need to know may not see (标题, 来文单位 …): for a classified
   * record the audit log says only that it changed. False for what the masked view shows anyway.
   */
  content: boolean;
  /** The value as a person reads it (default: the text, a number, a 保密期限 in words). */
  show?: (value: unknown) => string;
}

/** One field changed by a 更正, its values as a person reads them ('（空）' for none). */
export interface FieldChange {
  key: string;
  label: string;
  content: boolean;
  before: string;
  after: string;
}

function shown(value: unknown): string {
  if (value === undefined || value === null || value === '') return '（空）';
  if (typeof value === 'object' && 'kind' in value) return secrecyTermText(value as never) || '（空）';
  if (Array.isArray(value)) return value.length ? value.join('、') : '（空）';
  return String(value);
}

/** The fields whose value differs between `before` and `after`, in the order `fields` lists them. */
export function changedFields<R>(before: R, after: R, fields: readonly CorrectableField<R>[]): FieldChange[] {
  const out: FieldChange[] = [];
  for (const f of fields) {
    const a = before[f.key];
    const b = after[f.key];
    if (JSON.stringify(a ?? null) === JSON.stringify(b ?? null)) continue;
    const show = f.show ?? shown;
    out.push({ key: f.key, label: f.label, content: f.content, before: show(a), after: show(b) });
  }
  return out;
}

/** The history line of a 更正 (on the record, seen only within its need to know): every change and the reason. */
export function correctionNote(changes: readonly FieldChange[], reason: string): string {
  return `${changes.map((c) => `${c.label}：${c.before} → ${c.after}`).join('；')}；理由：${reason}`;
}

/**
 * The audit log's words for a 更正 (the log is read by the 审计员, outside every need to know):
 * old → new per field; for a classified record the content fields and the reason are left out,
 * saying only which changed (as 归档更正 does, filing.ts describeCorrection).
 */
export function correctionAuditText(changes: readonly FieldChange[], reason: string, classification: Classification): string {
  const secret = isClassified(classification);
  const parts = changes.map((c) => (secret && c.content ? `${c.label}已更正（涉密，内容略）` : `${c.label}：${c.before} → ${c.after}`));
  return `${parts.join('；')}；${secret ? '理由略' : `理由：${reason}`}`;
}
