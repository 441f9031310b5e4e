import { Route, Routes } from 'react-router';
import { can } from '@shared/domain/permissions';
import { Forbidden } from '../../ui/Forbidden';
import { useActor } from '../../ui/session';
import { DraftPage } from './DraftForm';
import { NumberLedger } from './NumberLedger';
import { OutgoingDetail } from './OutgoingDetail';
import { OutgoingList } from './OutgoingList';
import { DistributionReceiptPage, OutgoingRegisterPrintPage, OutgoingSlipPage } from './OutgoingPrintPages';

/** 发文: the register, 拟稿 and 修改, one 发文's page, the 文号台账 and the prints. */
export function OutgoingPage() {
  const actor = useActor();
  // 查阅 rights are checked once, by the route guard, with the menu entry's own permission (app/AppLayout).
  const writer = can(actor, 'outgoing.process');
  return (
    <Routes>
      <Route index element={<OutgoingList />} />
      <Route path="new" element={writer ? <DraftPage /> : <Forbidden />} />
      <Route path="numbers" element={<NumberLedger />} />
      <Route path="print-register" element={<OutgoingRegisterPrintPage />} />
      <Route path=":id" element={<OutgoingDetail />} />
      <Route path=":id/edit" element={writer ? <DraftPage /> : <Forbidden />} />
      <Route path=":id/print-slip" element={<OutgoingSlipPage />} />
      <Route path=":id/print-receipt" element={<DistributionReceiptPage />} />
    </Routes>
  );
}
