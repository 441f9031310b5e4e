import { Button, Card, Typography } from 'antd';
import { createPortal } from 'react-dom';
import { useAuth } from './AuthContext';
import { LoginForm } from './LoginForm';

/** Covers the app after idle time; signing in again as the same user returns to exactly where they were. */
export function LockScreen() {
  const { user, unlock, signOut } = useAuth();
  return createPortal(
    <div className="ws-lock-overlay" role="dialog" aria-modal="true" aria-label="已锁定">
      <Card style={{ width: 400 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          已锁定
        </Typography.Title>
        <Typography.Paragraph type="secondary">系统已锁定。请重新登录，未保存的内容会保留。</Typography.Paragraph>
        <LoginForm initialUsername={user?.username ?? ''} onSuccess={unlock} />
        <Button type="link" block style={{ marginTop: 8 }} onClick={() => void signOut()}>
          退出并切换用户（未保存的内容将丢失）
        </Button>
      </Card>
    </div>,
    document.body,
  );
}
