import type { Role } from '@shared/domain/permissions';
import type { CalendarOverride } from '@shared/domain/workdays';

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
  disabled: boolean;
  /** Set by an administrator's reset: the user must choose a new password at next login. */
  mustChangePassword: boolean;
  createdAt: string;
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

export interface AuditEntry {
  seq: number;
  time: string;
  actorId: string;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  summary: string;
  details?: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface UnitInfo {
  /** 单位名称 */
  name: string;
  /** 全宗号 */
  fondsCode: string;
}

export interface SecuritySettings {
  idleLockMinutes: number;
}

export const DEFAULT_SECURITY_SETTINGS: SecuritySettings = { idleLockMinutes: 10 };

/**
 * A register's compact search/filter projection, persisted as one record (loads in one read) and
 * kept current by small delta rows written in the same transaction as each change.
 */
export interface ProjectionRecord {
  key: string;
  entries: unknown[];
  /** Deltas with id ≤ this are already folded into `entries`. */
  lastDeltaId: number;
}

export interface ProjectionDeltaRecord {
  id?: number;
  projection: string;
  entry: unknown;
}
