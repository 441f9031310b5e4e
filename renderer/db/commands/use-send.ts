import { useCallback } from 'react';
import { useDb } from '../DbContext';
import { useActor } from '../../ui/session';
import { send, type CommandInput, type CommandName, type CommandOutput } from './client';

/** send(name, input) bound to this window's database and the signed-in user (for features). */
export function useSend(): <K extends CommandName>(name: K, input: CommandInput<K>) => Promise<CommandOutput<K>> {
  const db = useDb();
  const actor = useActor();
  return useCallback(<K extends CommandName>(name: K, input: CommandInput<K>) => send(db, actor, name, input), [db, actor]);
}
