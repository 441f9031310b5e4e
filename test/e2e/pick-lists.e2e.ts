import { afterEach, describe, expect, test } from 'vitest';
import { finishApp, openApp, type AppSession } from './browser';
import { addPeople, firstLogin, gotoNav, incomingStep, setUpOffice } from './screens';

// Issue #14 "Pick, don't type": 批示领导 and 责任单位 picked from the 人员名录 and the 机构 list
// (one added in place), a 常用意见 inserted by keyboard alone, and the 督办 a 批示 becomes saying
// what is to be done (the 标题 and the 批示), worded when it is made.

const ADMIN = { username: 'admin', password: 'Wenshu#2026' };
const PW = 'Chushi#2026a';
const FINAL = 'Zhengshi#2026b';
const MONDAY = new Date('2026-11-23T09:00:00+08:00');
const TITLE = '关于开展冬季安全生产大检查的通知';
let app: AppSession;

afterEach((ctx) => finishApp(app, ctx));

describe('pick, don\'t type', () => {
  test('批示领导 and 责任单位 from the lists (one added in place), a 常用意见 by keyboard, a 督办 from a 批示 reading 标题 + 批示', async () => {
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
    await addPeople(page, [
      { name: '李科长', unit: '财政科', title: '科长' },
      { name: '王县长', unit: '县人民政府', title: '县长' },
    ]);

    // A 平件 to work on.
    await gotoNav(page, '收文登记');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    const form = page.getByRole('form', { name: '收文登记' });
    await form.getByLabel('来文单位').fill('县应急管理局');
    await form.getByLabel('来文字号').fill('县应急发〔2026〕8号');
    await form.getByLabel('标题').fill(TITLE);
    await form.getByLabel('页数').fill('3');
    await page.keyboard.press('Control+S');
    await page.getByText('收〔2026〕0001').first().waitFor();
    await incomingStep(page, '初审');

    const focused = () => page.evaluate(() => ({ tag: document.activeElement?.tagName ?? '', id: document.activeElement?.id ?? '' }));
    const openOptions = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');

    // 拟办 by keyboard alone: the cursor is in 拟办意见; Tab to 常用意见, type to filter, Enter
    // inserts, and the cursor is back in the text to go on typing.
    await page.getByRole('button', { name: '拟办', exact: true }).click();
    let dialog = page.getByRole('dialog', { name: /^拟办：/ });
    await expect.poll(async () => (await focused()).tag).toBe('TEXTAREA');
    await page.keyboard.press('Tab');
    await expect.poll(() => dialog.getByLabel('常用意见').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('相关科室');
    await page.locator('.ant-select-item-option-active[title="请相关科室阅处"]').waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByLabel('拟办意见').inputValue()).toBe('请相关科室阅处');
    await expect.poll(async () => (await focused()).tag).toBe('TEXTAREA');
    await page.keyboard.type('，财政科牵头');
    expect(await dialog.getByLabel('拟办意见').inputValue()).toBe('请相关科室阅处，财政科牵头');
    await dialog.getByRole('button', { name: '拟办', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    // 批示: the 批示领导 box has the cursor; ↓ lists the 人员名录, leaders (by 职务) first.
    await page.getByRole('button', { name: '批示', exact: true }).click();
    dialog = page.getByRole('dialog', { name: /^批示：/ });
    await expect.poll(async () => (await focused()).id).toMatch(/leader$/);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => openOptions.evaluateAll((els) => els.map((e) => e.getAttribute('title')))).toEqual(['王县长', '李科长']);
    expect(await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-group').allInnerTexts()).toEqual(['领导', '其他人员']);
    await app.screenshot('pick-leader');
    // Typing filters (by name, 单位 or 职务): "县长" leaves 王县长; Enter picks him.
    await page.keyboard.type('县长');
    await expect.poll(() => openOptions.evaluateAll((els) => els.map((e) => e.getAttribute('title')))).toEqual(['王县长', '添加“县长”到人员名录']);
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByLabel('批示领导').locator('xpath=..').getAttribute('title')).toBe('王县长');
    await dialog.getByLabel('批示内容').fill('同意。');
    await dialog.getByRole('button', { name: '批示', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('王县长：同意。').first().waitFor();

    // 承办 with a 办理时限: the 督办事项 it becomes says what is to be done, and can be worded.
    await page.getByRole('button', { name: '承办', exact: true }).click();
    dialog = page.getByRole('dialog', { name: /^承办：/ });
    // The cursor is in the first field, 主办单位, once the dialog is open.
    await expect.poll(async () => (await focused()).id).toMatch(/hostId$/);
    await dialog.getByLabel('主办单位').click();
    await page.locator('.ant-select-item-option[title="财政科"]').click();
    await dialog.getByLabel('办理时限', { exact: true }).fill('5');
    const matter = dialog.getByLabel('督办事项');
    expect(await matter.inputValue()).toBe(`落实《${TITLE}》：王县长批示“同意。”`);
    await matter.press('End');
    await page.keyboard.type('12月1日前报送检查情况');
    await expect.poll(() => matter.inputValue()).toBe(`落实《${TITLE}》：王县长批示“同意。”12月1日前报送检查情况`);
    await dialog.getByRole('button', { name: '承办', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    const expected = `落实《${TITLE}》：王县长批示“同意。”12月1日前报送检查情况`;
    await gotoNav(page, '督办事项');
    const tasks = page.getByRole('table');
    await expect.poll(() => tasks.innerText()).toContain('财政科');
    await expect.poll(() => tasks.innerText()).toContain(expected);
    expect(await page.getByText(/^同意。$/).count()).toBe(0);

    // 新建督办 by keyboard: 责任单位 not yet in the list is added in place; 责任人 from the 名录.
    await page.getByRole('button', { name: '新建督办' }).click();
    const taskForm = page.getByRole('form', { name: '新建督办' });
    await taskForm.getByLabel('交办人').fill('王县长');
    await taskForm.getByLabel('督办内容').fill('督促完成城区燃气管道隐患排查');
    await taskForm.getByLabel('责任单位').click();
    await page.keyboard.type('住建');
    await page.locator('.ant-select-item-option-active[title="添加“住建”到机构名录"]').waitFor();
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('县住建局');
    await page.locator('.ant-select-item-option-active[title="添加“县住建局”到机构名录"]').waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => taskForm.getByLabel('责任单位').locator('xpath=..').getAttribute('title')).toBe('县住建局');
    await taskForm.getByLabel('责任人').click();
    await page.keyboard.type('李');
    await page.locator('.ant-select-item-option-active[title="李科长"]').waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => taskForm.getByLabel('责任人').locator('xpath=..').getAttribute('title')).toBe('李科长');
    await taskForm.getByRole('button', { name: '保存' }).click();
    await page.getByText('口头交办（王县长）').waitFor();
    expect(await page.getByText('县住建局', { exact: true }).count()).toBeGreaterThan(0);

    // The unit added in place is in the 机构 list from now on: offered when picking, kept in 设置.
    await gotoNav(page, '督办事项');
    await page.getByRole('button', { name: '新建督办' }).click();
    await page.getByRole('form', { name: '新建督办' }).getByLabel('责任单位').click();
    await expect.poll(() => openOptions.evaluateAll((els) => els.map((e) => e.getAttribute('title')))).toEqual(['办公室', '财政科', '县人民政府', '县住建局']);
    await page.keyboard.press('Escape');
    await gotoNav(page, '设置');
    await page.getByRole('tab', { name: '人员名录' }).click();
    await page.locator('.ant-tag', { hasText: '县住建局' }).waitFor();
  });
});
