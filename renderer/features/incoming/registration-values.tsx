import { Form, Radio } from 'antd';
import { useId } from 'react';
import { isClassified, type Classification, type DocType, type Urgency } from '@shared/domain/enums';
import type { HandlingKind, Registration } from '@shared/domain/incoming-types';
import { parseSecrecyTermText } from '@shared/domain/secrecy-term';

/** The 收文 registration fields as the form holds them (text boxes as strings): 登记 and 更正 share them. */
export interface RegistrationValues {
  receivedDate: string;
  fromUnit: string;
  docNumber: string;
  title: string;
  docType: DocType;
  classification: Classification;
  secrecyTerm: string;
  copyNumber: string;
  copies: string;
  pages: string;
  urgency: Urgency;
  writtenDate: string;
  attachments: string;
  signedBy: string;
  handling: HandlingKind;
  summary: string;
}

/**
 * What a blank 份数 or 页数 box means: at 登记 the usual 1 份 and "页数 not counted yet" (0); in 更正
 * an emptied box is refused by the rule (NaN), never silently replaced.
 */
export type BlankCounts = 'defaults' | 'refuse';

/** A count as typed: NFKC so digits typed with the Chinese IME in full-width mode (２) count. */
function count(s: string | undefined, blank: number): number {
  const t = (s ?? '').normalize('NFKC').trim();
  return t === '' ? blank : Number(t);
}

/** The form's values as a registration for the domain's rule (which has the final say). */
export function toRegistration(v: RegistrationValues, blankCounts: BlankCounts): Registration {
  const term = isClassified(v.classification) ? parseSecrecyTermText(v.secrecyTerm ?? '') : null;
  const opt = (s: string | undefined) => (s ?? '').trim();
  return {
    receivedDate: opt(v.receivedDate),
    fromUnit: v.fromUnit ?? '',
    docNumber: v.docNumber ?? '',
    title: v.title ?? '',
    docType: v.docType,
    classification: v.classification,
    ...(term ? { secrecyTerm: term } : {}),
    ...(opt(v.copyNumber) ? { copyNumber: opt(v.copyNumber) } : {}),
    copies: count(v.copies, blankCounts === 'defaults' ? 1 : Number.NaN),
    pages: count(v.pages, blankCounts === 'defaults' ? 0 : Number.NaN),
    urgency: v.urgency,
    ...(opt(v.writtenDate) ? { writtenDate: opt(v.writtenDate) } : {}),
    ...(opt(v.attachments) ? { attachments: opt(v.attachments) } : {}),
    signedBy: v.signedBy ?? '',
    handling: v.handling,
    ...(opt(v.summary) ? { summary: opt(v.summary) } : {}),
  };
}

/** 密级, 紧急程度 or 办理方式 as radio buttons, named for screen readers by their label. */
export function RadioField<K extends 'classification' | 'urgency' | 'handling'>({
  name,
  label,
  options,
}: {
  name: K;
  label: string;
  options: readonly RegistrationValues[K][];
}) {
  const id = useId();
  return (
    <Form.Item label={<span id={id}>{label}</span>} name={name as string} required>
      <Radio.Group aria-labelledby={id} options={options.map((o) => ({ value: o, label: o }))} />
    </Form.Item>
  );
}
