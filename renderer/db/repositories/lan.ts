import { z } from 'zod';
import { defineCommand } from '../commands/define';
import { toBase64 } from '../backup/backup-format';
import type { WenshuDB } from '../database';

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
  tables: [],
  run: async ({ audit }, v) => {
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
