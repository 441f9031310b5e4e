import { formatChineseDate, type IsoDate } from '@shared/domain/dates';
import { comparisonText, daysText, FLOW_FINISH_WORD, FLOW_REGISTER_LABELS, flowSummary, onTimeText, paperTitle, type FlowPeriod } from '@shared/domain/flow-format';
import type { FlowFigures, FlowItem, FlowReport } from '@shared/domain/flow-stats-types';
import { PrintDocument } from './PrintDocument';
import { BULLETIN_CSS, BulletinTableHead, type BulletinColumn } from './SupervisionReportSheet';

// 运转时效分析, A4 portrait, laid out as the 督办通报 (an office bulletin): the red 版头, the unit
// and the date over the red rule, the heading and period, the summary sentence with the comparison
// of the two periods, then 一、the figures of both periods side by side, 二、each stage, 三、each
// group (承办单位 …) slowest first, 四、month by month, 五、the 10 that took longest, 六、every one
// still 在办 with its age. The lists name each record by number, 标题 and unit; a 秘密+ record's
// title is the mask text (paperTitle): the sheet is a statistic, neither watermarked nor numbered.

export interface FlowReportSheetProps {
  report: FlowReport;
  /** The period compared with (上年同期 or 上一期). */
  previous: FlowReport;
  previousLabel: '上年同期' | '上一期';
  previousPeriod: FlowPeriod;
  /** "2026年" / "2026年第四季度" … */
  periodText: string;
  unitName: string;
  /** The day it is printed. */
  date: IsoDate;
}

export const FLOW_SHEET_HEAD = '运转时效分析';

function Empty({ span, text }: { span: number; text: string }) {
  return (
    <tr>
      <td colSpan={span} className="ws-register-empty">
        {text}
      </td>
    </tr>
  );
}

/** The rows of 一、主要指标: label, this period, the other. */
export function figureRows(finish: string, a: FlowFigures, b: FlowFigures): [string, string, string][] {
  return [
    [`${finish}件数`, `${a.finished}`, `${b.finished}`],
    ['平均用时（工作日）', daysText(a.average), daysText(b.average)],
    ['中位用时（工作日）', daysText(a.median), daysText(b.median)],
    [`按期${finish}率`, onTimeText(a.onTimeRate), onTimeText(b.onTimeRate)],
    ['超期件数', `${a.overdue}`, `${b.overdue}`],
    ['在办件数', `${a.open}`, `${b.open}`],
  ];
}

function ItemRows({ items, empty, span }: { items: readonly FlowItem[]; empty: string; span: number }) {
  if (items.length === 0) return <Empty span={span} text={empty} />;
  return (
    <>
      {items.map((it, i) => (
        <tr key={it.id}>
          <td className="ws-c">{i + 1}</td>
          <td className="ws-c ws-bulletin-small">{it.number}</td>
          <td>{paperTitle(it)}</td>
          <td>{it.group ?? ''}</td>
          <td className="ws-c">{it.dueDate ?? '—'}</td>
          <td className="ws-c">
            {it.workdays}
            {it.late && <span className="ws-bulletin-sub">超期</span>}
          </td>
        </tr>
      ))}
    </>
  );
}

export function FlowReportSheet({ report, previous, previousLabel, previousPeriod, periodText, unitName, date }: FlowReportSheetProps) {
  const { register } = report.query;
  const finish = FLOW_FINISH_WORD[register];
  const registerLabel = FLOW_REGISTER_LABELS[register];
  const heading = `${periodText}${registerLabel}运转时效分析`;
  const t = report.total;
  const groupName = report.groups[0]?.dimension ?? report.query.groupBy ?? '单位';
  const groupColumns: BulletinColumn[] = [
    { label: '序号', pct: 7 },
    { label: groupName },
    { label: finish, pct: 10 },
    { label: '平均', pct: 9 },
    { label: '中位', pct: 9 },
    { label: '按期率', pct: 11 },
    { label: '超期', pct: 10 },
    { label: '在办', pct: 10 },
  ];
  const itemColumns = (days: string): BulletinColumn[] => [
    { label: '序号', pct: 6 },
    { label: '编号', pct: 17 },
    { label: '标题' },
    { label: groupName, pct: 20 },
    { label: '办理时限', pct: 14 },
    { label: days, pct: 12 },
  ];
  return (
    <PrintDocument orientation="portrait" title={heading}>
      <style href="ws-bulletin" precedence="default">
        {BULLETIN_CSS}
      </style>
      <div className="ws-bulletin ws-flow-sheet">
        <header className="ws-bulletin-head">
          <h1 className="ws-bulletin-title">{FLOW_SHEET_HEAD}</h1>
          <div className="ws-bulletin-issuer">
            <span>{unitName}</span>
            <span>{formatChineseDate(date)}</span>
          </div>
        </header>
        <h2 className="ws-bulletin-heading">{heading}</h2>
        <p className="ws-bulletin-period">
          {formatChineseDate(report.query.start)}至{formatChineseDate(report.query.end)}（统计截至{formatChineseDate(report.asOf)}，用时按工作日计）
        </p>
        <p className="ws-bulletin-summary" data-testid="flow-summary">
          {flowSummary(register, periodText, t)}
          {comparisonText(t.average, previous.total.average, previousLabel)}。
        </p>
        <h3 className="ws-supervision-section">一、主要指标</h3>
        <table className="ws-register-table ws-supervision-table" aria-label="主要指标">
          <BulletinTableHead columns={[{ label: '指标', pct: 40 }, { label: `本期（${periodText}）` }, { label: `${previousLabel}（${formatChineseDate(previousPeriod.start)}至${formatChineseDate(previousPeriod.end)}）`, pct: 30 }]} />
          <tbody>
            {figureRows(finish, t, previous.total).map(([label, a, b]) => (
              <tr key={label}>
                <td>{label}</td>
                <td className="ws-c">{a}</td>
                <td className="ws-c">{b}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3 className="ws-supervision-section">二、各环节用时</h3>
        <table className="ws-register-table ws-supervision-table" aria-label="各环节用时">
          <BulletinTableHead columns={[{ label: '环节' }, { label: '件数', pct: 16 }, { label: '平均（工作日）', pct: 22 }, { label: '中位（工作日）', pct: 22 }]} />
          <tbody>
            {t.stages.length === 0 && <Empty span={4} text="本期无数据" />}
            {t.stages.map((s) => (
              <tr key={s.key}>
                <td>{s.label}</td>
                <td className="ws-c">{s.count}</td>
                <td className="ws-c">{daysText(s.average)}</td>
                <td className="ws-c">{daysText(s.median)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3 className="ws-supervision-section">三、各{groupName}运转时效（用时长者在前）</h3>
        <table className="ws-register-table ws-supervision-table ws-supervision-table--dense" aria-label={`各${groupName}运转时效`}>
          <BulletinTableHead columns={groupColumns} />
          <tbody>
            {report.groups.length === 0 && <Empty span={groupColumns.length} text="本期无数据" />}
            {report.groups.map((g, i) => (
              <tr key={g.key}>
                <td className="ws-c">{i + 1}</td>
                <td>{g.label}</td>
                <td className="ws-c">{g.figures.finished}</td>
                <td className="ws-c">{daysText(g.figures.average)}</td>
                <td className="ws-c">{daysText(g.figures.median)}</td>
                <td className="ws-c">{onTimeText(g.figures.onTimeRate)}</td>
                <td className="ws-c">{g.figures.overdue}</td>
                <td className="ws-c">{g.figures.open}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3 className="ws-supervision-section">四、逐月情况</h3>
        <table className="ws-register-table ws-supervision-table ws-supervision-table--dense" aria-label="逐月情况">
          <BulletinTableHead columns={[{ label: '月份' }, { label: `${finish}件数`, pct: 25 }, { label: '平均用时（工作日）', pct: 28 }, { label: `按期${finish}率`, pct: 25 }]} />
          <tbody>
            {report.trend.length === 0 && <Empty span={4} text="本期无数据" />}
            {report.trend.map((p) => (
              <tr key={p.month}>
                <td className="ws-c">{`${p.month.slice(0, 4)}年${Number(p.month.slice(5))}月`}</td>
                <td className="ws-c">{p.finished}</td>
                <td className="ws-c">{daysText(p.average)}</td>
                <td className="ws-c">{onTimeText(p.onTimeRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3 className="ws-supervision-section">五、用时最长的{t.longest.length || 10}件</h3>
        <table className="ws-register-table ws-supervision-table ws-supervision-table--dense" aria-label="用时最长">
          <BulletinTableHead columns={itemColumns(`${finish}用时`)} />
          <tbody>
            <ItemRows items={t.longest} empty={`本期无${finish}件`} span={6} />
          </tbody>
        </table>
        <h3 className="ws-supervision-section">六、在办（{t.open}件）</h3>
        {t.open > t.openItems.length && <p className="ws-bulletin-period">共{t.open}件在办，下表列出已用时最长的{t.openItems.length}件</p>}
        <table className="ws-register-table ws-supervision-table ws-supervision-table--dense" aria-label="在办">
          <BulletinTableHead columns={itemColumns('已用工作日')} />
          <tbody>
            <ItemRows items={t.openItems} empty="本期无在办件" span={6} />
          </tbody>
        </table>
      </div>
    </PrintDocument>
  );
}
