import { describe, expect, test } from 'vitest';
import { COMMANDS, send, type CommandName, type CommandOutput } from '../../../../renderer/db/commands/client';
import { RuleError } from '../../../../shared/domain/rule-error';
import { PermissionError } from '../../../../shared/domain/permissions';
import { staffedOffice } from '../helpers';

// Compile-time: an unknown name, or an input of the wrong shape, does not type-check.
function misuse(db: Parameters<typeof send>[0], actor: Parameters<typeof send>[1]) {
  // @ts-expect-error — no command has this name
  void send(db, actor, 'calendar.frobnicate', {});
  // @ts-expect-error — calendar.removeOverride takes { date: string }
  void send(db, actor, 'calendar.removeOverride', { day: '2026-10-01' });
  const out: Promise<CommandOutput<'account.reject'>> = send(db, actor, 'account.reject', { requestId: 'x', reason: 'y' });
  void out;
  // @ts-expect-error — task.complete takes the task's id with its date and result
  void send(db, actor, 'task.complete', { date: '2026-10-10', result: '已办' });
  const issued: Promise<CommandOutput<'minutes.issue'>> = send(db, actor, 'minutes.issue', { id: 'm' });
  void issued.then((r) => r.tasks.map((t) => t.serial));
}
void misuse;

describe('the typed client', () => {
  test('one map holds every command under its own name, from every module', () => {
    const names = Object.keys(COMMANDS) as CommandName[];
    for (const n of names) expect(COMMANDS[n].name).toBe(n);
    expect(names).toEqual(
      expect.arrayContaining([
        'incoming.register', 'settings.save', 'setup.complete', 'session.signIn', 'session.signOut', 'session.lock', 'user.create', 'user.update',
        'user.disable', 'user.changePassword', 'account.request', 'account.withdraw', 'account.approve', 'account.reject', 'calendar.saveOverride',
        'calendar.removeOverride', 'audit.verify', 'backup.settings.save', 'backup.record', 'backup.fail',
        'filing.saveSettings', 'filing.file', 'filing.correct', 'filingPackage.recordCheck', 'transfer.import',
        'carrier.register', 'carrier.act', 'carrier.copy', 'carrier.edit', 'inventory.start', 'inventory.tick', 'inventory.end',
        'people.save', 'meeting.create', 'meeting.edit', 'meeting.signIn', 'minutes.saveDraft', 'minutes.issue', 'minutes.correct',
        'task.create', 'task.progress', 'task.complete', 'task.remind', 'output.record', 'phrases.save',
        'incoming.correct', 'carrier.correct', 'meeting.correct', 'settings.slipLayout.save',
      ]),
    );
  });

  test('send runs a command by name end to end: authorized, validated, written, audited, change-logged', async () => {
    const { db, admin, clerk } = await staffedOffice();
    const now = new Date('2026-09-01T10:00:00');
    await expect(send(db, clerk, 'calendar.saveOverride', { date: '2026-10-10', kind: 'workday', note: '调休' }, now)).rejects.toBeInstanceOf(PermissionError);
    await expect(send(db, admin, 'calendar.saveOverride', { date: '2026-13-40', kind: 'workday' }, now)).rejects.toMatchObject({ field: 'date' });
    expect(await db.calendarOverrides.count()).toBe(0);

    await send(db, admin, 'calendar.saveOverride', { date: '2026-10-10', kind: 'workday', note: '调休' }, now);
    expect(await db.calendarOverrides.get('2026-10-10')).toMatchObject({ kind: 'workday', note: '调休', updatedBy: admin.username });
    const entry = await db.auditLog.orderBy('seq').last();
    expect(entry).toMatchObject({ action: '新增节假日设定', entityId: '2026-10-10', actorId: admin.id });
    const logged = (await db.changeLog.toArray()).filter((r) => r.command === 'calendar.saveOverride');
    expect(logged).toEqual([expect.objectContaining({ entity: 'calendarOverrides', entityId: '2026-10-10', operation: 'put', actorId: admin.id })]);

    await send(db, admin, 'calendar.removeOverride', { date: '2026-10-10' }, now);
    expect(await db.calendarOverrides.get('2026-10-10')).toBeUndefined();
    expect((await db.changeLog.toArray()).filter((r) => r.command === 'calendar.removeOverride')).toEqual([
      expect.objectContaining({ entity: 'calendarOverrides', entityId: '2026-10-10', operation: 'delete' }),
    ]);
  });

  test('an unknown name from an untyped caller is a RuleError', async () => {
    const { db, admin } = await staffedOffice();
    await expect(send(db, admin, 'no.such' as CommandName, {} as never)).rejects.toBeInstanceOf(RuleError);
  });

  test('typed settings: the generic save refuses system rows and settings that have a command of their own', async () => {
    const { db, admin } = await staffedOffice();
    const before = await db.settings.get('atRest');
    await expect(send(db, admin, 'settings.save', { key: 'atRest', value: { state: 'migrating', keyId: 'x', startedAt: '' } })).rejects.toThrow('该设置由系统维护');
    await expect(send(db, admin, 'settings.save', { key: 'backup', value: { intervalDays: 1, keep: 1 } })).rejects.toThrow('backup.settings.save');
    expect(await db.settings.get('atRest')).toEqual(before);
  });
});
