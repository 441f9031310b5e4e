import type { ReportRow, SupervisionReport } from '@shared/domain/supervision-types';
import type { CellObject, SheetData } from 'write-excel-file/universal';
import { writeWorkbook } from '../../ui/xlsx';
import { dateCell, percentCell } from '../../ui/xlsx-cells';

// 督办通报 as an .xlsx: sheet 1 is the 通报 (title line, period, header, one row per 责任单位, 合计);
// sheet 2 lists the overdue tasks. The library loads on first use (this module is imported lazily).
// 办结率 is a number shown as a percentage and 时限 a date, so the office can sort and sum them.

/** "某县政府办督办事项月度通报" / "…每周通报": the heading of the screen, the print and the file. */
export function reportHeading(report: Pick<SupervisionReport, 'kind'>, unitName: string): string {
  return `${unitName}督办事项${report.kind === '月报' ? '月度' : '每周'}通报`;
}

export const REPORT_COLUMNS = [
  { label: '序号', width: 6 },
  { label: '责任单位', width: 28 },
  { label: '任务数', width: 10 },
  { label: '已办结', width: 10 },
  { label: '已逾期', width: 10 },
  { label: '办结率', width: 10 },
] as const;

export const OVERDUE_COLUMNS = [
  { label: '序号', width: 6 },
  { label: '督办编号', width: 16 },
  { label: '督办内容', width: 80 },
  { label: '责任单位', width: 20 },
  { label: '责任人', width: 10 },
  { label: '时限', width: 12 },
  { label: '逾期工作日', width: 11 },
] as const;

/**
 * 办结率 as the share the cell holds (one decimal of a percent), or null without tasks. As on the
 * screen (rateText), a unit with work left never shows 100% and one with work done never 0%.
 */
export function rateShare(row: Pick<ReportRow, 'total' | 'done' | 'rate'>): number | null {
  if (row.total <= 0) return null;
  let share = Math.round(row.rate * 1000) / 1000;
  if (row.done < row.total) share = Math.min(share, 0.999);
  if (row.done > 0) share = Math.max(share, 0.001);
  return share;
}

const border = { borderStyle: 'thin', borderColor: '#000000' } as const;
const text = (value: string, extra: CellObject = {}): CellObject => ({ value, type: String, ...border, ...extra });
const num = (value: number, extra: CellObject = {}): CellObject => ({ value, type: Number, align: 'center', ...border, ...extra });
const rate = (row: ReportRow, extra: CellObject = {}): CellObject => {
  const share = rateShare(row);
  return share === null ? text('—', { align: 'center', ...extra }) : { ...percentCell(share), align: 'center', ...border, ...extra };
};
const header = (labels: readonly { label: string }[]): CellObject[] =>
  labels.map(({ label }) => ({ value: label, type: String, fontWeight: 'bold', align: 'center', backgroundColor: '#E7E6E6', ...border }));
const title = (value: string, span: number): CellObject[] => [{ value, type: String, fontSize: 16, fontWeight: 'bold', align: 'center', columnSpan: span, height: 30, wrap: true }];

export async function buildReportXlsx(report: SupervisionReport, unitName: string): Promise<Uint8Array> {
  const heading = reportHeading(report, unitName);
  const period = `${report.periodText}（${report.start} 至 ${report.end}，统计截至 ${report.asOf}）`;

  const main: SheetData = [title(heading, REPORT_COLUMNS.length), [{ value: period, type: String, align: 'center', columnSpan: REPORT_COLUMNS.length, wrap: true }], header(REPORT_COLUMNS)];
  report.rows.forEach((r, i) => main.push([num(i + 1), text(r.unit, { wrap: true }), num(r.total), num(r.done), num(r.overdue), rate(r)]));
  const t = report.totals;
  main.push([
    text('合计', { fontWeight: 'bold', align: 'center', columnSpan: 2 }),
    null,
    num(t.total, { fontWeight: 'bold' }),
    num(t.done, { fontWeight: 'bold' }),
    num(t.overdue, { fontWeight: 'bold' }),
    rate(t, { fontWeight: 'bold' }),
  ]);

  const lateTitle = `逾期事项（${report.periodText}）`;
  const late: SheetData = [title(lateTitle, OVERDUE_COLUMNS.length), header(OVERDUE_COLUMNS)];
  if (report.overdueTasks.length === 0) late.push([text('无逾期事项', { columnSpan: OVERDUE_COLUMNS.length, align: 'center' })]);
  report.overdueTasks.forEach((task, i) =>
    late.push([
      num(i + 1),
      text(task.serial),
      text(task.content, { wrap: true }),
      text(task.unit, { wrap: true }),
      text(task.person, { wrap: true }),
      { ...dateCell(task.dueDate), align: 'center', ...border },
      num(report.lateWorkdays[task.id] ?? 0),
    ]),
  );

  return writeWorkbook([
    {
      name: '督办通报',
      data: main,
      columns: REPORT_COLUMNS,
      stickyRowsCount: 3,
      // 6 narrow columns (74 characters): portrait.
      print: { title: heading, headerNote: `统计期间：${report.periodText}`, repeatRows: [3, 3], orientation: 'portrait' },
    },
    {
      name: '逾期事项',
      data: late,
      columns: OVERDUE_COLUMNS,
      stickyRowsCount: 2,
      // 督办内容 needs width: landscape.
      print: { title: lateTitle, headerNote: heading, repeatRows: [2, 2], orientation: 'landscape' },
    },
  ]);
}
