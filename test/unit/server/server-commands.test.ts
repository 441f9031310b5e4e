import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import type { IncomingRecord } from '@shared/domain/incoming-types';
import type { Role } from '@shared/domain/permissions';
import { newIncomingRecord } from '@shared/domain/incoming';
import { createTask } from '@shared/domain/supervision';
import type { TaskRecord } from '@shared/domain/supervision-types';
import { addAccount, addSeat, signIn, type SeatCredentials } from '../../../electron/server/accounts';
import { verifyServerAudit } from '../../../electron/server/audit';
import { SERVER_COMMANDS } from '../../../electron/server/commands';
import { runServerCommand, type CommandReply } from '../../../electron/server/pipeline';
import { listSeats, pullChanges, type PulledChange } from '../../../electron/server/pull';
import { initSchema, SCHEMA_VERSION, schemaVersion, SchemaError, upgradeSchema } from '../../../electron/server/schema';
import { clusterForFile } from '../../fixtures/pg-pools';

// The office LAN server against a real throwaway PostgreSQL (issue #19).

const NOW = new Date('2026-11-23T02:00:00Z');
const REG = { receivedDate: '2026-11-20', fromUnit: '县财政局', docType: '通知', classification: '非密', copies: 1, pages: 3, urgency: '普通', signedBy: '张秘书', handling: '办件' } as const;

const pg0 = clusterForFile();
const { newPool, newPoolFor } = pg0;

/** A new office database on the cluster: schema, a 系统管理员, a 秘书 and two 工作人员, each signed in on a seat of their own. */
async function office() {
  const pool = await newPool();
  const c = await pool.connect();
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const seats: Record<string, SeatCredentials> = {};
  try {
    await initSchema(c);
    const people: [string, string, Role[]][] = [
      ['admin', '系统管理员', ['系统管理员']],
      ['clerk', '张秘书', ['秘书']],
      ['reader', '李科长', ['工作人员']],
      ['outsider', '王干事', ['工作人员']],
    ];
    for (const [login, name, roles] of people) {
      ids[login] = await addAccount(c, { login, displayName: name, roles, password: `${login}-密码-2026` });
      seats[login] = await addSeat(c, `${name}的电脑`);
      tokens[login] = (await signIn(c, seats[login]!, login, `${login}-密码-2026`)).token;
    }
  } finally {
    c.release();
  }
  const send = (who: string, name: string, input: unknown, clientId: string = randomUUID()) => runServerCommand(pool, tokens[who]!, { clientId, name, input }, SERVER_COMMANDS, NOW);
  const register = (who: string, title: string, extra: object = {}) => send(who, 'incoming.register', { registration: { ...REG, title, ...extra } });
  return { pool, tokens, ids, seats, send, register };
}

/** The 秘书 signed in on a new seat of `pool`'s office. */
async function signInAgain(pool: pg.Pool): Promise<string> {
  const c = await pool.connect();
  try {
    return (await signIn(c, await addSeat(c, '又一台电脑'), 'clerk', 'clerk-密码-2026')).token;
  } finally {
    c.release();
  }
}

function ok(reply: CommandReply): IncomingRecord {
  if (!reply.ok) throw new Error(`refused: ${reply.message}`);
  return reply.result as IncomingRecord;
}

async function pullAll(pool: pg.Pool, token: string): Promise<Map<string, PulledChange>> {
  const held = new Map<string, PulledChange>();
  let since = 0;
  for (;;) {
    const page = await pullChanges(pool, token, since, {}, 50);
    for (const c of page.changes) held.set(c.id, c);
    since = page.cursor;
    if (!page.more) return held;
  }
}

describe('LAN server: schema', () => {
  test('--init creates the schema in an empty database and refuses a used one, changing nothing', async () => {
    const pool = await newPool();
    const c = await pool.connect();
    try {
      await initSchema(c);
      await expect(initSchema(c)).rejects.toThrow(new SchemaError('该数据库已初始化为文枢服务器，未作任何改动'));
      const other = new pg.Client({ connectionString: await pg0.cluster.createDatabase() });
      await other.connect();
      await other.query('CREATE TABLE invoices (id int)');
      await expect(initSchema(other)).rejects.toThrow(/不是空的.*invoices/);
      const { rows } = await other.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`);
      expect(rows[0].n).toBe(1);
      await other.end();
    } finally {
      c.release();
    }
  });

  test('a database of the first schema (no seat key, no number index) is brought up to date when the server starts; a newer one is refused', async () => {
    const pool = await newPool();
    const c = await pool.connect();
    try {
      await initSchema(c);
      expect(await upgradeSchema(c)).toEqual([]);
      // As the first server made it.
      await c.query('ALTER TABLE seats DROP COLUMN wrapped_key');
      await c.query('DROP INDEX records_serial');
      await c.query('ALTER TABLE accounts DROP COLUMN must_change_password, DROP COLUMN password_history');
      await c.query('DROP TABLE account_requests');
      await c.query(`UPDATE wenshu_meta SET value = '1' WHERE key = 'schemaVersion'`);
      expect(await upgradeSchema(c)).toEqual([2, 3, 4]);
      expect(await schemaVersion(c)).toBe(SCHEMA_VERSION);
      const { rows } = await c.query(`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'seats' AND column_name = 'wrapped_key'`);
      expect(rows[0].n).toBe(1);
      expect((await c.query(`SELECT 1 FROM pg_indexes WHERE indexname = 'records_serial'`)).rowCount).toBe(1);
      expect((await c.query(`SELECT must_change_password, password_history FROM accounts`)).fields.map((f) => f.name)).toEqual(['must_change_password', 'password_history']);
      expect((await c.query(`SELECT to_regclass('account_requests') IS NOT NULL AS there`)).rows[0].there).toBe(true);
      await c.query(`UPDATE wenshu_meta SET value = '99' WHERE key = 'schemaVersion'`);
      await expect(upgradeSchema(c)).rejects.toThrow(/更新版本的文枢服务器/);
    } finally {
      c.release();
    }
  });
});

describe('LAN server: commands', () => {
  test('8 seats × 50 registrations at once: 收文编号 1…400 without a gap or a repeat; after 400 more concurrent commands the global audit chain verifies', async () => {
    const { pool, ids } = await office();
    const c = await pool.connect();
    const seatTokens: string[] = [];
    for (let s = 0; s < 8; s++) seatTokens.push((await signIn(c, await addSeat(c, `座席${s + 1}`), 'clerk', 'clerk-密码-2026')).token);
    c.release();
    const results = await Promise.all(
      seatTokens.map(async (token, s) => {
        const mine: IncomingRecord[] = [];
        for (let i = 0; i < 50; i++) {
          const reply = await runServerCommand(pool, token, { clientId: randomUUID(), name: 'incoming.register', input: { registration: { ...REG, handling: '阅件', docNumber: `县财发〔2026〕${s * 50 + i + 1}号`, title: `座席${s + 1}的第${i + 1}件` } } }, SERVER_COMMANDS, NOW);
          mine.push(ok(reply));
        }
        return mine;
      }),
    );
    const all = results.flat();
    expect(all.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
    expect(new Set(all.map((r) => r.serial)).size).toBe(400);
    expect(all.find((r) => r.seq === 400)!.serial).toBe('收〔2026〕0400');
    // Then 400 commands that take no number (nothing else orders them): each seat sends its 50 to
    // 传阅, while a puller reads the change log: whatever it sees must be a gap-free run after its
    // cursor (an id drawn before the chain lock could commit after a later one, and be skipped).
    let writing = true;
    let cursor = 400;
    let gaps = 0;
    const puller = (async () => {
      while (writing) {
        const { rows } = await pool.query<{ id: string }>('SELECT id FROM change_log WHERE id > $1 ORDER BY id', [cursor]);
        rows.forEach((r, i) => (gaps += Number(r.id) === cursor + i + 1 ? 0 : 1));
        if (rows.length) cursor = Number(rows[rows.length - 1]!.id);
      }
    })();
    await Promise.all(
      seatTokens.map(async (token, s) => {
        for (const r of results[s]!) {
          ok(await runServerCommand(pool, token, { clientId: randomUUID(), name: 'incoming.act', input: { id: r.id, action: { type: '传阅', readers: [{ userId: ids.reader, name: '李科长' }] } } }, SERVER_COMMANDS, NOW));
        }
      }),
    );
    writing = false;
    await puller;
    expect(gaps).toBe(0);
    expect(await verifyServerAudit(pool)).toMatchObject({ ok: true, count: 800 });
    // The change log grows in commit order: one row per command, ids 1…800.
    const log = await pool.query<{ id: string }>('SELECT id FROM change_log ORDER BY id');
    expect(log.rows.map((r) => Number(r.id))).toEqual(Array.from({ length: 800 }, (_, i) => i + 1));
  }, 120_000);

  test('a replayed command is applied once and answered with its first result, even when both arrive at once', async () => {
    const { pool, send } = await office();
    const clientId = randomUUID();
    const input = { registration: { ...REG, docNumber: '县财发〔2026〕7号', title: '关于做好年终财务决算工作的通知' } };
    const [a, b] = await Promise.all([send('clerk', 'incoming.register', input, clientId), send('clerk', 'incoming.register', input, clientId)]);
    const c = await send('clerk', 'incoming.register', input, clientId);
    // One of the two that came together was applied, the other answered from it; the third too.
    expect([a, b].filter((r) => r.ok && r.replayed)).toHaveLength(1);
    expect(c).toMatchObject({ ok: true, replayed: true });
    expect(ok(a).id).toBe(ok(b).id);
    expect(ok(c)).toEqual(ok(a));
    expect((await pool.query(`SELECT count(*)::int AS n FROM records`)).rows[0].n).toBe(1);
    expect((await pool.query(`SELECT count(*)::int AS n FROM audit_log`)).rows[0].n).toBe(1);
    // A first attempt refused leaves no claim: the same id sent again, corrected, is applied once.
    const refusedId = randomUUID();
    expect(await send('clerk', 'incoming.register', { registration: { ...REG, title: '' } }, refusedId)).toMatchObject({ ok: false, field: 'title' });
    expect(await send('clerk', 'incoming.register', { registration: { ...REG, title: '关于补发材料的通知' } }, refusedId)).toMatchObject({ ok: true, replayed: false });
    expect(await send('clerk', 'incoming.register', { registration: { ...REG, title: '关于补发材料的通知' } }, refusedId)).toMatchObject({ ok: true, replayed: true });
    // Another account cannot be answered with that result.
    expect(await send('reader', 'incoming.register', input, clientId)).toMatchObject({ ok: false, message: '操作编号已被另一操作使用' });
  });

  test('above the LAN’s 最高密级 (内部 by default) a record is refused beside 密级, and no number is taken', async () => {
    const { pool, register, send } = await office();
    expect(await register('clerk', '关于某专项工作的通知', { classification: '秘密', copyNumber: '1' })).toMatchObject({ ok: false, code: 'refused', field: 'classification', message: expect.stringContaining('最高密级为“内部”') });
    expect(ok(await register('clerk', '关于内部事项的通知', { classification: '内部' })).serial).toBe('收〔2026〕0001');
    // Raised by the 系统管理员 (an approved 涉密网): the server still does not register 秘密 件 (未完成), and says so.
    expect(await send('clerk', 'lan.setMaxClassification', { maxClassification: '秘密' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await send('admin', 'lan.setMaxClassification', { maxClassification: '秘密' })).toMatchObject({ ok: true });
    expect(await register('clerk', '关于某专项工作的通知', { classification: '秘密', copyNumber: '1' })).toMatchObject({ ok: false, message: expect.stringContaining('未完成') });
    expect(ok(await register('clerk', '关于另一事项的通知')).serial).toBe('收〔2026〕0002');
    expect((await pool.query(`SELECT action FROM audit_log ORDER BY seq`)).rows.map((r) => r.action)).toEqual(['收文登记', '修改局域网最高密级', '收文登记']);
  });

  test('bad input gets its message beside the field and changes nothing; a 工作人员 may not register', async () => {
    const { pool, register } = await office();
    expect(await register('clerk', '')).toMatchObject({ ok: false, field: 'title' });
    expect(await register('clerk', '通知', { receivedDate: '2026-12-01' })).toMatchObject({ ok: false, field: 'receivedDate', message: '收文日期不能晚于今天' });
    expect(await register('reader', '通知')).toMatchObject({ ok: false, code: 'forbidden' });
    ok(await register('clerk', '通知一', { docNumber: '县财发〔2026〕1号' }));
    expect(await register('clerk', '通知二', { docNumber: '县财发[2026]1号' })).toMatchObject({ ok: false, field: 'docNumber', message: expect.stringContaining('收〔2026〕0001') });
    expect((await pool.query(`SELECT count(*)::int AS n FROM records`)).rows[0].n).toBe(1);
    expect((await pool.query(`SELECT last FROM counters`)).rows[0].last).toBe(1);
  });

  test('two seats 办结 the same record at once: one succeeds, the other is told 已被他人处理 with the server’s version', async () => {
    const { pool, register, send, tokens, ids } = await office();
    const c = await pool.connect();
    const second = (await signIn(c, await addSeat(c, '第二台电脑'), 'clerk', 'clerk-密码-2026')).token;
    c.release();
    const r = ok(await register('clerk', '关于转发某文件的通知', { handling: '阅件' }));
    ok(await send('clerk', 'incoming.act', { id: r.id, action: { type: '传阅', readers: [{ userId: ids.reader, name: '李科长' }] } }));
    ok(await send('reader', 'incoming.act', { id: r.id, action: { type: '已阅', userId: ids.reader } }));
    const pulled = await pullChanges(pool, tokens.clerk!, 0);
    const version = (pulled.changes[0] as { version: number }).version;
    const done = (token: string) => runServerCommand(pool, token, { clientId: randomUUID(), name: 'incoming.act', input: { id: r.id, action: { type: '办结', result: '已阅知' }, baseVersion: version } }, SERVER_COMMANDS, NOW);
    const replies = await Promise.all([done(tokens.clerk!), done(second)]);
    expect(replies.filter((x) => x.ok)).toHaveLength(1);
    const lost = replies.find((x) => !x.ok)!;
    expect(lost).toMatchObject({ ok: false, code: 'conflict', message: expect.stringMatching(/^已被他人处理：当前状态“已办结”/) });
    expect(lost.ok === false && (lost.current?.row as IncomingRecord).state).toBe('已办结');
    expect((await pool.query(`SELECT action FROM audit_log ORDER BY seq`)).rows.map((x) => x.action)).toEqual(['收文登记', '收文传阅', '收文已阅', '收文办结']);
    // Without a base version (a seat that saw the new state), the same refusal is the rule's own.
    expect(await send('clerk', 'incoming.act', { id: r.id, action: { type: '办结', result: '已阅知' } })).toMatchObject({ ok: false, code: 'refused' });
  });
});

describe('LAN server: under concurrency', () => {
  test('the same document registered from two seats at once: one is registered, the other is told it was, beside 来文字号', async () => {
    const { pool, register } = await office();
    for (let i = 1; i <= 10; i++) {
      const replies = await Promise.all([register('clerk', `同一来文${i}`, { docNumber: `县财发〔2026〕${i}号` }), register('clerk', `同一来文${i}`, { docNumber: `县财发〔2026〕${i}号` })]);
      expect(replies.filter((r) => r.ok)).toHaveLength(1);
      expect(replies.find((r) => !r.ok)).toMatchObject({ field: 'docNumber', message: expect.stringContaining('已于 2026-11-20 登记为') });
    }
    expect((await pool.query(`SELECT count(*)::int AS n FROM records`)).rows[0].n).toBe(10);
  });

  test('a database whose default isolation is repeatable read still numbers 20 concurrent registrations 1…20', async () => {
    const { pool, tokens } = await office();
    const { rows } = await pool.query<{ db: string }>('SELECT current_database() AS db');
    await pool.query(`ALTER DATABASE ${rows[0]!.db} SET default_transaction_isolation = 'repeatable read'`);
    const strict = await newPoolFor(rows[0]!.db);
    expect((await strict.query('SHOW default_transaction_isolation')).rows[0].default_transaction_isolation).toBe('repeatable read');
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => runServerCommand(strict, tokens.clerk!, { clientId: randomUUID(), name: 'incoming.register', input: { registration: { ...REG, title: `第${i}件` } } }, SERVER_COMMANDS, NOW)));
    expect(replies.map((r) => ok(r).seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await verifyServerAudit(strict)).toMatchObject({ ok: true, count: 20 });
  });
});

describe('LAN server: seats', () => {
  test('a seat pulls only what its user may hold: a 内部 收文 reaches the 秘书 and the person named, never the uninvolved', async () => {
    const { pool, register, send, tokens, ids } = await office();
    const open = ok(await register('clerk', '关于公开事项的通知'));
    const internal = ok(await register('clerk', '关于内部人事安排的通知', { classification: '内部', handling: '阅件' }));
    const held = async (who: string) => [...(await pullAll(pool, tokens[who]!)).values()].filter((c) => c.kind === 'put').map((c) => c.id).sort();
    expect(await held('clerk')).toEqual([open.id, internal.id].sort());
    expect(await held('reader')).toEqual([open.id]);
    expect(await held('outsider')).toEqual([open.id]);
    expect(await held('admin')).toEqual([]);
    // 传阅 to 李科长: from now on the record reaches that seat, still never 王干事's.
    ok(await send('clerk', 'incoming.act', { id: internal.id, action: { type: '传阅', readers: [{ userId: ids.reader, name: '李科长' }] } }));
    expect(await held('reader')).toEqual([open.id, internal.id].sort());
    const outsider = await pullAll(pool, tokens.outsider!);
    expect(outsider.get(internal.id)).toEqual({ kind: 'remove', tbl: 'incoming', id: internal.id });
    expect(JSON.stringify([...outsider.values()])).not.toContain('人事安排');
    // Roles change without a change-log row: the page's scope digest changes, and a pull from 0
    // (what a seat does then) answers every record by the new scope.
    const before = (await pullChanges(pool, tokens.outsider!, 0)).scope;
    await pool.query(`UPDATE accounts SET roles = '["秘书"]' WHERE login = 'outsider'`);
    const after = await pullChanges(pool, tokens.outsider!, 0);
    expect(after.scope).not.toBe(before);
    expect(after.changes.find((c) => c.id === internal.id)).toMatchObject({ kind: 'put' });
    await pool.query(`UPDATE accounts SET roles = '["工作人员"]' WHERE login = 'outsider'`);
    expect((await pullChanges(pool, tokens.outsider!, 0)).scope).toBe(before);
    // The one outside the scope cannot act on it either: to that user it does not exist.
    expect(await send('outsider', 'incoming.act', { id: internal.id, action: { type: '已阅', userId: ids.outsider } })).toMatchObject({ ok: false, message: '该收文不存在' });
  });

  test('a 口头交办 is numbered in the office’s one 督办 series and reaches every seat that reads the registers, never the administrators’', async () => {
    const { pool, tokens, send } = await office();
    const input = { content: '整理全年会议材料', unit: '办公室', person: '李科长', dueDate: '2026-12-30', assignedBy: '王局长' };
    const made = await send('clerk', 'task.create', input);
    expect(made).toMatchObject({ ok: true, result: { serial: '督〔2026〕0001', source: { kind: '口头交办', assignedBy: '王局长' }, state: '未开始' } });
    expect(await send('reader', 'task.create', input)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await send('clerk', 'task.create', { ...input, content: '' })).toMatchObject({ ok: false, field: 'content' });
    const id = (made as { result: TaskRecord }).result.id;
    for (const who of ['clerk', 'reader', 'outsider']) expect((await pullAll(pool, tokens[who]!)).get(id)).toMatchObject({ kind: 'put' });
    expect((await pullAll(pool, tokens.admin!)).get(id)).toMatchObject({ kind: 'remove' });
    expect((await pool.query(`SELECT summary FROM audit_log WHERE action = '新建督办'`)).rows).toEqual([{ summary: '督〔2026〕0001 口头交办；责任单位：办公室；时限：2026-12-30' }]);
  });

  test('a revoked seat is refused at once; a wrong password is refused with the same words as an unknown login', async () => {
    const { pool, send, seats, tokens } = await office();
    const c = await pool.connect();
    await expect(signIn(c, seats.clerk!, 'clerk', 'wrong')).rejects.toThrow('用户名或密码错误，或本机已被停用');
    await expect(signIn(c, seats.clerk!, 'nobody', 'wrong')).rejects.toThrow('用户名或密码错误，或本机已被停用');
    c.release();
    // The seat's secret is part of every sign-in: its id alone (which lists and logs show) is not enough.
    await expect(signIn(c, { id: seats.clerk!.id, secret: 'x'.repeat(43) }, 'clerk', 'clerk-密码-2026')).rejects.toThrow('用户名或密码错误，或本机已被停用');
    // A session ends after 12 hours whatever happens.
    await expect(pullChanges(pool, tokens.clerk!, 0, {}, 10, new Date(Date.now() + 13 * 3_600_000))).rejects.toThrow('登录已失效');
    await pullChanges(pool, tokens.clerk!, 0, { outboxLength: 3, appVersion: '0.1.0' });
    const list = await listSeats(pool, tokens.admin!);
    expect(list.find((s) => s.id === seats.clerk!.id)).toMatchObject({ outboxLength: 3, appVersion: '0.1.0', revoked: false, lastContact: expect.any(Date) });
    await expect(listSeats(pool, tokens.clerk!)).rejects.toThrow('用户管理');
    expect(await send('admin', 'seats.revoke', { seatId: seats.clerk!.id })).toMatchObject({ ok: true });
    expect(await send('clerk', 'incoming.register', { registration: { ...REG, title: '通知' } })).toMatchObject({ ok: false, code: 'unauthenticated' });
    await expect(pullChanges(pool, tokens.clerk!, 0)).rejects.toThrow('登录已失效');
    const c2 = await pool.connect();
    await expect(signIn(c2, seats.clerk!, 'clerk', 'clerk-密码-2026')).rejects.toThrow('用户名或密码错误，或本机已被停用');
    c2.release();
  });

  test('an entry stamped before it waited for the chain never goes down the chain earlier than the one before it', async () => {
    const { pool, send } = await office();
    const later = new Date(NOW.getTime() + 60_000);
    ok(await runServerCommand(pool, (await signInAgain(pool)), { clientId: randomUUID(), name: 'incoming.register', input: { registration: { ...REG, title: '后到的' } } }, SERVER_COMMANDS, later));
    ok(await send('clerk', 'incoming.register', { registration: { ...REG, title: '先到而后写的' } }));
    const times = (await pool.query<{ time: string }>('SELECT time FROM audit_log ORDER BY seq')).rows.map((r) => r.time);
    expect(times).toEqual([later.toISOString(), later.toISOString()]);
    expect(await verifyServerAudit(pool)).toMatchObject({ ok: true, count: 2 });
  });

  test('an audit entry edited in the database is named by the verifier', async () => {
    const { pool, register } = await office();
    for (let i = 0; i < 3; i++) ok(await register('clerk', `通知${i}`));
    await pool.query(`UPDATE audit_log SET summary = summary || '（改）' WHERE seq = 2`);
    expect(await verifyServerAudit(pool)).toMatchObject({ ok: false, firstBrokenSeq: 2, reason: expect.stringContaining('被改动') });
  });
});

describe('LAN server: a PC hands its own records over (lan.adopt)', () => {
  const PC_NOW = new Date('2026-11-10T02:00:00Z');
  const pcActor = { id: 'pc-local-zhang', name: '张秘书' };
  /** 收〔2026〕0001… as a standalone PC registered them, with ids of its own. */
  const pcIncoming = (seq: number, extra: object = {}): IncomingRecord =>
    newIncomingRecord({ ...REG, docNumber: `县财发〔2026〕${seq}号`, title: `本机登记的第${seq}件`, ...extra }, { id: `pc-incoming-${seq}`, seq, serial: `收〔2026〕${String(seq).padStart(4, '0')}`, by: pcActor, now: PC_NOW, via: '登记' });
  const pcTask = (seq: number, source: TaskRecord['source']): TaskRecord =>
    createTask({ source, content: `落实第${seq}项`, unit: '办公室', person: '张秘书', dueDate: '2026-12-20' }, { id: `pc-task-${seq}`, serial: `督〔2026〕${String(seq).padStart(4, '0')}` }, { ...pcActor, roles: ['秘书'] }, PC_NOW);
  const highest = [
    { series: '收文', year: 2026, seq: 5 },
    { series: '督办', year: 2026, seq: 1 },
  ];
  const adopted = (reply: CommandReply) => {
    if (!reply.ok) throw new Error(`refused: ${reply.message}`);
    return (reply.result as { rows: { tbl: string; row: IncomingRecord & TaskRecord; version: number }[] }).rows;
  };

  test('ids and numbers are kept; a number the server gave meanwhile is renumbered after the PC’s highest, the old one kept as 原编号; a resend changes nothing; the chain verifies', async () => {
    const { pool, send, register } = await office();
    // Two 收文 registered on the LAN before this PC joined: 收〔2026〕0001 and 0002.
    ok(await register('clerk', '服务器上的第1件'));
    ok(await register('clerk', '服务器上的第2件'));
    const mine = [1, 2, 3, 4, 5].map((n) => pcIncoming(n));
    const task = pcTask(1, { kind: '收文批示', incomingId: mine[1]!.id, incomingSerial: mine[1]!.serial, leader: '王局长' });
    mine[1] = { ...mine[1]!, taskId: task.id };
    const first = { items: mine.slice(0, 3).map((row) => ({ tbl: 'incoming', row })), highest };
    const one = adopted(await send('clerk', 'lan.adopt', first));
    expect(one.map((r) => [r.row.id, r.row.serial, r.row.legacyNumber ?? null])).toEqual([
      ['pc-incoming-1', '收〔2026〕0006', '收〔2026〕0001'],
      ['pc-incoming-2', '收〔2026〕0007', '收〔2026〕0002'],
      ['pc-incoming-3', '收〔2026〕0003', null],
    ]);
    expect(one[0]!.row.history.at(-1)!.note).toBe('交到局域网服务器时编号 收〔2026〕0001 已被服务器上的其他收文使用，重新编号为 收〔2026〕0006（原编号 收〔2026〕0001）');
    const two = adopted(await send('clerk', 'lan.adopt', { items: [...mine.slice(3).map((row) => ({ tbl: 'incoming', row })), { tbl: 'tasks', row: task }], highest }));
    expect(two.map((r) => r.row.serial)).toEqual(['收〔2026〕0004', '收〔2026〕0005', '督〔2026〕0001']);
    // The 事项 quotes its 收文 by the number it has on the server now.
    expect(two[2]!.row.source).toMatchObject({ kind: '收文批示', incomingSerial: '收〔2026〕0007' });
    // A seat registering next continues after every number taken: no gap, no repeat.
    expect(ok(await register('clerk', '交接后登记的')).serial).toBe('收〔2026〕0008');
    // The first batch again (its answer lost): answered as the server has it, nothing written.
    const again = adopted(await send('clerk', 'lan.adopt', first));
    expect(again.map((r) => [r.row.serial, r.version])).toEqual(one.map((r) => [r.row.serial, r.version]));
    const actions = (await pool.query<{ action: string }>('SELECT action FROM audit_log ORDER BY seq')).rows.map((r) => r.action);
    expect(actions.filter((a) => a === '收文交到服务器')).toHaveLength(5);
    expect(actions.filter((a) => a === '督办事项交到服务器')).toHaveLength(1);
    expect(await verifyServerAudit(pool)).toMatchObject({ ok: true, count: 9 });
    const counts = (await pool.query<{ tbl: string; n: string }>('SELECT tbl, count(*) AS n FROM records GROUP BY tbl ORDER BY tbl')).rows;
    expect(counts).toEqual([
      { tbl: 'incoming', n: '8' },
      { tbl: 'tasks', n: '1' },
    ]);
  });

  test('what may not be on the LAN, a 事项 without its 收文 and a person without the permission are refused, naming the record, and change nothing', async () => {
    const { pool, send } = await office();
    const item = (row: unknown, tbl = 'incoming') => ({ items: [{ tbl, row }], highest });
    const refused = async (who: string, input: unknown, words: string) => {
      const reply = await send(who, 'lan.adopt', input);
      expect(reply).toMatchObject({ ok: false, message: expect.stringContaining(words) });
    };
    await refused('clerk', item(pcIncoming(1, { classification: '秘密' })), '收〔2026〕0001：本局域网最高密级为“内部”');
    await refused('clerk', item(pcTask(1, { kind: '会议纪要', meetingId: 'pc-meeting-1', minutesTitle: '局长办公会议纪要', minutesNumber: '第1期', decisionId: 'd1' }), 'tasks'), '督〔2026〕0001：其来源纪要 第1期 留在本机');
    await refused('clerk', item(pcTask(2, { kind: '收文批示', incomingId: 'pc-incoming-9', incomingSerial: '收〔2026〕0009', leader: '王局长' }), 'tasks'), '其来源收文 收〔2026〕0009 留在本机');
    await refused('reader', item(pcIncoming(1)), '没有权限把本机的收文交到服务器');
    await refused('clerk', item({ ...pcIncoming(1), state: '乱写' }), '第 1 件收文的内容无效');
    // A seat may raise only the series of what it hands over.
    await refused('clerk', { ...item(pcIncoming(1)), highest: [{ series: '发文', year: 2026, seq: 900 }] }, '编号序列无效');
    expect((await pool.query('SELECT 1 FROM records')).rowCount).toBe(0);
    expect((await pool.query('SELECT 1 FROM counters')).rowCount).toBe(0);
    expect((await pool.query('SELECT 1 FROM audit_log')).rowCount).toBe(0);
  });
});
