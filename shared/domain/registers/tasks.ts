import type { TaskRecord } from '../supervision-types';
import { taskRecordSchema } from '../transfer';
import { serialPosition } from './carriers';
import type { RegisterDescriptor } from './descriptor';
import { taskPeople, mapTaskPeople } from './people';

/** The counter series of 督办编号. */
export const TASK_SERIES = '督办';

/** 督办 (issue 5): tasks from 纪要, 批示 and 口头交办. Never classified: everyone who reads sees them. */
export const TASKS_REGISTER: RegisterDescriptor<TaskRecord> = {
  kind: 'tasks',
  table: 'tasks',
  label: '督办事项',
  entityType: '督办',
  numberKey: {
    of: (t) => t.serial,
    lookup: (rows) => ({ index: 'serial', ranges: rows.map((t) => [t.serial, t.serial] as const) }),
    counter: (t) => serialPosition(TASK_SERIES, t.serial),
    // A task keeps no history of its own: the import's audit entry names the old number.
    renumber: (t, to) => ({ ...t, serial: to.serial }),
  },
  number: (t) => t.serial,
  title: (t) => t.content,
  classification: () => '非密',
  state: (t) => t.state,
  canSee: () => true,
  mask: (t) => t,
  audit: (t) => ({ number: t.serial, classification: '非密' }),
  search: {
    publicText: (t) => [t.serial],
    contentText: (t) => [t.content, t.unit, t.person],
    order: (t) => `${t.createdAt}|${t.serial}`,
  },
  filing: null,
  prints: [
    { id: 'reminder-notice', name: '催办通知' },
    { id: 'supervision-report', name: '督办通报' },
  ],
  transfer: {
    schema: taskRecordSchema,
    importPermission: 'supervision.manage',
    importAction: '迁移导入督办',
    importName: (t) => t.serial,
    custody: null,
    companions: null,
    goesAlong: null,
    receive: null,
    // People mapping on import (issue #20): every person the record names, see ./people.ts.
    people: taskPeople,
    mapPeople: mapTaskPeople,
  },
};
