import { createContext, useContext } from 'react';
import type { UserView } from '../db/repositories/users';
import type { Actor } from '../db/types';

// The signed-in session as every screen reads it. The provider (sign-in, lock, idle timer) is the
// app shell's (app/AuthProvider.tsx); features and kits only read it, so they never import app/.

export type Phase = 'loading' | 'setup' | 'signedOut' | 'signedIn' | 'failed';

export interface AuthState {
  phase: Phase;
  user: UserView | null;
  actor: Actor | null;
  /** Idle-locked: the app stays mounted under the lock screen, so unsaved input survives. */
  locked: boolean;
  setupDone(): void;
  signIn(user: UserView): void;
  /** Unlock by the same user; another user signing in starts a fresh session. */
  unlock(user: UserView): void;
  signOut(): Promise<void>;
  lockNow(): void;
  refreshUser(user: UserView): void;
  idleLockMinutes: number;
  /** Why the database could not be opened (phase 'failed'). */
  failure: string | null;
}

export const SessionContext = createContext<AuthState | null>(null);

export function useAuth(): AuthState {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** The signed-in actor; only for components rendered inside the signed-in layout. */
export function useActor(): Actor {
  const { actor } = useAuth();
  if (!actor) throw new Error('useActor without a signed-in user');
  return actor;
}
