import { z } from 'zod';
import { defineCommand } from '../commands/define';
import { toBase64 } from '../backup/backup-format';
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
 * Why this PC cannot become a seat, or null. A PC holding 收文 of its own would clash with the
 * server's numbers (and its records would not be on the server): they go to the server first by
 * 迁移包, which the server does not take yet (未完成).
 */
export async function pairingRefusal(db: WenshuDB): Promise<string | null> {
  const n = await db.incoming.count();
  return n > 0 ? `本机已有 ${n} 件单机登记的收文，不能作为座席配对：其编号会与服务器的冲突。请在未登记收文的电脑上配对（把本机收文交到服务器的功能尚未完成）` : null;
}
