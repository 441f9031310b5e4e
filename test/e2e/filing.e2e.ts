import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { makeLegacyRegisterXlsx } from '../fixtures/legacy-register';
import { finishApp, openApp, type AppSession } from './browser';
import { installDesktopBridge, type DesktopBridge } from './desktop-bridge';
import { firstLogin, gotoNav, incomingStep, pickName, setUpOffice } from './screens';

// Issue #6 done-when, in the desktop app's own code path (the Electron platform over a stand-in
// for the main process, see desktop-bridge.ts): file a year with documents from two 机构 and two
// 保管期限 → the catalogue PDF has the right 档号 sequence → export the 归档包 → verify it → alter
// one file → verify names it.

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
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, '');
}

/** Takes a registered 收文 through 初审 → 拟办 → 批示 → 承办 (by `host`) → 办结 on its page. */
async function finish(page: Page, serial: string, host: string): Promise<void> {
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
    await page.locator(`.ant-select-item-option[title="${host}"]`).click();
  });
  await step('办结', () => dialog().getByLabel('办理结果').fill('已办理完毕'));
  await page.getByText('已办结').first().waitFor();
}

async function choose(page: Page, select: ReturnType<Page['getByLabel']>, option: string): Promise<void> {
  await select.click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
}

describe('归档 in the desktop app: catalogue, 归档包, verification', () => {
  test('two 机构 × two 保管期限 → 档号 in order on the catalogue PDF → 归档包 verified → an altered file is named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wenshu-filing-'));
    let bridge: DesktopBridge | null = null;
    app = await openApp({
      time: MONDAY,
      beforeLoad: async (p) => {
        bridge = await installDesktopBridge(p, dir);
      },
    });
    const { page } = app;
    const desktop = bridge as unknown as DesktopBridge;
    await setUpOffice(page, {
      unitName: '某某县人民政府办公室',
      admin: ADMIN,
      departments: [
        ['BGS', '办公室'],
        ['CWK', '财务科'],
      ],
      people: [{ username: 'mishu', name: '张秘书', roles: ['秘书'] }],
      password: PW,
    });
    await firstLogin(page, 'mishu', PW, FINAL);

    // Four 收文 from the old Excel register, each taken to 办结: two by 办公室, two by 财务科.
    await gotoNav(page, '收文登记');
    const xlsx = join(dir, '收文登记簿.xlsx');
    writeFileSync(xlsx, await makeLegacyRegisterXlsx({ rows: 4 }));
    await page.getByRole('button', { name: '导入' }).click();
    desktop.nextOpen = xlsx;
    await page.getByRole('button', { name: '选择 Excel 文件' }).click();
    await page.getByRole('button', { name: '导入 4 行' }).click();
    await page.getByText('共 4 件').waitFor();
    const hosts = ['办公室', '财务科', '办公室', '财务科'];
    for (const [i, host] of hosts.entries()) await finish(page, `收〔2026〕000${i + 1}`, host);

    // 归档: a batch with an uncounted 件 is refused, naming it. The 机构 follow the 承办单位; 保管期限 永久 for 0001/0002, 定期30年 for 0003/0004.
    await gotoNav(page, '归档');
    const table = page.getByRole('table', { name: '待归档' });
    await table.getByRole('row', { name: /收〔2026〕0004/ }).waitFor();
    const row = (serial: string) => table.getByRole('row', { name: new RegExp(serial) });
    for (const [serial, retention] of [
      ['收〔2026〕0001', '永久'],
      ['收〔2026〕0002', '永久'],
      ['收〔2026〕0003', '定期30年'],
      ['收〔2026〕0004', '定期30年'],
    ] as const) {
      const r = row(serial);
      // The old register had no 页数: the filer counts the pages (filing refuses 0).
      await r.getByLabel('页数').fill('3');
      await choose(page, r.getByLabel('保管期限'), retention);
      await r.getByRole('checkbox').check();
    }
    expect(await row('收〔2026〕0001').textContent()).toContain('BGS 办公室');
    expect(await row('收〔2026〕0002').textContent()).toContain('CWK 财务科');
    await page.getByRole('button', { name: '归档', exact: true }).click();
    await page.getByText('已归档 4 件').waitFor();

    // The catalogue in catalogue order: 永久 before 定期30年 (not 档号 order, where D30 sorts first); BGS before CWK within each.
    await page.getByRole('tab', { name: '归档文件目录' }).click();
    const expected = ['Z109-WS·2026-Y-BGS-0001', 'Z109-WS·2026-Y-CWK-0001', 'Z109-WS·2026-D30-BGS-0001', 'Z109-WS·2026-D30-CWK-0001'];
    const catalogue = page.getByRole('table', { name: '归档文件目录' });
    await catalogue.getByRole('cell', { name: expected[1], exact: true }).waitFor();
    await page.getByRole('button', { name: '打印目录' }).click();
    await page.getByRole('toolbar', { name: '打印预览' }).getByRole('button', { name: '导出PDF' }).click();
    await expect.poll(() => desktop.written.find((p) => p.endsWith('.pdf')) ?? null, { timeout: 30_000 }).not.toBeNull();
    const cataloguePdf = desktop.written.find((p) => p.endsWith('.pdf'))!;
    copyFileSync(cataloguePdf, join(process.cwd(), 'test-results', 'archive-catalogue.pdf'));
    const text = pdfText(cataloguePdf);
    expect(text).toContain('归档文件目录');
    const positions = expected.map((code) => text.indexOf(code));
    expect(positions.every((p) => p >= 0), `catalogue PDF should list ${expected.join(', ')}`).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    await page.getByRole('toolbar', { name: '打印预览' }).getByRole('button', { name: '关闭' }).click();

    // 归档章 (one per 件) and 备考表 (one per box: four classes, four boxes).
    const printed = async (button: string, name: string): Promise<string> => {
      await page.getByRole('tab', { name: '归档文件目录' }).click();
      await page.getByRole('button', { name: button }).click();
      const count = desktop.written.length;
      await page.getByRole('toolbar', { name: '打印预览' }).getByRole('button', { name: '导出PDF' }).click();
      await expect.poll(() => desktop.written.length, { timeout: 30_000 }).toBe(count + 1);
      const file = desktop.written.at(-1)!;
      copyFileSync(file, join(process.cwd(), 'test-results', `${name}.pdf`));
      await page.getByRole('toolbar', { name: '打印预览' }).getByRole('button', { name: '关闭' }).click();
      return pdfText(file);
    };
    const stamps = await printed('打印归档章', 'archive-stamps');
    for (const label of ['全宗号', '年度', '件号', '保管期限', '页数', 'Z109', 'D30', '永久']) expect(stamps).toContain(label);
    const notes = await printed('打印备考表', 'box-notes');
    expect(notes.match(/备考表/g)?.length).toBeGreaterThanOrEqual(4);
    for (const label of ['盒内文件情况说明', '整理人', '检查人', '本盒共1件3页']) expect(notes).toContain(label);

    // 导出归档包: catalogue, 4 JSON + 4 PDF, manifest.
    await page.getByRole('tab', { name: '归档包' }).click();
    await page.getByRole('button', { name: '导出归档包' }).click();
    await page.getByText('已导出归档包：4 件，11 个文件').waitFor({ timeout: 60_000 });
    const zipPath = desktop.written.find((p) => p.endsWith('.zip'))!;
    expect(basename(zipPath)).toMatch(/^归档包-Z109-2026-\d{8}-\d{6}\.zip$/);
    const files = unzipSync(new Uint8Array(readFileSync(zipPath)));
    expect(Object.keys(files).sort()).toEqual([
      'catalogue.pdf',
      'catalogue.xlsx',
      'items/2026-D30-BGS-0001.json',
      'items/2026-D30-BGS-0001.pdf',
      'items/2026-D30-CWK-0001.json',
      'items/2026-D30-CWK-0001.pdf',
      'items/2026-Y-BGS-0001.json',
      'items/2026-Y-BGS-0001.pdf',
      'items/2026-Y-CWK-0001.json',
      'items/2026-Y-CWK-0001.pdf',
      'manifest.json',
    ]);
    writeFileSync(join(dir, 'slip.pdf'), files['items/2026-Y-BGS-0001.pdf']!);
    expect(pdfText(join(dir, 'slip.pdf'))).toContain('收文处理笺');
    writeFileSync(join(dir, 'catalogue-in-package.pdf'), files['catalogue.pdf']!);
    expect(pdfText(join(dir, 'catalogue-in-package.pdf'))).toContain(expected[0]);

    // 校验归档包: intact.
    const check = async (path: string) => {
      desktop.nextOpen = path;
      await page.getByRole('button', { name: '校验归档包' }).click();
      return page.getByRole('region', { name: '校验结果' });
    };
    let result = await check(zipPath);
    await result.getByText(`${basename(zipPath)}：完整，10 个文件均与清单一致`).waitFor();
    await result.getByText(/^有：.*由 mishu 导出/).waitFor();

    // One 件's data altered after export: named.
    const item = 'items/2026-Y-CWK-0001.json';
    files[item] = strToU8(strFromU8(files[item]!).replace('已办理完毕', '未办理'));
    const altered = join(dir, '归档包-改动.zip');
    writeFileSync(altered, zipSync(files));
    result = await check(altered);
    await result.getByText('归档包-改动.zip：发现问题——1 个文件被改动').waitFor();
    await result.getByText(item, { exact: true }).waitFor();
  });
});
