import Dexie, { type Table } from 'dexie';
import { encryptionMiddleware } from './at-rest/encryption-middleware';
import type { ConflictRow, LanSyncRow, OutboxRow } from './lan/seat-types';
import { changeLogMiddleware, type ChangeLogRow } from './commands/change-log';
import { keyringFor, type Keyring } from './at-rest/keyring';
import { declareSchema, CURRENT_SCHEMA_VERSION } from './schema';
import { appDatabaseName } from './pointer';
import type { AccountRequest } from '@shared/domain/account-approval';
import type { CarrierRecord, InventorySession } from '@shared/domain/carrier-types';
import type { ArchiveRecord } from '@shared/domain/filing-types';
import type { AttachmentMeta } from '@shared/domain/attachment-types';
import type { ImportedFileRecord } from '@shared/domain/imported-files';
import type { IncomingRecord } from '@shared/domain/incoming-types';
import type { DirectoryPerson, MeetingRecord } from '@shared/domain/meeting-types';
import type { DocNumberEntry, OutgoingRecord } from '@shared/domain/outgoing-types';
import type { IssuedBulletin, TaskRecord } from '@shared/domain/supervision-types';
import type {
  AuditEntry,
  CalendarOverrideRecord,
  CounterRecord,
  DepartmentRecord,
  LoginThrottleRecord,
  PendingAuditRecord,
  ProjectionDeltaRecord,
  ProjectionRecord,
  SettingRecord,
  UserRecord,
  AttachmentChunkRow,
} from './types';

export const DEFAULT_DB_NAME = 'wenshu';

/** The one database. Only renderer/db/ touches it; features call repository functions. */
export class WenshuDB extends Dexie {
  settings!: Table<SettingRecord, string>;
  users!: Table<UserRecord, string>;
  loginThrottle!: Table<LoginThrottleRecord, string>;
  departments!: Table<DepartmentRecord, string>;
  calendarOverrides!: Table<CalendarOverrideRecord, string>;
  counters!: Table<CounterRecord, string>;
  auditLog!: Table<AuditEntry, number>;
  incoming!: Table<IncomingRecord, string>;
  projections!: Table<ProjectionRecord, string>;
  projectionDeltas!: Table<ProjectionDeltaRecord, number>;
  carriers!: Table<CarrierRecord, string>;
  inventorySessions!: Table<InventorySession, string>;
  people!: Table<DirectoryPerson, string>;
  meetings!: Table<MeetingRecord, string>;
  tasks!: Table<TaskRecord, string>;
  /** 督办通报 as issued (印发), with their 期号 and the figures of the day. */
  bulletins!: Table<IssuedBulletin, string>;
  /** 发文 (issue #16). */
  outgoing!: Table<OutgoingRecord, string>;
  /** 文号台账: every 文号 taken (已用), reserved (预留) or voided (作废); never deleted. */
  docNumbers!: Table<DocNumberEntry, string>;
  /** 归档: one row per filed 件 (the 归档文件目录). */
  archive!: Table<ArchiveRecord, string>;
  /** 附件 (issue #17): one row per attached file (sealed at rest like every row). */
  attachments!: Table<AttachmentMeta, string>;
  /** The bytes of each attached file, chunk by chunk, sealed by the app (repositories/attachments.ts). */
  attachmentChunks!: Table<AttachmentChunkRow, [string, number]>;
  /** Files imported (legacy Excel, 迁移包), by SHA-256 and kind: the same file is not imported twice. */
  importedFiles!: Table<ImportedFileRecord, [string, string]>;
  /** The second anchor of the audit head (web build; the desktop app keeps another in a sealed file). */
  auditAnchor!: Table<{ id: string; seq: number; hash: string }, string>;
  /** Login events from before anyone signed in, waiting to join the audit chain. */
  pendingAudit!: Table<PendingAuditRecord, number>;
  /** Sealed earlier stretches of the audit log kept by a restore (never removed). */
  auditSegments!: Table<{ segment: string; seq: number; entry: AuditEntry }, [string, number]>;
  /** 三员分立: account changes by the 系统管理员 awaiting the 安全保密管理员's approval. */
  accountRequests!: Table<AccountRequest, string>;
  /** One row per row a command wrote, with its after-image (commands/change-log.ts). */
  changeLog!: Table<ChangeLogRow, number>;
  /** LAN seat: commands made offline, in order, until the server has them (db/lan/outbox.ts). */
  lanOutbox!: Table<OutboxRow, number>;
  /** LAN seat: what the server refused of them, shown until read (db/lan/outbox.ts). */
  lanConflicts!: Table<ConflictRow, string>;
  /** LAN seat: the pull cursor and what the server last said (db/lan/pull.ts). */
  lanSync!: Table<LanSyncRow, string>;
  /** LAN seat: the server's version of each pulled record, by 'table:id' (stored plain: numbers). */
  lanVersions!: Table<{ key: string; version: number }, string>;

  constructor(name: string = DEFAULT_DB_NAME, upTo: number = CURRENT_SCHEMA_VERSION) {
    // strict durability: a committed record is on disk before the promise resolves, so a power cut
    // right after "保存成功" cannot lose it.
    super(name, { chromeTransactionDurability: 'strict' });
    declareSchema(this, upTo);
    // Every row passes through the installation's data key on its way to and from the files.
    this.use(encryptionMiddleware(keyringFor(name)));
    // Just above it: every row a command writes gets its change-log row in the same transaction.
    this.use(changeLogMiddleware());
  }

  /** This database's data key, held while someone is signed in. */
  get keyring(): Keyring {
    return keyringFor(this.name);
  }
}

let instance: WenshuDB | null = null;

/**
 * The app's database: the one the pointer names (renderer/db/pointer.ts, read at start); tests
 * open their own with a unique name instead.
 */
export function appDatabase(): WenshuDB {
  if (!instance) {
    instance = new WenshuDB(appDatabaseName(DEFAULT_DB_NAME));
    // A restore in another window replaced this database and deletes it: this window reloads onto
    // the new one instead of reopening (and so recreating) an empty database under the old name.
    instance.on('versionchange', (ev: IDBVersionChangeEvent) => {
      if (ev.newVersion === null) {
        instance?.close({ disableAutoOpen: true });
        globalThis.location?.reload();
      }
    });
  }
  return instance;
}
