import { describe, expect, test } from 'vitest';
import { addAccount } from '../../../../electron/server/accounts';
import { send } from '../../../../renderer/db/commands/client';
import { attachSeat } from '../../../../renderer/db/lan/seat';
import { signInOnSeat } from '../../../../renderer/db/lan/seat-sign-in';
import { login } from '../../../../renderer/db/repositories/auth';
import { toActor } from '../../../../renderer/db/repositories/users';
import { OFFICE_PASSWORDS as PW } from '../../../fixtures/lan-server';
import { officeServerForFile, pairPc, pairSeat } from './paired-seat';

// A server account's password on a seat (issue #19): changed on the server first, then in this
// PC's mirror; a one-time password from an approval holds the seat back until it is replaced.

const OTP = 'Abcd-Efgh-2345-Jkmn';
const NEW = 'Xin#Mima-2026a';

const server = officeServerForFile(async (lan) => {
  const c = await lan.pool.connect();
  try {
    const id = await addAccount(c, { login: 'zhao', displayName: '赵科员', roles: ['工作人员'], password: OTP });
    await c.query('UPDATE accounts SET must_change_password = true WHERE id = $1', [id]);
  } finally {
    c.release();
  }
});

async function serverFlag(login: string): Promise<boolean> {
  return (await server.lan.pool.query<{ m: boolean }>('SELECT must_change_password AS m FROM accounts WHERE login = $1', [login])).rows[0]!.m;
}

describe('a server account’s password on a seat', () => {
  test('a one-time password: signed in, the PC asks for a new one and pulls nothing; the new one goes to the server first, then the seat is in step', async () => {
    const { db, cut, capability } = await pairPc(server.lan, '赵科员的电脑');
    const signed = await signInOnSeat(db, capability, 'zhao', OTP);
    if (!signed.ok || !signed.seat) throw new Error('sign-in refused');
    const seat = signed.seat;
    attachSeat(seat);
    seat.pause();
    expect(signed.user).toMatchObject({ mustChangePassword: true, mustChangeReason: '审批后发放的一次性初始密码', lanAccount: true });
    await seat.sync();
    expect(seat.status).toMatchObject({ online: false, problem: expect.stringContaining('一次性初始密码') });
    expect((await server.lan.pool.query(`SELECT last_contact FROM seats WHERE name = '赵科员的电脑'`)).rows[0].last_contact).toBeNull();

    const actor = toActor(signed.user);
    // Weak: refused beside the field before anything is sent (this PC's policy, the server's too); nothing changed.
    await expect(send(db, actor, 'user.changePassword', { currentPassword: OTP, newPassword: 'abc12345' })).rejects.toMatchObject({ field: 'newPassword' });
    // Offline: said so; the one-time password still stands.
    cut.on = true;
    await expect(send(db, actor, 'user.changePassword', { currentPassword: OTP, newPassword: NEW })).rejects.toThrow(/服务器暂不可达.*密码须在服务器上修改/);
    cut.on = false;
    expect(await serverFlag('zhao')).toBe(true);
    expect((await db.users.get(actor.id))?.mustChangePassword).toBe(true);

    await send(db, actor, 'user.changePassword', { currentPassword: OTP, newPassword: NEW });
    expect(await serverFlag('zhao')).toBe(false);
    expect((await db.users.get(actor.id))?.mustChangePassword).toBe(false);
    await seat.sync();
    expect(seat.status).toMatchObject({ online: true, problem: null });
    const audit = (await server.lan.pool.query(`SELECT actor_name, summary FROM audit_log WHERE action = '修改密码'`)).rows;
    expect(audit).toEqual([{ actor_name: '赵科员', summary: 'zhao（按要求修改一次性初始密码）' }]);
    // The mirror follows: with the server unreachable, the new password signs in here, the old one does not.
    seat.stop();
    db.keyring.lock();
    expect(await login(db, 'zhao', OTP)).toMatchObject({ ok: false });
    expect(await login(db, 'zhao', NEW)).toMatchObject({ ok: true });
  });

  test('a 秘书’s own change: the server’s password and this PC’s mirror both change; a wrong current password is refused beside its field', async () => {
    const s = await pairSeat(server.lan, '张秘书的电脑', 'zhang');
    await expect(send(s.db, s.actor, 'user.changePassword', { currentPassword: 'wrong', newPassword: NEW })).rejects.toMatchObject({ field: 'currentPassword' });
    await send(s.db, s.actor, 'user.changePassword', { currentPassword: PW.zhang, newPassword: NEW });
    // The server ended the account's sessions: this seat signs in again with the new password by itself.
    await s.seat.sync();
    expect(s.seat.status).toMatchObject({ online: true, problem: null });
    const again = await signInOnSeat(s.db, s.link, 'zhang', NEW);
    expect(again).toMatchObject({ ok: true });
    expect(await signInOnSeat(s.db, s.link, 'zhang', PW.zhang)).toMatchObject({ ok: false });
    if (again.ok) again.seat?.stop();
    s.seat.stop();
  });
});
