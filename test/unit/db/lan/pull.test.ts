import { describe, expect, test } from 'vitest';
import { applyPulledPage } from '../../../../renderer/db/lan/pull';
import { listConflicts } from '../../../../renderer/db/lan/seat';
import { newIncomingRecord } from '../../../../shared/domain/incoming';
import type { IncomingRecord } from '../../../../shared/domain/incoming-types';
import { freshDb, setUpOffice } from '../helpers';

// A pulled page against what the PC holds (renderer/db/lan/pull.ts): a 收文编号 is unique here,
// so a page that moves one record off a number and brings another under it writes the move first,
// and a number this PC's own record holds is listed as a clash until that record moves.

const REG = { receivedDate: '2026-03-02', fromUnit: '县民政局', docNumber: '', docType: '通知', classification: '非密', copies: 1, pages: 2, urgency: '普通', signedBy: '张秘书', handling: '阅件' } as const;
const record = (id: string, seq: number, title: string): IncomingRecord =>
  newIncomingRecord({ ...REG, title }, { id, seq, serial: `收〔2026〕${String(seq).padStart(4, '0')}`, by: { id: 'u', name: '张秘书' }, now: new Date('2026-03-02T02:00:00Z'), via: '登记' });
const page = (cursor: number, rows: IncomingRecord[]) => ({ scope: 's', cursor, more: false, maxClassification: '内部' as const, changes: rows.map((row) => ({ kind: 'put' as const, tbl: 'incoming', id: row.id, version: 1, row })) });

describe('a pulled page and the numbers this PC holds', () => {
  test('a record moved off a number and a new one under it, in one page (the new one first): both written; a number still held by this PC’s own record is listed, then settled when it moves', async () => {
    const db = freshDb();
    await setUpOffice(db);
    const mine = record('mine', 1, '本机的');
    await db.incoming.put(mine);
    // The server's 0001 while this PC's own record still holds the number: listed, not written.
    await applyPulledPage(db, page(1, [record('theirs', 1, '服务器的')]));
    expect(await db.incoming.get('theirs')).toBeUndefined();
    expect((await listConflicts(db, '')).map((c) => c.label)).toEqual(['收〔2026〕0001']);
    // One page: the server's 0001 (listed first) and this PC's record, moved to 0003.
    await applyPulledPage(db, page(2, [record('theirs', 1, '服务器的'), { ...mine, seq: 3, serial: '收〔2026〕0003' }]));
    expect((await db.incoming.get('theirs'))!.serial).toBe('收〔2026〕0001');
    expect((await db.incoming.get('mine'))!.serial).toBe('收〔2026〕0003');
    expect(await listConflicts(db, '')).toEqual([]);
  });

  test('a holder whose own move is refused (its new number held here too) keeps its number: the record wanting it is listed, nothing breaks the unique index', async () => {
    const db = freshDb();
    await setUpOffice(db);
    const mine = record('mine', 1, '本机的');
    await db.incoming.bulkPut([mine, record('stays', 41, '本机留下的')]);
    // The server moved this PC's 0001 to 0041, which this PC's staying record holds; and brings its own 0001.
    await applyPulledPage(db, page(1, [record('theirs', 1, '服务器的'), { ...mine, seq: 41, serial: '收〔2026〕0041' }]));
    expect((await db.incoming.get('mine'))!.serial).toBe('收〔2026〕0001');
    expect(await db.incoming.get('theirs')).toBeUndefined();
    expect((await listConflicts(db, '')).map((c) => c.label).sort()).toEqual(['收〔2026〕0001', '收〔2026〕0041']);
  });
});
