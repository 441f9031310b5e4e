import { RuleError } from '@shared/domain/rule-error';
import type { WenshuDB } from '../database';
import type { Actor } from '../types';
import * as accountRequests from '../repositories/account-requests';
import * as attachments from '../repositories/attachments';
import * as auditLog from '../repositories/audit-log';
import * as auth from '../repositories/auth';
import * as calendar from '../repositories/calendar';
import * as filing from '../repositories/filing';
import * as filingPackage from '../repositories/filing-package';
import * as carriers from '../repositories/carriers';
import * as incoming from '../repositories/incoming';
import * as lan from '../repositories/lan';
import * as meetings from '../repositories/meetings';
import * as outgoing from '../repositories/outgoing';
import * as output from '../repositories/output';
import * as phrases from '../repositories/phrases';
import * as settings from '../repositories/settings';
import * as slipLayout from '../repositories/slip-layout';
import * as transfer from '../repositories/transfer';
import * as supervision from '../repositories/supervision';
import * as users from '../repositories/users';
import * as backup from '../backup/backup';
import * as backupSettings from '../backup/backup-settings';
import type { AnyCommand, Command, CommandJob } from './define';
import { runCommand } from './execute';
import { refuseOnSeatPc, savesOfficeSetting, seatOf, writesSyncedRegister } from '../lan/seat';

// The typed client (issue #13): ONE map of every command, by name, and send(name, input) typed
// from it (the shape of Actual Budget's send(name, args) over its handler map). The map is built
// from the modules that declare commands: every exported defineCommand() value of each module is
// in it. Adding a module is one line in MODULES (and its import).

const MODULES = [incoming, outgoing, settings, slipLayout, users, auth, accountRequests, calendar, auditLog, backup, backupSettings, carriers, meetings, supervision, output, phrases, filing, filingPackage, transfer, attachments, lan] as const;

// Distributed over the modules (keyof a union would keep only the names they share).
type ModuleCommands<M> = M extends unknown ? { [K in keyof M]: M[K] extends AnyCommand ? M[K] : never }[keyof M] : never;
type AllCommands = ModuleCommands<(typeof MODULES)[number]>;

/** Every command, by its name. */
export type CommandMap = { [C in AllCommands as C['name']]: C };
export type CommandName = keyof CommandMap;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CommandInput<K extends CommandName> = CommandMap[K] extends Command<string, infer I, any, any, any> ? I : never;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CommandOutput<K extends CommandName> = CommandMap[K] extends Command<string, any, any, any, infer R> ? R : never;

function isCommand(v: unknown): v is AnyCommand {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'command';
}

function buildMap(): CommandMap {
  const map = new Map<string, AnyCommand>();
  for (const m of MODULES) {
    for (const v of Object.values(m)) {
      if (!isCommand(v)) continue;
      const seen = map.get(v.name);
      // Two modules declaring one name would make send() run whichever loaded last.
      if (seen && seen !== v) throw new Error(`内部错误：命令名 ${v.name} 重复`);
      map.set(v.name, v);
    }
  }
  return Object.fromEntries(map) as CommandMap;
}

export const COMMANDS: CommandMap = buildMap();

/** Runs the command `name` with `input` as `actor` (authorized, validated, audited, change-logged). */
export function send<K extends CommandName>(db: WenshuDB, actor: Actor, name: K, input: CommandInput<K>, now: Date = new Date(), job: CommandJob = {}): Promise<CommandOutput<K>> {
  const command = COMMANDS[name] as unknown as AnyCommand | undefined;
  // Reached only from untyped callers (the console): the types refuse an unknown name.
  if (!command) return Promise.reject(new RuleError(`未知的操作：${String(name)}`));
  // A seat of the office LAN: the server takes the commands of the registers it keeps (db/lan/seat.ts).
  const seat = seatOf(db);
  if (seat?.takes(name, input)) return seat.send(actor, name, input, now) as Promise<CommandOutput<K>>;
  if (!seat && (writesSyncedRegister(name) || savesOfficeSetting(name, input))) return refuseOnSeatPc(db).then(() => runCommand(db, actor, command, input as never, now, job) as Promise<CommandOutput<K>>);
  return runCommand(db, actor, command, input as never, now, job) as Promise<CommandOutput<K>>;
}
