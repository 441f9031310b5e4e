import { App, Spin } from 'antd';
import { useEffect } from 'react';
import { useLiveQuery } from '../db/live';
import { useDb } from '../db/DbContext';
import { atRestState } from '../db/at-rest/session';
import { useAuth } from '../ui/session';
import { lazyPage } from '../ui/lazy-page';
import { whenIdle } from '../ui/idle';
import { LockScreen } from '../features/auth/LockScreen';
import { LoginPage } from '../features/auth/LoginPage';

// The login page is all the shell loads at start (issue #18: shell JS measured by npm run bench);
// the app behind it, and the screens of a first run, a forced password change or the sealing of
// an older database, come in their own chunks.
const AppLayout = lazyPage(() => import('./AppLayout').then((m) => m.AppLayout));
const ForcedPasswordChange = lazyPage(() => import('../features/auth/ForcedPasswordChange').then((m) => m.ForcedPasswordChange));
const SealingScreen = lazyPage(() => import('../features/auth/SealingScreen').then((m) => m.SealingScreen));
const OpenFailed = lazyPage(() => import('./OpenFailed').then((m) => m.OpenFailed));
const SetupPage = lazyPage(() => import('../features/auth/SetupPage').then((m) => m.SetupPage));

/**
 * Loads the app's code while the person signs in: at their first key or click on the login page,
 * or once the page has been idle for 2 s, so signing in shows 工作台 at once and the login page
 * itself never shares the machine with it (its figure in npm run bench is the shell's alone).
 */
function usePreloadApp(when: boolean): void {
  useEffect(() => {
    if (!when) return;
    const cancels: (() => void)[] = [];
    const cancel = () => cancels.splice(0).forEach((c) => c());
    const start = () => {
      cancel();
      // A failed load is shown (and tried again) when the app is needed.
      void AppLayout.preload().catch(() => undefined);
    };
    for (const type of ['keydown', 'pointerdown'] as const) {
      window.addEventListener(type, start, true);
      cancels.push(() => window.removeEventListener(type, start, true));
    }
    const t = setTimeout(() => cancels.push(whenIdle(start)), 2000);
    cancels.push(() => clearTimeout(t));
    return cancel;
  }, [when]);
}

/** Which screen the app is on: first-run setup, login, a forced password change, or the app itself. */
export function AuthGate() {
  const { phase, user, locked, failure } = useAuth();
  const db = useDb();
  // Read only once signed in (the state row is sealed); 'migrating' until every row is encrypted.
  const sealing = useLiveQuery(async () => (phase === 'signedIn' && user ? (await atRestState(db))?.state === 'migrating' : false), [db, phase, user?.id], null);
  // Notices of one session ("已登记 收〔2026〕0003") must not stay on screen for whoever signs in
  // next, nor show above the lock screen. (A sign-out keeps them: the person who just acted, e.g.
  // a restore that signs everyone out, still reads the result.)
  const { message, notification } = App.useApp();
  const signedInId = phase === 'signedIn' ? user?.id : undefined;
  usePreloadApp(phase === 'signedOut');
  useEffect(() => {
    if (!signedInId && !locked) return;
    message.destroy();
    notification.destroy();
  }, [message, notification, signedInId, locked]);
  if (phase === 'loading') {
    return (
      <div className="ws-center-page">
        <Spin description="正在打开数据库…" />
      </div>
    );
  }
  if (phase === 'failed') {
    return <OpenFailed failure={failure} />;
  }
  if (phase === 'setup') return <SetupPage />;
  if (phase === 'signedOut' || !user) return <LoginPage />;
  if (sealing === null) return <div className="ws-center-page"><Spin description="正在打开…" /></div>;
  if (sealing && !locked) return <SealingScreen />;
  if (user.mustChangePassword) {
    return (
      <>
        <div inert={locked} aria-hidden={locked || undefined} style={{ height: '100%' }}>
          <ForcedPasswordChange />
        </div>
        {locked && <LockScreen />}
      </>
    );
  }
  return (
    <>
      {/* inert + aria-hidden: nothing under the lock screen can be read or reached, yet it stays mounted. */}
      <div inert={locked} aria-hidden={locked || undefined} style={{ height: '100%' }}>
        <AppLayout key={user.id} />
      </div>
      {locked && <LockScreen />}
    </>
  );
}
