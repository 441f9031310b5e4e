// The one interface features use for anything that touches the OS. Only renderer/platform/ knows
// whether the app runs inside Electron (window.wenshu) or in a plain browser (npm run web, E2E).

import type { LanLinkView, LanPairRequest, LanPairResponse, LanPostRequest, LanPostResponse } from '../../shared/ipc';

export type { LanLinkView, LanPostResponse };

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

/**
 * A chosen file read by range, never loaded whole (issue #17: restoring a backup or opening a 迁移包
 * with gigabytes of scans). close() when done (the desktop keeps the file open until then).
 */
export interface ReadableFile {
  name: string;
  size: number;
  /** `length` bytes from `offset` (fewer only at the end of the file). */
  read(offset: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
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
  /** Without canMakePdf (the browser build) it opened the print dialog instead. */
  | { kind: 'dialog' };

export interface PrintRequest {
  landscape?: boolean;
}

/**
 * What the print dialog did. 'dialog': the platform cannot tell (the browser's window.print()
 * returns whether or not the user printed), so the caller must assume it was printed.
 */
export type PrintResult = { kind: 'printed' } | { kind: 'cancelled' } | { kind: 'dialog' };

/**
 * A file written a piece at a time (backups: 100,000 records never sit in memory together).
 * The renderer never names a folder: 'dialog' asks the user where; 'backupFolder' writes into
 * the folder the user chose for scheduled backups (remembered by the main process).
 */
export interface WriteStreamRequest {
  suggestedName: string;
  filters?: FileFilter[];
  target: 'dialog' | 'backupFolder';
}

export type WriteStreamStart =
  | { started: true; handle: string; path: string }
  /** cancelled: the user closed the dialog; noFolder: no backup folder chosen (or not supported here). */
  | { started: false; reason: 'cancelled' | 'noFolder' };

export interface FinishWriteResult {
  path: string;
  /** Older backups removed from the backup folder to keep the latest N. */
  removed: string[];
}

/** Scheduled backups are named 文枢备份-YYYYMMDD-HHmmss.wsbak; only such files are ever pruned. */
export const BACKUP_FILE_PREFIX = '文枢备份-';
export const BACKUP_FILE_EXTENSION = 'wsbak';

/** The audit log's head (seq + hash). */
export interface AuditAnchorHead {
  seq: number;
  hash: string;
}

/**
 * The second anchor of the audit head outside IndexedDB (issue #12): on the desktop a file the
 * main process seals with the OS keystore. The web build has none (its second anchor is an
 * IndexedDB store under the at-rest key, kept by renderer/db itself).
 */
export interface AuditAnchorStore {
  read(): Promise<AuditAnchorHead | null>;
  write(head: AuditAnchorHead): Promise<void>;
}

export interface SecretSealing {
  seal(text: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

/**
 * The seat's link to the office LAN server (issue #19). The main process pairs (pinning the
 * certificate whose fingerprint the person typed) and does every request; the page never opens
 * a connection itself and never names a host after pairing.
 */
export interface LanLinkCapability {
  /** The pairing, or null when this PC is standalone. */
  link(): Promise<LanLinkView>;
  pair(req: LanPairRequest): Promise<LanPairResponse>;
  post(path: LanPostRequest['path'], body: LanPostRequest['body'], token?: string): Promise<LanPostResponse>;
  unpair(): Promise<void>;
}

/**
 * What this platform can do. Features ask these, never which platform it is: a third platform
 * (or the testing one) then works without touching a feature.
 */
export interface PlatformCapabilities {
  /** printToPdf makes the PDF itself (bytes or a saved file), without the print dialog. */
  readonly canMakePdf: boolean;
  /** A folder can be chosen and remembered for scheduled backups (beginWrite target 'backupFolder'). */
  readonly canChooseFolder: boolean;
  /** print() reports whether the user printed or cancelled the dialog. */
  readonly canTellPrintCancelled: boolean;
}

export interface Platform extends PlatformCapabilities {
  saveFile(req: SaveFileRequest): Promise<SaveFileResult>;
  openFile(req: OpenFileRequest): Promise<OpenedFile | null>;
  /** Asks for a file like openFile, but gives a reader by range instead of all its bytes. */
  openFileForReading(req: OpenFileRequest): Promise<ReadableFile | null>;
  printToPdf(req: PrintToPdfRequest): Promise<PrintToPdfResult>;
  print(req: PrintRequest): Promise<PrintResult>;
  /** Asks for the folder scheduled backups go to; the main process remembers it. */
  chooseBackupFolder(): Promise<{ chosen: true; path: string } | { chosen: false; reason: 'cancelled' | 'unsupported' }>;
  /** The folder chosen for scheduled backups, or null. */
  backupFolder(): Promise<string | null>;
  /** Starts a file; the bytes go to a temporary file beside it until finishWrite renames it into place. */
  beginWrite(req: WriteStreamRequest): Promise<WriteStreamStart>;
  appendWrite(handle: string, data: Uint8Array): Promise<void>;
  /** Completes the file (flushed, then renamed into place). keepLatest: prune older 文枢备份-*.wsbak in the backup folder. */
  finishWrite(handle: string, keepLatest?: number): Promise<FinishWriteResult>;
  /** Drops a file begun but not finished (the temporary file is deleted). */
  abortWrite(handle: string): Promise<void>;
  /** The audit head's anchor outside the database, or null where there is none (the browser). */
  readonly auditAnchor: AuditAnchorStore | null;
  /**
   * Seals small secrets with the OS keystore (desktop), or null where there is none (the browser:
   * there the scheduled-backup key stays under the data key, readable only while signed in).
   */
  readonly secrets: SecretSealing | null;
  /** The LAN link (desktop), or null where the page may not reach the network (the browser, for now). */
  readonly lan: LanLinkCapability | null;
}
