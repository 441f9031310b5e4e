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

// The renderer is the Vite root; relative base so the same build runs under app:// (Electron)
// and http://127.0.0.1 (npm run web, E2E tests).
export default defineConfig({
  root: here('./renderer'),
  base: './',
  plugins: [react(), cspMeta()],
  resolve: { alias: { '@shared': here('./shared') } },
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
