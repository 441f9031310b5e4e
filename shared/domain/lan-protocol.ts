import type { AccountRequest } from './account-approval';
import type { Classification } from './enums';
import type { Role } from './permissions';
import type { MeetingSettings } from './settings-schemas';

// What the office LAN server and its seats say to each other (issue #19), typed once for both
// sides: electron/server answers with these, renderer/db/lan reads them.

/** A record as the server holds it, with its version (a change sent later names it as its base). */
export interface ServerRow {
  tbl: string;
  row: unknown;
  version: number;
}

/** The server's answer to one command (POST /api/command). */
export type CommandReply =
  | { ok: true; result: unknown; replayed: boolean }
  | { ok: false; code: 'refused' | 'conflict' | 'unauthenticated' | 'forbidden'; message: string; field?: string; current?: ServerRow | null };

/** One change of a pull: the record as it stands now, `put` when in the user's scope, `remove` when not. */
export type PulledChange = { kind: 'put'; tbl: string; id: string; version: number; row: unknown } | { kind: 'remove'; tbl: string; id: string };

export interface PullPage {
  /**
   * What decides this user's scope (their roles), as a digest: when it differs from the one a seat
   * pulled with, the seat pulls again from 0, so records that left the scope with a change of roles
   * (which writes no change-log row) are answered as removed, and those that entered it as put.
   */
  scope: string;
  changes: PulledChange[];
  /** Pass back as `since` for the next page. */
  cursor: number;
  more: boolean;
  /** The LAN's 最高密级, which a seat applies while offline too. */
  maxClassification: Classification;
  /** The office's 会议设置 (one for all seats: the server numbers minutes with them). Absent from a server of before it. */
  meetingSettings?: MeetingSettings;
  /**
   * The server's last change id (all registers, all scopes): how far a long pull has to go, for
   * its progress. Absent from a server of before it.
   */
  latest?: number;
}

/** What the LAN does not do yet and refuses (the server, and a seat offline, alike). */
export const LAN_CLASSIFIED_REFUSAL = '局域网模式暂不能登记秘密及以上收文（随件涉密载体的登记尚未在服务器上实现，未完成）；请在单机登记';
/**
 * A seat offline does not 承办 a 批示'd 收文 with a 办理时限: the 督办 事项 it makes is numbered by
 * the server (督办编号 is the office's one series), as a 收文编号 is.
 */
export const LAN_SUPERVISED_OFFLINE = '服务器暂不可达：承办有办理时限的批示件会建立督办事项，督办编号由服务器给出，请恢复连接后再承办';
/** Nor does it make a 口头交办 offline: its 督办编号 too is the server's. */
export const LAN_TASK_CREATE_OFFLINE = '服务器暂不可达：督办编号由服务器给出，请恢复连接后再新建督办事项';


/** An account of the LAN server as the administrators' screen shows it (never a hash). */
export interface ServerAccountView {
  id: string;
  login: string;
  displayName: string;
  roles: Role[];
  disabled: boolean;
  mustChangePassword: boolean;
}

/** /api/account-admin: the server's accounts and the requests about them, newest first. */
export interface AccountAdminView {
  accounts: ServerAccountView[];
  /** For an approver, each pending one says why they may not decide it (null: they may). */
  requests: (AccountRequest & { blockedBy?: string | null })[];
}

// The whole office's encrypted backup (electron/server/office-backup.ts writes the pages, a seat the file).

/**
 * Every table a backup carries, with its primary key (the columns and their SQL types): a page is
 * the rows after the last one sent, in that order (keyset: no OFFSET re-reading what went before).
 */
export const OFFICE_TABLES = [
  { name: 'wenshu_meta', key: [['key', 'text']] },
  { name: 'accounts', key: [['id', 'text']] },
  { name: 'account_requests', key: [['id', 'text']] },
  { name: 'seats', key: [['id', 'text']] },
  { name: 'counters', key: [['series', 'text'], ['year', 'integer']] },
  { name: 'records', key: [['tbl', 'text'], ['id', 'text']] },
  { name: 'audit_log', key: [['seq', 'bigint']] },
  { name: 'change_log', key: [['id', 'bigint']] },
  { name: 'commands', key: [['client_id', 'text']] },
] as const;
export type OfficeTable = (typeof OFFICE_TABLES)[number]['name'];

/** What the file's first frame says, and what the seat is told when the session opens. */
export interface OfficeBackupStart {
  kind: 'start';
  app: 'wenshu-server';
  schemaVersion: number;
  createdAt: string;
  tables: OfficeTable[];
}
/** The file's last frame: what a restore must find. */
export interface OfficeBackupManifest {
  kind: 'manifest';
  counts: Record<OfficeTable, number>;
  auditHead: { seq: number; hash: string };
}
export interface OfficeBackupRows {
  kind: 'rows';
  table: OfficeTable;
  rows: unknown[];
}
export type OfficeBackupFrame = OfficeBackupStart | OfficeBackupRows | OfficeBackupManifest;

