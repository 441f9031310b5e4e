import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { defineCommand } from '../../../../renderer/db/commands/define';
import { execute, runCommand } from '../../../../renderer/db/commands/execute';
import { applyChangeLog } from '../../../../renderer/db/commands/replay';
import { WenshuDB } from '../../../../renderer/db/database';
import { actOnIncoming, registerIncoming, saveNumberingSettings } from '../../../../renderer/db/repositories/incoming';
import { saveMeetingSettings } from '../../../../renderer/db/repositories/meetings';
import { getSetting, saveDepartment } from '../../../../renderer/db/repositories/settings';
import { PermissionError } from '../../../../shared/domain/permissions';
import { RuleError } from '../../../../shared/domain/rule-error';
import type { Registration } from '../../../../shared/domain/incoming-types';
import { freshDb, staffedOffice } from '../helpers';

// A command used only here: writes one department, optionally fails after writing.
const probe = defineCommand({
  name: 'test.probe',
  input: z.object({ code: z.string().min(2, '代码太短'), fail: z.boolean().optional(), skipAudit: z.boolean().optional() }),
  permission: 'settings.manage',
  tables: ['departments'],
  run: async ({ put, audit }, { code, fail, skipAudit }) => {
    await put('departments', { id: `d-${code}`, code, name: `部门${code}`, disabled: false });
    if (!skipAudit) audit({ action: '测试', entityType: '机构', entityId: `d-${code}`, summary: code });
    if (fail) throw new RuleError('处理中出错');
    return code;
  },
});

// Compile-time: a handler writing a table its command did not declare does not type-check.
function undeclaredWrite() {
  return defineCommand({
    name: 'test.undeclared',
    input: z.object({}),
    permission: null,
    tables: ['departments'],
    run: async (ctx) => {
      // @ts-expect-error — 'incoming' is not among the declared tables
      await ctx.put('incoming', {} as never);
    },
  });
}
void undeclaredWrite;

const base: Registration = {
  receivedDate: '2026-11-20', fromUnit: '县财政局', docNumber: '县财发[2026]12号', title: '关于做好年终财务决算工作的通知', docType: '通知',
  classification: '非密', copies: 1, pages: 3, urgency: '普通', signedBy: '张秘书', handling: '办件',
};

describe('the command pipeline', () => {
  test('a command needing a permission the actor lacks is refused before anything is written', async () => {
    const { db, reader } = await staffedOffice();
    const before = await db.changeLog.count();
    await expect(runCommand(db, reader, probe, { code: 'XX' })).rejects.toBeInstanceOf(PermissionError);
    expect(await db.departments.get('d-XX')).toBeUndefined();
    expect(await db.changeLog.count()).toBe(before);
  });

  test('input refused by the zod schema is a RuleError on its field', async () => {
    const { db, admin } = await staffedOffice();
    await expect(execute(db, admin, { name: 'test.probe', input: { code: 'X' } })).rejects.toMatchObject({ field: 'code', message: '代码太短' });
    await expect(execute(db, admin, { name: 'no.such', input: {} })).rejects.toBeInstanceOf(RuleError);
  });

  test('record, audit entry and change-log row are written in one transaction; an error in the handler leaves none', async () => {
    const { db, admin } = await staffedOffice();
    const audits = await db.auditLog.count();
    const logs = await db.changeLog.count();
    await expect(runCommand(db, admin, probe, { code: 'FA', fail: true })).rejects.toThrow('处理中出错');
    expect(await db.departments.get('d-FA')).toBeUndefined();
    expect(await db.auditLog.count()).toBe(audits);
    expect(await db.changeLog.count()).toBe(logs);

    expect(await runCommand(db, admin, probe, { code: 'OK' })).toBe('OK');
    expect(await db.auditLog.count()).toBe(audits + 1);
    const rows = await db.changeLog.where('seq').above(0).toArray();
    const mine = rows.filter((r) => r.command === 'test.probe');
    expect(mine).toEqual([
      expect.objectContaining({ entity: 'departments', entityId: 'd-OK', operation: 'put', actorId: admin.id, after: { id: 'd-OK', code: 'OK', name: '部门OK', disabled: false } }),
    ]);
  });

  test('a command that reports no audit entry is refused and rolled back', async () => {
    const { db, admin } = await staffedOffice();
    const logs = await db.changeLog.count();
    await expect(runCommand(db, admin, probe, { code: 'NA', skipAudit: true })).rejects.toThrow('未写审计日志');
    expect(await db.departments.get('d-NA')).toBeUndefined();
    expect(await db.changeLog.count()).toBe(logs);
  });

  test('a register record cannot be hard-deleted by a command', async () => {
    const { db, admin, clerk } = await staffedOffice();
    const r = await registerIncoming(db, clerk, base);
    const del = defineCommand({
      name: 'test.delete-incoming',
      input: z.object({ id: z.string() }),
      permission: null,
      tables: ['incoming'],
      run: async (ctx, { id }) => {
        ctx.audit({ action: '测试', entityType: '收文', entityId: id, summary: '' });
        await ctx.delete('incoming', id);
      },
    });
    await expect(runCommand(db, admin, del, { id: r.id })).rejects.toThrow('不得删除');
    expect(await db.incoming.get(r.id)).toBeDefined();
  });

  test('typed settings: defaults, saved values, and field errors from the schema', async () => {
    const { db, admin } = await staffedOffice();
    expect((await getSetting(db, 'numbering')).incomingPattern).toBe('收〔YYYY〕NNNN');
    await expect(saveNumberingSettings(db, admin, { incomingPattern: '收NNNN' })).rejects.toMatchObject({ field: 'incomingPattern' });
    await saveNumberingSettings(db, admin, { incomingPattern: '收文〔YYYY〕NNN' });
    expect(await getSetting(db, 'numbering')).toEqual({ incomingPattern: '收文〔YYYY〕NNN' });
  });
});

describe('change-log replay', () => {
  test('replaying a day of work into an empty database gives deep-equal tables', async () => {
    const { db, admin, clerk, dept } = await staffedOffice();
    const now = new Date('2026-11-20T09:00:00');
    await saveNumberingSettings(db, admin, { incomingPattern: '收〔YYYY〕NNNN' }, now);
    await saveMeetingSettings(db, clerk, { types: ['常务会议', '专题会议'], minutesPattern: '第N期', dueWorkdays: 5 }, now);
    await saveDepartment(db, admin, { code: 'CZK', name: '财政科' }, now);
    const plain = await registerIncoming(db, clerk, base, {}, now);
    // A 机密 收文 also registers its carriers (份号) and takes the 载体 counter.
    const secret = await registerIncoming(db, clerk, { ...base, docNumber: '县财发[2026]13号', classification: '机密', copyNumber: '1', copies: 2 }, {}, now);
    await actOnIncoming(db, clerk, plain.id, { type: '初审' }, now);
    await actOnIncoming(db, clerk, plain.id, { type: '拟办', text: '请办公室阅处' }, now);
    await actOnIncoming(db, clerk, secret.id, { type: '初审' }, now);
    await actOnIncoming(db, clerk, plain.id, { type: '批示', leader: '李县长', text: '请办公室按时办理', at: '2026-11-20T08:30:00.000Z', oral: false }, now);
    await actOnIncoming(db, clerk, plain.id, { type: '承办', host: { id: dept.id, name: dept.name }, cooperating: [], deadline: { kind: 'date', date: '2026-12-01' } } as never, now);

    const log = await db.changeLog.orderBy('seq').toArray();
    const entities = [...new Set(log.map((r) => r.entity))];
    expect(entities).toEqual(expect.arrayContaining(['settings', 'departments', 'incoming', 'carriers', 'counters']));
    // One command id per execute, shared by every row it wrote.
    const reg = log.filter((r) => r.command === 'incoming.register' && r.entityId === secret.id)[0]!;
    expect(log.filter((r) => r.commandId === reg.commandId).map((r) => r.entity).sort()).toEqual(['carriers', 'carriers', 'counters', 'counters', 'counters', 'incoming']);

    const replica = freshDb();
    await replica.open();
    replica.keyring.unlock(db.keyring.exportDataKey());
    await applyChangeLog(replica, log);
    for (const entity of entities) {
      const ids = new Set(log.filter((r) => r.entity === entity).map((r) => JSON.stringify(r.entityId)));
      const keyPath = db.table(entity).schema.primKey.keyPath as string;
      const original = (await db.table(entity).toArray()).filter((row) => ids.has(JSON.stringify((row as Record<string, unknown>)[keyPath])));
      // Tables every write of which is a command are compared whole.
      if (['incoming', 'carriers', 'counters', 'departments', 'tasks'].includes(entity)) expect(original.length).toBe(await db.table(entity).count());
      expect(await replica.table(entity).toArray()).toEqual(original);
    }
    expect(replica).toBeInstanceOf(WenshuDB);
  });
});
