import { describe, expect, test } from 'vitest';
import { IntegrityError } from '../../../renderer/db/at-rest/keyring';
import { WenshuDB } from '../../../renderer/db/database';
import { INCOMING_PROJECTION } from '../../../renderer/db/incoming/incoming-index';
import { flowReport } from '../../../renderer/db/repositories/flow-stats';
import { actOnIncoming, registerIncoming } from '../../../renderer/db/repositories/incoming';
import { saveDepartment } from '../../../renderer/db/repositories/settings';
import { createManualTask, finishTask } from '../../../renderer/db/repositories/supervision';
import type { Actor } from '../../../renderer/db/types';
import type { FlowQuery } from '../../../shared/domain/flow-stats-types';
import type { DepartmentRef, Registration } from '../../../shared/domain/incoming-types';
import { MASK } from '../../../shared/domain/need-to-know';
import { paperTitle } from '../../../shared/domain/flow-format';
import { createOutgoingRecord } from '../../../shared/domain/outgoing';
import type { OutgoingRecord, OutgoingStep } from '../../../shared/domain/outgoing-types';
import { PermissionError } from '../../../shared/domain/permissions';
import { outgoingClerk, outgoingDraft } from '../../fixtures/outgoing';
import { addUser, personRef, staffedOffice } from './helpers';

// 运转时效 through the repository, over records made by the real commands on chosen days of
// October 2025 (the shipped calendar: 10-01 … 10-08 holidays, 10-11 Sat 调休上班, 10-12 Sun off).
// Every figure is counted by hand; the comments show the working days counted.

const at = (date: string, hour = 9) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00`);
const OCTOBER: FlowQuery = { register: 'incoming', start: '2025-10-01', end: '2025-10-31' };
const TODAY = '2025-11-20';

const reg = (title: string, more: Partial<Registration>): Registration => ({
  receivedDate: '2025-10-09',
  fromUnit: '县财政局',
  docNumber: '',
  title,
  docType: '通知',
  classification: '非密',
  copies: 1,
  pages: 2,
  urgency: '普通',
  signedBy: '张秘书',
  handling: '办件',
  ...more,
});

interface Steps {
  received: string;
  proposal: string;
  instruction: string;
  assign: string;
  due: string;
  host: DepartmentRef;
  person?: Actor;
  done?: string;
}

async function handled(db: WenshuDB, clerk: Actor, title: string, s: Steps, more: Partial<Registration> = {}) {
  const r = await registerIncoming(db, clerk, reg(title, { receivedDate: s.received, ...more }), {}, at(s.received));
  await actOnIncoming(db, clerk, r.id, { type: '初审' }, at(s.received, 10));
  await actOnIncoming(db, clerk, r.id, { type: '拟办', text: '拟请办理' }, at(s.proposal, 11));
  await actOnIncoming(db, clerk, r.id, { type: '批示', leader: '王县长', text: '同意', at: at(s.instruction, 11).toISOString(), oral: false }, at(s.instruction, 12));
  const assigned = await actOnIncoming(
    db,
    clerk,
    r.id,
    { type: '承办', host: s.host, cooperating: [], ...(s.person ? { person: personRef(s.person) } : {}), deadline: { kind: 'date', date: s.due } },
    at(s.assign, 14),
  );
  return s.done ? actOnIncoming(db, clerk, r.id, { type: '办结', result: '已办理' }, at(s.done, 16)) : assigned;
}

function outgoing(id: string, steps: [OutgoingStep['action'], string][], state: OutgoingRecord['state'], classification: OutgoingRecord['classification'] = '非密', title = '关于做好冬季安全生产工作的通知'): OutgoingRecord {
  const r = createOutgoingRecord(outgoingDraft({ title, classification, ...(classification !== '非密' ? { secrecyTerm: { kind: 'default' } as never } : {}) }), id, outgoingClerk, at(steps[0]![1]));
  return { ...r, state, history: steps.map(([action, day]) => ({ action, at: at(day).toISOString(), byId: outgoingClerk.id, byName: outgoingClerk.name })) };
}

async function office() {
  const o = await staffedOffice();
  const { db, admin, clerk, reader, dept } = o;
  const czk = await saveDepartment(db, admin, { code: 'CZK', name: '财政科' });
  const bgs = { id: dept.id, name: dept.name };
  const cz = { id: czk.id, name: czk.name };
  // R1: 收 10-09, 拟办 10-10, 批示 10-13, 承办 10-13 (时限 10-17), 办结 10-16: 6 working days
  // (10-10, 10-11 调休, 10-13 … 10-16); stages 1, 2 (10-11, 10-13), 0, 3. On time.
  const r1 = await handled(db, clerk, '关于年终决算的通知', { received: '2025-10-09', proposal: '2025-10-10', instruction: '2025-10-13', assign: '2025-10-13', due: '2025-10-17', host: bgs, done: '2025-10-16' });
  // R2, 机密 (the reader is its 承办人): 收 10-13, 拟办 批示 承办 10-14 (时限 10-15), 办结 10-20:
  // 5 working days (10-14 … 10-17, 10-20); stages 1, 0, 0, 4. Late.
  const r2 = await handled(
    db,
    clerk,
    '关于绝密经费的请示',
    { received: '2025-10-13', proposal: '2025-10-14', instruction: '2025-10-14', assign: '2025-10-14', due: '2025-10-15', host: cz, person: reader, done: '2025-10-20' },
    { classification: '机密', copyNumber: '1', fromUnit: '市保密局', docType: '请示' },
  );
  // R3, a 阅件: 收 10-20, 传阅, 办结 10-22: 2 working days, no stage.
  const r3 = await registerIncoming(db, clerk, reg('关于冬季防火的通知', { receivedDate: '2025-10-20', handling: '阅件', fromUnit: '县教育局' }), {}, at('2025-10-20'));
  await actOnIncoming(db, clerk, r3.id, { type: '传阅', readers: [personRef(reader)] }, at('2025-10-20', 10));
  await actOnIncoming(db, reader, r3.id, { type: '已阅', userId: reader.id }, at('2025-10-21'));
  await actOnIncoming(db, clerk, r3.id, { type: '办结', result: '' }, at('2025-10-22'));
  // R4: 收 10-27, 承办 10-28 (时限 10-29), open at 10-31: 在办 4 working days (10-28 … 10-31), late.
  const r4 = await handled(db, clerk, '关于清理拖欠账款的通知', { received: '2025-10-27', proposal: '2025-10-27', instruction: '2025-10-28', assign: '2025-10-28', due: '2025-10-29', host: cz });
  // R5: 退回, counted nowhere.
  const r5 = await registerIncoming(db, clerk, reg('错送的来文', { receivedDate: '2025-10-28' }), {}, at('2025-10-28'));
  await actOnIncoming(db, clerk, r5.id, { type: '退回', reason: '非本单位来文' }, at('2025-10-28', 10));
  // R6: finished in September, outside the period.
  await handled(db, clerk, '关于九月事项的通知', { received: '2025-09-22', proposal: '2025-09-22', instruction: '2025-09-23', assign: '2025-09-23', due: '2025-09-30', host: bgs, done: '2025-09-26' });

  // 督办: the 承办 of R1, R2, R4 (and R6) made one each; two more 口头交办.
  const t1 = await createManualTask(db, clerk, { assignedBy: '张主任', content: '清理拖欠企业账款', unit: '县财政局', person: '', dueDate: '2025-10-17' }, at('2025-10-09'));
  await finishTask(db, clerk, t1.id, { date: '2025-10-16', result: '已清理' }, at('2025-10-16'));
  const t2 = await createManualTask(db, clerk, { assignedBy: '张主任', content: '制定寒假安全工作方案', unit: '县教育局', person: '', dueDate: '2025-10-15' }, at('2025-10-13'));
  await finishTask(db, clerk, t2.id, { date: '2025-10-20', result: '已制定' }, at('2025-10-20'));

  // 发文, written straight to the table as the bench seeds them (the projection is built from it).
  await db.outgoing.bulkAdd([
    // 拟稿 10-09, 签发 10-13, 核发 10-14 and 10-16: 6 working days; stages 3 (10-10, 10-11, 10-13), 3.
    outgoing('o1', [['拟稿', '2025-10-09'], ['送核稿', '2025-10-09'], ['核稿', '2025-10-10'], ['签发', '2025-10-13'], ['核发', '2025-10-14'], ['核发', '2025-10-16']], '已核发'),
    // 机密, signed, not yet 核发: 在办 9 working days at 10-31 (10-21 … 10-31).
    outgoing('o2', [['拟稿', '2025-10-20'], ['签发', '2025-10-21']], '待核发', '机密', '关于涉密项目的报告'),
    outgoing('o3', [['拟稿', '2025-10-20'], ['作废', '2025-10-21']], '已作废'),
  ]);
  const leader = await addUser(db, admin, 'leader', ['工作人员']);
  return { ...o, czk, r1, r2, r3, r4, leader };
}

let shared: ReturnType<typeof office> | undefined;
const theOffice = () => (shared ??= office());

describe('运转时效 through the repository', () => {
  test('收文 of a month: totals, stages, 按期办结率, 超期 and 在办, from the projection', async () => {
    const { db, clerk, r1, r2, r3, r4 } = await theOffice();
    const r = await flowReport(db, clerk, OCTOBER, TODAY);
    expect(r.total.finished).toBe(3);
    expect(r.total.average).toBeCloseTo(13 / 3, 10);
    expect(r.total.median).toBe(5);
    expect(r.total.stages.map((s) => [s.label, s.count, s.average, s.median])).toEqual([
      ['登记→拟办', 2, 1, 1],
      ['拟办→批示', 2, 1, 1],
      ['批示→承办', 2, 0, 0],
      ['承办→办结', 2, 3.5, 3.5],
    ]);
    expect([r.total.withDeadline, r.total.onTime, r.total.onTimeRate, r.total.overdue]).toEqual([2, 1, 0.5, 2]);
    expect(r.total.longest.map((i) => [i.number, i.title, i.workdays, i.late])).toEqual([
      [r1.serial, '关于年终决算的通知', 6, false],
      [r2.serial, '关于绝密经费的请示', 5, true],
      [r3.serial, '关于冬季防火的通知', 2, false],
    ]);
    expect(r.total.open).toBe(1);
    expect(r.total.openItems).toEqual([{ id: r4.id, number: r4.serial, title: '关于清理拖欠账款的通知', workdays: 4, dueDate: '2025-10-29', late: true }]);
    expect(r.asOf).toBe('2025-10-31');
    expect(r.trend).toEqual([{ month: '2025-10', finished: 3, average: 13 / 3, onTimeRate: 0.5 }]);
    expect(r.tookMs).toBeGreaterThan(0);
  });

  test('per 承办单位, slowest first, named as the office names its 机构', async () => {
    const { db, clerk, dept, czk } = await theOffice();
    const r = await flowReport(db, clerk, { ...OCTOBER, groupBy: '承办单位' }, TODAY);
    expect(r.groups.map((g) => [g.key, g.label, g.figures.finished, g.figures.average, g.figures.open])).toEqual([
      [dept.id, '办公室', 1, 6, 0],
      [czk.id, '财政科', 1, 5, 1],
      ['', '无承办单位', 1, 2, 0],
    ]);
    const only = await flowReport(db, clerk, { ...OCTOBER, only: { dimension: '承办单位', key: czk.id } }, TODAY);
    expect([only.total.finished, only.total.open, only.total.overdue]).toEqual([1, 1, 2]);
  });

  test('a classified 收文 counts for everyone; its title and 来文单位 follow need to know', async () => {
    const { db, clerk, reader, outsider, r2 } = await theOffice();
    const byUnit = { ...OCTOBER, groupBy: '来文单位' } as const;
    const labels = async (a: Actor) => (await flowReport(db, a, byUnit, TODAY)).groups.map((g) => [g.label, g.figures.finished, g.figures.open]);
    expect(await labels(clerk)).toEqual([
      ['县财政局', 1, 1],
      ['市保密局', 1, 0],
      ['县教育局', 1, 0],
    ]);
    // The reader is R2's 承办人: inside its need to know.
    expect(await labels(reader)).toEqual(await labels(clerk));
    expect(await labels(outsider)).toEqual([
      ['县财政局', 1, 1],
      [MASK, 1, 0],
      ['县教育局', 1, 0],
    ]);
    const seen = await flowReport(db, outsider, { ...OCTOBER, groupBy: '文种' }, TODAY);
    expect(seen.total.finished).toBe(3);
    expect(seen.total.longest.find((i) => i.id === r2.id)).toMatchObject({ number: r2.serial, title: MASK, workdays: 5, late: true });
    expect(seen.groups.map((g) => g.label).sort()).toEqual([MASK, '通知'].sort());
    expect(JSON.stringify(seen)).not.toContain('绝密经费');
    expect(JSON.stringify(seen)).not.toContain('市保密局');
    const inside = (await flowReport(db, reader, OCTOBER, TODAY)).total.longest;
    expect(inside.find((i) => i.id === r2.id)!.title).toBe('关于绝密经费的请示');
    // On paper (print, XLSX) a classified title is masked whoever prints; other titles are printed.
    expect(inside.find((i) => i.id === r2.id)!.classified).toBe(true);
    expect(paperTitle(inside.find((i) => i.id === r2.id)!)).toBe(MASK);
    const plain = inside.find((i) => i.id !== r2.id)!;
    expect([plain.classified, paperTitle(plain)]).toEqual([undefined, plain.title]);
  });

  test('督办: 交办 to 办结日期 and 按期办结率 per 责任单位', async () => {
    const { db, leader } = await theOffice();
    const r = await flowReport(db, leader, { register: 'tasks', start: '2025-10-01', end: '2025-10-31', groupBy: '责任单位' }, TODAY);
    // From R1's 承办 10-13 to 10-16: 3 (on time); R2's 10-14 to 10-20: 4 (late); 清理 10-09 to 10-16: 6
    // (on time); 寒假 10-13 to 10-20: 5 (late). Open: R4's since 10-28 (3 at 10-31, past 10-29).
    expect([r.total.finished, r.total.average, r.total.median, r.total.withDeadline, r.total.onTime, r.total.overdue, r.total.open]).toEqual([4, 4.5, 4.5, 4, 2, 3, 1]);
    expect(r.total.stages).toEqual([{ key: '交办-办结', label: '交办→办结', count: 4, average: 4.5, median: 4.5 }]);
    expect(r.groups.map((g) => [g.label, g.figures.finished, g.figures.average, g.figures.onTimeRate, g.figures.open])).toEqual([
      ['县财政局', 1, 6, 1, 0],
      ['县教育局', 1, 5, 0, 0],
      ['财政科', 1, 4, 0, 1],
      ['办公室', 1, 3, 1, 0],
    ]);
    expect(r.total.longest[0]).toMatchObject({ title: '清理拖欠企业账款', workdays: 6, dueDate: '2025-10-17', late: false });
  });

  test('发文: 拟稿 → 签发 → 核发; 作废 counts nowhere; a classified 在办’s title is masked outside need to know', async () => {
    const { db, clerk, outsider } = await theOffice();
    const q: FlowQuery = { register: 'outgoing', start: '2025-10-01', end: '2025-10-31', groupBy: '文种' };
    const r = await flowReport(db, clerk, q, TODAY);
    expect([r.total.finished, r.total.average, r.total.withDeadline, r.total.onTimeRate, r.total.open]).toEqual([1, 6, 0, null, 1]);
    expect(r.total.stages.map((s) => [s.label, s.count, s.average])).toEqual([
      ['拟稿→签发', 1, 3],
      ['签发→核发', 1, 3],
    ]);
    expect(r.total.openItems.map((i) => [i.id, i.title, i.workdays])).toEqual([['o2', '关于涉密项目的报告', 9]]);
    const masked = await flowReport(db, outsider, q, TODAY);
    expect(masked.total.openItems.map((i) => [i.id, i.title, i.group])).toEqual([['o2', MASK, MASK]]);
  });

  test('only 秘书 and 工作人员 (办公室主任, leaders) may read it; a bad period is refused', async () => {
    const { db, admin, officer, clerk } = await theOffice();
    await expect(flowReport(db, admin, OCTOBER, TODAY)).rejects.toBeInstanceOf(PermissionError);
    await expect(flowReport(db, officer, OCTOBER, TODAY)).rejects.toBeInstanceOf(PermissionError);
    await expect(flowReport(db, clerk, { ...OCTOBER, end: '2025-09-01' }, TODAY)).rejects.toMatchObject({ field: 'end' });
    await expect(flowReport(db, clerk, { ...OCTOBER, groupBy: '责任单位' }, TODAY)).rejects.toMatchObject({ field: 'groupBy' });
  });

  test('a period running today: 在办 aged to today; an empty year has nothing, and says so', async () => {
    const { db, clerk, r4 } = await theOffice();
    const r = await flowReport(db, clerk, OCTOBER, '2025-10-30');
    expect(r.asOf).toBe('2025-10-30');
    expect(r.total.openItems.find((i) => i.id === r4.id)!.workdays).toBe(3);
    const empty = await flowReport(db, clerk, { register: 'incoming', start: '2024-01-01', end: '2024-12-31', groupBy: '承办单位' }, TODAY);
    expect([empty.total.finished, empty.total.average, empty.total.open, empty.groups.length, empty.trend.length]).toEqual([0, null, 0, 0, 12]);
  });

  test('a projection stored in the older shape (no stage days) is rebuilt from the table once', async () => {
    const { db, clerk } = await theOffice();
    const expected = await flowReport(db, clerk, OCTOBER, TODAY);
    await expect.poll(async () => (await db.projections.get(`${INCOMING_PROJECTION}:meta`))?.version).toBe(2);
    // What an installation from before this change holds: version 1 (absent), entries without flow.
    const base = (await db.projections.get(INCOMING_PROJECTION))!;
    const meta = (await db.projections.get(`${INCOMING_PROJECTION}:meta`))!;
    const old = (base.entries as Record<string, unknown>[]).map(({ flow: _f, docType: _d, ...rest }) => rest);
    await db.projections.bulkPut([
      { key: INCOMING_PROJECTION, entries: old, lastDeltaId: base.lastDeltaId },
      { key: `${INCOMING_PROJECTION}:meta`, entries: [], lastDeltaId: meta.lastDeltaId, size: meta.size! },
    ]);
    const cold = new WenshuDB(db.name);
    const again = await flowReport(cold, clerk, OCTOBER, TODAY);
    expect({ ...again, tookMs: 0 }).toEqual({ ...expected, tookMs: 0 });
    await expect.poll(async () => (await cold.projections.get(`${INCOMING_PROJECTION}:meta`))?.version).toBe(2);
    const rebuilt = (await cold.projections.get(INCOMING_PROJECTION))!;
    expect((rebuilt.entries as { flow?: unknown }[]).every((e) => Array.isArray(e.flow))).toBe(true);
    cold.close();
  });

  test('a row edited in the files is refused here too (rows read outside Dexie keep its checks)', async () => {
    const { db, clerk, r2 } = await theOffice();
    const raw = (store: string, key: string) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const req = db.backendDB().transaction(store, 'readonly').objectStore(store).get(key);
        req.onsuccess = () => resolve(req.result as Record<string, unknown>);
        req.onerror = () => reject(req.error ?? new Error('read failed'));
      });
    const put = (store: string, row: Record<string, unknown>) =>
      new Promise<void>((resolve, reject) => {
        const tx = db.backendDB().transaction(store, 'readwrite');
        tx.objectStore(store).put(row);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('write failed'));
      });
    // A task's 时限 (a readable index key) moved in the files: its seal no longer matches.
    const task = await raw('tasks', r2.taskId!);
    await put('tasks', { ...task, dueDate: '2025-12-31' });
    await expect(flowReport(db, clerk, { register: 'tasks', start: '2025-10-01', end: '2025-10-31' }, TODAY)).rejects.toBeInstanceOf(IntegrityError);
    await put('tasks', task);
    // A listed 收文 (R2 is among the longest) changed state in the files.
    const row = await raw('incoming', r2.id);
    await put('incoming', { ...row, state: '已登记' });
    await expect(flowReport(db, clerk, OCTOBER, TODAY)).rejects.toBeInstanceOf(IntegrityError);
    await put('incoming', row);
    expect((await flowReport(db, clerk, OCTOBER, TODAY)).total.finished).toBe(3);
  });
});
