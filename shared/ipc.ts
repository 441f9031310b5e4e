// The whole IPC contract between the renderer (through preload's window.wenshu) and the main
// process: one map of channel → { method, request, response }. Main validates every request
// with these schemas; preload builds window.wenshu from this map, one method per channel, so
// nothing outside the map can ever be invoked. Pure TypeScript + zod: no node or electron here.

import { z } from 'zod';

/** Largest file the renderer may save or open through the bridge (exports, backups). */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

/**
 * Bytes as they cross IPC (structured clone turns a Buffer into a plain Uint8Array). Typed as
 * Uint8Array over any buffer, matching renderer/platform/types.ts, rather than z.instanceof's
 * narrower Uint8Array<ArrayBuffer>.
 */
const anyBytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, {
  message: 'expected a Uint8Array',
});

const bytes = anyBytes
  .refine((b) => b.byteLength <= MAX_FILE_BYTES, { message: 'file too large' });

/** A bare file name: the user picks the folder in the native dialog, the renderer never does. */
const fileName = z
  .string()
  .min(1)
  .max(255)
  .refine((s) => !/[/\\\0]/.test(s) && s !== '.' && s !== '..', {
    message: 'must be a file name, not a path',
  });

export const fileFilterSchema = z.strictObject({
  name: z.string().min(1).max(100),
  /** Without dots, e.g. "xlsx"; "*" for all files. */
  extensions: z
    .array(z.string().regex(/^(\*|[A-Za-z0-9]{1,16})$/))
    .min(1)
    .max(20),
});

const filters = z.array(fileFilterSchema).max(20).optional();

export const saveFileRequestSchema = z.strictObject({
  suggestedName: fileName,
  data: bytes,
  filters,
});
export const saveFileResponseSchema = z.discriminatedUnion('saved', [
  z.strictObject({ saved: z.literal(true), path: z.string() }),
  z.strictObject({ saved: z.literal(false) }),
]);

export const openFileRequestSchema = z.strictObject({ filters });
export const openFileResponseSchema = z
  .strictObject({ name: z.string(), data: anyBytes })
  .nullable();

/**
 * A file opened to be read by range (issue #17: a restore of gigabytes of scans never crosses IPC
 * whole). Main keeps the path behind a random token, valid only for the window that opened it.
 */
export const MAX_READ_BYTES = 16 * 1024 * 1024;
const readToken = z.uuid();
export const openForReadingResponseSchema = z
  .strictObject({ name: z.string(), size: z.int().min(0).max(Number.MAX_SAFE_INTEGER), token: readToken })
  .nullable();
export const readFileRangeRequestSchema = z.strictObject({
  token: readToken,
  offset: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
  length: z.int().min(1).max(MAX_READ_BYTES),
});
export const readFileRangeResponseSchema = anyBytes.refine((b) => b.byteLength <= MAX_READ_BYTES, {
  message: 'read too large',
});
export const closeReadRequestSchema = z.strictObject({ token: readToken });

export const printToPdfRequestSchema = z.strictObject({
  landscape: z.boolean().optional(),
  /** 'bytes': return the PDF to the renderer; 'save': ask where to save it. */
  mode: z.enum(['bytes', 'save']),
  suggestedName: fileName.optional(),
});
export const printToPdfResponseSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('bytes'), data: anyBytes }),
  z.strictObject({ kind: z.literal('saved'), path: z.string() }),
  z.strictObject({ kind: z.literal('cancelled') }),
]);

export const printRequestSchema = z.strictObject({ landscape: z.boolean().optional() });
export const printResponseSchema = z.strictObject({ printed: z.boolean() });

/** A call that carries nothing (the renderer passes no argument; anything else is refused). */
const nothing = z.void();

/** Folder for scheduled backups: the user picks it in a native dialog, main remembers it. */
export const chooseBackupFolderResponseSchema = z.discriminatedUnion('chosen', [
  z.strictObject({ chosen: z.literal(true), path: z.string() }),
  z.strictObject({ chosen: z.literal(false), reason: z.literal('cancelled') }),
]);
export const backupFolderResponseSchema = z.string().nullable();

/**
 * Scheduled backups are named 文枢备份-YYYYMMDD-HHmmss.wsbak; only such files are ever pruned.
 * The same values as renderer/platform/types.ts (a test keeps them equal); main reads them here.
 */
export const BACKUP_FILE_PREFIX = '文枢备份-';
export const BACKUP_FILE_EXTENSION = 'wsbak';

/** Largest piece of a streamed file sent in one appendWrite call. */
export const MAX_WRITE_CHUNK_BYTES = 64 * 1024 * 1024;

const chunk = anyBytes.refine((b) => b.byteLength <= MAX_WRITE_CHUNK_BYTES, {
  message: 'chunk too large',
});

/** A streamed file as main knows it: a random UUID, valid only for the window that began it. */
const writeHandle = z.uuid();

/**
 * A file written a piece at a time. 'dialog': the user chooses where; 'backupFolder': into the
 * folder chosen for scheduled backups. Either way the renderer names only the file.
 */
export const beginWriteRequestSchema = z.strictObject({
  suggestedName: fileName,
  filters,
  target: z.enum(['dialog', 'backupFolder']),
});
export const beginWriteResponseSchema = z.discriminatedUnion('started', [
  z.strictObject({ started: z.literal(true), handle: writeHandle, path: z.string() }),
  z.strictObject({ started: z.literal(false), reason: z.enum(['cancelled', 'noFolder']) }),
]);

export const appendWriteRequestSchema = z.strictObject({ handle: writeHandle, data: chunk });

export const finishWriteRequestSchema = z.strictObject({
  handle: writeHandle,
  /** Keep only the latest N scheduled backups (文枢备份-*.wsbak) in the backup folder. */
  keepLatest: z.int().min(1).max(365).optional(),
});
export const finishWriteResponseSchema = z.strictObject({
  path: z.string(),
  removed: z.array(z.string()),
});

export const abortWriteRequestSchema = z.strictObject({ handle: writeHandle });

/**
 * The audit log's head (issue #12), kept by main in a small file sealed with safeStorage: a second
 * anchor outside IndexedDB, so cutting the log's end and its head together is still noticed.
 */
export const auditHeadSchema = z.strictObject({
  seq: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export const readAuditAnchorResponseSchema = auditHeadSchema.nullable();

/**
 * A small secret (the scheduled-backup key) sealed by main with safeStorage (the OS keystore), so
 * it opens only for this OS account on this PC, never from a copy of the profile folder.
 */
export const plainSecretSchema = z.strictObject({ text: z.string().min(1).max(4096) });
export const sealedSecretSchema = z.strictObject({ sealed: z.base64().min(1).max(16384) });

/**
 * The seat's link to the office LAN server (issue #19): main pairs with it (pinning the certificate
 * whose fingerprint the person typed) and does every request to it; the renderer names only the
 * operation, never a host. A refusal by the server comes back as data (status, message, field).
 */
export const LAN_PATHS = ['/api/sign-in', '/api/sign-out', '/api/change-password', '/api/command', '/api/pull', '/api/accounts', '/api/account-admin', '/api/seats', '/api/lan-settings', '/api/office-backup/start', '/api/office-backup/page', '/api/office-backup/finish', '/api/office-backup/abort'] as const;
const lanRefusal = z.strictObject({ ok: z.literal(false), status: z.int().min(0).max(599), message: z.string().max(2000), field: z.string().max(100).optional() });
export const lanPairRequestSchema = z.strictObject({
  host: z.string().min(1).max(253).regex(/^[A-Za-z0-9.:[\]-]+$/, { message: 'not a host name or address' }),
  port: z.int().min(1).max(65535),
  fingerprint: z.string().max(200),
  code: z.string().max(40),
  name: z.string().max(60),
  /**
   * This PC's data key (base64), for main to seal under the seat's secret and leave with the server:
   * an office account new to this PC then opens its files at its first sign-in (the seat's mirror).
   */
  dataKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, { message: 'not a data key' }),
});
export const lanLinkViewSchema = z.strictObject({ host: z.string(), port: z.int(), fingerprint: z.string(), seatId: z.string(), name: z.string() });
export const lanPairResponseSchema = z.discriminatedUnion('ok', [z.strictObject({ ok: z.literal(true), link: lanLinkViewSchema }), lanRefusal]);
export const lanLinkResponseSchema = lanLinkViewSchema.nullable();
export const lanPostRequestSchema = z.strictObject({
  path: z.enum(LAN_PATHS),
  body: z.json().refine((b) => JSON.stringify(b).length <= 1 << 20, { message: 'request too large' }),
  token: z.string().regex(/^[\w-]{20,100}$/).optional(),
});
export const lanPostResponseSchema = z.discriminatedUnion('ok', [z.strictObject({ ok: z.literal(true), body: z.json() }), lanRefusal]);

export const ipcContract = {
  'file:save': {
    method: 'saveFile',
    request: saveFileRequestSchema,
    response: saveFileResponseSchema,
  },
  'file:open': {
    method: 'openFile',
    request: openFileRequestSchema,
    response: openFileResponseSchema,
  },
  'file:openForReading': {
    method: 'openFileForReading',
    request: openFileRequestSchema,
    response: openForReadingResponseSchema,
  },
  'file:read': {
    method: 'readFileRange',
    request: readFileRangeRequestSchema,
    response: readFileRangeResponseSchema,
  },
  'file:closeRead': {
    method: 'closeReadFile',
    request: closeReadRequestSchema,
    response: nothing,
  },
  'print:pdf': {
    method: 'printToPdf',
    request: printToPdfRequestSchema,
    response: printToPdfResponseSchema,
  },
  'print:dialog': {
    method: 'print',
    request: printRequestSchema,
    response: printResponseSchema,
  },
  'backup:chooseFolder': {
    method: 'chooseBackupFolder',
    request: nothing,
    response: chooseBackupFolderResponseSchema,
  },
  'backup:folder': {
    method: 'backupFolder',
    request: nothing,
    response: backupFolderResponseSchema,
  },
  'file:beginWrite': {
    method: 'beginWrite',
    request: beginWriteRequestSchema,
    response: beginWriteResponseSchema,
  },
  'file:appendWrite': {
    method: 'appendWrite',
    request: appendWriteRequestSchema,
    response: nothing,
  },
  'file:finishWrite': {
    method: 'finishWrite',
    request: finishWriteRequestSchema,
    response: finishWriteResponseSchema,
  },
  'file:abortWrite': {
    method: 'abortWrite',
    request: abortWriteRequestSchema,
    response: nothing,
  },
  'auditAnchor:read': {
    method: 'readAuditAnchor',
    request: nothing,
    response: readAuditAnchorResponseSchema,
  },
  'auditAnchor:write': {
    method: 'writeAuditAnchor',
    request: auditHeadSchema,
    response: nothing,
  },
  'secret:seal': {
    method: 'sealSecret',
    request: plainSecretSchema,
    response: sealedSecretSchema,
  },
  'secret:open': {
    method: 'openSecret',
    request: sealedSecretSchema,
    response: plainSecretSchema,
  },
  'lan:pair': {
    method: 'lanPair',
    request: lanPairRequestSchema,
    response: lanPairResponseSchema,
  },
  'lan:link': {
    method: 'lanLink',
    request: nothing,
    response: lanLinkResponseSchema,
  },
  'lan:post': {
    method: 'lanPost',
    request: lanPostRequestSchema,
    response: lanPostResponseSchema,
  },
  'lan:unpair': {
    method: 'lanUnpair',
    request: nothing,
    response: nothing,
  },
} as const;

export type IpcContract = typeof ipcContract;
export type IpcChannel = keyof IpcContract;
export type IpcRequest<C extends IpcChannel> = z.input<IpcContract[C]['request']>;
export type IpcResponse<C extends IpcChannel> = z.output<IpcContract[C]['response']>;

export const ipcChannels = Object.keys(ipcContract) as IpcChannel[];

export type FileFilter = z.infer<typeof fileFilterSchema>;
export type SaveFileRequest = IpcRequest<'file:save'>;
export type SaveFileResponse = IpcResponse<'file:save'>;
export type OpenFileRequest = IpcRequest<'file:open'>;
export type OpenFileResponse = IpcResponse<'file:open'>;
export type OpenForReadingResponse = IpcResponse<'file:openForReading'>;
export type PrintToPdfRequest = IpcRequest<'print:pdf'>;
export type PrintToPdfResponse = IpcResponse<'print:pdf'>;
export type PrintRequest = IpcRequest<'print:dialog'>;
export type PrintResponse = IpcResponse<'print:dialog'>;
export type ChooseBackupFolderResponse = IpcResponse<'backup:chooseFolder'>;
export type BeginWriteRequest = IpcRequest<'file:beginWrite'>;
export type BeginWriteResponse = IpcResponse<'file:beginWrite'>;
export type AppendWriteRequest = IpcRequest<'file:appendWrite'>;
export type FinishWriteRequest = IpcRequest<'file:finishWrite'>;
export type FinishWriteResponse = IpcResponse<'file:finishWrite'>;
export type AbortWriteRequest = IpcRequest<'file:abortWrite'>;
export type AuditAnchorHead = IpcRequest<'auditAnchor:write'>;
export type LanPairRequest = IpcRequest<'lan:pair'>;
export type LanPairResponse = IpcResponse<'lan:pair'>;
export type LanLinkView = IpcResponse<'lan:link'>;
export type LanPostRequest = IpcRequest<'lan:post'>;
export type LanPostResponse = IpcResponse<'lan:post'>;

/** The shape of window.wenshu: one method per channel, named by the contract. */
export type WenshuApi = {
  readonly [C in IpcChannel as IpcContract[C]['method']]: (
    request: IpcRequest<C>,
  ) => Promise<IpcResponse<C>>;
};

/**
 * A Uint8Array that owns exactly its bytes. Structured clone (IPC, contextBridge) copies a view's
 * whole underlying buffer, so a small view into a large or pooled buffer would carry bytes that
 * are not part of the file; such a view is copied down first.
 */
export function bytesForIpc(data: Uint8Array): Uint8Array {
  const whole = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
  return whole ? data : new Uint8Array(data); // a copy (Buffer#slice would be another view)
}

/** The name window.wenshu is exposed under. */
export const WENSHU_API_KEY = 'wenshu';
