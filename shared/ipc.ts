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
export type PrintToPdfRequest = IpcRequest<'print:pdf'>;
export type PrintToPdfResponse = IpcResponse<'print:pdf'>;
export type PrintRequest = IpcRequest<'print:dialog'>;
export type PrintResponse = IpcResponse<'print:dialog'>;

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
