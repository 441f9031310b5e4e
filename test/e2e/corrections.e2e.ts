import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { finishApp, openApp, type AppSession } from './browser';
import { firstLogin, gotoNav, incomingStep, logout, setUpOffice, pickName } from './screens';

// Issue #14 done-when, 更正: a registered 收文's mistyped 签收人 and 0 页 corrected with a reason
// (the timeline and the audit log show old → new); once filed the 更正 is refused with the 档号
// and a link to 归档更正, which is done from the 归档 page and reaches the 备考表.

const ADMIN = { username: 'admin', password: 'Wenshu#2026' };
const PW = 'Chushi#2026a';
const FINAL = 'Zhengshi#2026b';
const MONDAY = new Date('2026-11-23T09:00:00+08:00');
let app: AppSession;

afterEach((ctx) => finishApp(app, ctx));

/** Takes the open 收文 through 初审 → 拟办 → 批示 → 承办 (by `host`) → 办结 on its page. */
async function finish(page: Page, host: string): Promise<void> {
  const dialog = () => page.getByRole('dialog');
  await incomingStep(page, '初审');
  await incomingStep(page, '拟办', () => dialog().getByLabel('拟办意见').fill('拟请办理'));
  await incomingStep(page, '批示', async () => {
    await pickName(page, dialog(), '批示领导', '王县长');
    await dialog().getByLabel('批示内容').fill('同意');
  });
  await incomingStep(page, '承办', async () => {
    await dialog().getByLabel('主办单位').click();
    await page.locator(`.ant-select-item-option[title="${host}"]`).click();
  });
  await incomingStep(page, '办结', () => dialog().getByLabel('办理结果').fill('已办理完毕'));
  await page.getByText('已办结').first().waitFor();
}

describe('更正: 收文, and 归档更正 once filed', () => {
  test('a mistyped 签收人 and 0 页 corrected with a reason; refused after 归档 with the 档号; 归档更正 reaches the 备考表', async () => {
    app = await openApp({ time: MONDAY });
    const { page } = app;
    await setUpOffice(page, {
      unitName: '某某县人民政府办公室',
      admin: ADMIN,
      departments: [['BGS', '办公室']],
      people: [
        { username: 'mishu', name: '张秘书', roles: ['秘书'] },
        { username: 'shenji', name: '审计员', roles: ['安全审计员'] },
      ],
      password: PW,
    });
    await firstLogin(page, 'mishu', PW, FINAL);

    // Registered in a hurry: 签收人 "6", 页数 left empty (0).
    await gotoNav(page, '收文登记');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    const form = page.getByRole('form', { name: '收文登记' });
    await form.getByLabel('来文单位').fill('县财政局');
    await form.getByLabel('来文字号').fill('县财发〔2026〕12号');
    await form.getByLabel('标题').fill('关于做好年终财务决算工作的通知');
    await form.getByLabel('签收人').fill('6');
    await form.getByRole('button', { name: '登记', exact: true }).click();
    await page.getByRole('button', { name: '更正', exact: true }).waitFor();
    const serial = '收〔2026〕0001';

    // 更正 without a reason: said beside the reason box, nothing saved.
    await page.getByRole('button', { name: '更正', exact: true }).click();
    let dialog = page.getByRole('dialog', { name: `更正：${serial}` });
    await expect.poll(() => dialog.getByLabel('签收人').inputValue()).toBe('6');
    expect(await dialog.getByLabel('页数').inputValue()).toBe('0');
    expect(await dialog.getByLabel('标题').inputValue()).toBe('关于做好年终财务决算工作的通知');
    await dialog.getByLabel('签收人').fill('张秘书');
    await dialog.getByLabel('页数').fill('3');
    await dialog.getByRole('button', { name: '更正', exact: true }).click();
    await dialog.getByRole('alert').filter({ hasText: '请填写更正理由' }).waitFor();
    const reasonItem = dialog.locator('.ant-form-item').filter({ has: page.getByLabel('更正理由') });
    expect(await reasonItem.innerText()).toContain('请填写更正理由');
    await dialog.getByLabel('更正理由').fill('登记时误录签收人，页数漏填');
    await dialog.getByRole('button', { name: '更正', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    // The timeline: old → new and the reason; the 收文编号 is unchanged.
    const timeline = page.locator('.ant-card').filter({ hasText: '办理过程' });
    await timeline.getByText('页数：0 → 3；签收人：6 → 张秘书；理由：登记时误录签收人，页数漏填').waitFor();
    expect(await page.locator('.ant-card-head-title').first().innerText()).toContain(serial);
    await page.getByText('3 页').first().waitFor();

    // To 办结 and 归档.
    await finish(page, '办公室');
    await gotoNav(page, '归档');
    const candidates = page.getByRole('table', { name: '待归档' });
    const row = candidates.getByRole('row', { name: new RegExp(serial) });
    await row.waitFor();
    // The corrected 页数 is what filing proposes.
    expect(await row.getByLabel('页数').inputValue()).toBe('3');
    await row.getByLabel('保管期限').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="永久"]').click();
    await row.getByRole('checkbox').check();
    await page.getByRole('button', { name: '归档', exact: true }).click();
    await page.getByText('已归档 1 件').waitFor();
    const code = 'Z109-WS·2026-Y-BGS-0001';

    // The 收文 now shows 已归档 with its 档号, in its list and on its page; 更正 is refused with the 档号 and a link.
    await gotoNav(page, '收文登记');
    const listRow = page.getByRole('row', { name: new RegExp(serial) });
    await listRow.getByText('已归档', { exact: true }).waitFor();
    await listRow.getByRole('link', { name: serial, exact: true }).click();
    await page.getByText(`已归档 ${code}`).waitFor();
    await page.getByRole('button', { name: '更正', exact: true }).click();
    const refusal = page.getByRole('alert').filter({ hasText: '不能更正' });
    await refusal.getByText(`该收文已归档（档号 ${code}），不能更正；如需更正，请在“归档”中办理更正`).waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await refusal.getByRole('link', { name: /到“归档”办理更正/ }).click();

    // 归档更正 of that entry, opened by the link: the reason is required here too.
    dialog = page.getByRole('dialog', { name: `归档更正：${code}` });
    await dialog.waitFor();
    expect(await dialog.getByLabel('页数').inputValue()).toBe('3');
    await dialog.getByLabel('页数').fill('4');
    await dialog.getByRole('button', { name: '更正', exact: true }).click();
    await dialog.getByRole('alert').filter({ hasText: '请填写更正理由' }).waitFor();
    await dialog.getByLabel('更正理由').fill('附件页数漏计');
    await dialog.getByRole('button', { name: '更正', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    const catalogue = page.getByRole('table', { name: '归档文件目录' });
    await catalogue.getByRole('row', { name: new RegExp(code) }).getByRole('cell', { name: '4', exact: true }).waitFor();

    // The 备考表 of its box says what was corrected, by whom and why.
    await page.getByRole('button', { name: '打印备考表' }).click();
    const note = page.getByTestId('archive-box-note');
    await note.waitFor();
    const text = (await note.innerText()).replace(/\s+/g, '');
    expect(text).toContain('更正情况：共1件有更正。');
    expect(text).toContain(`${code}：页数由3更正为4`);
    expect(text).toContain('张秘书，理由：附件页数漏计');
    await page.getByRole('toolbar', { name: '打印预览' }).getByRole('button', { name: '关闭' }).click();
    await logout(page);

    // The audit log, as the 安全审计员 reads it: both 更正, old → new.
    await firstLogin(page, 'shenji', PW, FINAL);
    await gotoNav(page, '审计日志');
    await page.getByText(`${serial}《关于做好年终财务决算工作的通知》 页数：0 → 3；签收人：6 → 张秘书；理由：登记时误录签收人，页数漏填`).waitFor();
    await page.getByText(`${code} ${serial}：页数：3 → 4；理由：附件页数漏计`).waitFor();
  });
});
