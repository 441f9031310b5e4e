// `npm start`: run the desktop app. Finds the Electron binary first (so a machine without it
// learns that in a second, not after a build), then builds renderer + main/preload and runs them.
//   npm start               production build (devtools off)
//   npm start -- --dev      development build (devtools allowed); same as WENSHU_DEV=1
//
// Electron's npm package does not contain the binary: `require('electron')` downloads it on
// first use from outside the package registry. Offline that fails, and with a black-holed
// network it could hang, so a missing binary is fetched in a child process under a time limit.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const downloadTimeoutSeconds = positiveNumber(process.env.WENSHU_ELECTRON_DOWNLOAD_TIMEOUT) ?? 60;

function positiveNumber(text) {
  const n = Number(text);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

const UNAVAILABLE = `
文枢桌面版无法启动：本机没有 Electron 运行程序，离线环境下也无法下载它。
请改用 \`npm run web\`：它在 127.0.0.1 上提供同一个应用，
用任何 Chromium 内核的浏览器打开即可。

The Electron binary is unavailable: it is downloaded on first run from outside the package
registry, and it could not be fetched from this machine (offline).
Use \`npm run web\` instead: it serves the same app on 127.0.0.1 for any Chromium-based browser.
(If you have an Electron ${electronVersion()} build, set ELECTRON_OVERRIDE_DIST_PATH to its
folder. To allow a slower download, set WENSHU_ELECTRON_DOWNLOAD_TIMEOUT in seconds; now
${downloadTimeoutSeconds}.)
`;

function electronVersion() {
  try {
    return require('electron/package.json').version;
  } catch {
    return '';
  }
}

/** Already on disk? Then require('electron') returns its path without any download. */
function binaryIsInstalled() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return true;
  try {
    const dir = path.dirname(require.resolve('electron/package.json'));
    const pathTxt = path.join(dir, 'path.txt');
    if (!existsSync(pathTxt)) return false;
    return existsSync(path.join(dir, 'dist', readFileSync(pathTxt, 'utf8')));
  } catch {
    return false;
  }
}

/** The Electron executable's path, or null when it cannot be had. */
async function findElectron() {
  if (binaryIsInstalled()) {
    try {
      const binary = require('electron');
      return existsSync(binary) ? binary : null;
    } catch {
      return null;
    }
  }
  // Let electron's own lazy download try, in a child we can stop (with the installer it spawns).
  console.log(
    `正在获取 Electron 运行程序（最多 ${downloadTimeoutSeconds} 秒）… / Fetching the Electron binary…`,
  );
  return fetchElectronInChild();
}

function fetchElectronInChild() {
  const marker = '\n@@WENSHU_ELECTRON_PATH@@';
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['-e', `process.stdout.write(${JSON.stringify(marker)} + require('electron'))`],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
        // Own process group (POSIX), so a timeout also stops electron's install.js grandchild.
        detached: process.platform !== 'win32',
        windowsHide: true,
      },
    );
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.resume(); // the downloader's stack trace says nothing the message below doesn't
    const timer = setTimeout(() => {
      killProcessTree(child.pid);
      resolve(null);
    }, downloadTimeoutSeconds * 1000);
    child.on('error', () => {
      clearTimeout(timer);
      resolve(null);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      const at = stdout.lastIndexOf(marker);
      const binary = at < 0 ? '' : stdout.slice(at + marker.length).trim();
      resolve(code === 0 && binary && existsSync(binary) ? binary : null);
    });
  });
}

function killProcessTree(pid) {
  if (pid === undefined) return;
  if (process.platform === 'win32') {
    spawnSync('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore' });
    return;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const development = process.argv.includes('--dev') || process.env.WENSHU_DEV === '1';

const electron = await findElectron();
if (electron === null) {
  console.error(UNAVAILABLE);
  process.exit(1);
}

const { build } = await import('vite');
await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
run(process.execPath, [path.join(root, 'scripts', 'build-electron.mjs')], {
  ...process.env,
  WENSHU_DEV: development ? '1' : '0',
});

// ELECTRON_RUN_AS_NODE would turn the app into a bare Node process: never pass it on.
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const app = spawn(electron, [root], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => app.kill(signal));
}
app.on('error', (error) => {
  console.error(`${UNAVAILABLE}\n${error.message}`);
  process.exit(1);
});
app.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
