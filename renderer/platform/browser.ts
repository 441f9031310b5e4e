import type { OpenedFile, OpenFileRequest, Platform, PrintRequest, PrintToPdfResult, SaveFileRequest, SaveFileResult } from './types';

// The web build (npm run web, E2E tests): files go through the browser's download and file picker,
// printing through its print dialog (where "另存为 PDF" makes the PDF).

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

export function createBrowserPlatform(doc: Document = document, win: Window = window): Platform {
  return {
    kind: 'browser',

    async saveFile(req: SaveFileRequest): Promise<SaveFileResult> {
      // Copy into a fresh ArrayBuffer: Blob wants plain (not shared) buffers.
      const blob = new Blob([new Uint8Array(req.data)]);
      const url = URL.createObjectURL(blob);
      try {
        const a = doc.createElement('a');
        a.href = url;
        a.download = req.suggestedName;
        a.style.display = 'none';
        doc.body.appendChild(a);
        a.click();
        a.remove();
      } finally {
        // Revoke later: the download starts asynchronously after the click.
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      }
      return { saved: true, path: req.suggestedName };
    },

    openFile(req: OpenFileRequest): Promise<OpenedFile | null> {
      return new Promise((resolve, reject) => {
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
          if (!file) return resolve(null);
          readBytes(file).then((data) => resolve({ name: file.name, data }), reject);
        });
        doc.body.appendChild(input);
        input.click();
      });
    },

    async printToPdf(): Promise<PrintToPdfResult> {
      win.print();
      return { kind: 'dialog' };
    },

    async print(_req: PrintRequest): Promise<void> {
      win.print();
    },
  };
}
