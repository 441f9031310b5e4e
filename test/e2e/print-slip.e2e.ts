import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from 'vitest';
import { PAGE_MARGINS } from '../../renderer/print/print-styles';
import { rowLabel, SLIP_LINE_MM, SLIP_TABLE_RESERVE_MM, slipTitle, type SlipLayout } from '../../shared/domain/slip-layout';
import { CUSTOM_SLIP_LAYOUT, CUSTOM_SLIP_UNIT } from '../print-proofs/incoming';
import { finishApp, openApp, type AppSession } from './browser';
import { firstLogin, gotoNav, login, logout, setUpOffice } from './screens';
import { lineText, pdfInk, pdfPages, printToPdf, textLines, type InkPage, type PdfPage, type Word } from './pdf-geometry';

// 收文处理笺 (issue #15): the office's own layout (设置 → 打印) printed on ONE A4 page, measured
// from the PDF: the boxes in the configured order, each at least its configured height, the form
// filling the 156 mm text block at x 28–184 mm.

const [TOP, RIGHT, , LEFT] = PAGE_MARGINS.portrait;
const TEXT_BLOCK = { x0: LEFT, x1: 210 - RIGHT };

/** As print-proofs.e2e.ts: from a blank page, so the previous proof can never be the one printed. */
async function openProof(page: Page, name: string): Promise<string> {
  await page.goto('about:blank');
  await page.goto(`${inject('proofsUrl')}#${encodeURIComponent(name)}`);
  await page.locator('.ws-print-root').waitFor();
  return printToPdf(page, `proof-${name}`);
}

/** y (mm) of every horizontal rule crossing the whole form at the 150 dpi rendering: a run of ink across 90% of the text block. */
function horizontalRules(ink: InkPage, y0 = 0, y1 = ink.heightMm): number[] {
  const rules: number[] = [];
  const step = ink.mmPerPx;
  const xs: number[] = [];
  for (let x = TEXT_BLOCK.x0 + 1; x < TEXT_BLOCK.x1 - 1; x += 1) xs.push(x);
  for (let y = y0; y < y1; y += step) {
    const dark = xs.filter((x) => ink.dark(x, y)).length;
    if (dark >= xs.length * 0.9 && (rules.length === 0 || y - rules[rules.length - 1]! > 1)) rules.push(y);
  }
  return rules;
}

/** The label of a box as printed (a long label wraps in its column): the words inside the label column, joined top to bottom. */
function labelBoxes(p: PdfPage, layout: SlipLayout, below: number): { label: string; y0: number; y1: number }[] {
  const column = p.words.filter((w) => w.x0 >= TEXT_BLOCK.x0 && w.x1 <= TEXT_BLOCK.x0 + 24 && w.y0 > below);
  const lines = textLines(column);
  return layout.rows.map((row) => {
    const label = rowLabel(row);
    // A label is one line, or two consecutive lines whose text joins to it.
    for (let i = 0; i < lines.length; i++) {
      const one = lineText(lines[i]!);
      const words: Word[] = one === label ? lines[i]! : i + 1 < lines.length && one + lineText(lines[i + 1]!) === label ? [...lines[i]!, ...lines[i + 1]!] : [];
      if (words.length) return { label, y0: Math.min(...words.map((w) => w.y0)), y1: Math.max(...words.map((w) => w.y1)) };
    }
    throw new Error(`label ${label} not found in the label column: ${lines.map(lineText).join(' | ')}`);
  });
}

describe('收文处理笺 with the office layout (proof incoming-slip-custom)', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp({ url: inject('proofsUrl') });
  });
  afterAll(() => finishApp(app, { task: { name: 'print-slip proofs' } }));

  test('one page; title; boxes in the configured order, each at least its height; 156 mm wide at x 28–184', async () => {
    const pdf = await openProof(app.page, 'incoming-slip-custom');
    const pages = pdfPages(pdf);
    expect(pages.map((p) => p.number)).toEqual([1]);
    const [page] = pages;
    const ink = pdfInk(pdf, 150)[0]!;

    // Title: the custom text with the unit's name, on two lines (the most the layout allows).
    const all = textLines(page!.words).map(lineText);
    const title = slipTitle(CUSTOM_SLIP_LAYOUT, CUSTOM_SLIP_UNIT);
    const titleAt = all.findIndex((l) => title.startsWith(l) && l.length > 5);
    expect(all[titleAt]! + all[titleAt + 1]!).toBe(title);

    // The rules of the form: the table's top to the last box's bottom.
    const rules = horizontalRules(ink);
    const formTop = rules[0]!;
    const formBottom = rules[rules.length - 1]!;
    const side = ink.boxIn({ x0: 0, y0: formTop, x1: 210, y1: formBottom });
    console.log(`slip form: x ${side!.x0.toFixed(1)}–${side!.x1.toFixed(1)} mm, y ${formTop.toFixed(1)}–${formBottom.toFixed(1)} mm`);
    expect(side!.x0).toBeCloseTo(TEXT_BLOCK.x0, 0);
    expect(side!.x1).toBeCloseTo(TEXT_BLOCK.x1, 0);
    expect(side!.x1 - side!.x0).toBeGreaterThan(155.3);
    expect(side!.x1 - side!.x0).toBeLessThan(156.7);
    // It fills the text block (225 mm from 37 mm) and stays inside it.
    expect(formBottom).toBeLessThanOrEqual(TOP + 225 + 0.5);
    expect(formBottom).toBeGreaterThan(TOP + 225 - 4);

    // Boxes: labels top to bottom in the configured order; each box (rule above to rule below) at least its lines.
    const boxRules = rules;
    const labels = labelBoxes(page!, CUSTOM_SLIP_LAYOUT, formTop);
    const ys = labels.map((l) => l.y0);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    const heights: string[] = [];
    labels.forEach((l, i) => {
      // pdftotext's word boxes include the font's ascent: the label's centre is what lies in its box.
      const centre = (l.y0 + l.y1) / 2;
      const above = Math.max(...boxRules.filter((y) => y < centre));
      const below = Math.min(...boxRules.filter((y) => y > centre));
      const row = CUSTOM_SLIP_LAYOUT.rows[i]!;
      heights.push(`${l.label} ${(below - above).toFixed(1)} mm (≥ ${(row.lines * SLIP_LINE_MM).toFixed(1)})`);
      // 1 px rule overlaps between boxes (margin-top: -1px) and the 150 dpi pixel: 0.5 mm.
      expect(below - above, l.label).toBeGreaterThanOrEqual(row.lines * SLIP_LINE_MM - 0.5);
      // Consecutive boxes share a rule: the next label lies below this box.
      const next = labels[i + 1];
      if (next) expect((next.y0 + next.y1) / 2).toBeGreaterThan(below);
    });
    console.log(`boxes: ${heights.join('; ')}`);
    // The registration table as printed for the budget record: what the one-page budget reserves for it.
    const firstBoxTop = Math.max(...boxRules.filter((y) => y < (labels[0]!.y0 + labels[0]!.y1) / 2));
    const table = firstBoxTop - formTop;
    console.log(`registration table: ${table.toFixed(1)} mm (reserved ${SLIP_TABLE_RESERVE_MM} mm)`);
    expect(table).toBeLessThanOrEqual(SLIP_TABLE_RESERVE_MM);
  });
});

describe('设置 → 打印 in the app: the layout set there is the one every slip prints', () => {
  let app: AppSession | null = null;
  afterEach((ctx) => finishApp(app, ctx));

  test('the 系统管理员 sets a title and a 核稿 row (the preview follows), the 秘书 prints a 收文 with them', async () => {
    const ADMIN = { username: 'admin', password: 'Wenshu#2026' };
    const PW = 'Chushi#2026a';
    const FINAL = 'Zhengshi#2026b';
    app = await openApp({ time: new Date('2026-11-23T09:00:00+08:00') });
    const { page } = app;
    await setUpOffice(page, { unitName: '某某县人民政府办公室', admin: ADMIN, departments: [['BGS', '办公室']], people: [{ username: 'mishu', name: '张秘书', roles: ['秘书'] }], password: PW });

    await login(page, ADMIN.username, ADMIN.password);
    await gotoNav(page, '设置');
    await page.getByRole('tab', { name: '打印' }).click();
    const form = page.getByRole('form', { name: '收文处理笺格式' });
    const preview = page.getByRole('figure', { name: '预览' });
    const previewTitle = preview.locator('.ws-slip-title');
    const previewLabels = () => preview.locator('.ws-slip-box-label').allInnerTexts().then((ls) => ls.map((l) => l.replace(/\s+/g, '')));
    await expect.poll(() => previewTitle.innerText()).toBe('某某县人民政府办公室收文处理笺');
    expect(await previewLabels()).toEqual(['拟办意见', '领导批示', '办理结果', '传阅']);

    await form.getByLabel('标题').fill('{单位名称}公文处理单');
    await expect.poll(() => previewTitle.innerText()).toBe('某某县人民政府办公室公文处理单');
    await form.getByRole('button', { name: '添加栏目' }).click();
    await form.getByLabel('第 5 栏名称').fill('核稿');
    // 核稿 goes up above 办理结果 by the keyboard: Alt+↑ twice from its name.
    await form.getByLabel('第 5 栏名称').press('Alt+ArrowUp');
    await form.getByLabel('第 4 栏名称').press('Alt+ArrowUp');
    await expect.poll(previewLabels).toEqual(['拟办意见', '领导批示', '核稿', '办理结果', '传阅']);
    await form.getByRole('button', { name: '保存' }).click();
    await page.getByText('收文处理笺格式已保存').waitFor();
    await logout(page);

    await firstLogin(page, 'mishu', PW, FINAL);
    await gotoNav(page, '收文登记');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await page.getByRole('form', { name: '收文登记' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBeTruthy();
    await page.keyboard.press('Enter'); // 收文日期 = today
    await page.keyboard.type('县财政局');
    await page.keyboard.press('Enter');
    await page.keyboard.type('县财发[2026]12号');
    await page.keyboard.press('Enter');
    await page.keyboard.type('关于做好年终财务决算工作的通知');
    await page.keyboard.press('Enter');
    await page.keyboard.type('函');
    await page.locator('.ant-select-item-option-active[title="函"]').waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByLabel('文种').getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('Control+S');
    await page.getByText('收〔2026〕0001').first().waitFor();
    await expect.poll(() => page.url()).toMatch(/#\/incoming\/[^/]+$/);

    await page.goto(`${page.url()}/print`);
    const pdf = await printToPdf(page, 'app-slip-custom');
    const pages = pdfPages(pdf);
    expect(pages).toHaveLength(1);
    const lines = textLines(pages[0]!.words).map(lineText);
    expect(lines).toContain('某某县人民政府办公室公文处理单');
    const at = (label: string) => {
      const i = lines.findIndex((l) => l.startsWith(label));
      expect(i, `${label} on the slip: ${lines.join(' | ')}`).toBeGreaterThanOrEqual(0);
      return i;
    };
    const order = ['拟办意见', '领导批示', '核稿', '办理结果', '传阅'].map(at);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});
