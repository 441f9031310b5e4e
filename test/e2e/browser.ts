import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

/** System Chromium: CHROME_PATH, else Debian's. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const found = candidates.find((p): p is string => !!p && existsSync(p));
  if (!found) throw new Error('No Chromium found: install Debian `chromium` or set CHROME_PATH');
  return found;
}

export interface AppSession {
  context: BrowserContext;
  page: Page;
  baseUrl: string;
  /** Every request that tried to leave the app's own origin (must stay empty). */
  foreignRequests: string[];
  consoleErrors: string[];
  /** The Chromium profile folder (its IndexedDB files are what a copy of the PC would give away). */
  profile: string;
  /** Saves a screenshot under test-results/ (used when a test fails, to see what the user saw). */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A fresh Chromium profile per test (own user-data-dir, so its own IndexedDB), with every request
 * to another origin recorded and aborted: the app must never touch the network.
 */
export async function openApp(
  opts: {
    clock?: boolean;
    time?: Date;
    beforeLoad?: (page: Page) => Promise<void>;
    /** Reopen this profile (kept on close). */
    profile?: string;
    /** Another page than the app (the print proofs: inject('proofsUrl')). */
    url?: string;
  } = {},
): Promise<AppSession> {
  const baseUrl = opts.url ?? inject('baseUrl');
  const origin = new URL(baseUrl).origin;
  const profile = opts.profile ?? mkdtempSync(join(tmpdir(), 'wenshu-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    locale: 'zh-CN',
    viewport: { width: 1366, height: 768 }, // the most common office screen (issue #14)
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const foreignRequests: string[] = [];
  const consoleErrors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    const u = new URL(url);
    if (u.origin === origin || u.protocol === 'data:' || u.protocol === 'blob:') return route.continue();
    foreignRequests.push(url);
    return route.abort();
  });
  // route() does not see WebSockets: any attempt to open one to another origin is recorded too.
  await context.routeWebSocket(/.*/, (ws) => {
    foreignRequests.push(ws.url());
    void ws.close();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  if (opts.clock || opts.time) await page.clock.install(opts.time ? { time: opts.time } : {});
  await opts.beforeLoad?.(page);
  await page.goto(baseUrl);
  return {
    context,
    page,
    baseUrl,
    foreignRequests,
    consoleErrors,
    profile,
    async screenshot(name: string) {
      const path = join(process.cwd(), 'test-results', `${name.replace(/[^\w\u4e00-\u9fa5-]+/g, '_')}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await context.close();
      if (!opts.profile) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** After each test: on failure, a screenshot and the page's console errors; always, no request left the app. */
export async function finishApp(app: AppSession | null, ctx: { task: { name: string; result?: { state?: string } } }): Promise<void> {
  if (!app) return;
  if (ctx.task.result?.state === 'fail') {
    console.log('screenshot:', await app.screenshot(ctx.task.name));
    console.log('console errors:', app.consoleErrors.slice(0, 5).join('\n'));
  }
  try {
    expect(app.foreignRequests, `requests left the app's origin: ${app.foreignRequests.join(', ')}`).toEqual([]);
  } finally {
    await app.close();
  }
}
