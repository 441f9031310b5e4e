import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { cspMeta } from '../../vite.config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Builds the in-browser micro benchmarks (npm run bench) against the real renderer/db code.
export default defineConfig({
  root: here('.'),
  base: './',
  // Same CSP as the app, so the benchmark runs under the app's restrictions (wasm for argon2id).
  plugins: [cspMeta()],
  resolve: { alias: { '@shared': here('../../shared') } },
  worker: { format: 'es' },
  build: { outDir: here('../../dist/bench'), emptyOutDir: true, target: 'chrome130', chunkSizeWarningLimit: 4000 },
  logLevel: 'warn',
});
