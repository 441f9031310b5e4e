import { afterEach, describe, expect, test } from 'vitest';
import { finishApp, openApp, type AppSession } from './browser';
import { approveViaUi, firstLogin, gotoNav, login, logout, OFFICER, setUpOffice } from './screens';

const ADMIN = { username: 'admin', password: 'Wenshu#2026' };
const PW = 'Chushi#2026a';
const FINAL = 'Zhengshi#2026b';
let app: AppSession;

afterEach((ctx) => finishApp(app, ctx));

describe('三员分立: the 系统管理员 cannot sign in as a business account (attack C of issue 12)', () => {
  test('a reset by the 系统管理员 gives him nothing; the 保密员 approves, hands over a one-time password, which must be replaced before the 收文 list', async () => {
    app = await openApp({ clock: true });
    const { page } = app;
    await setUpOffice(page, { unitName: '某某县人民政府办公室', admin: ADMIN, people: [{ username: 'mishu', name: '张秘书', roles: ['秘书'] }], password: PW });
    await firstLogin(page, 'mishu', PW, FINAL);
    await logout(page);

    // The 系统管理员 asks for a reset: there is no password to type, and nothing changes yet.
    await login(page, ADMIN.username, ADMIN.password);
    await gotoNav(page, '设置');
    await page.getByRole('tab', { name: '用户管理' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'mishu', exact: true }) });
    await row.getByRole('button', { name: '重置密码（提交审批）' }).click();
    await page.getByRole('button', { name: '提交审批', exact: true }).click();
    await row.getByText('待审批：重置密码').waitFor();
    expect(await page.getByLabel('新密码').count()).toBe(0);
    await logout(page);

    // Whatever he tries, he cannot sign in as the 秘书; the 秘书's own password still works.
    for (const guess of [PW, 'Wenshu#2026', 'Mima#Guess2026']) {
      await login(page, 'mishu', guess);
      await expect.poll(() => page.getByRole('form', { name: '登录' }).getByRole('alert').innerText()).toBe('用户名或密码错误');
    }
    await login(page, 'mishu', FINAL);
    await page.getByRole('navigation', { name: '主导航' }).waitFor();
    // The administrator's notice ("已提交…重置密码…") is not left on screen for the next person.
    expect(await page.getByText(/已提交/).count()).toBe(0);
    await logout(page);

    // The 保密员 approves and is shown the one-time password, once.
    await login(page, OFFICER.username, OFFICER.final);
    const once = await approveViaUi(page, 'mishu');
    expect(once).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){2,}$/);
    await logout(page);

    // Now the old password is gone; the one-time password opens only the 修改密码 screen.
    await login(page, 'mishu', FINAL);
    await expect.poll(() => page.getByRole('form', { name: '登录' }).getByRole('alert').innerText()).toBe('用户名或密码错误');
    await login(page, 'mishu', once!);
    await page.getByText('请修改初始密码').waitFor();
    expect(await page.getByRole('navigation', { name: '主导航' }).count()).toBe(0);
    await page.goto(`${app.baseUrl}#/incoming`);
    await page.getByText('请修改初始密码').waitFor();
    expect(await page.getByText('收文登记簿').count()).toBe(0);
    await page.getByLabel('当前密码').fill(once!);
    await page.getByLabel('新密码', { exact: true }).fill('Xinmima#2026c');
    await page.getByLabel('确认新密码').fill('Xinmima#2026c');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('navigation', { name: '主导航' }).waitFor();
    await gotoNav(page, '收文登记');
    await page.getByText('收文登记簿').first().waitFor();
  });
});
