import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { finishApp, openApp, type AppSession } from './browser';
import { completeSetup, firstLogin, gotoNav, incomingStep, login, logout, pickName, setUpOffice } from './screens';

// Issue #17 done-when: a 3-page PDF and a JPG attached to a 机密 收文 travel with it — a backup
// restored into a fresh profile brings both back (each opens: its chunks decrypt and its SHA-256
// matches), and the 归档包 made there holds them as the 件's 电子文件, byte for byte the files
// attached, with the SHA-256 the 清单 lists.

const ADMIN = { username: 'admin', password: 'Wenshu#2026' };
const PW = 'Chushi#2026a';
const FINAL = 'Zhengshi#2026b';
const PASS = '备份口令-2026-冬';
let apps: AppSession[] = [];

afterEach(async (ctx) => {
  for (const a of apps) await finishApp(a, ctx);
  apps = [];
});

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A PDF of `pages` empty A4 pages, with a correct cross-reference table. */
function pdfOfPages(pages: number): Uint8Array {
  const objects: string[] = [];
  const kids = Array.from({ length: pages }, (_, i) => `${3 + i} 0 R`).join(' ');
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push(`<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`);
  for (let i = 0; i < pages; i++) objects.push('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>');
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((n) => `${String(n).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

/** A real JPEG drawn by the browser (a grey page with a line of text). */
async function jpegFrom(page: Page): Promise<Uint8Array> {
  const b64 = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 600;
    c.height = 800;
    const g = c.getContext('2d')!;
    g.fillStyle = '#eee';
    g.fillRect(0, 0, 600, 800);
    g.fillStyle = '#000';
    g.font = '32px sans-serif';
    g.fillText('第1页 扫描件', 40, 80);
    return c.toDataURL('image/jpeg', 0.9).split(',')[1]!;
  });
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

/** 添加附件 on the open record's page: the file chosen through the dialog's file input. */
async function attach(page: Page, file: string, role?: string): Promise<void> {
  await page.getByRole('button', { name: '添加附件' }).click();
  const dialog = page.getByRole('dialog', { name: '添加附件' });
  if (role) {
    await dialog.getByLabel('用途').click();
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${role}"]`).click();
  }
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: '选择文件' }).click();
  await (await chooser).setFiles(file);
  await dialog.getByRole('button', { name: '添加', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** The full SHA-256 the panel shows for `name`. */
async function shownSha(page: Page, name: string): Promise<string> {
  const row = page.getByRole('table', { name: '附件' }).getByRole('row', { name: new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
  const label = await row.locator('[aria-label^="SHA-256 "]').getAttribute('aria-label');
  return label!.slice('SHA-256 '.length);
}

describe('attachments travel: backup and restore, 归档包', () => {
  test('a 机密 收文 with a 3-page PDF and a JPG: restored into a fresh profile with matching SHA-256, then filed; the 归档包 holds both files as its 电子文件', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wenshu-att-carry-'));
    const a = await openApp();
    apps.push(a);
    let page = a.page;
    await setUpOffice(page, { unitName: '某某县人民政府办公室', admin: ADMIN, departments: [['BGS', '办公室']], people: [{ username: 'mishu', name: '刘秘书', roles: ['秘书'] }], password: PW });
    await firstLogin(page, 'mishu', PW, FINAL);

    // 登记 a 机密 收文 (份号 3).
    await gotoNav(page, '收文登记');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    const form = page.getByRole('form', { name: '收文登记' });
    await form.getByLabel('来文单位', { exact: true }).fill('市保密局');
    await form.getByLabel('来文字号', { exact: true }).fill('市保发〔2026〕8号');
    await form.getByLabel('标题', { exact: true }).fill('关于某重大专项的机密通报');
    await form.getByLabel('文种', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="通报"]').click();
    await form.getByRole('radiogroup', { name: '密级' }).getByRole('radio', { name: '机密' }).check();
    await form.getByLabel('份号', { exact: true }).fill('3');
    await form.getByLabel('页数', { exact: true }).fill('3');
    await page.keyboard.press('Control+S');
    await page.getByText('收〔2026〕0001').first().waitFor();

    // Its scan (3 pages) and a photo of page 1.
    const pdfBytes = pdfOfPages(3);
    const jpgBytes = await jpegFrom(page);
    const pdfPath = join(dir, '市保发〔2026〕8号.pdf');
    const jpgPath = join(dir, '第1页.jpg');
    writeFileSync(pdfPath, pdfBytes);
    writeFileSync(jpgPath, jpgBytes);
    await attach(page, pdfPath);
    await attach(page, jpgPath, '其他');
    await page.getByRole('table', { name: '附件' }).getByText('第1页.jpg').waitFor();
    expect(await shownSha(page, '市保发〔2026〕8号.pdf')).toBe(sha256(pdfBytes));
    expect(await shownSha(page, '第1页.jpg')).toBe(sha256(jpgBytes));

    // Taken to 办结 (ready to file after the restore).
    const step = (verb: string, fill?: () => Promise<void>) => incomingStep(page, verb, fill);
    const dialog = () => page.getByRole('dialog');
    await step('初审');
    await step('拟办', () => dialog().getByLabel('拟办意见').fill('拟请办理'));
    await step('批示', async () => {
      await pickName(page, dialog(), '批示领导', '王县长');
      await dialog().getByLabel('批示内容').fill('同意');
    });
    await step('承办', async () => {
      await dialog().getByLabel('主办单位').click();
      await page.locator('.ant-select-item-option[title="办公室"]').click();
    });
    await step('办结', () => dialog().getByLabel('办理结果').fill('已办理完毕'));
    await page.getByText('已办结').first().waitFor();
    await logout(page);

    // 备份 by the administrator.
    await login(page, ADMIN.username, ADMIN.password);
    await gotoNav(page, '设置');
    await page.getByRole('tab', { name: '备份与恢复' }).click();
    const backup = page.getByRole('form', { name: '立即备份' });
    await backup.getByLabel('备份口令').fill(PASS);
    await backup.getByLabel('确认口令').fill(PASS);
    const download = page.waitForEvent('download');
    await backup.getByRole('button', { name: '备份' }).click();
    const file = join(dir, (await download).suggestedFilename());
    await (await download).saveAs(file);
    // The file holds the scans sealed: their bytes are not in it in the clear.
    const backupBytes = readFileSync(file);
    expect(backupBytes.includes(Buffer.from('/Type /Catalog'))).toBe(false);
    expect(backupBytes.length).toBeGreaterThan(pdfBytes.length + jpgBytes.length);

    // A fresh profile: its administrator restores the file.
    const b = await openApp();
    apps.push(b);
    page = b.page;
    await completeSetup(page, { unitName: '新电脑', fondsCode: 'Z001', username: 'newadmin', password: 'Xinguanli#2026' });
    await login(page, 'newadmin', 'Xinguanli#2026');
    await gotoNav(page, '设置');
    await page.getByRole('tab', { name: '备份与恢复' }).click();
    const restore = page.getByRole('region', { name: '从备份恢复' });
    const pick = page.waitForEvent('filechooser');
    await restore.getByRole('button', { name: '选择备份文件' }).click();
    await (await pick).setFiles(file);
    await restore.getByLabel('备份口令').fill(PASS);
    await restore.getByRole('button', { name: '打开' }).click();
    await expect.poll(() => restore.locator('.ant-descriptions').innerText()).toContain('某某县人民政府办公室');
    await restore.getByRole('button', { name: '恢复', exact: true }).click();
    const safety = page.waitForEvent('download');
    await page.getByRole('dialog').getByRole('button', { name: '恢复' }).click();
    await safety;
    await page.getByRole('button', { name: '登录' }).waitFor({ timeout: 30_000 });
    await login(page, 'mishu', FINAL);
    await gotoNav(page, '收文登记');
    await page.getByRole('link', { name: '收〔2026〕0001', exact: true }).click();
    await page.getByRole('table', { name: '附件' }).getByText('第1页.jpg').waitFor();
    expect(await shownSha(page, '市保发〔2026〕8号.pdf')).toBe(sha256(pdfBytes));
    expect(await shownSha(page, '第1页.jpg')).toBe(sha256(jpgBytes));
    // Each opens: every chunk decrypts under this PC's key and the whole matches its SHA-256.
    for (const name of ['市保发〔2026〕8号.pdf', '第1页.jpg']) {
      await page.getByRole('table', { name: '附件' }).getByRole('row', { name: new RegExp(name.replace('.', '\\.')) }).getByRole('button', { name: '查看' }).click();
      const viewer = page.getByRole('dialog', { name: new RegExp(`附件：${name.replace('.', '\\.')}`) });
      await viewer.waitFor();
      if (name.endsWith('.pdf')) await viewer.locator('canvas[data-rendered="true"]').first().waitFor({ timeout: 30_000 });
      else await viewer.getByRole('img', { name }).waitFor();
      expect(await page.getByText('无法打开附件').count()).toBe(0);
      await viewer.getByRole('button', { name: '关闭', exact: true }).last().click();
      await viewer.waitFor({ state: 'detached' });
    }

    // 归档 there, then the 归档包: the 件's folder holds both files, as attached.
    await gotoNav(page, '归档');
    const table = page.getByRole('table', { name: '待归档' });
    const row = table.getByRole('row', { name: /收〔2026〕0001/ });
    await row.waitFor();
    await row.getByLabel('保管期限').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="永久"]').click();
    await row.getByRole('checkbox').check();
    await page.getByRole('button', { name: '归档', exact: true }).click();
    await page.getByText('已归档 1 件').waitFor();
    await page.getByRole('tab', { name: '归档包' }).click();
    const zipDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出归档包' }).click();
    const zipPath = join(dir, (await zipDownload).suggestedFilename());
    await (await zipDownload).saveAs(zipPath);
    const files = unzipSync(new Uint8Array(readFileSync(zipPath)));
    const pdfIn = 'items/2026-Y-BGS-0001/01-市保发〔2026〕8号.pdf';
    const jpgIn = 'items/2026-Y-BGS-0001/02-第1页.jpg';
    expect(Object.keys(files).sort()).toEqual(['catalogue.xlsx', 'items/2026-Y-BGS-0001.json', pdfIn, jpgIn, 'manifest.json'].sort());
    expect(sha256(files[pdfIn]!)).toBe(sha256(pdfBytes));
    expect(sha256(files[jpgIn]!)).toBe(sha256(jpgBytes));
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as { files: { path: string; sha256: string; bytes: number }[]; items: { attachments?: { path: string; name: string; sha256: string; bytes: number }[] }[] };
    expect(manifest.items[0]!.attachments).toEqual([
      expect.objectContaining({ path: pdfIn, name: '市保发〔2026〕8号.pdf', sha256: sha256(pdfBytes), bytes: pdfBytes.length }),
      expect.objectContaining({ path: jpgIn, name: '第1页.jpg', sha256: sha256(jpgBytes), bytes: jpgBytes.length }),
    ]);
    for (const f of manifest.files) expect(sha256(files[f.path]!), f.path).toBe(f.sha256);
  });
});
