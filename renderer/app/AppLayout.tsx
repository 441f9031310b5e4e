import { LockOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Space, Typography } from 'antd';
import { useLiveQuery } from '../db/live';
import { useEffect, useMemo } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useDb } from '../db/DbContext';
import { getUnitInfo } from '../db/repositories/settings';
import { AuditIntegrityBanner } from '../features/audit/AuditIntegrityBanner';
import { SeatStatusBar } from '../features/lan/SeatStatusBar';
import { useAuth, useActor } from '../ui/session';
import { useScheduledBackup } from '../features/backup/useScheduledBackup';
import { Forbidden } from '../ui/Forbidden';
import { contributionsFor, FEATURES, isVisible, navEntries } from './features';

const NAV = navEntries(FEATURES);

/** Where the last session's layout was when it closed (sign-out, another person's unlock). */
let previousSessionLeftAt: string | null = null;
let sessionIsAt = '';

export function AppLayout() {
  const db = useDb();
  const actor = useActor();
  const { signOut, lockNow } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const unit = useLiveQuery(() => getUnitInfo(db), [db]);
  useScheduledBackup(actor);
  const entries = NAV.filter((e) => isVisible(e.visible, actor));
  const contributions = useMemo(() => contributionsFor(FEATURES, actor), [actor]);
  const home = entries[0]!.path;
  const selected = entries.find((e) => location.pathname.startsWith(e.path))?.path ?? home;
  // Each sign-in starts on the person's own 工作台 (their first menu entry), not on the page the
  // previous user left in the address (the hash route survives sign-out under the login page).
  // AuthGate keys this layout by the account, so it mounts once per sign-in; an unlock by the same
  // person keeps it mounted, and their page with it. An address opened on purpose since the
  // sign-out (a link, a typed URL) is kept.
  const here = location.pathname + location.search;
  useEffect(() => {
    sessionIsAt = here;
  }, [here]);
  useEffect(() => {
    if (previousSessionLeftAt !== null && here === previousSessionLeftAt && here !== home) void navigate(home, { replace: true });
    return () => {
      previousSessionLeftAt = sessionIsAt;
    };
    // Once per sign-in: later changes of the page are the person's own moves.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <Layout style={{ minHeight: '100%' }}>
      <Layout.Sider width={200} theme="dark">
        <div style={{ color: '#fff', padding: '16px 20px', fontSize: 20, fontWeight: 600, letterSpacing: 4 }}>文枢</div>
        <nav aria-label="主导航">
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[selected]}
            items={entries.map((e) => ({ key: e.path, icon: e.icon, label: e.label }))}
            onClick={({ key }) => navigate(key)}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 24px', display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography.Text strong>{unit?.name}</Typography.Text>
          <Space>
            <SeatStatusBar />
            <Typography.Text>
              {actor.displayName}（{actor.roles.join('、')}）
            </Typography.Text>
            <Button icon={<LockOutlined />} onClick={lockNow}>
              锁定
            </Button>
            <Button onClick={() => void signOut()}>退出</Button>
          </Space>
        </Layout.Header>
        <AuditIntegrityBanner />
        <Layout.Content style={{ margin: 24 }}>
          <Routes>
            {FEATURES.flatMap((f) => f.routes ?? []).map((r) => (
              <Route key={r.path} path={r.path} element={r.element} />
            ))}
            {NAV.map((e) => (
              <Route key={e.path} path={`${e.path}/*`} element={isVisible(e.visible, actor) ? e.render(contributions) : <Forbidden />} />
            ))}
            <Route path="*" element={<Navigate to={home} replace />} />
          </Routes>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
