import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { todayIso } from '../../shared/domain/dates';
import { classificationSchema, isClassified, type Classification } from '../../shared/domain/enums';
import { applyIncomingAction, duplicateKeyOf, INCOMING_NOT_FOUND, newIncomingRecord, normalizeRegistration, registrationSchema } from '../../shared/domain/incoming';
import type { IncomingAction, IncomingRecord, Registration } from '../../shared/domain/incoming-types';
import { DEFAULT_LAN_MAX_CLASSIFICATION, incomingReachesSeat, lanClassificationRefusal } from '../../shared/domain/lan-scope';
import { formatRegisterNumber, SERIES_PATTERNS, DEFAULT_INCOMING_PATTERN } from '../../shared/domain/numbering';
import { auditLabel, INCOMING_REGISTER } from '../../shared/domain/registers';
import { RuleError } from '../../shared/domain/rule-error';
import { firstZodProblem } from '../../shared/domain/zod-problem';
import { cleanParagraphs } from '../../shared/domain/text';
import { LAN_CLASSIFIED_REFUSAL } from '../../shared/domain/lan-protocol';
import { incomingTaskInput, taskDoneWithIncoming, taskFinishedBy } from '../../shared/domain/supervision';
import { createWorkCalendar, type CalendarOverride } from '../../shared/domain/workdays';
import type pg from 'pg';
import { readMeta, writeMeta } from './db';
import { ConflictError, defineServerCommand } from './pipeline';
import { createServerTask, finishServerTaskWith } from './supervision';

// 收文 on the office LAN server (issue #19): the PC's commands incoming.register and incoming.act
// (renderer/db/repositories/incoming.ts), applying the same shared/domain rules to the records in
// PostgreSQL, with the 督办 事项 a 承办 makes (supervision.ts). What the PC does beside them and
// the server does not do yet is refused with a message rather than done halfway: 秘密 and above
// (their 涉密载体 rows).

const TBL = INCOMING_REGISTER.table;

export const LAN_SETTINGS_KEY = 'lan';
/**
 * 节假日设定 on the server: the overrides of the shipped official schedule, as the PC keeps them
 * (calendarOverrides). Read here so 办理时限 in 工作日 comes out as on the PC; the 系统管理员's
 * screen to set them over the LAN is not built yet (an empty list: the official schedule).
 */
export const CALENDAR_KEY = 'calendarOverrides';
export interface LanSettings {
  maxClassification: Classification;
}

export async function lanSettings(client: pg.ClientBase): Promise<LanSettings> {
  return readMeta<LanSettings>(client, LAN_SETTINGS_KEY, { maxClassification: DEFAULT_LAN_MAX_CLASSIFICATION });
}

export const serverRegisterIncoming = defineServerCommand({
  name: 'incoming.register',
  input: z.object({
    registration: z.custom<Registration>((v) => typeof v === 'object' && v !== null),
    duplicateReason: z.string().optional(),
    /** The id the seat gave the record it registered offline (待编号), so its copy becomes this one. */
    id: z.string().regex(/^[A-Za-z0-9-]{8,64}$/).optional(),
  }),
  permission: 'incoming.process',
  run: async (ctx, input): Promise<IncomingRecord> => {
    if (input.id && (await ctx.get(TBL, input.id))) throw new RuleError('该收文已在服务器上登记');
    const parsed = registrationSchema.safeParse(input.registration);
    if (!parsed.success) throw firstZodProblem(parsed.error);
    const reg = normalizeRegistration(parsed.data as Registration);
    if (reg.receivedDate > todayIso(ctx.now)) throw RuleError.at('receivedDate', '收文日期不能晚于今天');
    const refusal = lanClassificationRefusal(reg.classification, (await lanSettings(ctx.client)).maxClassification);
    if (refusal) throw RuleError.at('classification', refusal);
    if (isClassified(reg.classification)) throw RuleError.at('classification', LAN_CLASSIFIED_REFUSAL);
    const key = duplicateKeyOf(reg.fromUnit, reg.docNumber);
    const reason = cleanParagraphs(input.duplicateReason);
    let duplicateOverride: IncomingRecord['duplicateOverride'];
    if (key) {
      // Two seats registering the same document at once: the second waits and then finds the first.
      await ctx.lockKey(`incoming-duplicate:${key}`);
      const { rows } = await ctx.client.query<{ row: IncomingRecord }>(`SELECT row FROM records WHERE tbl = $1 AND row->>'duplicateKey' = $2 LIMIT 1`, [TBL, key]);
      const dup = rows[0]?.row;
      if (dup && !reason) throw new RuleError(`同一来文单位、来文字号已于 ${dup.receivedDate} 登记为 ${dup.serial}`, 'docNumber');
      if (dup) duplicateOverride = { ofId: dup.id, ofSerial: dup.serial, reason };
    }
    const { incomingPattern } = await readMeta(ctx.client, 'numbering', { incomingPattern: DEFAULT_INCOMING_PATTERN });
    const year = Number(reg.receivedDate.slice(0, 4));
    const seq = await ctx.takeNumber(SERIES_PATTERNS.收文.series, year);
    const record = newIncomingRecord(reg, {
      id: input.id ?? randomUUID(),
      seq,
      serial: formatRegisterNumber(incomingPattern, year, seq, ''),
      by: { id: ctx.actor.id, name: ctx.actor.displayName },
      now: ctx.now,
      via: '登记',
      ...(duplicateOverride ? { duplicateOverride } : {}),
    });
    await ctx.put(TBL, record.id, record);
    ctx.audit({
      action: '收文登记',
      entityType: '收文',
      entityId: record.id,
      summary: `${auditLabel(INCOMING_REGISTER, record)}${duplicateOverride ? `（重复来文，同 ${duplicateOverride.ofSerial}；理由：${duplicateOverride.reason}）` : ''}`,
    });
    return record;
  },
});

export const serverActOnIncoming = defineServerCommand({
  name: 'incoming.act',
  input: z.object({
    id: z.string().min(1),
    action: z.custom<IncomingAction>((v) => typeof v === 'object' && v !== null && 'type' in v),
    /** The version the seat saw: a refusal on a record changed since is 已被他人处理. */
    baseVersion: z.number().int().positive().optional(),
    /** 承办 of a 批示'd 收文: the 督办 事项 as the secretary worded it (default: 标题 + 批示). */
    taskContent: z.string().max(2000).optional(),
  }),
  permission: null,
  run: async (ctx, { id, action, baseVersion, taskContent }): Promise<IncomingRecord> => {
    const stored = await ctx.get<IncomingRecord>(TBL, id, true);
    // A record outside the user's scope is answered as one that does not exist.
    if (!stored || !incomingReachesSeat(ctx.actor, stored.row)) throw new RuleError(INCOMING_NOT_FOUND);
    const before = stored.row;
    let after: IncomingRecord;
    try {
      after = applyIncomingAction(before, action, { id: ctx.actor.id, name: ctx.actor.displayName, roles: ctx.actor.roles }, ctx.now, createWorkCalendar(await readMeta<CalendarOverride[]>(ctx.client, CALENDAR_KEY, [])));
    } catch (e) {
      if (e instanceof RuleError && baseVersion !== undefined && baseVersion !== stored.version) {
        throw new ConflictError(e.message, { tbl: TBL, row: before, version: stored.version });
      }
      throw e;
    }
    // The 督办 事项 as the PC makes and finishes it (renderer/db/repositories/supervision.ts followIncoming).
    const made = incomingTaskInput(ctx.actor, before, after, taskContent);
    if (made) after = { ...after, taskId: (await createServerTask(ctx, made, `来源：收文 ${after.serial} 批示`)).id };
    const finished = taskFinishedBy(ctx.actor, before, after);
    if (finished) await finishServerTaskWith(ctx, finished, taskDoneWithIncoming(after, ctx.now), after.serial);
    await ctx.put(TBL, id, after);
    const last = after.history[after.history.length - 1];
    ctx.audit({
      action: `收文${action.type}`,
      entityType: '收文',
      entityId: id,
      summary: `${auditLabel(INCOMING_REGISTER, after)} ${before.state} → ${after.state}${last?.note ? `：${last.note.slice(0, 60)}` : ''}`,
    });
    return after;
  },
});

export const serverSetLanMaxClassification = defineServerCommand({
  name: 'lan.setMaxClassification',
  input: z.object({ maxClassification: classificationSchema }),
  permission: 'settings.manage',
  run: async (ctx, { maxClassification }): Promise<LanSettings> => {
    const before = await lanSettings(ctx.client);
    const value: LanSettings = { maxClassification };
    await writeMeta(ctx.client, LAN_SETTINGS_KEY, value);
    ctx.audit({ action: '修改局域网最高密级', entityType: '设置', entityId: LAN_SETTINGS_KEY, summary: `${before.maxClassification} → ${maxClassification}` });
    return value;
  },
});
