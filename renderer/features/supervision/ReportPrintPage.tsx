import { lazy } from 'react';
import { useSearchParams } from 'react-router';
import { todayIso } from '@shared/domain/dates';
import { getUnitInfo } from '../../db/repositories/settings';
import { issuedBulletin, supervisionReport } from '../../db/repositories/supervision';
import { PrintPage } from '../../print/PrintPage';
import { reportParams, reportQuery } from './ReportPage';

// The print module (with the bundled print font) loads only when something is printed.
const SupervisionReportSheet = lazy(() => import('../../print/SupervisionReportSheet').then((m) => ({ default: m.SupervisionReportSheet })));

/**
 * 督办通报 (A4) preview for the report on screen (?kind=&anchor=); 打印 and 导出PDF are logged.
 * An issued (印发) 通报 prints as issued: its 期号, 印发日期 and the figures of that day. Before
 * 印发 it prints the figures of now with "第（未编号）期" and today's date.
 */
export function ReportPrintPage() {
  const [params] = useSearchParams();
  const today = todayIso();
  const { kind, anchor } = reportParams(params, today);
  return (
    <PrintPage
      deps={[kind, anchor, today]}
      load={async (db, actor) => {
        const issued = await issuedBulletin(db, actor, kind, anchor);
        if (issued) return { report: issued.report, unitName: issued.unitName, numberText: issued.numberText as string | null, year: issued.year, date: issued.issuedDate };
        return { report: await supervisionReport(db, actor, kind, anchor, today), unitName: (await getUnitInfo(db))?.name ?? '', numberText: null, year: null, date: today };
      }}
      name={({ report, numberText, year }) => `督办通报-${report.kind}-${report.start}${numberText ? `-${year}年${numberText}` : ''}`}
      back={() => `/supervision/report?${reportQuery(kind, anchor)}`}
      classified={() => false}
      output={({ report, numberText, year }, how) => ({
        ...how,
        document: '督办通报',
        description: `督办${report.kind === '月报' ? '月度' : '每周'}通报 ${report.periodText}（${numberText ? `${year}年${numberText}` : '未印发'}）；任务 ${report.totals.total} 件，已办结 ${report.totals.done} 件，已逾期 ${report.totals.overdue} 件`,
      })}
    >
      {({ report, unitName, numberText, date }) => <SupervisionReportSheet report={report} unitName={unitName} numberText={numberText} date={date} />}
    </PrintPage>
  );
}
