import { Card, Typography } from 'antd';
import { useLiveQuery } from '../../db/live';
import { useEffect } from 'react';
import { warmUpPasswordHashing } from '../../db/password-hash';
import { useDb } from '../../db/DbContext';
import { getUnitInfo } from '../../db/repositories/settings';
import { useAuth } from '../../ui/session';
import { LoginForm } from './LoginForm';

export function LoginPage() {
  const db = useDb();
  const { signIn } = useAuth();
  const unit = useLiveQuery(() => getUnitInfo(db), [db]);
  useEffect(() => warmUpPasswordHashing(), []);
  return (
    <div className="ws-center-page">
      <Card style={{ width: 400 }}>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
          文枢
        </Typography.Title>
        <Typography.Paragraph type="secondary">{unit?.name ?? ' '}</Typography.Paragraph>
        <LoginForm onSuccess={signIn} />
      </Card>
    </div>
  );
}
