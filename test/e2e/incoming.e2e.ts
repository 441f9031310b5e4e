import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { makeLegacyRegisterXlsx } from '../fixtures/legacy-register';
import { finishApp, openApp, type AppSession } from './browser';
import { firstLogin, gotoNav, incomingStep, login, logout, pickName, setUpOffice } from './screens';

const ADMIN = { username: 'admin', password: 'Wenshu#2026' };
const PW = 'Chushi#2026a';
const FINAL = 'Zhengshi#2026b';
// A Monday: "3 个工作日" from here is Thursday 2026-11-26.
const MONDAY = new Date('2026-11-23T09:00:00+08:00');
let app: AppSession;

afterEach((ctx) => finishApp(app, ctx));

async function officeWithPeople(people: { username: string; name: string; roles: string[] }[]) {
  app = await openApp({ time: MONDAY });
  const { page } = app;
  await setUpOffice(page, { unitName: '某某县人民政府办公室', admin: ADMIN, departments: [['BGS', '办公室'], ['CZK', '财政科']], people, password: PW });
  return page;
}

describe('收文: from 登记 to 办结', () => {
  test('a 加急 机密 document registered by keyboard goes through every step; outsiders see 【涉密】', async () => {
    const page = await officeWithPeople([
      { username: 'mishu', name: '张秘书', roles: ['秘书'] },
      { username: 'reader1', name: '李科长', roles: ['工作人员'] },
      { username: 'reader2', name: '王科员', roles: ['工作人员'] },
      { username: 'outsider', name: '赵其他', roles: ['工作人员'] },
    ]);
    await firstLogin(page, 'mishu', PW, FINAL);
    await gotoNav(page, '收文登记');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await page.getByRole('form', { name: '收文登记' }).waitFor();

    // Keyboard only, counting keys: the cursor starts in 收文日期 (today by default).
    let keys = 0;
    const started = Date.now();
    const press = async (k: string, times = 1) => {
      for (let i = 0; i < times; i++) await page.keyboard.press(k);
      keys += times;
    };
    const type = async (text: string) => {
      await page.keyboard.type(text);
      keys += [...text].length;
    };
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBeTruthy();
    await press('Enter'); // 收文日期 = today
    await type('县财政局');
    await press('Enter');
    await type('县财发[2026]12号');
    await press('Enter');
    await type('关于做好年终财务决算工作的通知');
    await press('Enter');
    await type('函'); // 文种: filtered to 函 …
    await page.locator('.ant-select-item-option-active[title="函"]').waitFor();
    await press('Enter'); // … picked
    // A person sees the list close before pressing on; so does the test (no racing the UI).
    await expect.poll(() => page.getByLabel('文种').getAttribute('aria-expanded')).toBe('false');
    await press('Enter'); // next field
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('非密');
    await press('ArrowRight', 3); // 密级: 非密 → 内部 → 秘密 → 机密
    await expect.poll(() => page.getByLabel('保密期限').inputValue()).toBe('20年');
    await press('Enter');
    await press('Enter');
    await type('3'); // 份号
    await press('Enter');
    await press('ArrowRight'); // 紧急程度: 加急
    await press('Enter');
    await press('Enter'); // 份数 1
    await type('4'); // 页数
    await press('Enter');
    await type('2026-11-20'); // 成文日期
    await press('Control+S');
    await page.getByText('收〔2026〕0001').first().waitFor();
    console.log(`keyboard registration of one 加急 机密 document: ${keys} keystrokes, ${Date.now() - started} ms (Playwright typing)`);
    await page.getByText('县财发〔2026〕12号').first().waitFor();
    expect(await page.getByRole('cell', { name: '函', exact: true }).count()).toBe(1);
    // A 机密 收文 is a 涉密载体 too: registered with it (份号 000003), linked both ways.
    const carrierLink = page.getByRole('link', { name: /^载〔2026〕0001（份号 000003，在库）$/ });
    await carrierLink.waitFor();
    expect(await carrierLink.getAttribute('href')).toMatch(/^#\/classified\//);

    // 初审 → 拟办 → 批示 → 承办 (3 个工作日) → 传阅.
    const step = (verb: string, fill?: () => Promise<void>) => incomingStep(page, verb, fill);
    const dialog = () => page.getByRole('dialog');
    await step('初审');
    await step('拟办', () => dialog().getByLabel('拟办意见').fill('拟请财政科牵头办理，办公室协办'));
    await step('批示', async () => {
      await pickName(page, dialog(), '批示领导', '王县长');
      await dialog().getByLabel('批示内容').fill('同意拟办意见，请财政科抓紧落实');
    });
    // 加急 without a 办理时限 is refused.
    await page.getByRole('button', { name: '承办', exact: true }).click();
    const assign = page.getByRole('dialog', { name: /^承办：/ });
    await assign.getByLabel('主办单位').click();
    await page.locator('.ant-select-item-option[title="财政科"]').click();
    await assign.getByRole('button', { name: '承办', exact: true }).click();
    await assign.getByText('加急、特急公文承办时必须设定办理时限').waitFor();
    await assign.getByLabel('办理时限', { exact: true }).fill('3');
    await assign.getByRole('button', { name: '承办', exact: true }).click();
    await assign.waitFor({ state: 'detached' });
    await page.getByText('主办：财政科；办理时限：2026-11-26（3 个工作日）').waitFor();
    await step('传阅', async () => {
      await dialog().getByLabel('传阅人').click();
      await page.locator('.ant-select-item-option[title="李科长"]').click();
      await page.locator('.ant-select-item-option[title="王科员"]').click();
      await page.keyboard.press('Escape');
    });
    await page.getByText('文件现在：李科长处').waitFor();
    const recordUrl = page.url();
    await logout(page);

    // Each reader marks 已阅 on their own.
    for (const [user, name] of [
      ['reader1', '李科长'],
      ['reader2', '王科员'],
    ] as const) {
      await firstLogin(page, user, PW, FINAL);
      await page.goto(recordUrl);
      await page.getByRole('button', { name: `${name} 已阅` }).click();
      await page.getByText(new RegExp(`${name} 已阅 \\d`)).waitFor();
      await logout(page);
    }

    // 办结.
    await login(page, 'mishu', FINAL);
    // Signed in on her own 工作台 (not on the record the last reader left open), she opens it.
    await page.getByRole('heading', { name: '工作台' }).waitFor();
    await page.goto(recordUrl);
    await step('办结', () => dialog().getByLabel('办理结果').fill('已完成年终决算并报县政府'));
    await page.getByText('已办结').first().waitFor();

    // The 收文处理笺 as printed (A4 PDF from the print preview) carries every text entered.
    await page.goto(`${recordUrl}/print`);
    await page.locator('.ws-print-root[data-print-ready="true"]').waitFor();
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const dir = mkdtempSync(join(tmpdir(), 'wenshu-slip-'));
    writeFileSync(join(dir, 'slip.pdf'), pdf);
    const text = execFileSync('pdftotext', ['-raw', join(dir, 'slip.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const expected of [
      '收文处理笺',
      '收〔2026〕0001',
      '县财政局',
      '县财发〔2026〕12号',
      '关于做好年终财务决算工作的通知',
      '机密★20年',
      '拟请财政科牵头办理，办公室协办',
      '同意拟办意见，请财政科抓紧落实',
      '王县长',
      '已完成年终决算并报县政府',
      '李科长',
    ]) {
      expect(text, `slip PDF should contain ${expected}`).toContain(expected);
    }
    // A classified slip carries the watermark: who printed it, and when.
    expect(text).toContain('张秘书（mishu）');
    await page.goto(recordUrl);

    // The same 来文字号 typed differently: the duplicate warning names the first record.
    await gotoNav(page, '收文登记');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await page.getByLabel('来文单位').fill('县财政局');
    await page.getByLabel('来文字号').fill('县财发（2026）12号');
    await page.getByLabel('标题').fill('关于年终决算的补充通知（正式文本）');
    await page.getByLabel('标题').press('Enter');
    await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('收〔2026〕0001');
    // With a reason it may still be registered; 保存并新建 (Ctrl+Enter) keeps 收文日期 and 来文单位.
    await page.getByLabel('重复登记理由').fill('对方重新发来的正式文本');
    await page.keyboard.press('Control+Enter');
    await page.getByText('已登记 收〔2026〕0002').waitFor();
    expect(await page.getByLabel('来文单位').inputValue()).toBe('县财政局');
    expect(await page.getByLabel('收文日期').inputValue()).toBe('2026-11-23');
    expect(await page.getByLabel('来文字号').inputValue()).toBe('');
    expect(await page.getByLabel('标题').inputValue()).toBe('');
    await logout(page);

    // Outside the need-to-know: the row is masked and its title does not match a search.
    await firstLogin(page, 'outsider', PW, FINAL);
    await gotoNav(page, '收文登记');
    await page.getByRole('cell', { name: '收〔2026〕0001' }).waitFor();
    expect(await page.getByRole('cell', { name: '【涉密】' }).count()).toBe(1);
    expect(await page.getByText('年终财务决算').count()).toBe(0);
    await page.getByLabel('搜索').fill('年终财务');
    await page.locator('.ant-empty-description', { hasText: '暂无数据' }).waitFor();
    // Nor does its page show anything but number and state.
    await page.goto(recordUrl);
    await page.getByText('涉密文件：您不在知悉范围内，只能看到编号和状态。').waitFor();
    const body = await page.locator('body').innerText();
    for (const hidden of ['县财政局', '县财发', '年终', '拟请财政科', '王县长', '已完成年终决算']) expect(body).not.toContain(hidden);
    // The same in the 涉密载体台账: number, 密级 and 份号, never the title.
    await gotoNav(page, '涉密载体');
    await page.getByRole('cell', { name: '载〔2026〕0001' }).waitFor();
    expect(await page.getByRole('cell', { name: '【涉密】' }).count()).toBe(1);
    expect(await page.locator('body').innerText()).not.toContain('年终');
  });
});

describe('收文: import of a legacy Excel register', () => {
  test('a file with one bad row shows that row, and imports the rest only after confirmation', async () => {
    const page = await officeWithPeople([{ username: 'mishu', name: '张秘书', roles: ['秘书'] }]);
    await firstLogin(page, 'mishu', PW, FINAL);
    await gotoNav(page, '收文登记');
    await page.getByRole('button', { name: '导入' }).click();

    // Not a spreadsheet: a clear message, nothing imported.
    const dir = mkdtempSync(join(tmpdir(), 'wenshu-import-'));
    const notes = join(dir, '说明.xlsx');
    writeFileSync(notes, '这不是表格');
    let chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '选择 Excel 文件' }).click();
    await (await chooser).setFiles(notes);
    await page.getByText('这不是 Excel 工作簿（.xlsx）文件，无法读取').waitFor();

    const file = join(dir, '2025年收文登记簿.xlsx');
    writeFileSync(file, await makeLegacyRegisterXlsx({ rows: 20, badDateRow: 7 }));
    chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '选择 Excel 文件' }).click();
    await (await chooser).setFiles(file);
    await page.getByRole('status').getByText('可导入 19 行，有问题 1 行').waitFor();
    await expect.poll(() => page.getByRole('table', { name: '有问题的行' }).innerText()).toMatch(/第 7 行[\s\S]*2026-02-30/);
    // Nothing is written before the confirmation.
    await gotoNav(page, '收文登记');
    await page.getByRole('status', { name: '登记簿中还没有收文' }).waitFor();
    await page.getByRole('button', { name: '导入', exact: true }).click();
    chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '选择 Excel 文件' }).click();
    await (await chooser).setFiles(file);
    await page.getByRole('button', { name: '导入 19 行' }).click();
    await page.getByText('共 19 件').waitFor();

    // The 收文登记簿 of what was imported: A4 landscape, header row on every page, "— N —".
    await page.getByRole('button', { name: '打印' }).click();
    await page.locator('.ws-print-root[data-print-ready="true"]').waitFor();
    expect(page.url()).toContain('print-register?f=');
    writeFileSync(join(dir, 'register.pdf'), await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    const pages = execFileSync('pdftotext', ['-raw', join(dir, 'register.pdf'), '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((text, i) => {
      const flat = text.replace(/\s+/g, '');
      expect(flat).toContain('收文编号收文日期来文单位');
      // The columns issue #15 added to the default set.
      for (const header of ['文种', '份数', '页数', '签收人']) expect(flat).toContain(header);
      expect(flat).toContain(`—${i + 1}—`);
    });
    expect(pages.join('').replace(/\s+/g, '').match(/收〔\d{4}〕\d{4}/g)?.length).toBe(19);
  });
});
