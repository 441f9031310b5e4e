import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import pg from 'pg';
import { lanPost } from '../../electron/lan-client';
import { restoreOfficeBackup } from '../../electron/server/office-backup';
import { startLanServer, type TestLanServer } from '../fixtures/lan-server';
import { finishApp, openApp, type AppSession } from './browser';
import { installDesktopBridge, type DesktopBridge } from './desktop-bridge';
import { completeSetup, fillPairingForm, login } from './screens';

// 设置 → 局域网 (issue #19) in the desktop app's code path: the page runs its Electron platform, the
// bridge runs main's own lan:* code (electron/lan-ipc.ts), and the server is a real LAN server
// over HTTPS on a throwaway PostgreSQL. The 系统管理员 pairs this PC with what the server printed.

const ADMIN = { username: 'admin', password: 'Wenshu#2026' };
const SERVER_PW = 'Fuwuqi#2026-abc';
const OFFICE_PASSPHRASE = '整体备份口令-2026';

let lan: TestLanServer;
let app: AppSession | null = null;
beforeAll(async () => {
  lan = await startLanServer([{ login: 'srvadmin', displayName: '赵管理', roles: ['系统管理员'], password: SERVER_PW }]);
}, 60_000);
afterAll(async () => {
  await lan?.stop();
});
afterEach(async (ctx) => {
  await finishApp(app, ctx);
  app = null;
});

describe('局域网配对', () => {
  test('a mistyped fingerprint is refused beside its box and pairs nothing; the right one pairs; signed in on the server the 系统管理员 sees the seats and 停用 one; 解除配对 revokes this one', async () => {
    let bridge: DesktopBridge | null = null;
    app = await openApp({
      beforeLoad: async (p) => {
        bridge = await installDesktopBridge(p, mkdtempSync(join(tmpdir(), 'wenshu-lan-')));
      },
    });
    const { page } = app;
    const desktop = bridge as unknown as DesktopBridge;
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await completeSetup(page, { unitName: '某某县人民政府办公室', fondsCode: 'Z109', ...ADMIN });
    await login(page, ADMIN.username, ADMIN.password);
    const fingerprint = lan.identity.fingerprint;
    const wrong = fingerprint.slice(0, -1) + (fingerprint.endsWith('0') ? '1' : '0');
    const form = await fillPairingForm(page, { port: lan.running.port, code: await lan.newCode(), fingerprint: wrong, name: '办公室张秘书的电脑' });
    await page.getByText(/的同步尚未完成（未完成）/).waitFor();
    await form.getByRole('button', { name: '配对' }).click();
    await form.getByText(/服务器证书指纹不符/).waitFor();
    expect(await form.getByLabel('证书指纹').getAttribute('aria-invalid')).toBe('true');
    expect(desktop.lanLink).toBeNull();
    expect((await lan.pool.query('SELECT count(*)::int AS n FROM seats')).rows[0].n).toBe(0);

    await form.getByLabel('证书指纹').fill(fingerprint.toLowerCase());
    await form.getByRole('button', { name: '配对' }).click();
    const shown = page.getByLabel('局域网配对');
    await shown.waitFor();
    expect(await shown.textContent()).toContain(`https://127.0.0.1:${lan.running.port}`);
    expect(await shown.textContent()).toContain(fingerprint);
    const seats = await lan.pool.query<{ id: string; name: string; revoked: boolean }>('SELECT id, name, revoked_at IS NOT NULL AS revoked FROM seats');
    expect(seats.rows).toEqual([{ id: desktop.lanLink!.seatId, name: '办公室张秘书的电脑', revoked: false }]);

    // The seats, as the server knows them: seen after signing in with a server account.
    const other = await lanPost<{ seatId: string; seatSecret: string }>(lan.pinned, '/api/pair', { code: await lan.newCode(), name: '李科长的电脑' });
    const signIn = page.getByRole('form', { name: '以服务器账户登录' });
    await signIn.getByLabel('服务器账户').fill('srvadmin');
    await signIn.getByLabel('密码').fill('wrong-password');
    await signIn.getByRole('button', { name: '登录服务器' }).click();
    await signIn.getByText('用户名或密码错误，或本机已被停用').waitFor();
    await signIn.getByLabel('密码').fill(SERVER_PW);
    await signIn.getByRole('button', { name: '登录服务器' }).click();
    // The LAN's 最高密级: 内部 until the 系统管理员 raises it (an approved 涉密网), on the server.
    const level = page.getByRole('form', { name: '局域网最高密级' });
    await level.getByText('内部', { exact: true }).waitFor();
    await level.getByLabel('局域网最高密级').click();
    await page.locator('.ant-select-item-option[title="秘密"]').click();
    await level.getByRole('button', { name: '保存' }).click();
    await page.getByText('局域网最高密级已设为秘密').waitFor();
    expect((await lan.pool.query(`SELECT value FROM wenshu_meta WHERE key = 'lan'`)).rows[0].value).toEqual({ maxClassification: '秘密' });
    const table = page.getByRole('table', { name: '座席' });
    await table.getByText('办公室张秘书的电脑（本机）').waitFor();
    const otherRow = table.getByRole('row').filter({ hasText: '李科长的电脑' });
    expect(await otherRow.textContent()).toContain('使用中');
    await otherRow.getByRole('button', { name: '停用' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '停用' }).click();
    await otherRow.getByText('已停用').waitFor();
    expect((await lan.pool.query('SELECT revoked_at IS NOT NULL AS revoked FROM seats WHERE id = $1', [other.seatId])).rows).toEqual([{ revoked: true }]);

    // 备份整个办公室: one encrypted file on this PC; restored into an empty database it verifies.
    const backup = page.getByRole('region', { name: '备份整个办公室' });
    await backup.getByLabel('备份口令').fill('短口令');
    await backup.getByRole('button', { name: '备份到文件…' }).click();
    await backup.getByText('备份口令至少 8 个字符').waitFor();
    await backup.getByLabel('备份口令').fill(OFFICE_PASSPHRASE);
    await backup.getByLabel('确认口令').fill(OFFICE_PASSPHRASE);
    await backup.getByRole('button', { name: '备份到文件…' }).click();
    await page.getByText(/^已备份整个办公室（0 件记录）：/).waitFor();
    const file = desktop.written.find((p) => p.endsWith('.wsoffice'))!;
    expect(file).toMatch(/文枢服务器备份-\d{8}-\d{6}\.wsoffice$/);
    const restored = new pg.Client({ connectionString: await lan.cluster.createDatabase() });
    await restored.connect();
    try {
      const m = await restoreOfficeBackup(restored, new Uint8Array(readFileSync(file)), OFFICE_PASSPHRASE);
      expect(m.counts).toMatchObject({ accounts: 1, seats: 2 });
      expect((await restored.query(`SELECT value FROM wenshu_meta WHERE key = 'lan'`)).rows[0].value).toEqual({ maxClassification: '秘密' });
    } finally {
      await restored.end();
    }

    await page.getByRole('button', { name: '解除配对' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '解除配对' }).click();
    await form.waitFor();
    expect(desktop.lanLink).toBeNull();
    expect((await lan.pool.query('SELECT revoked_at IS NOT NULL AS revoked FROM seats')).rows).toEqual([{ revoked: true }, { revoked: true }]);
    expect((await lan.pool.query<{ action: string }>('SELECT action FROM audit_log ORDER BY seq')).rows.map((r) => r.action)).toEqual(['座席配对', '座席配对', '修改局域网最高密级', '停用座席', '备份整个办公室', '座席解除配对']);
    expect(pageErrors).toEqual([]);
  });
});
