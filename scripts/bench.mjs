// `npm run bench`: performance figures in headless Chromium against DESIGN.md's budgets.
// Figures grow with the registers (issues #3–#6 add search, paging, export and print figures).
import { mkdtempSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { build as esbuild } from 'esbuild';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const chrome = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/google-chrome'].find((p) => p && existsSync(p));
if (!chrome) throw new Error('No Chromium: install Debian chromium or set CHROME_PATH');
const ARGS = ['--js-flags=--expose-gc', '--enable-precise-memory-info', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Smaller runs while working on the benchmark: `npm run bench -- --n=10000 --carriers=2000 --meetings=500`
// (defaults: DESIGN.md's 100,000 收文, 20,000 载体 and 2,000 meetings; issue #16's 20,000 发文; issue
// #17's 2 GB of attachments, --attachments=<MB>). One group of figures alone: `--only=attachments`, or
// `--only=flow` (the 运转时效 figures, with the 收文 and meeting seeds they need; no app shell, no other figure).
const params = new URLSearchParams();
for (const arg of process.argv.slice(2)) {
  const m = /^--(n|carriers|meetings|outgoing|attachments)=(\d+)$/.exec(arg) ?? /^--(only)=(attachments|flow|restore|import|search|shell|floor|open|lan)$/.exec(arg);
  if (!m) throw new Error(`Unknown argument ${arg}: use --n=<收文>, --carriers=<载体>, --meetings=<会议>, --outgoing=<发文>, --attachments=<MB> and --only=attachments|flow|restore|import|search|shell|floor|open|lan`);
  params.set(m[1], m[2]);
}
const only = params.get('only');

if (!only || only === 'shell') await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
const inBrowser = only !== 'shell' && only !== 'lan';
if (inBrowser) await build({ configFile: join(root, 'test/bench/vite.config.ts'), logLevel: 'warn' });

const figures = [];

async function withProfile(fn) {
  const dir = mkdtempSync(join(tmpdir(), 'wenshu-bench-'));
  const ctx = await chromium.launchPersistentContext(dir, { executablePath: chrome, headless: true, args: ARGS });
  try {
    return await fn(ctx.pages()[0] ?? (await ctx.newPage()));
  } finally {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// 1. App shell → login page (after setup, a cold reload), median of 5.
if (!only || only === 'shell') {
  const app = await startServer({ root: join(root, 'dist/renderer'), port: 0 });
  await withProfile(async (page) => {
    await page.goto(app.url);
    await page.getByLabel('单位名称').fill('基准测试办');
    await page.getByLabel('全宗号').fill('Z001');
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码', { exact: true }).fill('Bench#2026x');
    await page.getByLabel('确认密码').fill('Bench#2026x');
    await page.getByRole('button', { name: '完成设置' }).click();
    await page.getByRole('button', { name: '登录' }).waitFor();
    const times = [];
    let shellJs = 0;
    for (let i = 0; i < 5; i++) {
      await page.reload();
      await page.getByRole('button', { name: '登录' }).waitFor();
      // The JS the page fetched until the login page showed (the shell's own code; issue #18 splits
      // everything the login page does not show into chunks loaded when used).
      const [at, js] = await page.evaluate(() => [
        performance.now(),
        performance
          .getEntriesByType('resource')
          .filter((e) => /\.m?js$/.test(new URL(e.name).pathname))
          .reduce((n, e) => n + e.decodedBodySize, 0),
      ]);
      times.push(at);
      shellJs = js;
    }
    times.sort((a, b) => a - b);
    figures.push({ name: 'app shell to login page (reload), median of 5', value: times[2], unit: 'ms', budget: 500 });
    figures.push({ name: 'shell JS loaded until the login page', value: shellJs / 1024, unit: 'KB' });
  });
  await app.close();
}

// 2. Data-core micro benchmarks on the real IndexedDB.
const bench = inBrowser ? await startServer({ root: join(root, 'dist/bench'), port: 0 }) : null;
if (bench) await withProfile(async (page) => {
  // BENCH_PROFILE=<file.cpuprofile>: the main thread's CPU profile of the restore (bench-page calls
  // __profile('start'/'stop') around restoreBackup), for Chrome DevTools' Performance panel.
  if (process.env.BENCH_PROFILE) {
    const cdp = await page.context().newCDPSession(page);
    await page.exposeFunction('__profile', async (cmd) => {
      if (cmd === 'start') {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      } else {
        const { profile } = await cdp.send('Profiler.stop');
        writeFileSync(process.env.BENCH_PROFILE, JSON.stringify(profile));
      }
    });
  }
  await page.goto(params.size ? `${bench.url}?${params}` : bench.url);
  // The full run (seeding 100,000 收文, then backup and restore of everything) took ~11 minutes on 2 CPUs.
  await page.waitForFunction(() => window.__bench, null, { timeout: 1_800_000 });
  const result = await page.evaluate(() => window.__bench);
  if (result.error) throw new Error(result.error);
  figures.push(...result.figures);
});
await bench?.close();

// 3. The office LAN server (issue #19): plain Node against a throwaway PostgreSQL, over HTTPS.
if (!only || only === 'lan') {
  // CommonJS, as npm run server bundles it: some packages (chinese-days) require JSON files.
  const out = join(root, 'dist/bench-lan/lan-server.cjs');
  await esbuild({ absWorkingDir: root, entryPoints: ['test/bench/lan-server.ts'], outfile: out, bundle: true, platform: 'node', format: 'cjs', target: 'node20', packages: 'external', logLevel: 'warning' });
  const { lanBench } = createRequire(import.meta.url)(out);
  const small = params.has('n');
  figures.push(...(await lanBench({ seats: 10, commands: small ? 100 : 1000, pullRecords: small ? Number(params.get('n')) : 100_000, log: (l) => console.log(l) })));
  // A seat's first pull into its IndexedDB: the real app in Chromium (its renderer built above, or here).
  if (only === 'lan') await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  const seatOut = join(root, 'dist/bench-lan/lan-seat-pull.cjs');
  await esbuild({ absWorkingDir: root, entryPoints: ['test/bench/lan-seat-pull.ts'], outfile: seatOut, bundle: true, platform: 'node', format: 'cjs', target: 'node20', packages: 'external', logLevel: 'warning' });
  const { lanSeatPullBench } = createRequire(import.meta.url)(seatOut);
  const app = await startServer({ root: join(root, 'dist/renderer'), port: 0 });
  try {
    figures.push(...(await lanSeatPullBench({ appUrl: app.url, chrome, records: small ? Number(params.get('n')) : 100_000, log: (l) => console.log(l) })));
  } finally {
    await app.close();
  }
}

console.log('\n文枢 bench (headless Chromium and Node, this machine)\n');
// Bulk writes are also printed against the floor measured in the same run (test/bench/floor.ts):
// rows/s of the work itself over rows/s of bare IndexedDB bulkAdd.
const floor = figures.find((f) => f.floor);
for (const f of figures) {
  const value = f.value >= 100 ? Math.round(f.value) : Math.round(f.value * 100) / 100;
  const budget = f.budget ? `budget ${f.budget} ${f.unit}  ${f.value <= f.budget ? 'OK' : 'OVER'} (${(f.value / f.budget).toFixed(2)}× budget)` : '';
  const rate = f.rows && f.unit === 'ms' ? f.rows / (f.value / 1000) : null;
  const vsFloor = rate ? `  ${Math.round(rate)} rows/s${floor ? ` = ${(rate / floor.value).toFixed(2)}× the floor` : ''}` : '';
  console.log(`${f.name.padEnd(52)} ${String(value).padStart(8)} ${f.unit.padEnd(10)} ${budget}${vsFloor}`);
}
