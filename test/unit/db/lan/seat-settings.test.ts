import { describe, expect, test } from 'vitest';
import { send } from '../../../../renderer/db/commands/client';
import { login } from '../../../../renderer/db/repositories/auth';
import { getSetting } from '../../../../renderer/db/repositories/settings';
import { toActor } from '../../../../renderer/db/repositories/users';
import { ADMIN_PASSWORD } from '../helpers';
import type { MeetingRecord } from '../../../../shared/domain/meeting-types';
import { SETTINGS } from '../../../../shared/domain/settings-schemas';
import { meetingInput, minutesInput } from '../../../fixtures/meetings';
import { officeServerForFile, pairPc, pairSeat, type TestSeat } from './paired-seat';

// 会议设置 on the office LAN (issue #19): one for the office, kept by the server (it numbers the
// minutes with them), saved from any 秘书's seat and taken by every seat with its next pull.

const office = officeServerForFile();
const meetingSend = <T>(s: TestSeat, name: string, input: object) => send(s.db, s.actor, name as never, input as never) as Promise<T>;
const VALUE = { types: ['局长办公会议', '专题会议', '周例会'], minutesPattern: '〔YYYY〕第N期', dueWorkdays: 5 };

describe('局域网的会议设置', () => {
  test('saved on seat A, they are the server’s: its next 签发 numbers by them, seat B takes them with its pull; offline, a 工作人员 or a local account on a seat PC are refused, changing nothing', async () => {
    const a = await pairSeat(office.lan, '张秘书的电脑', 'zhang');
    const b = await pairSeat(office.lan, '李秘书的电脑', 'li');
    const w = await pairSeat(office.lan, '王科员的电脑', 'wang');
    const meta = async () => (await office.lan.pool.query(`SELECT value FROM wenshu_meta WHERE key = 'meetings'`)).rows[0]?.value;

    // Offline: said so, nothing saved anywhere.
    a.cut.on = true;
    await expect(send(a.db, a.actor, 'settings.save', { key: 'meetings', value: VALUE })).rejects.toThrow(/服务器暂不可达.*会议设置/);
    a.cut.on = false;
    await a.seat.sync();
    expect(await meta()).toBeUndefined();
    expect(await getSetting(a.db, 'meetings')).toEqual(SETTINGS.meetings.default);
    // A bad value is refused beside its field by the server's own schema (the PC's).
    await expect(send(a.db, a.actor, 'settings.save', { key: 'meetings', value: { ...VALUE, minutesPattern: '纪要' } })).rejects.toMatchObject({ field: 'minutesPattern' });
    await expect(send(w.db, w.actor, 'settings.save', { key: 'meetings', value: VALUE })).rejects.toThrow(/权限/);

    await send(a.db, a.actor, 'settings.save', { key: 'meetings', value: VALUE });
    expect(await meta()).toEqual(VALUE);
    expect(await getSetting(a.db, 'meetings')).toEqual(VALUE);
    expect((await office.lan.pool.query(`SELECT actor_name, summary FROM audit_log WHERE action = '修改会议设置'`)).rows).toEqual([{ actor_name: '张秘书', summary: '会议类型：局长办公会议、专题会议、周例会；纪要编号：〔YYYY〕第N期；签发时限：5 个工作日' }]);

    // B takes them with its next pull, and the server numbers B's minutes by them.
    await b.seat.sync();
    expect(await getSetting(b.db, 'meetings')).toEqual(VALUE);
    const m = await meetingSend<MeetingRecord>(b, 'meeting.create', meetingInput({ meetingType: '周例会' }));
    await meetingSend(b, 'minutes.saveDraft', { id: m.id, minutes: minutesInput() });
    const issued = await meetingSend<{ meeting: MeetingRecord }>(b, 'minutes.issue', { id: m.id });
    expect(issued.meeting.issued!.number).toBe(`〔${issued.meeting.issued!.year}〕第1期`);

    // This PC's own 系统管理员 (a local account, no server session) may not set them here.
    const pc = await pairPc(office.lan, '另一台电脑');
    const local = await login(pc.db, 'admin', ADMIN_PASSWORD);
    if (!local.ok) throw new Error(local.message);
    await expect(send(pc.db, toActor(local.user), 'settings.save', { key: 'meetings', value: VALUE })).rejects.toThrow(/局域网座席.*会议设置/);
    expect(await getSetting(pc.db, 'meetings')).toEqual(SETTINGS.meetings.default);
    for (const s of [a, b, w]) s.seat.stop();
  });
});
