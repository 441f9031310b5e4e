import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
// @ts-expect-error -- plain ESM script without types; startServer({ root, port }) → { url, close }
import { startServer } from '../../scripts/serve.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The print proof page (test/print-proofs), built by `npm run test:e2e`. */
    proofsUrl: string;
  }
}

/** Serves the built renderer once for the whole E2E run, exactly as `npm run web` does, and the print proofs beside it. */
export default async function setup(project: TestProject) {
  const root = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));
  if (!existsSync(`${root}index.html`)) throw new Error('dist/renderer is missing: run `npm run build:renderer` first');
  const server = (await startServer({ root, port: 0 })) as { url: string; close(): Promise<void> };
  project.provide('baseUrl', server.url);
  const proofsRoot = fileURLToPath(new URL('../../dist/print-proofs/', import.meta.url));
  if (!existsSync(`${proofsRoot}index.html`)) throw new Error('dist/print-proofs is missing: run `npm run build:proofs` first');
  const proofs = (await startServer({ root: proofsRoot, port: 0 })) as { url: string; close(): Promise<void> };
  project.provide('proofsUrl', proofs.url);
  return async () => {
    await server.close();
    await proofs.close();
  };
}
