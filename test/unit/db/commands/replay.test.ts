import { describe, expect, test } from 'vitest';
import { applyChangeLog } from '../../../../renderer/db/commands/replay';
import { actOnCarrier, copyCarrierWithApproval, endInventorySession, registerCarrier, startInventorySession, tickInventoryCarrier } from '../../../../renderer/db/repositories/carriers';
import { actOnIncoming, registerIncoming } from '../../../../renderer/db/repositories/incoming';
import { correctMeetingMinutes, createMeetingRecord, issueMeetingMinutes, saveMinutes, savePerson, signInInvitee } from '../../../../renderer/db/repositories/meetings';
import { addTaskProgress, createManualTask, finishTask, remindTaskRec } from '../../../../renderer/db/repositories/supervision';
import type { Registration } from '../../../../shared/domain/incoming-types';
import { meetingInput, minutesInput, decisionByDate } from '../../../fixtures/meetings';
import { carrierOffice, freshDb, personRef as ref } from '../helpers';
import { recordOutput } from '../../../../renderer/db/repositories/output';
import { correctFiledRecord, fileRecords, getFilingSettings, saveFilingSettings } from '../../../../renderer/db/repositories/filing';
import { buildTransferPackage, importTransferPackage, openTransferPackage } from '../../../../renderer/db/repositories/transfer';
import type { ChangeLogRow } from '../../../../renderer/db/commands/change-log';
import type { WenshuDB } from '../../../../renderer/db/database';
import { baseRegistration, filingOffice, finishedIncoming } from '../../../fixtures/filing';

// The change log is the seam for sync: a day of mixed work across the four registers (收文,
// 涉密载体, 会议纪要, 督办), replayed into an empty database, must give the same tables.

const base: Registration = {
  receivedDate: '2026-11-20', fromUnit: '县财政局', docNumber: '县财发[2026]12号', title: '关于做好年终财务决算工作的通知', docType: '通知',
  classification: '非密', copies: 1, pages: 3, urgency: '普通', signedBy: '张秘书', handling: '办件',
};

const at = (day: number, hour = 10) => new Date(2026, 10, day, hour, 0); // November 2026, local time

describe('change-log replay', () => {
  test('a day of mixed work across all four registers replays into an empty database as deep-equal tables', async () => {
    const { db, clerk, reader, dept, baomi, leader, carrierInput } = await carrierOffice();

    // 收文: a plain one with a 批示 (which makes a 督办 task) and a 机密 one (which registers carriers).
    const plain = await registerIncoming(db, clerk, base, {}, at(20, 9));
    await registerIncoming(db, clerk, { ...base, docNumber: '县财发[2026]13号', classification: '机密', copyNumber: '1', copies: 2 }, {}, at(20, 9));
    await actOnIncoming(db, clerk, plain.id, { type: '初审' }, at(20));
    await actOnIncoming(db, clerk, plain.id, { type: '拟办', text: '请办公室阅处' }, at(20));
    await actOnIncoming(db, clerk, plain.id, { type: '批示', leader: '李县长', text: '请办公室按时办理', at: '2026-11-20T08:30:00.000Z', oral: false }, at(20));
    await actOnIncoming(db, clerk, plain.id, { type: '承办', host: { id: dept.id, name: dept.name }, cooperating: [], deadline: { kind: 'date', date: '2026-12-01' } } as never, at(20));

    // 涉密载体: registered, lent, returned, copied, printed, inventoried.
    const carrier = await registerCarrier(db, baomi, carrierInput, at(20));
    await actOnCarrier(db, baomi, carrier.id, { type: '借出', borrower: ref(reader), purpose: '起草答复意见', approver: ref(leader), dueDate: '2026-11-30' }, at(21));
    await actOnCarrier(db, baomi, carrier.id, { type: '归还' }, at(23));
    await copyCarrierWithApproval(db, baomi, carrier.id, { type: '复制', approval: { kind: 'unit', approver: ref(baomi) }, copyNumber: '2' }, at(23));
    await recordOutput(db, baomi, { kind: '载体打印', document: '涉密载体登记表', carrierIds: [carrier.id], watermark: null }, at(23));
    const session = await startInventorySession(db, baomi, { kind: '存放位置', location: '机要室 1 号保密柜' }, at(24));
    await tickInventoryCarrier(db, baomi, session.id, carrier.id, '在位', at(24));
    await endInventorySession(db, baomi, session.id, at(24, 11));

    // 会议: people, a meeting, 签到, minutes saved and issued (two 督办 tasks), then corrected
    // (the second 议定事项 removed: its task is withdrawn).
    await savePerson(db, clerk, { name: '李局长', unit: '县教育局', title: '局长' });
    const meeting = await createMeetingRecord(db, clerk, meetingInput(), at(20));
    await signInInvitee(db, clerk, meeting.id, 'p-li', { status: '到会' }, at(27, 9));
    await saveMinutes(db, clerk, meeting.id, minutesInput(), at(27, 16));
    const { tasks } = await issueMeetingMinutes(db, clerk, meeting.id, at(30));
    await correctMeetingMinutes(db, clerk, meeting.id, minutesInput({ decisions: [{ ...decisionByDate }] }), '第二项已另行部署', at(30, 11));

    // 督办: progress, a 催办, 办结; a 口头交办.
    const [kept, withdrawn] = tasks as [(typeof tasks)[number], (typeof tasks)[number]];
    await addTaskProgress(db, clerk, kept.id, { date: '2026-11-30', text: '已起草初稿' }, at(30, 14));
    await remindTaskRec(db, clerk, kept.id, '请按时报送', at(30, 15));
    await finishTask(db, clerk, kept.id, { date: '2026-11-30', result: '报告已报送' }, at(30, 16));
    await createManualTask(db, clerk, { content: '清理拖欠企业账款', unit: '县财政局', person: '赵科长', dueDate: '2026-12-10', assignedBy: '张县长' }, at(30, 16));
    expect((await db.tasks.get(withdrawn.id))!.state).toBe('已撤销');

    const log = await db.changeLog.orderBy('seq').toArray();
    const entities = [...new Set(log.map((r) => r.entity))];
    expect(entities).toEqual(expect.arrayContaining(['incoming', 'carriers', 'counters', 'inventorySessions', 'people', 'meetings', 'tasks']));
    // Every command named in the brief left its rows, under its own name.
    expect(new Set(log.map((r) => r.command))).toEqual(
      new Set([
        'incoming.register', 'incoming.act',
        'carrier.register', 'carrier.act', 'carrier.copy', 'inventory.start', 'inventory.tick', 'inventory.end',
        'people.save', 'meeting.create', 'meeting.signIn', 'minutes.saveDraft', 'minutes.issue', 'minutes.correct',
        'task.progress', 'task.remind', 'task.complete', 'task.create',
        // A carrier print is an output: logged by output.record with its 复制 line.
        'output.record',
        // staffedOffice's own setup (departments, …) where it already runs as commands.
        ...log.filter((r) => !/^(incoming|carrier|inventory|people|meeting|minutes|task)\./.test(r.command)).map((r) => r.command),
      ]),
    );
    // No register row is ever deleted: the withdrawn task is a put.
    expect(log.filter((r) => r.operation === 'delete')).toEqual([]);

    const replica = freshDb();
    await replica.open();
    replica.keyring.unlock(db.keyring.exportDataKey());
    await applyChangeLog(replica, log);
    for (const entity of entities) {
      const ids = new Set(log.filter((r) => r.entity === entity).map((r) => JSON.stringify(r.entityId)));
      const keyPath = db.table(entity).schema.primKey.keyPath as string;
      const original = (await db.table(entity).toArray()).filter((row) => ids.has(JSON.stringify((row as Record<string, unknown>)[keyPath])));
      // The registers and their counters are written by commands only: compared whole.
      if (['incoming', 'carriers', 'counters', 'inventorySessions', 'people', 'meetings', 'tasks', 'departments'].includes(entity)) {
        expect(original.length, entity).toBe(await db.table(entity).count());
      }
      expect(await replica.table(entity).toArray(), entity).toEqual(original);
    }
  });

  test('a 迁移包 import and a 归档 of a finished 收文 (and its 更正) leave their rows and replay as deep-equal tables', { timeout: 180_000 }, async () => {
    // The sender: another installation with one 收文 of its own, put in a package.
    const sender = await filingOffice();
    const sent = await registerIncoming(sender.db, sender.clerk, { ...baseRegistration, docNumber: '县财发〔2026〕900号' }, {}, at(20, 9));
    const prepared = await buildTransferPackage(sender.db, sender.clerk, { incoming: [sent.id] }, { purpose: '本单位其他计算机', recipient: '县政府办公室' }, at(21));

    // The receiver imports it first (its 收文 counter is raised past the sender's number), then
    // finishes a 收文 of its own, changes the 归档 settings, files it and corrects the entry.
    const { db, clerk, dept } = await filingOffice();
    const opened = await openTransferPackage(prepared.bytes, prepared.passphrase);
    const imported = await importTransferPackage(db, clerk, opened, at(23));
    expect(imported.added).toMatchObject({ incoming: 1 });
    const own = await finishedIncoming(db, clerk, { id: dept.id, name: dept.name });
    expect(own.serial).not.toBe(sent.serial);
    await saveFilingSettings(db, clerk, { ...(await getFilingSettings(db)), defaultOrgCode: 'BGS' }, new Date(2026, 11, 1, 9));
    const [row] = await fileRecords(db, clerk, 2026, [{ kind: '收文', recordId: own.id, orgCode: 'BGS', retention: '永久' }], new Date(2026, 11, 1, 10));
    await correctFiledRecord(db, clerk, row!.id, { pages: 5 }, '页数核对有误', new Date(2026, 11, 2, 10));

    const log = await db.changeLog.orderBy('seq').toArray();
    const of = (command: string) => log.filter((r) => r.command === command).map((r) => [r.entity, r.entityId]);
    expect(of('transfer.import')).toContainEqual(['incoming', sent.id]);
    // The 收文 counter raised past the imported number.
    expect(of('transfer.import').filter(([entity]) => entity === 'counters')).toHaveLength(1);
    expect(of('filing.file')).toEqual(expect.arrayContaining([['archive', row!.id], ['incoming', own.id], ['counters', '归档:BGS:Y|2026']]));
    expect(of('filing.saveSettings')).toEqual([['settings', 'filing']]);
    expect(of('filing.correct')).toEqual([['archive', row!.id]]);
    // The imported and the filed 收文 as the log last wrote them are the rows now stored.
    const last = (entity: string, id: string) => log.filter((r) => r.entity === entity && r.entityId === id).at(-1)?.after;
    expect(last('incoming', sent.id)).toEqual(await db.incoming.get(sent.id));
    expect(last('archive', row!.id)).toEqual(await db.archive.get(row!.id));

    await expectReplayEqual(db, log, ['incoming', 'archive', 'counters', 'departments']);
  });
});

/** Replays `log` into an empty database: every logged row is there as stored; `whole` tables match entirely. */
async function expectReplayEqual(db: WenshuDB, log: readonly ChangeLogRow[], whole: readonly string[]): Promise<void> {
  const replica = freshDb();
  await replica.open();
  replica.keyring.unlock(db.keyring.exportDataKey());
  await applyChangeLog(replica, log);
  for (const entity of new Set(log.map((r) => r.entity))) {
    const ids = new Set(log.filter((r) => r.entity === entity).map((r) => JSON.stringify(r.entityId)));
    // A compound key (importedFiles: [sha256+kind]) is logged as the array of its parts.
    const keyPath = db.table(entity).schema.primKey.keyPath as string | string[];
    const keyOf = (row: Record<string, unknown>) => (Array.isArray(keyPath) ? keyPath.map((k) => row[k]) : row[keyPath]);
    const original = (await db.table(entity).toArray()).filter((row) => ids.has(JSON.stringify(keyOf(row as Record<string, unknown>))));
    if (whole.includes(entity)) expect(original.length, entity).toBe(await db.table(entity).count());
    expect(await replica.table(entity).toArray(), entity).toEqual(original);
  }
}
