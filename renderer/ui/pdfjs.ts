import type { DocumentInitParameters } from 'pdfjs-dist/types/src/display/api';

// pdf.js, loaded only when a PDF is shown or read (the main chunk does not carry it). Everything it
// needs is bundled by Vite and comes from the app itself (CSP: script-src and worker-src 'self'): its
// worker as a module file, and the CMaps, standard fonts and WebAssembly decoders (JPEG 2000 and
// JBIG2, the usual codecs of office scans) each as a small module of its own holding the bytes,
// imported only when pdf.js asks for that file (no fetch: the renderer never uses the network API).

type PdfJs = typeof import('pdfjs-dist');

// Each file's bytes (base64) in a module of its own, imported only when asked for (vite.config.ts
// pdfjsData); the index of them too, so the main chunk carries none of it.
const files = () => import('virtual:pdfjs-data');

/** The bytes of a base64 text. */
function bytesOfBase64(b64: string): Uint8Array {
  const text = atob(b64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** pdf.js's BinaryDataFactory: serves its built-in data files from the bundled modules, by name. */
class BundledData {
  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const index = await files();
    const load = kind === 'cMapUrl' || kind === 'standardFontDataUrl' || kind === 'wasmUrl' ? index[kind][filename] : undefined;
    if (!load) throw new Error(`pdf.js 数据文件缺失：${filename}`);
    return bytesOfBase64(await load());
  }
}

let loading: Promise<PdfJs> | null = null;

/** The pdf.js module with its bundled worker set up (loaded once). */
export function loadPdfJs(): Promise<PdfJs> {
  loading ??= Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]).then(([pdfjs, worker]) => {
    pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
    return pdfjs;
  });
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

/**
 * The options every document is opened with: the bytes (never a URL), the bundled data files
 * through BundledData (the worker asks the page for them; nothing is fetched from elsewhere),
 * no XFA forms, pages drawn on this thread (so a page's pixels can be printed).
 */
export function pdfParams(data: Uint8Array): DocumentInitParameters {
  return {
    data,
    // Names only: BundledData finds the files by name; these just tell pdf.js the data exists.
    cMapUrl: 'bundled/cmaps/',
    standardFontDataUrl: 'bundled/standard_fonts/',
    wasmUrl: 'bundled/wasm/',
    useWorkerFetch: false,
    BinaryDataFactory: BundledData,
    enableXfa: false,
    disableWorkerRendering: true,
    stopAtErrors: false,
  };
}
