// The seat's pairing with the office LAN server (issue #19): which server, its pinned
// certificate, this seat's id. Kept by main in `<userData>/lan-server.bin`, sealed with the OS
// keystore (safeStorage): an edited or copied profile file cannot re-point the seat at another
// server, because it no longer opens (and then the seat is simply unpaired).

import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { atomicWriteFile } from './atomic-write';
import type { SealingStorage } from './audit-anchor';

export const LAN_LINK_FILE = 'lan-server.bin';

export const lanLinkSchema = z.strictObject({
  host: z.string().min(1).max(253),
  port: z.int().min(1).max(65535),
  cert: z.string().startsWith('-----BEGIN CERTIFICATE-----').max(16384),
  fingerprint: z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/),
  seatId: z.string().min(1).max(64),
  /** Handed out once at pairing; main adds it to every sign-in, the page never sees it. */
  seatSecret: z.string().min(20).max(100),
  name: z.string().min(1).max(60),
});
export type LanLink = z.infer<typeof lanLinkSchema>;

export interface LanLinkStore {
  /** Whether a pairing can be kept here (the OS keystore is available): asked before pairing. */
  canSave(): boolean;
  /** The pairing, or null when there is none (or the file is damaged, moved or edited). */
  load(): Promise<LanLink | null>;
  save(link: LanLink): Promise<void>;
  remove(): Promise<void>;
}

export class LanLinkError extends Error {
  override name = 'LanLinkError';
}

export function createLanLinkStore(userDataDir: () => string, storage: () => SealingStorage): LanLinkStore {
  const file = () => path.join(userDataDir(), LAN_LINK_FILE);
  return {
    canSave: () => storage().isEncryptionAvailable(),
    async load() {
      let sealed: Buffer;
      try {
        sealed = await readFile(file());
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      const s = storage();
      if (!s.isEncryptionAvailable()) return null;
      try {
        const parsed = lanLinkSchema.safeParse(JSON.parse(s.decryptString(sealed)));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
    async save(link) {
      const s = storage();
      if (!s.isEncryptionAvailable()) throw new LanLinkError('系统加密服务不可用，无法保存与服务器的配对');
      await atomicWriteFile(file(), s.encryptString(JSON.stringify(lanLinkSchema.parse(link))));
    },
    async remove() {
      await rm(file(), { force: true });
    },
  };
}
