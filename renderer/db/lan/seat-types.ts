import type { Classification } from '@shared/domain/enums';
import type { IncomingRecord } from '@shared/domain/incoming-types';
import type { TaskStepName } from '@shared/domain/supervision';
import type { TaskRecord } from '@shared/domain/supervision-types';

// The rows a seat of the office LAN keeps beside the records (schema v15, issue #19).

/** A command as the server takes it (POST /api/command): replayed under the same clientId, it is applied once. */
export interface ServerCall {
  clientId: string;
  name: 'incoming.register' | 'incoming.act' | TaskStepName;
  input: Record<string, unknown>;
}

/** A command made offline, applied here as provisional, waiting to be sent in order. */
export interface OutboxRow {
  seq?: number;
  call: ServerCall;
  /** The record it made or changed. */
  recordId: string;
  /** Its table: absent for a 收文 (the first kind queued), the 督办 register's for a 督办 step. */
  tbl?: string;
  /** The record as it was before (null: the command made it), put back if the server refuses. */
  before: IncomingRecord | TaskRecord | null;
  /** What the list of refusals names it by (never a classified title). */
  label: string;
  at: string;
  /** Whose it is: sent only under that account's session, never another person's. */
  accountId: string;
}

/** A command the server refused after this seat had applied it offline: shown until read. */
export interface ConflictRow {
  clientId: string;
  recordId: string;
  label: string;
  /** '已被他人处理：…' or the server's refusal. */
  message: string;
  at: string;
  /** Whose command it was (shown to that account only); '' for this PC's own (a record it could not take). */
  accountId: string;
}

/**
 * 'cursor': where the pull stands; 'accounts': the office's accounts for pickers; 'settings': the
 * LAN's settings a seat applies offline; 'paired': this PC is a seat (its 收文 are the server's).
 */
export type LanSyncRow =
  | {
      key: 'cursor';
      cursor: number;
      scope: string;
      /** The tables pulled under this cursor, sorted and joined (absent: 'incoming', the first). */
      tables?: string;
    }
  | { key: 'accounts'; accounts: { id: string; username: string; displayName: string }[] }
  | { key: 'settings'; maxClassification: Classification }
  | { key: 'paired'; since: string };
