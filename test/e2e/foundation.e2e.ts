import { afterEach, describe, expect, test } from 'vitest';
import { finishApp, openApp, type AppSession } from './browser';
import { approveViaUi, completeSetup, createUserViaUi, firstLogin, gotoNav, login, logout, OFFICER } from './screens';

const ADMIN = { username: 'admin', password: 'Wenshu#2026' };
let app: AppSession | null = null;

afterEach(async (ctx) => {
  await finishApp(app, ctx);
  app = null;
});

describe('foundation: setup → login → every page → audit verify → lock → login', () => {
  test('a new office sets up, works through every entry, and the auditor verifies the log', async () => {
    app = await openApp({ clock: true });
    const { page } = app;

    // First run: bad input is refused beside the field, nothing is created.
    await page.getByRole('button', { name: '完成设置' }).click();
    await expect.poll(() => page.getByText('请输入单位名称').isVisible()).toBe(true);
    await page.getByLabel('单位名称').fill('某某县人民政府办公室');
    await page.getByLabel('全宗号').fill('Z109');
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码', { exact: true }).fill('short');
    await page.getByLabel('确认密码').fill('short');
    await page.getByRole('button', { name: '完成设置' }).click();
    await expect.poll(() => page.getByText('密码至少 10 位').isVisible()).toBe(true);
    await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('确认密码').fill('Wenshu#2025');
    await page.getByRole('button', { name: '完成设置' }).click();
    await expect.poll(() => page.getByText('两次输入的密码不一致').isVisible()).toBe(true);
    await page.getByLabel('单位名称').fill('');
    await page.getByLabel('确认密码').fill(ADMIN.password);
    await page.getByRole('button', { name: '完成设置' }).click();
    await expect.poll(() => page.getByText('请输入单位名称').isVisible()).toBe(true);
    await completeSetup(page, { unitName: '某某县人民政府办公室', fondsCode: 'Z109', ...ADMIN });

    // Wrong password and unknown user get the same words.
    await login(page, 'admin', 'wrong-password');
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('用户名或密码错误');
    await login(page, 'nobody', 'wrong-password');
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('用户名或密码错误');

    await login(page, ADMIN.username, ADMIN.password);
    await page.getByRole('heading', { name: '工作台' }).waitFor();
    await expect.poll(() => page.getByText('某某县人民政府办公室').first().isVisible()).toBe(true);

    // The 系统管理员 sees 工作台 and 设置 only (三员分立: no records, no audit log), even by URL.
    const adminMenu = await page.getByRole('navigation', { name: '主导航' }).getByRole('menuitem').allInnerTexts();
    expect(adminMenu.map((t) => t.trim())).toEqual(['工作台', '设置']);
    await page.goto(`${app.baseUrl}#/audit`);
    await page.getByText('无权访问').waitFor();
    await page.goto(`${app.baseUrl}#/incoming`);
    await page.getByText('无权访问').waitFor();
    await gotoNav(page, '工作台');
    await page.getByRole('heading', { name: '工作台' }).waitFor();

    // 设置 → 用户管理: create the 安全审计员.
    await gotoNav(page, '设置');
    await page.getByRole('tab', { name: '用户管理' }).click();
    await page.getByRole('button', { name: '新增用户' }).click();
    const dialog = page.getByRole('dialog', { name: '新增用户' });
    await dialog.getByLabel('用户名').fill('shenji');
    await dialog.getByLabel('姓名').fill('审计员甲');
    await dialog.getByRole('checkbox', { name: '工作人员' }).uncheck();
    await dialog.getByRole('checkbox', { name: '安全审计员' }).check();
    await dialog.getByRole('checkbox', { name: '系统管理员' }).check();
    // Two roles are no 初始配置 account: a proposal (no password), refused beside 角色.
    await dialog.getByRole('button', { name: '提交审批' }).click();
    await expect.poll(() => dialog.getByText('不能由同一账户兼任').isVisible()).toBe(true);
    await dialog.getByRole('checkbox', { name: '系统管理员' }).uncheck();
    // 初始配置 (no 保密员 yet): the first 安全审计员 gets a typed initial password.
    await dialog.getByLabel('初始密码').fill('Chushi#0001');
    await dialog.getByLabel('确认密码').fill('Chushi#0001');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: 'shenji' }).waitFor();

    // The first 保密员 (初始配置, direct), then the 秘书, proposed for the 保密员's approval.
    await createUserViaUi(page, { username: OFFICER.username, name: '保密员', roles: ['安全保密管理员'], password: 'Chushi#0001' });
    await createUserViaUi(page, { username: 'mishu', name: '张秘书', roles: ['秘书'] });
    await page.getByText('待审批：新建账户').waitFor();

    // Unsaved input survives the idle lock — also with a dialog open over the form.
    await page.getByRole('tab', { name: '单位信息' }).click();
    await page.getByLabel('单位名称').fill('某某县人民政府办公室（未保存）');
    await page.clock.fastForward('10:05');
    const lock = page.getByRole('dialog', { name: '已锁定' });
    await lock.waitFor();
    await lock.getByLabel('密码', { exact: true }).fill(ADMIN.password);
    await lock.getByRole('button', { name: '登录' }).click();
    await lock.waitFor({ state: 'detached' });
    expect(await page.getByLabel('单位名称').inputValue()).toBe('某某县人民政府办公室（未保存）');
    await page.getByRole('tab', { name: '用户管理' }).click();
    await page.getByRole('button', { name: '新增用户' }).click();
    const half = page.getByRole('dialog', { name: '新增用户' });
    await half.getByLabel('用户名').fill('banjie');
    await page.clock.fastForward('10:05');
    await lock.waitFor();
    await lock.getByLabel('密码', { exact: true }).fill(ADMIN.password);
    await lock.getByRole('button', { name: '登录' }).click();
    await lock.waitFor({ state: 'detached' });
    expect(await half.getByLabel('用户名').inputValue()).toBe('banjie');
    await half.getByRole('button', { name: '取消' }).click();
    // Typed input is not thrown away silently: the dialog asks first.
    await page.getByRole('dialog', { name: '放弃已填写的内容？' }).getByRole('button', { name: '放弃' }).click();
    await half.waitFor({ state: 'detached' });

    await logout(page);

    // The 保密员 replaces the initial password and approves the 秘书: a one-time password.
    await firstLogin(page, OFFICER.username, 'Chushi#0001', OFFICER.final);
    await approveViaUi(page, 'mishu');
    await logout(page);

    // A 秘书 reaches every navigation entry; registers that later issues bring say so.
    await firstLogin(page, 'mishu', 'Chushi#0001', 'Zhengshi#0002');
    const menu7 = await page.getByRole('navigation', { name: '主导航' }).getByRole('menuitem').allInnerTexts();
    expect(menu7.map((t) => t.trim())).toEqual(['工作台', '收文登记', '发文登记', '涉密载体', '会议纪要', '督办事项', '运转时效', '归档', '档案查阅', '迁移包', '设置']);
    await gotoNav(page, '收文登记');
    await page.getByRole('heading', { name: '收文登记簿' }).or(page.getByText('收文登记簿')).first().waitFor();
    // 发文 (issue #16): the register opens on its empty state, which says what to do.
    await gotoNav(page, '发文登记');
    await page.getByRole('button', { name: '拟稿' }).first().waitFor();
    // The 秘书 reads the 台账 (names masked outside the 知悉范围) but keeps none of it.
    await gotoNav(page, '涉密载体');
    await page.getByText('涉密载体台账').waitFor();
    expect(await page.getByRole('button', { name: '登记', exact: true }).count()).toBe(0);
    await gotoNav(page, '会议纪要');
    await page.getByRole('button', { name: '新建会议' }).waitFor();
    await gotoNav(page, '归档');
    await page.getByRole('table', { name: '待归档' }).waitFor();
    await gotoNav(page, '迁移包');
    await page.getByRole('tab', { name: '导出' }).waitFor();
    await gotoNav(page, '设置');
    await page.getByRole('tab', { name: '修改密码' }).waitFor();
    await logout(page);

    // The auditor must replace the initial password, then sees the audit log and nothing else.
    await login(page, 'shenji', 'Chushi#0001');
    await page.getByText('请修改初始密码').waitFor();
    await page.getByLabel('当前密码').fill('Chushi#0001');
    await page.getByLabel('新密码', { exact: true }).fill('Zhengshi#0002');
    await page.getByLabel('确认新密码').fill('Zhengshi#0002');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('menuitem', { name: '审计日志' }).waitFor();
    const menu = await page.getByRole('navigation', { name: '主导航' }).getByRole('menuitem').allInnerTexts();
    expect(menu.map((s) => s.trim())).toEqual(['审计日志', '设置']);

    await gotoNav(page, '审计日志');
    // Newest first: the 保密员's approval and the one-time password are on the first page …
    await page.getByRole('cell', { name: '发放一次性初始密码' }).waitFor();
    await expect.poll(() => page.getByRole('cell', { name: '空闲锁定' }).count()).toBe(2);
    await page.getByRole('button', { name: '验证完整性' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toMatch(/校验通过：共 \d+ 条/);
    // … and the log begins with the setup, on the last page.
    await page.locator('.ant-pagination-item-2').click();
    await page.getByRole('cell', { name: '系统初始化' }).waitFor();
    await page.locator('.ant-pagination-item-1').click();

    // Filter by user.
    await page.getByLabel('用户').click();
    await page.locator('.ant-select-item-option[title="shenji"]').click();
    await expect
      .poll(async () => {
        const users = await page.locator('tbody tr td:nth-child(3)').allInnerTexts();
        return users.length > 0 && users.every((t) => t === 'shenji');
      })
      .toBe(true);

    expect(app.consoleErrors.filter((e) => !e.includes('Warning'))).toEqual([]);
  });
});
