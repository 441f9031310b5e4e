// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';

// The LAN server's TLS identity (issue #19): a self-signed certificate made on first start and
// kept beside the server's data, never sent anywhere but in the TLS handshake. Seats do not trust
// it through any authority: at pairing the person types the fingerprint the server printed, and
// the seat pins that very certificate (electron/lan-client.ts).

export interface ServerIdentity {
  key: string;
  cert: string;
  /** SHA-256 of the certificate, as printed for pairing (AA:BB:…). */
  fingerprint: string;
}

const KEY_FILE = 'server-key.pem';
const CERT_FILE = 'server-cert.pem';
const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

/** SHA-256 of a certificate as printed for pairing ('AA:BB:…'). */
export function fingerprintOf(cert: string): string {
  return new X509Certificate(cert).fingerprint256;
}

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

function pem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${b64}${b64.endsWith('\n') ? '' : '\n'}-----END ${label}-----\n`;
}

/** The addresses a seat may type for this PC: loopback and every IPv4 of its interfaces. */
function ownAddresses(): string[] {
  const out = new Set(['127.0.0.1']);
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) if (a.family === 'IPv4') out.add(a.address);
  return [...out];
}

export async function createIdentity(now = new Date()): Promise<ServerIdentity> {
  const keys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8))).toString('hex').replace(/^[89a-f]/, '1'),
    name: 'CN=Wenshu LAN server',
    notBefore: new Date(now.getTime() - 86_400_000),
    notAfter: new Date(now.getTime() + 20 * 365 * 86_400_000),
    keys: keys as unknown as CryptoKeyPair,
    signingAlgorithm: ALG,
    extensions: [new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'localhost' }, ...ownAddresses().map((value) => ({ type: 'ip' as const, value }))])],
  });
  const certPem = cert.toString('pem');
  const key = pem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return { key, cert: certPem, fingerprint: fingerprintOf(certPem) };
}

/** The identity kept in `dir`, made (and kept, key readable by its owner only) on first start. */
export async function loadOrCreateIdentity(dir: string): Promise<ServerIdentity> {
  const keyPath = join(dir, KEY_FILE);
  const certPath = join(dir, CERT_FILE);
  if (existsSync(keyPath) && existsSync(certPath)) {
    const cert = readFileSync(certPath, 'utf8');
    return { key: readFileSync(keyPath, 'utf8'), cert, fingerprint: fingerprintOf(cert) };
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const made = await createIdentity();
  // The key first, the certificate last: a start that died between the two finds no certificate
  // and makes both again.
  writeFileSync(keyPath, made.key, { mode: 0o600, flag: 'w' });
  writeFileSync(certPath, made.cert, { flag: 'wx' });
  return made;
}
