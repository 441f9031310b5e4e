import { argon2id, argon2Verify } from 'hash-wasm';

// argon2id with the OWASP minimum for interactive logins (19 MiB, 2 passes, 1 lane): ~60 ms here,
// slow enough to make guessing a stolen profile expensive, fast enough not to annoy at login.
const PARAMS = { parallelism: 1, iterations: 2, memorySize: 19456, hashLength: 32 } as const;

export async function hashPassword(password: string): Promise<string> {
  const salt = new Uint8Array(16);
  crypto.getRandomValues(salt);
  return argon2id({ ...PARAMS, password, salt, outputType: 'encoded' });
}

export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  try {
    return await argon2Verify({ password, hash: encoded });
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/** Spends the same time as a real check, so an unknown user name cannot be told apart by timing. */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword('wenshu-dummy-password');
  await verifyPassword(password, await dummyHash);
}

/** Computes the dummy hash ahead of the first login, so even the first unknown name costs the same. */
export function warmUpPasswordHashing(): void {
  dummyHash ??= hashPassword('wenshu-dummy-password');
}
