import { Route, Routes } from 'react-router';
import { can } from '@shared/domain/permissions';
import { Forbidden } from '../../ui/Forbidden';
import { useActor } from '../../ui/session';
import { ImportWizard } from './ImportWizard';
import { IncomingDetail } from './IncomingDetail';
import { RegisterList } from './RegisterList';
import { RegisterPrintPage } from './RegisterPrintPage';
import { SlipPrintPage } from './SlipPrintPage';
import { RegistrationForm } from './RegistrationForm';

/** 收文登记: the register, the registration form, one document's page, and the Excel import. */
export function IncomingPage() {
  const actor = useActor();
  // 查阅 rights are checked once, by the route guard, with the menu entry's own permission (app/AppLayout).
  const writer = can(actor, 'incoming.process');
  return (
    <Routes>
      <Route index element={<RegisterList />} />
      <Route path="new" element={writer ? <RegistrationForm /> : <Forbidden />} />
      <Route path="import" element={writer ? <ImportWizard /> : <Forbidden />} />
      <Route path="print-register" element={<RegisterPrintPage />} />
      <Route path=":id" element={<IncomingDetail />} />
      <Route path=":id/print" element={<SlipPrintPage />} />
    </Routes>
  );
}
