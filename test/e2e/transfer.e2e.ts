import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { makeLegacyRegisterXlsx } from '../fixtures/legacy-register';
import { finishApp, openApp, type AppSession } from './browser';
import { firstLogin, gotoNav, setUpOffice } from './screens';

// 迁移包 between two installations (issue #6): the sender picks 收文, exports an encrypted package
// and reads the one-time passphrase; a fresh installation previews it (新增), imports it and its
// register shows the same records; the same package again is 已存在（相同） and changes nothing.

const PW = 'Chushi#2026a';
const FINAL = 'Zhengshi#2026b';
let apps: AppSession[] = [];

afterEach(async (ctx) => {
  for (const a of apps) await finishApp(a, ctx);
  apps = [];
});

/** The 收文 register's rows as the secretary reads them. */
async function registerText(page: Page): Promise<string> {
  await gotoNav(page, '收文登记');
  await page.getByText('共 3 件').waitFor();
  return (await page.locator('.ant-table-tbody').first().innerText()).trim();
}

/** 迁移包 → 导入: the file, the passphrase, 打开; returns the preview table. */
async function openPackage(page: Page, file: string, passphrase: string) {
  await gotoNav(page, '迁移包');
  await page.getByRole('tab', { name: '导入' }).click();
  const section = page.getByRole('region', { name: '导入迁移包' });
  const chooser = page.waitForEvent('filechooser');
  await section.getByRole('button', { name: '选择文件' }).click();
  await (await chooser).setFiles(file);
  await section.getByLabel('口令', { exact: true }).fill(passphrase);
  await section.getByRole('button', { name: '打开' }).click();
  return section;
}

describe('迁移包 between two installations', () => {
  test('exported from one profile and imported into a fresh one: the same 收文; importing it twice changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wenshu-transfer-'));
    const a = await openApp();
    apps.push(a);
    let page = a.page;
    await setUpOffice(page, { unitName: '某某县人民政府办公室', admin: { username: 'admin', password: 'Wenshu#2026' }, people: [{ username: 'mishu', name: '刘秘书', roles: ['秘书'] }], password: PW });
    await firstLogin(page, 'mishu', PW, FINAL);
    await gotoNav(page, '收文登记');
    await page.getByRole('button', { name: '导入' }).click();
    const xlsx = join(dir, '收文登记簿.xlsx');
    writeFileSync(xlsx, await makeLegacyRegisterXlsx({ rows: 3 }));
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '选择 Excel 文件' }).click();
    await (await chooser).setFiles(xlsx);
    await page.getByRole('button', { name: '导入 3 行' }).click();
    await page.getByText('共 3 件').waitFor();
    const sent = await registerText(page);

    // 迁移包 → 导出: the three 收文, the 接收单位, the file; then the passphrase, once.
    await gotoNav(page, '迁移包');
    const list = page.getByRole('table', { name: '可选收文' });
    for (const serial of ['收〔2026〕0001', '收〔2026〕0002', '收〔2026〕0003']) {
      await list.getByRole('row', { name: new RegExp(serial) }).getByRole('checkbox').check();
    }
    await page.getByText('已选：收文 3').waitFor();
    // Issue #20: what the package is for is asked first; another PC of this office keeps the records as they are.
    await page.getByRole('button', { name: '导出', exact: true }).click();
    await page.getByText('请选择迁移包的用途').waitFor();
    await page.getByRole('radio', { name: '本单位其他计算机' }).check();
    await page.getByRole('button', { name: '导出', exact: true }).click();
    await page.getByText('请填写接收单位').waitFor();
    await page.getByLabel('接收单位', { exact: true }).fill('某某县档案馆');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出', exact: true }).click();
    const file = join(dir, (await download).suggestedFilename());
    await (await download).saveAs(file);
    expect(file).toMatch(/文枢迁移包-某某县档案馆-\d{8}-\d{6}\.wstransfer$/);
    const dialog = page.getByRole('dialog', { name: /迁移包口令/ });
    const passphrase = await dialog.getByLabel('迁移包口令').inputValue();
    expect(passphrase).toMatch(/^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){4}$/);
    await dialog.getByText('不要与迁移包文件通过同一渠道传递').waitFor();
    await a.screenshot('transfer-passphrase');
    await dialog.getByRole('button', { name: '关闭' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // A fresh installation elsewhere: its secretary imports the package.
    const b = await openApp();
    apps.push(b);
    page = b.page;
    await setUpOffice(page, { unitName: '某某县档案馆', admin: { username: 'admin2', password: 'Newadmin#2026' }, people: [{ username: 'mishu2', name: '李秘书', roles: ['秘书'] }], password: PW });
    await firstLogin(page, 'mishu2', PW, FINAL);
    let section = await openPackage(page, file, 'AAAA-BBBB-CCCC-DDDD-EEEE');
    await section.getByText('口令不正确，无法打开此迁移包').waitFor();
    section = await openPackage(page, file, passphrase.toLowerCase());
    const preview = section.getByRole('table', { name: '迁移包内容' });
    await preview.getByRole('row', { name: /收〔2026〕0003/ }).waitFor();
    expect(await section.locator('.ant-descriptions').innerText()).toContain('某某县人民政府办公室');
    expect(await preview.getByRole('row').filter({ hasText: '新增' }).count()).toBe(3);
    await b.screenshot('transfer-preview');
    await section.getByRole('button', { name: '导入', exact: true }).click();
    await section.getByText('已导入：收文 3').waitFor();
    expect(await registerText(page)).toBe(sent);

    // The same package again: everything 已存在（相同）; the file was imported before (issue #20), so 导入 is off and nothing changes.
    section = await openPackage(page, file, passphrase);
    await preview.getByRole('row', { name: /收〔2026〕0003/ }).waitFor();
    expect(await preview.getByRole('row').filter({ hasText: '已存在（相同）' }).count()).toBe(3);
    await section.getByText(/此迁移包已于 .* 由 .* 导入.*未重复导入/).waitFor();
    expect(await section.getByRole('button', { name: '导入', exact: true }).isDisabled()).toBe(true);
    expect(await registerText(page)).toBe(sent);
  });
});
