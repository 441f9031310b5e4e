import { describe, expect, test, vi } from 'vitest';
import { WenshuDB } from '../../../renderer/db/database';
import { compactProjection } from '../../../renderer/db/projection';
import {
  actOnIncoming,
  checkDuplicate,
  DuplicateIncomingError,
  fromUnitSuggestions,
  getIncoming,
  importIncoming,
  incomingDeadlines,
  listIncoming,
  registerIncoming,
} from '../../../renderer/db/repositories/incoming';
import { verifyAuditChain } from '../../../renderer/db/audit';
import type { Registration } from '../../../shared/domain/incoming-types';
import { staffedOffice } from './helpers';

const base: Registration = {
  receivedDate: '2026-11-20',
  fromUnit: '县财政局',
  docNumber: '县财发[2026]12号',
  title: '关于做好年终财务决算工作的通知',
  docType: '通知',
  classification: '非密',
  copies: 1,
  pages: 3,
  urgency: '普通',
  signedBy: '张秘书',
  handling: '办件',
};

describe('收文 registration', () => {
  test('assigns gap-free numbers, normalises 来文字号, and is audited', async () => {
    const { db, clerk } = await staffedOffice();
    const a = await registerIncoming(db, clerk, base);
    const b = await registerIncoming(db, clerk, { ...base, docNumber: '县财发（2026）13号' });
    expect([a.serial, b.serial]).toEqual(['收〔2026〕0001', '收〔2026〕0002']);
    expect(a.docNumber).toBe('县财发〔2026〕12号');
    expect(b.docNumber).toBe('县财发〔2026〕13号');
    const log = await db.auditLog.orderBy('seq').last();
    expect(log).toMatchObject({ action: '收文登记', actorName: 'clerk', entityId: b.id });
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  test('the same 来文单位 + 来文字号 (typed differently) is refused, naming the earlier record, unless a reason is given', async () => {
    const { db, clerk } = await staffedOffice();
    const first = await registerIncoming(db, clerk, base);
    const again = { ...base, docNumber: '县财发(2026)12号' };
    expect(await checkDuplicate(db, clerk, again.fromUnit, again.docNumber)).toMatchObject({ serial: first.serial });
    const err = await registerIncoming(db, clerk, again).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DuplicateIncomingError);
    expect((err as DuplicateIncomingError).message).toContain(first.serial);
    expect(await db.incoming.count()).toBe(1);
    const second = await registerIncoming(db, clerk, again, { duplicateReason: '对方重新发来的正式文本' });
    expect(second.duplicateOverride).toEqual({ ofId: first.id, ofSerial: first.serial, reason: '对方重新发来的正式文本' });
    expect((await db.auditLog.orderBy('seq').last())!.summary).toContain('对方重新发来的正式文本');
  });

  test('bad input is refused beside its field and nothing is written', async () => {
    const { db, clerk } = await staffedOffice();
    const before = await db.auditLog.count();
    await expect(registerIncoming(db, clerk, { ...base, classification: '机密' })).rejects.toMatchObject({ field: 'copyNumber' });
    await expect(registerIncoming(db, clerk, { ...base, receivedDate: '2026-02-30' })).rejects.toMatchObject({ field: 'receivedDate' });
    await expect(registerIncoming(db, clerk, { ...base, title: ' ' })).rejects.toMatchObject({ field: 'title' });
    expect(await db.incoming.count()).toBe(0);
    expect(await db.auditLog.count()).toBe(before);
    expect(await db.counters.count()).toBe(0);
  });

  test('only a 秘书 may register; suggestions and duplicate checks are theirs only', async () => {
    const { db, reader, clerk } = await staffedOffice();
    await expect(registerIncoming(db, reader, base)).rejects.toThrow('没有权限');
    await registerIncoming(db, clerk, base);
    expect(await fromUnitSuggestions(db, clerk, '财政')).toEqual(['县财政局']);
    await expect(fromUnitSuggestions(db, reader, '')).rejects.toThrow('没有权限');
    await expect(checkDuplicate(db, reader, base.fromUnit, base.docNumber)).rejects.toThrow('没有权限');
  });
});

describe('收文 procedure through the repository', () => {
  test('a classified document goes through every step; the list, search and deadlines follow', async () => {
    const { db, clerk, reader, outsider, dept } = await staffedOffice();
    const secret = await registerIncoming(db, clerk, { ...base, classification: '机密', copyNumber: '3', urgency: '加急' });
    const now = new Date('2026-11-23T02:00:00Z'); // a Monday
    await actOnIncoming(db, clerk, secret.id, { type: '初审' }, now);
    await actOnIncoming(db, clerk, secret.id, { type: '拟办', text: '拟请办公室牵头办理' }, now);
    await actOnIncoming(db, clerk, secret.id, { type: '批示', leader: '王主任', text: '同意，抓紧办理', at: now.toISOString(), oral: false }, now);
    await expect(actOnIncoming(db, clerk, secret.id, { type: '承办', host: { id: dept.id, name: dept.name }, cooperating: [] }, now)).rejects.toThrow('办理时限');
    await actOnIncoming(db, clerk, secret.id, { type: '承办', host: { id: dept.id, name: dept.name }, cooperating: [], deadline: { kind: 'workdays', days: 3 } }, now);
    const assigned = (await db.incoming.get(secret.id))!;
    expect(assigned.dueDate).toBe('2026-11-26');

    // Need to know: the outsider sees 【涉密】 and cannot even match the hidden title.
    const outsiderList = await listIncoming(db, outsider, { offset: 0, limit: 10 }, '2026-11-23');
    expect(outsiderList.rows[0]).toMatchObject({ title: '【涉密】', fromUnit: '', serial: '收〔2026〕0001', state: '承办中', masked: true });
    expect((await listIncoming(db, outsider, { search: '年终财务', offset: 0, limit: 10 }, '2026-11-23')).total).toBe(0);
    expect((await listIncoming(db, outsider, { search: '收〔2026〕0001', offset: 0, limit: 10 }, '2026-11-23')).total).toBe(1);
    const masked = await getIncoming(db, outsider, secret.id);
    expect(masked!.canSeeContent).toBe(false);
    expect(masked!.record).toMatchObject({ serial: '收〔2026〕0001', state: '承办中', title: '【涉密】' });
    const visible = JSON.stringify(masked!.record);
    for (const hidden of ['年终财务', '县财政局', '县财发', '拟请办公室', '王主任', '抓紧办理', '办公室', '张秘书']) {
      if (hidden === '张秘书') continue; // who did a step is not content
      expect(visible).not.toContain(hidden);
    }

    await actOnIncoming(db, clerk, secret.id, { type: '传阅', readers: [{ userId: reader.id, name: reader.displayName }] }, now);
    // Named in 传阅, the reader may now see it and mark it read.
    expect((await listIncoming(db, reader, { search: '年终财务', offset: 0, limit: 10 }, '2026-11-23')).rows[0]!.title).toBe(base.title);
    await actOnIncoming(db, reader, secret.id, { type: '已阅', userId: reader.id }, now);

    // Deadlines on 工作台: due 11-26; on 11-25 it is 即将到期, on 11-27 已超期.
    expect((await incomingDeadlines(db, clerk, '2026-11-25')).dueSoon.total).toBe(1);
    expect((await incomingDeadlines(db, clerk, '2026-11-26')).dueToday.total).toBe(1);
    const late = await incomingDeadlines(db, clerk, '2026-11-27');
    expect(late.overdue.rows.map((r) => r.serial)).toEqual(['收〔2026〕0001']);
    expect((await listIncoming(db, clerk, { overdueOnly: true, offset: 0, limit: 10 }, '2026-11-27')).total).toBe(1);

    await actOnIncoming(db, clerk, secret.id, { type: '办结', result: '已按要求完成决算' }, now);
    expect((await listIncoming(db, clerk, { state: '已办结', offset: 0, limit: 10 }, '2026-11-27')).total).toBe(1);
    expect((await incomingDeadlines(db, clerk, '2026-11-27')).overdue.total).toBe(0);

    // The audit log never carries the classified title.
    const log = JSON.stringify(await db.auditLog.toArray());
    expect(log).not.toContain('年终财务');
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  test('an illegal step is refused with a message and changes nothing', async () => {
    const { db, clerk } = await staffedOffice();
    const r = await registerIncoming(db, clerk, base);
    const before = await db.auditLog.count();
    await expect(actOnIncoming(db, clerk, r.id, { type: '批示', leader: '王', text: '同意', at: new Date().toISOString(), oral: true })).rejects.toThrow('不能批示');
    expect((await db.incoming.get(r.id))!.state).toBe('已登记');
    expect(await db.auditLog.count()).toBe(before);
  });
});

describe('the search projection across windows', () => {
  test('a second window sees the first one\'s writes, also after the other compacts', async () => {
    const { db, clerk } = await staffedOffice();
    const other = new WenshuDB(db.name);
    await registerIncoming(db, clerk, base);
    expect((await listIncoming(other, clerk, { offset: 0, limit: 10 }, '2026-11-23')).total).toBe(1);
    await registerIncoming(db, clerk, { ...base, docNumber: '县财发〔2026〕20号', title: '关于第二件的通知' });
    await registerIncoming(db, clerk, { ...base, docNumber: '县财发〔2026〕21号', title: '关于第三件的通知' });
    expect((await listIncoming(db, clerk, { offset: 0, limit: 10 }, '2026-11-23')).total).toBe(3);
    await compactProjection(db, 'incoming');
    expect(await db.projectionDeltas.count()).toBe(0);
    const seen = await listIncoming(other, clerk, { search: '第三件', offset: 0, limit: 10 }, '2026-11-23');
    expect(seen.rows.map((r) => r.title)).toEqual(['关于第三件的通知']);
    other.close();
  });

  test('search matches 繁体 typed for 简体, and brackets as typed', async () => {
    const { db, clerk } = await staffedOffice();
    await registerIncoming(db, clerk, { ...base, title: '关于加强机关作风建设的意见' });
    expect((await listIncoming(db, clerk, { search: '機關作風', offset: 0, limit: 10 }, '2026-11-23')).total).toBe(1);
    expect((await listIncoming(db, clerk, { search: '[2026]12', offset: 0, limit: 10 }, '2026-11-23')).total).toBe(1);
  });
});

describe('legacy import', () => {
  test('imports all rows in one go with new numbers and the old ones kept — or nothing', async () => {
    const { db, clerk } = await staffedOffice();
    const rows = [
      { rowNumber: 2, legacyNumber: '2025-031', registration: { ...base, receivedDate: '2025-03-01', docNumber: '县财发〔2025〕1号' } },
      { rowNumber: 3, legacyNumber: '2025-030', registration: { ...base, receivedDate: '2025-02-01', docNumber: '县财发〔2025〕2号' } },
    ];
    await expect(importIncoming(db, clerk, [...rows, { rowNumber: 4, registration: { ...base, title: '' } }])).rejects.toThrow('第 4 行');
    expect(await db.incoming.count()).toBe(0);
    const done = await importIncoming(db, clerk, rows);
    expect(done.map((r) => [r.serial, r.legacyNumber])).toEqual([
      ['收〔2025〕0001', '2025-030'],
      ['收〔2025〕0002', '2025-031'],
    ]);
    expect((await listIncoming(db, clerk, { search: '2025-031', offset: 0, limit: 10 }, '2026-11-23')).total).toBe(1);
  });
});

describe('the projection inside a live query (as the UI reads it)', () => {
  test('the first load builds and persists the base even from a read-only live query', async () => {
    const { db, clerk } = await staffedOffice();
    await registerIncoming(db, clerk, base);
    await db.projections.clear(); // as after a migration: no base yet
    const { liveQuery } = await import('dexie');
    const first = await new Promise<number>((resolve, reject) => {
      const sub = liveQuery(() => listIncoming(db, clerk, { offset: 0, limit: 10 }, '2026-11-23')).subscribe({
        next: (v) => {
          sub.unsubscribe();
          resolve(v.total);
        },
        error: reject,
      });
    });
    expect(first).toBe(1);
    await expect.poll(() => db.projections.count()).toBe(2);
  });
});

describe('the register as it opens', () => {
  test('the first page read from the index equals the page from the projection', async () => {
    const { db, clerk, outsider } = await staffedOffice();
    for (let i = 0; i < 7; i++) {
      await registerIncoming(db, clerk, { ...base, docNumber: `县财发〔2026〕${30 + i}号`, title: `第${i}件`, ...(i === 3 ? { classification: '秘密', copyNumber: '1' } : {}) });
    }
    await registerIncoming(db, clerk, { ...base, receivedDate: '2025-12-30', docNumber: '县财发〔2025〕99号', title: '去年的' });
    const cold = new WenshuDB(db.name); // a fresh window: projection not loaded yet
    const fromIndex = await listIncoming(cold, outsider, { offset: 0, limit: 5 }, '2026-11-23');
    const warm = await listIncoming(cold, outsider, { offset: 0, limit: 5, sort: { field: 'serial', direction: 'descend' }, search: '' }, '2026-11-23');
    await listIncoming(cold, outsider, { state: '已登记', offset: 0, limit: 1 }, '2026-11-23'); // forces the projection
    const fromProjection = await listIncoming(cold, outsider, { offset: 0, limit: 5 }, '2026-11-23');
    expect(fromIndex.rows.map((r) => r.serial)).toEqual(['收〔2026〕0007', '收〔2026〕0006', '收〔2026〕0005', '收〔2026〕0004', '收〔2026〕0003']);
    expect(fromProjection).toEqual(fromIndex);
    expect(warm).toEqual(fromIndex);
    expect(fromIndex.total).toBe(8);
    expect(fromIndex.rows[3]).toMatchObject({ title: '【涉密】', masked: true });
    cold.close();
  });
});

describe('the total of the register as it opens', () => {
  test('comes from the projection\'s recorded size and the records added since, without counting the table', async () => {
    const { db, clerk } = await staffedOffice();
    const first = await registerIncoming(db, clerk, base);
    for (let i = 0; i < 2; i++) await registerIncoming(db, clerk, { ...base, docNumber: `县财发〔2026〕${40 + i}号`, title: `第${i}件` });
    await listIncoming(db, clerk, { search: '第', offset: 0, limit: 1 }, '2026-11-23'); // builds and persists the base (3)
    await expect.poll(async () => (await db.projections.get('incoming:meta'))?.size).toBe(3);
    await registerIncoming(db, clerk, { ...base, docNumber: '县财发〔2026〕50号', title: '基数之后' });
    await actOnIncoming(db, clerk, first.id, { type: '初审' }); // a change, not a new record
    await compactProjection(db, 'incoming');
    expect((await db.projections.get('incoming:meta'))?.size).toBe(4);
    await registerIncoming(db, clerk, { ...base, docNumber: '县财发〔2026〕51号', title: '压缩之后' });
    await actOnIncoming(db, clerk, first.id, { type: '拟办', text: '请办公室阅处' });
    const cold = new WenshuDB(db.name);
    const count = vi.spyOn(cold.incoming, 'count');
    const page = await listIncoming(cold, clerk, { offset: 0, limit: 2 }, '2026-11-23');
    expect(page.total).toBe(await db.incoming.count());
    expect(page.total).toBe(5);
    expect(count).not.toHaveBeenCalled();
    cold.close();
  });

  test('a base written before sizes were kept is counted from the table', async () => {
    const { db, clerk } = await staffedOffice();
    await registerIncoming(db, clerk, base);
    await listIncoming(db, clerk, { search: '关于', offset: 0, limit: 1 }, '2026-11-23');
    await expect.poll(() => db.projections.count()).toBe(2);
    await db.projections.put({ key: 'incoming:meta', entries: [], lastDeltaId: (await db.projections.get('incoming:meta'))!.lastDeltaId });
    await registerIncoming(db, clerk, { ...base, docNumber: '县财发〔2026〕60号' });
    const cold = new WenshuDB(db.name);
    expect((await listIncoming(cold, clerk, { offset: 0, limit: 2 }, '2026-11-23')).total).toBe(2);
    cold.close();
  });
});

describe('prints and exports', () => {
  test('are logged with the classified numbers (never titles) and get a watermark only when classified', async () => {
    const { recordOutput } = await import('../../../renderer/db/repositories/output');
    const { db, clerk } = await staffedOffice();
    const open = await registerIncoming(db, clerk, base);
    const secret = await registerIncoming(db, clerk, { ...base, docNumber: '县财发〔2026〕77号', title: '绝对不能出现的标题', classification: '机密', copyNumber: '2' });
    expect((await recordOutput(db, clerk, { kind: '导出XLSX', document: '收文登记簿', records: [open], watermark: 'clerk 2026-11-23 10:00 文枢' })).watermark).toBeNull();
    expect((await recordOutput(db, clerk, { kind: '打印', document: '收文登记簿', records: [open, secret], watermark: 'clerk 2026-11-23 10:00 文枢' })).watermark).toBe('clerk 2026-11-23 10:00 文枢');
    const last = (await db.auditLog.orderBy('seq').last())!;
    expect(last).toMatchObject({ action: '打印收文登记簿', actorName: 'clerk' });
    expect(last.summary).toContain('收〔2026〕0002【机密】');
    expect(last.summary).toContain('水印');
    expect(JSON.stringify(await db.auditLog.toArray())).not.toContain('绝对不能出现的标题');
  });

  test('a 收文日期 in the future is refused (a mistyped year would open its numbering for good)', async () => {
    const { db, clerk } = await staffedOffice();
    await expect(registerIncoming(db, clerk, { ...base, receivedDate: '2062-11-20' }, {}, new Date('2026-11-23T02:00:00Z'))).rejects.toMatchObject({ field: 'receivedDate' });
    expect(await db.counters.count()).toBe(0);
  });
});
