import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import type { CarrierRecord } from '@shared/domain/carrier-types';
import type { WenshuDB } from '../../../renderer/db/database';
import { getCarrier, registerCarrier } from '../../../renderer/db/repositories/carriers';
import type { Actor } from '../../../renderer/db/types';
import { PlatformProvider } from '../../../renderer/platform/context';
import { createTestingPlatform, type TestingPlatform } from '../../../renderer/platform/testing';
import { CarrierRegisterSheet } from '../../../renderer/print/CarrierRegisterSheet';
import { PrintPage } from '../../../renderer/print/PrintPage';
import { carrierOffice } from '../../unit/db/helpers';
import { renderComponent } from '../render-component';

// The 打印份号 of a carrier print (issue #15): taken when 打印 / 导出PDF is pressed, on the paper
// that print makes, and released after it, so no two papers ever carry the same number.

function registerPage(db: WenshuDB, actor: Actor, platform: TestingPlatform, id: string) {
  return renderComponent(db, actor, (
    <PlatformProvider platform={platform}>
      <PrintPage
        deps={[id]}
        load={async (d, a) => ({ carrier: (await getCarrier(d, a, id))!.record as CarrierRecord })}
        name={() => '涉密载体登记表'}
        back={() => '/classified'}
        classified={() => true}
        output={({ carrier }, how) => ({ kind: '载体打印', document: '涉密载体登记表', carrierIds: [carrier.id], watermark: how.watermark })}
      >
        {({ carrier }, stamp) => <CarrierRegisterSheet carriers={[carrier]} unitName="某局" printCopyNumber={stamp.copyNumber} watermark={stamp.watermark ?? ''} />}
      </PrintPage>
    </PlatformProvider>
  ), { at: '/print' });
}

describe('打印份号 of a carrier print', () => {
  test('each print carries its own number; the preview is unnumbered before and after; a cancelled one voids its number', async () => {
    const { db, baomi, carrierInput } = await carrierOffice();
    const c = await registerCarrier(db, baomi, carrierInput);
    const platform = createTestingPlatform();
    await registerPage(db, baomi, platform, c.id);
    const user = userEvent.setup();
    const copyLine = () => document.querySelector('.ws-carrier-copyno')?.textContent;
    await waitFor(() => expect(copyLine()).toBe('打印份号：（打印时编号）'));

    await user.click(await screen.findByRole('button', { name: '打印' }));
    await waitFor(() => expect(platform.printed).toHaveLength(1));
    expect(platform.printed[0]!.text).toContain('打印份号：2026-000001');
    expect(platform.printed[0]!.text).not.toContain('打印时编号');
    // Released after the print: the preview says the next number comes at printing, and which one went out.
    await waitFor(() => expect(copyLine()).toBe('打印份号：（打印时编号）'));
    expect(screen.getByRole('status')).toHaveTextContent('已打印，打印份号 2026-000001');

    await user.click(screen.getByRole('button', { name: '导出PDF' }));
    await waitFor(() => expect(platform.saved).toHaveLength(1));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('已打印，打印份号 2026-000002'));

    platform.answerNext('print', 'cancel');
    await user.click(screen.getByRole('button', { name: '打印' }));
    await waitFor(() => expect(screen.getByRole('button', { name: '打印' })).toBeEnabled());
    await user.click(screen.getByRole('button', { name: '打印' }));
    await waitFor(() => expect(platform.printed).toHaveLength(3));
    expect(platform.printed[2]!.text).toContain('打印份号：2026-000004');
    const log = await db.auditLog.toArray();
    expect(log.filter((e) => e.action === '打印涉密载体登记表').map((e) => /打印份号 (\S+)；/.exec(e.summary)?.[1])).toEqual(['2026-000001', '2026-000002', '2026-000003', '2026-000004']);
    expect(log.find((e) => e.action === '取消打印涉密载体登记表')!.summary).toBe('打印份号 2026-000003 作废（打印已取消）');
  });
});
