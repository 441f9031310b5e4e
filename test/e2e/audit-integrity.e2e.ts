import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { finishApp, openApp, type AppSession } from './browser';
import { completeSetup, createUserViaUi, firstLogin, gotoNav, login, logout } from './screens';

// Issue #12, attack A in a real browser: the 安全审计员 cuts the end of the audit log in
// IndexedDB (as anyone with the profile folder could) and presses 验证完整性 twice. Both checks
// must report the cut (before the fix the second one passed, because the check's own entry was
// appended after the last row left), and the red banner must be up.

const ADMIN = { username: 'admin', password: 'Wenshu#2026' };
let app: AppSession;

beforeEach(async () => {
  app = await openApp();
  await completeSetup(app.page, { unitName: '某某县人民政府办公室', fondsCode: 'Z109', ...ADMIN });
});

afterEach((ctx) => finishApp(app, ctx));

describe('audit log cut in IndexedDB', () => {
  test('验证完整性 reports the cut every time, and the banner "审计日志被截断或改动" is shown', async () => {
    const { page } = app;
    await login(page, ADMIN.username, ADMIN.password);
    await page.getByRole('navigation', { name: '主导航' }).waitFor();
    await createUserViaUi(page, { username: 'shenji', name: '审计员', roles: ['安全审计员'], password: 'Chushi#0001' });
    await logout(page);
    await firstLogin(page, 'shenji', 'Chushi#0001', 'Zhengshi#0002');
    await gotoNav(page, '审计日志');
    await page.getByRole('button', { name: '验证完整性' }).waitFor();

    // The attack: the last 5 rows of auditLog deleted by key, straight in IndexedDB.
    const cut = await page.evaluate(
      () =>
        new Promise<number[]>((resolve, reject) => {
          const open = indexedDB.open('wenshu');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('auditLog', 'readwrite');
            const store = tx.objectStore('auditLog');
            const keys = store.getAllKeys();
            let removed: number[] = [];
            keys.onsuccess = () => {
              removed = (keys.result as number[]).sort((a, b) => a - b).slice(-5);
              for (const k of removed) store.delete(k);
            };
            tx.oncomplete = () => {
              open.result.close();
              resolve(removed);
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    expect(cut).toHaveLength(5);

    for (const attempt of [1, 2]) {
      await page.getByRole('button', { name: '验证完整性' }).click();
      const verdict = page.getByRole('alert').filter({ hasText: '校验失败' });
      await verdict.waitFor();
      expect(await verdict.innerText(), `check ${attempt}`).toContain(`第 ${cut[0]} 条起`);
      expect(await verdict.innerText(), `check ${attempt}`).toContain('日志末尾缺失');
      expect(await page.getByText(/^校验通过/).count(), `check ${attempt}`).toBe(0);
    }
    await page.getByText('审计日志被截断或改动', { exact: true }).waitFor();
    await page.getByRole('button', { name: '确认断档' }).waitFor();
  });
});
