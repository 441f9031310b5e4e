import { changeText, comparisonText, FLOW_FINISH_WORD, FLOW_REGISTER_LABELS, flowSummary, paperTitle, periodText, type FlowPeriod } from '@shared/domain/flow-format';
import type { FlowFigures, FlowItem, FlowReport } from '@shared/domain/flow-stats-types';
import type { CellObject, SheetData } from 'write-excel-file/universal';
import { writeWorkbook, type ExportSheet } from '../../ui/xlsx';
import { dateCell, percentCell } from '../../ui/xlsx-cells';
import type { CompareWith } from './flow-params';

// 运转时效分析 as an .xlsx (loaded on first use: this module is imported lazily). Sheet 运转时效:
// the heading, the summary and the comparison sentence, the figures of both periods side by side
// and each stage; then one sheet each for the groups, the months, the 10 longest and the 在办 list.
// Working days are numbers (one decimal), 按期率 a percentage and 时限 a date, so the office can
// sort and sum them. Records are named by number, 标题 (a 秘密+ one's masked: paperTitle) and unit, as in the print.

export interface FlowXlsxInput {
  report: FlowReport;
  previous: FlowReport;
  period: FlowPeriod;
  previousPeriod: FlowPeriod;
  compare: CompareWith;
  unitName: string;
}

const border = { borderStyle: 'thin', borderColor: '#000000' } as const;
const text = (value: string, extra: CellObject = {}): CellObject => ({ value, type: String, ...border, ...extra });
const num = (value: number, extra: CellObject = {}): CellObject => ({ value, type: Number, align: 'center', ...border, ...extra });
/** Working days to one decimal as a number cell; "—" when nothing was counted. */
const days = (value: number | null): CellObject => (value === null ? text('—', { align: 'center' }) : num(Math.round(value * 10) / 10, { format: '0.0' }));
const rate = (value: number | null): CellObject => (value === null ? text('—', { align: 'center' }) : { ...percentCell(Math.round(value * 1000) / 1000), align: 'center', ...border });
const header = (labels: readonly { label: string }[]): CellObject[] =>
  labels.map(({ label }) => ({ value: label, type: String, fontWeight: 'bold', align: 'center', backgroundColor: '#E7E6E6', ...border }));
const title = (value: string, span: number): CellObject[] => [{ value, type: String, fontSize: 16, fontWeight: 'bold', align: 'center', columnSpan: span, height: 30, wrap: true }];
const line = (value: string, span: number): CellObject[] => [{ value, type: String, columnSpan: span, wrap: true }];

export function flowHeading(report: FlowReport, period: FlowPeriod, unitName: string): string {
  return `${unitName}${periodText(period)}${FLOW_REGISTER_LABELS[report.query.register]}运转时效分析`;
}

function itemSheet(name: string, heading: string, group: string, daysLabel: string, items: readonly FlowItem[], empty: string): ExportSheet {
  const columns = [
    { label: '序号', width: 6 },
    { label: '编号', width: 18 },
    { label: '标题', width: 40 },
    { label: group, width: 24 },
    { label: '办理时限', width: 12 },
    { label: daysLabel, width: 14 },
    { label: '是否超期', width: 10 },
  ];
  const data: SheetData = [title(`${heading}：${name}`, columns.length), header(columns)];
  if (items.length === 0) data.push([text(empty, { columnSpan: columns.length, align: 'center' })]);
  items.forEach((it, i) =>
    data.push([num(i + 1), text(it.number), text(paperTitle(it), { wrap: true }), text(it.group ?? '', { wrap: true }), it.dueDate ? { ...dateCell(it.dueDate), align: 'center', ...border } : text('—', { align: 'center' }), num(it.workdays), text(it.late ? '超期' : '', { align: 'center' })]),
  );
  return { name, data, columns, stickyRowsCount: 2, print: { title: `${heading}：${name}`, repeatRows: [2, 2], orientation: 'portrait' } };
}

export async function buildFlowXlsx({ report, previous, period, previousPeriod, compare, unitName }: FlowXlsxInput): Promise<Uint8Array> {
  const { register } = report.query;
  const finish = FLOW_FINISH_WORD[register];
  const heading = flowHeading(report, period, unitName);
  const t: FlowFigures = report.total;
  const p: FlowFigures = previous.total;
  const group = report.groups[0]?.dimension ?? report.query.groupBy ?? '单位';

  const mainColumns = [
    { label: '指标', width: 24 },
    { label: `本期（${period.start}至${period.end}）`, width: 26 },
    { label: `${compare}（${previousPeriod.start}至${previousPeriod.end}）`, width: 26 },
    { label: '', width: 12 },
  ];
  const change = changeText(t.average, p.average);
  const main: SheetData = [
    title(heading, 4),
    line(`统计期间：${periodText(period)}（${period.start} 至 ${period.end}，统计截至 ${report.asOf}；用时按工作日计）`, 4),
    line(flowSummary(register, periodText(period), t), 4),
    line(`${comparisonText(t.average, p.average, compare)}${change ? `，${change}` : ''}。`, 4),
    header(mainColumns.slice(0, 3)),
    [text(`${finish}件数`), num(t.finished), num(p.finished)],
    [text('平均用时（工作日）'), days(t.average), days(p.average)],
    [text('中位用时（工作日）'), days(t.median), days(p.median)],
    [text(`按期${finish}率`), rate(t.onTimeRate), rate(p.onTimeRate)],
    [text('有办理时限的件数'), num(t.withDeadline), num(p.withDeadline)],
    [text(`其中按期${finish}`), num(t.onTime), num(p.onTime)],
    [text('超期件数'), num(t.overdue), num(p.overdue)],
    [text('在办件数'), num(t.open), num(p.open)],
    [],
    header([{ label: '环节' }, { label: '件数' }, { label: '平均（工作日）' }, { label: '中位（工作日）' }]),
    ...t.stages.map((s) => [text(s.label), num(s.count), days(s.average), days(s.median)]),
  ];

  const groupColumns = [
    { label: '序号', width: 6 },
    { label: group, width: 30 },
    { label: `${finish}件数`, width: 10 },
    { label: '平均（工作日）', width: 14 },
    { label: '中位（工作日）', width: 14 },
    { label: '按期率', width: 10 },
    { label: '超期', width: 8 },
    { label: '在办', width: 8 },
  ];
  const groups: SheetData = [title(`${heading}：各${group}`, groupColumns.length), header(groupColumns)];
  if (report.groups.length === 0) groups.push([text('本期无数据', { columnSpan: groupColumns.length, align: 'center' })]);
  report.groups.forEach((g, i) =>
    groups.push([num(i + 1), text(g.label, { wrap: true }), num(g.figures.finished), days(g.figures.average), days(g.figures.median), rate(g.figures.onTimeRate), num(g.figures.overdue), num(g.figures.open)]),
  );

  const monthColumns = [
    { label: '月份', width: 12 },
    { label: `${finish}件数`, width: 12 },
    { label: '平均用时（工作日）', width: 20 },
    { label: `按期${finish}率`, width: 14 },
  ];
  const months: SheetData = [title(`${heading}：逐月`, monthColumns.length), header(monthColumns)];
  report.trend.forEach((m) => months.push([text(m.month, { align: 'center' }), num(m.finished), days(m.average), rate(m.onTimeRate)]));

  return writeWorkbook([
    { name: '运转时效', data: main, columns: mainColumns, print: { title: heading, headerNote: `统计期间：${periodText(period)}`, repeatRows: [5, 5], orientation: 'portrait' } },
    { name: `各${group}`, data: groups, columns: groupColumns, stickyRowsCount: 2, print: { title: `${heading}：各${group}`, repeatRows: [2, 2], orientation: 'portrait' } },
    { name: '逐月', data: months, columns: monthColumns, stickyRowsCount: 2, print: { title: `${heading}：逐月`, repeatRows: [2, 2], orientation: 'portrait' } },
    itemSheet('用时最长', heading, group, `${finish}用时（工作日）`, report.total.longest, `本期无${finish}件`),
    itemSheet('在办', heading, group, '已用（工作日）', report.total.openItems, '本期无在办件'),
  ]);
}

