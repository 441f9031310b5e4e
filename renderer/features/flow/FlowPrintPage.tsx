import { lazy } from 'react';
import { useSearchParams } from 'react-router';
import { todayIso } from '@shared/domain/dates';
import { FLOW_REGISTER_LABELS, periodText } from '@shared/domain/flow-format';
import { flowReport } from '../../db/repositories/flow-stats';
import { getUnitInfo } from '../../db/repositories/settings';
import { PrintPage } from '../../print/PrintPage';
import { comparedPeriod, flowQuery, flowView, flowViewQuery } from './flow-params';

// The print module (with the bundled print font) loads only when something is printed.
const FlowReportSheet = lazy(() => import('../../print/FlowReportSheet').then((m) => ({ default: m.FlowReportSheet })));

/** 运转时效分析 (A4) for the view on screen (the same URL query); 打印 and 导出PDF are logged with period and register. */
export function FlowPrintPage() {
  const [params] = useSearchParams();
  const today = todayIso();
  const view = flowView(params, today);
  const key = flowViewQuery(view);
  const other = comparedPeriod(view);
  return (
    <PrintPage
      deps={[key, today]}
      load={async (db, actor) => ({
        report: await flowReport(db, actor, flowQuery(view), today),
        previous: await flowReport(db, actor, { register: view.register, start: other.start, end: other.end }, today),
        unitName: (await getUnitInfo(db))?.name ?? '',
      })}
      name={() => `运转时效分析-${FLOW_REGISTER_LABELS[view.register]}-${view.period.start}至${view.period.end}`}
      back={() => `/flow?${key}`}
      // Classified records count in the figures, but their titles are masked by the data layer: the sheet holds none.
      classified={() => false}
      output={(_, how) => ({ ...how, document: '运转时效分析', period: { start: view.period.start, end: view.period.end }, register: view.register })}
    >
      {({ report, previous, unitName }) => (
        <FlowReportSheet
          report={report}
          previous={previous}
          periodText={periodText(view.period)}
          previousLabel={view.compare}
          previousPeriod={other}
          unitName={unitName}
          date={today}
        />
      )}
    </PrintPage>
  );
}
