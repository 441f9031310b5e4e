import { configure, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { completeSetup } from '../../../renderer/db/repositories/auth';
import { toActor } from '../../../renderer/db/repositories/users';
import { CarrierDetail } from '../../../renderer/features/classified/CarrierDetail';
import { receiveCarrier } from '../../../shared/domain/transfer-receive';
import { carrierRecord } from '../../fixtures/carriers';
import { addApprovedUser, personRef } from '../../unit/db/helpers';
import { freshDb, renderComponent, seededOnce } from '../render-component';

// A carrier received from another unit (送往其他单位, issue #20) on its detail page: 来源 外单位移交,
// its 原编号, the sender's record read-only; 更正 keeps the source (no 制作单位 box to change it).

const NOW = new Date(2026, 11, 3, 10, 0);

async function office() {
  const db = freshDb();
  const admin = toActor(await completeSetup(db, { unitName: '乙县人民政府办公室', fondsCode: 'Z102', username: 'admin', password: 'Wenshu#2026x', passwordConfirm: 'Wenshu#2026x' }, NOW));
  const baomi = await addApprovedUser(db, admin, { username: 'baomi', displayName: '乙保密员', password: 'Jiyao#Lanting2026', roles: ['安全保密管理员'] }, NOW);
  const carrier = receiveCarrier(carrierRecord({ id: 'snd-c-1', serial: '载〔2026〕0003', source: { kind: '自制', unit: '甲县人民政府办公室' } }), {
    sender: { unitName: '甲县人民政府办公室' },
    packageId: 'pkg-7',
    today: '2026-12-03',
    now: NOW,
    actor: { id: baomi.id, name: baomi.displayName },
    number: { year: 2026, seq: 9, serial: '载〔2026〕0009' },
    custodian: personRef(baomi),
    // The sender's 知悉人 张三 has no account here: kept by name as 外单位人员, with an id no account has.
    knowers: [personRef(baomi), { userId: 'ext:u-zhang', name: '张三（外单位人员）' }],
  });
  await db.carriers.add(carrier);
  return { db, baomi, carrier };
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

describe('a carrier received from another unit', () => {
  test('来源 外单位移交 and 原编号 shown, the sender\'s record read-only; 更正 keeps its source', async () => {
    const { db, baomi, carrier } = await officeCopy();
    const { user } = await renderComponent(db, baomi, <CarrierDetail />, { at: `/classified/${carrier.id}`, path: '/classified/:id' });
    expect(await screen.findByText('外单位移交（甲县人民政府办公室）')).toBeVisible();
    expect(screen.getByText('载〔2026〕0003（甲县人民政府办公室）')).toBeVisible();
    const sender = screen.getByRole('table', { name: '移交单位记录' });
    expect(within(sender).getByText('陈保密')).toBeVisible();
    expect(screen.getByText('接收甲县人民政府办公室移交，原编号 载〔2026〕0003（迁移包 pkg-7）')).toBeVisible();

    await user.click(screen.getByRole('button', { name: '更正' }));
    const dialog = await screen.findByRole('dialog', { name: `更正：${carrier.serial}` });
    expect(within(dialog).queryByLabelText('制作单位')).toBeNull();
    const box = (label: string) => within(dialog).getByLabelText(label);
    await user.clear(box('页数'));
    await user.type(box('页数'), '7');
    await user.type(box('更正理由'), '页数误录');
    await user.click(within(dialog).getByRole('button', { name: '更正' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const stored = (await db.carriers.get(carrier.id))!;
    expect(stored.pages).toBe(7);
    expect(stored.source).toEqual({ kind: '外单位', unit: '甲县人民政府办公室' });
    expect(stored.origin).toEqual(carrier.origin);
  }, 60_000);

  test('变更 keeps the 外单位人员 of the 知悉范围: shown by name, not dropped on save, never an account', async () => {
    const { db, baomi, carrier } = await officeCopy();
    const { user } = await renderComponent(db, baomi, <CarrierDetail />, { at: `/classified/${carrier.id}`, path: '/classified/:id' });
    await user.click(await screen.findByRole('button', { name: '变更' }));
    const dialog = await screen.findByRole('dialog', { name: new RegExp(`变更`) });
    // The picker names them (no raw id).
    expect(within(dialog).getByText('张三（外单位人员）')).toBeInTheDocument();
    expect(within(dialog).queryByText('ext:u-zhang')).toBeNull();
    const box = within(dialog).getByLabelText('存放位置');
    await user.clear(box);
    await user.type(box, '机要室 2 号保密柜');
    await user.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const stored = (await db.carriers.get(carrier.id))!;
    expect(stored.location).toBe('机要室 2 号保密柜');
    expect(stored.knowers).toEqual(carrier.knowers);
  }, 60_000);
});
