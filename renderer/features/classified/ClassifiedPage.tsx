import { Route, Routes } from 'react-router';
import { can } from '@shared/domain/permissions';
import { Forbidden } from '../../ui/Forbidden';
import { useActor } from '../../ui/session';
import { CarrierDetail } from './CarrierDetail';
import { CarrierForm } from './CarrierForm';
import { CarrierList } from './CarrierList';
import { CarrierPrintPage } from './CarrierPrintPage';
import { InventorySessionPage, InventoryStart } from './InventoryPage';

/** 涉密载体: the 台账, registration, one carrier's page, 清点, and the prints. */
export function ClassifiedPage() {
  const actor = useActor();
  // 查阅 rights are checked once, by the route guard, with the menu entry's own permission (app/AppLayout).
  const manager = can(actor, 'classified.manage');
  const only = (el: React.ReactNode) => (manager ? el : <Forbidden />);
  return (
    <Routes>
      <Route index element={<CarrierList />} />
      <Route path="new" element={only(<CarrierForm />)} />
      <Route path="inventory" element={only(<InventoryStart />)} />
      <Route path="inventory/:sessionId" element={only(<InventorySessionPage />)} />
      <Route path="inventory/:sessionId/print" element={only(<CarrierPrintPage scope="inventory" />)} />
      <Route path="print/:what" element={only(<CarrierPrintPage scope="list" />)} />
      <Route path=":id" element={<CarrierDetail />} />
      <Route path=":id/print/:what" element={only(<CarrierPrintPage scope="one" />)} />
    </Routes>
  );
}
