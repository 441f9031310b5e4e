import { useLiveQuery } from '../db/live';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useDb } from '../db/DbContext';
import { currentUser, logoutAudit, needsSetup } from '../db/repositories/auth';
import { detachSeat } from '../db/lan/seat';
import { getSecuritySettings } from '../db/repositories/settings';
import { toActor, type UserView } from '../db/repositories/users';
import { SessionContext, type AuthState, type Phase } from '../ui/session';
import { useIdleTimer } from './useIdleTimer';



export function AuthProvider({ children }: { children: ReactNode }) {
  const db = useDb();
  const [phase, setPhase] = useState<Phase>('loading');
  const [user, setUser] = useState<UserView | null>(null);
  const [locked, setLocked] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // Live: a change saved in 设置 (in any window) applies at once.
  const idleLockMinutes = useLiveQuery(() => getSecuritySettings(db), [db])?.idleLockMinutes ?? 10;

  useEffect(() => {
    let live = true;
    needsSetup(db).then(
      (setup) => live && setPhase(setup ? 'setup' : 'signedOut'),
      (e: unknown) => {
        if (!live) return;
        setFailure(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
        setPhase('failed');
      },
    );
    return () => {
      live = false;
    };
  }, [db]);

  // The signed-in account as stored now: disabled (or gone) signs this window out at once, and a
  // role changed by the administrator applies without a new login.
  const stored = useLiveQuery(async () => (user ? ((await currentUser(db, user.id)) ?? false) : null), [db, user?.id]);
  const revoked = user !== null && stored === false;
  const liveUser = revoked ? null : stored && user && stored.id === user.id ? stored : user;
  const livePhase: Phase = revoked && phase === 'signedIn' ? 'signedOut' : phase;

  // The data key leaves memory on lock and sign-out; the page keeps what it shows and any unsaved
  // input (under the lock screen), but nothing more can be read from or written to the files.
  const lockNow = useCallback(() => {
    setLocked(true);
    // A LAN seat stops with the lock and its session on the server ends: unlocking signs in again.
    void detachSeat(db);
    db.keyring.lockAfter(user ? logoutAudit(db, user, '锁定') : Promise.resolve());
  }, [db, user]);

  useEffect(() => {
    if (revoked) db.keyring.lock();
  }, [db, revoked]);

  useIdleTimer(phase === 'signedIn' && !locked, idleLockMinutes * 60_000, lockNow);

  const value = useMemo<AuthState>(
    () => ({
      phase: livePhase,
      user: liveUser,
      actor: liveUser ? toActor(liveUser) : null,
      locked: locked && !revoked,
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
        // Signing out must work even if the log write fails (e.g. the account was just disabled).
        if (user) await logoutAudit(db, user, '退出').catch(() => undefined);
        // A LAN seat's loop stops and its session on the server ends.
        await detachSeat(db);
        db.keyring.lock();
        setUser(null);
        setLocked(false);
        setPhase('signedOut');
      },
      lockNow,
      refreshUser: (u) => setUser(u),
      idleLockMinutes,
      failure,
    }),
    [livePhase, liveUser, revoked, user, locked, db, lockNow, idleLockMinutes, failure],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
