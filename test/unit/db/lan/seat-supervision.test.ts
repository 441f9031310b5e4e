import { describe, expect, test } from 'vitest';
import { send } from '../../../../renderer/db/commands/client';
import { todayIso } from '../../../../shared/domain/dates';
import type { IncomingRecord } from '../../../../shared/domain/incoming-types';
import { LAN_SUPERVISED_OFFLINE, LAN_TASK_CREATE_OFFLINE } from '../../../../shared/domain/lan-protocol';
import { listConflicts } from '../../../../renderer/db/lan/seat';
import type { TaskRecord } from '../../../../shared/domain/supervision-types';
import { loseNextAnswer, officeServerForFile, pairSeat, type TestSeat } from './paired-seat';

// 督办 on the office LAN (issue #19): the 承办 of a leader's 批示 with a 办理时限 makes its 督办
// 事项 on the server, numbered in the office's one series; every seat that may see the 收文 pulls
// the 事项, reports on it through the server, and the 收文's 办结 finishes it.

const REG = { receivedDate: '2026-11-20', fromUnit: '县住建局', docType: '通知', classification: '非密', copies: 1, pages: 3, urgency: '普通', signedBy: '张秘书', handling: '办件' } as const;
const HOST = { id: 'unit-office', name: '办公室' };

const office = officeServerForFile();

const act = (s: TestSeat, id: string, action: object, extra: object = {}) => send(s.db, s.actor, 'incoming.act', { id, action: action as never, ...extra }) as Promise<IncomingRecord>;

/** Registered on `s` and taken through 初审, 拟办 and 批示 there. */
async function instructed(s: TestSeat, title: string, docNumber: string, extra: object = {}): Promise<IncomingRecord> {
  const r = (await send(s.db, s.actor, 'incoming.register', { registration: { ...REG, title, docNumber, ...extra } as never })) as IncomingRecord;
  await act(s, r.id, { type: '初审' });
  await act(s, r.id, { type: '拟办', text: '拟请办公室牵头办理' });
  return act(s, r.id, { type: '批示', leader: '王局长', text: '同意，抓紧办理', at: new Date().toISOString(), oral: false });
}

const assign = (s: TestSeat, id: string, extra: object = {}) => act(s, id, { type: '承办', host: HOST, cooperating: [], deadline: { kind: 'workdays', days: 5 } }, extra);
const serverTasks = async () => (await office.lan.pool.query<{ row: TaskRecord }>(`SELECT row FROM records WHERE tbl = 'tasks' ORDER BY row->>'serial'`)).rows.map((r) => r.row);

describe('局域网的督办', () => {
  test('a 承办 on a seat makes the 督办 事项 on the server; another seat reports on it; the 收文 办结 finishes it; offline, a 督办 step is queued and sent, or refused as 已被他人处理', async () => {
    const a = await pairSeat(office.lan, '张秘书的电脑', 'zhang');
    const b = await pairSeat(office.lan, '李秘书的电脑', 'li');
    const r = await instructed(a, '关于加快推进老旧小区改造的通知', '县建发〔2026〕9号');
    const assigned = await assign(a, r.id, { taskContent: '牵头制定老旧小区改造实施方案' });

    // Made and numbered on the server, in the 承办's transaction, with its audit entry; on A at once.
    const [made, ...more] = await serverTasks();
    expect(more).toEqual([]);
    expect(made).toMatchObject({ serial: `督〔${new Date().getFullYear()}〕0001`, content: '牵头制定老旧小区改造实施方案', unit: '办公室', state: '未开始', source: { kind: '收文批示', incomingId: r.id } });
    expect(assigned.taskId).toBe(made!.id);
    expect(await a.db.tasks.get(made!.id)).toMatchObject({ serial: made!.serial, state: '未开始' });
    expect((await office.lan.pool.query(`SELECT summary FROM audit_log WHERE action = '新建督办'`)).rows.map((x) => x.summary)).toEqual([expect.stringContaining(`来源：收文 ${assigned.serial} 批示`)]);

    // B pulls the 事项 and reports progress through the server; A pulls the report.
    await b.seat.sync();
    const reported = (await send(b.db, b.actor, 'task.progress', { id: made!.id, date: todayIso(), text: '已召开协调会，方案起草中' })) as TaskRecord;
    expect(reported).toMatchObject({ state: '推进中', progress: [{ text: '已召开协调会，方案起草中', byName: '李秘书' }] });
    await a.seat.sync();
    expect((await a.db.tasks.get(made!.id))!.state).toBe('推进中');

    // Offline: a 督办 step is applied here and queued; the 承办 that would make a 事项 is not (the server numbers it).
    const second = await instructed(a, '关于做好冬季安全生产工作的通知', '县建发〔2026〕10号');
    await b.seat.sync();
    b.cut.on = true;
    await expect(assign(b, second.id)).rejects.toThrow(LAN_SUPERVISED_OFFLINE);
    expect((await b.db.incoming.get(second.id))!.state).toBe('已批示');
    // Nor a 口头交办: its number is the server's too.
    const oral = { content: '整理会议材料', unit: '办公室', person: '', dueDate: todayIso(), assignedBy: '王局长' };
    await expect(send(b.db, b.actor, 'task.create', oral)).rejects.toThrow(LAN_TASK_CREATE_OFFLINE);
    expect(await b.db.tasks.count()).toBe(1);
    expect(await b.db.lanOutbox.count()).toBe(0);
    b.cut.on = false;
    await b.seat.sync();
    expect(b.seat.status.online).toBe(true);
    // Online, the server numbers it in the one series; A pulls it.
    const given = (await send(b.db, b.actor, 'task.create', oral)) as TaskRecord;
    expect(given).toMatchObject({ serial: `督〔${new Date().getFullYear()}〕0002`, source: { kind: '口头交办', assignedBy: '王局长' } });
    expect(await b.db.tasks.get(given.id)).toEqual(given);
    await a.seat.sync();
    expect((await a.db.tasks.get(given.id))?.content).toBe('整理会议材料');

    // A 催办 the server takes but whose answer is lost on the way back: kept here and queued under
    // the same clientId, so the resend is answered from the first and the 催办 is recorded once.
    const lossy = loseNextAnswer(b);
    const reminded = (await send(b.db, b.actor, 'task.remind', { id: made!.id, note: '请于本周内报送方案' })) as TaskRecord;
    expect(reminded.reminders).toMatchObject([{ note: '请于本周内报送方案', byName: '李秘书' }]);
    expect(b.seat.status).toMatchObject({ online: false, pending: 1 });
    expect(lossy.lost).toBe(true);
    await b.seat.sync();
    expect(b.seat.status).toMatchObject({ online: true, pending: 0, conflicts: 0 });
    expect((await serverTasks())[0]!.reminders).toMatchObject([{ note: '请于本周内报送方案', byName: '李秘书' }]);
    lossy.restore();

    // B reports progress offline while A closes the 收文 (and so its 事项) online: on reconnect B's
    // step is refused as 已被他人处理, the 事项 put back as the server's answer has it (the pull is
    // held off here, so what B holds comes from that answer), and the refusal listed.
    b.cut.on = true;
    await send(b.db, b.actor, 'task.progress', { id: made!.id, date: todayIso(), text: '离线时反馈：方案已报局长审定' });
    await act(a, r.id, { type: '办结', result: '方案已印发' });
    b.cut.on = false;
    const post = b.link.post;
    b.link.post = async (path, body, token) => (path === '/api/pull' ? { ok: false, status: 0, message: '无法连接服务器：ECONNREFUSED' } : post(path, body, token));
    await b.seat.sync();
    b.link.post = post;
    expect(b.seat.status).toMatchObject({ pending: 0, conflicts: 1 });
    const [refused] = await listConflicts(b.db, b.actor.id);
    expect(refused).toMatchObject({ label: `督办 ${made!.serial}`, message: '已被他人处理：该事项已办结，不能再反馈进展' });
    const [finished] = await serverTasks();
    expect(finished).toMatchObject({ state: '已办结', done: { result: '方案已印发' } });
    expect(finished!.progress.map((p) => p.text)).toEqual(['已召开协调会，方案起草中']);
    expect(await b.db.tasks.get(made!.id)).toEqual(finished);
    await a.seat.sync();
    expect((await a.db.tasks.get(made!.id))!.state).toBe('已办结');
    expect((await office.lan.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = '督办办结'`)).rows[0].n).toBe(1);

    // A 收文 closed offline finishes its 事项 on the server when it is sent: a step on that 事项
    // meanwhile is refused here, saying why, rather than coming back refused as someone else's doing.
    await b.seat.sync();
    const t2 = (await assign(b, second.id)).taskId!;
    b.cut.on = true;
    await act(b, second.id, { type: '办结', result: '已部署落实' });
    await expect(send(b.db, b.actor, 'task.progress', { id: t2, date: todayIso(), text: '补充材料已报送' })).rejects.toThrow(/的办结尚待上传，上传后事项随之办结/);
    expect(await b.db.lanOutbox.count()).toBe(1);
    b.cut.on = false;
    await b.seat.sync();
    expect((await b.db.tasks.get(t2))!.state).toBe('已办结');
    expect(b.seat.status).toMatchObject({ pending: 0, conflicts: 1 });

    // A 事项 this PC made before it was paired is not on the server. Online: refused, saying why.
    // Offline: queued like any step, then refused by the server, put back as it was, and listed.
    const own: TaskRecord = { ...finished!, id: 'own-task-of-this-pc', serial: '督〔2026〕0901', state: '推进中', done: undefined as never, progress: [] };
    await b.db.tasks.put(own);
    await expect(send(b.db, b.actor, 'task.progress', { id: own.id, date: todayIso(), text: '继续推进' })).rejects.toThrow(/^该督办事项是本机配对前单机建立的，尚未交到服务器/);
    b.cut.on = true;
    expect(((await send(b.db, b.actor, 'task.progress', { id: own.id, date: todayIso(), text: '离线推进' })) as TaskRecord).progress).toHaveLength(1);
    b.cut.on = false;
    await b.seat.sync();
    expect(await b.db.tasks.get(own.id)).toEqual(own);
    expect(await b.db.incoming.get(own.id)).toBeUndefined();
    expect((await listConflicts(b.db, b.actor.id)).map((c) => c.message)).toContain('服务器未接受：该督办事项不存在');
  }, 60_000);

  test("a 内部 收文's 督办 事项 reaches only the seats that may see the 收文, and follows it when it is 传阅'd to someone", async () => {
    const a = await pairSeat(office.lan, '张秘书的第二台电脑', 'zhang');
    const w = await pairSeat(office.lan, '王科员的电脑', 'wang');
    const open = await instructed(a, '关于开展全民健身月活动的通知', '县建发〔2026〕20号');
    const inner = await instructed(a, '关于调整内部机构职责的通知', '县建发〔2026〕21号', { classification: '内部' });
    const openTask = (await assign(a, open.id)).taskId!;
    const innerTask = (await assign(a, inner.id)).taskId!;

    await w.seat.sync();
    expect(await w.db.tasks.get(openTask)).toBeDefined();
    // Its 事项 quotes the 收文's 标题 and 批示: it never reaches a seat the 收文 does not.
    expect(await w.db.tasks.get(innerTask)).toBeUndefined();
    expect(await w.db.incoming.get(inner.id)).toBeUndefined();

    // 传阅'd to 王科员: the 收文 enters his scope, and its 事项 (itself unchanged) comes with it.
    await act(a, inner.id, { type: '传阅', readers: [{ userId: w.actor.id, name: w.actor.displayName }] });
    await w.seat.sync();
    expect(await w.db.incoming.get(inner.id)).toBeDefined();
    expect(await w.db.tasks.get(innerTask)).toMatchObject({ source: { kind: '收文批示', incomingId: inner.id } });
  }, 60_000);
});
