import { z } from 'zod';
import { classificationSchema } from './enums';
import { DEFAULT_PASSWORD_POLICY, passwordPolicyProblems } from './password-policy';
import { ROLES } from './permissions';
import { cleanLine, singleLineText } from './text';
import { DEFAULT_INCOMING_PATTERN, DEFAULT_MINUTES_PATTERN, normalizeSeriesPrefix, validatePattern, validateSeriesPrefix } from './numbering';
import type { Permission } from './permissions';
import { DEFAULT_MEETING_TYPES } from './meeting-types';
import { DEFAULT_MINUTES_DUE_WORKDAYS } from './meeting';
import { unitDirectorySchema, type UnitDirectory } from './directory';
import { DEFAULT_SLIP_LAYOUT, storedSlipLayoutSchema, type SlipLayout } from './slip-layout';
import { DEFAULT_REGISTER_COLUMNS, incomingRegisterSettingsSchema, REGISTER_COLUMNS, type IncomingRegisterSettings } from './incoming-register';
import { DEFAULT_LABEL_SHEET, LABEL_OFFSET_LIMIT_MM, LABEL_SHEET_IDS } from './carrier-label';
import { DEFAULT_OUTGOING_OVERDUE_WORKDAYS, outgoingSeriesSchema, outgoingSettingsSchema, type OutgoingSettings } from './outgoing';
import type { DocNumberSeries } from './outgoing-types';
import { DEFAULT_ATTACHMENT_LIMITS, type AttachmentLimits } from './attachment-types';
import { attachmentLimitsSchema } from './attachment';

// Shared validation for the settings forms and the repositories that store them: the same rule,
// the same message, on both sides.

export const unitInfoSchema = z.object({
  // Names are cleaned of control, bidi and zero-width characters (shared/domain/text.ts).
  name: singleLineText().min(1, '请输入单位名称').max(60, '单位名称不能超过 60 个字'),
  fondsCode: z
    .string()
    .trim()
    .min(1, '请输入全宗号')
    .max(16, '全宗号不能超过 16 个字符')
    .regex(/^[A-Za-z0-9]+$/, '全宗号只能由字母和数字组成，如 Z109'),
});

/** 密码策略: the floor of the chosen 本机最高密级 is enforced here, field by field. */
export const passwordPolicySchema = z
  .object({
    level: classificationSchema,
    minLength: z.number({ error: '请输入位数' }),
    minClasses: z.number({ error: '请输入类数' }),
    expiryDays: z.number({ error: '请输入天数' }),
  })
  .superRefine((v, ctx) => {
    for (const p of passwordPolicyProblems(v)) ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
  });

export const securitySettingsSchema = z.object({
  idleLockMinutes: z
    .number({ error: '请输入分钟数' })
    .int('请输入整数')
    .min(1, '至少 1 分钟')
    .max(120, '不能超过 120 分钟'),
  passwordPolicy: passwordPolicySchema,
});

export const departmentSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, '请输入机构代码')
    .max(10, '机构代码不能超过 10 个字符')
    .regex(/^[A-Z0-9]+$/, '机构代码用大写字母或数字，如 BGS'),
  name: singleLineText().min(1, '请输入机构名称').max(40, '机构名称不能超过 40 个字'),
});

export const roleSchema = z.enum(ROLES);

// --- Typed settings (issue #13 item 7) -----------------------------------------------------------
// One schema per setting key, with the permission that owns it and its default. getSetting(db, key)
// reads it typed (stored values are merged over the default); the 'settings.save' command checks
// the owner, validates with the schema and writes it with its audit entry.

export const NUMBERING_SETTINGS_KEY = 'numbering';
export const MEETING_SETTINGS_KEY = 'meetings';

const patternField = (needsYear: boolean) =>
  z.string().superRefine((v, ctx) => {
    const problem = validatePattern(v) ?? (needsYear && !v.includes('YYYY') ? '收文编号格式必须包含年份 YYYY（每年从 1 编号）' : null);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const numberingSettingsSchema = z.object({
  incomingPattern: patternField(true),
  /**
   * 本机编号前缀 (issue #20): where an office runs several standalone PCs, each gets its own letters
   * ('B') and its 收文, 载体, 督办 and 纪要 numbers carry them (收〔2026〕B-0001) on counters of their
   * own. Absent or '': no prefix. Typed in any case, stored upper case.
   */
  seriesPrefix: z
    .string()
    .transform(normalizeSeriesPrefix)
    .superRefine((v, ctx) => {
      const problem = validateSeriesPrefix(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
});
export type NumberingSettings = z.output<typeof numberingSettingsSchema>;


export const meetingSettingsSchema = z.object({
  /** 会议类型 offered in the meeting form; each is also a 纪要 series. */
  types: z
    .array(z.string())
    .transform((ts) => [...new Set(ts.map((t) => cleanLine(t)).filter(Boolean))])
    .refine((ts) => ts.length > 0, '至少要有一种会议类型')
    .refine((ts) => ts.every((t) => Array.from(t).length <= 20), '会议类型不能超过 20 个字'),
  /** 纪要编号 pattern, e.g. 第N期 */
  minutesPattern: patternField(false).transform((v) => v.trim()),
  /** Working days after the meeting within which minutes must be issued. */
  dueWorkdays: z.number({ error: '签发时限应为 1–30 个工作日' }).refine((n) => Number.isInteger(n) && n >= 1 && n <= 30, '签发时限应为 1–30 个工作日'),
  /** 印发机关 in the 纪要's 版记 (GB/T 9704 §8), e.g. 县政府办公室; absent or blank: the 单位名称. */
  printedBy: singleLineText()
    .refine((v) => Array.from(v).length <= 40, '印发机关不能超过 40 个字')
    .optional(),
});
export type MeetingSettings = z.infer<typeof meetingSettingsSchema>;

// 涉密载体 QR labels (issue #15): one profile per printer, named by the office ("机要室 HP"), with the
// label sheet it is loaded with and the offsets that put the print on that sheet's cells.
export const LABEL_PRINTERS_KEY = 'labelPrinters';

function offsetField(label: string) {
  const message = `${label}应为 −${LABEL_OFFSET_LIMIT_MM} 到 ${LABEL_OFFSET_LIMIT_MM} 之间的毫米数`;
  return z
    .number({ error: message })
    .refine((n) => Number.isFinite(n) && Math.abs(n) <= LABEL_OFFSET_LIMIT_MM, message)
    .transform((n) => Math.round(n * 10) / 10);
}

export const labelPrinterProfileSchema = z.object({
  name: singleLineText({ error: '请填写打印机名称' }).min(1, '请填写打印机名称').max(30, '打印机名称不能超过 30 个字'),
  sheet: z.enum(LABEL_SHEET_IDS, { error: '请选择标签纸' }).default(DEFAULT_LABEL_SHEET),
  /** Positive: the print moves right. */
  offsetXMm: offsetField('左右偏移'),
  /** Positive: the print moves down. */
  offsetYMm: offsetField('上下偏移'),
});
export type LabelPrinterProfile = z.output<typeof labelPrinterProfileSchema>;

export const labelPrinterSettingsSchema = z.object({ profiles: z.array(labelPrinterProfileSchema).max(50) });
export type LabelPrinterSettings = z.output<typeof labelPrinterSettingsSchema>;

export const DEFAULT_SECURITY_SETTINGS: z.infer<typeof securitySettingsSchema> = { idleLockMinutes: 10, passwordPolicy: DEFAULT_PASSWORD_POLICY };

// The backup schedule of this PC (renderer/db/backup/backup-settings.ts).
export const BACKUP_SETTINGS_KEY = 'backup';
export const DEFAULT_BACKUP_INTERVAL_DAYS = 1;
export const DEFAULT_BACKUP_KEEP = 10;

const storedBackupKeySchema = z.object({
  kdf: z.object({ alg: z.literal('argon2id'), memorySize: z.number(), iterations: z.number(), parallelism: z.number(), salt: z.string() }),
  key: z.string(),
});

export const backupRunSchema = z.object({ at: z.string(), path: z.string(), records: z.number(), kind: z.enum(['手动', '定时', '恢复前']) });
export type BackupRun = z.infer<typeof backupRunSchema>;

export const backupSettingsSchema = z.object({
  /** Days between scheduled backups; 0 = no schedule. */
  intervalDays: z.number().int().min(0).max(30),
  /** Scheduled backups kept in the folder. */
  keep: z.number().int().min(1).max(365),
  /**
   * The key scheduled backups are encrypted with (the argon2id output, never the passphrase);
   * absent until a passphrase is set. Kept here only where the OS offers no keystore (the web
   * build): this row is sealed under the data key, so it opens only while someone is signed in.
   */
  scheduledKey: storedBackupKeySchema.optional(),
  /** The same key sealed by the OS keystore (desktop: safeStorage), base64; opens on this PC and OS account only. */
  scheduledKeySealed: z.string().optional(),
  lastSuccess: backupRunSchema.optional(),
  lastFailure: z.object({ at: z.string(), message: z.string() }).optional(),
});
export type BackupSettings = z.infer<typeof backupSettingsSchema>;

// Encryption at rest (renderer/db/at-rest/session.ts). These rows are written by the system (setup,
// sign-in, the sealing migration, restore), never by a settings command; sign-in reads the escrow
// and the key map raw from IndexedDB (the key is not open yet) and parses them with these schemas.
export const AT_REST_STATE_KEY = 'atRest';
export const AT_REST_ESCROW_KEY = 'atRestEscrow';
export const AT_REST_KEY_MAP = 'atRestKeyMap';

export const atRestStateSchema = z.object({
  state: z.enum(['migrating', 'done']),
  keyId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  /** Resume point of a migration: the table being sealed and the last primary key done. */
  progress: z.object({ table: z.string(), lastKey: z.unknown().optional(), done: z.number(), total: z.number() }).optional(),
});
export type AtRestState = z.infer<typeof atRestStateSchema>;

export const atRestEscrowSchema = z.object({ dataKey: z.string(), since: z.string().optional() });

export const keyMapEntrySchema = z.object({
  /** keyIdOf the backup's data key */
  from: z.string(),
  iv: z.string(),
  wrapped: z.string(),
});
export type KeyMapEntry = z.infer<typeof keyMapEntrySchema>;
export const atRestKeyMapSchema = z.object({ entries: z.array(keyMapEntrySchema) });

/** The audit chain's head (renderer/db/audit.ts); its own machinery writes it. */
export const auditHeadSchema = z.object({ seq: z.number(), hash: z.string(), anchored: z.boolean().optional(), movedTo: z.string().optional() });

export interface SettingDescriptor<T> {
  schema: z.ZodType<T, unknown>;
  /** The permission needed to change it ('system': only the system writes it, no command). */
  owner: Permission | 'system';
  default: T;
  /**
   * The audit entry's action and summary when the generic 'settings.save' command saves it.
   * Absent: 'settings.save' refuses the key; it is saved by the command named in savedBy.
   */
  audit?: (v: T) => { action: string; summary: string };
  savedBy?: string;
}

function setting<T>(d: SettingDescriptor<T>): SettingDescriptor<T> {
  return d;
}

export const SETTINGS = {
  numbering: setting({
    schema: numberingSettingsSchema,
    owner: 'settings.manage',
    default: { incomingPattern: DEFAULT_INCOMING_PATTERN },
    audit: (v) => ({ action: '修改编号规则', summary: `收文编号格式：${v.incomingPattern}；本机编号前缀：${v.seriesPrefix || '（无）'}` }),
  }),
  meetings: setting({
    schema: meetingSettingsSchema,
    owner: 'meetings.manage',
    default: { types: [...DEFAULT_MEETING_TYPES], minutesPattern: DEFAULT_MINUTES_PATTERN, dueWorkdays: DEFAULT_MINUTES_DUE_WORKDAYS },
    audit: (v) => ({ action: '修改会议设置', summary: `会议类型：${v.types.join('、')}；纪要编号：${v.minutesPattern}；签发时限：${v.dueWorkdays} 个工作日${v.printedBy ? `；印发机关：${v.printedBy}` : ''}` }),
  }),
  // 其他机构 (directory.ts): the 秘书 adds one in place from a 责任单位 picker.
  unitDirectory: setting<UnitDirectory>({
    schema: unitDirectorySchema,
    owner: 'supervision.manage',
    default: { names: [] },
    audit: (v) => ({ action: '修改机构名录', summary: `其他机构：${v.names.join('、') || '（无）'}` }),
  }),
  // 设置 → 打印 (slip-layout.ts): the 系统管理员 or the 秘书 (the command checks either).
  slipLayout: setting<SlipLayout>({
    schema: storedSlipLayoutSchema,
    owner: 'incoming.process',
    default: DEFAULT_SLIP_LAYOUT,
    savedBy: 'settings.slipLayout.save',
  }),
  // 收文登记簿: the office's column set (incoming-register.ts), kept by whoever keeps the register
  // (the 秘书); anyone who prints it may choose other columns for one print.
  incomingRegister: setting<IncomingRegisterSettings>({
    schema: incomingRegisterSettingsSchema,
    owner: 'incoming.process',
    default: { columns: [...DEFAULT_REGISTER_COLUMNS] },
    audit: (v) => ({ action: '修改收文登记簿打印列', summary: `收文登记簿打印列：${v.columns.map((k) => REGISTER_COLUMNS[k].label).join('、')}` }),
  }),
  // 发文字号 (outgoing.ts): none until the office adds its own (a 机关代字 is the office's, not
  // ours to guess); saved by 'outgoing.saveSeries', which the 系统管理员 or the 秘书 may run and
  // which refuses to remove a series that has numbers in the 文号台账 (停用 instead).
  outgoingSeries: setting<DocNumberSeries[]>({
    schema: outgoingSeriesSchema,
    owner: 'outgoing.process',
    default: [],
    savedBy: 'outgoing.saveSeries',
  }),
  // 发文 not 核发 this many working days after 签发 is flagged on 工作台.
  outgoing: setting<OutgoingSettings>({
    schema: outgoingSettingsSchema,
    owner: 'outgoing.process',
    default: { overdueWorkdays: DEFAULT_OUTGOING_OVERDUE_WORKDAYS },
    audit: (v) => ({ action: '修改发文设置', summary: `核发时限：签发后 ${v.overdueWorkdays} 个工作日` }),
  }),
  // 附件 (issue #17): how large one file and one record's files together may be (设置 → 存储).
  attachments: setting<AttachmentLimits>({
    schema: attachmentLimitsSchema,
    owner: 'settings.manage',
    default: DEFAULT_ATTACHMENT_LIMITS,
    audit: (v) => ({ action: '修改附件上限', summary: `单个附件上限 ${v.maxFileMB} MB；每件记录上限 ${v.maxRecordMB} MB` }),
  }),
  unitInfo: setting<z.infer<typeof unitInfoSchema> | null>({
    schema: unitInfoSchema.nullable(),
    owner: 'settings.manage',
    default: null,
    savedBy: 'settings.unit.save',
  }),
  security: setting({
    schema: securitySettingsSchema,
    owner: 'settings.manage',
    default: DEFAULT_SECURITY_SETTINGS,
    savedBy: 'settings.security.save',
  }),
  backup: setting<BackupSettings>({
    schema: backupSettingsSchema,
    owner: 'settings.manage',
    default: { intervalDays: DEFAULT_BACKUP_INTERVAL_DAYS, keep: DEFAULT_BACKUP_KEEP },
    savedBy: 'backup.settings.save',
  }),
  labelPrinters: setting<LabelPrinterSettings>({
    schema: labelPrinterSettingsSchema,
    owner: 'classified.manage',
    default: { profiles: [] },
    savedBy: 'carrier.labelPrinter.save',
  }),
  atRest: setting<AtRestState | null>({ schema: atRestStateSchema.nullable(), owner: 'system', default: null }),
  atRestEscrow: setting<z.infer<typeof atRestEscrowSchema> | null>({ schema: atRestEscrowSchema.nullable(), owner: 'system', default: null }),
  atRestKeyMap: setting<z.infer<typeof atRestKeyMapSchema>>({ schema: atRestKeyMapSchema, owner: 'system', default: { entries: [] } }),
};

/** Keys the generic 'settings.save' command may write (the others have their own command or are the system's). */
export const GENERIC_SETTING_KEYS = (Object.keys(SETTINGS) as (keyof typeof SETTINGS)[]).filter((k) => SETTINGS[k].audit && SETTINGS[k].owner !== 'system');

export type SettingKey = keyof typeof SETTINGS;
export { DEFAULT_ATTACHMENT_LIMITS };
export type SettingValue<K extends SettingKey> = (typeof SETTINGS)[K] extends SettingDescriptor<infer T> ? T : never;
