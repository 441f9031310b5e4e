import { describe, expect, test } from 'vitest';
import { PULL_PAGE } from '../../../../electron/server/pull';
import { seedServerIncoming } from '../../../fixtures/lan-server';
import { officeServerForFile, pairSeat } from './paired-seat';
import { readCursor } from '../../../../renderer/db/lan/pull';

// A pull of several pages (issue #19: a new seat's first pull is 50 pages of 2,000): the header
// shows how far it is, and a pull cut half-way resumes from its cursor, never from the start.

const RECORDS = 2 * PULL_PAGE + 100;

const office = officeServerForFile((lan) => seedServerIncoming(lan.pool, RECORDS));

describe('座席的分页拉取', () => {
  test('shows its progress page by page, and a pull cut after a page resumes from it', async () => {
    const s = await pairSeat(office.lan, '新座席', 'zhang');
    const asked: number[] = [];
    const shown: (number | null)[] = [];
    const post = s.link.post;
    let cutAfterPages = 1;
    s.link.post = async (path, body, token) => {
      if (path === '/api/pull') {
        asked.push((body as { since: number }).since);
        // The cable is pulled once the first page was asked for: the second page never comes.
        if (asked.length > cutAfterPages) return { ok: false, status: 0, message: '无法连接服务器：ECONNREFUSED' };
      }
      return post(path, body, token);
    };
    s.seat.subscribe(() => shown.push(s.seat.status.pulling));

    await s.seat.sync();
    expect(await s.db.incoming.count()).toBe(PULL_PAGE);
    expect(s.seat.status).toMatchObject({ online: false, pulling: null });
    // After the first page: its share of the server's change log, as the header shows it.
    expect(shown.filter((p) => p !== null)).toEqual([PULL_PAGE / RECORDS]);

    shown.length = 0;
    asked.length = 0;
    cutAfterPages = Infinity;
    await s.seat.sync();
    // From the first page's cursor on, not from 0.
    expect(asked).toEqual([PULL_PAGE, 2 * PULL_PAGE]);
    expect(await s.db.incoming.count()).toBe(RECORDS);
    // The second page of what was left: 2,000 of 2,100 (the last page shows none: it is done).
    expect(shown.filter((p) => p !== null)).toEqual([PULL_PAGE / (RECORDS - PULL_PAGE)]);
    expect(s.seat.status).toMatchObject({ online: true, pulling: null });
  }, 120_000);

  test('a first pull that meets a record twice (changed while it runs) updates it, and removes one that left the scope meanwhile', async () => {
    const w = await pairSeat(office.lan, '王科员的电脑', 'wang');
    const post = w.link.post;
    const { rows } = await office.lan.pool.query<{ id: string }>(`SELECT record_id AS id FROM change_log WHERE id IN (5, 6) ORDER BY id`);
    const [leaving, renamed] = rows.map((r) => r.id) as [string, string];
    let changed = false;
    w.link.post = async (path, body, token) => {
      const reply = await post(path, body, token);
      if (path === '/api/pull' && !changed) {
        // Once the first page is on its way to the seat: one of its records becomes 内部 (the
        // 工作人员 may not hold it), another is retitled; each change goes down the change log.
        changed = true;
        const c = office.lan.pool;
        await c.query(`UPDATE records SET row = jsonb_set(row, '{classification}', '"内部"'), version = version + 1 WHERE id = $1`, [leaving]);
        await c.query(`UPDATE records SET row = jsonb_set(row, '{title}', '"改过标题的通知"'), version = version + 1 WHERE id = $1`, [renamed]);
        await c.query(`INSERT INTO change_log (id, command_id, tbl, record_id, version) SELECT (SELECT max(id) FROM change_log) + n, 'test', 'incoming', r, 2 FROM unnest($1::text[]) WITH ORDINALITY AS t(r, n)`, [[leaving, renamed]]);
      }
      return reply;
    };
    await w.seat.sync();
    expect(changed).toBe(true);
    expect(w.seat.status).toMatchObject({ online: true, pulling: null });
    expect(await w.db.incoming.get(leaving)).toBeUndefined();
    expect((await w.db.incoming.get(renamed))!.title).toBe('改过标题的通知');
    expect(await w.db.incoming.count()).toBe(RECORDS - 1);
    expect(await w.db.lanVersions.get(`v:incoming:${leaving}`)).toBeUndefined();

    // A cursor left by an app that pulled 收文 only passed the 督办 changes by: this app starts from 0.
    await w.db.lanSync.put({ key: 'cursor', cursor: RECORDS + 2, scope: 'abc' });
    expect(await readCursor(w.db)).toEqual({ cursor: 0, scope: 'abc' });
  }, 120_000);

  test('a page that arrives after the seat was stopped (signed out, locked) is never written', async () => {
    const s = await pairSeat(office.lan, '第三台电脑', 'li');
    const post = s.link.post;
    s.link.post = async (path, body, token) => {
      const reply = await post(path, body, token);
      if (path === '/api/pull') await s.seat.stop();
      return reply;
    };
    await s.seat.sync();
    expect(await s.db.incoming.count()).toBe(0);
    expect(await readCursor(s.db)).toEqual({ cursor: 0, scope: '' });
  }, 60_000);
});
