import { describe, expect, test } from 'vitest';
import { send } from '../../../../renderer/db/commands/client';
import { adoptOwnRecords, planAdopt } from '../../../../renderer/db/lan/adopt';
import { listConflicts } from '../../../../renderer/db/lan/seat';
import { searchRegisters } from '../../../../renderer/db/repositories/search';
import { INCOMING_REGISTER } from '../../../../shared/domain/registers';
import type { Actor } from '../../../../renderer/db/types';
import type { WenshuDB } from '../../../../renderer/db/database';
import type { IncomingRecord } from '../../../../shared/domain/incoming-types';
import type { TaskRecord } from '../../../../shared/domain/supervision-types';
import type { MeetingRecord } from '../../../../shared/domain/meeting-types';
import { meetingInput, minutesInput } from '../../../fixtures/meetings';
import { addApprovedUser, passwordOf } from '../helpers';
import { loseNextAnswer, officeServerForFile, pairSeat } from './paired-seat';

// 交本机记录 (issue #19): a PC that kept its register alone becomes a seat and hands its own 收文
// and their 督办 事项 to the server: ids and numbers kept, numbers the server gave meanwhile
// renumbered (原编号 kept), its accounts' people as the office's, the clashing server records then
// pulled, a lost answer resent without a second copy.

const REG = { receivedDate: '2026-11-20', fromUnit: '县民政局', docType: '通知', classification: '非密', copies: 1, pages: 2, urgency: '普通', signedBy: '张秘书', handling: '办件' } as const;
const HOST = { id: 'unit-office', name: '办公室' };

const office = officeServerForFile();

const register = (db: WenshuDB, who: Actor, title: string, extra: object = {}) => send(db, who, 'incoming.register', { registration: { ...REG, title, docNumber: `县民发〔2026〕${title.length}${Math.round(Math.random() * 1e6)}号`, ...extra } as never }) as Promise<IncomingRecord>;
const act = (db: WenshuDB, who: Actor, id: string, action: object) => send(db, who, 'incoming.act', { id, action: action as never }) as Promise<IncomingRecord>;
const serverRows = async (tbl: string) => (await office.lan.pool.query<{ row: IncomingRecord & TaskRecord }>(`SELECT row FROM records WHERE tbl = $1 ORDER BY row->>'serial'`, [tbl])).rows.map((r) => r.row);

/** A 常务会议 (the fixture's) created, its minutes saved and issued: 第1期 in its series, a 督办 事项 per 议定事项. */
async function issuedMinutes(db: WenshuDB, who: Actor): Promise<MeetingRecord> {
  const m = (await send(db, who, 'meeting.create', meetingInput())) as MeetingRecord;
  await send(db, who, 'minutes.saveDraft', { id: m.id, minutes: minutesInput() });
  return ((await send(db, who, 'minutes.issue', { id: m.id })) as { meeting: MeetingRecord }).meeting;
}

describe('交本机记录', () => {
  test('a PC used alone pairs, hands its 收文, meetings and 事项 to the server (numbers kept or renumbered after the server’s, people mapped), then pulls what clashed; a lost answer is resent without a second copy', async () => {
    // On the LAN already: two 收文 from 李秘书's seat, 收〔2026〕0001 and 0002.
    const li = await pairSeat(office.lan, '李秘书的电脑', 'li');
    const onServer = [await register(li.db, li.actor, '服务器上先登记的一件'), await register(li.db, li.actor, '服务器上先登记的二件')];
    expect(onServer.map((r) => r.serial)).toEqual(['收〔2026〕0001', '收〔2026〕0002']);
    // And a 常务会议's minutes, 第1期, with their two 事项, 督〔2026〕0001 and 0002.
    await issuedMinutes(li.db, li.actor);

    // 张秘书's PC, used alone until now: her account 'xiaozhang' (the server's is 'zhang', same 姓名),
    // 王科员's 'xiaowang' (the server's 'wang'), 赵科长 who has no account on the server.
    let mine: IncomingRecord[] = [];
    let people: Record<string, Actor> = {};
    let ownMeeting = '';
    const a = await pairSeat(office.lan, '张秘书的电脑', 'zhang', async (db, admin) => {
      const clerk = await addApprovedUser(db, admin, { username: 'xiaozhang', displayName: '张秘书', roles: ['秘书'], password: passwordOf('xiaozhang') });
      const wang = await addApprovedUser(db, admin, { username: 'xiaowang', displayName: '王科员', roles: ['工作人员'], password: passwordOf('xiaowang') });
      const zhao = await addApprovedUser(db, admin, { username: 'zhaoke', displayName: '赵科长', roles: ['工作人员'], password: passwordOf('zhaoke') });
      people = { clerk, wang, zhao };
      const first = await register(db, clerk, '本机登记的第一件');
      const inner = await register(db, clerk, '本机登记的内部件', { classification: '内部', handling: '阅件' });
      await act(db, clerk, inner.id, { type: '传阅', readers: [{ userId: wang.id, name: '王科员' }, { userId: zhao.id, name: '赵科长' }] });
      const third = await register(db, clerk, '本机登记的批示件');
      await act(db, clerk, third.id, { type: '初审' });
      await act(db, clerk, third.id, { type: '拟办', text: '拟请办公室办理' });
      await act(db, clerk, third.id, { type: '批示', leader: '王局长', text: '同意', at: new Date().toISOString(), oral: false });
      await act(db, clerk, third.id, { type: '承办', host: HOST, cooperating: [], deadline: { kind: 'workdays', days: 5 } });
      await send(db, clerk, 'task.create', { content: '整理全年会议材料', unit: '办公室', person: '', dueDate: '2026-12-30', assignedBy: '王局长' });
      ownMeeting = (await issuedMinutes(db, clerk)).id;
      mine = (await db.incoming.toArray()).sort((x, y) => x.seq - y.seq);
      expect(mine.map((r) => r.serial)).toEqual(['收〔2026〕0001', '收〔2026〕0002', '收〔2026〕0003']);
      expect(first.id).toBe(mine[0]!.id);
    });
    expect(people.clerk).toBeDefined();
    const [first, inner, third] = mine;

    // In step with the server: its 收文 and 事项 numbered 0001 and 0002 clash with this PC's own and are listed, not written.
    await a.seat.sync();
    expect(a.seat.status.own).toBe(8);
    expect((await listConflicts(a.db, a.actor.id)).map((c) => c.label).sort()).toEqual(['收〔2026〕0001', '收〔2026〕0002', '督〔2026〕0001', '督〔2026〕0002']);
    expect(await a.db.incoming.get(onServer[0]!.id)).toBeUndefined();
    // A step on a 收文 of its own, before handing over: refused, saying why (nothing sent).
    await expect(act(a.db, a.actor, first!.id, { type: '初审' })).rejects.toThrow(/^该收文是本机配对前单机登记的，尚未交到服务器/);

    const plan = await planAdopt(a.db);
    expect(plan.incoming.map((r) => r.serial)).toEqual(['收〔2026〕0001', '收〔2026〕0002', '收〔2026〕0003']);
    expect(plan.meetings.map((m) => m.issued?.number)).toEqual(['第1期']);
    expect(plan.tasks.map((t) => [t.serial, t.source.kind])).toEqual([
      ['督〔2026〕0001', '收文批示'],
      ['督〔2026〕0002', '口头交办'],
      ['督〔2026〕0003', '会议纪要'],
      ['督〔2026〕0004', '会议纪要'],
    ]);
    expect(plan.staying).toEqual([]);
    expect(plan.unmapped).toEqual([{ name: '赵科长', username: 'zhaoke' }]);
    // 王科员 is the office's 王科员 now (by 姓名), in the 传阅 and the need to know; 赵科长 keeps his name.
    const wangOnServer = (await office.lan.pool.query<{ id: string }>(`SELECT id FROM accounts WHERE login = 'wang'`)).rows[0]!.id;
    const innerSent = plan.incoming.find((r) => r.id === inner!.id)!;
    expect(innerSent.circulation.map((c) => [c.userId, c.name])).toEqual([
      [wangOnServer, '王科员'],
      [people.zhao!.id, '赵科长'],
    ]);
    expect(innerSent.namedUserIds).toContain(wangOnServer);

    // The first try's answer is lost on the way back (the server took the batch): nothing is marked here.
    const lossy = loseNextAnswer(a);
    await expect(adoptOwnRecords(a.db, plan, (i) => a.seat.adopt(i))).rejects.toThrow(/^服务器暂不可达：已交的记录已保存/);
    expect(lossy.lost).toBe(true);
    lossy.restore();
    expect((await planAdopt(a.db)).incoming).toHaveLength(3);

    const progress: number[] = [];
    const done = await adoptOwnRecords(a.db, await planAdopt(a.db), (i) => a.seat.adopt(i), { onProgress: (p) => progress.push(p.done) });
    expect(done).toMatchObject({ sent: 8, cancelled: false });
    // 收文 and 督办 renumbered after the PC's highest (0003, 0004); the minutes after the server's 第1期.
    expect(done.renumbered.filter((r) => !r.from.includes('期'))).toEqual([
      { from: '收〔2026〕0001', to: '收〔2026〕0004' },
      { from: '收〔2026〕0002', to: '收〔2026〕0005' },
      { from: '督〔2026〕0001', to: '督〔2026〕0005' },
      { from: '督〔2026〕0002', to: '督〔2026〕0006' },
    ]);
    expect(progress).toEqual([0, 8]);
    expect((await a.db.meetings.get(ownMeeting))!.issued!.number).toBe('第2期');
    expect((await a.db.tasks.where('source.meetingId').equals(ownMeeting).toArray()).map((t) => [t.serial, (t.source as { minutesNumber: string }).minutesNumber]).sort()).toEqual([
      ['督〔2026〕0003', '第2期'],
      ['督〔2026〕0004', '第2期'],
    ]);
    // Here at once under the server's numbers, 原编号 kept, findable by the new number.
    expect(await a.db.incoming.get(first!.id)).toMatchObject({ serial: '收〔2026〕0004', legacyNumber: '收〔2026〕0001' });
    expect((await searchRegisters(a.db, a.actor, '收〔2026〕0004', [INCOMING_REGISTER]))[0]!.hits.map((h) => h.id)).toEqual([first!.id]);
    const task = (await a.db.tasks.get((await a.db.incoming.get(third!.id))!.taskId!))!;
    expect(task).toMatchObject({ serial: '督〔2026〕0005', source: { kind: '收文批示', incomingSerial: '收〔2026〕0003' } });

    // On the server once (the resend answered from what the first try stored), one audit entry each.
    expect((await serverRows('incoming')).map((r) => [r.serial, r.legacyNumber ?? ''])).toEqual([
      ['收〔2026〕0001', ''],
      ['收〔2026〕0002', ''],
      ['收〔2026〕0003', ''],
      ['收〔2026〕0004', '收〔2026〕0001'],
      ['收〔2026〕0005', '收〔2026〕0002'],
    ]);
    expect((await office.lan.pool.query(`SELECT action FROM audit_log WHERE action LIKE '%交到服务器'`)).rowCount).toBe(8);

    // The pull from 0 brings the server's 0001 and 0002; the clashes are settled; nothing is left to hand over.
    await a.seat.sync();
    expect((await a.db.incoming.toArray()).map((r) => r.serial).sort()).toEqual(['收〔2026〕0001', '收〔2026〕0002', '收〔2026〕0003', '收〔2026〕0004', '收〔2026〕0005']);
    expect(await listConflicts(a.db, a.actor.id)).toEqual([]);
    await a.seat.recount();
    expect(a.seat.status.own).toBe(0);
    // Handled through the server now, like any other.
    expect((await act(a.db, a.actor, first!.id, { type: '初审' })).state).toBe('已初审');
    expect((await serverRows('incoming')).find((r) => r.id === first!.id)!.state).toBe('已初审');

    // 王科员's seat holds the 内部 one 传阅'd to him; a registration continues after every number.
    const w = await pairSeat(office.lan, '王科员的电脑', 'wang');
    await w.seat.sync();
    expect(await w.db.incoming.get(inner!.id)).toMatchObject({ serial: '收〔2026〕0005', classification: '内部' });
    expect((await register(li.db, li.actor, '交接之后登记的')).serial).toBe('收〔2026〕0006');
  }, 90_000);
});
