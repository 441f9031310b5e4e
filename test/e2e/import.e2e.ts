import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { makeLegacyLedgerXlsx } from '../fixtures/legacy-ledger';
import { finishApp, openApp, type AppSession } from './browser';
import { firstLogin, gotoNav, setUpOffice } from './screens';

// The legacy import at scale (issue #18): a ledger of thousands of rows read in the worker and
// written in bulk, with its bar; 取消 half-way through the write leaves the register and its
// numbering exactly as they were (and records no file); the same file once imported is refused
// (issue #20).

const ADMIN = { username: 'admin', password: 'Wenshu#2026' };
const PW = 'Chushi#2026a';
const FINAL = 'Zhengshi#2026b';
const MONDAY = new Date('2026-11-23T09:00:00+08:00');
const ROWS = 5000;
let app: AppSession;

afterEach((ctx) => finishApp(app, ctx));

describe('收文: import of a large legacy register', () => {
  test('取消 half-way through the write leaves nothing written (the next number unchanged); imported again, every row arrives with the bar shown; a third time, refused', async () => {
    app = await openApp({ time: MONDAY });
    const { page } = app;
    await setUpOffice(page, { unitName: '某某县人民政府办公室', admin: ADMIN, departments: [['BGS', '办公室']], people: [{ username: 'mishu', name: '张秘书', roles: ['秘书'] }], password: PW });
    await firstLogin(page, 'mishu', PW, FINAL);

    // Rows up to last week, so the import would raise this year's counter.
    const dir = mkdtempSync(join(tmpdir(), 'wenshu-import-'));
    const file = join(dir, '收文登记簿（2025—2026）.xlsx');
    writeFileSync(file, await makeLegacyLedgerXlsx({ rows: ROWS, from: '2025-07-01', to: '2026-11-20' }));

    await gotoNav(page, '收文登记');
    await page.getByRole('button', { name: '导入' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '选择 Excel 文件' }).click();
    await (await chooser).setFiles(file);
    await page.getByRole('status').getByText(`可导入 ${ROWS} 行`).waitFor({ timeout: 60_000 });

    // 导入, then 取消 once the first batch is written (the bar says how far it is).
    await page.getByRole('button', { name: `导入 ${ROWS} 行` }).click();
    const bar = page.getByRole('group', { name: '导入进度' });
    await bar.getByText(`写入：2,000 / ${ROWS.toLocaleString('en-US')} 条`).waitFor({ timeout: 60_000 });
    await bar.getByRole('button', { name: '取消' }).click();
    await page.getByText('已取消导入，收文登记簿未作任何改动').waitFor({ timeout: 60_000 });
    expect(await bar.count()).toBe(0);

    // Nothing was written: the register is empty and today's next number is still the first.
    await gotoNav(page, '收文登记');
    await page.getByRole('status', { name: '登记簿中还没有收文' }).waitFor();
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await expect.poll(() => page.locator('#ws-serial').inputValue()).toBe('收〔2026〕0001');
    await page.keyboard.press('Escape');

    // The same file imported to the end.
    await gotoNav(page, '收文登记');
    await page.getByRole('button', { name: '导入' }).click();
    const again = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '选择 Excel 文件' }).click();
    await (await again).setFiles(file);
    await page.getByRole('status').getByText(`可导入 ${ROWS} 行`).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: `导入 ${ROWS} 行` }).click();
    await bar.getByText(/写入：[\d,]+ \/ 5,000 条/).waitFor({ timeout: 60_000 });
    await page.getByText(`共 ${ROWS} 件`).waitFor({ timeout: 120_000 });

    // The same file a third time (issue #20): known by its SHA-256 at the file step, refused with
    // when and by whom; nothing to map or import, and the register unchanged.
    await page.getByRole('button', { name: '导入' }).click();
    const third = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '选择 Excel 文件' }).click();
    await (await third).setFiles(file);
    const refused = page.getByRole('alert', { name: '文件已导入过' });
    await refused.waitFor({ timeout: 60_000 });
    expect(await refused.textContent()).toMatch(/^此文件已于 2026-11-23 \d\d:\d\d 由 张秘书 导入（收文 5,000 件），未重复导入$/);
    expect(await page.getByLabel('标题对应列').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^导入 \d+ 行$/ }).count()).toBe(0);
    await gotoNav(page, '收文登记');
    await page.getByText(`共 ${ROWS} 件`).waitFor();
  });
});
