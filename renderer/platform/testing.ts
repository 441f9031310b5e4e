import type {
  FinishWriteResult,
  OpenedFile,
  Platform,
  PlatformCapabilities,
  PrintRequest,
  PrintResult,
  PrintToPdfRequest,
  PrintToPdfResult,
  ReadableFile,
  SaveFileRequest,
  SaveFileResult,
  WriteStreamRequest,
  WriteStreamStart,
} from './types';

// The platform component tests run on (Actual Budget's index.testing.ts): no OS, no mocks of a
// module path. It records every file saved and every print, with the printed text as it was at
// that moment, and answers the next dialog as the test scripts it (saved, cancelled, failed).

export interface SavedFile {
  name: string;
  path: string;
  data: Uint8Array;
}

export interface PrintedJob {
  /** 'pdf': printToPdf; 'print': the print dialog. */
  via: 'pdf' | 'print';
  request: PrintToPdfRequest | PrintRequest;
  /** The text of the print sheets in the document when the platform was asked. */
  text: string;
  /** The class names of the print roots mounted then (one document should go on paper). */
  roots: string[];
}

/** The user's answer to the next dialog of that kind. */
export type ScriptedAnswer = 'ok' | 'cancel' | Error;

export interface TestingPlatform extends Platform {
  readonly saved: SavedFile[];
  readonly printed: PrintedJob[];
  /** Files the next openFile / openFileForReading calls return (null: the user cancelled). */
  readonly toOpen: (OpenedFile | null)[];
  /** How the next save dialog / PDF / print dialog is answered; then back to 'ok'. */
  answerNext(dialog: 'save' | 'pdf' | 'print', answer: ScriptedAnswer): void;
}

/** What the mounted print documents show (the print layer mounts them under <body>). */
function printedDocument(): { text: string; roots: string[] } {
  const roots = typeof document === 'undefined' ? [] : [...document.body.querySelectorAll<HTMLElement>(':scope > .ws-print-root')];
  return { roots: roots.map((r) => r.className), text: roots.map((r) => r.querySelector('.ws-print-sheet')?.textContent ?? '').join('|') };
}

const PDF_BYTES = new Uint8Array([37, 80, 68, 70]); // "%PDF"

export function createTestingPlatform(capabilities: Partial<PlatformCapabilities> = {}): TestingPlatform {
  const saved: SavedFile[] = [];
  const printed: PrintedJob[] = [];
  const toOpen: (OpenedFile | null)[] = [];
  const answers: Record<'save' | 'pdf' | 'print', ScriptedAnswer[]> = { save: [], pdf: [], print: [] };
  const answer = (dialog: 'save' | 'pdf' | 'print'): 'ok' | 'cancel' => {
    const a = answers[dialog].shift() ?? 'ok';
    if (a instanceof Error) throw a;
    return a;
  };
  const writes = new Map<string, { name: string; parts: Uint8Array[]; path: string }>();
  let nextHandle = 0;
  const caps: PlatformCapabilities = { canMakePdf: true, canChooseFolder: true, canTellPrintCancelled: true, ...capabilities };

  return {
    ...caps,
    saved,
    printed,
    toOpen,
    answerNext(dialog, a) {
      answers[dialog].push(a);
    },
    async saveFile(req: SaveFileRequest): Promise<SaveFileResult> {
      if (answer('save') === 'cancel') return { saved: false };
      const path = `/testing/${req.suggestedName}`;
      saved.push({ name: req.suggestedName, path, data: new Uint8Array(req.data) });
      return { saved: true, path };
    },
    async openFile(): Promise<OpenedFile | null> {
      return toOpen.shift() ?? null;
    },
    async openFileForReading(): Promise<ReadableFile | null> {
      const file = toOpen.shift() ?? null;
      if (!file) return null;
      return {
        name: file.name,
        size: file.data.byteLength,
        read: async (offset, length) => file.data.slice(offset, offset + length),
        close: async () => undefined,
      };
    },
    async printToPdf(req: PrintToPdfRequest): Promise<PrintToPdfResult> {
      const job = { via: 'pdf' as const, request: req, ...printedDocument() };
      if (!caps.canMakePdf) {
        printed.push(job);
        return { kind: 'dialog' };
      }
      if (answer('pdf') === 'cancel') return { kind: 'cancelled' };
      printed.push(job);
      if (req.mode === 'bytes') return { kind: 'bytes', data: PDF_BYTES.slice() };
      const path = `/testing/${req.suggestedName ?? '打印.pdf'}`;
      saved.push({ name: req.suggestedName ?? '打印.pdf', path, data: PDF_BYTES.slice() });
      return { kind: 'saved', path };
    },
    async print(req: PrintRequest): Promise<PrintResult> {
      const job = { via: 'print' as const, request: req, ...printedDocument() };
      const a = answer('print');
      if (!caps.canTellPrintCancelled) {
        printed.push(job);
        return { kind: 'dialog' };
      }
      if (a === 'cancel') return { kind: 'cancelled' };
      printed.push(job);
      return { kind: 'printed' };
    },
    async chooseBackupFolder() {
      if (!caps.canChooseFolder) return { chosen: false, reason: 'unsupported' } as const;
      return answer('save') === 'cancel' ? ({ chosen: false, reason: 'cancelled' } as const) : ({ chosen: true, path: '/testing/备份' } as const);
    },
    async backupFolder() {
      return caps.canChooseFolder ? '/testing/备份' : null;
    },
    async beginWrite(req: WriteStreamRequest): Promise<WriteStreamStart> {
      if (req.target === 'backupFolder' && !caps.canChooseFolder) return { started: false, reason: 'noFolder' };
      if (req.target === 'dialog' && answer('save') === 'cancel') return { started: false, reason: 'cancelled' };
      const handle = `testing-write-${++nextHandle}`;
      const path = req.target === 'backupFolder' ? `/testing/备份/${req.suggestedName}` : `/testing/${req.suggestedName}`;
      writes.set(handle, { name: req.suggestedName, parts: [], path });
      return { started: true, handle, path };
    },
    async appendWrite(handle: string, data: Uint8Array) {
      const w = writes.get(handle);
      if (!w) throw new Error(`unknown write handle: ${handle}`);
      w.parts.push(new Uint8Array(data));
    },
    async finishWrite(handle: string): Promise<FinishWriteResult> {
      const w = writes.get(handle);
      if (!w) throw new Error(`unknown write handle: ${handle}`);
      writes.delete(handle);
      const data = new Uint8Array(w.parts.reduce((n, p) => n + p.byteLength, 0));
      let at = 0;
      for (const p of w.parts) {
        data.set(p, at);
        at += p.byteLength;
      }
      saved.push({ name: w.name, path: w.path, data });
      return { path: w.path, removed: [] };
    },
    async abortWrite(handle: string) {
      writes.delete(handle);
    },
    auditAnchor: null,
    secrets: null,
    lan: null,
  };
}
