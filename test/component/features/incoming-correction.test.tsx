import { configure, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { completeSetup } from '../../../renderer/db/repositories/auth';
import { registerIncoming } from '../../../renderer/db/repositories/incoming';
import { toActor } from '../../../renderer/db/repositories/users';
import { IncomingDetail } from '../../../renderer/features/incoming/IncomingDetail';
import { baseRegistration } from '../../fixtures/filing';
import { addApprovedUser } from '../../unit/db/helpers';
import { freshDb, renderComponent, seededOnce } from '../render-component';

// The 更正 dialog of a 收文 (issue #14): opened from the detail page, prefilled with what is
// registered; without a reason the message stands beside the reason box and nothing is saved; with
// one, the record changes and the timeline shows old → new. (The whole story, with 归档 and the
// audit log, is test/e2e/corrections.e2e.ts.)

const NOW = new Date(2026, 11, 1, 10, 0);
const T_REG = new Date(2026, 10, 20, 9, 0);

async function office() {
  const db = freshDb();
  const admin = toActor(await completeSetup(db, { unitName: '测试县人民政府办公室', fondsCode: 'Z109', username: 'admin', password: 'Wenshu#2026x', passwordConfirm: 'Wenshu#2026x' }, T_REG));
  const clerk = await addApprovedUser(db, admin, { username: 'mishu', displayName: '李秘书', password: 'Lanting#2026', roles: ['秘书'] }, T_REG);
  const r = await registerIncoming(db, clerk, { ...baseRegistration, signedBy: '6', pages: 0 }, {}, T_REG);
  return { db, clerk, r };
}

const officeCopy = seededOnce(office, NOW);
configure({ asyncUtilTimeout: 5000 });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
  window.location.hash = '';
});

describe('收文 更正 dialog', () => {
  test('prefilled; the reason required beside its box (nothing saved); saved with old → new on the timeline', async () => {
    const { db, clerk, r } = await officeCopy();
    const { user } = await renderComponent(db, clerk, <IncomingDetail />, { at: `/incoming/${r.id}`, path: '/incoming/:id' });
    await user.click(await screen.findByRole('button', { name: '更正' }));
    const dialog = await screen.findByRole('dialog', { name: `更正：${r.serial}` });
    const box = (label: string) => within(dialog).getByLabelText(label);
    expect(box('签收人')).toHaveValue('6');
    expect(box('页数')).toHaveValue('0');
    expect(box('来文单位')).toHaveValue('县财政局');
    expect(box('收文日期')).toHaveValue('2026-11-20');

    await user.clear(box('签收人'));
    await user.type(box('签收人'), '张秘书');
    await user.click(within(dialog).getByRole('button', { name: '更正' }));
    const reasonItem = box('更正理由').closest('.ant-form-item') as HTMLElement;
    await waitFor(() => expect(reasonItem).toHaveTextContent('请填写更正理由'));
    expect(box('更正理由')).toHaveAttribute('aria-invalid', 'true');
    expect((await db.incoming.get(r.id))!.signedBy).toBe('6');

    await user.type(box('更正理由'), '签收人误录');
    await user.click(within(dialog).getByRole('button', { name: '更正' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const stored = (await db.incoming.get(r.id))!;
    expect(stored.signedBy).toBe('张秘书');
    expect(stored.serial).toBe(r.serial);
    expect(await screen.findByText('签收人：6 → 张秘书；理由：签收人误录')).toBeVisible();
  }, 60_000);
});
