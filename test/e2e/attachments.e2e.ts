import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { finishApp, openApp, type AppSession } from './browser';
import { firstLogin, gotoNav, login, logout, setUpOffice } from './screens';

// Issue #17 §2, "Done when": a 3-page PDF (with a text layer) and a JPG attached to a 机密 收文 show
// in the viewer with the watermark; an uninvolved user cannot open them; printing one is audited
// with its 打印份号; a file over the limit is refused with nothing stored; the scan's 发文字号 is
// offered as 来文字号 (and goes into the field only when 采用 is pressed).

const ADMIN = { username: 'admin', password: 'Wenshu#2026' };
const PW = 'Chushi#2026a';
const FINAL = 'Zhengshi#2026b';
const MONDAY = new Date('2026-11-23T09:00:00+08:00');
let app: AppSession;

afterEach((ctx) => finishApp(app, ctx));

const TITLE_LINE_1 = '某县人民政府办公室关于做好2026年春节期间';
const TITLE_LINE_2 = '安全生产工作的通知';

/** A 3-page 红头 PDF made by Chromium (so it has a text layer), and a JPG drawn on a canvas. */
async function makeFiles(dir: string): Promise<{ pdf: string; jpg: string; big: string }> {
  const gen = await app.context.newPage();
  const page = (n: number, body: string) => `<section style="break-after:${n < 3 ? 'page' : 'auto'};font-family:'Noto Serif CJK SC',serif;font-size:16pt">${body}</section>`;
  await gen.setContent(
    `<html><body style="margin:0">${page(
      1,
      `<p>000001</p><p>机密★1年</p><h1 style="color:#c00;text-align:center">某县人民政府办公室文件</h1>
       <p style="text-align:center">某县人民政府办公室 某政办发〔2026〕12号</p>
       <h2 style="text-align:center">${TITLE_LINE_1}<br>${TITLE_LINE_2}</h2>
       <p>各乡镇人民政府，县直各单位：</p><p>为切实做好春节期间安全生产工作，现将有关事项通知如下。</p>`,
    )}${page(2, '<p>一、压实安全生产责任。第二页。</p>')}${page(3, '<p>二、加强值班值守。第三页。</p>')}</body></html>`,
  );
  const pdf = join(dir, '某政办发12号扫描件.pdf');
  writeFileSync(pdf, await gen.pdf({ format: 'A4' }));
  const jpegB64 = await gen.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 800;
    c.height = 1100;
    const g = c.getContext('2d')!;
    g.fillStyle = '#fff';
    g.fillRect(0, 0, c.width, c.height);
    g.fillStyle = '#c00';
    g.fillRect(80, 80, 640, 60);
    g.fillStyle = '#000';
    g.font = '40px serif';
    g.fillText('签收单 扫描', 100, 300);
    return c.toDataURL('image/jpeg', 0.9).split(',')[1]!;
  });
  const jpg = join(dir, '签收单.jpg');
  writeFileSync(jpg, Buffer.from(jpegB64, 'base64'));
  await gen.close();
  // Over a 1 MB limit: 1.5 MB that starts like a PDF.
  const big = join(dir, '大文件.pdf');
  writeFileSync(big, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1_500_000, 0x20)]));
  return { pdf, jpg, big };
}

async function choose(page: Page, button: ReturnType<Page['getByRole']>, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await button.click();
  await (await chooser).setFiles(file);
}

describe('附件: the scanned original kept with its record', () => {
  test('a 机密 收文 registered from its scan: offers, viewer with watermark, need to know, numbered print audited, limit refused', async () => {
    app = await openApp({
      time: MONDAY,
      // The OS print dialog: the browser build calls window.print(); here it notes what went to paper.
      beforeLoad: async (p) => {
        await p.addInitScript(() => {
          const w = window as unknown as { __printed: string[] };
          w.__printed = [];
          window.print = () => {
            w.__printed.push(document.querySelector('.ws-print-root')?.textContent ?? '');
          };
        });
      },
    });
    const { page } = app;
    await setUpOffice(page, {
      unitName: '某某县人民政府办公室',
      admin: ADMIN,
      people: [
        { username: 'mishu', name: '张秘书', roles: ['秘书'] },
        { username: 'outsider', name: '赵其他', roles: ['工作人员'] },
        { username: 'shenji', name: '审计员', roles: ['安全审计员'] },
      ],
      password: PW,
    });
    const dir = mkdtempSync(join(tmpdir(), 'wenshu-attach-'));
    const files = await makeFiles(dir);

    // The 系统管理员 sets the per-file limit low: 1 MB (设置 → 存储).
    await login(page, ADMIN.username, ADMIN.password);
    await gotoNav(page, '设置');
    await page.getByRole('tab', { name: '存储' }).click();
    await page.getByLabel('单个附件上限').fill('1');
    await page.getByRole('form', { name: '附件上限' }).getByRole('button', { name: '保存' }).click();
    await page.getByText('附件上限已保存').waitFor();
    await logout(page);

    // The 秘书 registers from the scan: choosing it offers what its text layer says.
    await firstLogin(page, 'mishu', PW, FINAL);
    await gotoNav(page, '收文登记');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    const form = page.getByRole('form', { name: '收文登记' });
    // Dropped on the form (anywhere on it), as a secretary drags it from the scanner's folder.
    const dropped = await page.evaluateHandle(
      ({ b64, name }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name, { type: 'application/pdf' }));
        return dt;
      },
      { b64: readFileSync(files.pdf).toString('base64'), name: basename(files.pdf) },
    );
    await form.getByLabel('摘要', { exact: true }).dispatchEvent('drop', { dataTransfer: dropped });
    await page.getByRole('group', { name: '原件扫描件' }).getByText(/某政办发12号扫描件\.pdf/).waitFor();
    const offers = page.getByTestId('scan-suggestions');
    await offers.getByText('某政办发〔2026〕12号').waitFor({ timeout: 30_000 });
    await offers.getByText(`${TITLE_LINE_1}${TITLE_LINE_2}`, { exact: true }).waitFor();
    // Offered, not filled: the fields stay empty until the secretary takes them.
    expect(await form.getByLabel('来文字号', { exact: true }).inputValue()).toBe('');
    expect(await form.getByLabel('标题', { exact: true }).inputValue()).toBe('');
    await app.screenshot('attachments-registration-offers');
    await offers.getByRole('button', { name: '采用来文字号 某政办发〔2026〕12号' }).click();
    await offers.getByRole('button', { name: `采用标题 ${TITLE_LINE_1}${TITLE_LINE_2}` }).click();
    expect(await form.getByLabel('来文字号', { exact: true }).inputValue()).toBe('某政办发〔2026〕12号');
    expect(await form.getByLabel('标题', { exact: true }).inputValue()).toBe(`${TITLE_LINE_1}${TITLE_LINE_2}`);
    await form.getByLabel('来文单位', { exact: true }).fill('某县人民政府办公室');
    await form.getByRole('radio', { name: '机密' }).check();
    await form.getByLabel('份号', { exact: true }).fill('000001');
    await page.keyboard.press('Control+S');
    await page.getByText('收〔2026〕0001').first().waitFor();
    const panel = page.locator('.ant-card').filter({ has: page.getByText(/^附件（原件扫描件）（\d+）$/) });
    await panel.getByRole('cell', { name: '某政办发12号扫描件.pdf' }).waitFor();
    expect(await panel.getByRole('cell', { name: '原件扫描件', exact: true }).count()).toBe(1);
    const recordUrl = page.url();

    // A JPG added on the record's page.
    await panel.getByRole('button', { name: '添加附件' }).click();
    let dialog = page.getByRole('dialog', { name: '添加附件' });
    await choose(page, dialog.getByRole('button', { name: '选择文件' }), files.jpg);
    await dialog.getByRole('button', { name: '添加', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await panel.getByRole('cell', { name: '签收单.jpg' }).waitFor();

    // Over the limit: refused beside the field, nothing stored.
    await panel.getByRole('button', { name: '添加附件' }).click();
    dialog = page.getByRole('dialog', { name: '添加附件' });
    await choose(page, dialog.getByRole('button', { name: '选择文件' }), files.big);
    await dialog.getByRole('button', { name: '添加', exact: true }).click();
    await dialog.getByText('超过单个附件上限 1 MB').waitFor();
    await app.screenshot('attachments-over-limit');
    await dialog.getByRole('button', { name: '取消' }).click();
    await page.getByRole('button', { name: '放弃' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await panel.getByRole('row').count()).toBe(3); // header + 2 files

    // The PDF in the viewer: 3 pages drawn, the watermark (who, when, 密级) over each.
    await panel.getByRole('row', { name: /某政办发12号扫描件\.pdf/ }).getByRole('button', { name: '查看' }).click();
    const viewer = page.getByRole('dialog', { name: /附件：某政办发12号扫描件\.pdf/ });
    await expect.poll(() => viewer.locator('canvas').count(), { timeout: 30_000 }).toBe(3);
    await viewer.locator('canvas[data-rendered="true"]').first().waitFor({ timeout: 30_000 });
    expect(await viewer.getByTestId('attachment-watermark').count()).toBe(3);
    const mark = await viewer.getByTestId('attachment-watermark').first().innerText();
    expect(mark).toContain('张秘书（mishu）');
    expect(mark).toContain('机密');
    await viewer.getByText('第 1 / 3 页').waitFor();
    await viewer.getByRole('button', { name: '下一页' }).click();
    await viewer.getByText('第 2 / 3 页').waitFor();
    await app.screenshot('attachments-viewer-pdf');
    await viewer.getByRole('button', { name: '关闭', exact: true }).last().click();
    await viewer.waitFor({ state: 'detached' });

    // The JPG too, watermarked.
    await panel.getByRole('row', { name: /签收单\.jpg/ }).getByRole('button', { name: '查看' }).click();
    const imageViewer = page.getByRole('dialog', { name: /附件：签收单\.jpg/ });
    await imageViewer.getByRole('img', { name: '签收单.jpg' }).waitFor();
    expect(await imageViewer.getByTestId('attachment-watermark').count()).toBe(1);
    await app.screenshot('attachments-viewer-jpg');
    await imageViewer.getByRole('button', { name: '关闭', exact: true }).last().click();
    await imageViewer.waitFor({ state: 'detached' });

    // 打印 the PDF: a numbered copy, watermarked, each page with its 打印份号.
    await panel.getByRole('row', { name: /某政办发12号扫描件\.pdf/ }).getByRole('button', { name: '打印' }).click();
    await page.locator('.ws-print-root[data-print-ready="true"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('.ws-attachment-print-page img').count()).toBe(3);
    await app.screenshot('attachments-print-preview');
    await page.getByRole('toolbar', { name: '打印预览' }).getByRole('button', { name: '打印', exact: true }).click();
    await page.getByText('已打印，打印份号 附2026-000001').waitFor();
    const printed = await page.evaluate(() => (window as unknown as { __printed: string[] }).__printed);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain('份号 附2026-000001');
    expect(printed[0]).toContain('第 3 / 3 页');
    expect(printed[0]).toContain('张秘书（mishu）');
    await page.getByRole('toolbar', { name: '打印预览' }).getByRole('button', { name: '关闭' }).click();

    // 另存 of the JPG: a classified record's file is saved only as the watermarked, numbered copy (导出PDF).
    await panel.getByRole('row', { name: /签收单\.jpg/ }).getByRole('button', { name: '另存' }).click();
    await page.locator('.ws-print-root[data-print-ready="true"]').waitFor({ timeout: 30_000 });
    await page.getByRole('note').getByText('涉密附件只能另存为加水印、编号的副本：请点“导出PDF”').waitFor();
    await page.getByRole('toolbar', { name: '打印预览' }).getByRole('button', { name: '导出PDF' }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __printed: string[] }).__printed.length)).toBe(2);
    const savedCopy = (await page.evaluate(() => (window as unknown as { __printed: string[] }).__printed))[1]!;
    expect(savedCopy).toContain('份号 附2026-000002');
    expect(savedCopy).toContain('签收单.jpg');
    expect(savedCopy).toContain('张秘书（mishu）');
    await page.getByRole('toolbar', { name: '打印预览' }).getByRole('button', { name: '关闭' }).click();
    await logout(page);

    // Someone outside the 知悉范围 cannot open them.
    await firstLogin(page, 'outsider', PW, FINAL);
    await page.goto(recordUrl);
    await page.getByText('涉密文件：您不在知悉范围内，只能看到编号和状态。').waitFor();
    await page.getByTestId('attachments-forbidden').waitFor();
    expect(await page.getByRole('button', { name: '查看' }).count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain('扫描件.pdf');
    await logout(page);

    // The 审计员 finds the print in the log with its 打印份号; the record named by 密级, not by title.
    await firstLogin(page, 'shenji', PW, FINAL);
    await gotoNav(page, '审计日志');
    const entry = page.getByRole('row').filter({ has: page.getByRole('cell', { name: '打印附件', exact: true }) });
    await entry.first().waitFor();
    const logged = await entry.first().innerText();
    expect(logged).toContain('打印份号 附2026-000001');
    expect(logged).toContain('收〔2026〕0001【机密】');
    expect(logged).not.toContain('春节');
    const savedEntry = page.getByRole('row').filter({ has: page.getByRole('cell', { name: '另存附件', exact: true }) });
    expect(await savedEntry.first().innerText()).toContain('打印份号 附2026-000002');
    await logout(page);

    // Nothing of the refused file was stored: 设置 → 存储 counts the two files.
    await login(page, ADMIN.username, ADMIN.password);
    await gotoNav(page, '设置');
    await page.getByRole('tab', { name: '存储' }).click();
    await page.getByText(/，2 个文件/).first().waitFor();
    expect(await page.getByRole('table', { name: '按登记簿的附件占用' }).getByRole('row').filter({ hasText: '收文' }).innerText()).toMatch(/收文\s+2\s/);
    await app.screenshot('attachments-storage-settings');
    // pdf.js ran inside the CSP (its worker and data from the app itself): nothing refused, nothing thrown.
    expect(app.consoleErrors).toEqual([]);
  });
});
