import { Button, Card, Typography } from 'antd';
import { ChangePasswordForm } from './ChangePasswordForm';
import { useAuth } from './AuthContext';

/** After an administrator sets or resets a password, its owner must replace it before working. */
export function ForcedPasswordChange() {
  const { signOut } = useAuth();
  return (
    <div className="ws-center-page">
      <Card style={{ width: 460 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          请修改初始密码
        </Typography.Title>
        <Typography.Paragraph type="secondary">密码由系统管理员设置，首次登录须改为只有您知道的密码。</Typography.Paragraph>
        <ChangePasswordForm />
        <Button type="link" onClick={() => void signOut()} style={{ paddingLeft: 0, marginTop: 8 }}>
          退出
        </Button>
      </Card>
    </div>
  );
}
