import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  APP_SCHEME_DEFINITION,
  createAppProtocolHandler,
  registerAppProtocol,
  registerAppScheme,
  resolveAppPath,
} from '../../../electron/protocol';
import { CONTENT_SECURITY_POLICY } from '../../../shared/csp';
import { electronFake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronFake);

let base: string;
let root: string;
const SECRET = 'secret outside the renderer root';

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'wenshu-protocol-'));
  root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>文枢</title>');
  await writeFile(path.join(root, 'assets', 'index.js'), 'console.log(1)');
  await writeFile(path.join(root, 'assets', 'argon2.wasm'), new Uint8Array([0, 97, 115, 109]));
  await writeFile(path.join(root, 'assets', 'noto.woff2'), 'wOF2');
  await writeFile(path.join(base, 'secret.txt'), SECRET);
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

/** A request exactly as given: no URL normalisation by a Request constructor on the way in. */
function rawRequest(url: string, method = 'GET'): Request {
  return { url, method } as Request;
}

describe('app:// protocol handler', () => {
  it('serves index.html with the CSP header and an HTML content type', async () => {
    const response = await createAppProtocolHandler(root)(rawRequest('app://wenshu/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>文枢</title>');
  });

  it('serves / as index.html', async () => {
    const response = await createAppProtocolHandler(root)(new Request('app://wenshu/'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('文枢');
  });

  it.each([
    ['assets/index.js', 'text/javascript; charset=utf-8'],
    ['assets/argon2.wasm', 'application/wasm'],
    ['assets/noto.woff2', 'font/woff2'],
  ])('serves %s as %s', async (file, type) => {
    const response = await createAppProtocolHandler(root)(rawRequest(`app://wenshu/${file}`));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each([
    'app://wenshu/../../etc/passwd',
    'app://wenshu/%2e%2e/%2e%2e/etc/passwd',
    'app://wenshu/%2E%2E/secret.txt',
    'app://wenshu/../secret.txt',
    'app://wenshu/..%2fsecret.txt',
    'app://wenshu/..%2f..%2f..%2fetc%2fpasswd',
    'app://wenshu/assets/..%2f..%2fsecret.txt',
    'app://wenshu/..%5csecret.txt',
    'app://wenshu/%2e%2e%5csecret.txt',
    'app://wenshu/index.html%00.js',
    'app://wenshu/%E0%A4%A', // malformed escape
    'app://wenshu/%2Fetc%2Fpasswd', // an absolute path smuggled in encoded
    'app://wenshu/C:%5CWindows%5Cwin.ini',
    'app://evil/index.html',
    'app://wenshu:1234/index.html',
    'https://wenshu/index.html',
  ])('refuses %s', async (url) => {
    const reads: string[] = [];
    const read = async (file: string) => {
      reads.push(file);
      return readFile(file);
    };
    const response = await createAppProtocolHandler(root, read)(rawRequest(url));
    expect(response.status).toBe(404);
    const body = await response.text();
    expect(body).not.toContain(SECRET);
    expect(body).not.toContain('root:');
    for (const file of reads) {
      expect(path.relative(root, file).startsWith('..'), file).toBe(false);
    }
  });

  it('never resolves a path outside the root', () => {
    for (const url of [
      `app://wenshu/${encodeURIComponent(path.join(base, 'secret.txt'))}`,
      'app://wenshu/..%2fsecret.txt',
      'app://wenshu/%2e%2e%2fsecret.txt',
      'app://wenshu/..%5c..%5csecret.txt',
      'app://wenshu/%2e%2e/%2e%2e/etc/passwd',
    ]) {
      const resolved = resolveAppPath(root, url);
      if (resolved !== null) {
        expect(path.relative(root, resolved).startsWith('..'), url).toBe(false);
      }
    }
  });

  it('answers 404 for a missing file and 405 for anything but GET/HEAD', async () => {
    const handler = createAppProtocolHandler(root);
    expect((await handler(rawRequest('app://wenshu/missing.js'))).status).toBe(404);
    expect((await handler(rawRequest('app://wenshu/assets'))).status).toBe(404); // a directory
    expect((await handler(rawRequest('app://wenshu/index.html', 'POST'))).status).toBe(405);
  });

  it('registers app:// as standard, secure and fetch-capable, and handles it', () => {
    registerAppScheme();
    expect(electronFake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([APP_SCHEME_DEFINITION]);
    expect(APP_SCHEME_DEFINITION).toMatchObject({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
    expect(APP_SCHEME_DEFINITION.privileges?.bypassCSP).toBeFalsy();
    registerAppProtocol(root);
    expect(electronFake.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });
});
