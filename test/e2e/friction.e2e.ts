import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { finishApp, openApp, type AppSession } from './browser';
import { countInput, type InputCounter } from './input-count';
import { addPeople, firstLogin, gotoNav, incomingStep, setUpOffice, pickName } from './screens';

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
    // The leaders are in the 人员名录 (set up once, not counted): 批示领导 is picked from it.
    await addPeople(page, [{ name: '王县长', unit: '县人民政府', title: '县长' }]);
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
    await c.press('Control+Enter');
    await page.getByRole('dialog', { name: /^拟办：/ }).waitFor({ state: 'detached' });

    await c.click(page.getByRole('button', { name: '批示', exact: true }));
    const instruct = page.getByRole('dialog', { name: /^批示：/ });
    await instruct.waitFor();
    await startIn(page, c, instruct.getByLabel('批示领导'));
    await c.type('王县长');
    await c.press('Enter'); // picks him from the 人员名录
    await expect.poll(() => instruct.getByLabel('批示领导').locator('xpath=..').getAttribute('title')).toBe('王县长');
    // Tab on to 批示内容 (批示时间 keeps now, 口头批示 stays off); every press is counted.
    const focusedLabel = () => page.evaluate(() => document.activeElement?.closest('.ant-form-item')?.querySelector('label')?.textContent ?? '');
    for (let i = 0; i < 6 && (await focusedLabel()) !== '批示内容'; i++) await c.press('Tab');
    expect(await focusedLabel()).toBe('批示内容');
    await c.type('同意');
    await c.press('Control+Enter');
    await instruct.waitFor({ state: 'detached', timeout: 10_000 }).catch(async (e: unknown) => {
      await app.screenshot('friction-instruct-stuck');
      throw e;
    });

    await c.click(page.getByRole('button', { name: '承办', exact: true }));
    const assign = page.getByRole('dialog', { name: /^承办：/ });
    await assign.getByLabel('主办单位').waitFor();
    await startIn(page, c, assign.getByLabel('主办单位'));
    await c.type('财政');
    await page.locator('.ant-select-item-option-active[title="财政科"]').waitFor();
    await c.press('Enter');
    await expect.poll(() => assign.getByLabel('主办单位').getAttribute('aria-expanded')).toBe('false');
    await c.press('Control+Enter');
    await assign.waitFor({ state: 'detached' });
    await page.getByText('主办：财政科').first().waitFor();
    const round = { keys: c.keys - before.keys, clicks: c.clicks - before.clicks };
    // Each step is one click on its button; the dialog puts the cursor in its field itself.
    expect(round.clicks).toBe(3);
    console.log(`FRICTION COUNT 平件登记: ${registration.keys} keys, ${registration.clicks} clicks; 拟办→批示→承办: ${round.keys} keys, ${round.clicks} clicks`);

    // 登记 on a duplicate without a reason: said beside the reason box, nothing registered.
    await gotoNav(page, '收文登记');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await page.getByLabel('来文单位').fill('县财政局');
    await page.getByLabel('来文字号').fill('县财发〔2026〕31号');
    await page.getByLabel('标题').fill('关于报送年度预算执行情况的通知');
    await page.keyboard.press('Control+S');
    await page.getByLabel('重复登记理由').waitFor();
    await page.keyboard.press('Control+S');
    const reason = page.getByLabel('重复登记理由');
    await expect.poll(() => reason.getAttribute('aria-invalid')).toBe('true');
    const help = await reason.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${help}"]`).innerText()).toContain('请填写重复登记理由');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('重复登记理由');
    expect(await page.getByText('已登记 收〔2026〕0002').count()).toBe(0);

    // The cursor is placed once, as the form appears: what is typed at once into 来文单位 stays there
    // (it once jumped to 收文日期 a moment later, "2026-06-15市委办公室").
    for (let i = 0; i < 5; i++) {
      await gotoNav(page, '收文登记');
      await page.getByRole('button', { name: '登记', exact: true }).click();
      await page.getByLabel('来文单位').click();
      await page.keyboard.type('市委办公室');
      await page.waitForTimeout(300);
      expect(await page.getByLabel('来文单位').inputValue()).toBe('市委办公室');
      expect(await page.getByLabel('收文日期').inputValue()).toBe('2026-11-23');
    }

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
    // Choosing 秘密 and pressing Enter at once lands in 保密期限, enabled by that choice.
    await page.getByRole('radio', { name: '非密' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    expect((await focusedBox(page))?.label).toBe('保密期限');
    await page.getByRole('radio', { name: '非密' }).check();

    // Tab takes the same way.
    await page.getByLabel('收文日期').focus();
    const tabbed: string[] = [];
    for (let i = 0; i < 30; i++) {
      const box = await focusedBox(page);
      if (!box) break;
      tabbed.push(box.label);
      if (box.label === '登记') break;
      await page.keyboard.press('Tab');
    }
    expect(tabbed).toEqual(labels);
  });
});

/** The PDF the print preview makes, as text without spaces. */
async function printedText(page: Page, name: string): Promise<string> {
  await page.locator('.ws-print-root[data-print-ready="true"]').waitFor();
  const dir = mkdtempSync(join(tmpdir(), 'wenshu-friction-'));
  writeFileSync(join(dir, `${name}.pdf`), await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  return execFileSync('pdftotext', ['-raw', join(dir, `${name}.pdf`), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

const pageErrors = () => app.consoleErrors.filter((e) => !e.includes('Warning'));

describe('meetings and 督办: what is typed is what is printed', () => {
  test('empty 请假 and 代会 dialogs say what is missing (no page error); the 签到表 prints the 代会; the 催办单 prints the 催办说明', async () => {
    const page = await secretaryOffice();
    await addPeople(page, [
      { name: '张县长', unit: '县人民政府', title: '县长' },
      { name: '钱局长', unit: '县住建局', title: '局长' },
      { name: '赵局长', unit: '县财政局', title: '局长' },
    ]);
    await gotoNav(page, '会议纪要');
    await page.getByRole('button', { name: '新建会议' }).click();
    const form = page.getByRole('form', { name: '新建会议' });
    await form.getByLabel('会议名称').fill('县政府第13次常务会议');
    await form.getByLabel('开始时间').fill('2026-11-23 15:00');
    await form.getByLabel('地点').fill('县政府第一会议室');
    await form.getByLabel('主持人').fill('张县长');
    await form.getByLabel('出席', { exact: true }).click();
    for (const name of ['张县长', '钱局长', '赵局长']) {
      await page.keyboard.type(name.slice(0, 2));
      await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title^="${name}"]`).click();
    }
    await page.keyboard.press('Escape');
    await form.getByRole('button', { name: '保存' }).click();
    const signIn = page.getByRole('table', { name: '签到' });
    await signIn.waitFor();
    const row = (name: string) => signIn.getByRole('row').filter({ hasText: name });

    // 确定 on an empty dialog: the message beside the field, the dialog stays, nothing thrown.
    await row('赵局长').getByRole('button', { name: '请假' }).click();
    let dialog = page.getByRole('dialog', { name: '赵局长：请假' });
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.getByText('请填写请假事由').waitFor();
    await dialog.getByLabel('请假事由').press('Enter'); // the same by keyboard
    await dialog.getByText('请填写请假事由').waitFor();
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row('钱局长').getByRole('button', { name: '代会' }).click();
    dialog = page.getByRole('dialog', { name: '钱局长：代会' });
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.getByText('请填写代会人姓名').waitFor();
    await dialog.getByLabel('代会人', { exact: true }).fill('吴副局长');
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => row('钱局长').innerText()).toContain('吴副局长代会');
    expect(pageErrors()).toEqual([]);

    // The 签到表: the deputy in 备注 and in the 签名 cell of 钱局长's row.
    await page.getByRole('button', { name: '打印签到表' }).click();
    const sheet = await printedText(page, 'sign-in-deputy');
    expect(sheet).toContain('由吴副局长代会');
    expect(sheet).toContain('吴副局长代签');
    await page.getByRole('button', { name: '关闭' }).click();

    // A 口头交办 due tomorrow; two days later it is overdue and 催办 with a note of its own.
    await gotoNav(page, '督办事项');
    await page.getByRole('button', { name: '新建督办' }).click();
    const taskForm = page.getByRole('form', { name: '新建督办' });
    await taskForm.getByLabel('交办人').fill('张主任');
    await taskForm.getByLabel('督办内容').fill('报送冬季供暖保障方案');
    await pickName(page, taskForm, '责任单位', '县住建局');
    await taskForm.getByLabel('时限').fill('2026-11-24');
    await taskForm.getByRole('button', { name: '保存' }).click();
    await page.getByRole('button', { name: '打印催办单' }).waitFor();
    const taskUrl = page.url();
    await page.clock.setSystemTime(new Date('2026-11-26T09:00:00+08:00'));
    await gotoNav(page, '督办事项');
    await page.goto(taskUrl);
    await page.getByRole('button', { name: '催办', exact: true }).click();
    dialog = page.getByRole('dialog', { name: /^催办：/ });
    await dialog.getByLabel('催办说明').fill('请于11月27日前报送方案，逾期将通报');
    await dialog.getByRole('button', { name: '催办', exact: true }).click();
    const notice = await printedText(page, 'reminder-note');
    expect(notice).toContain('催办说明请于11月27日前报送方案，逾期将通报');
    expect(pageErrors()).toEqual([]);
  });
});

/** A 平件 registered by filling the form (not the subject here); returns on its page. */
async function registerOne(page: Page, title: string): Promise<void> {
  await gotoNav(page, '收文登记');
  await page.getByRole('button', { name: '登记', exact: true }).click();
  const form = page.getByRole('form', { name: '收文登记' });
  await form.getByLabel('来文单位').fill('县财政局');
  await form.getByLabel('来文字号').fill(`县财发〔2026〕${title.length}号`);
  await form.getByLabel('标题').fill(title);
  await form.getByRole('button', { name: '登记', exact: true }).click();
  await page.getByRole('button', { name: '初审', exact: true }).waitFor();
}

describe('empty registers and dialogs', () => {
  test('empty registers say what to do; Esc in a closed dropdown of the 承办 dialog asks before throwing the entry away', async () => {
    const page = await secretaryOffice();
    // A new office's empty registers say what to do, with the way to do it.
    for (const [nav, title, link] of [
      ['涉密载体', '台账中还没有您可以查看的涉密载体', null],
      ['会议纪要', '还没有会议', '新建第一个会议'],
      ['督办事项', '还没有督办事项', '登记口头交办事项'],
      ['收文登记', '登记簿中还没有收文', '登记第一件收文'],
    ] as const) {
      await gotoNav(page, nav);
      await page.getByRole('status', { name: title }).waitFor();
      if (link) expect(await page.getByRole('link', { name: link }).count()).toBe(1);
    }
    expect(await page.locator('.ant-empty-description', { hasText: '暂无数据' }).count()).toBe(0);
    await app.screenshot('empty-incoming-register');
    await page.getByRole('link', { name: '登记第一件收文' }).click();
    await page.getByRole('form', { name: '收文登记' }).waitFor();
    await registerOne(page, '关于做好冬季供暖保障工作的通知');
    await incomingStep(page, '初审');
    await incomingStep(page, '拟办', () => page.getByRole('dialog').getByLabel('拟办意见').fill('拟请财政科办理'));
    await incomingStep(page, '批示', async () => {
      await pickName(page, page.getByRole('dialog'), '批示领导', '王县长');
      await page.getByRole('dialog').getByLabel('批示内容').fill('同意');
    });
    await page.getByRole('button', { name: '承办', exact: true }).click();
    const assign = page.getByRole('dialog', { name: /^承办：/ });
    const host = assign.getByLabel('主办单位');
    await host.click();
    await page.keyboard.type('财政');
    await page.locator('.ant-select-item-option-active[title="财政科"]').waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => host.getAttribute('aria-expanded')).toBe('false');
    // Closed means gone from the screen too: an Esc during the list's closing animation went to the
    // list (seen once: no question, the dialog stayed).
    await expect.poll(() => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count()).toBe(0);
    // The list is closed: Esc now means "close the dialog", and the dialog asks first.
    await page.keyboard.press('Escape');
    const ask = page.getByRole('dialog', { name: '放弃已填写的内容？' });
    await ask.waitFor();
    await ask.getByRole('button', { name: '继续填写' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(await assign.locator('.ant-select-content, .ant-select-selection-item').first().innerText()).toContain('财政科');
    // Screen-reader labels in Chinese: the 办理时限 steppers, nothing in antd's English left.
    expect(await assign.getByRole('button', { name: '增加' }).count()).toBe(1);
    expect(await page.locator('[aria-label="Increase Value"], [aria-label="Decrease Value"], [aria-label^="Select row"], [aria-label="Select all"], [aria-label="search"], [aria-label="close"]').count()).toBe(0);
    // The same from the multiple-choice 协办单位 with its list closed.
    await assign.getByLabel('协办单位').focus();
    await page.keyboard.press('Escape');
    await ask.waitFor();
    await page.keyboard.press('Escape'); // Esc on the question keeps the entry too
    await ask.waitFor({ state: 'detached' });
    await assign.getByRole('button', { name: '承办', exact: true }).click();
    await assign.waitFor({ state: 'detached' });
    await page.getByText('主办：财政科').first().waitFor();
    // 传阅 has only started: the toast says so.
    await incomingStep(page, '传阅', async () => {
      await page.getByRole('dialog').getByLabel('传阅人').click();
      await page.locator('.ant-select-item-option[title="张秘书"]').click();
      await page.keyboard.press('Escape');
    });
    await page.getByText('收〔2026〕0001 已送传阅').waitFor();
    expect(await page.getByText('传阅完成').count()).toBe(0);
    expect(pageErrors()).toEqual([]);
  });
});
