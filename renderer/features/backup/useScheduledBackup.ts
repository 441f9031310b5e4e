import { useEffect } from 'react';
import { useDb } from '../../db/DbContext';
import type { Actor } from '../../db/types';
import { usePlatform } from '../../platform/context';
import { removeRestoreLeftovers } from '../../db/backup/restore';
import { scheduledBackupIfDue } from './backup-runner';

/** How often the signed-in app checks whether the scheduled backup is due. */
const CHECK_EVERY_MS = 30 * 60 * 1000;

/**
 * Runs the scheduled backup while someone is signed in: shortly after sign-in, then every half
 * hour, whenever the interval has passed since the last success. Failures are recorded (设置 and
 * 工作台 show them); they never interrupt the user.
 */
export function useScheduledBackup(actor: Actor): void {
  const db = useDb();
  const platform = usePlatform();
  useEffect(() => {
    // The repository re-reads the account by id when the timer fires.
    const run = () => void scheduledBackupIfDue(db, actor, platform).catch(() => undefined);
    // A restore that crashed leaves a decrypted scratch copy behind: removed first.
    void removeRestoreLeftovers(db).catch(() => undefined);
    const first = setTimeout(run, 20_000);
    const every = setInterval(run, CHECK_EVERY_MS);
    return () => {
      clearTimeout(first);
      clearInterval(every);
    };
    // Restarted per account, not per render (the actor object is rebuilt on every render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, platform, actor.id]);
}
