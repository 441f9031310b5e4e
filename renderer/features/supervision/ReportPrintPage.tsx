import { Spin } from 'antd';
import { useLiveQuery } from '../../db/live';
import { lazy, Suspense } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { todayIso } from '@shared/domain/dates';
import { useDb } from '../../db/DbContext';
import { getUnitInfo } from '../../db/repositories/settings';
import { recordTaskOutput, supervisionReport } from '../../db/repositories/supervision';
import { useActor } from '../../ui/session';
import { reportParams, reportQuery } from './ReportPage';

// The print module (with the bundled print font) loads only when something is printed.
const PrintPreview = lazy(() => import('../../print/PrintDocument').then((m) => ({ default: m.PrintPreview })));
const SupervisionReportSheet = lazy(() => import('../../print/SupervisionReportSheet').then((m) => ({ default: m.SupervisionReportSheet })));

/** 督办通报 (A4) preview for the report on screen (?kind=&anchor=); 打印 and 导出PDF are logged. */
export function ReportPrintPage() {
  const db = useDb();
  const actor = useActor();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const today = todayIso();
  const { kind, anchor } = reportParams(params, today);
  const data = useLiveQuery(async () => ({ report: await supervisionReport(db, actor, kind, anchor, today), unit: await getUnitInfo(db) }), [db, actor.id, kind, anchor, today]);
  if (!data) return <Spin />;
  const { report } = data;
  const unitName = data.unit?.name ?? '';
  return (
    <Suspense fallback={<Spin />}>
      <PrintPreview
        suggestedName={`督办通报-${report.kind}-${report.start}.pdf`}
        onClose={() => navigate(`/supervision/report?${reportQuery(kind, anchor)}`)}
        onPrint={async (_mode, print) => {
          const result = await print();
          if (result.kind !== 'cancelled') {
            await recordTaskOutput(db, actor, '打印督办通报', `督办${report.kind === '月报' ? '月度' : '每周'}通报 ${report.periodText}；任务 ${report.totals.total} 件，已办结 ${report.totals.done} 件，已逾期 ${report.totals.overdue} 件`);
          }
        }}
      >
        <SupervisionReportSheet report={report} unitName={unitName} />
      </PrintPreview>
    </Suspense>
  );
}
