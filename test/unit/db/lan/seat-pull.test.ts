import { describe, expect, test } from 'vitest';
import { PULL_PAGE } from '../../../../electron/server/pull';
import { seedServerIncoming } from '../../../fixtures/lan-server';
import { officeServerForFile, pairSeat } from './paired-seat';

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
});
