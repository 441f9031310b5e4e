// `npm run web`: serves the built renderer (dist/renderer) on 127.0.0.1 only, for any Chromium.
// The same server backs the E2E tests (test/e2e/global-setup.ts imports startServer).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

const defaultRoot = fileURLToPath(new URL('../dist/renderer/', import.meta.url));

/** The CSP the build put into index.html, plus frame-ancestors (only honoured as a header). */
async function cspOf(root) {
  const html = await readFile(join(root, 'index.html'), 'utf8');
  const m = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/);
  if (!m) throw new Error('dist/renderer/index.html has no CSP meta: rebuild with `npm run build:renderer`');
  // The attribute is HTML-escaped (&#39; for '); a header needs the plain text.
  const meta = m[1].replace(/&#39;|&apos;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return `${meta}; frame-ancestors 'none'`;
}

export async function startServer({ root = defaultRoot, port = 0, host = '127.0.0.1' } = {}) {
  const base = resolve(root);
  const csp = await cspOf(base);
  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end();
        return;
      }
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      const file = normalize(join(base, path === '/' ? 'index.html' : path));
      if (file !== base && !file.startsWith(base + sep)) {
        res.writeHead(403).end();
        return;
      }
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': csp,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(400).end();
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, ok);
  });
  const address = server.address();
  const url = `http://${host}:${address.port}/`;
  return { url, close: () => new Promise((ok) => server.close(() => ok())) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const port = Number(process.env.PORT ?? 5178);
  const { url } = await startServer({ port }).catch(async (e) => {
    if (e.code !== 'EADDRINUSE') throw e;
    return startServer({ port: 0 });
  });
  console.log(`文枢 Wenshu (web) is serving on ${url}`);
  console.log('Open it in Chromium/Chrome/Edge. Data stays in that browser profile (IndexedDB). Ctrl+C to stop.');
}
