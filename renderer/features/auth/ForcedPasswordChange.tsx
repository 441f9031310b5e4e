import { Alert, Button, Card, Typography } from 'antd';
import { isPolicyChangeReason } from '@shared/domain/password-policy';
import { ChangePasswordForm } from './ChangePasswordForm';
import { useAuth } from '../../ui/session';

/**
 * After an administrator sets or resets a password, its owner must replace it before working;
 * so must the owner of a password that today's policy refuses or that has expired (the reason).
 */
export function ForcedPasswordChange() {
  const { signOut, user } = useAuth();
  // Weak or expired by the policy; other reasons (reset, one-time password) keep the first-login text.
  const reason = isPolicyChangeReason(user?.mustChangeReason) ? user?.mustChangeReason : undefined;
  return (
    <div className="ws-center-page">
      <Card style={{ width: 460 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {reason ? '请修改密码' : '请修改初始密码'}
        </Typography.Title>
        {reason ? (
          <Alert type="warning" showIcon title={`${reason}，须修改后才能继续使用。`} style={{ marginBottom: 16 }} />
        ) : (
          <Typography.Paragraph type="secondary">初始密码由他人发放，须改为只有您知道的密码，之后才能查看记录。</Typography.Paragraph>
        )}
        <ChangePasswordForm />
        <Button type="link" onClick={() => void signOut()} style={{ paddingLeft: 0, marginTop: 8 }}>
          退出
        </Button>
      </Card>
    </div>
  );
}
