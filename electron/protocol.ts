// app://wenshu/… serves the built renderer (dist/renderer) to the window. A custom scheme instead
// of file:// gives the page a real origin (storage, CSP 'self', fetch) and no file system reach.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { protocol, type CustomScheme } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { APP_SCHEME, isAppUrl } from './app-origin';

/** Must be registered before app 'ready' (Electron requirement). */
export const APP_SCHEME_DEFINITION: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_DEFINITION]);
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under rootDir that an app:// URL names, or null when the URL is not ours or would
 * reach outside rootDir (../, %2e%2e, %2f and %5c tricks, NUL bytes, absolute paths).
 */
export function resolveAppPath(rootDir: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  if (pathname.includes('\0')) return null;
  // Decoding may have produced new separators or dot segments: refuse any '..' outright.
  if (pathname.split(/[/\\]/).some((segment) => segment === '..')) return null;
  if (pathname === '' || pathname.endsWith('/')) pathname += 'index.html';

  const root = path.resolve(rootDir);
  const file = path.resolve(root, `.${path.sep}${pathname}`);
  const relative = path.relative(root, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return file;
}

function errorResponse(status: number, statusText: string): Response {
  return new Response(statusText, {
    status,
    statusText,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'content-security-policy': CONTENT_SECURITY_POLICY,
    },
  });
}

export type ReadFileFn = (file: string) => Promise<Uint8Array<ArrayBuffer>>;

export function createAppProtocolHandler(
  rootDir: string,
  read: ReadFileFn = readFile,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return errorResponse(405, 'Method Not Allowed');
    }
    const file = resolveAppPath(rootDir, request.url);
    if (file === null) return errorResponse(404, 'Not Found');

    let body: Uint8Array<ArrayBuffer>;
    try {
      body = await read(file);
    } catch {
      // Missing, a directory, unreadable: all the same to the page.
      return errorResponse(404, 'Not Found');
    }
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: {
        'content-type': mimeTypeFor(file),
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        // The files change only with an app update; revalidating keeps a stale cache impossible.
        'cache-control': 'no-cache',
      },
    });
  };
}

/** Serve rootDir on app:// for the default session. Call after app 'ready'. */
export function registerAppProtocol(rootDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rootDir));
}
