import { describe, expect, test } from 'vitest';
import type { LanLinkCapability } from '../../../../renderer/platform/types';
import { send } from '../../../../renderer/db/commands/client';
import { attachSeat, detachSeat, listConflicts, seatOf } from '../../../../renderer/db/lan/seat';
import { signInOnSeat } from '../../../../renderer/db/lan/seat-sign-in';
import { isSeatPc, markSeatPc } from '../../../../renderer/db/lan/pull';
import { listActiveUserNames, toActor } from '../../../../renderer/db/repositories/users';
import type { IncomingRecord } from '../../../../shared/domain/incoming-types';
import { OFFICE_PASSWORDS } from '../../../fixtures/lan-server';
import { officeServerForFile, pairSeat, type TestSeat } from './paired-seat';
import { ADMIN_PASSWORD } from '../helpers';

// A seat of the office LAN end to end below the screens (issue #19): three PCs' databases
// (fake-indexeddb), main's own lan:* code for each, one real server over HTTPS on a throwaway
// PostgreSQL. A seat's link can be cut (its requests fail as an unplugged cable's would).

const PW = OFFICE_PASSWORDS;
const REG = { receivedDate: '2026-11-20', fromUnit: '县财政局', docType: '通知', classification: '非密', copies: 1, pages: 3, urgency: '普通', signedBy: '张秘书', handling: '阅件' } as const;

const office = officeServerForFile();

const pairedSeat = (name: string, login: keyof typeof PW) => pairSeat(office.lan, name, login);

const register = (s: TestSeat, title: string, extra: object = {}) => send(s.db, s.actor, 'incoming.register', { registration: { ...REG, title, ...extra } as never }) as Promise<IncomingRecord>;
const serials = async (s: TestSeat) => (await s.db.incoming.toArray()).map((r) => `${r.serial} ${r.title}`).sort();

describe('局域网座席', () => {
  test('A registers, B sees it; B offline registers two (待编号) while A registers one; B back online gets the next numbers; 办结 on both at once: one wins, the other is told 已被他人处理; an uninvolved user never holds the 内部 record', async () => {
    const a = await pairedSeat('张秘书的电脑', 'zhang');
    const b = await pairedSeat('李秘书的电脑', 'li');
    // The mirror account: the server's id and roles, a key slot of this PC.
    const mirror = await a.db.users.get(a.actor.id);
    expect(mirror).toMatchObject({ username: 'zhang', roles: ['秘书'], lanAccount: true, keySlot: expect.any(Object) });
    expect((await office.lan.pool.query('SELECT id FROM accounts WHERE login = $1', ['zhang'])).rows[0].id).toBe(a.actor.id);

    // The office's accounts reach the pickers of a PC where they never signed in (ids as records name them).
    await b.seat.sync();
    expect((await listActiveUserNames(b.db)).map((u) => u.username).sort()).toEqual(['admin', 'li', 'wang', 'zhang']);

    const first = await register(a, '关于做好年终财务决算工作的通知', { docNumber: '县财发〔2026〕1号' });
    expect(first.serial).toMatch(/1$/);
    await b.seat.sync();
    expect(await serials(b)).toEqual([`${first.serial} 关于做好年终财务决算工作的通知`]);

    b.cut.on = true;
    const p1 = await register(b, '离线登记的第一件', { docNumber: '县财发〔2026〕2号' });
    const p2 = await register(b, '离线登记的第二件', { docNumber: '县财发〔2026〕3号' });
    expect([p1.serial, p2.serial]).toEqual([`待编号·${p1.id.slice(0, 6)}`, `待编号·${p2.id.slice(0, 6)}`]);
    expect(await b.db.lanOutbox.count()).toBe(2);
    expect(b.seat.status).toMatchObject({ online: false, pending: 2 });
    const meanwhile = await register(a, '张秘书同时登记的', { docNumber: '县财发〔2026〕4号' });

    b.cut.on = false;
    await b.seat.sync();
    expect(await b.db.lanOutbox.count()).toBe(0);
    const numbered = (await b.db.incoming.bulkGet([p1.id, p2.id])).map((r) => r!.serial);
    const all = (await office.lan.pool.query<{ serial: string }>(`SELECT row->>'serial' AS serial FROM records WHERE tbl = 'incoming' ORDER BY (row->>'seq')::int`)).rows.map((r) => r.serial);
    expect(all).toEqual([first.serial, meanwhile.serial, ...numbered]);
    expect(all.map((s) => Number(s.match(/(\d+)$/)![1]))).toEqual([1, 2, 3, 4]);
    expect(b.seat.status).toMatchObject({ online: true, pending: 0, conflicts: 0 });

    // Both close the same record at once (after its one reader has read it).
    await send(a.db, a.actor, 'incoming.act', { id: first.id, action: { type: '传阅', readers: [{ userId: a.actor.id, name: a.actor.displayName }] } });
    await send(a.db, a.actor, 'incoming.act', { id: first.id, action: { type: '已阅', userId: a.actor.id } });
    await a.seat.sync();
    await b.seat.sync();
    const results = await Promise.allSettled([
      send(a.db, a.actor, 'incoming.act', { id: first.id, action: { type: '办结', result: '已阅知' } }),
      send(b.db, b.actor, 'incoming.act', { id: first.id, action: { type: '办结', result: '已阅知' } }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(String(lost.reason.message)).toMatch(/^已被他人处理：/);
    expect((await a.db.incoming.get(first.id))!.state).toBe('已办结');
    expect((await b.db.incoming.get(first.id))!.state).toBe('已办结');

    // Offline 办结 of a record the other seat closes meanwhile: refused on reconnect, put back, listed.
    await b.seat.sync();
    b.cut.on = true;
    const offline = (await send(b.db, b.actor, 'incoming.act', { id: meanwhile.id, action: { type: '传阅', readers: [{ userId: b.actor.id, name: b.actor.displayName }] } })) as IncomingRecord;
    expect(offline.state).toBe('传阅中');
    expect(b.seat.status.pending).toBe(1);
    const returned = (await send(a.db, a.actor, 'incoming.act', { id: meanwhile.id, action: { type: '退回', reason: '非本单位来文' } })) as IncomingRecord;
    b.cut.on = false;
    await b.seat.sync();
    expect((await b.db.incoming.get(meanwhile.id))!.state).toBe(returned.state);
    const conflicts = await b.db.lanConflicts.toArray();
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.message).toMatch(/^已被他人处理：/);
    expect(b.seat.status.conflicts).toBe(1);

    // 内部, named nobody: the 工作人员's seat never holds it; the 非密 ones reach it.
    const internal = await register(a, '内部事项：干部考察安排', { classification: '内部', docNumber: '县委组〔2026〕9号' });
    const c = await pairedSeat('王科员的电脑', 'wang');
    await c.seat.sync();
    const held = (await c.db.incoming.toArray()).map((r) => r.id);
    expect(held).not.toContain(internal.id);
    expect(held).toContain(first.id);
    // Nor its id in the seat's sync rows (the cursor, the versions).
    expect(JSON.stringify([await c.db.lanSync.toArray(), await c.db.lanVersions.toArray()])).not.toContain(internal.id);
    expect(await c.db.lanVersions.get(`v:incoming:${first.id}`)).toMatchObject({ version: expect.any(Number) });

    // The LAN's 最高密级 lowered to 非密 while B is offline: B still queues a 内部 one (its last word
    // from the server was 内部) and a step on it; the server refuses the registration, so both are
    // taken back together, listed, and the record leaves B.
    await b.seat.sync();
    b.cut.on = true;
    const setMax = (level: string) => office.lan.pool.query(`INSERT INTO wenshu_meta (key, value) VALUES ('lan', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [JSON.stringify({ maxClassification: level })]);
    await setMax('非密');
    const queued = await register(b, '离线登记的内部件', { classification: '内部', docNumber: '县财发〔2026〕20号' });
    await send(b.db, b.actor, 'incoming.act', { id: queued.id, action: { type: '传阅', readers: [{ userId: b.actor.id, name: b.actor.displayName }] } });
    expect(b.seat.status.pending).toBe(2);
    b.cut.on = false;
    await b.seat.sync();
    expect(await b.db.incoming.get(queued.id)).toBeUndefined();
    const refusals = (await b.db.lanConflicts.toArray()).filter((x) => x.recordId === queued.id).map((x) => x.message);
    expect(refusals).toHaveLength(2);
    expect(refusals.some((m) => /^服务器未接受：.*最高密级/.test(m))).toBe(true);
    expect(refusals.some((m) => m.startsWith('随前一操作一并撤销'))).toBe(true);
    // Offline now, with the server's last word: a 内部 one is refused beside 密级 and nothing is queued.
    b.cut.on = true;
    await expect(register(b, '又一件内部件', { classification: '内部', docNumber: '县财发〔2026〕21号' })).rejects.toMatchObject({ field: 'classification' });
    expect(b.seat.status.pending).toBe(0);
    b.cut.on = false;
    await setMax('内部');

    // The outbox is each person's: li's offline work waits while zhang uses li's PC, and goes with li's next session.
    b.cut.on = true;
    const lis = await register(b, '李秘书离线登记、未及上传的', { docNumber: '县财发〔2026〕22号' });
    await detachSeat(b.db);
    b.db.keyring.lock();
    b.cut.on = false;
    const zhangOnB = await signInOnSeat(b.db, b.link, 'zhang', PW.zhang);
    if (!zhangOnB.ok || !zhangOnB.seat) throw new Error('zhang on B refused');
    await zhangOnB.seat.sync();
    expect(zhangOnB.seat.status).toMatchObject({ online: true, pending: 0 });
    expect(await b.db.lanOutbox.count()).toBe(1);
    expect((await listConflicts(b.db, a.actor.id)).every((x) => x.accountId !== b.actor.id)).toBe(true);
    // A local account on a seat PC does not number 收文 here: they are the server's.
    await zhangOnB.seat.stop();
    b.db.keyring.lock();
    const local = await signInOnSeat(b.db, b.link, 'admin', ADMIN_PASSWORD);
    if (!local.ok) throw new Error(local.message);
    expect(local.seat).toBeNull();
    await expect(send(b.db, toActor(local.user), 'incoming.register', { registration: { ...REG, title: '本地账户登记的' } as never })).rejects.toThrow(/^本机是局域网座席/);
    // The mark is this PC's (never in a backup): a restore drops it and the next sign-in puts it back.
    await b.db.lanSync.delete('paired');
    expect(await isSeatPc(b.db)).toBe(false);
    await markSeatPc(b.db, true);
    await expect(send(b.db, toActor(local.user), 'incoming.register', { registration: { ...REG, title: '本地账户登记的' } as never })).rejects.toThrow(/^本机是局域网座席/);
    b.db.keyring.lock();
    // li, offline at sign-in: the mirror opens the PC; once the server answers, the seat signs in and sends li's outbox.
    b.cut.on = true;
    const liBack = await signInOnSeat(b.db, b.link, 'li', PW.li);
    if (!liBack.ok || !liBack.seat) throw new Error('li refused offline');
    attachSeat(liBack.seat);
    liBack.seat.pause();
    await liBack.seat.sync();
    expect(liBack.seat.status).toMatchObject({ online: false, pending: 1 });
    b.cut.on = false;
    await liBack.seat.sync();
    expect(liBack.seat.status).toMatchObject({ online: true, pending: 0 });
    expect((await b.db.incoming.get(lis.id))!.serial).toMatch(/^收〔2026〕\d{4}$/);
    await detachSeat(b.db);

    // Offline sign-in: the mirror's own password opens this PC while the server is unreachable.
    await detachSeat(a.db);
    a.db.keyring.lock();
    expect(seatOf(a.db)).toBeNull();
    a.cut.on = true;
    const signedOffline = await signInOnSeat(a.db, a.link, 'zhang', PW.zhang);
    expect(signedOffline).toMatchObject({ ok: true, user: { id: a.actor.id } });
    expect(signedOffline.ok && signedOffline.seat?.status).toMatchObject({ online: false });
    a.db.keyring.lock();
    // The server answering with a refusal (here: too many attempts) is no 'unreachable': it stands.
    const throttled: Pick<LanLinkCapability, 'post'> = { post: async () => ({ ok: false, status: 429, message: '尝试次数过多，请 15 分钟后再试' }) };
    expect(await signInOnSeat(a.db, throttled, 'zhang', PW.zhang)).toEqual({ ok: false, message: '尝试次数过多，请 15 分钟后再试' });
    expect(a.db.keyring.isUnlocked()).toBe(false);
    // Online, the server's refusal stands for a mirror (a changed password, a disabled account).
    a.cut.on = false;
    await office.lan.pool.query(`UPDATE accounts SET disabled = true WHERE login = 'zhang'`);
    expect(await signInOnSeat(a.db, a.link, 'zhang', PW.zhang)).toEqual({ ok: false, message: '用户名或密码错误，或本机已被停用' });
    expect(a.db.keyring.isUnlocked()).toBe(false);
    for (const s of [a, b, c]) await detachSeat(s.db);
  }, 120_000);
});
