import { request } from 'node:https';
import { connect } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { normalizeFingerprint } from '../shared/domain/lan-pairing';

// A seat's link to the office LAN server (issue #19), run in the main process: the renderer keeps
// its no-network rule and asks through IPC. HTTPS to one origin only, and only to the server whose
// certificate the person pinned at pairing: the fingerprint they typed from the server's screen
// must match the certificate the server presents, and from then on that certificate is the only
// one trusted (a one-certificate trust store; no authority, no host-name guesswork).

export class LanError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'LanError';
  }
}

export interface LanServer {
  host: string;
  port: number;
  /** The certificate pinned at pairing (PEM). */
  cert: string;
  /** Its SHA-256, as printed by the server and typed at pairing ('AA:BB:…'). */
  fingerprint: string;
}

/**
 * Reads the certificate the server at host:port presents and keeps it only if its SHA-256 is the
 * fingerprint typed at pairing; otherwise refuses, naming what was seen.
 */
export async function pinServerCertificate(host: string, port: number, typedFingerprint: string, timeoutMs = 10_000): Promise<LanServer> {
  const expected = normalizeFingerprint(typedFingerprint);
  if (!expected) throw new LanError('证书指纹应为 64 位十六进制数（服务器启动时显示）', 0, 'fingerprint');
  const der = await new Promise<Buffer>((resolve, reject) => {
    // Unverified on purpose, for this one read: the check is the fingerprint comparison below.
    const socket = connect({ host, port, rejectUnauthorized: false, timeout: timeoutMs }, () => {
      const raw = socket.getPeerCertificate().raw as Buffer | undefined;
      socket.end();
      if (raw) resolve(raw);
      else reject(new LanError(`${host}:${port} 没有出示证书，不是文枢局域网服务器`, 0, 'address'));
    });
    socket.once('timeout', () => socket.destroy(new Error('timeout')));
    socket.once('error', (e) => reject(new LanError(`无法连接服务器 ${host}:${port}（${(e as Error).message}）`, 0, 'address')));
  });
  const cert = new X509Certificate(der);
  if (cert.fingerprint256 !== expected) {
    throw new LanError(`服务器证书指纹不符：服务器出示的是 ${cert.fingerprint256}。请核对服务器上显示的指纹；不符时不要配对`, 0, 'fingerprint');
  }
  return { host, port, cert: cert.toString(), fingerprint: expected };
}

/** One POST to the pinned server; the server's refusal is a LanError with its status, message and field. */
export async function lanPost<T>(server: LanServer, path: string, body: unknown, token?: string, timeoutMs = 30_000): Promise<T> {
  const text = JSON.stringify(body);
  return new Promise<T>((resolve, reject) => {
    const req = request(
      {
        host: server.host,
        port: server.port,
        path,
        method: 'POST',
        ca: server.cert,
        // The trust store holds only the pinned certificate, so any host name the office uses
        // (an address that changed, a name in its DNS) is accepted for that certificate alone.
        checkServerIdentity: () => undefined,
        timeout: timeoutMs,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          let value: { message?: string; field?: string } & Record<string, unknown>;
          try {
            value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            reject(new LanError('服务器的回答无法识别', res.statusCode ?? 0));
            return;
          }
          if (res.statusCode === 200) resolve(value as T);
          else reject(new LanError(value.message ?? `服务器拒绝了请求（${res.statusCode}）`, res.statusCode ?? 0, value.field));
        });
      },
    );
    req.once('timeout', () => req.destroy(new Error('服务器没有回应')));
    req.once('error', (e) => reject(e instanceof LanError ? e : new LanError(`无法连接服务器：${e.message}`, 0)));
    req.end(text);
  });
}
