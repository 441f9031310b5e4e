import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { finishApp, openApp, type AppSession } from './browser';
import { addPeople, firstLogin, gotoNav, incomingStep, logout, newMeeting, setUpOffice, pickName } from './screens';

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

/** Picks `option` in the antd Select labelled `label` inside `scope`, as a person clicks it. */
async function pick(page: Page, scope: Locator, label: string, option: string): Promise<void> {
  await scope.getByLabel(label, { exact: true }).click();
  await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${option}"]`).click();
}

describe('更正: 涉密载体', () => {
  test('the 保密员 corrects a mistyped 页数 and 名称 with a reason: 编号 kept, old → new in its record; the audit log shows the 页数, never the 名称 or the reason', async () => {
    app = await openApp({ time: MONDAY });
    const { page } = app;
    await setUpOffice(page, {
      unitName: '某某县保密局',
      admin: ADMIN,
      people: [
        { username: 'baomi', name: '王保密', roles: ['安全保密管理员'] },
        { username: 'like', name: '李科长', roles: ['工作人员'] },
        { username: 'shenji', name: '审计员', roles: ['安全审计员'] },
      ],
      password: PW,
    });
    await firstLogin(page, 'baomi', PW, FINAL);
    await gotoNav(page, '涉密载体');

    // Registered with 页数 12 (it has 21) and a name missing its last words.
    await page.getByRole('button', { name: '登记', exact: true }).click();
    const form = page.getByRole('form', { name: '涉密载体登记' });
    await form.getByLabel('名称', { exact: true }).fill('关于某专项工作的实施方案');
    await pick(page, form, '密级', '机密');
    await form.getByLabel('页数').fill('12');
    await form.getByLabel('制作单位').fill('办公室');
    await pick(page, form, '知悉范围', '李科长');
    await page.keyboard.press('Escape');
    await form.getByLabel('存放位置').fill('机要室1号保密柜');
    await form.getByRole('button', { name: '登记' }).click();
    const serial = '载〔2026〕0001';
    await page.getByRole('button', { name: '更正', exact: true }).waitFor();

    // The dialog holds what is registered; without a reason nothing is saved and it says why, beside the box.
    await page.getByRole('button', { name: '更正', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `更正：${serial}` });
    await expect.poll(() => dialog.getByLabel('页数').inputValue()).toBe('12');
    expect(await dialog.getByLabel('名称', { exact: true }).inputValue()).toBe('关于某专项工作的实施方案');
    await dialog.getByLabel('页数').fill('21');
    await dialog.getByLabel('名称', { exact: true }).fill('关于某专项工作的实施方案（第二稿）');
    await dialog.getByRole('button', { name: '更正', exact: true }).click();
    const reasonItem = dialog.locator('.ant-form-item').filter({ has: page.getByLabel('更正理由') });
    await reasonItem.getByRole('alert').filter({ hasText: '请填写更正理由' }).waitFor();
    await dialog.getByLabel('更正理由').fill('登记时页数录反，名称漏录稿次');
    await dialog.getByRole('button', { name: '更正', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    // Its record: old → new with the reason; the 编号 and the rest as registered.
    const history = page.getByRole('table', { name: '全部记录' });
    await history.getByText('名称：关于某专项工作的实施方案 → 关于某专项工作的实施方案（第二稿）；页数：12 → 21；理由：登记时页数录反，名称漏录稿次').waitFor();
    expect(await page.locator('.ant-card-head-title').first().innerText()).toContain(serial);
    await expect.poll(() => page.locator('.ant-descriptions').first().innerText()).toContain('关于某专项工作的实施方案（第二稿）');
    await app.screenshot('carrier-corrected');
    await logout(page);

    // The audit log names the carrier by 编号 and 密级 only: the 页数 change, the 名称 not, the reason not.
    await firstLogin(page, 'shenji', PW, FINAL);
    await gotoNav(page, '审计日志');
    const entry = page.getByRole('row').filter({ hasText: '涉密载体更正' });
    await entry.waitFor();
    const line = await entry.innerText();
    expect(line).toContain(serial);
    expect(line).toContain('页数：12 → 21');
    expect(line).toContain('名称已更正（涉密，内容略）');
    const log = await page.locator('main').innerText();
    expect(log).not.toContain('第二稿');
    expect(log).not.toContain('页数录反');
  });
});

describe('更正: 会议纪要 after 签发', () => {
  test('a 议定事项 taken out with a reason: its 督办 task withdrawn, the other kept; the issued text kept in the 更正记录', async () => {
    app = await openApp({ time: MONDAY });
    const { page } = app;
    await setUpOffice(page, { unitName: '某某县人民政府办公室', admin: ADMIN, people: [{ username: 'mishu', name: '刘秘书', roles: ['秘书'] }], password: PW });
    await firstLogin(page, 'mishu', PW, FINAL);
    await addPeople(page, [{ name: '张县长', unit: '县人民政府', title: '县长' }]);

    await newMeeting(page, { name: '县政府专题会议', startAt: '2026-11-23 09:00', topics: '研究冬季供暖保障工作', attend: ['张县长'] });
    const meetingUrl = page.url();

    // 纪要 with two 议定事项, 签发: two 督办 tasks.
    await page.getByRole('button', { name: '编写纪要' }).click();
    let editor = page.getByRole('form', { name: '编写纪要' });
    await editor.getByLabel('会议主要情况').fill('会议研究了冬季供暖保障工作。');
    const decision = (n: number) => editor.getByRole('group', { name: `议定事项 ${n}` });
    for (const [n, content, unit, due] of [
      [1, '县财政局统筹安排供暖补贴资金', '县财政局', '2026-12-31'],
      [2, '县住建局排查老旧小区供暖管网', '县住建局', '10个工作日'],
    ] as const) {
      await editor.getByRole('button', { name: '添加议定事项' }).click();
      await decision(n).getByLabel('事项内容').fill(content);
      await pickName(page, decision(n), '责任单位', unit);
      await decision(n).getByLabel('完成时限').fill(due);
    }
    await editor.getByRole('button', { name: '保存' }).click();
    await page.getByRole('button', { name: '签发', exact: true }).click();
    const issue = page.getByRole('dialog', { name: '签发纪要' });
    await issue.getByRole('button', { name: '确认签发' }).click();
    await issue.waitFor({ state: 'detached' });
    await page.getByText('已签发 第1期').first().waitFor();
    const decisions = page.getByRole('table', { name: '议定事项' });
    await expect.poll(() => decisions.innerText()).toContain('督〔2026〕0002');

    // 更正: the second 议定事项 was not decided at the meeting. Without a reason: refused beside the box.
    await page.getByRole('button', { name: '更正', exact: true }).click();
    editor = page.getByRole('form', { name: '更正纪要' });
    await decision(2).getByRole('button', { name: '删除' }).click();
    await editor.getByRole('button', { name: '更正', exact: true }).click();
    const reasonItem = editor.locator('.ant-form-item').filter({ has: page.getByLabel('更正理由') });
    await reasonItem.getByText('请填写更正理由').waitFor();
    await editor.getByLabel('更正理由').fill('第二项系会后补充，不属会议议定事项');
    await editor.getByRole('button', { name: '更正', exact: true }).click();
    await page.getByText('已更正纪要').waitFor();

    // The meeting: one 议定事项 left; the 更正记录 keeps the reason and, expanded, the text as issued.
    await page.goto(meetingUrl);
    await expect.poll(() => decisions.innerText()).toContain('县财政局统筹安排供暖补贴资金');
    expect(await decisions.innerText()).not.toContain('县住建局排查老旧小区供暖管网');
    const corrections = page.getByRole('table', { name: '更正记录' });
    await corrections.getByText('第二项系会后补充，不属会议议定事项').waitFor();
    await corrections.locator('.ant-table-row-expand-icon').first().click();
    await corrections.getByText(/县住建局排查老旧小区供暖管网（责任单位：县住建局/).waitFor();
    await app.screenshot('minutes-corrected');

    // 督办: the withdrawn 议定事项's task is 已撤销, the other still open.
    await gotoNav(page, '督办事项');
    await page.getByRole('link', { name: '督〔2026〕0002' }).click();
    await page.getByText('已撤销').first().waitFor();
    await gotoNav(page, '督办事项');
    await page.getByRole('link', { name: '督〔2026〕0001' }).click();
    await page.getByRole('table', { name: '进展反馈' }).waitFor();
    expect(await page.locator('main').innerText()).not.toContain('已撤销');
  });
});
