import { formatChineseDate } from '@shared/domain/dates';
import type { ReportRow, SupervisionReport } from '@shared/domain/supervision-types';
import { PrintDocument } from './PrintDocument';
import { CarrierTableHead, type CarrierColumn } from './carrier-print-parts';

// 督办通报 ("一周一调度、一月一通报"), A4 portrait: for each 责任单位 how many tasks it has, how many
// are done and how many overdue, with the 办结率 and a 合计 row; then every overdue task, most
// overdue first, with its days overdue counted to the report's 统计截至 day.

export interface SupervisionReportSheetProps {
  report: SupervisionReport;
  /** The heading reads "<unitName>督办事项月度通报" (or 每周通报). */
  unitName: string;
}

/** Widths in mm of the 156 mm text block at 12pt; 责任单位 takes the rest (~62 mm). */
const UNIT_COLUMNS: readonly CarrierColumn[] = [
  { label: '序号', mm: 12 },
  { label: '责任单位' },
  { label: '任务数', mm: 20 },
  { label: '已办结', mm: 20 },
  { label: '已逾期', mm: 20 },
  { label: '办结率', mm: 22 },
];

/** At 10.5pt (measured in Chromium): 督〔2026〕0001 and 逾期工作日 on one line; 事项内容 takes the rest (~40 mm). */
const OVERDUE_COLUMNS: readonly CarrierColumn[] = [
  { label: '序号', mm: 8 },
  { label: '督办编号', mm: 30 },
  { label: '事项内容' },
  { label: '责任单位', mm: 25 },
  { label: '责任人', mm: 14 },
  { label: '时限', mm: 21 },
  // Working days, as the 时限 is counted (a Friday 时限 on Tuesday is 2, not 4).
  { label: '逾期工作日', mm: 18 },
];

/**
 * 办结率 as a whole percent, "33%". Never rounds up to 100% while a task is open, nor down to 0%
 * once one is done; "—" for a row with no tasks.
 */
export function completionRateText(row: Pick<ReportRow, 'total' | 'done' | 'rate'>): string {
  if (row.total <= 0) return '—';
  let pct = Math.round(row.rate * 100);
  if (row.done < row.total) pct = Math.min(pct, 99);
  if (row.done > 0) pct = Math.max(pct, 1);
  return `${pct}%`;
}

/** 督办通报 (A4 portrait). */
export function SupervisionReportSheet({ report, unitName }: SupervisionReportSheetProps) {
  const heading = `${unitName}督办事项${report.kind === '月报' ? '月度' : '每周'}通报`;
  return (
    <PrintDocument orientation="portrait" title={`${heading} ${report.periodText}`}>
      <h1 className="ws-supervision-title">{heading}</h1>
      <p className="ws-supervision-period">
        {report.periodText}（统计截至{formatChineseDate(report.asOf)}）
      </p>
      <h2 className="ws-supervision-section">一、各责任单位办理情况</h2>
      <table className="ws-register-table ws-supervision-table" aria-label="各责任单位办理情况">
        <CarrierTableHead columns={UNIT_COLUMNS} />
        <tbody>
          {report.rows.length === 0 && (
            <tr>
              <td colSpan={UNIT_COLUMNS.length} className="ws-register-empty">
                本期无督办事项
              </td>
            </tr>
          )}
          {report.rows.map((r, i) => (
            <tr key={r.unit}>
              <td className="ws-c">{i + 1}</td>
              <td>{r.unit}</td>
              <td className="ws-c">{r.total}</td>
              <td className="ws-c">{r.done}</td>
              <td className="ws-c">{r.overdue}</td>
              <td className="ws-c">{completionRateText(r)}</td>
            </tr>
          ))}
          <tr className="ws-supervision-total">
            <td className="ws-c" colSpan={2}>
              合计
            </td>
            <td className="ws-c">{report.totals.total}</td>
            <td className="ws-c">{report.totals.done}</td>
            <td className="ws-c">{report.totals.overdue}</td>
            <td className="ws-c">{completionRateText(report.totals)}</td>
          </tr>
        </tbody>
      </table>
      <h2 className="ws-supervision-section">二、逾期事项</h2>
      <table className="ws-register-table ws-supervision-table ws-supervision-table--dense" aria-label="逾期事项">
        <CarrierTableHead columns={OVERDUE_COLUMNS} />
        <tbody>
          {report.overdueTasks.length === 0 ? (
            <tr>
              <td colSpan={OVERDUE_COLUMNS.length} className="ws-register-empty">
                无逾期事项
              </td>
            </tr>
          ) : (
            report.overdueTasks.map((t, i) => (
              <tr key={t.id}>
                <td className="ws-c">{i + 1}</td>
                <td>{t.serial}</td>
                <td>{t.content}</td>
                <td>{t.unit}</td>
                <td className="ws-c">{t.person}</td>
                <td className="ws-c">{t.dueDate}</td>
                <td className="ws-c">{report.lateWorkdays[t.id] ?? 0}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </PrintDocument>
  );
}
