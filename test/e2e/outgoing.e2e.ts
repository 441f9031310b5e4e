import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { OUTGOING_REGISTER_COLUMNS } from '../../renderer/print/outgoing-register-columns';
import { PAGE_MARGINS } from '../../renderer/print/page-geometry';
import { convertWithLibreOffice, sofficeSkipReason } from '../unit/soffice';
import { finishApp, openApp, type AppSession } from './browser';
import { centre, RECEIPT_EDGES, slipLabels, SLIP_LABELS, squash } from './outgoing-pdf';
import { lineText, pdfPages, printToPdf, textLines, type PdfPage, type Word } from './pdf-geometry';
import { firstLogin, gotoNav, login, logout, OFFICER, pickName, setUpOffice } from './screens';

// Issue #16 "Done when": a 请示 (上行文) and a 通知 go from 拟稿 to 核发 by keyboard, one 退回修改 on
// the way; 文号 县政办发〔2026〕1号 and 2号; the second withdrawn → 作废, the next gets 3号 and the
// 文号台账 shows 1 (发文), 2 (作废, reason), 3 (发文) with no gap warning; a 预留号 is reserved and
// then used; a 机密 发文 printed in 3 份 makes carriers 000001–000003 and 核发 of one is a 移交 in
// the 载体台账; two windows registering at the same moment get distinct numbers. The 发文稿纸,
// 发文登记簿 and 分发签收单 printed from the app and read with pdftotext; the 请示's 红头 Word file
// opened in LibreOffice; the 请示 filed into 归档 with its 文号.

const sofficeSkip = sofficeSkipReason();
if (sofficeSkip) console.warn(`红头 DOCX in LibreOffice skipped: ${sofficeSkip}`);

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

/** A page's lines of text, each squashed (pdftotext splits CJK runs into words). */
const pdfLines = (p: PdfPage) => textLines(p.words).map((l) => squash(lineText(l)));
/** Where `text` starts in the lines (squashed, in reading order); -1 when absent. */
const lineIndex = (lines: readonly string[], test: (line: string) => boolean) => lines.findIndex(test);

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
  test('请示 and 通知 by keyboard, 退回修改, 作废 keeps its number, 预留号, a 机密 发文 makes carriers; prints, 红头 and 归档', async () => {
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
    const requestUrl = page.url();

    // Its 发文稿纸 printed: every row label in order, the 文号, 签发人 and 签发意见 in their places.
    await page.getByRole('button', { name: '发文稿纸' }).click();
    const slip = pdfPages(await printToPdf(page, 'outgoing-app-slip'));
    expect(slip).toHaveLength(1);
    const labels = slipLabels(slip[0]!);
    expect(labels.map((l) => l.text)).toEqual(SLIP_LABELS);
    const labelY = (t: string) => labels.find((l) => l.text === t)!.y;
    const wordsAt = (y0: number, y1: number, minX: number) =>
      squash(textLines(slip[0]!.words.filter((w) => centre(w).y > y0 && centre(w).y < y1 && w.x0 >= minX)).map(lineText).join(''));
    // The 签发 box (above the 会签 row): the 意见 and "签发人：王县长 2026年11月23日".
    const signoffBox = wordsAt(0, labelY('会签') - 6, 51);
    expect(signoffBox).toContain('同意印发');
    expect(signoffBox).toContain('签发人：王县长2026年11月23日');
    expect(signoffBox).not.toContain('文字已核');
    // The 文号 row holds the 文号; the 标题 and 主送 rows theirs.
    const rowText = (label: string) => wordsAt(labelY(label) - 2.5, labelY(label) + 2.5, 51);
    expect(rowText('文号')).toContain('县政办发〔2026〕1号');
    expect(rowText('标题')).toContain('关于拨付2026年防汛经费的请示');
    expect(rowText('主送')).toContain('某某县人民政府');
    expect(squash(pdfLines(slip[0]!).join(''))).toContain('某某县人民政府办公室发文稿纸');
    await page.getByRole('button', { name: '关闭' }).click();
    await page.getByLabel('文号').filter({ hasText: '县政办发〔2026〕1号' }).waitFor();

    // Its 红头 Word file, opened in LibreOffice: 版头 (机关标志; 文号 with the 签发人 on its line, a
    // 上行文), then 标题 and 主送, in that order down the first page.
    const redhead = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出红头文件' }).click();
    const redheadBytes = new Uint8Array(readFileSync(await (await redhead).path()));
    if (!sofficeSkip) {
      const docx = pdfPages(convertWithLibreOffice(redheadBytes, 'request.docx'));
      const lines = pdfLines(docx[0]!);
      const order = [
        lineIndex(lines, (l) => l === '某某县人民政府办公室文件'),
        lineIndex(lines, (l) => l.startsWith('县政办发〔2026〕1号')),
        lineIndex(lines, (l) => l === '关于拨付2026年防汛经费的请示'),
        lineIndex(lines, (l) => l === '某某县人民政府：'),
      ];
      expect(order.every((i) => i >= 0), `红头 lines: ${lines.join(' | ')}`).toBe(true);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(lines[order[1]!]).toBe('县政办发〔2026〕1号签发人：王县长');
    }

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
    await draftByKeyboard(page, { title: '关于防汛物资储备情况的通报', docType: '通报', mainTo: ['财政科', '办公室'], classificationSteps: 3, copies: '3' });
    await step(page, '送核稿');
    await throughRegistration(page, { reserved: '县政办发〔2026〕4号', expect: '县政办发〔2026〕4号' });
    await step(page, '印制', async (d) => {
      await d.getByText('每份编一个份号（000001–000003），并登记为 3 个涉密载体').waitFor();
      await app.screenshot('outgoing-print-dialog');
    });
    for (const n of ['000001', '000002', '000003']) await page.getByRole('link', { name: new RegExp(`^${n}（`) }).waitFor();
    await step(page, '用印');
    await distribute(page, '财政科', '陈科员');
    await distribute(page, '办公室', '赵文书');
    await stateIs(page, '已核发');
    await page.getByText('主送 财政科：1 份（份号 000001），2026-11-23 陈科员 签收').waitFor();
    await page.getByText('主送 办公室：1 份（份号 000002），2026-11-23 赵文书 签收').waitFor();
    await page.getByRole('link', { name: /^000001（.*已移交）$/ }).waitFor();
    await page.getByRole('link', { name: /^000003（.*在库）$/ }).waitFor();
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
    // Printed: one row per 主送 unit, in order, with its 序号, 份数, 份号 and 签收日期, read cell by cell
    // (a 机密 发文's sheet carries the reader's watermark, whose letters fall among the rows).
    const receipt = pdfPages(await printToPdf(page, 'outgoing-app-receipt'));
    expect(receipt).toHaveLength(1);
    const receiptWords = receipt[0]!.words;
    expect(squash(pdfLines(receipt[0]!).join(''))).toContain('县政办发〔2026〕4号');
    const cells = (unit: string) => {
      const name = receiptWords.find((w) => w.text === unit && centre(w).x > RECEIPT_EDGES[1]! && centre(w).x < RECEIPT_EDGES[2]!);
      expect(name, `${unit} in the 收文单位 column`).toBeDefined();
      const y = centre(name!).y;
      return [0, 2, 3, 5].map((c) => receiptWords.filter((w) => Math.abs(centre(w).y - y) < 2 && centre(w).x > RECEIPT_EDGES[c]! && centre(w).x < RECEIPT_EDGES[c + 1]!).sort((a, b) => a.x0 - b.x0).map((w) => w.text));
    };
    const rows = ['财政科', '办公室'].map(cells);
    rows.forEach(([seq, copies, copyNo, date], i) => {
      expect(seq).toContain(String(i + 1));
      expect(copies).toContain('1');
      expect(copyNo).toContain(`00000${i + 1}`);
      expect(squash(date!.join(''))).toContain('2026年11月23日');
    });
    const unitY = (unit: string) => centre(receiptWords.find((w) => w.text === unit)!).y;
    expect(unitY('财政科')).toBeLessThan(unitY('办公室'));
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
    // Printed (A4 landscape): the header row, every label in its column; the four 发文 in 文号 order
    // (a ledger's, not the screen's newest first), 2号 作废 with its reason. The 机密 row puts the reader's watermark on
    // the page: its glyphs (single characters or runs of digits, rotated) fall among the cells and are left out.
    const cellWord = (w: Word) => w.text.length >= 2 && /\p{Script=Han}/u.test(w.text);
    const sheet = pdfPages(await printToPdf(page, 'outgoing-app-register'));
    expect(sheet).toHaveLength(1);
    const sp = sheet[0]!;
    expect(sp.widthMm).toBeGreaterThan(sp.heightMm);
    const edges = OUTGOING_REGISTER_COLUMNS.reduce<number[]>((xs, c) => [...xs, xs[xs.length - 1]! + c.mm], [PAGE_MARGINS.landscape[3]]);
    const inColumn = (c: number) => (w: Word) => centre(w).x > edges[c]! && centre(w).x < edges[c + 1]!;
    const headWord = sp.words.find((w) => w.text === '序号')!;
    const band = sp.words.filter((w) => w.y0 >= headWord.y0 - 4 && w.y1 <= headWord.y1 + 4 && cellWord(w));
    expect(OUTGOING_REGISTER_COLUMNS.map((_, c) => band.filter(inColumn(c)).sort((a, b) => a.y0 - b.y0).map((w) => w.text).join(''))).toEqual(
      OUTGOING_REGISTER_COLUMNS.map((c) => c.label),
    );
    const numbers = sp.words.filter((w) => inColumn(1)(w) && /^〔2026〕\d号$/.test(w.text)).sort((a, b) => a.y0 - b.y0);
    expect(numbers.map((w) => w.text)).toEqual(['〔2026〕1号', '〔2026〕2号', '〔2026〕3号', '〔2026〕4号']);
    const stateColumn = OUTGOING_REGISTER_COLUMNS.length - 1;
    const voidedCell = sp.words
      .filter((w) => inColumn(stateColumn)(w) && centre(w).y > numbers[1]!.y0 - 8 && centre(w).y < numbers[2]!.y0 - 6 && cellWord(w))
      .sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
    expect(voidedCell.map((w) => w.text).join('')).toBe('已作废：政策调整，撤回重拟');
    await page.getByRole('button', { name: '关闭' }).click();
    await page.getByRole('link', { name: '县政办发〔2026〕1号' }).waitFor();

    // 归档: the 已核发 请示 is a candidate (its 文号, the office as 责任者); filed, it is in the
    // 归档文件目录 with its 文号, and its page shows 已归档 with the 档号.
    await gotoNav(page, '归档');
    const candidate = page.getByRole('table', { name: '待归档' }).getByRole('row', { name: /县政办发〔2026〕1号/ });
    await candidate.waitFor();
    expect(await candidate.innerText()).toContain('某某县人民政府办公室');
    expect(await candidate.innerText()).toContain('BGS 办公室');
    await candidate.getByRole('checkbox').check();
    await page.getByRole('button', { name: '归档', exact: true }).click();
    await page.getByText('已归档 1 件').waitFor();
    await page.getByRole('tab', { name: '归档文件目录' }).click();
    const entry = page.getByRole('table', { name: '归档文件目录' }).getByRole('row', { name: /县政办发〔2026〕1号/ });
    await entry.waitFor();
    const archiveCode = /Z109-WS·2026-[A-Z0-9]+-BGS-0001/.exec(await entry.innerText())?.[0] ?? '';
    expect(archiveCode).not.toBe('');
    for (const cell of [archiveCode, '县政办发〔2026〕1号', '某某县人民政府办公室', '关于拨付2026年防汛经费的请示', '定稿、正本合为一件']) await entry.getByRole('cell', { name: cell, exact: true }).waitFor();
    await page.goto(requestUrl);
    await page.locator('.ant-card-head').getByText(`已归档 ${archiveCode}`).waitFor();
    expect(await page.getByRole('button', { name: '作废', exact: true }).count()).toBe(0);

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
