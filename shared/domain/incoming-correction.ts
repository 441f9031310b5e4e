import { todayIso } from './dates';
import { formatClassificationMark, isClassified } from './enums';
import { filedRefusal } from './filing';
import { duplicateKeyOf, normalizeRegistration, registrationSchema, type RegistrationInput } from './incoming-registration';
import type { IncomingRecord, Registration } from './incoming-types';
import { can, PERMISSION_LABELS, type Role } from './permissions';
import { changedFields, correctionNote, correctionReason, NOTHING_CHANGED_MESSAGE, type CorrectableField, type FieldChange } from './correction';
import { RuleError } from './rule-error';

// 更正 of a registered 收文 (issue #14): every registration field may be corrected with a reason;
// the 收文编号 never changes; after 办结 only the 秘书; after 归档 never (the catalogue entry is
// corrected in 归档 instead: 归档更正). Pure: the repository (incoming.correct) stores the result,
// its search entry and its audit entry.

/** Who corrects: id and name for the history, roles for the rule. */
export interface CorrectionActor {
  id: string;
  name: string;
  roles: readonly Role[];
}

/**
 * The registration fields in the form's order. `content`: hidden from readers outside a
 * classified record's need to know (maskIncoming's allow-list shows 收文日期, 密级, 份数, 紧急程度,
 * 办理方式), so the audit log of a classified 收文 says only that it changed.
 */
export const INCOMING_CORRECTABLE: readonly CorrectableField<Registration>[] = [
  { key: 'receivedDate', label: '收文日期', content: false },
  { key: 'fromUnit', label: '来文单位', content: true },
  { key: 'docNumber', label: '来文字号', content: true },
  { key: 'title', label: '标题', content: true },
  { key: 'docType', label: '文种', content: true },
  { key: 'classification', label: '密级', content: false },
  { key: 'secrecyTerm', label: '保密期限', content: true },
  { key: 'copyNumber', label: '份号', content: true },
  { key: 'copies', label: '份数', content: false },
  { key: 'pages', label: '页数', content: true },
  { key: 'urgency', label: '紧急程度', content: false },
  { key: 'writtenDate', label: '成文日期', content: true },
  { key: 'attachments', label: '附件', content: true },
  { key: 'signedBy', label: '签收人', content: true },
  { key: 'handling', label: '办理方式', content: false },
  { key: 'summary', label: '摘要', content: true },
];

/** The registration fields of a stored 收文 (what the 更正 form starts from). */
export function registrationOf(r: IncomingRecord): Registration {
  const out: Partial<Registration> = {};
  for (const f of INCOMING_CORRECTABLE) if (r[f.key] !== undefined) (out as Record<string, unknown>)[f.key] = r[f.key];
  return out as Registration;
}

/**
 * Why `actor` may not correct `record` now, or null when they may: filed (naming the 档号: the
 * catalogue entry is corrected in 归档), no 收文办理 right, or 已办结 and not a 秘书.
 */
export function incomingCorrectionRefusal(record: Pick<IncomingRecord, 'state' | 'filed'>, actor: { roles: readonly Role[] }): string | null {
  if (record.filed) return filedRefusal(record.filed, '更正', '该收文');
  if (!can(actor, 'incoming.process')) return `没有权限更正收文（需要：${PERMISSION_LABELS['incoming.process']}）`;
  if (record.state === '已办结' && !actor.roles.includes('秘书')) return '该收文已办结，只有秘书可以更正';
  return null;
}

export interface IncomingCorrection {
  record: IncomingRecord;
  changes: FieldChange[];
  reason: string;
  /** It became 秘密 or above: its carriers (one per 份号) are to be registered now. */
  needsCarriers: boolean;
}

/**
 * 更正: the record with the corrected registration (checked as at 登记, normalised), the
 * 收文编号 unchanged, and a 更正 line in its history (old → new per field, the reason). Refused
 * without a reason, without a change, for a 收文日期 in another year (the number carries the year)
 * or after today, for a change of 办件/阅件 once handling has begun, and for a change of what its
 * 涉密载体 were registered from (密级, 保密期限, 份号, 份数: the 保密员 corrects the carriers).
 */
export function correctIncoming(record: IncomingRecord, input: RegistrationInput, reasonRaw: unknown, actor: CorrectionActor, now: Date): IncomingCorrection {
  const refusal = incomingCorrectionRefusal(record, actor);
  if (refusal) throw new RuleError(refusal);
  const reason = correctionReason(reasonRaw);
  const parsed = registrationSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RuleError(issue.message, issue.path.length ? String(issue.path[0]) : undefined);
  }
  const reg = normalizeRegistration(parsed.data as Registration);
  if (Number(reg.receivedDate.slice(0, 4)) !== record.year) {
    throw RuleError.at('receivedDate', `收文编号 ${record.serial} 属 ${record.year} 年度，收文日期只能更正为 ${record.year} 年内的日期`);
  }
  if (reg.receivedDate > todayIso(now)) throw RuleError.at('receivedDate', '收文日期不能晚于今天');
  const before = registrationOf(record);
  const changes = changedFields(before, reg, INCOMING_CORRECTABLE);
  if (changes.length === 0) throw new RuleError(NOTHING_CHANGED_MESSAGE);
  const changed = new Set(changes.map((c) => c.key));
  if (changed.has('handling') && record.state !== '已登记') {
    throw RuleError.at('handling', `该收文已开始办理（${record.state}），办理方式不能再更正`);
  }
  if (record.carrierIds?.length) {
    const carrierField = changes.find((c) => ['classification', 'secrecyTerm', 'copyNumber', 'copies'].includes(c.key));
    if (carrierField) {
      throw RuleError.at(
        carrierField.key,
        `该收文已随登记涉密载体 ${record.carrierIds.length} 份（${formatClassificationMark({ level: record.classification, term: record.secrecyTerm ?? null })}），${carrierField.label}须由保密员在涉密载体台账中办理`,
      );
    }
  }
  const at = now.toISOString();
  const next: IncomingRecord = {
    ...record,
    ...reg,
    duplicateKey: duplicateKeyOf(reg.fromUnit, reg.docNumber),
    history: [...record.history, { action: '更正', at, byId: actor.id, byName: actor.name, note: correctionNote(changes, reason) }],
    updatedAt: at,
  };
  // Optional fields emptied by the 更正 are gone, not kept from before.
  for (const f of INCOMING_CORRECTABLE) if (reg[f.key] === undefined) delete (next as Partial<IncomingRecord>)[f.key];
  return { record: next, changes, reason, needsCarriers: !isClassified(record.classification) && isClassified(next.classification) && !record.carrierIds?.length };
}
