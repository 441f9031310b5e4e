import type { ImportMapping, ImportValidation } from '@shared/domain/incoming-import';
import { checkSheet, fileSha256, sheetHead, type CheckOptions, type SheetHead } from './legacy-import-core';
import type { FromWorker, ToWorker } from './legacy-import-protocol';
import type { WorkbookSheet } from './xlsx';

export type { SheetHead } from './legacy-import-core';

/** A read or check stopped by cancel(): the worker is ended, its file forgotten. */
export class ImportReadCancelled extends Error {
  override readonly name = 'ImportReadCancelled';
  constructor() {
    super('已取消');
  }
}

type Progress = (done: number, total: number) => void;

/** A workbook read: the top of each sheet and the file's SHA-256. */
export interface ReadResult {
  sheets: SheetHead[];
  sha256: string;
}

/**
 * The wizard's handle on one file being imported: `read` parses the workbook in a Web Worker (Vite
 * bundles legacy-import.worker.ts; the CSP allows workers from 'self'), `check` validates a sheet
 * there, `cancel` ends the worker at once. Without Worker (tests in Node or jsdom) the same code
 * runs in place.
 */
export class LegacyImportReader {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, { resolve: (m: FromWorker) => void; reject: (e: Error) => void; progress?: Progress }>();
  /** In place (no Worker): the sheets read. */
  private sheets: WorkbookSheet[] = [];
  private cancelled = false;

  constructor() {
    if (typeof Worker === 'undefined') return;
    this.worker = new Worker(new URL('./legacy-import.worker.ts', import.meta.url), { type: 'module', name: 'legacy-import' });
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.type === 'progress') return p.progress?.(m.done, m.total);
      this.pending.delete(m.id);
      if (m.type === 'error') p.reject(new Error(m.message));
      else p.resolve(m);
    };
    this.worker.onerror = (e) => {
      e.preventDefault();
      this.failAll(new Error(`读取文件的后台线程出错：${e.message || '未知错误'}`));
    };
  }

  private failAll(error: Error): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  private call(message: ToWorker extends infer M ? (M extends ToWorker ? Omit<M, 'id'> : never) : never, progress?: Progress, transfer: Transferable[] = []): Promise<FromWorker> {
    if (this.cancelled) return Promise.reject(new ImportReadCancelled());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, ...(progress ? { progress } : {}) });
      this.worker!.postMessage({ ...message, id } as ToWorker, transfer);
    });
  }

  /** Every sheet's top rows (the whole workbook stays in the worker) and the file's SHA-256. NotXlsx etc.: the reader's message. */
  async read(bytes: Uint8Array): Promise<ReadResult> {
    if (!this.worker) {
      const { readWorkbook } = await import('./xlsx');
      const sha256 = fileSha256(bytes);
      this.sheets = (await readWorkbook(bytes)).sheets;
      if (this.cancelled) throw new ImportReadCancelled();
      return { sheets: this.sheets.map(sheetHead), sha256 };
    }
    // A copy is handed over (transferred): the caller's bytes stay usable.
    const copy = bytes.slice();
    const m = await this.call({ type: 'read', bytes: copy }, undefined, [copy.buffer]);
    if (m.type !== 'read') throw new Error('内部错误：读取文件的应答有误');
    return { sheets: m.sheets, sha256: m.sha256 };
  }

  /** The sheet's rows checked with `mapping` (see checkSheet), with progress. */
  async check(sheetIndex: number, mapping: ImportMapping, options: CheckOptions, progress?: Progress): Promise<ImportValidation> {
    if (!this.worker) {
      const sheet = this.sheets[sheetIndex];
      if (!sheet) throw new Error('工作表不存在');
      // A turn of the event loop first, so a cancel clicked meanwhile is seen.
      await new Promise((ok) => setTimeout(ok, 0));
      if (this.cancelled) throw new ImportReadCancelled();
      return checkSheet(sheet, mapping, options, progress);
    }
    const m = await this.call({ type: 'check', sheetIndex, mapping, options }, progress);
    if (m.type !== 'checked') throw new Error('内部错误：校验的应答有误');
    return m.result;
  }

  /** Ends the worker at once: what it was doing is dropped (its promise rejects with ImportReadCancelled). */
  cancel(): void {
    this.cancelled = true;
    this.worker?.terminate();
    this.worker = null;
    this.sheets = [];
    this.failAll(new ImportReadCancelled());
  }

  /** Done with the file: frees the worker and the sheets it holds. */
  close(): void {
    this.worker?.terminate();
    this.worker = null;
    this.sheets = [];
  }
}
