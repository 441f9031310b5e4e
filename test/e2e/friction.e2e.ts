import { afterEach, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { finishApp, openApp, type AppSession } from './browser';
import { countInput, type InputCounter } from './input-count';
import { firstLogin, gotoNav, incomingStep, setUpOffice } from './screens';

// Issue #14, "Words and feedback": what a secretary meets every day, typed and clicked as she would.

const ADMIN = { username: 'admin', password: 'Wenshu#2026' };
const PW = 'Chushi#2026a';
const FINAL = 'Zhengshi#2026b';
const MONDAY = new Date('2026-11-23T09:00:00+08:00');
let app: AppSession;

afterEach((ctx) => finishApp(app, ctx));

async function secretaryOffice(): Promise<Page> {
  app = await openApp({ time: MONDAY });
  const { page } = app;
  await setUpOffice(page, {
    unitName: '某某县人民政府办公室',
    admin: ADMIN,
    departments: [['BGS', '办公室'], ['CZK', '财政科']],
    people: [{ username: 'mishu', name: '张秘书', roles: ['秘书'] }],
    password: PW,
  });
  await firstLogin(page, 'mishu', PW, FINAL);
  return page;
}

/** Where the focused field sits on screen: its form item's box (the label row), or the button's own. */
function focusedBox(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return null;
    const box = (el.closest('.ant-form-item') ?? el).getBoundingClientRect();
    const label = el.closest('.ant-form-item')?.querySelector('label')?.textContent ?? el.textContent ?? '';
    return { label: label.trim(), x: Math.round(box.left), y: Math.round(box.top) };
  });
}

/** Tab until the dialog's submit button has focus (keyboard-first submit), counting each Tab. */
async function tabTo(page: Page, c: InputCounter, button: string) {
  for (let i = 0; i < 12; i++) {
    const name = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim() ?? '');
    if ((await page.evaluate(() => document.activeElement?.tagName)) === 'BUTTON' && name.replace(/\s/g, '') === button) return;
    await c.press('Tab');
  }
  throw new Error(`Tab never reached ${button}`);
}

/**
 * A person looks where the cursor is before typing: if the dialog put it in its first field within
 * a moment, she types; otherwise she clicks the field first (one more click).
 */
async function startIn(page: Page, c: InputCounter, field: Locator) {
  for (let i = 0; i < 10; i++) {
    if (await field.evaluate((el) => el === document.activeElement)) return;
    await page.waitForTimeout(50);
  }
  await c.click(field);
}

describe('keyboard-first work, counted', () => {
  test('registering one 平件 and one 拟办→批示→承办 round; Enter walks the form in reading order', async () => {
    const page = await secretaryOffice();
    await gotoNav(page, '收文登记');
    const c = countInput(page);

    // One 平件: the fields a secretary fills, Enter between them, Ctrl+S to 登记.
    await c.click(page.getByRole('button', { name: '登记', exact: true }));
    await page.getByRole('form', { name: '收文登记' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.ant-form-item')?.querySelector('label')?.textContent)).toBe('收文日期');
    await c.press('Enter'); // 收文日期: today
    await c.type('县财政局');
    await c.press('Enter');
    await c.type('县财发〔2026〕31号');
    await c.press('Enter');
    await c.type('关于报送年度预算执行情况的通知');
    await c.press('Enter'); // 文种: 通知 (the default)
    await c.press('Enter'); // 密级: 非密
    await c.press('Enter'); // 份号
    await c.press('Enter'); // 紧急程度: 普通
    await c.press('Enter'); // 份数: 1
    await c.press('Enter');
    await c.type('3'); // 页数
    await c.press('Control+S');
    await page.getByText('已登记 收〔2026〕0001').waitFor();
    const registration = c.snapshot();

    // One round on the record's page; 初审 first (not counted: not part of the round).
    await incomingStep(page, '初审');
    const before = c.snapshot();
    await c.click(page.getByRole('button', { name: '拟办', exact: true }));
    await page.getByRole('dialog', { name: /^拟办：/ }).waitFor();
    await startIn(page, c, page.getByRole('dialog').getByLabel('拟办意见'));
    await c.type('拟请财政科办理');
    await tabTo(page, c, '拟办');
    await c.press('Enter');
    await page.getByRole('dialog', { name: /^拟办：/ }).waitFor({ state: 'detached' });

    await c.click(page.getByRole('button', { name: '批示', exact: true }));
    const instruct = page.getByRole('dialog', { name: /^批示：/ });
    await instruct.waitFor();
    await startIn(page, c, instruct.getByLabel('批示领导'));
    await c.type('王县长');
    await c.press('Tab'); // 批示时间: now
    await c.press('Tab'); // 口头批示
    await c.press('Tab'); // 批示内容
    await c.type('同意');
    await tabTo(page, c, '批示');
    await c.press('Enter');
    await instruct.waitFor({ state: 'detached' });

    await c.click(page.getByRole('button', { name: '承办', exact: true }));
    const assign = page.getByRole('dialog', { name: /^承办：/ });
    await assign.getByLabel('主办单位').waitFor();
    await startIn(page, c, assign.getByLabel('主办单位'));
    await c.type('财政');
    await page.locator('.ant-select-item-option-active[title="财政科"]').waitFor();
    await c.press('Enter');
    await expect.poll(() => assign.getByLabel('主办单位').getAttribute('aria-expanded')).toBe('false');
    await tabTo(page, c, '承办');
    await c.press('Enter');
    await assign.waitFor({ state: 'detached' });
    await page.getByText('主办：财政科').first().waitFor();
    const round = { keys: c.keys - before.keys, clicks: c.clicks - before.clicks };
    console.log(`FRICTION COUNT 平件登记: ${registration.keys} keys, ${registration.clicks} clicks; 拟办→批示→承办: ${round.keys} keys, ${round.clicks} clicks`);

    // Enter from the first field to the 登记 button visits every field in reading order.
    await gotoNav(page, '收文登记');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await page.getByRole('form', { name: '收文登记' }).waitFor();
    await page.getByLabel('收文日期').focus();
    const seen: { label: string; x: number; y: number }[] = [];
    for (let i = 0; i < 30; i++) {
      const box = await focusedBox(page);
      if (!box) break;
      seen.push(box);
      if (box.label === '登记') break;
      await page.keyboard.press('Enter');
    }
    expect(seen.at(-1)?.label).toBe('登记');
    const labels = seen.map((s) => s.label);
    for (const l of ['收文日期', '来文单位', '来文字号', '标题', '文种', '密级', '份号', '紧急程度', '份数', '页数', '成文日期', '附件', '签收人', '办理方式', '摘要']) expect(labels).toContain(l);
    // Reading order: top to bottom, and left to right within a row (same top within a few pixels).
    const reading = [...seen].sort((a, b) => (Math.abs(a.y - b.y) <= 4 ? a.x - b.x : a.y - b.y));
    expect(labels).toEqual(reading.map((s) => s.label));
  });
});
