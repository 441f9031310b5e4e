import type { SupervisionReport } from '@shared/domain/supervision-types';
import type { CellObject, Sheet, SheetData } from 'write-excel-file/universal';
import { failOnBlockedWorker } from '../../ui/xlsx';
import { formulaSafeSheet } from '../../ui/xlsx-cells';
import { rateText } from '../../ui/task-labels';

// 督办通报 as an .xlsx: sheet 1 is the 通报 (title line, period, header, one row per 责任单位, 合计);
// sheet 2 lists the overdue tasks. The library loads on first use (this module is imported lazily).

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
  { label: '督办内容', width: 50 },
  { label: '责任单位', width: 20 },
  { label: '责任人', width: 10 },
  { label: '时限', width: 12 },
  { label: '逾期工作日', width: 11 },
] as const;

const border = { borderStyle: 'thin', borderColor: '#000000' } as const;
const text = (value: string, extra: CellObject = {}): CellObject => ({ value, type: String, ...border, ...extra });
const num = (value: number, extra: CellObject = {}): CellObject => ({ value, type: Number, align: 'center', ...border, ...extra });
const header = (labels: readonly { label: string }[]): CellObject[] =>
  labels.map(({ label }) => ({ value: label, type: String, fontWeight: 'bold', align: 'center', backgroundColor: '#E7E6E6', ...border }));
const title = (value: string, span: number): CellObject[] => [{ value, type: String, fontSize: 16, fontWeight: 'bold', align: 'center', columnSpan: span, height: 30 }];

export async function buildReportXlsx(report: SupervisionReport, unitName: string): Promise<Uint8Array> {
  const { default: writeXlsxFile } = await import('write-excel-file/universal');
  const heading = reportHeading(report, unitName);
  const period = `${report.periodText}（${report.start} 至 ${report.end}，统计截至 ${report.asOf}）`;

  const main: SheetData = [title(heading, REPORT_COLUMNS.length), [{ value: period, type: String, align: 'center', columnSpan: REPORT_COLUMNS.length }], header(REPORT_COLUMNS)];
  report.rows.forEach((r, i) => main.push([num(i + 1), text(r.unit), num(r.total), num(r.done), num(r.overdue), text(rateText(r), { align: 'center' })]));
  const t = report.totals;
  main.push([
    text('合计', { fontWeight: 'bold', align: 'center', columnSpan: 2 }),
    null,
    num(t.total, { fontWeight: 'bold' }),
    num(t.done, { fontWeight: 'bold' }),
    num(t.overdue, { fontWeight: 'bold' }),
    text(rateText(t), { fontWeight: 'bold', align: 'center' }),
  ]);

  const late: SheetData = [title(`逾期事项（${report.periodText}）`, OVERDUE_COLUMNS.length), header(OVERDUE_COLUMNS)];
  if (report.overdueTasks.length === 0) late.push([text('无逾期事项', { columnSpan: OVERDUE_COLUMNS.length, align: 'center' })]);
  report.overdueTasks.forEach((task, i) =>
    late.push([num(i + 1), text(task.serial), text(task.content, { wrap: true }), text(task.unit), text(task.person), text(task.dueDate, { align: 'center' }), num(report.lateWorkdays[task.id] ?? 0)]),
  );

  // Typed text (督办内容, 责任单位) reaches the sheet as text, never as a formula.
  const sheets: Sheet<Blob>[] = [
    { data: formulaSafeSheet(main), sheet: '督办通报', columns: REPORT_COLUMNS.map(({ width }) => ({ width })), stickyRowsCount: 3 },
    { data: formulaSafeSheet(late), sheet: '逾期事项', columns: OVERDUE_COLUMNS.map(({ width }) => ({ width })), stickyRowsCount: 2 },
  ];
  const blob = await failOnBlockedWorker(() => writeXlsxFile(sheets, { fontFamily: '宋体', fontSize: 11 }).toBlob());
  return new Uint8Array(await blob.arrayBuffer());
}
