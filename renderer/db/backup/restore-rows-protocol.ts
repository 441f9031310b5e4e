import type { AuditHead } from '../audit';
import type { RowsWritten, TableDesc } from './restore-rows';

/** Messages to a restore's rows worker (restore-rows.worker.ts), handled in order. */
export type ToRowsWorker =
  | { type: 'init'; dbName: string; dataKey: Uint8Array; tableNames: string[]; sealed: TableDesc[] }
  /** One rows frame's UTF-8 JSON (transferred), of the table the main thread read at its start. */
  | { type: 'frame'; id: number; json: Uint8Array; table: string }
  /** Every row so far written. */
  | { type: 'drain'; id: number }
  | { type: 'end'; id: number; head: AuditHead };

export type FromRowsWorker =
  | { type: 'ready' }
  | { type: 'ack'; id: number }
  /** Rows handed to IndexedDB (progress). */
  | { type: 'rows'; table: string; n: number }
  | { type: 'ended'; id: number; written: RowsWritten }
  | { type: 'error'; name: string; message: string };
