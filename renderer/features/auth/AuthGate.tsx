import { Spin } from 'antd';
import { AppLayout } from '../../ui/AppLayout';
import { useAuth } from './AuthContext';
import { ForcedPasswordChange } from './ForcedPasswordChange';
import { LockScreen } from './LockScreen';
import { LoginPage } from './LoginPage';
import { SetupPage } from './SetupPage';

/** Which screen the app is on: first-run setup, login, a forced password change, or the app itself. */
export function AuthGate() {
  const { phase, user, locked } = useAuth();
  if (phase === 'loading') {
    return (
      <div className="ws-center-page">
        <Spin description="正在打开数据库…" />
      </div>
    );
  }
  if (phase === 'setup') return <SetupPage />;
  if (phase === 'signedOut' || !user) return <LoginPage />;
  if (user.mustChangePassword) return <ForcedPasswordChange />;
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
