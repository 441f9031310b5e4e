import { describe, expect, test } from 'vitest';
import type { IncomingRecord } from '@shared/domain/incoming-types';
import { send } from '../../../../renderer/db/commands/client';
import { officeServerForFile, pairSeat, type TestSeat } from './paired-seat';

// A seat after its server was restored from a whole-office backup (issue #19): the server starts a
// new life of its change log, the seat pulls again from 0, and what the server no longer has (done
// after the backup) leaves the seat, so its numbers given again never clash here.

const REG = { receivedDate: '2026-11-20', fromUnit: '县财政局', docType: '通知', classification: '非密', copies: 1, pages: 3, urgency: '普通', signedBy: '张秘书', handling: '阅件' } as const;
const office = officeServerForFile();
const register = (s: TestSeat, title: string) => send(s.db, s.actor, 'incoming.register', { registration: { ...REG, title } as never }) as Promise<IncomingRecord>;

describe('a seat after the server’s restore', () => {
  test('records the restored server does not have leave the seat (a step made here on one is refused and listed); the number given again lands without a clash', async () => {
    const a = await pairSeat(office.lan, '张秘书的电脑', 'zhang');
    const kept = await register(a, '备份前登记的');
    const lost = await register(a, '备份后登记的');
    const waiting = await register(a, '备份后登记、本机又有改动的');
    await a.seat.sync();
    expect(await a.db.incoming.count()).toBe(3);
    // A step on the third made offline: it waits in the outbox until the next sync.
    a.cut.on = true;
    await send(a.db, a.actor, 'incoming.act', { id: waiting.id, action: { type: '退回', reason: '送错了单位' } } as never);
    a.cut.on = false;

    // The server as a restore from a backup taken after the first leaves it (office-backup.ts).
    const { pool } = office.lan;
    for (const id of [lost.id, waiting.id]) {
      await pool.query('DELETE FROM records WHERE id = $1', [id]);
      await pool.query('DELETE FROM change_log WHERE record_id = $1', [id]);
    }
    await pool.query(`UPDATE counters SET last = 1 WHERE series = '收文'`);
    await pool.query(`INSERT INTO wenshu_meta (key, value) VALUES ('restoredFrom', '{"id": "r1"}')`);

    await a.seat.sync();
    expect(await a.db.incoming.get(kept.id)).toMatchObject({ serial: kept.serial });
    expect(await a.db.incoming.get(lost.id)).toBeUndefined();
    // Its step went first (the outbox is sent before the pull) and was refused: listed, then the record went too.
    expect(await a.db.incoming.get(waiting.id)).toBeUndefined();
    expect(await a.db.lanConflicts.filter((c) => c.recordId === waiting.id).count()).toBe(1);
    // 收〔…〕0002 again, for another record: it comes down, no clash listed.
    const again = await register(a, '恢复后登记的');
    expect(again.serial).toBe(lost.serial);
    await a.seat.sync();
    expect(await a.db.incoming.get(again.id)).toMatchObject({ serial: lost.serial, title: '恢复后登记的' });
    expect(await a.db.lanConflicts.filter((c) => c.clientId.startsWith('clash:')).count()).toBe(0);
    a.seat.stop();
  });
});
