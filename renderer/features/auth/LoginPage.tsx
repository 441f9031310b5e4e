import { Alert, Typography } from 'antd';
import { useLiveQuery } from '../../db/live';
import { useEffect, useState } from 'react';
import { warmUpPasswordHashing } from '../../db/password-hash';
import { useDb } from '../../db/DbContext';
import { getUnitInfo } from '../../db/repositories/settings';
import { useAuth } from '../../ui/session';
import { whenIdle } from '../../ui/idle';
import { LoginForm } from './LoginForm';
import { PlainCard } from '../../ui/PlainCard';
import { forgetNoteAfterReload, noteAfterReload } from '../../ui/after-reload';

export function LoginPage() {
  const db = useDb();
  const { signIn } = useAuth();
  const unit = useLiveQuery(() => getUnitInfo(db), [db]);
  // After the page is up: argon2id takes the main thread for ~60 ms (more on a busy machine), and
  // the login page must show first (the first login computes it anyway if it has not run yet).
  useEffect(() => whenIdle(warmUpPasswordHashing), []);
  // What a restore did, said here after the reload it ended with, until someone signs in.
  const [note] = useState(noteAfterReload);
  return (
    <div className="ws-center-page">
      <PlainCard style={{ width: 400 }}>
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
      </PlainCard>
    </div>
  );
}
