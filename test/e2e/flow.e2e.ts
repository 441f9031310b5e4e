import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { finishApp, openApp, type AppSession } from './browser';
import { firstLogin, gotoNav, incomingStep, pickName, setUpOffice } from './screens';
import { printToPdf } from './pdf-geometry';
import { readWorkbook } from '../../renderer/ui/xlsx';

// 运转时效 end to end (issue #17): a 秘书 works a year of 收文 through 登记 → 拟办 → 批示 → 承办 →
// 办结 on known days (the browser's clock is set to each day), one more in 2025 for 上年同期 and one
// left 在办. The test counts the working days itself from the State Council's holiday notices
// (holidays off, 调休 weekends worked) and finds the same average, median, stages and 按期办结率 on
// the screen, in the printed PDF and in the exported XLSX; the comparison shows both years' figures.

const ADMIN = { username: 'admin', password: 'Wenshu#2026' };
const PW = 'Chushi#2026a';
const FINAL = 'Zhengshi#2026b';

/** 2025 and 2026 days off and 调休 working days, as the 国务院办公厅 notices give them. */
const DAYS_OFF = new Set([
  ...['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08'],
  ...['2026-01-01', '2026-01-02', '2026-01-03'],
  ...['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23'],
  ...['2026-04-04', '2026-04-05', '2026-04-06', '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05'],
  ...['2026-06-19', '2026-06-20', '2026-06-21', '2026-09-25', '2026-09-26', '2026-09-27'],
  ...['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
]);
const MAKEUP_WORKDAYS = new Set(['2025-10-11', '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);

function isWorkday(iso: string): boolean {
  if (MAKEUP_WORKDAYS.has(iso)) return true;
  if (DAYS_OFF.has(iso)) return false;
  const wd = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return wd !== 0 && wd !== 6;
}

/** Working days after `from` up to and including `to` (as 办理时限 is counted). */
function workdays(from: string, to: string): number {
  let n = 0;
  for (let t = Date.parse(`${from}T00:00:00Z`) + 86_400_000; t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    if (isWorkday(new Date(t).toISOString().slice(0, 10))) n++;
  }
  return n;
}

interface Doc {
  title: string;
  unit: string;
  /** 登记 (收文日期), 拟办, 批示, 承办, 办结 (absent: still 在办). */
  days: [string, string, string, string, string?];
  due: string;
}

/** One 收文 in 2025 (for 上年同期), eight finished in 2026 across holidays, one still 在办. */
const LAST_YEAR: Doc = { title: '关于做好2025年冬季安全生产工作的通知', unit: '财政科', days: ['2025-11-03', '2025-11-04', '2025-11-05', '2025-11-06', '2025-12-10'], due: '2025-12-19' };
const THIS_YEAR: Doc[] = [
  { title: '关于报送2025年度财政决算的通知', unit: '财政科', days: ['2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-12'], due: '2026-01-16' },
  { title: '关于做好寒假学校安全工作的通知', unit: '教育科', days: ['2026-01-19', '2026-01-19', '2026-01-21', '2026-01-22', '2026-02-03'], due: '2026-01-30' },
  { title: '关于春节期间资金拨付的函', unit: '财政科', days: ['2026-02-09', '2026-02-10', '2026-02-11', '2026-02-12', '2026-03-02'], due: '2026-03-06' },
  { title: '关于开展春季开学检查的通知', unit: '教育科', days: ['2026-03-16', '2026-03-17', '2026-03-18', '2026-03-19', '2026-03-24'], due: '2026-03-27' },
  { title: '关于一季度预算执行情况的报告', unit: '财政科', days: ['2026-04-13', '2026-04-14', '2026-04-16', '2026-04-17', '2026-04-30'], due: '2026-04-24' },
  { title: '关于做好中考组织工作的通知', unit: '教育科', days: ['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04', '2026-06-12'], due: '2026-06-18' },
  { title: '关于国庆期间值班安排的通知', unit: '财政科', days: ['2026-09-14', '2026-09-15', '2026-09-16', '2026-09-17', '2026-10-12'], due: '2026-10-16' },
  { title: '关于冬季校舍维修资金的请示', unit: '教育科', days: ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-10'], due: '2026-11-13' },
];
const STILL_OPEN: Doc = { title: '关于年终考核工作的通知', unit: '财政科', days: ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19'], due: '2026-11-27' };
const TODAY = '2026-12-04';

const at = (iso: string) => new Date(`${iso}T09:00:00+08:00`);

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
const one = (n: number) => n.toFixed(1);

/** The figures the office should see for 2026, counted here from the days above. */
function expected() {
  const total = THIS_YEAR.map((d) => workdays(d.days[0], d.days[4]!));
  const stages = [0, 1, 2, 3].map((i) => THIS_YEAR.map((d) => workdays(d.days[i]!, d.days[i + 1]!)));
  const withDue = THIS_YEAR.filter((d) => d.due);
  const onTime = withDue.filter((d) => d.days[4]! <= d.due).length;
  const lateOpen = STILL_OPEN.due < TODAY ? 1 : 0;
  return {
    finished: THIS_YEAR.length,
    average: one(mean(total)),
    median: one(median(total)),
    stages: stages.map((xs) => ({ average: one(mean(xs)), median: one(median(xs)) })),
    onTimeRate: `${(Math.round((onTime / withDue.length) * 1000) / 10).toFixed(1)}%`,
    overdue: withDue.length - onTime + lateOpen,
    openAge: workdays(STILL_OPEN.days[0], TODAY),
    lastYear: one(workdays(LAST_YEAR.days[0], LAST_YEAR.days[4]!)),
    longest: Math.max(...total),
  };
}

let app: AppSession;
afterEach((ctx) => finishApp(app, ctx));

/** 登记 on `day` (收文日期 today by default), then each step on its own day; 办结 if the doc has one. */
async function work(page: Page, d: Doc): Promise<void> {
  const dialog = () => page.getByRole('dialog');
  await page.clock.setSystemTime(at(d.days[0]));
  await gotoNav(page, '收文登记');
  await page.getByRole('button', { name: '登记', exact: true }).click();
  const form = page.getByRole('form', { name: '收文登记' });
  await form.waitFor();
  await form.getByLabel('来文单位').fill('县人民政府');
  await form.getByLabel('标题').fill(d.title);
  await form.getByLabel('页数').fill('2');
  await form.getByRole('button', { name: '登记', exact: true }).click();
  await page.locator('.ant-card-head-title').filter({ hasText: /^收〔\d{4}〕\d{4}/ }).first().waitFor();
  await page.clock.setSystemTime(at(d.days[1]));
  await incomingStep(page, '初审');
  await incomingStep(page, '拟办', () => dialog().getByLabel('拟办意见').fill('拟请办理'));
  await page.clock.setSystemTime(at(d.days[2]));
  await incomingStep(page, '批示', async () => {
    await pickName(page, dialog(), '批示领导', '王县长');
    await dialog().getByLabel('批示内容').fill('同意');
  });
  await page.clock.setSystemTime(at(d.days[3]));
  await page.getByRole('button', { name: '承办', exact: true }).click();
  const assign = page.getByRole('dialog', { name: /^承办：/ });
  await assign.getByLabel('主办单位').click();
  await page.locator(`.ant-select-item-option[title="${d.unit}"]`).click();
  await assign.getByText('指定日期', { exact: true }).click();
  await assign.getByText('YYYY-MM-DD', { exact: true }).waitFor();
  await assign.getByLabel('办理时限', { exact: true }).fill(d.due);
  await expect.poll(() => assign.getByLabel('办理时限', { exact: true }).inputValue()).toBe(d.due);
  await assign.getByRole('button', { name: '承办', exact: true }).click();
  await assign.waitFor({ state: 'detached' });
  if (!d.days[4]) return;
  await page.clock.setSystemTime(at(d.days[4]));
  await incomingStep(page, '办结', () => dialog().getByLabel('办理结果').fill('已办理'));
  await page.getByText('已办结').first().waitFor();
}

const squash = (s: string) => s.replace(/\s+/g, '');

describe('运转时效 from a year of 收文', () => {
  test('the figures counted here are on screen, in the print and in the XLSX; 上年同期 and 在办 shown', async () => {
    app = await openApp({ time: at(LAST_YEAR.days[0]) });
    const { page } = app;
    await setUpOffice(page, {
      unitName: '某某县人民政府办公室',
      admin: ADMIN,
      departments: [
        ['CZK', '财政科'],
        ['JYK', '教育科'],
      ],
      people: [{ username: 'mishu', name: '张秘书', roles: ['秘书'] }],
      password: PW,
    });
    await firstLogin(page, 'mishu', PW, FINAL);
    for (const d of [LAST_YEAR, ...THIS_YEAR, STILL_OPEN]) await work(page, d);
    await page.clock.setSystemTime(at(TODAY));

    const e = expected();
    // The days were chosen so the year is not trivial: holidays crossed, some late, a 27-day year before.
    expect(e.lastYear).toBe('27.0');
    expect(e.overdue).toBeGreaterThanOrEqual(2);

    await gotoNav(page, '运转时效');
    const figures = page.getByRole('group', { name: '主要指标' });
    await expect.poll(() => figures.innerText().then(squash)).toContain(`办结件数${e.finished}件`);
    const shown = squash(await figures.innerText());
    expect(shown).toContain(`平均用时${e.average}个工作日`);
    expect(shown).toContain(`中位用时${e.median}个工作日`);
    expect(shown).toContain(`按期办结率${e.onTimeRate}`);
    expect(shown).toContain(`超期件数${e.overdue}件`);
    expect(shown).toContain('在办1件');
    await expect.poll(() => page.getByRole('note', { name: '两期对比' }).innerText()).toContain(`本期 ${e.average} 个工作日，上年同期 ${e.lastYear}`);
    const stages = page.getByRole('table', { name: '各环节用时' });
    for (const [i, label] of ['登记→拟办', '拟办→批示', '批示→承办', '承办→办结'].entries()) {
      const row = stages.getByRole('row').filter({ hasText: label });
      expect(squash(await row.innerText())).toBe(`${label}${e.finished}${e.stages[i]!.average}${e.stages[i]!.median}`);
    }
    // Per 承办单位, slowest first; the longest list starts with the longest.
    const groups = page.getByRole('table', { name: '各承办单位运转时效' });
    await groups.getByText('财政科').waitFor();
    await expect.poll(() => page.getByRole('table', { name: '用时最长的10件' }).getByRole('row').nth(1).innerText()).toContain(String(e.longest));
    await page.getByRole('img', { name: '月度趋势图' }).locator('svg').waitFor();
    // 在办: the open one, its age in working days, late (its 时限 has passed).
    await page.getByRole('tab', { name: '在办（1）' }).click();
    const open = page.getByRole('table', { name: '在办' });
    await open.getByText(STILL_OPEN.title).waitFor();
    expect(squash(await open.getByRole('row').filter({ hasText: STILL_OPEN.title }).innerText())).toContain(`${e.openAge}（超期）`);
    expect(await page.locator('html').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await app.screenshot('flow-page');

    // XLSX: sheet 运转时效 holds the same figures as numbers.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出Excel' }).click();
    const file = await (await download).path();
    const { sheets } = await readWorkbook(new Uint8Array(readFileSync(file)));
    const rows = sheets.find((s) => s.name === '运转时效')!.rows;
    const cell = (label: string, col = 1) => rows.find((r) => r[0] === label)?.[col];
    expect(cell('办结件数')).toBe(e.finished);
    expect(one(cell('平均用时（工作日）') as number)).toBe(e.average);
    expect(one(cell('中位用时（工作日）') as number)).toBe(e.median);
    expect(one(cell('平均用时（工作日）', 2) as number)).toBe(e.lastYear);
    expect(`${(Math.round((cell('按期办结率') as number) * 1000) / 10).toFixed(1)}%`).toBe(e.onTimeRate);
    expect(cell('超期件数')).toBe(e.overdue);
    expect(cell('在办件数')).toBe(1);
    for (const [i, label] of ['登记→拟办', '拟办→批示', '批示→承办', '承办→办结'].entries()) {
      expect(one(cell(label, 2) as number)).toBe(e.stages[i]!.average);
      expect(one(cell(label, 3) as number)).toBe(e.stages[i]!.median);
    }
    expect(rows.some((r) => String(r[0]).includes(`本期 ${e.average} 个工作日，上年同期 ${e.lastYear}`))).toBe(true);
    // The 在办 sheet names the open 收文 by number and 标题 (unclassified: its title is on paper).
    expect(sheets.some((s) => s.rows.some((r) => r.includes(STILL_OPEN.title)))).toBe(true);

    // The print (A4) carries the same figures and both years.
    await page.getByRole('button', { name: '打印', exact: true }).click();
    const pdf = await printToPdf(page, 'flow-report-app');
    const text = squash(execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }));
    expect(text).toContain(`2026年收文办结${e.finished}件，平均用时${e.average}个工作日，中位数${e.median}个工作日；按期办结率${e.onTimeRate}`);
    expect(text).toContain(`超期${e.overdue}件；在办1件`);
    expect(text).toContain(`本期${e.average}个工作日，上年同期${e.lastYear}`);
    expect(text).toContain(`平均用时（工作日）${e.average}${e.lastYear}`);
    for (const [i, label] of ['登记→拟办', '拟办→批示', '批示→承办', '承办→办结'].entries()) expect(text).toContain(`${label}${e.finished}${e.stages[i]!.average}${e.stages[i]!.median}`);
    expect(text).toContain(`在办（1件）`);
    expect(text).toContain(squash(STILL_OPEN.title));

    // 发文 (none in this office) answers with zeros, not an error. 督办: each 承办 after a 批示 made
    // one (followIncoming), finished with its 收文: 交办→办结 is the 收文's 承办→办结.
    await page.getByRole('button', { name: '关闭' }).click();
    await page.getByRole('radiogroup', { name: '登记簿' }).getByText('发文', { exact: true }).click();
    await expect.poll(() => figures.innerText().then(squash)).toContain('核发件数0件');
    await page.getByRole('radiogroup', { name: '登记簿' }).getByText('督办', { exact: true }).click();
    await expect.poll(() => figures.innerText().then(squash)).toContain(`办结件数${e.finished}件平均用时${e.stages[3]!.average}个工作日中位用时${e.stages[3]!.median}个工作日`);
    expect(squash(await figures.innerText())).toContain('在办1件');
    expect(app.consoleErrors).toEqual([]);
  });
});
