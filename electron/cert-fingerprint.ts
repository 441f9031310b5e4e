import { X509Certificate } from 'node:crypto';

/** SHA-256 of a certificate as printed at pairing and pinned by the seat ('AA:BB:…'). */
export function fingerprintOf(cert: string | Buffer): string {
  return new X509Certificate(cert).fingerprint256;
}
