import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vitest/config';
import { CONTENT_SECURITY_POLICY_META } from './shared/csp';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** Puts the one CSP (shared/csp.ts) into index.html, so every way of serving the app carries it. */
export function cspMeta(): Plugin {
  return {
    name: 'wenshu-csp',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY_META }, injectTo: 'head-prepend' },
      ],
    },
  };
}

const PDFJS_DATA = 'virtual:pdfjs-data';
const PDFJS_FILE = 'pdfjs-data-file:';
// Not quickjs-eval.wasm: it runs a PDF's JavaScript, which the app never does.
const PDFJS_DIRS: Record<string, RegExp> = { cmaps: /\.bcmap$/, standard_fonts: /\.(pfb|ttf)$/, wasm: /^(?!quickjs).*\.wasm$/ };

/**
 * pdf.js's data files (CMaps, standard fonts, WebAssembly decoders) for renderer/ui/pdfjs.ts: one
 * index of lazy imports, and per file a small module holding its bytes (base64), so pdf.js gets
 * them without any fetch and none is loaded before a PDF needs it. Listed from the installed
 * pdfjs-dist at build time (an update of pdf.js brings its own files). Made here rather than with
 * Vite's `?inline`, which cannot load files outside the root (renderer/).
 */
export function pdfjsData(): Plugin {
  const dir = (sub: string) => here(`./node_modules/pdfjs-dist/${sub}`);
  const index = () =>
    ['cMapUrl:cmaps', 'standardFontDataUrl:standard_fonts', 'wasmUrl:wasm']
      .map((pair) => {
        const [name, sub] = pair.split(':') as [string, string];
        const files = readdirSync(dir(sub)).filter((f) => PDFJS_DIRS[sub]!.test(f));
        return `export const ${name} = {${files.map((f) => `${JSON.stringify(f)}: () => import(${JSON.stringify(`${PDFJS_FILE}${sub}/${f}.js`)}).then((m) => m.default)`).join(',\n')}};`;
      })
      .join('\n');
  return {
    name: 'wenshu-pdfjs-data',
    resolveId: (id) => (id === PDFJS_DATA || id.startsWith(PDFJS_FILE) ? `\0${id}` : null),
    load(id) {
      if (id === `\0${PDFJS_DATA}`) return index();
      if (!id.startsWith(`\0${PDFJS_FILE}`)) return null;
      // Named "….wasm.js": an id ending in .wasm would be taken by Vite's own WebAssembly loader.
      const [sub = '', file = ''] = id.slice(PDFJS_FILE.length + 1).replace(/\.js$/, '').split('/');
      if (!PDFJS_DIRS[sub]?.test(file) || file.includes('..')) throw new Error(`not a pdf.js data file: ${id}`);
      return `export default ${JSON.stringify(readFileSync(`${dir(sub)}/${file}`).toString('base64'))};`;
    },
  };
}

// The renderer is the Vite root; relative base so the same build runs under app:// (Electron)
// and http://127.0.0.1 (npm run web, E2E tests).
export default defineConfig({
  root: here('./renderer'),
  base: './',
  plugins: [react(), cspMeta(), pdfjsData()],
  resolve: { alias: { '@shared': here('./shared') } },
  // The legacy import's worker (renderer/ui/legacy-import.worker.ts) loads the spreadsheet
  // library on first use: a module worker, so its chunks can be split like the page's.
  worker: { format: 'es' },
  build: {
    outDir: here('./dist/renderer'),
    emptyOutDir: true,
    target: 'chrome130',
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          root: here('.'),
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles: [here('./test/unit/setup.ts')],
          // Each test account costs several argon2id runs (hash, key slot, approval, first change).
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          root: here('.'),
          include: ['test/component/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: [here('./test/component/setup.ts')],
          testTimeout: 30_000,
          // One file per core. Vitest's default for a run is one core fewer, which on a 2-core
          // machine ran every file one after another while the second core idled (the main
          // process only collects reports). The unit project keeps the default: its argon2id
          // tests hold 20 s timeouts at the production cost. A project with its own maxWorkers
          // runs in its own group, after the unit files when both run (npm run test:unit).
          maxWorkers: availableParallelism(),
          sequence: { groupOrder: 1 },
          // Worker threads rather than child processes: each file still gets a fresh worker and
          // jsdom (isolate), for ~8 % less CPU over the suite (measured 160 s against 173 s).
          pool: 'threads',
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          root: here('.'),
          include: ['test/e2e/**/*.e2e.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          globalSetup: [here('./test/e2e/global-setup.ts')],
        },
      },
    ],
  },
});
