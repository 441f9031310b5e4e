import { formatChineseDate, type IsoDate } from '@shared/domain/dates';
import { percentText, reportSummary } from '@shared/domain/supervision';
import type { ReportRow, SupervisionReport } from '@shared/domain/supervision-types';
import { PrintDocument } from './PrintDocument';

// 督办通报 ("一周一调度、一月一通报"), A4 portrait, laid out as an office bulletin (简报): the red
// 版头 "督办通报" in 小标宋, centred; 第N期 under it; the issuing unit and the date over a red rule
// the width of the text block; the heading and period; the summary sentence; then 一、each
// 责任单位's tasks, done, overdue and 办结率 with a 合计 row, and 二、every overdue task, most
// overdue first, with its lateness in working days on the 统计截至 day.

export interface SupervisionReportSheetProps {
  report: SupervisionReport;
  /** The issuing unit, on the line over the red rule. */
  unitName: string;
  /** 期号 as printed (第3期) once issued; null for a preview before 印发. */
  numberText: string | null;
  /** 印发日期 (or, before 印发, the day it is printed). */
  date: IsoDate;
}

/** What a 通报 not yet issued shows where its 期号 goes: it gets one only when 印发. */
export const UNNUMBERED_BULLETIN = '第（未编号）期';

/** The 版头. */
export const BULLETIN_HEAD = '督办通报';

/**
 * The 事项内容 column of the overdue list holds at least this many characters a line at the
 * table's 10.5pt (50% of the 156 mm text block, 78 mm), so a 40-character 事项 (one 议定事项
 * sentence) takes two lines.
 */
export const CONTENT_CHARS_PER_LINE = 20;

export interface BulletinColumn {
  label: string;
  /** Share of the text block; absent: what the others leave. */
  pct?: number;
}

const UNIT_COLUMNS: readonly BulletinColumn[] = [
  { label: '序号', pct: 8 },
  { label: '责任单位' },
  { label: '任务数', pct: 12 },
  { label: '已办结', pct: 12 },
  { label: '已逾期', pct: 12 },
  { label: '办结率', pct: 13 },
];

// 责任人 goes under 责任单位 and the lateness under 时限, so 事项内容 keeps half the width.
// Measured in Chromium: 督〔2026〕9999 at 9pt is 23.7 mm, 2026-11-20 at 10.5pt about 19 mm, 序号 in
// 黑体 at 10.5pt 7.4 mm.
const OVERDUE_COLUMNS: readonly BulletinColumn[] = [
  { label: '序号', pct: 6.5 },
  { label: '督办编号', pct: 17 },
  { label: '事项内容' },
  { label: '责任单位（责任人）', pct: 12.5 },
  { label: '时限', pct: 14 },
];

/** 办结率 as a whole percent, "33%": never 100% while a task is open, nor 0% once one is done; "—" with no tasks. */
export function completionRateText(row: Pick<ReportRow, 'total' | 'done' | 'rate'>): string {
  return percentText(row.done, row.total);
}

/** The heading under the red rule: 2026年11月督办事项办理情况通报 (the period says 周报 or 月报). */
export function bulletinHeading(report: Pick<SupervisionReport, 'periodText'>): string {
  return `${report.periodText}督办事项办理情况通报`;
}

// Hoisted into <head> by React (href + precedence), so it is not part of the sheet's text; its
// rules name only the bulletin's classes (the 运转时效分析 print is laid out the same way and uses
// them too). The tables are fixed-layout with widths in % of the text block, so they fill it
// exactly whatever the page's margins.
export const BULLETIN_CSS = `
.ws-bulletin { --ws-bulletin-red: #f00; }
.ws-bulletin-head { break-inside: avoid; page-break-inside: avoid; }
.ws-bulletin-title {
  font-family: var(--ws-font-title);
  font-size: 30pt;
  font-weight: 700;
  line-height: 1.2;
  color: var(--ws-bulletin-red);
  text-align: center;
  letter-spacing: 0.5em;
  padding-left: 0.5em;
  margin: 4mm 0 3mm;
}
.ws-bulletin-number { text-align: center; font-size: 16pt; line-height: 1.5; }
.ws-bulletin-issuer {
  display: flex;
  justify-content: space-between;
  gap: 1em;
  padding: 0 1em 2mm;
  margin-top: 3mm;
  font-size: 14pt;
  line-height: 1.5;
  border-bottom: 1.5pt solid var(--ws-bulletin-red);
}
.ws-bulletin-issuer > span:first-child { min-width: 0; overflow-wrap: anywhere; }
.ws-bulletin-issuer > span:last-child { flex: none; white-space: nowrap; }
.ws-bulletin-heading {
  font-family: var(--ws-font-title);
  font-size: 18pt;
  font-weight: 700;
  line-height: 1.4;
  text-align: center;
  margin: 6mm 0 1mm;
  text-wrap: balance;
}
.ws-bulletin-period { text-align: center; font-size: 14pt; line-height: 1.6; margin: 0 0 2mm; }
.ws-bulletin-summary { font-size: 16pt; line-height: 1.6; text-indent: 2em; text-align: justify; margin: 0 0 2mm; }
.ws-bulletin .ws-register-table { table-layout: fixed; }
.ws-bulletin td.ws-bulletin-small, .ws-bulletin .ws-bulletin-small { font-size: 9pt; }
.ws-bulletin td.ws-bulletin-nowrap { white-space: nowrap; }
.ws-bulletin .ws-bulletin-sub { display: block; font-size: 9pt; line-height: 1.3; }
.ws-bulletin td.ws-bulletin-content { text-align: justify; }
`;

/** A 通报 table's widths and header row (the 督办通报 and the 运转时效分析 share it). */
export function BulletinTableHead({ columns }: { columns: readonly BulletinColumn[] }) {
  return (
    <>
      <colgroup>
        {columns.map((c) => (
          <col key={c.label} style={c.pct ? { width: `${c.pct}%` } : undefined} />
        ))}
      </colgroup>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.label} scope="col">
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
    </>
  );
}

/** 督办通报 (A4 portrait), as a bulletin: 版头, 期号, unit and date over the red rule, summary, tables. */
export function SupervisionReportSheet({ report, unitName, numberText, date }: SupervisionReportSheetProps) {
  const heading = bulletinHeading(report);
  const number = numberText ?? UNNUMBERED_BULLETIN;
  return (
    <PrintDocument orientation="portrait" title={`${BULLETIN_HEAD} ${number} ${report.periodText}`}>
      <style href="ws-bulletin" precedence="default">
        {BULLETIN_CSS}
      </style>
      <div className="ws-bulletin">
        <header className="ws-bulletin-head">
          <h1 className="ws-bulletin-title">{BULLETIN_HEAD}</h1>
          <div className="ws-bulletin-number" data-testid="bulletin-number">
            {number}
          </div>
          <div className="ws-bulletin-issuer">
            <span>{unitName}</span>
            <span>{formatChineseDate(date)}</span>
          </div>
        </header>
        <h2 className="ws-bulletin-heading">{heading}</h2>
        <p className="ws-bulletin-period">
          {report.periodText}（统计截至{formatChineseDate(report.asOf)}）
        </p>
        <p className="ws-bulletin-summary" data-testid="bulletin-summary">
          {reportSummary(report)}
        </p>
        <h3 className="ws-supervision-section">一、各责任单位办理情况</h3>
        <table className="ws-register-table ws-supervision-table" aria-label="各责任单位办理情况">
          <BulletinTableHead columns={UNIT_COLUMNS} />
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
        <h3 className="ws-supervision-section">二、逾期事项</h3>
        <table className="ws-register-table ws-supervision-table ws-supervision-table--dense" aria-label="逾期事项">
          <BulletinTableHead columns={OVERDUE_COLUMNS} />
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
                  <td className="ws-c ws-bulletin-small ws-bulletin-nowrap">{t.serial}</td>
                  <td className="ws-bulletin-content">{t.content}</td>
                  <td>
                    {t.unit}
                    {t.person && <span className="ws-bulletin-sub">（{t.person}）</span>}
                  </td>
                  <td className="ws-c">
                    {t.dueDate}
                    <span className="ws-bulletin-sub">逾期{report.lateWorkdays[t.id] ?? 0}个工作日</span>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </PrintDocument>
  );
}
