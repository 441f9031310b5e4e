import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { IncomingRecord } from '../../shared/domain/incoming-types';
import { incomingReachesSeat, meetingReachesSeat, taskReachesSeat } from '../../shared/domain/lan-scope';
import type { MeetingRecord } from '../../shared/domain/meeting-types';
import type { NeedToKnowActor } from '../../shared/domain/need-to-know';
import { can, PermissionError, type Permission } from '../../shared/domain/permissions';
import { INCOMING_REGISTER, MEETINGS_REGISTER } from '../../shared/domain/registers';
import type { PulledChange, PullPage } from '../../shared/domain/lan-protocol';
import { authenticate, type ServerActor } from './accounts';
import { readMeta, withClient } from './db';
import { lanSettings, type LanSettings } from './incoming';
import { TASKS } from './supervision';
import { meetingSettings } from './meetings';
import type { TaskRecord } from '../../shared/domain/supervision-types';

export type { PulledChange, PullPage };

// What a seat pulls (issue #19): the change log since its cursor, filtered on the server by need
// to know. Each change is answered with the record as it stands now: a record in the user's scope
// as `put`, one outside it as `remove` (so a record that left the scope leaves that PC too, and
// one that never entered it never reaches it). Tables without a scope rule are never sent.

/** The 收文 or meeting a task's scope follows (its 事项 quotes that 收文's 批示, or the minutes), by id. */
type Sources = ReadonlyMap<string, IncomingRecord | MeetingRecord>;

/** The record a task's scope follows: its 收文's id, its meeting's, or none (口头交办). */
function sourceOf(task: TaskRecord): { tbl: string; id: string } | null {
  if (task.source.kind === '收文批示') return { tbl: INCOMING_REGISTER.table, id: task.source.incomingId };
  if (task.source.kind === '会议纪要') return { tbl: MEETINGS_REGISTER.table, id: task.source.meetingId };
  return null;
}

const SCOPES: Record<string, (actor: NeedToKnowActor, row: never, sources: Sources) => boolean> = {
  [INCOMING_REGISTER.table]: (actor, row: IncomingRecord) => incomingReachesSeat(actor, row),
  [MEETINGS_REGISTER.table]: (actor, row: MeetingRecord) => meetingReachesSeat(actor, row),
  [TASKS]: (actor, row: TaskRecord, sources) => {
    const source = sourceOf(row);
    return taskReachesSeat(actor, row, source ? sources.get(`${source.tbl}:${source.id}`) : undefined);
  },
};

export const PULL_PAGE = 2000;

/**
 * The digest a seat keeps beside its cursor: who, with which roles, and which life of the change log
 * (a restore from a whole-office backup starts a new one: RESTORE_KEY), so a change of any makes the
 * seat pull again from 0 instead of waiting past a cursor the restored log has not reached.
 */
function scopeOf(actor: NeedToKnowActor, restore: string): string {
  return createHash('sha256').update(JSON.stringify([actor.id, [...actor.roles].sort(), restore])).digest('hex').slice(0, 16);
}

/** wenshu_meta: the id of the restore this database came from (office-backup.ts), absent before any. */
export const RESTORE_KEY = 'restoredFrom';

/** `fn` as the account behind `token`, re-read now; PermissionError without `permission`. */
async function asActor<T>(pool: pg.Pool, token: string, now: Date, permission: Permission | null, fn: (client: pg.PoolClient, actor: ServerActor) => Promise<T>): Promise<T> {
  return withClient(pool, async (client) => {
    const actor = await authenticate(client, token, now);
    if (permission && !can(actor, permission)) throw new PermissionError(permission);
    return fn(client, actor);
  });
}

export async function pullChanges(pool: pg.Pool, token: string, since: number, seat: { outboxLength?: number; appVersion?: string } = {}, limit = PULL_PAGE, now = new Date()): Promise<PullPage> {
  return asActor(pool, token, now, null, async (client, actor) => {
    await client.query('UPDATE seats SET last_contact = $2, outbox_length = COALESCE($3, outbox_length), app_version = COALESCE($4, app_version) WHERE id = $1', [actor.seatId, now, seat.outboxLength ?? null, seat.appVersion ?? null]);
    const { rows } = await client.query<{ id: string; tbl: string; record_id: string; row: never; version: number }>(
      `SELECT c.id, c.tbl, c.record_id, r.row, r.version
         FROM change_log c JOIN records r ON r.tbl = c.tbl AND r.id = c.record_id
        WHERE c.id > $1 ORDER BY c.id LIMIT $2`,
      [since, limit],
    );
    // A 收文 or meeting that entered or left a scope (传阅, an invitee added) takes its 督办 事项
    // along: the tasks, unchanged themselves, are answered again after it.
    const follow = rows.filter((r) => r.tbl === INCOMING_REGISTER.table && (r.row as IncomingRecord).taskId).map((r) => (r.row as IncomingRecord).taskId!);
    const meetings = rows.filter((r) => r.tbl === MEETINGS_REGISTER.table).map((r) => r.record_id);
    const followed = [...(await recordsOf(client, TASKS, follow)), ...(await tasksOfMeetings(client, meetings))];
    const all = [...rows, ...followed.map((t) => ({ ...t, id: '' }))];
    const wanted = all.flatMap((r) => (r.tbl === TASKS ? [sourceOf(r.row as TaskRecord)].filter((x) => x !== null) : []));
    const sources = new Map<string, IncomingRecord | MeetingRecord>();
    for (const tbl of [INCOMING_REGISTER.table, MEETINGS_REGISTER.table]) {
      const ids = wanted.filter((w) => w.tbl === tbl).map((w) => w.id);
      for (const r of await recordsOf<IncomingRecord | MeetingRecord>(client, tbl, ids)) sources.set(`${tbl}:${r.record_id}`, r.row);
    }
    // A record changed several times in the page is sent once, as it stands.
    const latest = new Map<string, PulledChange>();
    for (const r of all) {
      const scope = SCOPES[r.tbl];
      if (!scope) continue;
      const key = `${r.tbl}\u0000${r.record_id}`;
      latest.delete(key);
      latest.set(key, scope(actor, r.row, sources) ? { kind: 'put', tbl: r.tbl, id: r.record_id, version: r.version, row: r.row } : { kind: 'remove', tbl: r.tbl, id: r.record_id });
    }
    const last = rows[rows.length - 1];
    const { maxClassification } = await lanSettings(client);
    const top = await client.query<{ top: string | null }>('SELECT max(id) AS top FROM change_log');
    const cursor = last ? Number(last.id) : since;
    const restore = await readMeta<{ id: string } | null>(client, RESTORE_KEY, null);
    return { scope: scopeOf(actor, restore?.id ?? ''), changes: [...latest.values()], cursor, more: rows.length === limit, maxClassification, meetingSettings: await meetingSettings(client), latest: Math.max(cursor, Number(top.rows[0]?.top ?? 0)) };
  });
}

/** The 督办 事项 of these meetings' minutes, as they stand. */
async function tasksOfMeetings(client: pg.ClientBase, meetingIds: readonly string[]): Promise<{ tbl: string; record_id: string; row: never; version: number }[]> {
  if (meetingIds.length === 0) return [];
  const { rows } = await client.query<{ record_id: string; row: never; version: number }>(`SELECT id AS record_id, row, version FROM records WHERE tbl = $1 AND row->'source'->>'meetingId' = ANY($2)`, [TASKS, [...new Set(meetingIds)]]);
  return rows.map((r) => ({ ...r, tbl: TASKS }));
}

/** Records of `tbl` by id, as they stand (the tasks a page's 收文 take along, the 收文 a page's tasks follow). */
async function recordsOf<R = never>(client: pg.ClientBase, tbl: string, ids: readonly string[]): Promise<{ tbl: string; record_id: string; row: R; version: number }[]> {
  if (ids.length === 0) return [];
  const { rows } = await client.query<{ record_id: string; row: R; version: number }>('SELECT id AS record_id, row, version FROM records WHERE tbl = $1 AND id = ANY($2)', [tbl, [...new Set(ids)]]);
  return rows.map((r) => ({ ...r, tbl }));
}

/** The seats, for the 系统管理员: last contact, outbox length, version, revoked or not. */
export async function listSeats(pool: pg.Pool, token: string, now = new Date()): Promise<{ id: string; name: string; lastContact: Date | null; outboxLength: number; appVersion: string; revoked: boolean }[]> {
  return asActor(pool, token, now, 'users.manage', async (client) => {
    const { rows } = await client.query<{ id: string; name: string; last_contact: Date | null; outbox_length: number; app_version: string; revoked_at: Date | null }>(
      'SELECT id, name, last_contact, outbox_length, app_version, revoked_at FROM seats ORDER BY paired_at',
    );
    return rows.map((r) => ({ id: r.id, name: r.name, lastContact: r.last_contact, outboxLength: r.outbox_length, appVersion: r.app_version, revoked: r.revoked_at !== null }));
  });
}

/** The LAN's settings, for the 系统管理员's screen: its 最高密级. */
export async function readLanSettings(pool: pg.Pool, token: string, now = new Date()): Promise<LanSettings> {
  return asActor(pool, token, now, 'settings.manage', (client) => lanSettings(client));
}

/** The office's active accounts, for a seat's lists of people (承办人, 传阅): names only, to any account signed in. */
export async function listAccounts(pool: pg.Pool, token: string, now = new Date()): Promise<{ id: string; username: string; displayName: string }[]> {
  return asActor(pool, token, now, null, async (client) => {
    const { rows } = await client.query<{ id: string; login: string; display_name: string }>('SELECT id, login, display_name FROM accounts WHERE NOT disabled ORDER BY login');
    return rows.map((r) => ({ id: r.id, username: r.login, displayName: r.display_name }));
  });
}
