import { describe, expect, test } from 'vitest';
import { verifyAuditChain } from '../../../renderer/db/audit';
import { isSeatPc } from '../../../renderer/db/lan/pull';
import { WenshuDB } from '../../../renderer/db/database';
import { CURRENT_SCHEMA_VERSION, SCHEMA_VERSIONS } from '../../../renderer/db/schema';
import { completeSetup, login } from '../../../renderer/db/repositories/auth';
import { saveDepartment, getUnitInfo } from '../../../renderer/db/repositories/settings';
import { toActor } from '../../../renderer/db/repositories/users';
import { seedUser } from './helpers';
import { createManualTask, issuedBulletin, listTasks, tasksOfMeeting } from '../../../renderer/db/repositories/supervision';
import { send } from '../../../renderer/db/commands/client';
import { createMeetingRecord, issueMeetingMinutes, saveMinutes } from '../../../renderer/db/repositories/meetings';
import { checkDuplicate, fromUnitSuggestions, listIncoming } from '../../../renderer/db/repositories/incoming';
import { AT_REST_STATE_KEY } from '../../../renderer/db/at-rest/session';
import { archiveYears, fileRecords, filingCandidates, listArchive } from '../../../renderer/db/repositories/filing';
import { listCarriers, listInventorySessions, registerCarrier, startInventorySession } from '../../../renderer/db/repositories/carriers';
import { docNumberLedger, listOutgoing } from '../../../renderer/db/repositories/outgoing';
import { REGISTERS } from '../../../shared/domain/registers';
import { attachmentUsage, listAttachments, openAttachment } from '../../../renderer/db/repositories/attachments';
import { findImportedFile } from '../../../renderer/db/repositories/imported-files';
import { importIncoming, repeatedImportRows } from '../../../renderer/db/repositories/incoming';

// The migration harness: for every schema version the app ever shipped, build a database at that
// version through the real write paths of that time, close it, open it with the current schema,
// and check that everything is still there and still works. A new schema version adds its seed
// below and an upgrade function in renderer/db/schema.ts.

type Seed = (db: WenshuDB) => Promise<void>;
type Check = (db: WenshuDB) => Promise<void>;

const SEEDS: Record<number, { seed: Seed; check: Check }> = {
  1: {
    seed: async (db) => {
      const admin = toActor(
        await completeSetup(db, { unitName: '迁移测试办', fondsCode: 'Z001', username: 'admin', password: 'Wenshu#2026x', passwordConfirm: 'Wenshu#2026x' }),
      );
      await saveDepartment(db, admin, { code: 'BGS', name: '办公室' });
    },
    check: async (db) => {
      expect(await getUnitInfo(db)).toEqual({ name: '迁移测试办', fondsCode: 'Z001' });
      expect((await db.departments.toArray()).map((d) => d.code)).toEqual(['BGS']);
      expect((await login(db, 'admin', 'Wenshu#2026x')).ok).toBe(true);
      expect((await verifyAuditChain(db)).ok).toBe(true);
    },
  },
  2: {
    // v2 adds 收文 and the search projection; v1 data gets empty registers.
    seed: async (db) => {
      const admin = toActor(
        await completeSetup(db, { unitName: '迁移测试办', fondsCode: 'Z001', username: 'admin', password: 'Wenshu#2026x', passwordConfirm: 'Wenshu#2026x' }),
      );
      await saveDepartment(db, admin, { code: 'BGS', name: '办公室' });
      // Written as that version did: there was no approval flow yet.
      const clerk = await seedUser(db, { username: 'clerk', displayName: '张秘书', password: 'Mishu#2026x', roles: ['秘书'] });
      // The record as v2 wrote it (today's registerIncoming also writes v3's carriers table).
      await db.incoming.add({
        receivedDate: '2026-03-02', fromUnit: '县财政局', docNumber: '县财发〔2026〕3号', title: '关于迁移测试的通知', docType: '通知',
        classification: '非密', copies: 1, pages: 2, urgency: '普通', signedBy: '张秘书', handling: '办件',
        id: 'v2-incoming-1', year: 2026, seq: 1, serial: '收〔2026〕0001', state: '已登记', duplicateKey: '县财政局|县财发〔2026〕3号',
        circulation: [], reminders: [], namedUserIds: [],
        history: [{ action: '登记', at: '2026-03-02T01:00:00.000Z', byId: clerk.id, byName: '张秘书' }],
        createdAt: '2026-03-02T01:00:00.000Z', updatedAt: '2026-03-02T01:00:00.000Z',
      });
      await db.counters.put({ key: '收文|2026', series: '收文', year: 2026, last: 1 });
    },
    check: async (db) => {
      const clerk = await db.users.where('usernameKey').equals('clerk').first();
      if (!clerk) {
        // Seeded at v1: the new tables exist and are empty.
        expect(await db.incoming.count()).toBe(0);
        return;
      }
      const page = await listIncoming(db, toActor(clerk), { search: '迁移测试', offset: 0, limit: 10 }, '2026-03-02');
      expect(page.rows.map((r) => r.serial)).toEqual(['收〔2026〕0001']);
    },
  },
  3: {
    // v3 adds the 涉密载体台账; older data gets an empty register.
    seed: async (db) => {
      await completeSetup(db, { unitName: '迁移测试办', fondsCode: 'Z001', username: 'admin', password: 'Wenshu#2026x', passwordConfirm: 'Wenshu#2026x' });
      // Written as that version did: there was no approval flow yet.
      const baomi = await seedUser(db, { username: 'baomi', displayName: '保密员', password: 'Jiyao#2026x', roles: ['安全保密管理员'] });
      const me = { userId: baomi.id, name: baomi.displayName };
      await registerCarrier(db, baomi, {
        name: '迁移测试载体', carrierType: '光盘', classification: '秘密', secrecyStart: '2026-01-05', copyNumber: '1', quantity: 1,
        source: { kind: '自制', unit: '办公室' }, knowers: [me], custodian: me, location: '保密柜',
      });
    },
    check: async (db) => {
      const baomi = await db.users.where('usernameKey').equals('baomi').first();
      if (!baomi) {
        expect(await db.carriers.count()).toBe(0);
        return;
      }
      const carriers = await db.carriers.toArray();
      expect(carriers.map((c) => c.state)).toEqual(['在库']);
      expect(carriers[0]!.serial).toMatch(/^载〔\d{4}〕0001$/);
      // The 台账's projection is built from the migrated table on first use.
      const page = await listCarriers(db, toActor(baomi), { search: '迁移测试', offset: 0, limit: 10 }, '2026-03-02');
      expect(page.rows.map((r) => r.record.name)).toEqual(['迁移测试载体']);
    },
  },
  4: {
    // v4 adds 清点 sessions; older data has none.
    seed: async (db) => {
      await SEEDS[3]!.seed(db);
      const baomi = (await db.users.where('usernameKey').equals('baomi').first())!;
      await startInventorySession(db, toActor(baomi), { kind: '存放位置', location: '保密柜' });
    },
    check: async (db) => {
      const baomi = await db.users.where('usernameKey').equals('baomi').first();
      const sessions = baomi ? await listInventorySessions(db, toActor(baomi)) : [];
      if ((await db.auditLog.where('action').equals('开始清点').count()) === 0) {
        expect(sessions).toEqual([]);
        return;
      }
      expect(sessions.map((x) => x.expectedIds.length)).toEqual([1]);
    },
  },
  5: {
    // v5 adds the 人员名录, meetings and 督办 tasks; older data has none.
    seed: async (db) => {
      await SEEDS[2]!.seed(db);
      const clerk = (await db.users.where('usernameKey').equals('clerk').first())!;
      await createManualTask(db, toActor(clerk), { content: '迁移测试督办', unit: '办公室', person: '张三', dueDate: '2026-12-01', assignedBy: '王主任' }, new Date('2026-11-23T01:00:00Z'));
    },
    check: async (db) => {
      const clerk = await db.users.where('usernameKey').equals('clerk').first();
      const tasks = await db.tasks.toArray();
      if (!clerk || (await db.auditLog.where('action').equals('新建督办').count()) === 0) {
        expect(tasks).toEqual([]);
        return;
      }
      const listed = await listTasks(db, toActor(clerk), {}, '2026-11-23');
      expect(listed.tasks.map((t) => [t.serial, t.content])).toEqual([['督〔2026〕0001', '迁移测试督办']]);
    },
  },
  6: {
    // v6 indexes tasks by their meeting; a 口头交办 task has none and is simply not in that index.
    seed: async (db) => {
      await SEEDS[5]!.seed(db);
      const clerk = toActor((await db.users.where('usernameKey').equals('clerk').first())!);
      const now = new Date('2026-11-23T02:00:00Z');
      const m = await createMeetingRecord(
        db,
        clerk,
        { name: '迁移测试会议', meetingType: '办公会议', startAt: '2026-11-23 09:00', location: '第一会议室', host: '王主任', recorder: '张秘书', classification: '非密', topics: [], invitees: [{ personId: 'p1', name: '李四', unit: '办公室', title: '科长', role: '出席' }] },
        now,
      );
      await saveMinutes(db, clerk, m.id, { title: '办公会议纪要', paragraphs: [], decisions: [{ id: 'd1', content: '迁移测试议定事项', unit: '办公室', person: '李四', deadline: { kind: 'workdays', days: 5 } }] }, now);
      await issueMeetingMinutes(db, clerk, m.id, now);
    },
    check: async (db) => {
      const clerkUser = await db.users.where('usernameKey').equals('clerk').first();
      const meetings = await db.meetings.toArray();
      const fromMeetings = (await db.tasks.toArray()).filter((t) => t.source.kind === '会议纪要');
      expect(await db.tasks.where('source.meetingId').above('').count()).toBe(fromMeetings.length);
      if (!clerkUser || meetings.length === 0) return;
      const tasks = await tasksOfMeeting(db, toActor(clerkUser), meetings[0]!.id);
      expect(tasks.map((t) => t.content)).toEqual(['迁移测试议定事项']);
    },
  },
  7: {
    // v7 adds the 归档 table; older data has nothing filed, and minutes issued before v7 can be
    // filed after it (the seed at v7 files them itself).
    seed: async (db) => {
      await SEEDS[6]!.seed(db);
      const clerk = toActor((await db.users.where('usernameKey').equals('clerk').first())!);
      const [meeting] = await db.meetings.toArray();
      // Through the registers v7 had (a register added later has no table yet at v7).
      const then = REGISTERS.filter((d) => db.tables.some((t) => t.name === d.table));
      await fileRecords(db, clerk, 2026, [{ kind: '纪要', recordId: meeting!.id, orgCode: 'BGS', retention: '永久' }], new Date('2026-12-01T02:00:00Z'), then);
    },
    check: async (db) => {
      const clerkUser = await db.users.where('usernameKey').equals('clerk').first();
      const [meeting] = await db.meetings.toArray();
      if (!clerkUser || !meeting?.issued) {
        expect(await db.archive.count()).toBe(0);
        return;
      }
      const clerk = toActor(clerkUser);
      if (!meeting.filed) {
        // Issued under an older version: offered for filing, and files as the first 件 of its class.
        expect((await filingCandidates(db, clerk, 2026)).map((c) => c.recordId)).toEqual([meeting.id]);
        await fileRecords(db, clerk, 2026, [{ kind: '纪要', recordId: meeting.id, orgCode: 'BGS', retention: '永久' }], new Date('2026-12-01T02:00:00Z'));
      }
      const { entries, boxes } = await listArchive(db, clerk, 2026);
      expect(entries.map((e) => [e.archiveCode, e.recordId, e.box])).toEqual([['Z001-WS·2026-Y-BGS-0001', meeting.id, 1]]);
      expect(boxes).toHaveLength(1);
      expect((await db.meetings.get(meeting.id))!.filed?.archiveCode).toBe('Z001-WS·2026-Y-BGS-0001');
      expect(await archiveYears(db, clerk)).toEqual([2026]);
      expect(await filingCandidates(db, clerk, 2026)).toEqual([]);
      expect((await verifyAuditChain(db)).ok).toBe(true);
    },
  },
  8: {
    // v8 (issue #12): no index may carry content any more. 来文单位 and people's names lose their
    // index, duplicateKey is stored as a keyed hash (the middleware maps the query), and four
    // tables are new (audit anchor, waiting login events, sealed audit segments, account requests).
    seed: async (db) => {
      await SEEDS[2]!.seed(db);
    },
    check: async (db) => {
      expect((await db.settings.get(AT_REST_STATE_KEY))?.value).toMatchObject({ state: 'done' });
      for (const t of ['auditAnchor', 'pendingAudit', 'auditSegments', 'accountRequests']) expect(db.tables.map((x) => x.name)).toContain(t);
      const clerkUser = await db.users.where('usernameKey').equals('clerk').first();
      if (!clerkUser?.roles.includes('秘书') || (await db.incoming.count()) === 0) return;
      const clerk = toActor(clerkUser);
      // The record written before v8 is still found as a duplicate, and its 来文单位 suggested.
      expect(await checkDuplicate(db, clerk, '县财政局', '县财发[2026]3号')).toMatchObject({ serial: '收〔2026〕0001' });
      expect(await fromUnitSuggestions(db, clerk, '财政')).toEqual(['县财政局']);
    },
  },
  9: {
    // v9 (issue #13): the change log. Older databases start with an empty one; every command from
    // then on adds a row per row it writes.
    seed: async (db) => {
      await SEEDS[2]!.seed(db);
    },
    check: async (db) => {
      expect(db.tables.map((x) => x.name)).toContain('changeLog');
      const admin = await db.users.where('usernameKey').equals('admin').first();
      if (!admin) return;
      const before = await db.changeLog.count();
      await saveDepartment(db, toActor(admin), { code: `V${before}`, name: '迁移后新增' });
      expect(await db.changeLog.count()).toBe(before + 1);
    },
  },
  10: {
    // v10 (issue #15): issued 督办通报. Older databases have none: the first one issued is 第1期.
    seed: async (db) => {
      await SEEDS[2]!.seed(db);
    },
    check: async (db) => {
      expect(db.tables.map((x) => x.name)).toContain('bulletins');
      const clerk = await db.users.where('usernameKey').equals('clerk').first();
      if (!clerk) return;
      const actor = toActor(clerk);
      if (!(await issuedBulletin(db, actor, '月报', '2026-11-10'))) {
        const issued = await send(db, actor, 'supervision.issueReport', { kind: '月报', anchor: '2026-11-10' }, new Date(2026, 10, 25, 9, 0));
        expect(issued.numberText).toBe('第1期');
      }
      expect(await issuedBulletin(db, actor, '月报', '2026-11-30')).toMatchObject({ year: 2026, numberText: '第1期' });
    },
  },
  11: {
    // v11 (issue #16): 发文 and the 文号台账. Older databases have none: the register opens empty,
    // and the first 文号 reserved in a series is its 1号.
    seed: async (db) => {
      await SEEDS[2]!.seed(db);
    },
    check: async (db) => {
      expect(db.tables.map((x) => x.name)).toEqual(expect.arrayContaining(['outgoing', 'docNumbers']));
      const clerk = await db.users.where('usernameKey').equals('clerk').first();
      if (!clerk) return;
      const actor = toActor(clerk);
      expect(await listOutgoing(db, actor, { offset: 0, limit: 10 }, '2026-11-25')).toEqual({ rows: [], total: 0 });
      if ((await docNumberLedger(db, actor, 'v11', 2026)).entries.length === 0) {
        await send(db, actor, 'outgoing.saveSeries', { series: [{ id: 'v11', code: '迁移办发', pattern: '迁移办发〔YYYY〕N号', issuerMark: '迁移测试办文件', issuerName: '迁移测试办' }] });
        const entry = await send(db, actor, 'outgoing.reserveNumber', { seriesId: 'v11', year: 2026, reason: '迁移后预留' }, new Date(2026, 10, 25, 9, 0));
        expect(entry.number).toBe('迁移办发〔2026〕1号');
      }
      expect(await docNumberLedger(db, actor, 'v11', 2026)).toMatchObject({ entries: [{ seq: 1, status: '预留' }], gaps: [] });
    },
  },
  12: {
    // v12 (issue #17): attachments. Older databases have none: every record's list is empty, and a
    // scan attached after the upgrade opens again byte for byte.
    seed: async (db) => {
      await SEEDS[2]!.seed(db);
    },
    check: async (db) => {
      expect(db.tables.map((x) => x.name)).toEqual(expect.arrayContaining(['attachments', 'attachmentChunks']));
      const clerk = await db.users.where('usernameKey').equals('clerk').first();
      if (!clerk || !(await db.incoming.get('v2-incoming-1'))) return;
      const actor = toActor(clerk);
      const held = await listAttachments(db, actor, 'incoming', 'v2-incoming-1');
      if (held.length === 0) {
        const bytes = new TextEncoder().encode('%PDF-1.4\n迁移后的扫描件\n%%EOF');
        await send(db, actor, 'attachment.add', { ownerKind: 'incoming', ownerId: 'v2-incoming-1', role: '原件扫描件', file: new File([bytes], '扫描件.pdf', { type: 'application/pdf' }) });
      }
      const [meta] = await listAttachments(db, actor, 'incoming', 'v2-incoming-1');
      expect(meta).toMatchObject({ name: '扫描件.pdf', type: 'application/pdf', chunkCount: 1 });
      expect(new TextDecoder().decode(await (await openAttachment(db, actor, meta!.id)).arrayBuffer())).toContain('迁移后的扫描件');
      expect((await attachmentUsage(db)).files).toBe(1);
    },
  },
  13: {
    // v13 (issue #20): the record of imported files. Older databases have none: a legacy file is
    // imported once and refused the second time, and a row repeating a 收文 of before the upgrade
    // is still found (by content, from the register itself).
    seed: async (db) => {
      await SEEDS[2]!.seed(db);
    },
    check: async (db) => {
      expect(db.tables.map((x) => x.name)).toContain('importedFiles');
      const clerk = await db.users.where('usernameKey').equals('clerk').first();
      if (!clerk || !(await db.incoming.get('v2-incoming-1'))) return;
      const actor = toActor(clerk);
      const old = { receivedDate: '2026-03-02', fromUnit: '县财政局', docNumber: '县财发〔2026〕3号', title: '关于迁移测试的通知', docType: '通知', classification: '非密', copies: 1, pages: 2, urgency: '普通', signedBy: '张秘书', handling: '办件' } as const;
      expect(await repeatedImportRows(db, actor, [{ rowNumber: 2, registration: old }])).toMatchObject([{ rowNumber: 2, id: 'v2-incoming-1', reason: '登记簿中已有（收〔2026〕0001）' }]);
      const file = { sha256: 'c0ffee'.padEnd(64, '0'), name: '2026年收文登记簿.xlsx' };
      const row = { rowNumber: 3, legacyNumber: '7', registration: { ...old, docNumber: '县财发〔2026〕9号', title: '迁移后导入的来文' } };
      if (!(await findImportedFile(db, file.sha256, 'excel'))) await importIncoming(db, actor, [row], new Date('2026-12-06T06:32:00Z'), {}, file);
      expect(await findImportedFile(db, file.sha256, 'excel')).toMatchObject({ kind: 'excel', byName: '张秘书', counts: { 收文: 1 }, fileName: '2026年收文登记簿.xlsx' });
      await expect(importIncoming(db, actor, [{ ...row, registration: { ...row.registration, title: '另一件' } }], new Date(), {}, file)).rejects.toThrow(/^此文件已于 2026-12-06 \d\d:32 由 张秘书 导入（收文 1 件），未重复导入$/);
    },
  },
  14: {
    // v14 (issue #18): the 台账 opens from a [year+seq] index. Carriers sealed before the upgrade
    // get the year and sequence of their 编号 on the stored row (no key needed); their records read
    // as before, and the first page from the index is the projection's.
    seed: async (db) => {
      await SEEDS[3]!.seed(db);
    },
    check: async (db) => {
      const baomi = await db.users.where('usernameKey').equals('baomi').first();
      if (!baomi || (await db.carriers.count()) === 0) return;
      const stored = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const req = db.backendDB().transaction('carriers').objectStore('carriers').getAll();
        req.onsuccess = () => resolve(req.result as Record<string, unknown>[]);
        req.onerror = () => reject(req.error);
      });
      for (const row of stored) expect(row).toMatchObject({ year: Number(/〔(\d{4})〕/.exec(String(row.serial))![1]), seq: Number(/(\d+)$/.exec(String(row.serial))![1]) });
      expect(await db.carriers.where('[year+seq]').above([0, 0]).count()).toBe(stored.length);
      const first = await listCarriers(new WenshuDB(db.name), toActor(baomi), { offset: 0, limit: 1 }, '2026-03-02');
      expect(first.rows.map((r) => r.record.name)).toEqual(['迁移测试载体']);
      expect(first.rows[0]!.record).not.toHaveProperty('seq');
    },
  },
  15: {
    // v15 (issue #19): a LAN seat's outbox, refusals and pull cursor. Empty on a standalone PC,
    // which a database from before is: nothing is queued, it is no seat, its 收文 number as before.
    seed: async (db) => {
      await SEEDS[2]!.seed(db);
    },
    check: async (db) => {
      expect(db.tables.map((x) => x.name)).toEqual(expect.arrayContaining(['lanOutbox', 'lanConflicts', 'lanSync', 'lanVersions']));
      const clerk = await db.users.where('usernameKey').equals('clerk').first();
      if (!clerk) return;
      expect(await db.lanOutbox.count()).toBe(0);
      expect(await isSeatPc(db)).toBe(false);
    },
  },
};

describe('schema migrations', () => {
  test('every shipped version has a seed and a check', () => {
    expect(Object.keys(SEEDS).map(Number).sort((a, b) => a - b)).toEqual(SCHEMA_VERSIONS.map((v) => v.version));
  });

  test.each(SCHEMA_VERSIONS.map((v) => v.version))('a database built at v%i opens at the current version with its data', async (version) => {
    const name = `migrate-${version}-${Math.random()}`;
    const old = new WenshuDB(name, version);
    await SEEDS[version]!.seed(old);
    old.close();
    const current = new WenshuDB(name);
    await current.open();
    expect(current.verno).toBe(CURRENT_SCHEMA_VERSION);
    for (let v = version; v <= CURRENT_SCHEMA_VERSION; v++) await SEEDS[v]!.check(current);
    current.close();
  });

  test('schema snapshot: shipped versions never change (add a new version instead)', () => {
    expect(SCHEMA_VERSIONS.map((v) => ({ version: v.version, stores: v.stores }))).toMatchInlineSnapshot(`
      [
        {
          "stores": {
            "auditLog": "seq, time, actorName, action, [entityType+entityId]",
            "calendarOverrides": "date",
            "counters": "key",
            "departments": "id, &code",
            "loginThrottle": "usernameKey",
            "settings": "key",
            "users": "id, &usernameKey",
          },
          "version": 1,
        },
        {
          "stores": {
            "incoming": "id, &serial, [year+seq], receivedDate, state, dueDate, duplicateKey, fromUnit",
            "projectionDeltas": "++id, projection",
            "projections": "key",
          },
          "version": 2,
        },
        {
          "stores": {
            "carriers": "id, &serial, state, copyOf",
          },
          "version": 3,
        },
        {
          "stores": {
            "inventorySessions": "id, startedAt",
          },
          "version": 4,
        },
        {
          "stores": {
            "meetings": "id, meetingDate, minutesState",
            "people": "id, name",
            "tasks": "id, &serial, state, dueDate, unit",
          },
          "version": 5,
        },
        {
          "stores": {
            "meetings": "id, meetingDate, minutesState, startAt, [minutesState+startAt], [meetingType+startAt]",
            "tasks": "id, &serial, state, dueDate, unit, source.meetingId, done.date, [state+dueDate]",
          },
          "version": 6,
        },
        {
          "stores": {
            "archive": "id, &archiveCode, recordId, [year+archiveCode], [year+orgCode+retention+itemNo]",
          },
          "version": 7,
        },
        {
          "stores": {
            "accountRequests": "id, state, userId, requestedAt",
            "auditAnchor": "id",
            "auditSegments": "[segment+seq], segment",
            "incoming": "id, &serial, [year+seq], receivedDate, state, dueDate, duplicateKey",
            "pendingAudit": "++id",
            "people": "id",
          },
          "version": 8,
        },
        {
          "stores": {
            "changeLog": "++seq, commandId, entity, time",
          },
          "version": 9,
        },
        {
          "stores": {
            "bulletins": "id, &[kind+start], [year+number]",
          },
          "version": 10,
        },
        {
          "stores": {
            "docNumbers": "id, [seriesId+year+seq], outgoingId, status",
            "outgoing": "id, &docNumber, state, draftYear, createdAt, writtenDate",
          },
          "version": 11,
        },
        {
          "stores": {
            "attachmentChunks": "[attachmentId+n]",
            "attachments": "id, [ownerKind+ownerId], addedAt",
          },
          "version": 12,
        },
        {
          "stores": {
            "importedFiles": "[sha256+kind], at",
          },
          "version": 13,
        },
        {
          "stores": {
            "carriers": "id, &serial, state, copyOf, [year+seq]",
          },
          "version": 14,
        },
        {
          "stores": {
            "lanConflicts": "clientId",
            "lanOutbox": "++seq",
            "lanSync": "key",
            "lanVersions": "key",
          },
          "version": 15,
        },
      ]
    `);
  });
});
