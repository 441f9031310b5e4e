// The second anchor of the audit log's head (issue #12), outside IndexedDB: a small file under
// userData, sealed with Electron safeStorage (the OS keystore: DPAPI on Windows), written
// atomically. Cutting the log's end in the profile folder and forging its head there is then
// still noticed at sign-in, because this file remembers where the chain ended. A file that does
// not unseal (edited, copied from another PC or account) is refused, never taken as "no anchor".

import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { auditHeadSchema, type AuditAnchorHead } from '../shared/ipc';
import { atomicWriteFile } from './atomic-write';

export const AUDIT_ANCHOR_FILE = 'audit-anchor.bin';

/** The part of Electron's safeStorage used here; tests substitute a fake. */
export interface SealingStorage {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export interface AuditAnchorStore {
  read(): Promise<AuditAnchorHead | null>;
  write(head: AuditAnchorHead): Promise<void>;
}

/** Refusals and damage, in words the 安全审计员 reads on the audit page. */
export class AuditAnchorError extends Error {
  override name = 'AuditAnchorError';
}

const sealedRecord = z.strictObject({ version: z.literal(1), head: auditHeadSchema });

export function createAuditAnchorStore(
  userDataDir: () => string,
  storage: () => SealingStorage,
  writeFile: (file: string, data: Uint8Array) => Promise<void> = atomicWriteFile,
): AuditAnchorStore {
  const file = () => path.join(userDataDir(), AUDIT_ANCHOR_FILE);
  const sealer = (): SealingStorage => {
    const s = storage();
    if (!s.isEncryptionAvailable()) throw new AuditAnchorError('系统加密服务不可用，无法读写审计锚点');
    return s;
  };
  return {
    async read() {
      let bytes: Buffer;
      try {
        bytes = await readFile(file());
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      let text: string;
      try {
        text = sealer().decryptString(bytes);
      } catch (error) {
        if (error instanceof AuditAnchorError) throw error;
        throw new AuditAnchorError('审计锚点文件无法解封（被改动或来自其他电脑）');
      }
      let parsed: z.infer<typeof sealedRecord>;
      try {
        parsed = sealedRecord.parse(JSON.parse(text));
      } catch {
        throw new AuditAnchorError('审计锚点文件内容无效');
      }
      return parsed.head;
    },
    async write(head) {
      const sealed = sealer().encryptString(JSON.stringify({ version: 1, head: auditHeadSchema.parse(head) }));
      await mkdir(userDataDir(), { recursive: true });
      await writeFile(file(), new Uint8Array(sealed));
    },
  };
}
