import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { cspMeta } from '../../vite.config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Builds the print proof page (issue #15): every print layout of the app, rendered by the real
// print components with generated records holding the longest values the schemas allow, so an E2E
// test can print each to PDF and measure it. Never part of the app's own build (dist/renderer).
export default defineConfig({
  root: here('.'),
  base: './',
  plugins: [react(), cspMeta()],
  resolve: { alias: { '@shared': here('../../shared') } },
  build: { outDir: here('../../dist/print-proofs'), emptyOutDir: true, target: 'chrome130', chunkSizeWarningLimit: 4000 },
  logLevel: 'warn',
});
