import { Route, Routes } from 'react-router';
import { FlowPrintPage } from './FlowPrintPage';
import { FlowReportPage } from './FlowReportPage';

/** 运转时效: the analysis and its A4 print (the route guard checks flow.view, the menu entry's permission). */
export function FlowPage() {
  return (
    <Routes>
      <Route index element={<FlowReportPage />} />
      <Route path="print" element={<FlowPrintPage />} />
    </Routes>
  );
}
