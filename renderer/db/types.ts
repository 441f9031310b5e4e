import type { ChainedEntry } from '@shared/domain/audit-chain';
import type { PasswordPolicy } from '@shared/domain/password-policy';
import type { Role } from '@shared/domain/permissions';
import type { CalendarOverride } from '@shared/domain/workdays';
import type { KeySlot } from './at-rest/key-slots';

/** Who is doing something: every write names one, and the audit log records it. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
}

export interface UserRecord {
  id: string;
  username: string;
  /** Lower-cased user name; unique index, so 'Zhang' and 'zhang' cannot both exist. */
  usernameKey: string;
  displayName: string;
  departmentId?: string;
  roles: Role[];
  /** argon2id, PHC-encoded (algorithm, parameters and salt travel with the hash). */
  passwordHash: string;
  /**
   * The installation's data key wrapped under a key derived from this account's password
   * (renderer/db/at-rest/key-slots.ts). Absent only on accounts of an installation from before
   * encryption at rest that have not signed in since.
   */
  keySlot?: KeySlot;
  disabled: boolean;
  /** Set by an administrator's reset: the user must choose a new password at next login. */
  mustChangePassword: boolean;
  /** Why the change is forced when it is not a reset (weak under today's policy, expired): shown on that screen. */
  mustChangeReason?: string;
  /** Hashes of the previous passwords, newest first: with passwordHash, the last PASSWORD_HISTORY_SIZE. */
  passwordHistory?: string[];
  /** When the password was last set by its owner; absent: since createdAt. */
  passwordChangedAt?: string;
  createdAt: string;
  /**
   * A LAN seat's mirror of an office account kept on the server (issue #19): its id is the
   * server's, its roles the server's as of its last sign-in here, and its password hash and key
   * slot let it sign in here while the server cannot be reached.
   */
  lanAccount?: true;
  updatedAt: string;
}

/** Failed logins are counted per typed user name, existing or not, so lockout reveals nothing. */
export interface LoginThrottleRecord {
  usernameKey: string;
  failures: number;
  lockedUntil?: string;
}

export interface DepartmentRecord {
  id: string;
  /** 机构代码, used in 档号 (e.g. BGS). */
  code: string;
  name: string;
  disabled: boolean;
}

export interface SettingRecord<T = unknown> {
  key: string;
  value: T;
}

export type CalendarOverrideRecord = CalendarOverride & { updatedAt: string; updatedBy: string };

export interface CounterRecord {
  /** `${series}|${year}` */
  key: string;
  series: string;
  year: number;
  /** The last number handed out; the next is last + 1. */
  last: number;
}

/** An entry of the hash-chained audit log (its chain rule: shared/domain/audit-chain.ts). */
export type AuditEntry = ChainedEntry;

export interface UnitInfo {
  /** 单位名称 */
  name: string;
  /** 全宗号 */
  fondsCode: string;
}

export interface SecuritySettings {
  idleLockMinutes: number;
  passwordPolicy: PasswordPolicy;
}

/** Its schema and owner: shared/domain/settings-schemas SETTINGS.security. */
export { DEFAULT_SECURITY_SETTINGS } from '@shared/domain/settings-schemas';

/**
 * A register's compact search/filter projection, persisted as one record (loads in one read) and
 * kept current by small delta rows written in the same transaction as each change.
 */
export interface ProjectionRecord {
  key: string;
  entries: unknown[];
  /** Deltas with id ≤ this are already folded into `entries`. */
  lastDeltaId: number;
  /** On the meta row: how many entries the base holds (a cold list's total without counting the table). */
  size?: number;
  /** The entries' shape version (renderer/db/projection.ts); absent: 1. */
  version?: number;
}

export interface ProjectionDeltaRecord {
  id?: number;
  projection: string;
  /** The entry of one record written … */
  entry?: unknown;
  /** … or those of a batch of records a bulk import added (one row, not thousands). */
  entries?: unknown[];
  /** The write added the record(s) (an `add`, which fails on an existing key): the register grew by one (or by entries.length). */
  created?: true;
  /** Records that left this PC (a LAN seat's pull: out of the user's scope now): their entries go. */
  removed?: string[];
  /**
   * A batch that does not call for folding at once (a LAN seat's pull page: 50 of them in a first
   * pull, each folding would rewrite the whole base; the seat folds once at the end).
   */
  quiet?: true;
}

/**
 * Something that happened while nobody was signed in (a failed login, a refused attempt during a
 * lockout). The audit log is encrypted under the data key, which exists in memory only while
 * someone is signed in, so such events wait here (they hold no secret) and the next append folds
 * them into the chain in order, with their own times.
 */
export type PendingAuditRecord = { id?: number } & Pick<AuditEntry, 'time' | 'actorId' | 'actorName' | 'action' | 'entityType' | 'entityId' | 'summary'>;

/**
 * One chunk of an attached file (table attachmentChunks): `data` is nonce ‖ AES-256-GCM of at
 * most AttachmentMeta.chunkSize plain bytes, sealed by the app with the data key and bound to
 * attachmentId and n (repositories/attachments.ts). Stored as a Blob, so Chromium keeps it in a
 * file beside the database rather than on the JS heap; as bytes where the structured clone of the
 * environment drops Blobs (jsdom in component tests). Readers accept both.
 */
export interface AttachmentChunkRow {
  attachmentId: string;
  n: number;
  data: Blob | Uint8Array;
}
