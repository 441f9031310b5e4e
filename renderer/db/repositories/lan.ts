import { z } from 'zod';
import { defineCommand } from '../commands/define';
import { toBase64 } from '@shared/backup-format';
import type { WenshuDB } from '../database';
import { PAIRED_KEY } from '../lan/pull';

// The seat's pairing with the office LAN server is kept by the main process (electron/lan-link.ts);
// this PC's audit log records that it was paired or unpaired, and with which server (issue #19).
// The server's own log records the same from its side.

export const recordLanLinkCommand = defineCommand({
  name: 'lan.recordLink',
  input: z.object({
    change: z.enum(['配对', '解除配对']),
    host: z.string().max(253),
    port: z.number().int(),
    fingerprint: z.string().max(100),
    name: z.string().max(60),
  }),
  permission: 'settings.manage',
  tables: ['lanSync'],
  run: async ({ audit, put, delete: remove, now }, v) => {
    // This PC is a seat from now on (or no longer): nobody numbers 收文 here but the server.
    if (v.change === '配对') await put('lanSync', { key: PAIRED_KEY, since: now.toISOString() });
    else await remove('lanSync', PAIRED_KEY);
    audit({
      action: v.change === '配对' ? '与局域网服务器配对' : '解除局域网配对',
      entityType: '设置',
      entityId: 'lan',
      summary: `服务器 ${v.host}:${v.port}；证书指纹 ${v.fingerprint}；本机名称 ${v.name}`,
    });
  },
});

/**
 * This PC's data key (base64), handed to main at pairing to be sealed under the seat's secret and
 * left with the server (electron/seat-key.ts): an office account new to this PC opens its files
 * with it at its first sign-in. Only while someone is signed in (the key is open).
 */
export function pairingDataKey(db: WenshuDB): string {
  const key = db.keyring.exportDataKey();
  try {
    return toBase64(key);
  } finally {
    key.fill(0);
  }
}

/**
 * What pairing means for the records this PC already holds, or null when it holds no 收文: they
 * stay here, and a person who handles 收文 hands them to the server after signing in with the
 * server (交本机记录, renderer/db/lan/adopt.ts), the numbers the server already gave renumbered.
 */
export async function pairingNotice(db: WenshuDB): Promise<string | null> {
  const n = await db.incoming.count();
  return n > 0
    ? `本机已有 ${n} 件单机登记的收文。配对后，请办理收文的人员以服务器上的账户登录本机，点页首的“交本机记录”把它们交到服务器：编号保留，服务器上已被占用的编号由服务器重新编号（原编号保留）。交到服务器之前，它们只在本机。`
    : null;
}
