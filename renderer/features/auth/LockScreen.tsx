import { Button, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useAuth } from '../../ui/session';
import { LoginForm } from './LoginForm';
import { PlainCard } from '../../ui/PlainCard';

/** Covers the app after idle time; signing in again as the same user returns to exactly where they were. */
export function LockScreen() {
  const { user, unlock, signOut } = useAuth();
  const overlay = useRef<HTMLDivElement>(null);
  // Dialogs and popups live outside the app's container (portals into <body>): make everything
  // but the lock screen inert, or an open dialog's focus trap would steal the password field.
  useEffect(() => {
    const others = [...document.body.children].filter((el): el is HTMLElement => el instanceof HTMLElement && el !== overlay.current && !el.inert);
    for (const el of others) {
      el.inert = true;
      el.setAttribute('aria-hidden', 'true');
    }
    return () => {
      for (const el of others) {
        el.inert = false;
        el.removeAttribute('aria-hidden');
      }
    };
  }, []);
  return createPortal(
    <div ref={overlay} className="ws-lock-overlay" role="dialog" aria-modal="true" aria-label="已锁定">
      <PlainCard style={{ width: 400 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          已锁定
        </Typography.Title>
        <Typography.Paragraph type="secondary">系统已锁定。请重新登录，未保存的内容会保留。</Typography.Paragraph>
        <LoginForm initialUsername={user?.username ?? ''} onSuccess={unlock} />
        <Button type="link" block style={{ marginTop: 8 }} onClick={() => void signOut()}>
          退出并切换用户（未保存的内容将丢失）
        </Button>
      </PlainCard>
    </div>,
    document.body,
  );
}
