import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { finishApp, openApp, type AppSession } from './browser';
import { completeSetup } from './screens';

// Issue #18: the login page (and the 工作台 after it) must not load the code of what they do not
// show. Chunks are told by what their code contains, not by their names (a renamed file must not
// slip through): one string each library or layout cannot do without.
const HEAVY: Record<string, RegExp> = {
  'docx (Word export)': /wordprocessingml/,
  'xlsx (Excel export and import)': /spreadsheetml/,
  'pdf.js (attachment viewer, PDF text)': /GlobalWorkerOptions/,
  'ECharts (report charts)': /ECharts/,
  'print layouts (A4 pages)': /@page|ws-register-table/,
  'print fonts (Noto Serif SC)': /noto-serif/,
};

const ASSETS = fileURLToPath(new URL('../../dist/renderer/assets/', import.meta.url));
const ADMIN = { username: 'admin', password: 'Wenshu#2026' };
/** Above what the shell needs today (~1,100 KB at the split); the whole app was 2,350 KB. */
const SHELL_JS_LIMIT_KB = 1400;

let app: AppSession | null = null;
afterEach(async (ctx) => {
  await finishApp(app, ctx);
  app = null;
});

/** The scripts and style sheets the page has loaded so far, with their sizes. */
async function loaded(page: Page): Promise<{ file: string; bytes: number }[]> {
  const entries = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => ({ url: e.name, bytes: (e as PerformanceResourceTiming).decodedBodySize })));
  return entries
    .map((e) => ({ file: new URL(e.url).pathname.split('/').pop()!, bytes: e.bytes }))
    .filter((e) => /\.(m?js|css)$/.test(e.file));
}

/** Which of HEAVY each loaded file holds (read from the build the page is served from). */
function heavyIn(files: { file: string }[]): string[] {
  const found: string[] = [];
  for (const { file } of files) {
    const text = readFileSync(`${ASSETS}${file}`, 'utf8');
    for (const [what, marker] of Object.entries(HEAVY)) if (marker.test(text)) found.push(`${file}: ${what}`);
  }
  return found;
}

describe('the app shell loads only what it shows', () => {
  test('the markers are found in the build (the check below is not vacuous)', () => {
    const all = readdirSync(ASSETS).filter((f) => /\.(m?js|css)$/.test(f));
    const found = new Set(heavyIn(all.map((file) => ({ file }))).map((s) => s.split(': ')[1]));
    expect([...found].sort()).toEqual(Object.keys(HEAVY).sort());
  });

  test('the login page, then 工作台, load no chunk of docx, xlsx, pdf.js, ECharts or the print layouts', async () => {
    app = await openApp();
    const { page } = app;
    await completeSetup(page, { unitName: '某某县人民政府办公室', fondsCode: 'Z109', ...ADMIN });

    // A start as every day: the office is set up, the app opens on the login page.
    await page.reload();
    await page.getByRole('button', { name: '登录' }).waitFor();
    const atLogin = await loaded(page);
    expect(heavyIn(atLogin)).toEqual([]);
    const js = atLogin.filter((f) => /\.m?js$/.test(f.file)).reduce((n, f) => n + f.bytes, 0) / 1024;
    expect(js, `shell JS ${Math.round(js)} KB`).toBeLessThan(SHELL_JS_LIMIT_KB);
    // The app's code is fetched while signing in (first key or click, or after 2 s idle):
    // that too carries none of them.
    await expect.poll(async () => (await loaded(page)).length, { timeout: 10_000 }).toBeGreaterThan(atLogin.length);

    // Keyboard only, as an office user signs in.
    await page.getByLabel('用户名').fill(ADMIN.username);
    await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('密码', { exact: true }).press('Enter');
    await page.getByRole('heading', { name: '工作台' }).waitFor();
    expect(heavyIn(await loaded(page))).toEqual([]);

    // A page opened from the menu comes in its own chunk, at once.
    await page.getByRole('navigation', { name: '主导航' }).getByRole('menuitem', { name: '设置' }).click();
    await page.getByRole('tab', { name: '用户管理' }).waitFor();
  });
});
