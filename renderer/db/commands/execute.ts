import Dexie, { type Table } from 'dexie';
import { RuleError } from '@shared/domain/rule-error';
import { authorize } from '../authorize';
import type { WenshuDB } from '../database';
import { newId } from '../ids';
import type { Actor } from '../types';
import { writeWithAudit } from '../write';
import { firstZodProblem } from '@shared/domain/zod-problem';
import { markCommandTransaction } from './change-log';
import { sealAhead } from './seal-ahead';
import { commandNamed, type AnyCommand, type Command, type CommandContext, type CommandJob, type WritableTable } from './define';

// The command pipeline (issue #13). Every write to the office's data is a named command declared
// once with defineCommand() (its zod input, the permission it needs, the tables it writes, its
// handler). execute():
//   1. authorizes: the actor is re-read from the database (authorize.ts), the permission checked;
//   2. validates the input with the command's zod schema (the first issue becomes
//      RuleError.at(field, message));
//   3. runs the command's prepare() (reads outside the transaction), then opens ONE rw
//      transaction over the declared tables (+ moreTables, the registry's) + the audit scope +
//      changeLog, through writeWithAudit (db/write.ts), so the audit head is checked first and a
//      change reporting no audit entry is refused;
//   4. runs the handler, which writes through the typed writer of its context; the change-log
//      middleware (change-log.ts) adds one changeLog row per written row in that transaction;
//   5. returns the handler's result. An error anywhere rolls back record, audit entry and
//      change-log rows together; errors stay RuleError / PermissionError.
// Restore (backup/restore.ts) replaces the whole database and stays a system operation outside
// the pipeline, as do schema upgrades and the at-rest sealing migration.

/** Runs one command through the pipeline (typed: wrappers and the client call this). */
export async function runCommand<I, T extends WritableTable, P, R>(
  db: WenshuDB,
  actor: Actor,
  command: Command<string, I, T, P, R>,
  input: I,
  now: Date = new Date(),
  job: CommandJob = {},
): Promise<R> {
  const caller = command.permission === 'signed-out' ? actor : await authorize(db, actor, command.permission);
  const parsed = command.input.safeParse(input);
  if (!parsed.success) throw firstZodProblem(parsed.error);
  const data = parsed.data;
  const prepared = (command.prepare ? await command.prepare(db, caller, data, now) : undefined) as P;
  const who = command.permission === 'signed-out' && command.actAs ? command.actAs(prepared) : caller;
  const names = new Set<string>([...command.tables, ...(command.moreTables?.(data, prepared) ?? [])]);
  const tables = [...names].map((t) => db.table(t) as Table);
  const commandId = newId();
  // A database opened at an older version (migration tests build them) has no change log yet.
  const logged = db.tables.some((t) => t.name === 'changeLog');
  return writeWithAudit(
    db,
    who,
    logged ? [...tables, db.changeLog] : tables,
    async (audit, flushAudit) => {
      if (logged) markCommandTransaction(Dexie.currentTransaction!.idbtrans, { commandId, command: command.name, time: now.toISOString(), actorId: who.id });
      // The writer's types come from the declared tables; underneath it is Dexie's untyped table.
      const table = (t: string) => db.table(t) as Table<unknown, never>;
      const ctx: CommandContext<T> = {
        db,
        actor: who,
        now,
        commandId,
        audit,
        flushAudit,
        job,
        put: (t, row) => table(t).put(row as never) as Promise<never>,
        add: (t, row) => table(t).add(row as never) as Promise<never>,
        update: (t, key, changes) => table(t).update(key as never, changes as never),
        delete: (t, key) => table(t).delete(key as never),
        bulkAdd: async (t, rows) => {
          // Sealed with WebCrypto first, the change-log rows with them (issue #18: a bulk import).
          await sealAhead(db, t, rows);
          await table(t).bulkAdd(rows as never[]);
        },
      };
      return command.run(ctx, data, prepared);
    },
    now,
    { pendingIfRefused: !!command.pendingIfRefused },
  );
}

/** A command as data: its name and input. */
export interface CommandCall {
  name: string;
  input: unknown;
}

/** Runs the command named in `call` (its module must be loaded; commands/client.ts loads them all). */
export async function execute(db: WenshuDB, actor: Actor, call: CommandCall, now: Date = new Date()): Promise<unknown> {
  const command: AnyCommand | undefined = commandNamed(call.name);
  if (!command) throw new RuleError(`未知的操作：${call.name}`);
  return runCommand(db, actor, command, call.input as never, now);
}
