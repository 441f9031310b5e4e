import { describe, expect, it } from 'vitest';
import { createSecretSealer } from '../../../electron/secret-seal';
import { ipcContract } from '../../../shared/ipc';
import { createFakeSafeStorage } from './fake-electron';

// The scheduled-backup key is sealed by main with safeStorage (issue #12): what the renderer
// stores is opaque, opens only through the keystore, and an edited or foreign value is refused.

const KEY = JSON.stringify({ kdf: { alg: 'argon2id', salt: 'c2FsdA==' }, key: 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo3ODkwMTI=' });

describe('secret sealing (safeStorage)', () => {
  it('seals to base64 that does not contain the key, and opens back to it', async () => {
    const storage = createFakeSafeStorage();
    const sealer = createSecretSealer(() => storage);
    const { sealed } = await sealer.seal(KEY);
    expect(sealed).not.toContain('QUJDREVG');
    expect(Buffer.from(sealed, 'base64').toString('latin1')).not.toContain('argon2id');
    expect(ipcContract['secret:seal'].response.safeParse({ sealed }).success).toBe(true);
    await expect(sealer.open(sealed)).resolves.toEqual({ text: KEY });
    expect(storage.encryptString).toHaveBeenCalledWith(KEY);
  });

  it('refuses a value the keystore cannot open (edited, or sealed on another PC)', async () => {
    const sealer = createSecretSealer(() => createFakeSafeStorage());
    const { sealed } = await sealer.seal(KEY);
    const edited = Buffer.from(sealed, 'base64');
    edited[edited.length - 2] = edited[edited.length - 2]! ^ 1;
    await expect(sealer.open(edited.toString('base64'))).rejects.toThrow('无法解封');
    await expect(sealer.open(Buffer.from('another-pc:xyz').toString('base64'))).rejects.toThrow('无法解封');
  });

  it('refuses to seal without a keystore (the caller then keeps the key under the data key)', async () => {
    const storage = createFakeSafeStorage();
    storage.isEncryptionAvailable.mockReturnValue(false);
    await expect(createSecretSealer(() => storage).seal(KEY)).rejects.toThrow('系统加密服务不可用');
  });

  it('the contract takes a bounded text and base64 only', () => {
    expect(ipcContract['secret:seal'].request.safeParse({ text: '' }).success).toBe(false);
    expect(ipcContract['secret:seal'].request.safeParse({ text: 'x'.repeat(5000) }).success).toBe(false);
    expect(ipcContract['secret:open'].request.safeParse({ sealed: 'not base64!' }).success).toBe(false);
    expect(ipcContract['secret:open'].request.safeParse({ sealed: 'eA==', path: '/etc' }).success).toBe(false);
  });
});
