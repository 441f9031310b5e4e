// The one interface features use for anything that touches the OS. Only renderer/platform/ knows
// whether the app runs inside Electron (window.wenshu) or in a plain browser (npm run web, E2E).

export interface FileFilter {
  /** Shown in the dialog, e.g. "Excel 工作簿". */
  name: string;
  /** Without dots, e.g. ["xlsx"]. */
  extensions: string[];
}

export interface SaveFileRequest {
  suggestedName: string;
  data: Uint8Array;
  filters?: FileFilter[];
}

export type SaveFileResult = { saved: true; path: string } | { saved: false };

export interface OpenFileRequest {
  filters?: FileFilter[];
}

export interface OpenedFile {
  name: string;
  data: Uint8Array;
}

export interface PrintToPdfRequest {
  landscape?: boolean;
  /** 'bytes': return the PDF to the renderer; 'save': ask where to save it. */
  mode: 'bytes' | 'save';
  suggestedName?: string;
}

export type PrintToPdfResult =
  | { kind: 'bytes'; data: Uint8Array }
  | { kind: 'saved'; path: string }
  | { kind: 'cancelled' }
  /** The browser build cannot make PDF bytes itself: it opened the print dialog instead. */
  | { kind: 'dialog' };

export interface PrintRequest {
  landscape?: boolean;
}

export interface Platform {
  readonly kind: 'electron' | 'browser';
  saveFile(req: SaveFileRequest): Promise<SaveFileResult>;
  openFile(req: OpenFileRequest): Promise<OpenedFile | null>;
  printToPdf(req: PrintToPdfRequest): Promise<PrintToPdfResult>;
  print(req: PrintRequest): Promise<void>;
}
