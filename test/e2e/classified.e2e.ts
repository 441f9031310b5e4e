import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { finishApp, openApp, type AppSession } from './browser';
import { firstLogin, gotoNav, setUpOffice } from './screens';
import { installDesktopBridge, type DesktopBridge } from './desktop-bridge';

const ADMIN = { username: 'admin', password: 'Wenshu#2026' };
const PW = 'Chushi#2026a';
const FINAL = 'Zhengshi#2026b';
const MONDAY = new Date('2026-11-23T09:00:00+08:00');
let app: AppSession;

afterEach((ctx) => finishApp(app, ctx));

/** Picks `option` in the antd Select labelled `label` inside `scope`, the way a person clicks it. */
async function pick(page: Page, scope: Locator | Page, label: string, option: string): Promise<void> {
  await scope.getByLabel(label, { exact: true }).click();
  await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${option}"]`).click();
}

async function closeDropdowns(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'detached' }).catch(() => undefined);
}

const text = (pdf: string) => execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');

/** What Ctrl+P on the preview would put on paper (the page printed as it stands, not through 打印/导出PDF). */
async function previewPdfText(page: Page, name: string): Promise<string> {
  await page.locator('.ws-print-root[data-print-ready="true"]').waitFor();
  const dir = mkdtempSync(join(tmpdir(), 'wenshu-carrier-'));
  writeFileSync(join(dir, `${name}.pdf`), await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  return text(join(dir, `${name}.pdf`));
}

let desktop: DesktopBridge;

/** 导出PDF on the preview, as in the desktop app: the PDF the platform saved. */
async function exportedPdfText(page: Page): Promise<string> {
  await page.locator('.ws-print-root[data-print-ready="true"]').waitFor();
  const count = desktop.written.length;
  await page.getByRole('toolbar', { name: '打印预览' }).getByRole('button', { name: '导出PDF' }).click();
  await expect.poll(() => desktop.written.length, { timeout: 30_000 }).toBe(count + 1);
  return text(desktop.written.at(-1)!);
}

async function office(people: { username: string; name: string; roles: string[] }[]): Promise<Page> {
  // The desktop bridge (desktop-bridge.ts): 导出PDF saves the PDF the app printed, as in Electron.
  const dir = mkdtempSync(join(tmpdir(), 'wenshu-carrier-'));
  app = await openApp({
    time: MONDAY,
    beforeLoad: async (p) => {
      desktop = await installDesktopBridge(p, dir);
    },
  });
  await setUpOffice(app.page, { unitName: '某某县保密局', admin: ADMIN, people, password: PW });
  return app.page;
}

describe('涉密载体台账: from 登记 to 销毁', () => {
  test('register 机密 → lend → overdue → return → copy → 清点 by label code → destroy → 销毁清单 names both witnesses; forbidden actions refused', async () => {
    const page = await office([
      { username: 'baomi', name: '王保密', roles: ['安全保密管理员'] },
      { username: 'like', name: '李科长', roles: ['工作人员'] },
      { username: 'zhuren', name: '张主任', roles: ['工作人员'] },
      { username: 'sun', name: '孙其他', roles: ['工作人员'] },
      { username: 'zhao', name: '赵销毁', roles: ['工作人员'] },
      { username: 'qian', name: '钱监销', roles: ['工作人员'] },
    ]);
    await firstLogin(page, 'baomi', PW, FINAL);
    await gotoNav(page, '涉密载体');

    // 登记 a 机密 paper document; the 保密员 and 李科长 are its 知悉范围.
    await page.getByRole('button', { name: '登记', exact: true }).click();
    const form = page.getByRole('form', { name: '涉密载体登记' });
    await form.getByLabel('名称', { exact: true }).fill('关于某专项工作的实施方案');
    await pick(page, form, '密级', '机密');
    await expect.poll(() => form.getByLabel('保密期限', { exact: true }).inputValue()).toBe('20年');
    await form.getByLabel('页数').fill('12');
    await form.getByLabel('制作单位').fill('办公室');
    await pick(page, form, '知悉范围', '李科长');
    await closeDropdowns(page);
    await form.getByLabel('存放位置').fill('机要室1号保密柜');
    await form.getByRole('button', { name: '登记' }).click();
    await page.getByText('载〔2026〕0001').first().waitFor();
    const originalUrl = page.url();
    await expect.poll(() => page.locator('.ant-descriptions').innerText()).toContain('机密★20年');
    // 在库: 借出 is a button, 归还 is not (only what the state allows); 归还 waits under 更多 with its reason.
    await page.getByRole('button', { name: '借出', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: '归还', exact: true }).count()).toBe(0);

    const openDialog = async (action: string) => {
      await page.getByRole('button', { name: action, exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      return dialog;
    };
    const alertText = (scope: Locator | Page) => scope.getByRole('alert').first().innerText();

    // 借出 to someone outside the 知悉范围 without the 保密员's approval: refused.
    let dialog = await openDialog('借出');
    await pick(page, dialog, '借阅人', '孙其他');
    await dialog.getByLabel('借阅事由').fill('查阅');
    await pick(page, dialog, '批准人', '张主任');
    await dialog.getByRole('button', { name: '借出' }).click();
    await expect.poll(() => alertText(dialog)).toContain('孙其他不在知悉范围内，须经保密员批准方可借阅');

    // 借出 to 李科长 (in the 知悉范围), due Wednesday.
    await pick(page, dialog, '借阅人', '李科长');
    await dialog.getByLabel('应还日期').fill('2026-11-25');
    await dialog.getByRole('button', { name: '借出' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('.ant-card-head').getByText('借出').waitFor();

    // Friday: the loan is overdue on 工作台 and in the 催还 list.
    await page.clock.setSystemTime(new Date('2026-11-27T09:00:00+08:00'));
    await gotoNav(page, '工作台');
    const overdueCard = page.locator('[aria-label="借阅逾期"]');
    await expect.poll(() => overdueCard.innerText()).toContain('载〔2026〕0001');
    await expect.poll(() => overdueCard.innerText()).toContain('李科长');
    await gotoNav(page, '涉密载体');
    await page.getByRole('button', { name: '催还清单' }).click();
    await expect.poll(() => page.getByRole('table').last().innerText()).toContain('已逾期');
    await app.screenshot('carrier-overdue-list');
    await page.getByRole('link', { name: '载〔2026〕0001' }).click();
    await page.getByText('借阅已逾期：李科长').waitFor();

    // 归还.
    dialog = await openDialog('归还');
    await dialog.getByRole('button', { name: '归还' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('.ant-card-head').getByText('在库').waitFor();
    await expect.poll(() => page.getByRole('table', { name: '全部记录' }).innerText()).toContain('逾期 2 天');

    // 复制 without an approval: refused; with the 保密员's approval: a new carrier with 份号 000002.
    dialog = await openDialog('复制');
    await expect.poll(() => dialog.getByLabel('份号').getAttribute('placeholder')).toBe('000002');
    await dialog.getByLabel('份号').fill('2');
    await dialog.getByRole('button', { name: '复制' }).click();
    await expect.poll(() => alertText(dialog)).toContain('复制须经审批');
    expect(await page.evaluate(() => location.hash)).toBe(new URL(originalUrl).hash);
    await pick(page, dialog, '审批人', '王保密');
    await dialog.getByRole('button', { name: '复制' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('.ant-card-head').getByText('载〔2026〕0002').waitFor();
    await expect.poll(() => page.locator('.ant-descriptions').innerText()).toContain('000002');
    await expect.poll(() => page.locator('.ant-descriptions').innerText()).toContain('载〔2026〕0001（份号 000001）');
    await app.screenshot('carrier-copy-detail');

    // The original's QR label: its code is printed in plain text beside the symbol.
    await page.goto(originalUrl);
    await page.getByRole('button', { name: '打印标签' }).click();
    const label = page.locator('.ws-print-root svg[data-code]');
    await label.waitFor();
    const code = (await label.getAttribute('data-code'))!;
    expect(code).toBe('ZT2026-0001');
    await expect.poll(() => page.locator('.ws-print-root').innerText()).toContain(code);
    await page.locator('.ws-print-root[data-print-ready="true"]').waitFor();
    await app.screenshot('carrier-label');

    // The 机要室 printer takes A4 3×8 label sheets and feeds 1.5 mm right and 1 mm up of true:
    // its profile is saved once, audited, and the labels land on the sheet's cells, moved by it.
    const labelBox = () => page.locator('.ws-carrier-label').first().evaluate((el: HTMLElement) => [el.style.left, el.style.top, el.style.width, el.style.height].join(' '));
    expect(await labelBox()).toBe('28mm 43mm 77mm 30mm');
    await page.getByRole('toolbar', { name: '打印预览' }).getByRole('button', { name: '打印机设置' }).click();
    const printerDialog = page.getByRole('dialog', { name: '标签打印机' });
    await printerDialog.getByLabel('打印机名称').fill('机要室 HP');
    await pick(page, printerDialog, '标签纸', 'A4 不干胶 3×8（70×37 mm，每张 24 枚）');
    await printerDialog.getByLabel('左右偏移（毫米）').fill('1.5');
    await printerDialog.getByLabel('上下偏移（毫米）').fill('-1');
    await printerDialog.getByRole('button', { name: '保存' }).click();
    await printerDialog.waitFor({ state: 'detached' });
    await expect.poll(labelBox).toBe('1.5mm -0.5mm 70mm 37mm');
    await expect.poll(() => page.getByRole('toolbar', { name: '打印预览' }).getByLabel('标签打印机').locator('..').innerText()).toContain('机要室 HP');
    // A printer the office no longer has: its profile is deleted (asked first), the labels go back
    // to plain paper.
    await page.getByRole('toolbar', { name: '打印预览' }).getByRole('button', { name: '删除此打印机' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '删除' }).click();
    await expect.poll(labelBox).toBe('28mm 43mm 77mm 30mm');
    await expect.poll(() => page.getByRole('toolbar', { name: '打印预览' }).getByLabel('标签打印机').locator('..').innerText()).toContain('不指定打印机');
    await page.getByRole('toolbar', { name: '打印预览' }).getByLabel('标签打印机').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').first().waitFor();
    expect(await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').allInnerTexts()).toEqual([expect.stringContaining('不指定打印机')]);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '关闭' }).click();

    // 清点 the 保密柜: the scanner types the code and Enter; the copy is ticked by a click.
    await gotoNav(page, '涉密载体');
    await page.getByRole('button', { name: '清点', exact: true }).click();
    await pick(page, page, '选择存放位置', '机要室1号保密柜');
    await page.getByRole('button', { name: '开始清点' }).click();
    const scanBox = page.getByLabel('标签码');
    await scanBox.waitFor();
    await scanBox.pressSequentially(code.toLowerCase());
    await scanBox.press('Enter');
    await expect.poll(() => page.getByRole('status').innerText()).toContain('载〔2026〕0001（份号 000001）在位');
    await scanBox.pressSequentially('ZT2026-9999');
    await scanBox.press('Enter');
    await expect.poll(() => page.getByRole('status').innerText()).toContain('台账中没有这个编号的载体');
    await page.getByRole('button', { name: '载〔2026〕0002 在位' }).click();
    await expect.poll(() => page.getByRole('table', { name: '清点清单' }).innerText()).toMatch(/在位\s*扫码[\s\S]*在位\s*点选/);
    await page.getByRole('button', { name: '结束清点' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '结束清点' }).click();
    await page.getByText('账物相符').waitFor();
    await app.screenshot('carrier-inventory-ended');

    // 销毁: one person as both witnesses is refused; two different people destroy it.
    await page.goto(originalUrl);
    dialog = await openDialog('销毁');
    await pick(page, dialog, '审批人', '王保密');
    await pick(page, dialog, '销毁人', '赵销毁');
    await pick(page, dialog, '监销人', '赵销毁');
    await dialog.getByLabel('销毁方式').fill('送保密局销毁站销毁');
    await closeDropdowns(page);
    await dialog.getByLabel('销毁地点').fill('县保密局销毁站');
    await dialog.getByRole('button', { name: '销毁' }).click();
    await expect.poll(() => alertText(dialog)).toContain('销毁人和监销人不能是同一人');
    await pick(page, dialog, '监销人', '钱监销');
    await dialog.getByRole('button', { name: '销毁' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('.ant-card-head').getByText('已销毁').waitFor();

    // A destroyed carrier cannot be lent: no 借出 button; under 更多 it says why.
    expect(await page.getByRole('button', { name: '借出', exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: '更多', exact: true }).click();
    await expect.poll(() => page.getByRole('menuitem', { name: '借出' }).getAttribute('title')).toBe('该载体已销毁，不能借出');
    await page.getByRole('menuitem', { name: '借出' }).click();
    await expect.poll(() => alertText(page)).toContain('该载体已销毁，不能借出');

    // The 销毁清单 names the approver and both witnesses, and carries the 打印份号 this print took.
    await page.getByRole('button', { name: '打印销毁清单' }).click();
    const printed = await exportedPdfText(page);
    for (const expected of ['涉密载体销毁清单', '载〔2026〕0001', '销毁人：赵销毁', '监销人：钱监销', '审批人：王保密', '县保密局销毁站', '打印份号：2026-000001']) expect(printed).toContain(expected);
    expect(printed).not.toContain('打印时编号');
    await expect.poll(() => page.getByRole('toolbar', { name: '打印预览' }).getByRole('status').innerText()).toContain('已打印，打印份号 2026-000001');
    await app.screenshot('carrier-destruction-list');
    // The number belonged to that print: the preview is unnumbered again, and paper made from it
    // another way (Ctrl+P) carries only the notice, never the list without a number.
    const unnumbered = await previewPdfText(page, 'destruction-ctrl-p');
    expect(unnumbered).toContain('本件未取得打印份号，不能打印');
    expect(unnumbered).not.toContain('监销人');
    // A second print takes the next number.
    expect(await exportedPdfText(page)).toContain('打印份号：2026-000002');
    await page.getByRole('button', { name: '关闭' }).click();

    // Still in the register, 已销毁; every step is in its history.
    const history = await page.getByRole('table', { name: '全部记录' }).innerText();
    for (const step of ['登记', '借出', '归还', '复制', '清点', '销毁']) expect(history).toContain(step);
  });
});
