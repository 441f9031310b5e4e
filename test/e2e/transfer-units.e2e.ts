import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { makeLegacyRegisterXlsx } from '../fixtures/legacy-register';
import { finishApp, openApp, type AppSession } from './browser';
import { addPeople, firstLogin, gotoNav, login, logout, newMeeting, setUpOffice } from './screens';

// 迁移包 between two PCs that both hold records (issue #20, "Done when"): 送往其他单位 arrives as the
// receiver's own 收文 and 台账 entries numbered after its own, 原编号 and 来文单位 kept, people mapped
// or 外单位人员; the same package again imports nothing; between two PCs of one office with 本机编号前缀
// B and C every number is kept, and a number the receiver already holds is renumbered in the preview.

const PW = 'Chushi#2026a';
const FINAL = 'Zhengshi#2026b';
const ADMIN = { username: 'admin', password: 'Wenshu#2026' };
const NOW = new Date('2026-11-23T09:00:00+08:00');
const dir = mkdtempSync(join(tmpdir(), 'wenshu-transfer-units-'));
let apps: AppSession[] = [];

afterEach(async (ctx) => {
  for (const a of apps) await finishApp(a, ctx);
  apps = [];
});

/**
 * A PC of an office: the 系统管理员 (who may give it a 本机编号前缀 in 设置 → 编号规则), the 保密员 of
 * 初始配置 and 主任, who keeps both the registers and the 台账 (秘书 and 安全保密管理员: the one who
 * sends and receives classified records); signed in as 主任 at the end.
 */
async function pc(unitName: string, chief: string, o: { prefix?: string; staff?: string } = {}): Promise<AppSession> {
  const { prefix, staff } = o;
  const app = await openApp({ time: NOW });
  apps.push(app);
  const page = app.page;
  const people = [{ username: 'zhuren', name: chief, roles: ['秘书', '安全保密管理员'] }, ...(staff ? [{ username: 'keyuan', name: staff, roles: ['工作人员'] }] : [])];
  await setUpOffice(page, { unitName, admin: ADMIN, people, password: PW });
  if (prefix) await setPrefix(page, prefix);
  await firstLogin(page, 'zhuren', PW, FINAL);
  return app;
}

/** The 系统管理员 gives this PC its 本机编号前缀 (设置 → 编号规则); starts and ends signed out. */
async function setPrefix(page: Page, prefix: string): Promise<void> {
  await login(page, ADMIN.username, ADMIN.password);
  await gotoNav(page, '设置');
  await page.getByRole('tab', { name: '编号规则' }).click();
  const form = page.getByRole('form', { name: '编号规则' });
  await form.getByLabel('本机编号前缀').fill(prefix);
  // The form shows the next numbers with the prefix before anything is saved.
  await expect.poll(() => form.innerText()).toContain(`收〔2026〕${prefix}-0001`);
  await form.getByRole('button', { name: '保存' }).click();
  await page.getByText('编号规则已保存').waitFor();
  await logout(page);
}

/** 收文登记 → 导入 the office's old Excel register (`rows` rows, `classified` of them 秘密 with a 份号: each brings its carrier). */
async function importLegacy(page: Page, o: { rows: number; classified?: number; seed: number; total: number }): Promise<void> {
  const xlsx = join(dir, `收文登记簿-${o.seed}.xlsx`);
  writeFileSync(xlsx, await makeLegacyRegisterXlsx({ rows: o.rows, seed: o.seed, ...(o.classified ? { classifiedRows: o.classified } : {}) }));
  await gotoNav(page, '收文登记');
  await page.getByRole('button', { name: '导入' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择 Excel 文件' }).click();
  await (await chooser).setFiles(xlsx);
  await page.getByRole('button', { name: `导入 ${o.rows} 行` }).click();
  await page.getByText(`共 ${o.total} 件`).waitFor();
}

/** 会议纪要: a meeting, its 纪要 written and 签发; returns on the meeting's page. */
async function issuedMinutes(page: Page, name: string, startAt: string, nth: number): Promise<void> {
  await newMeeting(page, { name, startAt, location: '第一会议室', attend: ['张县长'] });
  await page.getByRole('button', { name: '编写纪要' }).click();
  const editor = page.getByRole('form', { name: '编写纪要' });
  await editor.getByLabel('会议主要情况').fill(`会议研究了${name}的有关事项。`);
  await editor.getByRole('button', { name: '保存' }).click();
  await editor.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: '签发', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '签发纪要' });
  await expect.poll(() => dialog.innerText()).toContain(`第${nth}期`);
  await dialog.getByRole('button', { name: '确认签发' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByText(`已签发 第${nth}期`).first().waitFor();
}

/** Picks `option` in the antd Select labelled `label` inside `scope`. */
async function pick(page: Page, scope: Locator, label: string, option: string): Promise<void> {
  await scope.getByLabel(label, { exact: true }).click();
  await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${option}"]`).click();
}

/** The 保密员 adds `person` to a carrier's 知悉范围 (变更). */
async function addKnower(page: Page, serial: string, person: string): Promise<void> {
  await gotoNav(page, '涉密载体');
  await page.getByRole('link', { name: serial }).click();
  await page.getByRole('button', { name: '变更', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await pick(page, dialog, '知悉范围', person);
  // A multiple Select keeps its list open over the dialog's buttons: closed by a click elsewhere in the dialog.
  await dialog.locator('.ant-modal-title').click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
  await dialog.getByRole('button', { name: '保存' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByText(person).first().waitFor();
}

/** Ticks rows of a register's 迁移包 list. */
async function choose(rows: Locator[]): Promise<void> {
  for (const r of rows) await r.getByRole('checkbox').check();
}

/** 导出 with the form as filled; saves the file and returns it with the passphrase read off the screen. */
async function exportPackage(app: AppSession, recipient: string): Promise<{ file: string; passphrase: string }> {
  const page = app.page;
  await page.getByLabel('接收单位', { exact: true }).fill(recipient);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出', exact: true }).click();
  const file = join(dir, `${Date.now()}-${(await download).suggestedFilename()}`);
  await (await download).saveAs(file);
  const dialog = page.getByRole('dialog', { name: /迁移包口令/ });
  const passphrase = await dialog.getByLabel('迁移包口令').inputValue();
  await dialog.getByRole('button', { name: '关闭' }).click();
  await dialog.waitFor({ state: 'hidden' });
  return { file, passphrase };
}

/** 迁移包 → 导入: the file, the passphrase, 打开; returns the section once the preview is there. */
async function openPackage(page: Page, file: string, passphrase: string): Promise<Locator> {
  await gotoNav(page, '迁移包');
  await page.getByRole('tab', { name: '导入' }).click();
  const section = page.getByRole('region', { name: '导入迁移包' });
  const chooser = page.waitForEvent('filechooser');
  await section.getByRole('button', { name: '选择文件' }).click();
  await (await chooser).setFiles(file);
  await section.getByLabel('口令', { exact: true }).fill(passphrase);
  await section.getByRole('button', { name: '打开' }).click();
  await section.getByRole('table', { name: '迁移包内容' }).getByRole('row').nth(1).waitFor();
  return section;
}

/** The preview's rows as [类别, 本机编号, 导入后]. */
async function previewRows(section: Locator): Promise<string[][]> {
  const rows = section.getByRole('table', { name: '迁移包内容' }).locator('tbody tr.ant-table-row');
  return rows.evaluateAll((trs) => trs.map((tr) => [0, 1, 4].map((i) => (tr.children[i] as HTMLElement).innerText.trim())));
}

/** The register lists `n` records (its 共 N 件); callers never come from a page showing the same count. */
async function expectTotal(page: Page, nav: string, n: number): Promise<void> {
  await gotoNav(page, nav);
  await page.getByText(`共 ${n} 件`, { exact: true }).first().waitFor();
}

describe('迁移包 between PCs that hold records of their own', () => {
  test('送往其他单位: 5 收文, 2 载体 and a 纪要 arrive numbered after the receiver\'s own, 原编号 and 来文单位 kept, people mapped; the same package again imports nothing', async () => {
    const A_UNIT = '某某县人民政府办公室';
    const B_UNIT = '某某县财政局';
    const started = Date.now();

    // Each office: 20 收文 from its old Excel register (5 of them 秘密, each with its carrier: 5 载体) and 2 issued 纪要.
    const offices: AppSession[] = [];
    for (const [unit, chief, seed] of [
      [A_UNIT, '刘主任', 2026],
      [B_UNIT, '陈主任', 2027],
    ] as const) {
      // Both offices have a 王科员 (工作人员): the one name the receiver will find among its accounts.
      const app = await pc(unit, chief, { staff: '王科员' });
      offices.push(app);
      await importLegacy(app.page, { rows: 20, classified: 5, seed, total: 20 });
      await expectTotal(app.page, '涉密载体', 5);
      await addPeople(app.page, [{ name: '张县长', unit: '', title: '县长' }]);
      await issuedMinutes(app.page, '第1次主任办公会议', '2026-11-16 09:00', 1);
      await issuedMinutes(app.page, '第2次主任办公会议', '2026-11-20 09:00', 2);
    }
    const [a, b] = offices as [AppSession, AppSession];
    console.log(`two offices set up: ${Math.round((Date.now() - started) / 1000)} s`);

    // At A, 王科员 joins the 知悉范围 of 载〔2026〕0001 beside 刘主任: the receiver maps a carrier's 知悉人
    // (the people a received carrier keeps; a 收文's 办理 people stay in the sender's part, asked about by nobody).
    let page = a.page;
    await addKnower(page, '载〔2026〕0001', '王科员');

    // A's 主任 (the 保密员 too) exports 5 收文 that are not 秘密, 2 载体 and the first 纪要, 送往其他单位, 载体 as 复制.
    await gotoNav(page, '迁移包');
    await page.getByRole('radio', { name: '送往其他单位（对方作为收文接收）' }).check();
    const incomingList = page.getByRole('table', { name: '可选收文' });
    await incomingList.getByRole('row', { name: /收〔2026〕0020/ }).waitFor();
    const open = incomingList.getByRole('row', { name: /收〔2026〕/ }).filter({ hasNotText: '秘密' });
    await choose(await open.all().then((r) => r.slice(0, 5)));
    const sentIncoming = await Promise.all((await open.all()).slice(0, 5).map(async (r) => /收〔2026〕\d{4}/.exec(await r.innerText())![0]));
    const carrierList = page.getByRole('table', { name: '可选涉密载体' });
    const sentCarriers = ['载〔2026〕0001', '载〔2026〕0002'];
    await choose(sentCarriers.map((n) => carrierList.getByRole('row', { name: new RegExp(n) })));
    await choose([page.getByRole('table', { name: '可选会议纪要' }).getByRole('row', { name: /第1期/ })]);
    await page.getByText('已选：收文 5、涉密载体 2、会议纪要 1').waitFor();
    await page.getByRole('radio', { name: /^复制/ }).check();
    // 复制 needs the 安全保密管理员's approval: without it, refused beside the field.
    await page.getByLabel('接收单位', { exact: true }).fill(B_UNIT);
    await page.getByRole('button', { name: '导出', exact: true }).click();
    const approverItem = page.getByLabel('复制审批人').locator("xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' ant-form-item ')][1]");
    await expect.poll(() => approverItem.innerText()).toContain('复制须经审批');
    await page.getByLabel('复制审批人').click();
    await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="安全保密管理员"]`).click();
    await a.screenshot('transfer-units-export-form');
    const sent = await exportPackage(a, B_UNIT);

    // B's 主任 opens it: 8 × 新增, numbered after B's own (收文 0021…0026, 载体 0006…0007), 原编号 kept.
    page = b.page;
    let section = await openPackage(page, sent.file, sent.passphrase);
    expect(await section.locator('.ant-descriptions').innerText()).toContain(A_UNIT);
    const rows = await previewRows(section);
    expect(rows).toHaveLength(8);
    for (const [, , status] of rows) expect(status).toMatch(/^新增/);
    const incomingNumbers = rows.filter(([kind]) => kind !== '涉密载体').map(([, n]) => /^收〔2026〕\d{4}/.exec(n!)?.[0]);
    expect(incomingNumbers.sort()).toEqual(['收〔2026〕0021', '收〔2026〕0022', '收〔2026〕0023', '收〔2026〕0024', '收〔2026〕0025', '收〔2026〕0026']);
    const carrierNumbers = rows.filter(([kind]) => kind === '涉密载体').map(([, n]) => n!);
    expect(carrierNumbers.map((n) => /^载〔2026〕\d{4}/.exec(n)?.[0]).sort()).toEqual(['载〔2026〕0006', '载〔2026〕0007']);
    for (const s of [...sentIncoming, ...sentCarriers]) expect(rows.some(([, n]) => n!.includes(`（原编号 ${s}`)), s).toBe(true);

    // People: 王科员 has a namesake account here (已匹配); A's 主任 does not: 外单位人员.
    const people = section.getByRole('table', { name: '人员对应' });
    await people.waitFor();
    const personRow = (name: string) => people.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
    await expect.poll(() => personRow('王科员').innerText()).toContain('已匹配');
    await expect.poll(() => personRow('刘主任').innerText()).toContain('外单位人员');
    const peopleText = await people.innerText();
    await b.screenshot('transfer-units-preview');
    expect(peopleText, 'nobody left 需确认').not.toContain('需确认');
    const importButton = section.getByRole('button', { name: '导入', exact: true });
    expect(await importButton.isEnabled()).toBe(true);
    await importButton.click();
    await section.getByText('已导入：收文 6、涉密载体 2').waitFor();

    // B's register: 26 收文; the first received one from A's unit, its 原编号, the sender's part read-only.
    await expectTotal(page, '收文登记', 26);
    const first = incomingNumbers.sort()[0]!;
    const fromRow = page.getByRole('row', { name: new RegExp(first) });
    expect(await fromRow.innerText()).toContain(A_UNIT);
    await fromRow.getByRole('link', { name: first }).click();
    await page.getByText('来文单位办理记录').waitFor();
    const originOf = rows.find(([, n]) => n!.startsWith(first))![1]!.match(/原编号 ([^）]+)/)![1]!;
    await page.getByText(`原编号 ${originOf}`).first().waitFor();
    await b.screenshot('transfer-units-received-incoming');

    // The carrier's entry in B's 台账: its 原编号 is A's.
    await expectTotal(page, '涉密载体', 7);
    const carrierRow = rows.find(([kind]) => kind === '涉密载体')!;
    await page.getByRole('link', { name: /^载〔2026〕\d{4}/.exec(carrierRow[1]!)![0] }).click();
    const carrierOrigin = /原编号 (载〔2026〕\d{4})/.exec(carrierRow[1]!)![1]!;
    await expect.poll(() => page.locator('.ant-descriptions').first().innerText()).toContain(carrierOrigin);

    // The same package again: it says when and by whom it came in; 导入 stays disabled; nothing changes.
    section = await openPackage(page, sent.file, sent.passphrase);
    const again = section.getByRole('alert').filter({ hasText: '此迁移包已于' });
    await again.waitFor();
    expect(await again.innerText()).toMatch(/此迁移包已于 .*2026.* 由 .*陈主任.* 导入.*未重复导入/);
    expect(await section.getByRole('button', { name: '导入', exact: true }).isDisabled()).toBe(true);
    expect(await section.locator('.ant-descriptions').innerText()).toContain('无新增记录；已存在（相同）8 条');
    await b.screenshot('transfer-units-again');
    await expectTotal(page, '收文登记', 26);
    await expectTotal(page, '涉密载体', 7);
    console.log(`送往其他单位 test: ${Math.round((Date.now() - started) / 1000)} s`);
  });

  test('本单位其他计算机 with 本机编号前缀 B and C: every prefixed number kept; a number the receiver already holds is renumbered in the preview, 原编号 kept', async () => {
    const UNIT = '某某县人民政府办公室';
    const started = Date.now();
    // Two standalone PCs of one office, used before the office gave them prefixes: each has its own
    // 收〔2026〕0001–0002; then 系统管理员 sets B and C, and each registers three more.
    const offices: AppSession[] = [];
    for (const [chief, prefix, before, after] of [
      ['赵主任', 'C', 20, 60],
      ['孙主任', 'B', 23, 62],
    ] as const) {
      const app = await pc(UNIT, chief);
      offices.push(app);
      const page = app.page;
      await importLegacy(page, { rows: 2, seed: before, total: 2 });
      await logout(page);
      await setPrefix(page, prefix);
      await login(page, 'zhuren', FINAL);
      await importLegacy(page, { rows: 3, seed: after, total: 5 });
      const list = (await page.locator('.ant-table-tbody').first().innerText()).trim();
      for (const n of ['0001', '0002', `${prefix}-0001`, `${prefix}-0002`, `${prefix}-0003`]) expect(list).toContain(`收〔2026〕${n}`);
    }
    const [c, b] = offices as [AppSession, AppSession];

    // C → B: all five, 本单位其他计算机.
    let page = c.page;
    await gotoNav(page, '迁移包');
    await page.getByRole('radio', { name: '本单位其他计算机' }).check();
    const list = page.getByRole('table', { name: '可选收文' });
    await list.getByRole('row', { name: /收〔2026〕C-0003/ }).waitFor();
    await choose(await list.getByRole('row', { name: /收〔2026〕/ }).all());
    await page.getByText('已选：收文 5').waitFor();
    const sent = await exportPackage(c, UNIT);

    page = b.page;
    const section = await openPackage(page, sent.file, sent.passphrase);
    const rows = await previewRows(section);
    expect(rows).toHaveLength(5);
    // C's prefixed numbers come as they are.
    for (const n of ['C-0001', 'C-0002', 'C-0003']) expect(rows).toContainEqual(['收文', `收〔2026〕${n}`, '新增']);
    // C's 0001 and 0002 are B's own numbers too: renumbered here, the old number kept as 原编号.
    const renumbered = rows.filter(([, , status]) => status === '新增（编号冲突，重新编号）');
    expect(renumbered.map(([, n]) => /（原编号 (.+)）$/.exec(n!)?.[1]).sort()).toEqual(['收〔2026〕0001', '收〔2026〕0002']);
    // … into B's own series: the next two after B-0003.
    const newNumbers = renumbered.map(([, n]) => /^收〔2026〕[\w-]+/.exec(n!)![0]);
    expect(newNumbers.sort()).toEqual(['收〔2026〕B-0004', '收〔2026〕B-0005']);
    await b.screenshot('transfer-units-collision-preview');
    await section.getByRole('button', { name: '导入', exact: true }).click();
    await section.getByText('已导入：收文 5').waitFor();

    // B's register: its own five and C's five, C-000x unchanged, the renumbered two with their 原编号.
    await expectTotal(page, '收文登记', 10);
    const register = (await page.locator('.ant-table-tbody').first().innerText()).trim();
    for (const n of ['0001', '0002', 'B-0001', 'B-0002', 'B-0003', 'C-0001', 'C-0002', 'C-0003']) expect(register).toContain(`收〔2026〕${n}`);
    for (const n of newNumbers) expect(register).toContain(n);
    const [moved] = renumbered;
    const movedNumber = /^收〔2026〕[\w-]+/.exec(moved![1]!)![0];
    await page.getByRole('link', { name: movedNumber, exact: true }).click();
    await page.getByText(`原编号 ${/（原编号 (.+)）$/.exec(moved![1]!)![1]}`).first().waitFor();
    console.log(`本单位其他计算机 test: ${Math.round((Date.now() - started) / 1000)} s`);
  });
});
