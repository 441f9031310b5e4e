import { useCallback } from 'react';
import { useDb } from '../DbContext';
import { useActor } from '../../ui/session';
import { send, type CommandInput, type CommandName, type CommandOutput } from './client';
import type { CommandJob } from './define';

/** send(name, input) bound to this window's database and the signed-in user (for features); `job`: progress and cancel of a long command. */
export function useSend(): <K extends CommandName>(name: K, input: CommandInput<K>, job?: CommandJob) => Promise<CommandOutput<K>> {
  const db = useDb();
  const actor = useActor();
  return useCallback(<K extends CommandName>(name: K, input: CommandInput<K>, job?: CommandJob) => send(db, actor, name, input, new Date(), job), [db, actor]);
}
