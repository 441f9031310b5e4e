import type { ImportMapping, ImportValidation } from '@shared/domain/incoming-import';
import type { CheckOptions, SheetHead } from './legacy-import-core';

// Messages between the wizard's client (legacy-import.ts) and the worker (legacy-import.worker.ts).

export type ToWorker = { id: number; type: 'read'; bytes: Uint8Array } | { id: number; type: 'check'; sheetIndex: number; mapping: ImportMapping; options: CheckOptions };

export type FromWorker =
  | { id: number; type: 'progress'; done: number; total: number }
  | { id: number; type: 'read'; sheets: SheetHead[]; sha256: string }
  | { id: number; type: 'checked'; result: ImportValidation }
  | { id: number; type: 'error'; message: string };
