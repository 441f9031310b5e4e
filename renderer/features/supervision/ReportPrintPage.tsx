import { lazy } from 'react';
import { useSearchParams } from 'react-router';
import { todayIso } from '@shared/domain/dates';
import { getUnitInfo } from '../../db/repositories/settings';
import { supervisionReport } from '../../db/repositories/supervision';
import { PrintPage } from '../../print/PrintPage';
import { reportParams, reportQuery } from './ReportPage';

// The print module (with the bundled print font) loads only when something is printed.
const SupervisionReportSheet = lazy(() => import('../../print/SupervisionReportSheet').then((m) => ({ default: m.SupervisionReportSheet })));

/** 督办通报 (A4) preview for the report on screen (?kind=&anchor=); 打印 and 导出PDF are logged. */
export function ReportPrintPage() {
  const [params] = useSearchParams();
  const today = todayIso();
  const { kind, anchor } = reportParams(params, today);
  return (
    <PrintPage
      deps={[kind, anchor, today]}
      load={async (db, actor) => ({ report: await supervisionReport(db, actor, kind, anchor, today), unitName: (await getUnitInfo(db))?.name ?? '' })}
      name={({ report }) => `督办通报-${report.kind}-${report.start}`}
      back={() => `/supervision/report?${reportQuery(kind, anchor)}`}
      classified={() => false}
      output={({ report }, how) => ({
        ...how,
        document: '督办通报',
        description: `督办${report.kind === '月报' ? '月度' : '每周'}通报 ${report.periodText}；任务 ${report.totals.total} 件，已办结 ${report.totals.done} 件，已逾期 ${report.totals.overdue} 件`,
      })}
    >
      {({ report, unitName }) => <SupervisionReportSheet report={report} unitName={unitName} />}
    </PrintPage>
  );
}
