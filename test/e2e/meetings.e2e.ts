import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// fflate only to look inside the .docx the app wrote.
import { strFromU8, unzipSync } from 'fflate';
import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { finishApp, openApp, type AppSession } from './browser';
import { addPeople, firstLogin, gotoNav, newMeeting as newMeetingForm, pickName, setUpOffice } from './screens';

const ADMIN = { username: 'admin', password: 'Wenshu#2026' };
const PW = 'Chushi#2026a';
const FINAL = 'Zhengshi#2026b';
/** Monday 2026-11-23, 08:30 in the office. */
const MONDAY = new Date('2026-11-23T08:30:00+08:00');
let app: AppSession;

afterEach((ctx) => finishApp(app, ctx));

async function pdfText(page: Page, name: string): Promise<string> {
  await page.locator('.ws-print-root[data-print-ready="true"]').waitFor();
  const dir = mkdtempSync(join(tmpdir(), 'wenshu-minutes-'));
  const bytes = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  writeFileSync(join(dir, `${name}.pdf`), bytes);
  writeFileSync(join(process.cwd(), 'test-results', `${name}.pdf`), bytes);
  return execFileSync('pdftotext', ['-raw', join(dir, `${name}.pdf`), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

const alertText = (scope: Locator | Page) => scope.getByRole('alert').first().innerText();

/** 新建会议 with the two 议题 of this story; the form with 列席 is the one screenshotted. */
async function newMeeting(page: Page, m: { name: string; startAt: string; attend: string[]; sitIn: string[] }): Promise<void> {
  await newMeetingForm(page, { ...m, topics: '研究城区道路改造方案\n研究冬季供暖保障工作' }, async () => {
    if (m.sitIn.length) await app.screenshot('meeting-form');
  });
}

describe('会议纪要 → 督办 → 通报', () => {
  test('meeting with five invitees → 代会 and 请假 → three 议定事项 → 签发 第1期 → three tasks → progress, 办结, one overdue → monthly 通报 33%; PDF and DOCX; unissued minutes overdue on 工作台', async () => {
    app = await openApp({ time: MONDAY });
    const page = app.page;
    await setUpOffice(page, { unitName: '某某县人民政府办公室', admin: ADMIN, people: [{ username: 'mishu', name: '刘秘书', roles: ['秘书'] }], password: PW });
    await firstLogin(page, 'mishu', PW, FINAL);
    await addPeople(page, [
      { name: '张县长', unit: '县人民政府', title: '县长' },
      { name: '李副县长', unit: '县人民政府', title: '副县长' },
      { name: '王副县长', unit: '县人民政府', title: '副县长' },
      { name: '赵局长', unit: '县财政局', title: '局长' },
      { name: '钱局长', unit: '县住建局', title: '局长' },
    ]);
    await app.screenshot('people-directory');

    // A second meeting the same morning whose minutes are never written: overdue after 3 working days.
    await newMeeting(page, { name: '县政府专题会议（供暖）', startAt: '2026-11-23 15:00', attend: ['张县长'], sitIn: [] });

    await newMeeting(page, { name: '县政府第12次常务会议', startAt: '2026-11-23 09:00', attend: ['张县长', '李副县长', '王副县长'], sitIn: ['赵局长', '钱局长'] });
    const meetingUrl = page.url();

    // 签到: 钱局长 sends 孙副局长 (代会), 王副县长 is away (请假), the rest came.
    const signIn = page.getByRole('table', { name: '签到' });
    const row = (name: string) => signIn.getByRole('row').filter({ hasText: name });
    await row('钱局长').getByRole('button', { name: '代会' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('代会人', { exact: true }).fill('孙副局长');
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row('王副县长').getByRole('button', { name: '请假' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '确定' }).click();
    await expect.poll(() => dialog.innerText()).toContain('请填写请假事由');
    await dialog.getByLabel('请假事由').fill('赴市里开会');
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '其余 3 人记为到会' }).click();
    await expect.poll(() => signIn.innerText()).toContain('孙副局长代会');
    await expect.poll(() => row('赵局长').innerText()).toContain('到会');
    expect(await row('王副县长').innerText()).toContain('请假（赴市里开会）');

    // The 签到表 as printed: every invitee, 出席 first, with the 请假 already noted.
    await page.getByRole('button', { name: '打印签到表' }).click();
    const sheet = await pdfText(page, 'sign-in');
    for (const expected of ['县政府第12次常务会议签到表', '签名', '张县长', '钱局长', '请假（赴市里开会）']) expect(sheet, `签到表 should contain ${expected}`).toContain(expected);
    expect(sheet.indexOf('王副县长')).toBeLessThan(sheet.indexOf('赵局长'));
    await page.getByRole('button', { name: '关闭' }).click();
    await page.getByRole('table', { name: '签到' }).waitFor();

    // 纪要: bad input first — an empty 事项内容, then a 完成时限 before the meeting: each refused.
    await page.getByRole('button', { name: '编写纪要' }).click();
    const editor = page.getByRole('form', { name: '编写纪要' });
    await editor.getByLabel('会议主要情况').fill('会议听取了县住建局关于城区道路改造方案的汇报。\n会议强调，要确保群众温暖过冬。');
    const addDecision = () => editor.getByRole('button', { name: '添加议定事项' }).click();
    const decision = (n: number) => editor.getByRole('group', { name: `议定事项 ${n}` });
    await addDecision();
    await pickName(page, decision(1), '责任单位', '县住建局');
    await decision(1).getByLabel('完成时限').fill('2026-11-20');
    await editor.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => decision(1).innerText()).toContain('第 1 项议定事项的事项内容不能为空');
    await decision(1).getByLabel('事项内容').fill('县住建局牵头完善城区道路改造方案，报县政府审定');
    await editor.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => alertText(editor)).toContain('完成时限不能早于会议日期（2026-11-23）');
    await decision(1).getByLabel('完成时限').fill('10个工作日');
    await expect.poll(() => decision(1).innerText()).toContain('即 2026-12-07');
    await addDecision();
    await decision(2).getByLabel('事项内容').fill('县财政局统筹安排供暖补贴资金');
    await pickName(page, decision(2), '责任单位', '县财政局');
    await pickName(page, decision(2), '责任人', '赵局长');
    await decision(2).getByLabel('完成时限').fill('2026-12-31');
    await addDecision();
    await decision(3).getByLabel('事项内容').fill('县政府办公室印发冬季供暖保障工作通知');
    // Not in the lists yet: added to the 机构名录 in place.
    await pickName(page, decision(3), '责任单位', '县政府办公室');
    await decision(3).getByLabel('完成时限').fill('3个工作日');
    // 版记: 抄送 picked from the 机构 list (in the order picked); a 印发日期 before the meeting is refused beside its field.
    for (const unit of ['县财政局', '县住建局']) {
      const box = editor.getByLabel('抄送', { exact: true });
      await box.click();
      await box.fill(unit);
      await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${unit}"]`).click();
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => editor.locator('.ant-select-selection-item[title]').evaluateAll((els) => els.map((e) => e.getAttribute('title')))).toEqual(
      expect.arrayContaining(['县财政局', '县住建局']),
    );
    const printedOn = editor.getByLabel('印发日期');
    await printedOn.fill('2026-11-20');
    await printedOn.blur();
    await expect.poll(() => printedOn.locator("xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' ant-form-item ')][1]").innerText()).toContain('印发日期不能早于会议日期（2026-11-23）');
    await printedOn.fill('');
    await app.screenshot('minutes-editor');
    await editor.getByRole('button', { name: '保存' }).click();
    const decisions = page.getByRole('table', { name: '议定事项' });
    await expect.poll(() => decisions.innerText()).toContain('2026-11-26（3个工作日）');
    expect(await decisions.innerText()).toContain('签发后列入督办');

    // 签发: numbered 第1期; three 督办 tasks exist.
    await page.getByRole('button', { name: '签发', exact: true }).click();
    dialog = page.getByRole('dialog', { name: '签发纪要' });
    await expect.poll(() => dialog.innerText()).toContain('纪要编号：第1期');
    await dialog.getByRole('button', { name: '确认签发' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('已签发 第1期').first().waitFor();
    await expect.poll(() => decisions.innerText()).toContain('督〔2026〕0003');
    expect(await page.getByRole('button', { name: '签发', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '编写纪要' }).count()).toBe(0);
    await app.screenshot('meeting-issued');

    // The minutes as printed: 出席/列席/请假 lines, the deputy, the decisions, the number.
    await page.getByRole('button', { name: '打印纪要' }).click();
    const pdf = await pdfText(page, 'minutes');
    for (const expected of ['某某县人民政府办公室常务会议纪要', '第1期', '出席：', '列席：', '请假：', '王副县长（赴市里开会）', '孙副局长代钱局长', '会议议定事项如下：', '一、县住建局牵头完善城区道路改造方案', '三、县政府办公室印发冬季供暖保障工作通知', '抄送：县财政局，县住建局。']) {
      expect(pdf, `minutes PDF should contain ${expected}`).toContain(expected);
    }
    // 版记: 印发机关 (the 单位名称, no 印发机关 set) and 印发日期 (the 签发 day).
    expect(pdf).toMatch(/某某县人民政府办公室20\d\d年\d{1,2}月\d{1,2}日印发/);
    await page.getByRole('button', { name: '关闭' }).click();

    // The Word file: a valid .docx whose document.xml carries the same text.
    await page.goto(meetingUrl);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出Word' }).click();
    const file = await (await download).path();
    const zip = unzipSync(new Uint8Array(readFileSync(file)));
    expect(Object.keys(zip)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/fontTable.xml']));
    const xml = strFromU8(zip['word/document.xml']!);
    expect(xml).toContain('第1期');
    expect(xml).toContain('县财政局统筹安排供暖补贴资金');
    expect(xml).toContain('孙副局长代钱局长');
    expect(xml).toContain('县财政局，县住建局。');
    expect(strFromU8(zip['word/fontTable.xml']!)).toContain('仿宋_GB2312');

    // 督办: the three tasks; progress on one, 办结 another.
    await gotoNav(page, '督办事项');
    const tasks = page.getByRole('table').first();
    await expect.poll(() => tasks.innerText()).toContain('督〔2026〕0003');
    const openTask = async (serial: string) => {
      await gotoNav(page, '督办事项');
      await page.getByRole('link', { name: serial }).click();
      await page.getByRole('table', { name: '进展反馈' }).waitFor();
    };
    await openTask('督〔2026〕0001');
    expect(await page.locator('.ant-descriptions').innerText()).toContain('第1期');
    await page.getByRole('button', { name: '进展反馈' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('进展情况').fill('方案初稿已完成，正在征求意见');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByRole('table', { name: '进展反馈' }).innerText()).toContain('方案初稿已完成');
    await openTask('督〔2026〕0002');
    await page.getByRole('button', { name: '办结' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('办理结果').fill('补贴资金 320 万元已拨付');
    await dialog.getByRole('button', { name: '办结' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Thursday 11-26: both still in time (the 3rd working day is the last day).
    await page.clock.setSystemTime(new Date('2026-11-26T09:00:00+08:00'));
    await gotoNav(page, '工作台');
    await page.getByText('今天 2026-11-26').waitFor();
    const minutesCard = page.locator('[aria-label="纪要逾期未签发"]');
    // Loaded and empty ("无"), not merely still loading.
    await page.locator('.ant-card').filter({ hasText: '纪要逾期未签发' }).getByText('无', { exact: true }).waitFor();
    expect(await minutesCard.innerText()).not.toContain('供暖');

    // Friday 11-27: the 3-working-day task is overdue; the unwritten minutes are 4 working days old.
    await page.clock.setSystemTime(new Date('2026-11-27T09:00:00+08:00'));
    await gotoNav(page, '收文登记');
    await page.getByText('收文登记簿').first().waitFor();
    await gotoNav(page, '工作台');
    await page.getByText('今天 2026-11-27').waitFor();
    await expect.poll(() => minutesCard.innerText()).toContain('县政府专题会议（供暖）');
    await expect.poll(() => page.locator('[aria-label="逾期事项"]').innerText()).toContain('督〔2026〕0003');

    // The monthly 通报: 3 tasks, 1 done, 1 overdue → 33%, the overdue one listed.
    await gotoNav(page, '督办事项');
    await page.getByRole('button', { name: '督办通报' }).click();
    await page.locator('label.ant-radio-button-wrapper').filter({ hasText: '月报' }).click();
    const byUnit = page.getByRole('table', { name: '各责任单位办理情况' });
    await expect.poll(() => byUnit.innerText()).toContain('33%');
    const overdueList = page.getByRole('table', { name: '逾期事项' });
    await expect.poll(() => overdueList.innerText()).toContain('县政府办公室印发冬季供暖保障工作通知');
    expect(await overdueList.innerText()).not.toContain('城区道路');
    await app.screenshot('meeting-report');

    // 印发 the monthly 通报: the year's 第1期; it prints as a bulletin with that number.
    await page.getByRole('button', { name: '印发通报' }).click();
    await page.getByRole('dialog').getByRole('button', { name: /^印\s*发$/ }).click();
    await page.getByText(/本期通报已于 \S+ 印发（2026年第1期，/).waitFor();
    await page.getByRole('button', { name: '打印', exact: true }).click();
    const bulletin = await pdfText(page, 'supervision-report');
    for (const expected of ['督办通报', '第1期', '2026年11月督办事项办理情况通报', '本期共督办事项3项，已办结1项，办结率33%', '县政府办公室印发冬季供暖保障工作通知']) {
      expect(bulletin, `通报 should contain ${expected}`).toContain(expected);
    }
    expect(bulletin.indexOf('督办通报')).toBeLessThan(bulletin.indexOf('第1期'));
  });
});
