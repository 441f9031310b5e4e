import type { Table, UpdateSpec } from 'dexie';
import type { ZodType } from 'zod';
import type { Permission } from '@shared/domain/permissions';
import type { AuditSink } from '../write';
import type { WenshuDB } from '../database';
import type { Actor } from '../types';

/** Every table of the database, by name. */
export type TableName = { [K in keyof WenshuDB]-?: WenshuDB[K] extends Table<never, never> ? never : WenshuDB[K] extends Table ? K : never }[keyof WenshuDB];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RowOf<K extends TableName> = WenshuDB[K] extends Table<infer R, any, any> ? R : never;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type KeyOf<K extends TableName> = WenshuDB[K] extends Table<any, infer Key, any> ? Key : never;

/** Tables a command may declare: the audit machinery and the change log are the pipeline's own. */
export type WritableTable = Exclude<TableName, 'auditLog' | 'auditAnchor' | 'pendingAudit' | 'auditSegments' | 'changeLog'>;

/**
 * The writer a handler gets: its table parameter is typed from the command's declared tables,
 * so writing a table the command did not declare does not compile.
 */
export interface CommandWriter<T extends WritableTable> {
  put<K extends T>(table: K, row: RowOf<K>): Promise<KeyOf<K>>;
  add<K extends T>(table: K, row: RowOf<K>): Promise<KeyOf<K>>;
  update<K extends T>(table: K, key: KeyOf<K>, changes: UpdateSpec<RowOf<K>>): Promise<number>;
  /** Only for tables that are not registers (the change log refuses a register's delete). */
  delete<K extends T>(table: K, key: KeyOf<K>): Promise<void>;
  /** Many rows in one request (a bulk import): the change log gets one row per row, as for add. */
  bulkAdd<K extends T>(table: K, rows: readonly RowOf<K>[]): Promise<void>;
}

export const CANCELLED_MESSAGE = '已取消，数据未作任何改动';

/** A long command stopped by its screen (CommandJob.signal): thrown inside its transaction, so nothing it wrote stays. */
export class CommandCancelledError extends Error {
  override readonly name = 'CommandCancelledError';
  constructor() {
    super(CANCELLED_MESSAGE);
  }
}

/**
 * A long command's link to the screen that started it (an import of 100,000 rows): it reports
 * how far it is and stops when asked. Cancelling throws CommandCancelledError inside the
 * transaction, so everything the command wrote is rolled back with it.
 */
export interface CommandJob {
  signal?: AbortSignal;
  /** Called synchronously (inside the transaction: it must not start async work of its own). */
  progress?: (done: number, total: number) => void;
}

export interface CommandContext<T extends WritableTable> extends CommandWriter<T> {
  /** For reads (any table in the transaction's scope); writes go through the writer. */
  db: WenshuDB;
  /** The actor as re-read by authorize() (its real name goes to the audit log). */
  actor: Actor;
  now: Date;
  commandId: string;
  /** Reports an audit entry; a command that reports none is refused and rolled back. */
  audit: AuditSink;
  /**
   * Appends the entries reported so far to the audit log now, in this transaction (a bulk
   * command writes its 100,000 entries in batches, beside the rows they describe, rather than in
   * one request at the end).
   */
  flushAudit: () => Promise<void>;
  /** Progress and cancel of a long command (an empty object when no screen follows it). */
  job: CommandJob;
}

/**
 * Who may run a command: a permission, null (any active account; the domain rule decides), or
 * 'signed-out' for setup and sign-in, where there is no account yet to re-read (the handler
 * checks the credentials itself).
 */
export type CommandPermission = Permission | null | 'signed-out';

export interface CommandSpec<N extends string, I, T extends WritableTable, P, R> {
  name: N;
  /** The input's zod schema: a failure is a RuleError on the first issue's field. */
  input: ZodType<I>;
  permission: CommandPermission;
  /** The tables the handler writes (and reads inside the transaction). */
  tables: readonly T[];
  /**
   * Tables the handler reaches through the registry (renderer/db/registers.ts: registerTable,
   * putRegisterRow), known only at run time: which registers exist is data (a test adds one), so
   * they are named from the input and what prepare() found, and written through the registry's
   * untyped helpers rather than the typed writer. The change log records them like any other.
   */
  moreTables?: (input: I, prepared: P) => readonly string[];
  /**
   * Reads and checks before the transaction (settings, the work calendar, slow hashing): what it
   * returns is given to run(). Optional.
   */
  prepare?: (db: WenshuDB, actor: Actor, input: I, now: Date) => Promise<P>;
  run: (ctx: CommandContext<T>, input: I, prepared: P) => Promise<R>;
  /**
   * Sign-in, sign-out, the idle lock, a verification: allowed while the audit log refuses appends;
   * their entries wait in pendingAudit (see db/write.ts).
   */
  pendingIfRefused?: boolean;
  /**
   * 'signed-out' commands only: who the command acts as (in the audit log and the change log),
   * known once prepare() has checked the credentials — sign-in: the account whose password was
   * verified; setup: the first administrator. Without it, the actor given to runCommand.
   */
  actAs?: (prepared: P) => Actor;
}

export interface Command<N extends string = string, I = never, T extends WritableTable = WritableTable, P = unknown, R = unknown> extends CommandSpec<N, I, T, P, R> {
  readonly kind: 'command';
}

/** Any command, whatever its types (for maps and lookups). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommand = Command<string, any, any, any, any>;

const registry = new Map<string, AnyCommand>();

/** Declares a command once: its name, input schema, permission, tables and handler. */
export function defineCommand<N extends string, I, T extends WritableTable, P = undefined, R = void>(spec: CommandSpec<N, I, T, P, R>): Command<N, I, T, P, R> {
  const command: Command<N, I, T, P, R> = { ...spec, kind: 'command' };
  registry.set(spec.name, command as AnyCommand);
  return command;
}

/** The command of that name, if its module has been loaded. */
export function commandNamed(name: string): AnyCommand | undefined {
  return registry.get(name);
}
