import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { legacyRegisterRows, makeLegacyRegisterXlsx } from '../fixtures/legacy-register';
import { finishApp, openApp, type AppSession } from './browser';
import { installDesktopBridge, type DesktopBridge } from './desktop-bridge';
import { firstLogin, gotoNav, incomingStep, logout, setUpOffice, pickName } from './screens';

// Issue #14 done-when: "a 工作人员 finding and printing a filed 件". The 秘书 files a 非密 and a
// 秘密 收文; a 工作人员 outside the 秘密 one's need to know finds the other by 题名 and by 档号,
// prints it (print preview → PDF, in the desktop app's code path) and sees the 秘密 one only as
// 【涉密】 (not found by its 题名, no 打印); the 秘书, within its need to know, prints it with the
// watermark; the 审计员 finds the prints in the audit log.

const ADMIN = { username: 'admin', password: 'Wenshu#2026' };
const PW = 'Chushi#2026a';
const FINAL = 'Zhengshi#2026b';
const MONDAY = new Date(2026, 10, 23, 9, 0);

let app: AppSession | null = null;
afterEach(async (ctx) => {
  await finishApp(app, ctx);
  app = null;
});

function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/[ \t\n]+/g, '');
}

/** Takes a registered 收文 through 初审 → 拟办 → 批示 → 承办 (by 办公室) → 办结 on its page. */
async function finish(page: Page, serial: string): Promise<void> {
  await gotoNav(page, '收文登记');
  await page.getByRole('link', { name: serial, exact: true }).click();
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
}

async function search(page: Page, text: string): Promise<void> {
  await page.getByLabel('搜索').fill(text);
}

describe('档案查阅: a 工作人员 finds and prints a filed 件', () => {
  test('found by 题名 and by 档号, printed to PDF and logged; a 秘密 件 outside the need to know stays 【涉密】', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wenshu-archive-'));
    let bridge: DesktopBridge | null = null;
    app = await openApp({
      time: MONDAY,
      beforeLoad: async (p) => {
        bridge = await installDesktopBridge(p, dir);
      },
    });
    const { page } = app;
    const desktop = bridge as unknown as DesktopBridge;
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await setUpOffice(page, {
      unitName: '某某县人民政府办公室',
      admin: ADMIN,
      departments: [['BGS', '办公室']],
      people: [
        { username: 'mishu', name: '张秘书', roles: ['秘书'] },
        { username: 'keyuan', name: '李科员', roles: ['工作人员'] },
        { username: 'shenji', name: '审计员', roles: ['安全审计员'] },
      ],
      password: PW,
    });

    // The 秘书: two 收文 from the old register (the second 秘密), both to 办结, both filed.
    const rows = legacyRegisterRows({ rows: 2, classifiedRows: 1 });
    const open = rows.find((r) => r.classification !== '秘密')!;
    const secret = rows.find((r) => r.classification === '秘密')!;
    await firstLogin(page, 'mishu', PW, FINAL);
    await gotoNav(page, '收文登记');
    const xlsx = join(dir, '收文登记簿.xlsx');
    writeFileSync(xlsx, await makeLegacyRegisterXlsx({ rows: 2, classifiedRows: 1 }));
    await page.getByRole('button', { name: '导入' }).click();
    desktop.nextOpen = xlsx;
    await page.getByRole('button', { name: '选择 Excel 文件' }).click();
    await page.getByRole('button', { name: '导入 2 行' }).click();
    await page.getByText('共 2 件').waitFor();
    for (const serial of ['收〔2026〕0001', '收〔2026〕0002']) await finish(page, serial);
    await gotoNav(page, '归档');
    const candidates = page.getByRole('table', { name: '待归档' });
    for (const serial of ['收〔2026〕0001', '收〔2026〕0002']) {
      const r = candidates.getByRole('row', { name: new RegExp(serial) });
      await r.getByLabel('页数').fill('3');
      await r.getByRole('checkbox').check();
    }
    await page.getByRole('button', { name: '归档', exact: true }).click();
    await page.getByText('已归档 2 件').waitFor();

    // The 秘书 is within the 秘密 件's need to know: she finds it by its 题名, and its print carries the watermark.
    await gotoNav(page, '档案查阅');
    await search(page, secret.title.slice(0, 6));
    await page.getByText('共 1 件').waitFor();
    await page.getByRole('table', { name: '档案查阅' }).getByRole('link').click();
    await page.getByRole('button', { name: '打印', exact: true }).click();
    await page.locator('.ws-print-root[data-print-ready="true"]').waitFor();
    await page.getByRole('toolbar', { name: '打印预览' }).getByRole('button', { name: '导出PDF' }).click();
    await expect.poll(() => desktop.written.filter((f) => f.endsWith('.pdf')).length, { timeout: 30_000 }).toBe(1);
    const secretPdf = pdfText(desktop.written.at(-1)!);
    expect(secretPdf).toContain(secret.title.replace(/\s+/g, ''));
    expect(secretPdf).toContain('张秘书（mishu）');
    await page.getByRole('toolbar', { name: '打印预览' }).getByRole('button', { name: '关闭' }).click();
    await logout(page);

    // The 工作人员: no 归档 in the menu, 档案查阅 instead.
    await firstLogin(page, 'keyuan', PW, FINAL);
    const menu = (await page.getByRole('navigation', { name: '主导航' }).getByRole('menuitem').allInnerTexts()).map((t) => t.trim());
    expect(menu).toContain('档案查阅');
    expect(menu).not.toContain('归档');
    await gotoNav(page, '档案查阅');
    const table = page.getByRole('table', { name: '档案查阅' });
    await page.getByText('共 2 件').waitFor();
    // Outside the need to know: 【涉密】, nothing of its content on the page.
    await table.getByRole('cell', { name: '【涉密】' }).waitFor();
    await app.screenshot('archive-lookup-list');
    const body = await page.locator('body').innerText();
    expect(body).toContain(open.title);
    for (const hidden of [secret.title, secret.fromUnit]) expect(body).not.toContain(hidden);

    // Found by its 题名 …
    await search(page, open.title.slice(0, 6));
    await page.getByText('共 1 件').waitFor();
    const openRow = table.getByRole('row', { name: new RegExp(open.title.slice(0, 6)) });
    const openCode = (await openRow.getByRole('link').innerText()).trim();
    expect(openCode).toMatch(/^Z109-WS·2026-.+-BGS-\d{4}$/);
    // … the 秘密 one never by its 题名, only by its 档号, and then still masked.
    await search(page, secret.title.slice(0, 6));
    await page.getByText('没有符合条件的归档文件').waitFor();
    await search(page, '');
    await page.getByText('共 2 件').waitFor();
    const secretCode = (await table.getByRole('row', { name: /【涉密】/ }).getByRole('link').innerText()).trim();
    await search(page, secretCode);
    await page.getByText('共 1 件').waitFor();
    await table.getByRole('link', { name: secretCode }).click();
    await page.getByText('涉密文件：您不在知悉范围内').waitFor();
    expect(await page.getByRole('button', { name: '打印', exact: true }).count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain(secret.title);
    await page.getByRole('button', { name: '返回档案查阅' }).click();

    // By its 档号, opened read-only, printed: the 收文处理笺 as filed, to PDF.
    await search(page, openCode);
    await page.getByText('共 1 件').waitFor();
    await table.getByRole('link', { name: openCode }).click();
    await page.locator('.ant-descriptions').getByText(open.title).first().waitFor();
    expect(await page.getByRole('button', { name: '归档', exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: '打印', exact: true }).click();
    const toolbar = page.getByRole('toolbar', { name: '打印预览' });
    await toolbar.waitFor();
    await page.locator('.ws-print-root[data-print-ready="true"]').waitFor();
    const before = desktop.written.length;
    await toolbar.getByRole('button', { name: '导出PDF' }).click();
    await expect.poll(() => desktop.written.length, { timeout: 30_000 }).toBe(before + 1);
    const pdf = pdfText(desktop.written.at(-1)!);
    expect(pdf).toContain('收文处理笺');
    expect(pdf).toContain(open.title.replace(/\s+/g, ''));
    // Not classified: no watermark.
    expect(pdf).not.toContain('李科员（keyuan）');
    await toolbar.getByRole('button', { name: '关闭' }).click();
    await page.getByText(openCode).first().waitFor();
    await logout(page);

    // The 审计员 reads the output in the log: who, which 件, how.
    await firstLogin(page, 'shenji', PW, FINAL);
    await gotoNav(page, '审计日志');
    const entry = page.getByRole('row').filter({ has: page.getByRole('cell', { name: '打印归档件' }) });
    await entry.first().waitFor();
    const logged = await entry.first().innerText();
    expect(logged).toContain(openCode);
    expect(logged).toContain('收〔2026〕');
    expect(logged).toContain('导出PDF');
    expect(logged).toContain('keyuan');
    expect(pageErrors).toEqual([]);
  });
});
