import { Result, Spin } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useDb } from '../../app/DbContext';
import { atRestState } from '../../db/at-rest/session';
import { AppLayout } from '../../ui/AppLayout';
import { useAuth } from './AuthContext';
import { ForcedPasswordChange } from './ForcedPasswordChange';
import { LockScreen } from './LockScreen';
import { LoginPage } from './LoginPage';
import { SealingScreen } from './SealingScreen';
import { SetupPage } from './SetupPage';

// The sealing screen's end shows through the live state row, so it has nothing to call.
const noop = () => undefined;

/** Which screen the app is on: first-run setup, login, a forced password change, or the app itself. */
export function AuthGate() {
  const { phase, user, locked, failure } = useAuth();
  const db = useDb();
  // Read only once signed in (the state row is sealed); 'migrating' until every row is encrypted.
  const sealing = useLiveQuery(async () => (phase === 'signedIn' && user ? (await atRestState(db))?.state === 'migrating' : false), [db, phase, user?.id], null);
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
  if (sealing && !locked) return <SealingScreen onDone={noop} />;
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
