import Dexie, { type Table } from 'dexie';
import { declareSchema, CURRENT_SCHEMA_VERSION } from './schema';
import type { CarrierRecord, InventorySession } from '@shared/domain/carrier-types';
import type { ArchiveRecord } from '@shared/domain/filing-types';
import type { IncomingRecord } from '@shared/domain/incoming-types';
import type { DirectoryPerson, MeetingRecord } from '@shared/domain/meeting-types';
import type { TaskRecord } from '@shared/domain/supervision-types';
import type {
  AuditEntry,
  CalendarOverrideRecord,
  CounterRecord,
  DepartmentRecord,
  LoginThrottleRecord,
  ProjectionDeltaRecord,
  ProjectionRecord,
  SettingRecord,
  UserRecord,
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
  /** 归档: one row per filed 件 (the 归档文件目录). */
  archive!: Table<ArchiveRecord, string>;

  constructor(name: string = DEFAULT_DB_NAME, upTo: number = CURRENT_SCHEMA_VERSION) {
    // strict durability: a committed record is on disk before the promise resolves, so a power cut
    // right after "保存成功" cannot lose it.
    super(name, { chromeTransactionDurability: 'strict' });
    declareSchema(this, upTo);
  }
}

let instance: WenshuDB | null = null;

/** The app's database; tests open their own with a unique name instead. */
export function appDatabase(): WenshuDB {
  instance ??= new WenshuDB();
  return instance;
}
