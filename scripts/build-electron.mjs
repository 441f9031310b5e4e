// Bundles the main process and the preload into dist/electron/*.cjs with esbuild.
//   node scripts/build-electron.mjs                production (devtools off)
//   WENSHU_DEV=1 node scripts/build-electron.mjs   development (devtools allowed, sourcemaps)
// NODE_ENV is baked in as a literal so a packaged app cannot be put into development mode by
// an environment variable on the user's machine.

import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The two esbuild builds (main, preload), writing into outDir. Exported for the bundle test.
 * @param {{ development: boolean, outDir?: string }} options
 * @returns {import('esbuild').BuildOptions[]}
 */
export function electronBuilds({ development, outDir = 'dist/electron' }) {
  /** @type {import('esbuild').BuildOptions} */
  const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22', // Electron 45 ships Node 22
    external: ['electron'],
    define: { 'process.env.NODE_ENV': JSON.stringify(development ? 'development' : 'production') },
    // Not minified: readable stack traces in a user's log matter more than a few hundred KB.
    minify: false,
    sourcemap: development ? 'inline' : false,
    legalComments: 'none',
    logLevel: 'info',
  };
  return [
    { ...common, entryPoints: ['electron/main.ts'], outfile: `${outDir}/main.cjs` },
    // The preload runs in a sandboxed renderer: one file, and 'electron' its only require.
    { ...common, entryPoints: ['electron/preload.ts'], outfile: `${outDir}/preload.cjs` },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const development = process.env.WENSHU_DEV === '1';
  await Promise.all(electronBuilds({ development }).map((options) => build(options)));
}
