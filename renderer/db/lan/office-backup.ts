import { checkPassphrase, checksum, deriveKey, encodeFrame, encodeHeader, encodeTrailer, newFileId, newKdfParams, OFFICE_BACKUP_FILE } from '@shared/backup-format';
import type { JobProgress } from '@shared/domain/job-progress';
import { OFFICE_TABLES, type OfficeBackupFrame, type OfficeBackupManifest, type OfficeBackupStart } from '@shared/domain/lan-protocol';
import { RuleError } from '@shared/domain/rule-error';
import type { LanPostResponse } from '../../platform/types';
import type { BackupSink } from '../backup/backup';

// The whole office's encrypted backup, written on a 系统管理员's seat (issue #19). The server keeps
// one snapshot open for it (electron/server/office-backup.ts) and hands its tables over a page at a
// time; each page is sealed here into the same container as this PC's own backups (its own magic,
// so neither opens as the other), under a passphrase the server never sees. 取消 ends the
// server's session and the caller drops the half-written file.

/** What the seat sends: an id, a table, the last key sent. */
export type OfficeBackupBody = Record<string, string | number | Record<string, string | number>>;
type Post = (path: '/api/office-backup/start' | '/api/office-backup/page' | '/api/office-backup/finish' | '/api/office-backup/abort', body: OfficeBackupBody) => Promise<LanPostResponse>;

export class OfficeBackupCancelled extends Error {
  override readonly name = 'OfficeBackupCancelled';
}

function bodyOf<T>(reply: LanPostResponse): T {
  if (!reply.ok) throw new RuleError(reply.message, reply.field);
  return reply.body as T;
}

/** Writes the file to `sink`; returns the manifest (what it holds). Throws OfficeBackupCancelled when `signal` aborts. */
export async function writeOfficeBackup(post: Post, passphrase: string, sink: BackupSink, opts: { signal?: AbortSignal; onProgress?: (p: JobProgress) => void } = {}): Promise<OfficeBackupManifest> {
  checkPassphrase(passphrase);
  const startedAt = performance.now();
  const kdf = newKdfParams();
  const key = await deriveKey(passphrase, kdf);
  const opened = bodyOf<{ id: string; start: OfficeBackupStart; manifest: OfficeBackupManifest }>(await post('/api/office-backup/start', {}));
  const { id, start, manifest } = opened;
  try {
    const sum = checksum();
    const out = async (bytes: Uint8Array) => {
      sum.update(bytes);
      await sink.write(bytes);
    };
    const header = encodeHeader({ format: OFFICE_BACKUP_FILE.format, fileId: newFileId(), kdf }, OFFICE_BACKUP_FILE);
    let index = 0;
    const frame = async (value: OfficeBackupFrame, last = false) => out(await encodeFrame(key, header.tag, index++, last, value, OFFICE_BACKUP_FILE));
    await out(header.bytes);
    await frame(start);
    const total = Object.values(manifest.counts).reduce((a, b) => a + b, 0);
    let done = 0;
    const report = (stage: string) => opts.onProgress?.({ stage, done, total, unit: '行', startedAt });
    report('读取服务器数据');
    for (const table of start.tables) {
      const key = OFFICE_TABLES.find((t) => t.name === table)!.key.map(([c]) => c);
      let after: Record<string, string | number> | undefined;
      for (let taken = 0; taken < manifest.counts[table]; ) {
        if (opts.signal?.aborted) throw new OfficeBackupCancelled('已取消');
        const { rows } = bodyOf<{ rows: Record<string, string | number>[] }>(await post('/api/office-backup/page', { id, table, ...(after ? { after } : {}) }));
        if (rows.length === 0) break;
        await frame({ kind: 'rows', table, rows });
        const last = rows[rows.length - 1]!;
        after = Object.fromEntries(key.map((c) => [c, last[c]!]));
        taken += rows.length;
        done += rows.length;
        report('写入备份文件');
      }
    }
    await frame(manifest, true);
    await sink.write(encodeTrailer(sum.digest()));
    bodyOf(await post('/api/office-backup/finish', { id }));
    return manifest;
  } catch (e) {
    await post('/api/office-backup/abort', { id }).catch(() => undefined);
    throw e;
  }
}
