// fflate is what the spreadsheet library zips with; here only to look inside the file we write.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { OVERDUE_COLUMNS, REPORT_COLUMNS, buildReportXlsx, rateShare, reportHeading } from '../../../../renderer/features/supervision/report-xlsx';
import { readWorkbook } from '../../../../renderer/ui/xlsx';
import { buildReport } from '../../../../shared/domain/supervision';
import type { TaskRecord } from '../../../../shared/domain/supervision-types';
import { lineText, textLines } from '../../../e2e/pdf-geometry';
import { longText } from '../../../print-proofs/longest';
import { sofficeSkipReason } from '../../soffice';
import { expectPrintedSheet, printWorkbook } from '../../xlsx-printed';

// 督办通报 as .xlsx (issue #15): 办结率 a number shown as a percentage, 时限 a date; printed by
// LibreOffice Calc, the 通报 portrait and the 逾期事项 landscape, each one page wide with its header
// row and title on every page.

/**
 * Tasks of November 2026 with the longest values the rules allow (督办内容 500, 责任单位 60, 责任人 20
 * characters): in each of `units` units three tasks, one done, one overdue, one not yet due.
 */
function tasks(units: number): TaskRecord[] {
  const out: TaskRecord[] = [];
  for (let u = 0; u < units; u++) {
    const unit = `${String(u + 1).padStart(2, '0')}${longText(58, u)}`;
    for (let k = 0; k < 3; k++) {
      const n = out.length + 1;
      out.push({
        id: `t${n}`,
        serial: `督〔2026〕${String(n).padStart(4, '0')}`,
        source: { kind: '口头交办', assignedBy: '李局长' },
        content: longText(500, n),
        unit,
        person: longText(20, u + 1),
        dueDate: k === 2 ? '2026-12-31' : '2026-11-02',
        state: k === 0 ? '已办结' : '推进中',
        progress: [],
        ...(k === 0 ? { done: { date: '2026-11-20', result: '已完成', at: '2026-11-20T08:00:00.000Z', byName: '王秘书' } } : {}),
        reminders: [],
        createdAt: '2026-10-20T08:00:00.000Z',
        createdByName: '王秘书',
        updatedAt: '2026-11-20T08:00:00.000Z',
      });
    }
  }
  return out;
}

const report = (units: number) => buildReport('月报', '2026-11-15', tasks(units), '2026-12-06');
const unitName = longText(60, 1);

describe('buildReportXlsx', () => {
  it('writes 办结率 as a number in 0.0% format and 时限 as a date cell in yyyy-mm-dd', async () => {
    const bytes = await buildReportXlsx(report(2), unitName);
    const { sheets } = await readWorkbook(bytes);
    expect(sheets.map((s) => s.name)).toEqual(['督办通报', '逾期事项']);
    const [main, late] = [sheets[0]!.rows, sheets[1]!.rows];
    expect(main[0]?.[0]).toBe(reportHeading({ kind: '月报' }, unitName));
    expect(main[2]).toEqual(REPORT_COLUMNS.map((c) => c.label));
    expect(main[3]?.slice(2)).toEqual([3, 1, 1, 0.333]);
    expect(main[5]).toEqual(['合计', null, 6, 2, 2, 0.333]);
    expect(late[1]).toEqual(OVERDUE_COLUMNS.map((c) => c.label));
    expect(late[2]?.[5]).toEqual(new Date(Date.UTC(2026, 10, 2)));
    const files = unzipSync(bytes);
    const styles = strFromU8(files['xl/styles.xml']!);
    expect(styles).toMatch(/<numFmt [^>]*formatCode="0\.0%"/);
    expect(styles).toMatch(/<numFmt [^>]*formatCode="yyyy-mm-dd"/);
    // Portrait 通报, landscape 逾期事项.
    expect(strFromU8(files['xl/worksheets/sheet1.xml']!)).toMatch(/orientation="portrait" fitToWidth="1" fitToHeight="0"/);
    expect(strFromU8(files['xl/worksheets/sheet2.xml']!)).toMatch(/orientation="landscape" fitToWidth="1" fitToHeight="0"/);
  });

  it('never shows 100% while work is left nor 0% once some is done, as the screen does; — without tasks', () => {
    expect(rateShare({ total: 3, done: 1, rate: 1 / 3 })).toBe(0.333);
    expect(rateShare({ total: 2000, done: 1999, rate: 1999 / 2000 })).toBe(0.999);
    expect(rateShare({ total: 2000, done: 1, rate: 1 / 2000 })).toBe(0.001);
    expect(rateShare({ total: 4, done: 4, rate: 1 })).toBe(1);
    expect(rateShare({ total: 4, done: 0, rate: 0 })).toBe(0);
    expect(rateShare({ total: 0, done: 0, rate: 0 })).toBeNull();
  });
});

const skip = sofficeSkipReason();

describe.skipIf(skip !== null)(`督办通报 XLSX printed by LibreOffice Calc${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('prints the 通报 portrait and the 逾期事项 landscape, one page wide, header row and title on every page; 办结率 as 33.3%, 时限 as a date', async () => {
    const r = report(12);
    const heading = reportHeading(r, unitName);
    const printed = printWorkbook(await buildReportXlsx(r, unitName), 'report.xlsx');
    const main = expectPrintedSheet(printed, { title: heading, headers: REPORT_COLUMNS.map((c) => c.label), landscape: false, firstColumn: /^\d+$/ });
    const late = expectPrintedSheet(printed, {
      title: `逾期事项（${r.periodText}）`,
      headers: OVERDUE_COLUMNS.map((c) => c.label),
      landscape: true,
      firstColumn: /^督〔2026〕\d{4}$/,
    });
    expect(main.pages.length + late.pages.length).toBe(printed.pages.length);
    const mainText = main.pages.flatMap((n) => textLines(printed.pages[n - 1]!.words).map(lineText));
    expect(mainText.filter((t) => t.endsWith('33.3%'))).toHaveLength(r.rows.length + 1);
    const lateWords = late.pages.flatMap((n) => printed.pages[n - 1]!.words.map((w) => w.text));
    expect(lateWords.filter((w) => w === '2026-11-02')).toHaveLength(r.overdueTasks.length);
  });
});
