import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import writeXlsxFile, { type Cell, type SheetData } from 'write-excel-file/universal';
import { LEGACY_HEADERS } from '../fixtures/legacy-register';
import { finishApp, openApp, type AppSession } from './browser';
import { addDepartment, addPeople, approveViaUi, completeSetup, createUserViaUi, firstLogin, gotoNav, incomingStep, login, logout, OFFICER, pickName } from './screens';

// Issue #14 "Screens that fit": at 1366×768 (the most common office screen, side menu included)
// every list shows its key columns without sideways scrolling, with long realistic values (the
// longest the schema allows where it matters); long text is cut with an ellipsis and shown whole
// in a tooltip; register lists have a column chooser kept per user. Batch actions: 传阅 and 办结
// of several 阅件, 借出 of several carriers to one person, 全选筛选结果 — each all or nothing.
// Assertions are on column visibility (header cells inside the viewport, no horizontal overflow),
// not on pixels; each list is also saved as a screenshot under test-results/.

const ADMIN = { username: 'admin', password: 'Wenshu#2026' };
const PW = 'Chushi#2026a';
const FINAL = 'Zhengshi#2026b';
const AUDITOR = { username: 'shenji', initial: 'Chushi#0001', final: 'Zhengshi#0002' };
/** Monday 2026-11-23, 09:00 in the office. */
const MONDAY = new Date('2026-11-23T09:00:00+08:00');
const VIEWPORT_WIDTH = 1366;

/** A 机构 name as long as offices write them. */
const LONG_DEPT = '县人民政府办公室综合协调与督查督办科';
/** 来文单位 of 100 characters (the schema's longest) and realistic ones of joint senders. */
const LONGEST_UNIT = '中共某某省委办公厅某某省人民政府办公厅某某省纪委监委机关某某省委组织部某某省委宣传部某某省委政法委员会某某省发展和改革委员会某某省财政厅某某省人力资源和社会保障厅某某省自然资源厅联合'.slice(0, 100);
/** 来文字号 of 50 characters (the schema's longest). */
const LONGEST_DOC_NUMBER = '某某省委办公厅某某省人民政府办公厅联合督查室明传电报发〔2026〕1234号'.padEnd(50, '附').slice(0, 50);
const LONG_TITLE =
  '关于印发《某某县2026年度深化“放管服”改革优化营商环境重点任务分工方案》及配套考核评价办法（试行）和责任清单的通知'.repeat(2).slice(0, 200);

let app: AppSession;
afterEach((ctx) => finishApp(app, ctx));

/** A legacy register of `rows` 收文 with the longest 来文单位, 来文字号 and 标题 the schema allows. */
async function longRegisterXlsx(rows: number): Promise<Uint8Array> {
  const data: SheetData = [LEGACY_HEADERS.map((h): Cell => ({ value: h, type: String }))];
  for (let i = 1; i <= rows; i++) {
    const docNumber = `${LONGEST_DOC_NUMBER.slice(0, 44)}${i}号`;
    data.push([`2026-${String(i).padStart(4, '0')}`, '2026-11-20', LONGEST_UNIT, docNumber, `${i}${LONG_TITLE}`.slice(0, 200), '非密', null, '已送领导阅']);
  }
  const blob = await writeXlsxFile(data, { sheet: '收文登记簿' }).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

/** The antd table wrapper holding the table named `name` (a table with a fixed header is two <table>s). */
function tableNamed(page: Page, name: string): Locator {
  return page.locator('.ant-table-wrapper').filter({ has: page.locator(`table[aria-label="${name}"]`) }).first();
}

/**
 * The list fits: each key column's header is on screen (inside the viewport, right of nothing
 * hidden, its title not cut), the table has no horizontal overflow and the page no sideways
 * scroll bar; then a screenshot to look at.
 */
async function assertFits(page: Page, table: Locator, keyColumns: readonly string[], shot: string): Promise<void> {
  await table.locator('tbody tr:not(.ant-table-measure-row)').first().waitFor();
  // Let the layout settle (fonts, the fixed header's width sync) before measuring.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  for (const title of keyColumns) {
    const th = table.locator('thead th').filter({ hasText: new RegExp(`^${title}$`) });
    await expect.poll(() => th.count(), { message: `column ${title} is shown` }).toBe(1);
    const box = await th.boundingBox();
    expect(box, `column ${title} has a box`).not.toBeNull();
    expect(box!.x, `column ${title} starts on screen`).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, `column ${title} ends inside the 1366 px screen`).toBeLessThanOrEqual(VIEWPORT_WIDTH);
    expect(await th.evaluate((el) => el.scrollWidth <= el.clientWidth + 1), `the title ${title} is not cut`).toBe(true);
  }
  const body = table.locator('.ant-table-body, .ant-table-content').first();
  const { scrollWidth, clientWidth } = await body.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
  expect(scrollWidth, `${shot}: the table scrolls sideways`).toBeLessThanOrEqual(clientWidth);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), `${shot}: the page scrolls sideways`).toBe(true);
  await app.screenshot(`fit-${shot}`);
}

async function pick(page: Page, scope: Locator, label: string, option: string): Promise<void> {
  await scope.getByLabel(label, { exact: true }).click();
  await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${option}"]`).click();
}

async function closeDropdowns(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'detached' }).catch(() => undefined);
}

/** A 阅件 through the registration form; back on the register afterwards. */
async function registerReading(page: Page, n: number): Promise<string> {
  await gotoNav(page, '收文登记');
  await page.getByRole('button', { name: '登记', exact: true }).click();
  const form = page.getByRole('form', { name: '收文登记' });
  await form.waitFor();
  await form.getByLabel('来文单位').fill('县发展和改革局');
  await form.getByLabel('来文字号').fill(`县发改发〔2026〕${n}号`);
  await form.getByLabel('标题').fill(`关于印发2026年第${n}期经济运行情况简报的通知（供各科室阅知）`);
  await form.getByRole('radio', { name: '阅件' }).check();
  await form.getByRole('button', { name: '登记', exact: true }).click();
  await page.getByText(`县发改发〔2026〕${n}号`).first().waitFor();
  const serial = (await page.getByText(/^收〔2026〕\d{4}$/).first().innerText()).trim();
  return serial;
}

/** The 状态 cell of the 收文 `serial` in the register as shown. */
async function stateOf(page: Page, serial: string): Promise<string> {
  const row = tableNamed(page, '收文登记簿').locator('tbody tr').filter({ has: page.getByRole('link', { name: serial, exact: true }) });
  return (await row.locator('.ant-tag').first().innerText()).trim();
}

describe('screens that fit 1366×768, and batch actions', () => {
  test('every list shows its key columns without sideways scrolling; column chooser kept per user; batch 传阅/办结/借出 all or nothing', async () => {
    app = await openApp({ time: MONDAY });
    const { page } = app;
    const dir = mkdtempSync(join(tmpdir(), 'wenshu-fit-'));
    expect(page.viewportSize()).toEqual({ width: 1366, height: 768 });

    // A new office: its 机构 (one with a long name), the 保密员 and 审计员 of 初始配置, staff.
    await completeSetup(page, { unitName: '某某县人民政府办公室', fondsCode: 'Z109', ...ADMIN });
    await login(page, ADMIN.username, ADMIN.password);
    await addDepartment(page, 'ZHK', LONG_DEPT);
    await addDepartment(page, 'BGS', '办公室');
    // 初始配置 lasts until there is a 保密员: the 审计员 first.
    await createUserViaUi(page, { username: AUDITOR.username, name: '安全审计员', roles: ['安全审计员'], password: AUDITOR.initial });
    await createUserViaUi(page, { username: OFFICER.username, name: '安全保密管理员', roles: ['安全保密管理员'], password: PW });
    const people = [
      { username: 'mishu', name: '刘秘书', roles: ['秘书'] },
      { username: 'like', name: '李科长', roles: ['工作人员'] },
      { username: 'zhangzhuren', name: '张主任', roles: ['工作人员'] },
    ];
    for (const p of people) await createUserViaUi(page, p);
    // 用户管理 (the administrator's list).
    await gotoNav(page, '设置');
    await page.getByRole('tab', { name: '用户管理' }).click();
    await assertFits(page, tableNamed(page, '用户'), ['用户名', '姓名', '机构', '角色', '状态', '操作'], 'users');
    await logout(page);
    await firstLogin(page, OFFICER.username, PW, OFFICER.final);
    for (const p of people) await approveViaUi(page, p.username);
    await logout(page);

    // --- 收文登记簿 -------------------------------------------------------------------------------
    await firstLogin(page, 'mishu', PW, FINAL);
    await addPeople(page, [
      { name: '王县长', unit: '某某县人民政府', title: '县委副书记、县人民政府县长、县人民政府党组书记' },
      { name: '赵局长', unit: '某某县发展和改革局（某某县粮食和物资储备局）', title: '党组书记、局长' },
    ]);
    await assertFits(page, tableNamed(page, '人员名录'), ['姓名', '单位', '职务', '账号', '状态', '操作'], 'people');

    await gotoNav(page, '收文登记');
    const xlsx = join(dir, '收文登记簿.xlsx');
    writeFileSync(xlsx, await longRegisterXlsx(6));
    await page.getByRole('button', { name: '导入' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '选择 Excel 文件' }).click();
    await (await chooser).setFiles(xlsx);
    await page.getByRole('button', { name: '导入 6 行' }).click();
    await page.getByText('共 6 件').waitFor();

    // One of them is taken to 承办 by the long-named 机构, due in 1 working day (工作台 shows it).
    await page.getByRole('link', { name: '收〔2026〕0006', exact: true }).click();
    const dialog = () => page.getByRole('dialog');
    await incomingStep(page, '初审');
    await incomingStep(page, '拟办', () => dialog().getByLabel('拟办意见').fill('拟请综合协调与督查督办科牵头办理'));
    await incomingStep(page, '批示', async () => {
      await pickName(page, dialog(), '批示领导', '王县长');
      await dialog().getByLabel('批示内容').fill('同意');
    });
    await incomingStep(page, '承办', async () => {
      await pick(page, dialog(), '主办单位', LONG_DEPT);
      await dialog().getByLabel('办理时限', { exact: true }).fill('1');
    });

    const readings: string[] = [];
    for (const n of [31, 32, 33]) readings.push(await registerReading(page, n));
    expect(readings).toEqual(['收〔2026〕0007', '收〔2026〕0008', '收〔2026〕0009']);

    await gotoNav(page, '收文登记');
    await page.getByText('共 9 件').waitFor();
    const register = tableNamed(page, '收文登记簿');
    await assertFits(page, register, ['收文编号', '收文日期', '来文单位', '来文字号', '标题', '密级', '状态', '办理时限', '承办单位'], 'incoming-register');
    // The longest 来文字号 is cut to its column and shown whole on hover.
    const row6 = register.locator('tbody tr').filter({ has: page.getByRole('link', { name: '收〔2026〕0006', exact: true }) });
    const docCell = row6.locator('td').nth(4).locator('.ant-typography');
    expect(await docCell.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await docCell.hover();
    await page.getByRole('tooltip').filter({ hasText: `${LONGEST_DOC_NUMBER.slice(0, 44)}6号` }).waitFor();
    await expect.poll(() => row6.innerText()).toContain(LONG_DEPT.slice(0, 3));

    // 列设置: 紧急程度 on, 收文日期 off; kept when the secretary comes back to the list.
    await page.getByRole('button', { name: '列设置' }).click();
    const columnsGroup = page.getByRole('group', { name: '显示的列' });
    await columnsGroup.getByRole('checkbox', { name: '紧急程度' }).check();
    await columnsGroup.getByRole('checkbox', { name: '收文日期' }).uncheck();
    await page.keyboard.press('Escape');
    await gotoNav(page, '工作台');
    await gotoNav(page, '收文登记');
    await assertFits(page, register, ['收文编号', '来文单位', '来文字号', '标题', '密级', '紧急程度', '状态', '办理时限', '承办单位'], 'incoming-register-chosen-columns');
    expect(await register.locator('thead th').filter({ hasText: /^收文日期$/ }).count()).toBe(0);
    await page.getByRole('button', { name: '列设置' }).click();
    await columnsGroup.getByRole('button', { name: '恢复默认' }).click();
    await page.keyboard.press('Escape');
    await register.locator('thead th').filter({ hasText: /^收文日期$/ }).waitFor();

    // --- 批量传阅 of the three 阅件: the search selects them, 全选筛选结果 takes all three ----------
    const bar = page.getByRole('toolbar', { name: '批量办理' });
    await page.getByLabel('搜索').fill('经济运行情况简报');
    await page.getByText('共 3 件').waitFor();
    await bar.getByRole('button', { name: '全选筛选结果（3 件）' }).click();
    await bar.getByText('已选 3 件').waitFor();
    await page.getByText('已选中筛选结果全部 3 件').waitFor();
    await bar.getByRole('button', { name: '批量传阅' }).click();
    let batch = page.getByRole('dialog', { name: '批量传阅：已选 3 件' });
    await pick(page, batch, '传阅人', '李科长');
    await closeDropdowns(page);
    await batch.getByRole('button', { name: '传阅', exact: true }).click();
    await batch.waitFor({ state: 'detached' });
    await page.getByText('已送传阅 3 件').waitFor();
    for (const s of readings) await expect.poll(() => stateOf(page, s), { timeout: 10_000 }).toBe('传阅中');
    await bar.getByText('未选择').waitFor();

    // A batch with a 办件 that is only 已登记: refused, naming it; the 阅件 beside it unchanged.
    await page.getByLabel('搜索').fill('');
    await page.getByText('共 9 件').waitFor();
    await register.getByRole('checkbox', { name: '选择 收〔2026〕0001' }).check();
    await bar.getByText('已选 1 件').waitFor();
    await bar.getByRole('button', { name: '批量传阅' }).click();
    batch = page.getByRole('dialog', { name: '批量传阅：已选 1 件' });
    await pick(page, batch, '传阅人', '张主任');
    await closeDropdowns(page);
    await batch.getByRole('button', { name: '传阅', exact: true }).click();
    await expect.poll(() => batch.getByRole('alert').first().innerText()).toContain('收〔2026〕0001：当前状态“已登记”，不能传阅');
    await batch.getByRole('button', { name: '取消' }).click();
    const discard = page.getByRole('dialog', { name: '放弃已填写的内容？' });
    // A picked reader makes the dialog dirty: it asks first (wait for the question, not a snapshot).
    await Promise.race([discard.waitFor(), batch.waitFor({ state: 'detached' })]);
    if (await discard.isVisible()) await discard.getByRole('button', { name: '放弃' }).click();
    await batch.waitFor({ state: 'detached' });
    expect(await stateOf(page, '收〔2026〕0001')).toBe('已登记');
    await app.screenshot('fit-incoming-batch-refused');

    // 批量办结 before the reader has read one: refused by its number, nothing changes.
    for (const s of readings.slice(0, 2)) {
      await page.getByRole('link', { name: s, exact: true }).click();
      await page.getByRole('button', { name: '李科长 已阅' }).click();
      await page.getByText('李科长 已阅').first().waitFor();
      await gotoNav(page, '收文登记');
    }
    await page.getByLabel('搜索').fill('经济运行情况简报');
    await page.getByText('共 3 件').waitFor();
    await bar.getByRole('button', { name: '全选筛选结果（3 件）' }).click();
    await bar.getByRole('button', { name: '批量办结' }).click();
    batch = page.getByRole('dialog', { name: '批量办结：已选 3 件' });
    await batch.getByRole('button', { name: '办结', exact: true }).click();
    await expect.poll(() => batch.getByRole('alert').first().innerText()).toContain(`${readings[2]}：尚有 1 人未阅：李科长（本批均未办理）`);
    await batch.getByRole('button', { name: '取消' }).click();
    await batch.waitFor({ state: 'detached' });
    for (const s of readings) expect(await stateOf(page, s)).toBe('传阅中');
    await page.getByRole('link', { name: readings[2]!, exact: true }).click();
    await page.getByRole('button', { name: '李科长 已阅' }).click();
    await page.getByText('李科长 已阅').first().waitFor();
    await gotoNav(page, '收文登记');
    await page.getByLabel('搜索').fill('经济运行情况简报');
    await page.getByText('共 3 件').waitFor();
    await bar.getByRole('button', { name: '全选筛选结果（3 件）' }).click();
    await bar.getByRole('button', { name: '批量办结' }).click();
    batch = page.getByRole('dialog', { name: '批量办结：已选 3 件' });
    await batch.getByRole('button', { name: '办结', exact: true }).click();
    await batch.waitFor({ state: 'detached' });
    await page.getByText('已办结 3 件').waitFor();
    for (const s of readings) await expect.poll(() => stateOf(page, s), { timeout: 10_000 }).toBe('已办结');

    // --- 工作台: the 收文 due tomorrow shows its title, not four characters of it ----------------
    await gotoNav(page, '工作台');
    const soon = page.locator('[aria-label="即将到期"]');
    await soon.getByRole('link', { name: '收〔2026〕0006' }).waitFor();
    const title = soon.locator('.ant-typography').filter({ hasText: LONG_TITLE.slice(0, 6) }).first();
    // Room for at least 12 characters of the title (the card gave it about 4 before).
    const shownChars = await title.evaluate((el) => el.clientWidth / parseFloat(getComputedStyle(el).fontSize));
    expect(shownChars).toBeGreaterThanOrEqual(12);
    await app.screenshot('fit-dashboard');

    // --- 会议 list and 督办 list ---------------------------------------------------------------------
    for (const [i, name] of ['某某县人民政府2026年第12次常务会议暨优化营商环境专题推进会（扩大）', '某某县2026年度安全生产与森林防火工作联席会议第四次全体（扩大）会议'].entries()) {
      await gotoNav(page, '会议纪要');
      await page.getByRole('button', { name: '新建会议' }).click();
      const form = page.getByRole('form', { name: '新建会议' });
      await form.getByLabel('会议名称').fill(name);
      await form.getByLabel('开始时间').fill(`2026-11-2${i} 09:00`);
      await form.getByLabel('地点').fill('县政府第一会议室（行政中心主楼三楼东侧）');
      await form.getByLabel('主持人').fill('县委副书记、县长王某某');
      // 出席 options read "王县长（单位 职务）".
      await form.getByLabel('出席', { exact: true }).click();
      await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title^="王县长"]').click();
      await closeDropdowns(page);
      await form.getByRole('button', { name: '保存' }).click();
      await page.getByRole('table', { name: '签到' }).waitFor();
    }
    await gotoNav(page, '会议纪要');
    await assertFits(page, tableNamed(page, '会议列表'), ['开始时间', '会议名称', '会议类型', '主持人', '密级', '纪要', '签发时限'], 'meetings');

    for (const n of [1, 2]) {
      await gotoNav(page, '督办事项');
      await page.getByRole('button', { name: '新建督办' }).click();
      const form = page.getByRole('form').filter({ has: page.getByLabel('督办内容') });
      await form.getByLabel('交办人').fill('县委副书记、县长王某某');
      await form.getByLabel('督办内容').fill(`第${n}项：牵头制定全县优化营商环境三年行动计划，明确部门分工、时间节点和考核办法，每月5日前报送推进情况`);
      await pickName(page, form, '责任单位', LONG_DEPT);
      await pickName(page, form, '责任人', '欧阳科长');
      await form.getByLabel('时限').fill('2026-12-31');
      await form.getByRole('button', { name: '保存' }).click();
      await page.getByText(/^督〔2026〕\d{4}$/).first().waitFor();
    }
    await gotoNav(page, '督办事项');
    await assertFits(page, tableNamed(page, '督办事项'), ['督办编号', '来源', '督办内容', '责任单位', '责任人', '时限', '状态', '最近进展'], 'supervision');

    // --- 归档: 待归档 shows 机构 and 保管期限 (the two fields the filer sets); then 归档文件目录 -----
    await gotoNav(page, '归档');
    const candidates = tableNamed(page, '待归档');
    await assertFits(page, candidates, ['类别', '编号', '文号', '责任者', '题名', '日期', '密级', '页数', '机构', '保管期限'], 'filing-candidates');
    for (const s of readings) {
      const r = candidates.locator('tbody tr').filter({ hasText: s });
      await r.getByLabel('页数').fill('2');
      await r.getByRole('checkbox').check();
    }
    await page.getByLabel('所选设为机构').click();
    await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="ZHK ${LONG_DEPT}"]`).click();
    await page.getByRole('button', { name: '归档', exact: true }).click();
    await page.getByText('已归档 3 件').waitFor();
    await page.getByRole('tab', { name: '归档文件目录' }).click();
    await assertFits(page, tableNamed(page, '归档文件目录'), ['序号', '档号', '文号', '责任者', '题名', '日期', '密级', '页数', '备注', '盒号'], 'filing-catalogue');

    // --- 发文登记簿: two drafts with the longest title and long 主送 ------------------------------
    await gotoNav(page, '设置');
    await page.getByRole('tab', { name: '发文字号' }).click();
    await page.getByRole('button', { name: '添加发文字号' }).click();
    const seriesDialog = page.getByRole('dialog', { name: '添加发文字号' });
    await seriesDialog.getByLabel('机关代字').fill('县政办发');
    await seriesDialog.getByLabel('发文机关标志').fill('某某县人民政府办公室文件');
    await seriesDialog.getByLabel('发文机关署名').fill('某某县人民政府办公室');
    await seriesDialog.getByRole('button', { name: '保存' }).click();
    await seriesDialog.waitFor({ state: 'detached' });
    for (const n of [1, 2]) {
      await gotoNav(page, '发文登记');
      await page.getByRole('button', { name: '拟稿', exact: true }).click();
      const draft = page.getByRole('form', { name: '拟稿' });
      await draft.getByLabel('标题').fill(`${n}${LONG_TITLE}`.slice(0, 200));
      await pick(page, draft, '主送', LONG_DEPT);
      await pick(page, draft, '主送', '某某县发展和改革局（某某县粮食和物资储备局）');
      await closeDropdowns(page);
      await pick(page, draft, '拟稿单位', LONG_DEPT);
      await draft.getByRole('button', { name: '保存草稿' }).click();
      await page.getByLabel('文号').filter({ hasText: '未编号' }).waitFor();
    }
    await gotoNav(page, '发文登记');
    await assertFits(page, tableNamed(page, '发文登记簿'), ['文号', '标题', '文种', '主送', '密级', '拟稿单位', '状态', '签发日期'], 'outgoing-register');

    // --- 迁移包: 50 a page, searched and filtered like the registers ----------------------------
    await gotoNav(page, '迁移包');
    const transfer = tableNamed(page, '可选收文');
    await page.getByText('共 9 件').first().waitFor();
    expect(await transfer.locator('tbody tr:not(.ant-table-measure-row)').count()).toBe(9);
    await assertFits(page, transfer, ['编号', '标题', '密级', '状态', '说明'], 'transfer-export');
    const incomingCard = page.locator('.ant-card-small').filter({ has: page.locator('table[aria-label="可选收文"]') });
    await pick(page, incomingCard, '状态', '已办结');
    await expect.poll(() => transfer.locator('tbody tr:not(.ant-table-measure-row)').count()).toBe(3);
    await incomingCard.getByLabel('搜索收文').fill('0007');
    await expect.poll(() => transfer.locator('tbody tr:not(.ant-table-measure-row)').count()).toBe(1);
    await logout(page);

    // --- 涉密载体台账 (the 保密员): 批量借出 to one person; one already lent refuses the batch ------
    await login(page, OFFICER.username, OFFICER.final);
    await page.getByRole('navigation', { name: '主导航' }).waitFor();
    const carrierNames = ['关于某某县2026年度重点工程建设项目资金安排和审计整改情况的专题报告（送审稿）', '某某县应急管理综合预案及各专项应急预案汇编（2026年修订版，含附件）', '县委常委会议纪要汇编'];
    for (const name of carrierNames) {
      await gotoNav(page, '涉密载体');
      await page.getByRole('button', { name: '登记', exact: true }).click();
      const form = page.getByRole('form', { name: '涉密载体登记' });
      await form.getByLabel('名称', { exact: true }).fill(name);
      await pick(page, form, '密级', '机密');
      await form.getByLabel('页数').fill('12');
      await form.getByLabel('制作单位').fill('办公室');
      await pick(page, form, '知悉范围', '李科长');
      await closeDropdowns(page);
      await form.getByLabel('存放位置').fill('机要室1号保密柜第3层左侧文件盒');
      await form.getByRole('button', { name: '登记' }).click();
      await page.locator('.ant-descriptions').waitFor();
    }
    await gotoNav(page, '涉密载体');
    const ledger = tableNamed(page, '涉密载体台账');
    await page.getByText('共 3 件').waitFor();
    const carrierBar = page.getByRole('toolbar', { name: '批量办理' });
    const lendMany = async (count: number): Promise<Locator> => {
      await carrierBar.getByRole('button', { name: '批量借出' }).click();
      const d = page.getByRole('dialog', { name: `批量借出：已选 ${count} 件` });
      await pick(page, d, '借阅人', '李科长');
      await d.getByLabel('借阅事由').fill('起草年度工作总结');
      await pick(page, d, '批准人', '张主任');
      await d.getByRole('button', { name: '借出', exact: true }).click();
      return d;
    };
    await ledger.getByRole('checkbox', { name: '选择 载〔2026〕0001' }).check();
    await ledger.getByRole('checkbox', { name: '选择 载〔2026〕0002' }).check();
    await carrierBar.getByText('已选 2 件').waitFor();
    let lend = await lendMany(2);
    await lend.waitFor({ state: 'detached' });
    await page.getByText('已借出 2 件').waitFor();
    await assertFits(page, ledger, ['编号', '名称', '密级', '份号', '保管人', '存放位置', '状态', '应还日期', '保密期限至'], 'carriers');
    await expect.poll(() => ledger.innerText()).toContain('2026-11-30');
    // 全选筛选结果 of everything: the lent ones refuse the batch; the one 在库 stays 在库.
    await carrierBar.getByRole('button', { name: '全选筛选结果（3 件）' }).click();
    lend = await lendMany(3);
    await expect.poll(() => lend.getByRole('alert').first().innerText()).toMatch(/载〔2026〕000[12]（份号 \d+）：该载体已借出，须先归还（本批均未办理）/);
    await lend.getByRole('button', { name: '取消' }).click();
    // The filled 借阅人/事由/批准人 make the dialog dirty: it always asks first (wait for the question;
    // a snapshot taken before it renders let the dialog stay open).
    await page.getByRole('dialog', { name: '放弃已填写的内容？' }).getByRole('button', { name: '放弃' }).click();
    await lend.waitFor({ state: 'detached' });
    const row3 = ledger.locator('tbody tr').filter({ has: page.getByRole('link', { name: '载〔2026〕0003', exact: true }) });
    expect(await row3.locator('.ant-tag').first().innerText()).toBe('在库');
    await logout(page);

    // --- 审计日志 (the 审计员) -----------------------------------------------------------------------
    await firstLogin(page, AUDITOR.username, AUDITOR.initial, AUDITOR.final);
    await gotoNav(page, '审计日志');
    await assertFits(page, tableNamed(page, '审计日志'), ['序号', '时间', '用户', '操作', '对象', '摘要'], 'audit-log');
    // Each batch left one entry per record (the 借出 of two, the 办结 of three; the refused batches
    // none), counted with the log's 操作 filter.
    const actionBox = page.getByLabel('操作', { exact: true });
    for (const [action, n] of [['涉密载体借出', 2], ['收文办结', 3]] as const) {
      await actionBox.click();
      await actionBox.fill(action);
      await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${action}"]`).click();
      await expect.poll(async () => (await tableNamed(page, '审计日志').locator('tbody').innerText()).match(new RegExp(action, 'g'))?.length ?? 0).toBe(n);
    }
  });
});
