import { z } from 'zod';
import { compareDates, parseIsoDate } from './dates';
import { normalizeDocNumber } from './doc-number';
import {
  classificationSchema,
  defaultSecrecyTerm,
  docTypeSchema,
  isClassified,
  secrecyTermSchema,
  urgencySchema,
} from './enums';
import { HANDLING_KINDS, type IncomingRecord, type Registration } from './incoming-types';
import { cleanText, multiLineText, singleLineText } from './text';

// 收文登记 (DOMAIN.md §3 step 2): the form's rules, shared by the form (instant feedback) and the
// repository (final say). Messages are keyed by field name (issue.path[0]) so the form can put
// each one beside its box.

/** Length in characters, not UTF-16 units: a rare 扩展B character in a unit's name counts once. */
function charCount(s: string): number {
  return Array.from(s).length;
}

function text(label: string, max: number, required: boolean, multiline = false) {
  const params = { error: required ? `请填写${label}` : `${label}应为文字` };
  // Cleaned (control, bidi, zero-width characters) before the length is counted.
  let s = multiline ? multiLineText(params) : singleLineText(params);
  if (required) s = s.min(1, `请填写${label}`);
  return s.refine((v) => charCount(v) <= max, `${label}不能超过 ${max} 个字`);
}

function dateField(label: string) {
  return z
    .string({ error: `请输入${label}` })
    .trim()
    .min(1, `请输入${label}`)
    // An empty box gets "请输入" only, not also "无效". (No `abort`: that would skip the
    // cross-field checks below and hide their messages until this one is fixed.)
    .refine((v) => v === '' || parseIsoDate(v) !== null, `请输入有效的${label}，格式如 2026-07-01`);
}

/** Full-width digits (a Chinese IME's default) to ASCII, spaces dropped: '０００１２' is 份号 12. */
function asciiDigits(s: string): string {
  return s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30)).replace(/\s+/g, '');
}

const COPY_NUMBER = /^\d{1,6}$/;

/** 份号 as typed → '000012'; '' stays '' (absent); anything not 1–6 digits is returned unchanged for the schema to reject. */
function padCopyNumber(raw: string): string {
  const t = asciiDigits(raw);
  return COPY_NUMBER.test(t) ? t.padStart(6, '0') : t;
}

export const COPY_NUMBER_REQUIRED_MESSAGE = '秘密及以上密级必须填写份号';
export const WRITTEN_AFTER_RECEIVED_MESSAGE = '成文日期不能晚于收文日期';

export const registrationSchema = z
  .object({
    receivedDate: dateField('收文日期'),
    fromUnit: text('来文单位', 100, true),
    // Optional in substance (many letters carry no number) but always a string, '' when none.
    docNumber: text('来文字号', 50, false).default(''),
    title: text('标题', 200, true),
    docType: docTypeSchema,
    classification: classificationSchema,
    secrecyTerm: secrecyTermSchema.optional(),
    copyNumber: z
      .string({ error: '份号应为 1–6 位数字' })
      .optional()
      // '' from an emptied box means "no 份号", not a malformed one.
      .transform((v) => (v === undefined ? undefined : padCopyNumber(v) || undefined))
      .refine((v) => v === undefined || COPY_NUMBER.test(v), '份号应为 1–6 位数字')
      .refine((v) => v === undefined || !COPY_NUMBER.test(v) || Number(v) > 0, '份号从 000001 起编，不能为 0'),
    copies: z.number({ error: '请输入份数' }).int('份数应为整数').min(1, '份数至少为 1').default(1),
    pages: z.number({ error: '请输入页数' }).int('页数应为整数').min(0, '页数不能为负数'),
    urgency: urgencySchema,
    writtenDate: dateField('成文日期').optional(),
    attachments: text('附件', 500, false).optional(),
    signedBy: text('签收人', 20, true),
    handling: z.enum(HANDLING_KINDS, { error: '请选择办件或阅件' }),
    summary: text('摘要', 2000, false, true).optional(),
  })
  .superRefine((v, ctx) => {
    // Runs even when a field above failed (zod 4 skips it only on a wrong type), so every value
    // is re-checked before use.
    const classified = isClassified(v.classification);
    if (classified && v.copyNumber === undefined) {
      ctx.addIssue({ code: 'custom', path: ['copyNumber'], message: COPY_NUMBER_REQUIRED_MESSAGE });
    }
    if (!classified && v.secrecyTerm !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['secrecyTerm'], message: '只有秘密及以上密级才有保密期限' });
    }
    if (
      v.writtenDate !== undefined &&
      parseIsoDate(v.writtenDate) &&
      parseIsoDate(v.receivedDate) &&
      compareDates(v.writtenDate, v.receivedDate) > 0
    ) {
      ctx.addIssue({ code: 'custom', path: ['writtenDate'], message: WRITTEN_AFTER_RECEIVED_MESSAGE });
    }
  });

/** What the form hands over (copies may be left out: it defaults to 1). */
export type RegistrationInput = z.input<typeof registrationSchema>;

// The parsed value is a Registration as stored: checked here so the two cannot drift apart.
const _outputIsRegistration = (v: z.output<typeof registrationSchema>): Registration => v;
const _registrationIsInput = (v: Registration): RegistrationInput => v;
void _outputIsRegistration;
void _registrationIsInput;

// Callers also normalise partial registrations (the duplicate check passes only 来文单位 and
// 来文字号), so string fields are cleaned and trimmed only when they are there.
function trimmed<T>(value: T, multiline = false): T {
  return (typeof value === 'string' ? cleanText(value, { multiline }).trim() : value) as T;
}

/**
 * The registration as it is stored: strings trimmed, 来文字号 normalised (〔2026〕; kept as typed
 * when it does not parse), 份号 padded to 6 digits, the statutory 保密期限 filled in for 秘密 and
 * above when none was given, and no 保密期限 on anything below 秘密. Never mutates `input`.
 */
export function normalizeRegistration(input: Registration): Registration {
  const out: Registration = {
    ...input,
    fromUnit: trimmed(input.fromUnit),
    title: trimmed(input.title),
    signedBy: trimmed(input.signedBy),
    receivedDate: trimmed(input.receivedDate),
  };
  if (typeof input.docNumber === 'string') out.docNumber = normalizeDocNumber(trimmed(input.docNumber)).normalized;

  // Optional text: an emptied box is "not given", not an empty value.
  for (const key of ['attachments', 'summary', 'writtenDate'] as const) {
    const v = trimmed(input[key], key === 'summary');
    if (v) out[key] = v;
    else delete out[key];
  }

  if (typeof input.copyNumber === 'string') {
    const padded = padCopyNumber(input.copyNumber);
    if (padded) out.copyNumber = padded;
    else delete out.copyNumber;
  }

  if (isClassified(input.classification)) {
    // An unmarked 保密期限 means the statutory default (保密法): store it, so the slip and the
    // 台账 show what applies instead of leaving readers to know the rule.
    if (!input.secrecyTerm) {
      const term = defaultSecrecyTerm(input.classification);
      if (term) out.secrecyTerm = term;
    }
  } else {
    // 内部 and 非密 are not state secrets: a term left over from an earlier choice means nothing.
    delete out.secrecyTerm;
  }
  return out;
}

/**
 * The key that finds an earlier registration of the same document: `来文单位|来文字号`, both
 * trimmed; '' when there is no 来文字号 (letters without a number are not duplicates of each other).
 * Pass the normalised 来文字号 so '[2026]' and '〔2026〕' meet.
 */
export function duplicateKeyOf(fromUnit: string, docNumber: string): string {
  const number = docNumber.trim();
  return number === '' ? '' : `${fromUnit.trim()}|${number}`;
}

/** What a new 收文 gets beside its registration: its id and number, who registered it, when and how. */
export interface NewIncomingStamp {
  id: string;
  seq: number;
  serial: string;
  by: { id: string; name: string };
  now: Date;
  via: '登记' | '导入';
  legacyNumber?: string;
  duplicateOverride?: IncomingRecord['duplicateOverride'];
}

/**
 * A newly registered 收文 (state 已登记, its first history step), the same on the PC and on the
 * office LAN server. `reg` is the normalised registration; its 收文日期 gives the year.
 */
export function newIncomingRecord(reg: Registration, s: NewIncomingStamp): IncomingRecord {
  const at = s.now.toISOString();
  return {
    ...reg,
    id: s.id,
    year: Number(reg.receivedDate.slice(0, 4)),
    seq: s.seq,
    serial: s.serial,
    ...(s.legacyNumber ? { legacyNumber: s.legacyNumber } : {}),
    ...(s.duplicateOverride ? { duplicateOverride: s.duplicateOverride } : {}),
    state: '已登记',
    duplicateKey: duplicateKeyOf(reg.fromUnit, reg.docNumber),
    circulation: [],
    reminders: [],
    namedUserIds: [],
    history: [
      {
        action: s.via,
        at,
        byId: s.by.id,
        byName: s.by.name,
        ...(s.duplicateOverride ? { note: `重复来文，登记理由：${s.duplicateOverride.reason}` } : s.legacyNumber ? { note: `原编号 ${s.legacyNumber}` } : {}),
      },
    ],
    createdAt: at,
    updatedAt: at,
  };
}
