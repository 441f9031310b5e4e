import type { IncomingAction, IncomingRecord, Registration } from '@shared/domain/incoming-types';
import { duplicateKeyOf, normalizeRegistration } from '@shared/domain/incoming';
import { INCOMING_REGISTER, MEETINGS_REGISTER, TASKS_REGISTER } from '@shared/domain/registers';
import { MEETING_NOT_FOUND } from '@shared/domain/meeting';
import { RuleError } from '@shared/domain/rule-error';
import { cleanParagraphs } from '@shared/domain/text';
import type { Role } from '@shared/domain/permissions';
import type { Table } from 'dexie';
import type { LanLinkCapability } from '../../platform/types';
import { commandNamed } from '../commands/define';
import { runCommand } from '../commands/execute';
import type { WenshuDB } from '../database';
import { newId } from '../ids';
import { DuplicateIncomingError, findDuplicate } from '../repositories/incoming';
import { changePasswordCommand } from '../repositories/users';
import { getPasswordPolicy } from '../repositories/settings';
import { verifyPassword } from '../password-hash';
import { passwordProblem } from '@shared/domain/password-policy';
import type { Actor } from '../types';
import type { ConflictRow } from './seat-types';
import { actPendingCommand, flushOutbox, outboxOf, putServerRow, registerPendingCommand, taskPendingCommand, unreachable, type Delivery, type Post, type Posted } from './outbox';
import { LAN_TASK_CREATE_OFFLINE, type CommandReply, type ServerRow } from '@shared/domain/lan-protocol';
import type { CounterPosition } from '@shared/domain/registers';
import { INCOMING_NOT_FOUND } from '@shared/domain/incoming';
import { AdoptUnanswered, ownRecordCount } from './adopt';
import { TASK_NOT_FOUND, TASK_STEP_NAMES, type TaskStepName } from '@shared/domain/supervision';
import type { TaskRecord } from '@shared/domain/supervision-types';
import { applyPulledPage, foldPulledProjections, freshPull, sweepUnanswered, isSeatPc, readCursor, resetCursor, saveOfficeAccounts, serverVersion, type OfficeAccount, type PullPage } from './pull';

// This PC as a seat of the office LAN (issue #19), for the account signed in with the server.
// The 收文 commands go to the server when it answers and are applied here from its reply (the
// pull that follows); when it does not, they are applied here as provisional and queued
// (outbox.ts). A loop sends the outbox and pulls every few seconds. The rest of the app is unaware:
// send() (commands/client.ts) hands this seat the commands it takes.

export interface SeatAccount {
  id: string;
  login: string;
  displayName: string;
  roles: Role[];
}

export interface SeatStatus {
  /** The server answered the last request. */
  online: boolean;
  /** Commands made offline, not yet on the server. */
  pending: number;
  /**
   * Records this PC kept before it was paired that may go to the server (收文, 会议, 督办 事项),
   * counted once the seat is in step; 0 once handed over (adopt.ts).
   */
  own: number;
  /** Commands the server refused after they were applied here (shown until read). */
  conflicts: number;
  /** Why the seat is not in step (offline, signed out on the server), for the status bar. */
  problem: string | null;
  /** When the last pull finished. */
  lastSync: string | null;
  /**
   * A pull of more than one page under way (a new seat's first pull is 50 pages): the share of the
   * server's change log it has taken, 0–1 (-1: the server does not say). It resumes from its cursor if cut.
   */
  pulling: number | null;
  /**
   * The last refusal of a command sent online because another PC changed the record first
   * (已被他人处理：…), numbered so each is shown once: the record on screen has already turned into
   * the server's version, and the dialog the person used may be gone with its old state.
   */
  notice: { seq: number; text: string } | null;
  /**
   * The server refused the account when this seat, signed in offline, reached it (a changed
   * password, a disabled account, this PC stopped): the window signs out (SeatStatusBar).
   */
  ended: string | null;
}

const TASKS_TABLE = TASKS_REGISTER.table;

/** The commands the server takes; the others that write a synced register are not built for the LAN yet. */
const TASK_COMMANDS = new Set<string>(TASK_STEP_NAMES);
/** 会议 and 纪要: through the server, while it answers (签发 and 更正 number and change 督办 事项 there). */
const MEETING_COMMANDS = new Set(['meeting.create', 'meeting.edit', 'meeting.correct', 'meeting.signIn', 'minutes.saveDraft', 'minutes.issue', 'minutes.correct']);
/** A server account's own password is the server's: changed there first (changePassword). */
const CHANGE_PASSWORD = 'user.changePassword';
const ROUTED = new Set(['incoming.register', 'incoming.act', 'task.create', CHANGE_PASSWORD, ...TASK_COMMANDS, ...MEETING_COMMANDS]);
const SYNCED_TABLES = new Set<string>([INCOMING_REGISTER.table, TASKS_TABLE, MEETINGS_REGISTER.table]);

const OWN_TASK = '该督办事项是本机配对前单机建立的，尚未交到服务器：请先点页首的“交本机记录”把它交到服务器，再办理';
const OWN_MEETING = '该会议是本机配对前单机登记的，尚未交到服务器：请先点页首的“交本机记录”把它交到服务器，再办理';
const SETTINGS_OFFLINE = '服务器暂不可达：会议设置由服务器为全办公室保存，请恢复连接后再试';
const MEETING_OFFLINE = '服务器暂不可达：会议和纪要经服务器办理（签发时由服务器编号并建立督办事项），请恢复连接后再试';
const OWN_INCOMING = '该收文是本机配对前单机登记的，尚未交到服务器：请先点页首的“交本机记录”把它交到服务器，再办理';

export const SEAT_SYNC_MS = 5000;

/** Whether the command writes a register the LAN server keeps (on a seat, only the server numbers and changes those). */
export function writesSyncedRegister(name: string): boolean {
  const command = commandNamed(name);
  return !!command && command.tables.some((t: string) => SYNCED_TABLES.has(t));
}

/** 会议设置 are the office's on a seat (the server numbers minutes with them): saved there. */
export function savesOfficeSetting(name: string, input: unknown): boolean {
  return name === 'settings.save' && (input as { key?: unknown } | null)?.key === 'meetings';
}

/**
 * On a seat PC, a session without the server (a local account, such as the 系统管理员 of setup)
 * must not number or change the office's 收文 and 督办 here: they are the server's.
 */
export async function refuseOnSeatPc(db: WenshuDB): Promise<void> {
  if (await isSeatPc(db)) throw new RuleError('本机是局域网座席：收文、督办和会议纪要（及会议设置）须以服务器上的账户登录后办理（本地账户不能登记或办理收文，不能新建或办理督办事项，不能登记会议、签发纪要或修改会议设置）');
}
const ADOPT_OFFLINE = '服务器暂不可达：已交的记录已保存，恢复连接后再点“交本机记录”继续';
const OFFLINE = '服务器暂不可达：收文的登记和办理、督办的反馈和办结先保存在本机，恢复连接后自动上传';
const SIGNED_OUT = '服务器上的登录已失效（超过 12 小时或本机被停用）：请退出后重新登录';
const MUST_CHANGE = '请先修改审批后发放的一次性初始密码：修改后即与服务器同步';
const PASSWORD_OFFLINE = '服务器暂不可达：服务器账户的密码须在服务器上修改，请恢复连接后再试';

export class Seat {
  private token: string | null;
  private password: string | null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private stopped = false;
  private ownCounted = false;
  /** The server holds a one-time password for this account: nothing is signed in until it is replaced (changePassword). */
  private awaitingNewPassword = false;
  /** Client ids of online-only commands sent without an answer, by what was sent (once()). */
  private readonly unanswered = new Map<string, string>();
  private readonly listeners = new Set<() => void>();
  status: SeatStatus = { online: false, pending: 0, own: 0, conflicts: 0, problem: null, lastSync: null, pulling: null, notice: null, ended: null };

  constructor(
    readonly db: WenshuDB,
    private readonly lan: Pick<LanLinkCapability, 'post'>,
    readonly account: SeatAccount,
    session: { token: string } | { password: string; mustChange?: boolean },
  ) {
    this.token = 'token' in session ? session.token : null;
    // Signed in offline (the server unreachable at sign-in): the password stays in this object
    // only, to sign in on the server once it answers, and is dropped then or at sign-out.
    this.password = 'password' in session ? session.password : null;
    this.awaitingNewPassword = 'mustChange' in session && session.mustChange === true;
    this.status.online = this.token !== null;
    if (!this.token) this.status.problem = this.awaitingNewPassword ? MUST_CHANGE : OFFLINE;
  }

  /** Whether this seat takes the command (or refuses it: it writes a synced register another way). */
  takes(name: string, input?: unknown): boolean {
    return ROUTED.has(name) || writesSyncedRegister(name) || savesOfficeSetting(name, input);
  }

  async send(actor: Actor, name: string, input: unknown, now: Date): Promise<unknown> {
    if (name === 'incoming.register') return this.register(actor, input as { registration: Registration; duplicateReason?: string }, now);
    if (name === 'incoming.act') return this.act(actor, input as { id: string; action: IncomingAction; taskContent?: string }, now);
    if (TASK_COMMANDS.has(name)) return this.changeTask(actor, name as TaskStepName, input as { id: string }, now);
    if (name === 'task.create') return this.createTask(input);
    if (MEETING_COMMANDS.has(name)) return this.meetingCommand(name, input as { id?: string });
    if (name === CHANGE_PASSWORD) return this.changePassword(actor, input as { currentPassword: string; newPassword: string }, now);
    if (savesOfficeSetting(name, input)) return this.saveMeetingSettings((input as { value: unknown }).value);
    // Another command that writes a synced register (归档's marks, say): not built for the LAN yet.
    throw new RuleError('局域网座席暂不能执行此操作（此项办理尚未在服务器上实现，未完成）；请在单机进行');
  }

  private async register(actor: Actor, input: { registration: Registration; duplicateReason?: string }, now: Date): Promise<IncomingRecord> {
    const id = newId();
    const clientId = newId();
    const reason = cleanParagraphs(input.duplicateReason);
    if (!reason) {
      // The form's question (a reason for registering the same document again), from the records here.
      const reg = normalizeRegistration({ ...input.registration });
      const dup = await findDuplicate(this.db, duplicateKeyOf(reg.fromUnit ?? '', reg.docNumber ?? ''));
      if (dup) throw new DuplicateIncomingError({ id: dup.id, serial: dup.serial, receivedDate: dup.receivedDate });
    }
    const online = await this.online();
    if (online) {
      const reply = await this.command({ clientId, name: 'incoming.register', input: { registration: input.registration, ...(reason ? { duplicateReason: reason } : {}), id } });
      if (reply) return (await this.db.incoming.get(id)) ?? (reply as IncomingRecord);
    }
    return runCommand(this.db, actor, registerPendingCommand, { registration: input.registration, ...(reason ? { duplicateReason: reason } : {}), id, clientId }, now).finally(() => this.refresh());
  }

  private async act(actor: Actor, input: { id: string; action: IncomingAction; taskContent?: string }, now: Date): Promise<IncomingRecord> {
    const clientId = newId();
    if (await this.online()) {
      const baseVersion = await serverVersion(this.db, INCOMING_REGISTER.table, input.id);
      let reply: unknown;
      try {
        reply = await this.command({ clientId, name: 'incoming.act', input: { ...input, ...(baseVersion !== undefined ? { baseVersion } : {}) } });
      } catch (e) {
        throw await this.ownOr(e, INCOMING_NOT_FOUND, this.db.incoming, input.id, baseVersion, OWN_INCOMING);
      }
      if (reply) return (await this.db.incoming.get(input.id)) ?? (reply as IncomingRecord);
    }
    return runCommand(this.db, actor, actPendingCommand, { id: input.id, action: input.action, clientId }, now).finally(() => this.refresh());
  }

  /**
   * 修改密码 of a server account: on the server first (proven as a sign-in is, throttled alike),
   * then this PC's mirror, so it signs in offline with the new one too. A one-time password's
   * seat, held back until now (MUST_CHANGE), then signs in with the new password and syncs.
   */
  private async changePassword(actor: Actor, input: { currentPassword: string; newPassword: string }, now: Date): Promise<void> {
    // What this PC can check first (its policy may ask more than the server's, and the mirror must
    // know the current password), so the server rarely takes what the mirror then refuses; its
    // history of earlier passwords is checked after (a refusal then says to sign in again).
    const local = passwordProblem(this.account.login, input.newPassword, await getPasswordPolicy(this.db));
    if (local) throw RuleError.at('newPassword', local);
    const mirror = await this.db.users.get(actor.id);
    if (!mirror || !(await verifyPassword(input.currentPassword, mirror.passwordHash))) throw RuleError.at('currentPassword', '当前密码不正确');
    const reply = (await this.lan.post('/api/change-password', { login: this.account.login, currentPassword: input.currentPassword, newPassword: input.newPassword })) as Posted;
    if (!reply.ok && (reply.status === 0 || reply.status >= 500)) throw new RuleError(PASSWORD_OFFLINE);
    if (!reply.ok) throw new RuleError(reply.message, reply.field);
    try {
      await runCommand(this.db, actor, changePasswordCommand, input, now);
    } catch (e) {
      // The server took it: the next sign-in with the server writes the mirror anew.
      if (e instanceof RuleError) throw new RuleError(`服务器上的密码已修改，但本机未能同步（${e.message}）：请用新密码重新登录`);
      throw e;
    }
    // The server ended every session of the account: this seat signs in again with the new password.
    this.token = null;
    this.password = input.newPassword;
    this.awaitingNewPassword = false;
    void this.sync();
  }

  /** 会议设置 on the server (online only, as meetings are), then here at once; the other seats take them with their next pull. */
  private async saveMeetingSettings(value: unknown): Promise<void> {
    if (!(await this.online())) throw new RuleError(SETTINGS_OFFLINE);
    const saved = await this.once('settings.meetings', value);
    if (saved === null) throw new RuleError(SETTINGS_OFFLINE);
    await this.db.settings.put({ key: 'meetings', value: saved });
  }

  /**
   * 会议 and 纪要 through the server, online only: the answer is the server's (a new meeting, or
   * 签发's meeting and 事项, are pulled here before it returns). A meeting this PC kept before it
   * was paired is not on the server: said so.
   */
  private async meetingCommand(name: string, input: { id?: string }): Promise<unknown> {
    if (!(await this.online())) throw new RuleError(MEETING_OFFLINE);
    const baseVersion = input.id ? await serverVersion(this.db, MEETINGS_REGISTER.table, input.id) : undefined;
    let reply: unknown;
    try {
      reply = await this.once(name, { ...input, ...(baseVersion !== undefined ? { baseVersion } : {}) });
    } catch (e) {
      throw await this.ownOr(e, MEETING_NOT_FOUND, this.db.meetings, input.id, baseVersion, OWN_MEETING);
    }
    if (reply === null) throw new RuleError(MEETING_OFFLINE);
    return reply;
  }

  /** 口头交办: numbered by the server, so made only while it answers (offline it waits, saying so). */
  private async createTask(input: unknown): Promise<TaskRecord> {
    if (await this.online()) {
      const reply = await this.once('task.create', input);
      if (reply) return (await this.db.tasks.get((reply as TaskRecord).id)) ?? (reply as TaskRecord);
    }
    throw new RuleError(LAN_TASK_CREATE_OFFLINE);
  }

  /**
   * An online-only command (no outbox: the server numbers it). When its answer does not come (it
   * may have reached the server), the same command sent again goes under the same clientId, so
   * the server answers it from the first and never makes a second meeting or 事项.
   */
  private async once(name: string, input: unknown): Promise<unknown> {
    const key = `${name}\u0000${JSON.stringify(input)}`;
    const clientId = this.unanswered.get(key) ?? newId();
    this.unanswered.set(key, clientId);
    let answered = false;
    try {
      const reply = await this.command({ clientId, name, input });
      answered = reply !== null;
      return reply;
    } catch (e) {
      // A refusal is an answer too.
      answered = e instanceof RuleError;
      throw e;
    } finally {
      if (answered) this.unanswered.delete(key);
    }
  }

  /**
   * 督办 进展反馈 / 办结 / 催办: through the server; offline (or unanswered: it may have reached
   * it), applied here and queued under the same clientId, as a 收文 step is.
   */
  private async changeTask(actor: Actor, name: TaskStepName, input: { id: string }, now: Date): Promise<TaskRecord> {
    const clientId = newId();
    if (await this.online()) {
      // Read after online(): sending the outbox may have brought a newer version.
      const baseVersion = await serverVersion(this.db, TASKS_TABLE, input.id);
      let reply: unknown;
      try {
        reply = await this.command({ clientId, name, input: { ...input, ...(baseVersion !== undefined ? { baseVersion } : {}) } });
      } catch (e) {
        throw await this.ownOr(e, TASK_NOT_FOUND, this.db.tasks, input.id, baseVersion, OWN_TASK);
      }
      if (reply) return (await this.db.tasks.get(input.id)) ?? (reply as TaskRecord);
    }
    return runCommand(this.db, actor, taskPendingCommand, { name, input, clientId }, now).finally(() => this.refresh());
  }

  /**
   * 交本机记录: one batch of this PC's own records to the server (adopt.ts), answered with the rows
   * as the server holds them. Not queued offline: what went is marked, the rest goes next time.
   */
  async adopt(input: { items: { tbl: string; row: unknown }[]; highest: CounterPosition[] }): Promise<ServerRow[]> {
    if (!(await this.signedIn())) throw new RuleError(ADOPT_OFFLINE);
    const reply = await this.post('/api/command', { clientId: newId(), name: 'lan.adopt', input });
    if (this.stopped) throw new RuleError(SIGNED_OUT);
    if (unreachable(reply)) {
      this.mark({ online: false, problem: OFFLINE });
      throw new AdoptUnanswered(ADOPT_OFFLINE);
    }
    if (!reply.ok) {
      if (reply.status === 401) this.signedOut();
      throw new RuleError(reply.message);
    }
    const body = reply.body as CommandReply;
    if (!body.ok) throw new RuleError(body.message);
    return (body.result as { rows: ServerRow[] }).rows;
  }

  /** Counts this PC's own records again (after a handing over; the status bar offers 交本机记录 while any may go). */
  async recount(): Promise<void> {
    if (!this.db.keyring.isUnlocked() || this.stopped) return;
    const own = await ownRecordCount(this.db);
    this.ownCounted = true;
    if (own !== this.status.own) this.mark({ own });
  }

  /**
   * What to throw for `e`: the server's "does not exist" (`missing`) for a record held here with no
   * server version is one this PC kept before it was paired, said so (`own`); anything else as it
   * is (a pulled record has a version: one that left the scope is the pull's to remove).
   */
  private async ownOr(e: unknown, missing: string, table: Table<{ id: string }, string>, id: string | undefined, baseVersion: number | undefined, own: string): Promise<unknown> {
    return e instanceof RuleError && e.message === missing && id && baseVersion === undefined && (await table.get(id)) ? new RuleError(own) : e;
  }

  /** Online and in step: the outbox sent first, so a command never overtakes one made before it. */
  private async online(): Promise<boolean> {
    if (!(await this.signedIn())) return false;
    if ((await outboxOf(this.db, this.account.id)).length > 0) await this.sync();
    return this.status.online && (await outboxOf(this.db, this.account.id)).length === 0;
  }

  /**
   * Sends one command now: its result (then pulled here), or null when the server did not answer
   * (the caller queues it, under the same clientId, so a command that did reach it is not applied
   * twice). A refusal is thrown beside its field; a conflict first puts the server's version here.
   */
  private async command(call: { clientId: string; name: string; input: unknown }): Promise<unknown> {
    const reply = await this.post('/api/command', call);
    if (this.stopped) throw new RuleError(SIGNED_OUT);
    if (unreachable(reply)) {
      this.mark({ online: false, problem: OFFLINE });
      return null;
    }
    if (!reply.ok) {
      if (reply.status === 401) this.signedOut();
      throw new RuleError(reply.message, reply.field);
    }
    const body = reply.body as CommandReply;
    if (!body.ok) {
      if (body.current) {
        await putServerRow(this.db, body.current);
        this.mark({ notice: { seq: (this.status.notice?.seq ?? 0) + 1, text: body.message } });
      }
      throw new RuleError(body.message, body.field);
    }
    // The command is on the server: a pull that fails now (the link dropped again) does not
    // undo it, and the next one brings the record.
    await this.sync().catch(() => undefined);
    return body.result ?? {};
  }

  private post: Post = (path, body) => this.lan.post(path, body as never, this.token ?? undefined) as Promise<Posted>;

  /** A session on the server: signs in with the password kept from an offline sign-in when it answers. */
  private async signedIn(): Promise<boolean> {
    if (this.token) return true;
    if (!this.password || this.awaitingNewPassword) return false;
    const reply = await this.lan.post('/api/sign-in', { login: this.account.login, password: this.password });
    if (unreachable(reply as Posted)) return false;
    this.password = null;
    if (!reply.ok) {
      // Signed in here offline with a password the server now refuses: the session ends.
      this.mark({ online: false, problem: `服务器拒绝登录：${reply.message}`, ended: `服务器拒绝了此账户的登录：${reply.message}` });
      return false;
    }
    const body = reply.body as { token?: unknown; account?: { id?: unknown }; mustChangePassword?: unknown };
    if (body.mustChangePassword === true) {
      // Reset on the server meanwhile: its session opens nothing until the new password is set here.
      if (typeof body.token === 'string') void this.lan.post('/api/sign-out', {}, body.token).catch(() => undefined);
      this.awaitingNewPassword = true;
      this.mark({ online: false, problem: MUST_CHANGE });
      return false;
    }
    if (typeof body.token !== 'string' || body.account?.id !== this.account.id) {
      this.mark({ online: false, problem: '服务器上的账户与本机的不一致，请重新登录' });
      return false;
    }
    this.token = body.token;
    return true;
  }

  private signedOut(): void {
    this.token = null;
    this.password = null;
    this.mark({ online: false, problem: SIGNED_OUT });
  }

  /**
   * Sends the outbox, then pulls; one run at a time. A call during a run gets one more run after
   * it (a command just applied on the server is pulled by a run that starts after it).
   */
  sync(): Promise<void> {
    if (!this.running) {
      this.running = this.syncOnce().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    this.queued ??= this.running.then(() => {
      this.queued = null;
      return this.sync();
    });
    return this.queued;
  }

  private async syncOnce(): Promise<void> {
    // Locked (idle lock): nothing can be read or written until the person is back.
    if (!this.db.keyring.isUnlocked() || this.stopped) return;
    try {
      if (!(await this.signedIn())) {
        if (this.status.online || !this.status.problem) this.mark({ online: false, problem: OFFLINE });
        return;
      }
      const delivered: Delivery = await flushOutbox(this.db, this.post, this.account.id, () => this.stopped);
      if (delivered === 'signed-out') return this.signedOut();
      if (delivered === 'offline') return this.mark({ online: false, problem: OFFLINE });
      const pulled = await this.pull();
      if (pulled === 'signed-out') return this.signedOut();
      if (pulled === 'offline') return this.mark({ online: false, problem: OFFLINE });
      const people = await this.post('/api/accounts', {});
      if (people.ok && Array.isArray(people.body)) await saveOfficeAccounts(this.db, people.body as OfficeAccount[]);
      this.mark({ online: true, problem: null, lastSync: new Date().toISOString() });
      // Once per session: a seat never makes records of its own, so the count only falls (by handing over).
      if (!this.ownCounted) await this.recount();
    } catch (e) {
      // Kept going: the loop tries again, and the status bar says why it is not in step.
      this.mark({ problem: `同步出错：${e instanceof Error ? e.message : String(e)}` });
    } finally {
      await this.refresh().catch(() => undefined);
    }
  }

  private async pull(): Promise<Delivery> {
    try {
      return await this.pullPages();
    } finally {
      if (this.status.pulling !== null) this.mark({ pulling: null });
    }
  }

  private async pullPages(): Promise<Delivery> {
    let { cursor, scope } = await readCursor(this.db);
    let from = cursor;
    const outboxLength = (await outboxOf(this.db, this.account.id)).length;
    const request = (since: number) => this.post('/api/pull', { since, outboxLength });
    // The next page is asked for while this one is written (a first pull is 50 pages of 2,000).
    let next = request(cursor);
    let pages = 0;
    const fresh = cursor === 0 ? await freshPull(this.db) : undefined;
    // Every record a pull from 0 answers, so what it did not can be swept at its end (sweepUnanswered).
    let answered: Set<string> | null = cursor === 0 ? new Set() : null;
    for (;;) {
      const reply = await next;
      if (this.stopped) return 'signed-out';
      if (unreachable(reply)) return 'offline';
      if (!reply.ok) return reply.status === 401 ? 'signed-out' : 'offline';
      const page = reply.body as PullPage;
      if (cursor !== 0 && page.scope !== scope) {
        // Another person, other roles, or a server restored from a backup: every record is answered
        // again (put or remove), and what is not answered at all is swept at the end (sweepUnanswered).
        await resetCursor(this.db, page.scope);
        ({ cursor, scope, from } = { cursor: 0, scope: page.scope, from: 0 });
        answered = new Set();
        next = request(0);
        continue;
      }
      if (page.more) next = request(page.cursor);
      try {
        await applyPulledPage(this.db, page, fresh);
      } catch (e) {
        next.catch(() => undefined);
        throw e;
      }
      ({ cursor, scope } = page);
      pages += 1;
      for (const c of page.changes) answered?.add(`${c.tbl}:${c.id}`);
      if (!page.more) {
        // Only a pull from 0 that ran whole here knows every record the server has for this person.
        if (answered) await sweepUnanswered(this.db, page, answered);
        // Folded once, not per page (each fold rewrites the projection's whole base).
        if (pages > 1) await foldPulledProjections(this.db);
        return 'done';
      }
      // A server of before `latest` says nothing of how far: 同步中 without a share.
      this.mark({ pulling: page.latest !== undefined && page.latest > from ? Math.min(1, (cursor - from) / (page.latest - from)) : -1 });
    }
  }

  private async refresh(): Promise<void> {
    if (!this.db.keyring.isUnlocked()) return;
    const [pending, conflicts] = await Promise.all([outboxOf(this.db, this.account.id).then((r) => r.length), listConflicts(this.db, this.account.id).then((r) => r.length)]);
    if (pending !== this.status.pending || conflicts !== this.status.conflicts) this.mark({ pending, conflicts });
  }

  private mark(change: Partial<SeatStatus>): void {
    this.status = { ...this.status, ...change };
    for (const l of this.listeners) l();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(everyMs = SEAT_SYNC_MS): void {
    this.pause();
    void this.sync();
    this.timer = setInterval(() => void this.sync(), everyMs);
  }

  /** The loop stops (a test steps it by hand); the session stays. */
  pause(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Sign-out and lock: the loop stops, the password kept from an offline sign-in goes, and the session on the server ends. */
  async stop(): Promise<void> {
    this.pause();
    // A page already on its way (asked for under this person's session) is never written after
    // this: the next person's pull may take the tables for fresh, or hold a narrower scope.
    this.stopped = true;
    this.password = null;
    const token = this.token;
    this.token = null;
    if (token) await this.lan.post('/api/sign-out', {}, token).catch(() => undefined);
  }
}

// The seat of each open database (one per window), and who listens for it to come and go.
const seats = new Map<string, Seat>();
const watchers = new Set<() => void>();

export function seatOf(db: WenshuDB): Seat | null {
  const seat = seats.get(db.name);
  return seat && seat.db === db ? seat : null;
}

export function attachSeat(seat: Seat): void {
  const before = seats.get(seat.db.name);
  if (before && before !== seat) void before.stop();
  seats.set(seat.db.name, seat);
  seat.start();
  for (const w of watchers) w();
}

export async function detachSeat(db: WenshuDB): Promise<void> {
  const seat = seatOf(db);
  if (!seat) return;
  seats.delete(db.name);
  for (const w of watchers) w();
  await seat.stop();
}

export function watchSeats(listener: () => void): () => void {
  watchers.add(listener);
  return () => watchers.delete(listener);
}

/** The refusals listed for `accountId` (theirs, and this PC's own), newest first. */
export async function listConflicts(db: WenshuDB, accountId: string): Promise<ConflictRow[]> {
  return (await db.lanConflicts.toArray()).filter((c) => c.accountId === accountId || c.accountId === '').sort((a, b) => b.at.localeCompare(a.at));
}

/** 知道了: the listed refusals are put away (the records already stand as the server has them). */
export async function dismissConflicts(db: WenshuDB, clientIds: readonly string[]): Promise<void> {
  await db.lanConflicts.bulkDelete([...clientIds]);
  await seatOf(db)?.sync();
}
