import { describe, expect, test } from 'vitest';
import { send } from '../../../../renderer/db/commands/client';
import type { MeetingRecord } from '../../../../shared/domain/meeting-types';
import type { TaskRecord } from '../../../../shared/domain/supervision-types';
import { meetingInput, minutesInput, li as liInvitee, wang as wangInvitee } from '../../../fixtures/meetings';
import { loseNextAnswer, officeServerForFile, pairSeat, type TestSeat } from './paired-seat';

// 会议 and 纪要 on the office LAN (issue #19): a seat keeps meetings through the server while it
// answers; 签发 numbers the minutes in their 会议类型's series and makes one 督办 事项 per 议定事项
// there, in the office's one series; a 内部 meeting and its 事项 reach only those who keep
// meetings and its invitees with an account; 更正 follows the 事项; offline a seat waits, saying so.

const office = officeServerForFile();

const meetingSend = <T>(s: TestSeat, name: string, input: object) => send(s.db, s.actor, name as never, input as never) as Promise<T>;
const serverRows = async <R>(tbl: string) => (await office.lan.pool.query<{ row: R }>(`SELECT row FROM records WHERE tbl = $1 ORDER BY row->>'serial', id`, [tbl])).rows.map((r) => r.row);

describe('局域网的会议纪要', () => {
  test('a seat creates a meeting, saves and issues its minutes through the server: 第1期 and a 督办 事项 per 议定事项 in the one series; the other seats pull them by need to know; 更正 follows the 事项; offline it waits', async () => {
    const a = await pairSeat(office.lan, '张秘书的电脑', 'zhang');
    const b = await pairSeat(office.lan, '李秘书的电脑', 'li');
    const w = await pairSeat(office.lan, '王科员的电脑', 'wang');
    // 王科员 is invited to the 内部 one under his server account; the 非密 one invites nobody with an account.
    const inner = await meetingSend<MeetingRecord>(a, 'meeting.create', meetingInput({ name: '局党组会议', meetingType: '党组会议', classification: '内部', invitees: [{ ...wangInvitee, userId: w.actor.id }] }));
    const open = await meetingSend<MeetingRecord>(a, 'meeting.create', meetingInput({ invitees: [{ ...liInvitee }] }));
    const secret = await meetingSend<MeetingRecord>(a, 'meeting.create', meetingInput({ name: '人事专题会议', meetingType: '党组会议', classification: '内部', invitees: [{ ...liInvitee }] }));
    expect(await a.db.meetings.get(open.id)).toMatchObject({ name: '县政府第12次常务会议', minutesState: '未签发' });

    await meetingSend(a, 'minutes.saveDraft', { id: open.id, minutes: minutesInput() });
    const issued = await meetingSend<{ meeting: MeetingRecord; tasks: TaskRecord[] }>(a, 'minutes.issue', { id: open.id });
    const year = new Date().getFullYear();
    expect(issued.meeting.issued).toMatchObject({ number: '第1期', year: 2026 });
    expect(issued.tasks.map((t) => t.serial)).toEqual([`督〔${year}〕0001`, `督〔${year}〕0002`]);
    // Numbered on the server, with the audit entries the PC writes; here at once.
    expect((await serverRows<TaskRecord>('tasks')).map((t) => [t.serial, t.source.kind])).toEqual([
      [`督〔${year}〕0001`, '会议纪要'],
      [`督〔${year}〕0002`, '会议纪要'],
    ]);
    expect((await office.lan.pool.query(`SELECT action FROM audit_log WHERE action IN ('签发纪要', '新建督办') ORDER BY seq`)).rows.map((r) => r.action)).toEqual(['签发纪要', '新建督办', '新建督办']);
    expect(await a.db.tasks.get(issued.tasks[0]!.id)).toMatchObject({ serial: `督〔${year}〕0001` });
    await meetingSend(a, 'minutes.saveDraft', { id: inner.id, minutes: minutesInput({ title: '局党组会议纪要' }) });
    const innerIssued = await meetingSend<{ meeting: MeetingRecord; tasks: TaskRecord[] }>(a, 'minutes.issue', { id: inner.id });
    expect(innerIssued.meeting.issued!.number).toBe('第1期');

    // 李秘书 keeps meetings: she pulls all three and every 事项. 王科员 gets the 非密 one, the 内部
    // one he is invited to and their 事项, never the 内部 one without him.
    await b.seat.sync();
    expect((await b.db.meetings.toArray()).length).toBe(3);
    expect(await b.db.tasks.count()).toBe(4);
    await w.seat.sync();
    expect((await w.db.meetings.toArray()).map((m) => m.id).sort()).toEqual([inner.id, open.id].sort());
    expect(await w.db.meetings.get(secret.id)).toBeUndefined();
    expect((await w.db.tasks.toArray()).map((t) => t.id).sort()).toEqual([...issued.tasks, ...innerIssued.tasks].map((t) => t.id).sort());

    // 更正 on B: the second 议定事项 removed (its 事项 withdrawn on the server), the first reworded.
    const draft = minutesInput();
    const corrected = minutesInput({ decisions: [{ ...draft.decisions[0]!, content: '县财政局牵头起草并报送年终财政决算报告' }] });
    await meetingSend(b, 'minutes.correct', { id: open.id, minutes: corrected, reason: '第二项已另行部署' });
    const [first, second] = issued.tasks;
    await a.seat.sync();
    expect(await a.db.tasks.get(second!.id)).toMatchObject({ state: '已撤销' });
    expect(await a.db.tasks.get(first!.id)).toMatchObject({ content: '县财政局牵头起草并报送年终财政决算报告' });

    // Offline a seat neither makes nor changes a meeting: the server numbers and keeps them.
    a.cut.on = true;
    await expect(meetingSend(a, 'meeting.create', meetingInput())).rejects.toThrow(/^服务器暂不可达：会议和纪要经服务器办理/);
    await expect(meetingSend(a, 'minutes.saveDraft', { id: secret.id, minutes: minutesInput() })).rejects.toThrow(/^服务器暂不可达：会议和纪要经服务器办理/);
    expect(await a.db.meetings.count()).toBe(3);
    expect(await a.db.lanOutbox.count()).toBe(0);
    a.cut.on = false;
    await a.seat.sync();

    // An answer lost on the way back: the same 新建会议 sent again is answered from the first, one meeting.
    const lossy = loseNextAnswer(a);
    const again = meetingInput({ name: '县政府第13次常务会议', invitees: [{ ...liInvitee }] });
    await expect(meetingSend(a, 'meeting.create', again)).rejects.toThrow(/^服务器暂不可达：会议和纪要经服务器办理/);
    expect(lossy.lost).toBe(true);
    lossy.restore();
    await a.seat.sync();
    const made = await meetingSend<MeetingRecord>(a, 'meeting.create', again);
    expect((await serverRows<MeetingRecord>('meetings')).filter((m) => m.name === '县政府第13次常务会议').map((m) => m.id)).toEqual([made.id]);

    // A meeting outside a person's scope is one that does not exist, for the server too (更正 asks no permission of its own).
    await expect(meetingSend(w, 'meeting.correct', { id: secret.id, meeting: { name: '改名' }, reason: '写错了' })).rejects.toThrow(/^该会议不存在$/);
    expect((await serverRows<MeetingRecord>('meetings')).find((m) => m.id === secret.id)!.name).toBe('人事专题会议');
  }, 60_000);
});
