import { changedFields, correctionNote, correctionReason, NOTHING_CHANGED_MESSAGE, type CorrectableField, type FieldChange } from './correction';
import { carrierRegistrationSchema, type CarrierActor } from './carrier';
import type { CarrierRecord, CarrierSource } from './carrier-types';
import type { CarrierType, Classification, SecrecyTerm } from './enums';
import { isClassified } from './enums';
import { can, PERMISSION_LABELS, type RoleHolder } from './permissions';
import { RuleError } from './rule-error';

// 更正 of a carrier's registration fields (issue #14): what was mistyped at 登记 (名称, 载体类型,
// 密级, 保密期限 and its 起算日, 份号, 数量, 页数, 来文字号, 制作单位), with a required reason, old → new in
// the history and the audit log; the 编号 never changes. Not a 降密 or 解密 (those are decisions
// with an approver, carrier.ts) and not a 变更 of 保管人, 存放位置 or 知悉范围 (carrier-details.ts):
// a 密级 corrected here stays 秘密 or above, and once a carrier has been 降密 or 解密 its marking
// is corrected by that procedure, not here. Only the 保密员 keeps the 台账.

export interface CarrierRegistrationFields {
  name: string;
  carrierType: CarrierType;
  classification: Classification;
  secrecyTerm: SecrecyTerm | null;
  secrecyStart: string;
  copyNumber: string;
  quantity: number;
  pages?: number;
  /** 来文字号 (absent: none recorded). */
  docNumber?: string;
  /** 制作单位 of a carrier made here (自制); absent for one from a 收文. */
  unit?: string;
}

/** Every carrier is in the 台账 because it is controlled: its 名称 and 制作单位 never reach the audit log. */
export const CARRIER_CORRECTABLE: readonly CorrectableField<CarrierRegistrationFields>[] = [
  { key: 'name', label: '名称', content: true },
  { key: 'carrierType', label: '载体类型', content: false },
  { key: 'classification', label: '密级', content: false },
  { key: 'secrecyTerm', label: '保密期限', content: false },
  { key: 'secrecyStart', label: '保密期限起算日', content: false },
  { key: 'copyNumber', label: '份号', content: false },
  { key: 'quantity', label: '数量', content: false },
  { key: 'pages', label: '页数', content: false },
  { key: 'docNumber', label: '来文字号', content: true },
  { key: 'unit', label: '制作单位', content: true },
];

export function carrierFieldsOf(c: CarrierRecord): CarrierRegistrationFields {
  return {
    name: c.name,
    carrierType: c.carrierType,
    classification: c.classification,
    secrecyTerm: c.secrecyTerm,
    secrecyStart: c.secrecyStart,
    copyNumber: c.copyNumber,
    quantity: c.quantity,
    ...(c.pages !== undefined ? { pages: c.pages } : {}),
    ...(c.docNumber ? { docNumber: c.docNumber } : {}),
    ...(c.source.kind === '自制' ? { unit: c.source.unit } : {}),
  };
}

/** Why `actor` may not correct the carrier, or null. */
export function carrierCorrectionRefusal(_record: Pick<CarrierRecord, 'state'>, actor: RoleHolder): string | null {
  if (!can(actor, 'classified.manage')) return `没有权限更正涉密载体（需要：${PERMISSION_LABELS['classified.manage']}，由保密员办理）`;
  return null;
}

/** 更正: the carrier with the corrected fields (checked as at 登记) and a 更正 line in its history. */
export function correctCarrier(record: CarrierRecord, input: CarrierRegistrationFields, reasonRaw: unknown, actor: CarrierActor, now: Date): { record: CarrierRecord; changes: FieldChange[]; reason: string } {
  const refusal = carrierCorrectionRefusal(record, actor);
  if (refusal) throw new RuleError(refusal);
  const reason = correctionReason(reasonRaw);
  const source: CarrierSource = record.source.kind === '自制' ? { kind: '自制', unit: input.unit ?? '' } : record.source;
  const parsed = carrierRegistrationSchema.safeParse({
    name: input.name,
    carrierType: input.carrierType,
    classification: input.classification,
    ...(input.secrecyTerm ? { secrecyTerm: input.secrecyTerm } : {}),
    secrecyStart: input.secrecyStart,
    copyNumber: input.copyNumber,
    quantity: input.quantity,
    ...(input.pages !== undefined ? { pages: input.pages } : {}),
    ...(input.docNumber !== undefined ? { docNumber: input.docNumber } : {}),
    source,
    knowers: record.knowers,
    custodian: record.custodian,
    location: record.location,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path[0] === 'source' ? 'unit' : issue.path.length ? String(issue.path[0]) : undefined;
    throw new RuleError(issue.message, field);
  }
  const v = parsed.data;
  const after: CarrierRegistrationFields = {
    name: v.name,
    carrierType: v.carrierType,
    classification: v.classification,
    secrecyTerm: v.secrecyTerm,
    secrecyStart: v.secrecyStart,
    copyNumber: v.copyNumber,
    quantity: v.quantity,
    ...(v.pages !== undefined ? { pages: v.pages } : {}),
    ...(v.docNumber ? { docNumber: v.docNumber } : {}),
    ...(v.source.kind === '自制' ? { unit: v.source.unit } : {}),
  };
  const changes = changedFields(carrierFieldsOf(record), after, CARRIER_CORRECTABLE);
  if (changes.length === 0) throw new RuleError(NOTHING_CHANGED_MESSAGE);
  const marking = changes.find((c) => c.key === 'classification' || c.key === 'secrecyTerm' || c.key === 'secrecyStart');
  if (marking && (record.markingHistory.length > 0 || !isClassified(record.classification))) {
    throw RuleError.at(marking.key, `该载体已办理${record.markingHistory.at(-1)?.action ?? '解密'}，${marking.label}不能再更正`);
  }
  const at = now.toISOString();
  const { unit: _unit, pages, docNumber, ...fields } = after;
  const next: CarrierRecord = {
    ...record,
    ...fields,
    source: v.source,
    history: [...record.history, { action: '更正', at, byId: actor.id, byName: actor.name, note: correctionNote(changes, reason) }],
    updatedAt: at,
  };
  if (pages !== undefined) next.pages = pages;
  else delete next.pages;
  if (docNumber) next.docNumber = docNumber;
  else delete next.docNumber;
  return { record: next, changes, reason };
}
