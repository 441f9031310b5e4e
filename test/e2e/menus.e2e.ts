import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { ROLES, type Role } from '../../shared/domain/permissions';
import { finishApp, openApp, type AppSession } from './browser';
import { firstLogin, gotoNav, login, logout, OFFICER, setUpOffice } from './screens';

// Issue #14: "a menu entry never leads to 无权访问". For every role (ROLES, so a role added later is
// covered without editing this file), one account signs in, opens every entry of its menu and finds
// a page it may use: no 无权访问, no page error. And the other way round: every page of the app it
// does not see in the menu is refused by URL, so the menu shows an entry exactly when its page opens.

const ADMIN = { username: 'admin', password: 'Wenshu#2026' };
const PW = 'Chushi#2026a';
const FINAL = 'Zhengshi#2026b';

/** Every top-level page of the app (the menu entries' paths). */
const PAGES: Record<string, string> = {
  工作台: '/dashboard',
  收文登记: '/incoming',
  发文登记: '/outgoing',
  涉密载体: '/classified',
  会议纪要: '/meetings',
  督办事项: '/supervision',
  运转时效: '/flow',
  归档: '/filing',
  档案查阅: '/archive',
  迁移包: '/transfer',
  审计日志: '/audit',
  设置: '/settings',
};

let app: AppSession | null = null;
afterEach(async (ctx) => {
  await finishApp(app, ctx);
  app = null;
});

/** The 系统管理员 and the 保密员 of 初始配置 exist already; every other role gets an account of its own. */
const OTHERS: readonly Role[] = ROLES.filter((r) => r !== '系统管理员' && r !== '安全保密管理员');
const usernameOf = (r: Role) => `role${OTHERS.indexOf(r) + 1}`;

async function settled(page: Page): Promise<void> {
  // Lazy pages and live queries: wait until nothing is loading any more.
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-card-loading-content, .ant-skeleton'), undefined, { timeout: 15_000 });
}

async function menuOf(page: Page): Promise<string[]> {
  return (await page.getByRole('navigation', { name: '主导航' }).getByRole('menuitem').allInnerTexts()).map((t) => t.trim());
}

describe('menus: every role, every entry', () => {
  test('each role opens every entry of its menu without 无权访问 or a page error, and is refused every page its menu does not show', async () => {
    app = await openApp();
    const { page, baseUrl } = app;
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${String(e)}`));
    await setUpOffice(page, {
      unitName: '某某县人民政府办公室',
      admin: ADMIN,
      departments: [['BGS', '办公室']],
      people: OTHERS.map((r) => ({ username: usernameOf(r), name: `${r}甲`, roles: [r] })),
      password: PW,
    });

    const checked: string[] = [];
    for (const role of ROLES) {
      if (role === '系统管理员') await login(page, ADMIN.username, ADMIN.password);
      else if (role === '安全保密管理员') await login(page, OFFICER.username, OFFICER.final);
      else await firstLogin(page, usernameOf(role), PW, FINAL);
      await page.getByRole('navigation', { name: '主导航' }).waitFor();
      const menu = await menuOf(page);
      expect(menu.length, `${role} has a menu`).toBeGreaterThan(0);
      for (const entry of menu) {
        await gotoNav(page, entry);
        await page.locator('.ant-menu-item-selected', { hasText: entry }).waitFor();
        await settled(page);
        expect(await page.getByText('无权访问').count(), `${role} → ${entry} opens 无权访问`).toBe(0);
        checked.push(`${role}→${entry}`);
      }
      // Pages missing from the menu are refused, by URL too.
      for (const [label, path] of Object.entries(PAGES)) {
        if (menu.includes(label)) continue;
        await page.goto(`${baseUrl}#${path}`);
        await page.getByText('无权访问').waitFor();
      }
      await page.goto(`${baseUrl}#/`);
      await logout(page);
    }
    expect(pageErrors).toEqual([]);
    // Every role had the entries its rights give: 归档 only for the 秘书, 档案查阅 for every reader.
    expect(checked).toContain('秘书→归档');
    expect(checked.filter((c) => c.endsWith('→归档'))).toEqual(['秘书→归档']);
    for (const reader of ['安全保密管理员', '秘书', '工作人员']) expect(checked).toContain(`${reader}→档案查阅`);
  });
});
