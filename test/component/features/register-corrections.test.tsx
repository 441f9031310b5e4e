import { configure, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { completeSetup } from '../../../renderer/db/repositories/auth';
import { registerCarrier } from '../../../renderer/db/repositories/carriers';
import { createMeetingRecord } from '../../../renderer/db/repositories/meetings';
import { toActor } from '../../../renderer/db/repositories/users';
import { CarrierDetail } from '../../../renderer/features/classified/CarrierDetail';
import { MeetingDetail } from '../../../renderer/features/meetings/MeetingDetail';
import { carrierInput } from '../../fixtures/carriers';
import { meetingInput } from '../../fixtures/meetings';
import { addApprovedUser, personRef } from '../../unit/db/helpers';
import { freshDb, renderComponent, seededOnce } from '../render-component';

// 更正 on the 载体 and meeting pages (issue #14): each dialog prefilled, the reason required, the
// change saved with old → new in the record's history.

const NOW = new Date(2026, 11, 1, 10, 0);
const T_REG = new Date(2026, 10, 20, 9, 0);

async function office() {
  const db = freshDb();
  const admin = toActor(await completeSetup(db, { unitName: '测试县人民政府办公室', fondsCode: 'Z109', username: 'admin', password: 'Wenshu#2026x', passwordConfirm: 'Wenshu#2026x' }, T_REG));
  const clerk = await addApprovedUser(db, admin, { username: 'mishu', displayName: '李秘书', password: 'Lanting#2026', roles: ['秘书'] }, T_REG);
  const baomi = await addApprovedUser(db, admin, { username: 'baomi', displayName: '陈保密', password: 'Jiyao#Lanting2026', roles: ['安全保密管理员'] }, T_REG);
  const carrier = await registerCarrier(db, baomi, carrierInput({ secrecyStart: '2026-11-01', pages: 12, knowers: [personRef(baomi)], custodian: personRef(baomi), location: '机要室 1 号保密柜' }), T_REG);
  const meeting = await createMeetingRecord(db, clerk, meetingInput(), T_REG);
  return { db, clerk, baomi, carrier, meeting };
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

describe('更正 of a carrier and of a meeting', () => {
  test('the 保密员 corrects a carrier’s 页数 with a reason; the 编号 stays', async () => {
    const { db, baomi, carrier } = await officeCopy();
    const { user } = await renderComponent(db, baomi, <CarrierDetail />, { at: `/classified/${carrier.id}`, path: '/classified/:id' });
    await user.click(await screen.findByRole('button', { name: '更正' }));
    const dialog = await screen.findByRole('dialog', { name: `更正：${carrier.serial}` });
    const box = (label: string) => within(dialog).getByLabelText(label);
    expect(box('页数')).toHaveValue('12');
    expect(box('份号')).toHaveValue(carrier.copyNumber);
    await user.clear(box('页数'));
    await user.type(box('页数'), '14');
    await user.click(within(dialog).getByRole('button', { name: '更正' }));
    await waitFor(() => expect(box('更正理由').closest('.ant-form-item')).toHaveTextContent('请填写更正理由'));
    expect((await db.carriers.get(carrier.id))!.pages).toBe(12);
    await user.type(box('更正理由'), '页数误录');
    await user.click(within(dialog).getByRole('button', { name: '更正' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const stored = (await db.carriers.get(carrier.id))!;
    expect([stored.serial, stored.pages]).toEqual([carrier.serial, 14]);
    expect(stored.history.at(-1)).toMatchObject({ action: '更正', note: '页数：12 → 14；理由：页数误录' });
  }, 60_000);

  test('the 秘书 corrects a meeting’s 地点 before 签发', async () => {
    const { db, clerk, meeting } = await officeCopy();
    const { user } = await renderComponent(db, clerk, <MeetingDetail />, { at: `/meetings/${meeting.id}`, path: '/meetings/:id' });
    await user.click(await screen.findByRole('button', { name: '更正会议信息' }));
    const dialog = await screen.findByRole('dialog', { name: `更正会议信息：${meeting.name}` });
    const box = (label: string) => within(dialog).getByLabelText(label);
    expect(box('地点')).toHaveValue('三楼会议室');
    expect(box('开始时间')).toHaveValue('2026-11-27 09:30');
    await user.clear(box('地点'));
    await user.type(box('地点'), '五楼会议室');
    await user.type(box('更正理由'), '地点登记有误');
    await user.click(within(dialog).getByRole('button', { name: '更正' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const stored = (await db.meetings.get(meeting.id))!;
    expect(stored.location).toBe('五楼会议室');
    expect(stored.topics).toEqual(meeting.topics);
    expect(await screen.findByText('会议信息更正：地点：三楼会议室 → 五楼会议室；理由：地点登记有误')).toBeVisible();
  }, 60_000);
});
