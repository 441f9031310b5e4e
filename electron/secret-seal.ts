// Small secrets sealed with Electron safeStorage (DPAPI on Windows, the keychain or the desktop's
// secret service elsewhere): the scheduled-backup key (issue #12). Sealed this way it opens only
// for this OS account on this PC, so a copy of the profile folder holds nothing that opens a
// scheduled backup. Where the OS offers no keystore, sealing is refused and the caller keeps the
// key under the data key of the installation instead (it then opens only while someone is signed in).

import type { SealingStorage } from './audit-anchor';

export interface SecretSealer {
  seal(text: string): Promise<{ sealed: string }>;
  open(sealed: string): Promise<{ text: string }>;
}

export class SecretSealError extends Error {
  override name = 'SecretSealError';
}

export function createSecretSealer(storage: () => SealingStorage): SecretSealer {
  const sealer = (): SealingStorage => {
    const s = storage();
    if (!s.isEncryptionAvailable()) throw new SecretSealError('系统加密服务不可用，无法保存定时备份密钥');
    return s;
  };
  return {
    async seal(text) {
      return { sealed: sealer().encryptString(text).toString('base64') };
    },
    async open(sealed) {
      const s = sealer();
      try {
        return { text: s.decryptString(Buffer.from(sealed, 'base64')) };
      } catch {
        throw new SecretSealError('定时备份密钥无法解封（被改动，或来自其他电脑、其他系统账户）');
      }
    },
  };
}
