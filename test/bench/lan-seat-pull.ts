import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Page } from 'playwright-core';
import { installDesktopBridge } from '../e2e/desktop-bridge';
import { seedServerIncoming, startLanServer } from '../fixtures/lan-server';
import type { Figure } from './lan-server';

// A new seat's first pull into its own IndexedDB (issue #19's ≤ 60 s goal for 100,000 收文): the
// real app in headless Chromium at 1366×768, its desktop code path (the bridge runs main's lan:*
// code), a throwaway PostgreSQL holding `records` 收文. Timed from the click on 登录 with a server
// account new to the PC until every record is in the PC's database and the register lists them.

const ADMIN = { username: 'admin', password: 'Bench#2026x' };
const CLERK = { login: 'clerk', password: 'Bench#2026-lan' };

/**
 * Whether the PC holds the server's last change: pages are applied in order, each in one
 * transaction, so the last record's version row means every page is in. A point read, where a
 * count scans the growing store (twice a second, it slowed the pull it watched).
 */
async function holdsLast(page: Page, lastId: string): Promise<boolean> {
  return page.evaluate(async (key) => {
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(info.name!);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const found = db.objectStoreNames.contains('lanVersions')
        ? await new Promise<boolean>((resolve, reject) => {
            const req = db.transaction('lanVersions').objectStore('lanVersions').getKey(key);
            req.onsuccess = () => resolve(req.result !== undefined);
            req.onerror = () => reject(req.error);
          })
        : false;
      db.close();
      if (found) return true;
    }
    return false;
  }, `v:incoming:${lastId}`);
}

async function countIncoming(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let n = 0;
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(info.name!);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      if (db.objectStoreNames.contains('incoming')) {
        n += await new Promise<number>((resolve, reject) => {
          const req = db.transaction('incoming').objectStore('incoming').count();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
      }
      db.close();
    }
    return n;
  });
}

export async function lanSeatPullBench(opts: { appUrl: string; chrome: string; records: number; log: (line: string) => void }): Promise<Figure[]> {
  const lan = await startLanServer([{ login: CLERK.login, displayName: '张秘书', roles: ['秘书'], password: CLERK.password }], { durable: true });
  const profile = mkdtempSync(join(tmpdir(), 'wenshu-bench-seat-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: opts.chrome, headless: true, viewport: { width: 1366, height: 768 }, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    await seedServerIncoming(lan.pool, opts.records);
    const page = context.pages()[0] ?? (await context.newPage());
    await installDesktopBridge(page, profile);
    await page.goto(opts.appUrl);
    await page.getByLabel('单位名称').fill('基准测试办');
    await page.getByLabel('全宗号').fill('Z001');
    await page.getByLabel('用户名').fill(ADMIN.username);
    await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('确认密码').fill(ADMIN.password);
    await page.getByRole('button', { name: '完成设置' }).click();
    await page.getByRole('button', { name: '登录' }).waitFor();
    const signIn = async (username: string, password: string) => {
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码', { exact: true }).fill(password);
      await page.getByRole('button', { name: '登录' }).click();
    };
    await signIn(ADMIN.username, ADMIN.password);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('menuitem', { name: '设置' }).click();
    await page.getByRole('tab', { name: '局域网' }).click();
    const form = page.getByRole('form', { name: '与局域网服务器配对' });
    await form.getByLabel('服务器地址').fill('127.0.0.1');
    await form.getByLabel('端口').fill(String(lan.running.port));
    await form.getByLabel('配对码').fill(await lan.newCode());
    await form.getByLabel('证书指纹').fill(lan.identity.fingerprint);
    await form.getByLabel('本机名称').fill('基准座席');
    await form.getByRole('button', { name: '配对' }).click();
    await page.getByLabel('局域网配对').waitFor();
    await page.getByRole('button', { name: '退出' }).click();
    await page.getByRole('button', { name: '登录' }).waitFor();

    const started = performance.now();
    await signIn(CLERK.login, CLERK.password);
    const last = (await lan.pool.query<{ record_id: string }>('SELECT record_id FROM change_log ORDER BY id DESC LIMIT 1')).rows[0]!.record_id;
    while (!(await holdsLast(page, last))) {
      await page.waitForTimeout(250);
      if (performance.now() - started > 600_000) throw new Error(`not pulled in 10 minutes (${await countIncoming(page)} of ${opts.records})`);
    }
    const stored = performance.now() - started;
    const held = await countIncoming(page);
    if (held !== opts.records) throw new Error(`the seat holds ${held} 收文, not ${opts.records}`);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('menuitem', { name: '收文登记' }).click();
    await page.getByText(`共 ${opts.records} 件`).waitFor({ timeout: 120_000 });
    const listed = performance.now() - started;
    opts.log(`  seat pull: ${held} 收文 stored in ${(stored / 1000).toFixed(1)} s, listed in ${(listed / 1000).toFixed(1)} s`);
    return [
      { name: `LAN: a new seat's first pull of ${opts.records} 收文 into IndexedDB`, value: stored / 1000, unit: 's', budget: 60 },
      { name: `LAN: … until its register lists them all`, value: listed / 1000, unit: 's' },
    ];
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await lan.stop();
  }
}
