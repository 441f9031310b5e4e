// `npm run server -- …`: bundles the office LAN server (electron/server, plain Node: no electron)
// with esbuild into dist/server/server.cjs and runs it with the arguments given. pg and the other
// packages stay in node_modules (not bundled).

import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outfile = `${root}dist/server/server.cjs`;

await build({
  absWorkingDir: root,
  entryPoints: ['electron/server/run.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const child = spawn(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
// Stopping this process stops the server the way its own Ctrl+C would (connections closed, pool ended).
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
