import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { makeLegacyRegisterXlsx } from '../fixtures/legacy-register';
import { finishApp, openApp, type AppSession } from './browser';
import { installDesktopBridge, type DesktopBridge } from './desktop-bridge';
import { completeSetup, firstLogin, gotoNav, login, logout, setUpOffice } from './screens';

const ADMIN = { username: 'admin', password: 'Wenshu#2026' };
const PW = 'Chushi#2026a';
const FINAL = 'Zhengshi#2026b';
const PASS = '备份口令-2026-冬';
let apps: AppSession[] = [];

afterEach(async (ctx) => {
  for (const a of apps) await finishApp(a, ctx);
  apps = [];
});

async function backupTab(page: Page): Promise<void> {
  await gotoNav(page, '设置');
  await page.getByRole('tab', { name: '备份与恢复' }).click();
}

describe('备份 and 恢复 between two installations', () => {
  test('a backup downloaded from one profile restores into a fresh one: wrong passphrase refused, then every 收文 and account back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wenshu-backup-'));
    const a = await openApp();
    apps.push(a);
    let page = a.page;
    await setUpOffice(page, { unitName: '某某县人民政府办公室', admin: ADMIN, people: [{ username: 'mishu', name: '刘秘书', roles: ['秘书'] }], password: PW });
    // Some records: 19 收文 imported by the secretary.
    await firstLogin(page, 'mishu', PW, FINAL);
    await gotoNav(page, '收文登记');
    await page.getByRole('button', { name: '导入' }).click();
    const xlsx = join(dir, '2025年收文登记簿.xlsx');
    writeFileSync(xlsx, await makeLegacyRegisterXlsx({ rows: 19 }));
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '选择 Excel 文件' }).click();
    await (await chooser).setFiles(xlsx);
    await page.getByRole('button', { name: '导入 19 行' }).click();
    await page.getByText('共 19 件').waitFor();
    await logout(page);

    // The administrator: never backed up → 工作台 warns; a backup with mismatched passphrases is refused.
    await login(page, ADMIN.username, ADMIN.password);
    await gotoNav(page, '工作台');
    await page.getByText('本机数据从未备份。').waitFor();
    await backupTab(page);
    const form = page.getByRole('form', { name: '立即备份' });
    await form.getByLabel('备份口令').fill(PASS);
    await form.getByLabel('确认口令').fill('另一个口令-2026');
    await form.getByRole('button', { name: '备份' }).click();
    await form.getByText('两次输入的口令不一致').waitFor();
    await form.getByLabel('确认口令').fill(PASS);
    const download = page.waitForEvent('download');
    await form.getByRole('button', { name: '备份' }).click();
    const file = join(dir, (await download).suggestedFilename());
    await (await download).saveAs(file);
    expect(file).toMatch(/文枢手动备份-\d{8}-\d{6}\.wsbak$/);
    await page.getByText(/最近一次成功备份.*手动/).waitFor();
    await gotoNav(page, '工作台');
    await page.getByText(/最近一次成功备份：/).waitFor();
    expect(await page.getByText('本机数据从未备份').count()).toBe(0);

    // A fresh installation elsewhere: its own administrator restores the file.
    const b = await openApp();
    apps.push(b);
    page = b.page;
    await completeSetup(page, { unitName: '新电脑', fondsCode: 'Z001', username: 'newadmin', password: 'Xinguanli#2026' });
    await login(page, 'newadmin', 'Xinguanli#2026');
    await backupTab(page);
    const restore = page.getByRole('region', { name: '从备份恢复' });
    const pick = page.waitForEvent('filechooser');
    await restore.getByRole('button', { name: '选择备份文件' }).click();
    await (await pick).setFiles(file);
    await restore.getByLabel('备份口令').fill('不是这个口令-123');
    await restore.getByRole('button', { name: '打开' }).click();
    await restore.getByText('口令不正确，无法打开此备份').waitFor();
    await restore.getByLabel('备份口令').fill(PASS);
    await restore.getByRole('button', { name: '打开' }).click();
    const manifest = restore.locator('.ant-descriptions');
    await expect.poll(() => manifest.innerText()).toContain('某某县人民政府办公室');
    expect(await manifest.innerText()).toContain('收文 19');
    await b.screenshot('backup-manifest');
    await restore.getByRole('button', { name: '恢复', exact: true }).click();
    // The rows are sealed and written by the restore's workers (issue #18), started from the app's
    // own origin under its CSP: were they blocked, the restore would still work, only slower.
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(new URL(w.url()).pathname));
    const safety = page.waitForEvent('download');
    await page.getByRole('dialog').getByRole('button', { name: '恢复' }).click();
    expect((await safety).suggestedFilename()).toMatch(/^文枢恢复前备份-/);
    expect(workers.filter((w) => /restore-rows\.worker/.test(w))).toHaveLength(2);
    const reloaded = page.waitForEvent('load', { timeout: 20_000 });
    await reloaded;
    // The app reloads first, then the login page says what was restored; what is typed there stays.
    await page.getByRole('button', { name: '登录' }).waitFor({ timeout: 15_000 });
    await page.getByRole('status').filter({ hasText: /已恢复 \d+ 条记录/ }).waitFor();
    await page.getByLabel('用户名').fill('mishu');
    await page.waitForTimeout(2500);
    expect(await page.getByLabel('用户名').inputValue()).toBe('mishu');
    await login(page, 'mishu', FINAL);
    await gotoNav(page, '收文登记');
    await page.getByText('共 19 件').waitFor();
    expect(await page.locator('header').innerText()).toContain('某某县人民政府办公室');
  });

  test('in the desktop app the chosen backup is read through main by range, never sent whole', async () => {
    const dirA = mkdtempSync(join(tmpdir(), 'wenshu-backup-a-'));
    const dirB = mkdtempSync(join(tmpdir(), 'wenshu-backup-b-'));
    let bridgeA: DesktopBridge | null = null;
    const a = await openApp({ beforeLoad: async (p) => void (bridgeA = await installDesktopBridge(p, dirA)) });
    apps.push(a);
    let page = a.page;
    await completeSetup(page, { unitName: '某某县人民政府办公室', fondsCode: 'Z001', username: ADMIN.username, password: ADMIN.password });
    await login(page, ADMIN.username, ADMIN.password);
    await backupTab(page);
    const form = page.getByRole('form', { name: '立即备份' });
    await form.getByLabel('备份口令').fill(PASS);
    await form.getByLabel('确认口令').fill(PASS);
    await form.getByRole('button', { name: '备份' }).click();
    await page.getByText(/最近一次成功备份.*手动/).waitFor();
    const file = (bridgeA as unknown as DesktopBridge).written.find((f) => /文枢手动备份-\d{8}-\d{6}\.wsbak$/.test(f))!;
    expect(file).toBeTruthy();

    let bridgeB: DesktopBridge | null = null;
    const b = await openApp({ beforeLoad: async (p) => void (bridgeB = await installDesktopBridge(p, dirB)) });
    apps.push(b);
    page = b.page;
    const desktop = bridgeB as unknown as DesktopBridge;
    await completeSetup(page, { unitName: '新电脑', fondsCode: 'Z001', username: 'newadmin', password: 'Xinguanli#2026' });
    await login(page, 'newadmin', 'Xinguanli#2026');
    await backupTab(page);
    const restore = await openChosenBackup(page, desktop, file);
    await restore.getByRole('button', { name: '恢复', exact: true }).click();
    const reloaded = page.waitForEvent('load', { timeout: 20_000 });
    await page.getByRole('dialog').getByRole('button', { name: '恢复' }).click();
    await reloaded;
    await page.getByRole('status').filter({ hasText: /已恢复 \d+ 条记录/ }).waitFor({ timeout: 15_000 });
    expect(desktop.written.some((f) => /文枢恢复前备份-/.test(f))).toBe(true);
    // Read in ranges of at most one slice or frame (1 MiB + 28), never the file in one piece.
    expect(desktop.reads.length).toBeGreaterThan(3);
    expect(Math.max(...desktop.reads)).toBeLessThanOrEqual(1024 * 1024 + 28);
    await login(page, ADMIN.username, ADMIN.password);
    await expect.poll(() => page.locator('header').innerText()).toContain('某某县人民政府办公室');
  });

  test('a restore killed half-way (the window closed while it writes) leaves the old data intact, and the next start removes its leftover', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wenshu-killed-'));
    const profile = mkdtempSync(join(tmpdir(), 'wenshu-killed-profile-'));
    let bridge: DesktopBridge | null = null;
    const a = await openApp({ profile, beforeLoad: async (p) => void (bridge = await installDesktopBridge(p, dir)) });
    const desktop = bridge as unknown as DesktopBridge;
    const page = a.page;
    await setUpOffice(page, { unitName: '某某县人民政府办公室', admin: ADMIN, people: [{ username: 'mishu', name: '刘秘书', roles: ['秘书'] }], password: PW });
    // A backup now, then 19 收文 the backup does not have: the data a restore would replace.
    await login(page, ADMIN.username, ADMIN.password);
    await backupTab(page);
    const form = page.getByRole('form', { name: '立即备份' });
    await form.getByLabel('备份口令').fill(PASS);
    await form.getByLabel('确认口令').fill(PASS);
    await form.getByRole('button', { name: '备份' }).click();
    await page.getByText(/最近一次成功备份.*手动/).waitFor();
    const file = desktop.written.find((f) => /文枢手动备份-\d{8}-\d{6}\.wsbak$/.test(f))!;
    await logout(page);
    await firstLogin(page, 'mishu', PW, FINAL);
    await gotoNav(page, '收文登记');
    await page.getByRole('button', { name: '导入' }).click();
    const xlsx = join(dir, '2025年收文登记簿.xlsx');
    writeFileSync(xlsx, await makeLegacyRegisterXlsx({ rows: 19 }));
    // The desktop's open dialog (the bridge answers it with this file).
    desktop.nextOpen = xlsx;
    await page.getByRole('button', { name: '选择 Excel 文件' }).click();
    await page.getByRole('button', { name: '导入 19 行' }).click();
    await page.getByText('共 19 件').waitFor();
    await logout(page);

    // The restore, from a slow disk: the window is closed while the bar shows rows being written.
    await login(page, ADMIN.username, ADMIN.password);
    await backupTab(page);
    const restore = await openChosenBackup(page, desktop, file);
    await restore.getByRole('button', { name: '恢复', exact: true }).click();
    desktop.readDelayMs = 400;
    await page.getByRole('dialog').getByRole('button', { name: '恢复' }).click();
    const bar = page.getByRole('group', { name: '恢复进度' });
    await bar.getByText(/^写入.*条/).waitFor({ timeout: 30_000 });
    const midway = await bar.innerText();
    const [done, total] = (/([\d,]+) \/ ([\d,]+) 条/.exec(midway) ?? []).slice(1).map((x) => Number(x!.replace(/,/g, '')));
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(total!);
    const names = async (p: Page) => (await p.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''))).sort();
    // The new database is being written beside the current one.
    expect((await names(page)).some((n) => n.startsWith('wenshu~'))).toBe(true);
    const anchor = desktop.anchor;
    expect(a.foreignRequests).toEqual([]);
    await a.context.close();

    // Started again on the same profile (and the same anchor file): the old data, usable.
    let again: DesktopBridge | null = null;
    const b = await openApp({ profile, beforeLoad: async (p) => void (again = await installDesktopBridge(p, dir, anchor)) });
    apps.push(b);
    const next = b.page;
    await login(next, 'mishu', FINAL);
    await gotoNav(next, '收文登记');
    await next.getByText('共 19 件').waitFor();
    expect(await next.locator('header').innerText()).toContain('某某县人民政府办公室');
    // The cut restore's database is gone; the data is still the family's own database.
    await expect.poll(() => names(next)).toEqual(['wenshu', 'wenshu-pointer']);
    expect(await next.getByText('审计日志').filter({ hasText: /被截断|不符|缺失/ }).count()).toBe(0);
    expect(again).not.toBeNull();
    expect(b.consoleErrors.filter((e) => /Uncaught|Error:/.test(e))).toEqual([]);
  });
});

/** In the desktop app: 从备份恢复 → 选择备份文件 (main hands over `file`), the passphrase, 打开; the manifest shown. */
async function openChosenBackup(page: Page, desktop: DesktopBridge, file: DesktopBridge['nextOpen']) {
  const restore = page.getByRole('region', { name: '从备份恢复' });
  desktop.nextOpen = file;
  await restore.getByRole('button', { name: '选择备份文件' }).click();
  await restore.getByText(/文枢手动备份-\d{8}-\d{6}\.wsbak/).waitFor();
  await restore.getByLabel('备份口令').fill(PASS);
  await restore.getByRole('button', { name: '打开' }).click();
  await expect.poll(() => restore.locator('.ant-descriptions').innerText()).toContain('某某县人民政府办公室');
  return restore;
}
