import { App, Result, Spin } from 'antd';
import { useEffect } from 'react';
import { useLiveQuery } from '../db/live';
import { useDb } from '../db/DbContext';
import { atRestState } from '../db/at-rest/session';
import { AppLayout } from './AppLayout';
import { useAuth } from '../ui/session';
import { ForcedPasswordChange } from '../features/auth/ForcedPasswordChange';
import { LockScreen } from '../features/auth/LockScreen';
import { LoginPage } from '../features/auth/LoginPage';
import { SealingScreen } from '../features/auth/SealingScreen';
import { SetupPage } from '../features/auth/SetupPage';


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
    return (
      <Result
        status="error"
        title="无法打开本机数据库"
        subTitle={`请关闭其他正在运行的文枢窗口后重新启动；若仍不能打开，请联系系统管理员（可能是数据由更新版本的文枢写入，或磁盘空间不足）。技术信息：${failure ?? ''}`}
      />
    );
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
