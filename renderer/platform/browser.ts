import type {
  FinishWriteResult,
  OpenedFile,
  OpenFileRequest,
  Platform,
  PrintRequest,
  PrintResult,
  PrintToPdfResult,
  ReadableFile,
  SaveFileRequest,
  SaveFileResult,
  WriteStreamRequest,
  WriteStreamStart,
} from './types';

// The web build (npm run web, E2E tests): files go through the browser's download and file picker,
// printing through its print dialog (where "另存为 PDF" makes the PDF). There is no backup folder
// here; a file written a piece at a time is kept as Blob parts and downloaded when finished.

function acceptAttribute(req: OpenFileRequest): string {
  return (req.filters ?? []).flatMap((f) => f.extensions.map((e) => `.${e}`)).join(',');
}

/** FileReader rather than Blob.arrayBuffer(): the same code then also runs under jsdom. */
function readBytes(blob: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('读取文件失败'));
    reader.readAsArrayBuffer(blob);
  });
}

/** Hands a Blob to the browser's download under the given name. */
function download(doc: Document, blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  try {
    const a = doc.createElement('a');
    a.href = url;
    a.download = name;
    a.style.display = 'none';
    doc.body.appendChild(a);
    a.click();
    a.remove();
  } finally {
    // Revoke later: the download starts asynchronously after the click.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

interface PendingDownload {
  name: string;
  /** One Blob per appended piece: the browser may keep them out of the JS heap. */
  parts: Blob[];
}

export function createBrowserPlatform(doc: Document = document, win: Window = window): Platform {
  const pending = new Map<string, PendingDownload>();
  let nextHandle = 0;
  const pendingFor = (handle: string): PendingDownload => {
    const file = pending.get(handle);
    if (!file) throw new Error(`未知的写入句柄 (unknown write handle): ${handle}`);
    return file;
  };

  /** The file chosen in <input type=file>, or null when the picker is cancelled. */
  const pick = (req: OpenFileRequest): Promise<File | null> =>
    new Promise((resolve) => {
      const input = doc.createElement('input');
      input.type = 'file';
      const accept = acceptAttribute(req);
      if (accept) input.accept = accept;
      input.style.display = 'none';
      const done = () => input.remove();
      input.addEventListener('cancel', () => {
        done();
        resolve(null);
      });
      input.addEventListener('change', () => {
        const file = input.files?.[0];
        done();
        resolve(file ?? null);
      });
      doc.body.appendChild(input);
      input.click();
    });

  return {
    // window.print() makes no PDF of its own and says nothing about what the user did.
    canMakePdf: false,
    canChooseFolder: false,
    canTellPrintCancelled: false,

    async saveFile(req: SaveFileRequest): Promise<SaveFileResult> {
      // Copy into a fresh ArrayBuffer: Blob wants plain (not shared) buffers.
      download(doc, new Blob([new Uint8Array(req.data)]), req.suggestedName);
      return { saved: true, path: req.suggestedName };
    },

    async openFile(req: OpenFileRequest): Promise<OpenedFile | null> {
      const file = await pick(req);
      return file ? { name: file.name, data: await readBytes(file) } : null;
    },

    async openFileForReading(req: OpenFileRequest): Promise<ReadableFile | null> {
      // The File is a Blob: each read is a slice of it, the file is never read whole.
      const file = await pick(req);
      if (!file) return null;
      return {
        name: file.name,
        size: file.size,
        read: (offset, length) => readBytes(file.slice(offset, offset + length)),
        close: async () => undefined,
      };
    },

    async printToPdf(): Promise<PrintToPdfResult> {
      win.print();
      return { kind: 'dialog' };
    },

    async print(_req: PrintRequest): Promise<PrintResult> {
      win.print();
      return { kind: 'dialog' };
    },

    async chooseBackupFolder() {
      return { chosen: false, reason: 'unsupported' } as const;
    },

    async backupFolder(): Promise<string | null> {
      return null;
    },

    async beginWrite(req: WriteStreamRequest): Promise<WriteStreamStart> {
      if (req.target === 'backupFolder') return { started: false, reason: 'noFolder' };
      const handle = `browser-write-${++nextHandle}`;
      pending.set(handle, { name: req.suggestedName, parts: [] });
      return { started: true, handle, path: req.suggestedName };
    },

    async appendWrite(handle: string, data: Uint8Array): Promise<void> {
      // A copy: the caller may reuse its buffer, and Blob wants plain (not shared) buffers.
      pendingFor(handle).parts.push(new Blob([new Uint8Array(data)]));
    },

    async finishWrite(handle: string): Promise<FinishWriteResult> {
      const file = pendingFor(handle);
      pending.delete(handle);
      download(doc, new Blob(file.parts), file.name);
      return { path: file.name, removed: [] };
    },

    async abortWrite(handle: string): Promise<void> {
      pending.delete(handle);
    },

    // The web build's second anchor is the auditAnchor store in IndexedDB (renderer/db/audit.ts).
    auditAnchor: null,
    secrets: null,
    lan: null,
  };
}
