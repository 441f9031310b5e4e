import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { finishApp, openApp, type AppSession } from './browser';
import { completeSetup, gotoNav, login } from './screens';

const ADMIN = { username: 'admin', password: 'Wenshu#2026' };
let app: AppSession;

beforeEach(async () => {
  app = await openApp({ clock: true });
  await completeSetup(app.page, { unitName: '某某县人民政府办公室', fondsCode: 'Z109', ...ADMIN });
});

afterEach((ctx) => finishApp(app, ctx));

describe('settings and accounts: bad input is refused beside the field', () => {
  test('duplicate user name, empty 单位名称, invalid calendar date; departments and a real override', async () => {
    const { page } = app;
    await login(page, ADMIN.username, ADMIN.password);
    await gotoNav(page, '设置');

    // A duplicate user name (in another case) is refused beside 用户名; the list is unchanged.
    await page.getByRole('tab', { name: '用户管理' }).click();
    await page.getByRole('button', { name: '新增用户' }).click();
    const dialog = page.getByRole('dialog', { name: '新增用户' });
    await dialog.getByLabel('用户名').fill('ADMIN');
    await dialog.getByLabel('姓名').fill('重名');
    // A business account is proposed, not created: no password field, the button says so.
    expect(await dialog.getByLabel('初始密码').count()).toBe(0);
    await dialog.getByRole('button', { name: '提交审批' }).click();
    await dialog.getByText('该用户名已被使用').waitFor();
    await dialog.getByRole('button', { name: '取消' }).click();
    // Typed input is not thrown away silently: the dialog asks first.
    await page.getByRole('dialog', { name: '放弃已填写的内容？' }).getByRole('button', { name: '放弃' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.locator('tbody tr').count()).toBe(1);

    // 单位信息: an empty name is refused; departments get unique codes.
    await page.getByRole('tab', { name: '单位信息' }).click();
    await page.getByLabel('单位名称').fill('');
    await page.getByRole('form', { name: '单位信息' }).getByRole('button', { name: '保存' }).click();
    await page.getByText('请输入单位名称').waitFor();
    await page.getByLabel('机构代码').fill('BGS');
    await page.getByLabel('机构名称').fill('办公室');
    await page.getByRole('button', { name: '添加机构' }).click();
    await page.getByRole('cell', { name: '办公室' }).waitFor();
    await page.getByLabel('机构代码').fill('BGS');
    await page.getByLabel('机构名称').fill('另一个办公室');
    await page.getByRole('button', { name: '添加机构' }).click();
    await page.getByText('机构代码 BGS 已被“办公室”使用').waitFor();
    expect(await page.getByRole('cell', { name: '另一个办公室' }).count()).toBe(0);

    // 节假日: an impossible date is refused; a real override changes the calendar.
    await page.getByRole('tab', { name: '节假日' }).click();
    await page.getByLabel('日期', { exact: true }).fill('2027-02-30');
    await page.getByRole('form', { name: '新增节假日设定' }).getByRole('button', { name: '保存' }).click();
    await page.getByText('请输入有效日期，格式如 2026-07-01').waitFor();
    expect(await page.getByRole('cell', { name: '2027-02-30' }).count()).toBe(0);
    await page.getByLabel('查询日期').fill('2026-11-25');
    await expect.poll(() => page.getByTestId('day-info').innerText()).toContain('工作日');
    await page.getByLabel('日期', { exact: true }).fill('2026-11-25');
    await page.getByLabel('说明').fill('临时放假');
    await page.getByRole('form', { name: '新增节假日设定' }).getByRole('button', { name: '保存' }).click();
    await page.getByRole('cell', { name: '2026-11-25' }).waitFor();
    await page.getByLabel('查询日期').fill('');
    await page.getByLabel('查询日期').fill('2026-11-25');
    await expect.poll(() => page.getByTestId('day-info').innerText()).toContain('休息日（临时放假');
  });

  test('five wrong passwords lock the name for 60 s, with no hint whether it exists', async () => {
    const { page } = app;
    for (const name of ['admin', 'ghost']) {
      for (let i = 0; i < 4; i++) {
        await login(page, name, `wrong-${i}-pass`);
        await expect.poll(() => page.getByRole('alert').innerText()).toBe('用户名或密码错误');
      }
      await login(page, name, 'wrong-5-pass');
      await expect.poll(() => page.getByRole('alert').innerText()).toContain('请 60 秒后再试');
    }
    await login(page, ADMIN.username, ADMIN.password);
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('秒后再试');
    await page.clock.fastForward(61_000);
    await login(page, ADMIN.username, ADMIN.password);
    await page.getByRole('heading', { name: '工作台' }).waitFor();
  });
});
