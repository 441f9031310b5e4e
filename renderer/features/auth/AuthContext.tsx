import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useDb } from '../../app/DbContext';
import { logoutAudit, needsSetup } from '../../db/repositories/auth';
import { getSecuritySettings } from '../../db/repositories/settings';
import { toActor, type UserView } from '../../db/repositories/users';
import type { Actor } from '../../db/types';
import { useIdleTimer } from './useIdleTimer';

type Phase = 'loading' | 'setup' | 'signedOut' | 'signedIn';

interface AuthState {
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
  setIdleLockMinutes(m: number): void;
}

const Ctx = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const db = useDb();
  const [phase, setPhase] = useState<Phase>('loading');
  const [user, setUser] = useState<UserView | null>(null);
  const [locked, setLocked] = useState(false);
  const [idleLockMinutes, setIdleLockMinutes] = useState(10);

  useEffect(() => {
    let live = true;
    void (async () => {
      const [setup, security] = await Promise.all([needsSetup(db), getSecuritySettings(db)]);
      if (!live) return;
      setIdleLockMinutes(security.idleLockMinutes);
      setPhase(setup ? 'setup' : 'signedOut');
    })();
    return () => {
      live = false;
    };
  }, [db]);

  const lockNow = useCallback(() => {
    setLocked(true);
    if (user) void logoutAudit(db, user, '锁定');
  }, [db, user]);

  useIdleTimer(phase === 'signedIn' && !locked, idleLockMinutes * 60_000, lockNow);

  const value = useMemo<AuthState>(
    () => ({
      phase,
      user,
      actor: user ? toActor(user) : null,
      locked,
      setupDone: () => setPhase('signedOut'),
      signIn: (u) => {
        setUser(u);
        setLocked(false);
        setPhase('signedIn');
      },
      unlock: (u) => {
        if (user && u.id !== user.id) {
          // A different person: the previous session (and its unsaved input) must not be shown.
          setUser(null);
          setPhase('signedOut');
          queueMicrotask(() => {
            setUser(u);
            setPhase('signedIn');
          });
        } else setUser(u);
        setLocked(false);
      },
      signOut: async () => {
        if (user) await logoutAudit(db, user, '退出');
        setUser(null);
        setLocked(false);
        setPhase('signedOut');
      },
      lockNow,
      refreshUser: (u) => setUser(u),
      idleLockMinutes,
      setIdleLockMinutes,
    }),
    [phase, user, locked, db, lockNow, idleLockMinutes],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAuth(): AuthState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** The signed-in actor; only for components rendered inside the signed-in layout. */
export function useActor(): Actor {
  const { actor } = useAuth();
  if (!actor) throw new Error('useActor without a signed-in user');
  return actor;
}
