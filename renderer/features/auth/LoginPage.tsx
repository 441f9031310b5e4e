import { Alert, Card, Typography } from 'antd';
import { useLiveQuery } from '../../db/live';
import { useEffect, useState } from 'react';
import { warmUpPasswordHashing } from '../../db/password-hash';
import { useDb } from '../../db/DbContext';
import { getUnitInfo } from '../../db/repositories/settings';
import { useAuth } from '../../ui/session';
import { LoginForm } from './LoginForm';
import { forgetNoteAfterReload, noteAfterReload } from '../../ui/after-reload';

export function LoginPage() {
  const db = useDb();
  const { signIn } = useAuth();
  const unit = useLiveQuery(() => getUnitInfo(db), [db]);
  useEffect(() => warmUpPasswordHashing(), []);
  // What a restore did, said here after the reload it ended with, until someone signs in.
  const [note] = useState(noteAfterReload);
  return (
    <div className="ws-center-page">
      <Card style={{ width: 400 }}>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
          文枢
        </Typography.Title>
        <Typography.Paragraph type="secondary">{unit?.name ?? ' '}</Typography.Paragraph>
        {note && <Alert type="success" showIcon role="status" title={note} style={{ marginBottom: 16 }} />}
        <LoginForm
          onSuccess={(session) => {
            forgetNoteAfterReload();
            signIn(session);
          }}
        />
      </Card>
    </div>
  );
}
