import { Dexie as DexieClass, type Dexie, type Transaction } from 'dexie';
import { carrierOrderKeys } from './at-rest/encryption-middleware';

// Every schema the app has ever shipped, oldest first. A change to the database is a new entry here
// with an upgrade function, never an edit of an old one: test/unit/db/migrations.test.ts builds a
// database at each earlier version, migrates it and checks the data, and schema-snapshot.test.ts
// stops an old entry from changing by accident.

export interface SchemaVersion {
  version: number;
  /** Dexie store specs: primary key first, then indexes. null deletes a table. */
  stores: Record<string, string | null>;
  /** Moves data written under the previous version into this version's shape. */
  upgrade?: (tx: Transaction) => Promise<void> | void;
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      settings: 'key',
      users: 'id, &usernameKey',
      loginThrottle: 'usernameKey',
      departments: 'id, &code',
      calendarOverrides: 'date',
      counters: 'key',
      auditLog: 'seq, time, actorName, action, [entityType+entityId]',
    },
  },
  {
    // 收文 (issue #3) and the persisted search/filter projection of each register.
    version: 2,
    stores: {
      incoming: 'id, &serial, [year+seq], receivedDate, state, dueDate, duplicateKey, fromUnit',
      projections: 'key',
      projectionDeltas: '++id, projection',
    },
  },
  {
    // 涉密载体台账 (issue #4).
    version: 3,
    stores: {
      carriers: 'id, &serial, state, copyOf',
    },
  },
  {
    // 清点 sessions (issue #4): kept so a 清点报告 can be printed again at an inspection.
    version: 4,
    stores: {
      inventorySessions: 'id, startedAt',
    },
  },
  {
    // 会议纪要 and 督办 (issue #5): the people directory, meetings (with their minutes), tasks.
    version: 5,
    stores: {
      people: 'id, name',
      meetings: 'id, meetingDate, minutesState',
      tasks: 'id, &serial, state, dueDate, unit',
    },
  },
  {
    // Lists read one page through an index instead of every record: meetings newest first (by
    // 纪要 state or 会议类型 too); tasks by state and 时限, by meeting (the meeting page, 更正),
    // and by 办结 day (a 通报 reads only the tasks open during its period).
    version: 6,
    stores: {
      meetings: 'id, meetingDate, minutesState, startAt, [minutesState+startAt], [meetingType+startAt]',
      tasks: 'id, &serial, state, dueDate, unit, source.meetingId, done.date, [state+dueDate]',
    },
  },
  {
    // 归档 (issue #6): one row per filed 件. A year's 归档文件目录 reads [year+archiveCode] in 档号
    // order; a class's last 件 and box come from [year+orgCode+retention+itemNo]; a 收文 or
    // meeting finds its entry by recordId. Older databases have nothing filed: no upgrade.
    version: 7,
    stores: {
      archive: 'id, &archiveCode, recordId, [year+archiveCode], [year+orgCode+retention+itemNo]',
    },
  },
  {
    // Security (issue #12). Index keys are stored readable in the IndexedDB files, so no index
    // may carry content: 来文单位 and people's names lose theirs (lists use the projections), and
    // duplicateKey becomes a keyed hash (renderer/db/at-rest). New: the second anchor of the audit
    // head, login events waiting for the next sign-in to join the chain (no key before it), sealed
    // segments of the audit log kept by a restore, and account changes awaiting the 保密员.
    // Rows stay as they are here: an upgrade runs before anyone signs in, so there is no key yet;
    // the first sign-in encrypts them (renderer/db/at-rest/migrate.ts).
    version: 8,
    stores: {
      incoming: 'id, &serial, [year+seq], receivedDate, state, dueDate, duplicateKey',
      people: 'id',
      auditAnchor: 'id',
      pendingAudit: '++id',
      auditSegments: '[segment+seq], segment',
      accountRequests: 'id, state, userId, requestedAt',
    },
  },
  {
    // Commands as data (issue #13): one row per row a command wrote, in order (seq), with its
    // after-image: the seam for sync and for replay. Indexed by seq, command, entity (table name) and time only (the
    // after-image is sealed at rest). Older databases start with an empty log: no upgrade.
    version: 9,
    stores: {
      changeLog: '++seq, commandId, entity, time',
    },
  },
  {
    // 督办通报 as issued (issue #15): 第N期 per year, one per 通报类型 and period, kept so a reprint
    // is the same paper. Older databases have none issued: no upgrade.
    version: 10,
    stores: {
      bulletins: 'id, &[kind+start], [year+number]',
    },
  },
  {
    // 发文 (issue #16) and its 文号台账. Index keys are readable in the files (v8): only numbers,
    // ids, states and dates here, no 标题, unit or name (lists and search use the projection).
    // `outgoing`: by 文号 (unique: a number is never handed out twice), state, draft year, the
    // day it was drafted (the list's first page before the projection loads) and 成文日期 (a
    // year's 归档 candidates). `docNumbers`: one row per number ever taken, reserved or voided,
    // read per series and year in sequence order. Older databases have none: no upgrade.
    version: 11,
    stores: {
      outgoing: 'id, &docNumber, state, draftYear, createdAt, writtenDate',
      docNumbers: 'id, [seriesId+year+seq], outgoingId, status',
    },
  },
  {
    // Attachments (issue #17): the scanned original kept with its record. `attachments` holds each
    // file's AttachmentMeta (sealed like every row), read per record ([ownerKind+ownerId]) and by
    // day added; `attachmentChunks` its bytes, one row per chunk of at most 1 MiB, sealed by the
    // app (AES-256-GCM bound to attachment id and chunk number) and stored as a Blob. Index keys
    // are readable in the files: only ids, kinds and dates. Older databases have none: no upgrade.
    version: 12,
    stores: {
      attachments: 'id, [ownerKind+ownerId], addedAt',
      attachmentChunks: '[attachmentId+n]',
    },
  },
  {
    // Files imported (issue #20): one row per legacy Excel 收文登记簿 or 迁移包 imported, keyed by
    // the SHA-256 of its bytes and its kind, so the same file is refused the second time with when
    // and by whom it came in. Index keys are readable in the files: only the hash, kind and time
    // (file name, people and counts are sealed in the row). Older databases have none: no upgrade
    // (their imports are still found row by row, by 原编号 and content).
    version: 13,
    stores: {
      importedFiles: '[sha256+kind], at',
    },
  },
  {
    // The 涉密载体台账 opens on its newest page from an index (issue #18: the projection of 20,000
    // carriers took ~500 ms to open). A carrier's year and sequence are not fields of its record:
    // the at-rest layer stores them beside the sealed row, computed from the 编号 (derivedIndexes
    // in at-rest/encryption-middleware.ts; outside the seal's binding, checked on every read).
    // The upgrade adds them to the rows already there: it runs before sign-in, with no key, which
    // it needs none for (the 编号 is a readable index key of every stored carrier).
    version: 14,
    stores: {
      carriers: 'id, &serial, state, copyOf, [year+seq]',
    },
    upgrade: (tx) => addCarrierOrderKeys(tx),
  },
  {
    // A seat of the office LAN (issue #19): commands made offline wait in lanOutbox (written in the
    // command's own transaction), refusals the server gave them in lanConflicts; lanSync keeps the
    // pull cursor and what the server last said, lanVersions the server's version of each pulled
    // record (numbers by record id: stored plain, 100,000 of them come with a first pull). Empty on
    // a standalone PC.
    version: 15,
    stores: {
      lanOutbox: '++seq',
      lanConflicts: 'clientId',
      lanSync: 'key',
      lanVersions: 'key',
    },
  },
];

/** v14: each stored carrier gets the year and sequence of its 编号, on the stored row itself (below the at-rest layer). */
function addCarrierOrderKeys(tx: Transaction): Promise<void> {
  // A Dexie promise over the native cursor: the upgrade transaction must stay in Dexie's zone.
  return new DexieClass.Promise<void>((resolve, reject) => {
    const req = tx.idbtrans.objectStore('carriers').openCursor();
    req.onsuccess = () => {
      const cursor = req.result;
      if (!cursor) return resolve();
      const stored = cursor.value as Record<string, unknown>;
      const keys = carrierOrderKeys(stored);
      if (Object.keys(keys).length) cursor.update({ ...stored, ...keys });
      cursor.continue();
    };
    req.onerror = () => reject(req.error ?? new Error('载体索引升级失败'));
  });
}

export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;

/** Declares versions 1..upTo on a Dexie instance (upTo < current only in migration tests). */
export function declareSchema(db: Dexie, upTo: number = CURRENT_SCHEMA_VERSION): void {
  for (const v of SCHEMA_VERSIONS) {
    if (v.version > upTo) break;
    const declared = db.version(v.version).stores(v.stores);
    if (v.upgrade) declared.upgrade(v.upgrade);
  }
}
