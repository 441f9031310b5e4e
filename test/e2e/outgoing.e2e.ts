import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { finishApp, openApp, type AppSession } from './browser';
import { firstLogin, gotoNav, login, logout, OFFICER, pickName, setUpOffice } from './screens';

// Issue #16 "Done when": a 请示 (上行文) and a 通知 go from 拟稿 to 核发 by keyboard, one 退回修改 on
// the way; 文号 县政办发〔2026〕1号 and 2号; the second withdrawn → 作废, the next gets 3号 and the
// 文号台账 shows 1 (发文), 2 (作废, reason), 3 (发文) with no gap warning; a 预留号 is reserved and
// then used; a 机密 发文 printed in 3 份 makes carriers 000001–000003 and 核发 of one is a 移交 in
// the 载体台账; two windows registering at the same moment get distinct numbers.

const ADMIN = { username: 'admin', password: 'Wenshu#2026' };
const PW = 'Chushi#2026a';
const FINAL = 'Zhengshi#2026b';
const MONDAY = new Date('2026-11-23T09:00:00+08:00');
let app: AppSession;

afterEach((ctx) => finishApp(app, ctx));

/** The open dropdown (closed ones stay in the page, hidden). */
const OPEN = '.ant-select-dropdown:not(.ant-select-dropdown-hidden)';
const focusedValue = (page: Page) => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value);
const focusedLabel = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const id = el?.id;
    return (id && document.querySelector(`label[for="${id}"]`)?.textContent) || el?.getAttribute('aria-label') || '';
  });

interface Draft {
  title: string;
  docType: string;
  /** Units typed into 主送, each picked (or added to the 机构名录) by Enter. */
  mainTo: string[];
  /** ArrowRight presses on 密级 (非密 → 内部 → 秘密 → 机密). */
  classificationSteps?: number;
  copies?: string;
  countersign?: string;
}

/** 拟稿 by keyboard only: the cursor starts in 标题; Enter moves on, Esc closes a list; Ctrl+S saves the 草稿. */
async function draftByKeyboard(page: Page, d: Draft): Promise<void> {
  await gotoNav(page, '发文登记');
  await page.getByRole('button', { name: '拟稿', exact: true }).click();
  await page.getByRole('form', { name: '拟稿' }).waitFor();
  await expect.poll(() => focusedLabel(page)).toBe('标题');
  await page.keyboard.type(d.title);
  await page.keyboard.press('Enter');
  await page.keyboard.type(d.docType);
  await page.locator(`${OPEN} .ant-select-item-option-active[title="${d.docType}"]`).waitFor();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByLabel('文种').getAttribute('aria-expanded')).toBe('false');
  await page.keyboard.press('Enter'); // → 行文方向 (proposed from the 文种)
  await expect.poll(() => focusedLabel(page)).toBe('行文方向');
  await page.keyboard.press('Enter'); // → 发文字号 (the only series, chosen already)
  await page.keyboard.press('Enter'); // → 主送
  await expect.poll(() => focusedLabel(page)).toBe('主送');
  for (const unit of d.mainTo) {
    await page.keyboard.type(unit);
    await page.locator(`${OPEN} .ant-select-item-option-active:is([title="${unit}"], [title="添加“${unit}”到机构名录"])`).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('form', { name: '拟稿' }).locator(`.ant-select-selection-item[title="${unit}"]`).waitFor();
  }
  // The list stays open for the next unit: Esc closes it, Enter moves on (as everywhere in the form).
  await page.keyboard.press('Escape');
  await expect.poll(() => page.getByLabel('主送').getAttribute('aria-expanded')).toBe('false');
  await page.keyboard.press('Enter'); // → 抄送
  await expect.poll(() => focusedLabel(page)).toBe('抄送');
  await page.keyboard.press('Enter'); // → 密级
  await expect.poll(() => focusedValue(page)).toBe('非密');
  if (d.classificationSteps) {
    for (let i = 0; i < d.classificationSteps; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByLabel('保密期限').inputValue()).not.toBe('');
    await page.keyboard.press('Enter'); // → 保密期限 (the statutory default)
  }
  await page.keyboard.press('Enter'); // → 紧急程度
  await page.keyboard.press('Enter'); // → 印制份数 (its text selected)
  await expect.poll(() => focusedLabel(page)).toBe('印制份数');
  if (d.copies) await page.keyboard.type(d.copies);
  await page.keyboard.press('Enter'); // → 拟稿单位
  await page.keyboard.type('办公室');
  await page.locator(`${OPEN} .ant-select-item-option-active[title="办公室"]`).waitFor();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByLabel('拟稿单位').getAttribute('aria-expanded')).toBe('false');
  await page.keyboard.press('Enter'); // → 拟稿人 (the signed-in 秘书)
  await page.keyboard.press('Enter'); // → 会签单位
  await expect.poll(() => focusedLabel(page)).toBe('会签单位');
  if (d.countersign) {
    await page.keyboard.type(d.countersign);
    await page.locator(`${OPEN} .ant-select-item-option-active[title="${d.countersign}"]`).waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
  }
  await page.keyboard.press('Control+S');
  await page.getByLabel('文号').filter({ hasText: '未编号' }).waitFor();
  await page.getByText(d.title).first().waitFor();
}

/** One step on the 发文's page: its button, its dialog ("<verb>：…"), what `fill` enters, the dialog's own button. */
async function step(page: Page, verb: string, fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>): Promise<void> {
  await page.getByRole('button', { name: verb, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: new RegExp(`^${verb}：`) });
  await dialog.waitFor();
  if (fill) await fill(dialog);
  await dialog.getByRole('button', { name: verb, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

const stateIs = (page: Page, state: string) => page.locator('.ant-card-head').getByText(state, { exact: true }).first().waitFor();

/** 核稿 → (会签) → 签发 → 复核 → 登记; returns the 文号 shown big on the page. */
async function throughRegistration(page: Page, o: { countersign?: boolean; reserved?: string; expect: string }): Promise<void> {
  await step(page, '核稿', (d) => d.getByLabel('核稿意见').fill('文字已核，同意'));
  if (o.countersign) {
    await step(page, '会签', async (d) => {
      await pickName(page, d, '会签人', '李科长');
      await d.getByLabel('会签意见').fill('同意');
    });
  }
  await step(page, '签发', async (d) => {
    await pickName(page, d, '签发人', '王县长');
    await d.getByLabel('签发意见').fill('同意印发');
  });
  await step(page, '复核', (d) => d.getByLabel('复核意见').fill('手续完备'));
  await step(page, '登记', async (d) => {
    if (o.reserved) {
      await d.getByLabel('使用预留号').click();
      await page.locator(`${OPEN} .ant-select-item-option[title^="${o.reserved}"]`).click();
    } else await d.getByText(`下一个文号：${o.expect}`).waitFor();
  });
  await page.getByLabel('文号').filter({ hasText: o.expect }).waitFor();
}

/** 核发 to the first unit still waiting (the dialog proposes it), received by `by`. */
async function distribute(page: Page, unit: string, by: string): Promise<void> {
  await step(page, '核发', async (d) => {
    await d.getByTitle(`主送：${unit}`).waitFor();
    await d.getByLabel('签收人').fill(by);
  });
}

/** 设置 → 发文字号: the office's 县政办发 series, as the 秘书 adds it. */
async function addSeries(page: Page): Promise<void> {
  await gotoNav(page, '设置');
  await page.getByRole('tab', { name: '发文字号' }).click();
  await page.getByRole('button', { name: '添加发文字号' }).click();
  const seriesDialog = page.getByRole('dialog', { name: '添加发文字号' });
  await seriesDialog.getByLabel('机关代字').fill('县政办发');
  await expect.poll(() => seriesDialog.getByLabel('文号格式').inputValue()).toBe('县政办发〔YYYY〕N号');
  await seriesDialog.getByLabel('发文机关标志').fill('某某县人民政府办公室文件');
  await seriesDialog.getByLabel('发文机关署名').fill('某某县人民政府办公室');
  await seriesDialog.getByRole('button', { name: '保存' }).click();
  await seriesDialog.waitFor({ state: 'detached' });
  await page.getByRole('cell', { name: '县政办发', exact: true }).waitFor();
}

describe('发文: from 拟稿 to 核发, with a 文号台账 that never reuses a number', () => {
  test('请示 and 通知 by keyboard, 退回修改, 作废 keeps its number, 预留号, a 机密 发文 makes carriers', async () => {
    app = await openApp({ time: MONDAY });
    const { page } = app;
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await setUpOffice(page, {
      unitName: '某某县人民政府办公室',
      admin: ADMIN,
      departments: [
        ['BGS', '办公室'],
        ['CZK', '财政科'],
      ],
      people: [{ username: 'mishu', name: '张秘书', roles: ['秘书'] }],
      password: PW,
    });
    await firstLogin(page, 'mishu', PW, FINAL);

    await addSeries(page);
    await app.screenshot('outgoing-settings');

    // 1. A 请示 (上行文) to 县人民政府 (added to the 机构名录 in place), straight through.
    await draftByKeyboard(page, { title: '关于拨付2026年防汛经费的请示', docType: '请示', mainTo: ['某某县人民政府'] });
    await page.getByText('请示（上行文）').waitFor();
    await step(page, '送核稿');
    await stateIs(page, '待核稿');
    await throughRegistration(page, { expect: '县政办发〔2026〕1号' });
    await step(page, '印制');
    await step(page, '用印');
    await distribute(page, '某某县人民政府', '刘收发');
    await stateIs(page, '已核发');

    // 2. A 通知 with a 会签 by 财政科; 退回修改 once, corrected, then registered (2号) and withdrawn.
    await draftByKeyboard(page, { title: '关于做好年终决算工作的同志', docType: '通知', mainTo: ['财政科'], countersign: '财政科' });
    await page.getByText('通知（下行文）').waitFor();
    await step(page, '送核稿');
    await step(page, '退回修改', (d) => d.getByLabel('退回理由').fill('标题有错字：“同志”应为“通知”'));
    await stateIs(page, '草稿');
    await page.getByText('标题有错字：“同志”应为“通知”（张秘书').waitFor();
    await page.getByRole('button', { name: '修改', exact: true }).click();
    const edit = page.getByRole('form', { name: '修改发文稿' });
    await expect.poll(() => focusedLabel(page)).toBe('标题');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('关于做好年终决算工作的通知');
    await page.keyboard.press('Control+S');
    await edit.waitFor({ state: 'detached' });
    await page.getByText('关于做好年终决算工作的通知').first().waitFor();
    await step(page, '送核稿');
    await throughRegistration(page, { countersign: true, expect: '县政办发〔2026〕2号' });
    await page.getByText('财政科：同意（李科长，2026-11-23）').waitFor();
    await step(page, '作废', (d) => d.getByLabel('作废理由').fill('政策调整，撤回重拟'));
    await stateIs(page, '已作废');

    // 3. The next 通知 gets 3号 (2号 is never handed out again).
    await draftByKeyboard(page, { title: '关于开展冬季安全检查的通知', docType: '通知', mainTo: ['财政科'] });
    await step(page, '送核稿');
    await throughRegistration(page, { expect: '县政办发〔2026〕3号' });
    await step(page, '印制');
    await step(page, '用印');
    await distribute(page, '财政科', '陈科员');
    await stateIs(page, '已核发');

    // The 文号台账: 1 发文, 2 作废 with its reason, 3 发文; no gap.
    await gotoNav(page, '发文登记');
    await page.getByRole('button', { name: '文号台账' }).click();
    const ledger = page.getByRole('table', { name: '文号台账' });
    const row = (n: string) => ledger.locator('tbody tr').filter({ has: page.getByText(n, { exact: true }) });
    await row('县政办发〔2026〕3号').waitFor();
    expect(await row('县政办发〔2026〕1号').innerText()).toMatch(/发文[\s\S]*关于拨付2026年防汛经费的请示/);
    expect(await row('县政办发〔2026〕2号').innerText()).toMatch(/作废[\s\S]*政策调整，撤回重拟/);
    expect(await row('县政办发〔2026〕3号').innerText()).toContain('发文');
    expect(await page.getByText(/文号不连续/).count()).toBe(0);

    // A 预留号 (4号) for a document signed elsewhere …
    await page.getByRole('button', { name: '预留文号' }).click();
    const reserve = page.getByRole('dialog', { name: /^预留文号/ });
    await reserve.getByLabel('预留理由').fill('县长签发的机密通报');
    await reserve.getByRole('button', { name: '预留' }).click();
    await reserve.waitFor({ state: 'detached' });
    expect(await row('县政办发〔2026〕4号').innerText()).toContain('预留');

    // … used by a 机密 发文 printed in 3 份: carriers 000001–000003, one handed over at 核发.
    await draftByKeyboard(page, { title: '关于防汛物资储备情况的通报', docType: '通报', mainTo: ['财政科'], classificationSteps: 3, copies: '3' });
    await step(page, '送核稿');
    await throughRegistration(page, { reserved: '县政办发〔2026〕4号', expect: '县政办发〔2026〕4号' });
    await step(page, '印制', async (d) => {
      await d.getByText('每份编一个份号（000001–000003），并登记为 3 个涉密载体').waitFor();
      await app.screenshot('outgoing-print-dialog');
    });
    for (const n of ['000001', '000002', '000003']) await page.getByRole('link', { name: new RegExp(`^${n}（`) }).waitFor();
    await step(page, '用印');
    await distribute(page, '财政科', '陈科员');
    await stateIs(page, '已核发');
    await page.getByText('主送 财政科：1 份（份号 000001），2026-11-23 陈科员 签收').waitFor();
    await page.getByRole('link', { name: /^000001（.*已移交）$/ }).waitFor();
    await page.getByRole('link', { name: /^000002（.*在库）$/ }).waitFor();
    await app.screenshot('outgoing-detail');

    // From the 发文's page: 发文稿纸 and 分发签收单 previews carry it; the 红头 Word file has its 文号.
    const preview = page.locator('.ws-print-root[data-print-ready="true"]');
    await page.getByRole('button', { name: '发文稿纸' }).click();
    await preview.waitFor();
    await expect.poll(() => preview.innerText()).toMatch(/发文稿纸[\s\S]*同意印发/);
    await page.getByRole('button', { name: '关闭' }).click();
    await page.getByRole('button', { name: '分发签收单' }).click();
    await preview.waitFor();
    await expect.poll(() => preview.innerText()).toMatch(/财政科[\s\S]*000001/);
    await page.getByRole('button', { name: '关闭' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出红头文件' }).click();
    const zip = unzipSync(new Uint8Array(readFileSync(await (await download).path())));
    const docText = strFromU8(zip['word/document.xml']!).replace(/<[^>]+>/g, '');
    for (const t of ['县政办发〔2026〕4号', '关于防汛物资储备情况的通报', '财政科']) expect(docText).toContain(t);

    // The 文号台账 again: 4号 used, no gap.
    await gotoNav(page, '发文登记');
    await page.getByRole('button', { name: '文号台账' }).click();
    await expect.poll(() => row('县政办发〔2026〕4号').innerText()).toContain('发文');
    expect(await page.getByText(/文号不连续/).count()).toBe(0);
    await app.screenshot('outgoing-ledger');

    // The register lists the four; the 保密员 sees the 移交 in the 涉密载体台账.
    await gotoNav(page, '发文登记');
    const register = page.getByRole('table', { name: '发文登记簿' });
    for (const n of ['县政办发〔2026〕1号', '县政办发〔2026〕2号', '县政办发〔2026〕3号', '县政办发〔2026〕4号']) await register.getByRole('link', { name: n }).waitFor();
    await app.screenshot('outgoing-register');
    await page.getByRole('button', { name: '打印', exact: true }).click();
    await preview.waitFor();
    await expect.poll(() => preview.innerText()).toMatch(/发文登记簿[\s\S]*政策调整，撤回重拟/);
    await page.getByRole('button', { name: '关闭' }).click();
    await page.getByRole('link', { name: '县政办发〔2026〕1号' }).waitFor();

    // 工作台: a 发文 waiting at 核稿 is on the 秘书's card.
    await draftByKeyboard(page, { title: '关于征求意见的函', docType: '函', mainTo: ['财政科'] });
    await step(page, '送核稿');
    await gotoNav(page, '工作台');
    await page.locator('[aria-label="待核稿"]').getByText('关于征求意见的函').waitFor();
    await app.screenshot('outgoing-dashboard');
    await logout(page);
    await login(page, OFFICER.username, OFFICER.final);
    await gotoNav(page, '涉密载体');
    const carriers = page.locator('.ant-table-tbody tr');
    await carriers.filter({ hasText: '000001' }).filter({ hasText: '已移交' }).waitFor();
    expect(await carriers.filter({ hasText: '000003' }).filter({ hasText: '在库' }).count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });

  test('two windows registering at the same moment get distinct 文号', async () => {
    app = await openApp({ time: MONDAY });
    const { page, context, baseUrl } = app;
    await setUpOffice(page, { unitName: '某某县人民政府办公室', admin: ADMIN, departments: [['BGS', '办公室']], people: [{ username: 'mishu', name: '张秘书', roles: ['秘书'] }], password: PW });
    await firstLogin(page, 'mishu', PW, FINAL);
    await addSeries(page);
    const urls: string[] = [];
    for (const title of ['关于甲事项的通知', '关于乙事项的通知']) {
      await draftByKeyboard(page, { title, docType: '通知', mainTo: ['办公室'] });
      await step(page, '送核稿');
      await step(page, '核稿', (d) => d.getByLabel('核稿意见').fill('同意'));
      await step(page, '签发', async (d) => {
        await pickName(page, d, '签发人', '王县长');
        await d.getByLabel('签发意见').fill('同意');
      });
      await step(page, '复核');
      urls.push(page.url());
    }
    // A second window of the same browser (same database), signed in too; each opens one 发文's 登记.
    const other = await context.newPage();
    await other.goto(baseUrl);
    await login(other, 'mishu', FINAL);
    await other.getByRole('navigation', { name: '主导航' }).waitFor();
    const dialogs = [];
    for (const [p, url] of [[page, urls[0]!], [other, urls[1]!]] as const) {
      await p.goto(url);
      await p.getByRole('button', { name: '登记', exact: true }).click();
      const d = p.getByRole('dialog', { name: /^登记：/ });
      await d.getByText('下一个文号：县政办发〔2026〕1号').waitFor();
      dialogs.push(d);
    }
    // Both press 登记 at once: one takes 1号, the other 2号 (never the same).
    await Promise.all(dialogs.map((d) => d.getByRole('button', { name: '登记', exact: true }).click()));
    await Promise.all(dialogs.map((d) => d.waitFor({ state: 'detached' })));
    // Each page shows its record's 文号 once its own read has followed the write.
    for (const p of [page, other]) await expect.poll(() => p.getByLabel('文号').innerText()).not.toBe('未编号');
    const numbers = await Promise.all([page, other].map(async (p) => (await p.getByLabel('文号').innerText()).trim()));
    expect(numbers.sort()).toEqual(['县政办发〔2026〕1号', '县政办发〔2026〕2号']);
    await other.close();
  });
});
