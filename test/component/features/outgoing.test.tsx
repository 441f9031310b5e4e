import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, test, vi } from 'vitest';
import type { WenshuDB } from '../../../renderer/db/database';
import { send } from '../../../renderer/db/commands/client';
import { completeSetup } from '../../../renderer/db/repositories/auth';
import { getOutgoingSeries } from '../../../renderer/db/repositories/outgoing';
import { getSetting, saveDepartment } from '../../../renderer/db/repositories/settings';
import { toActor } from '../../../renderer/db/repositories/users';
import type { Actor } from '../../../renderer/db/types';
import { savePerson } from '../../../renderer/db/repositories/meetings';
import { OutgoingCards } from '../../../renderer/features/outgoing/OutgoingCards';
import { OutgoingPage } from '../../../renderer/features/outgoing/OutgoingPage';
import { SettingsPage } from '../../../renderer/features/settings/SettingsPage';
import { contributionsFor, FEATURES } from '../../../renderer/app/features';
import { outgoingDraft } from '../../fixtures/outgoing';
import type { DocNumberEntry } from '../../../shared/domain/outgoing-types';
import { addApprovedUser } from '../../unit/db/helpers';
import { freshDb, renderComponent, seededOnce } from '../render-component';

// 文号台账 (issue #16) as the 秘书 uses it: every number of the series and year with its status —
// 预留 with what it is kept for, 作废 with the reason — a red warning naming any gap, and 预留文号
// from the page; and the 秘书's 工作台 cards (待核稿 …, 发文 not 核发 3 working days after 签发).
// The office is seeded once through the commands and cloned per test; only Date is faked (Monday
// 2026-11-23).

const NOW = new Date(2026, 10, 23, 9, 0);
const LAST_WEEK = new Date(2026, 10, 16, 9, 0);
const PASSWORD = 'Lanting#2026';

interface Office {
  db: WenshuDB;
  clerk: Actor;
}

async function office(): Promise<Office> {
  const db = freshDb();
  const admin = toActor(await completeSetup(db, { unitName: '测试县人民政府办公室', fondsCode: 'Z109', username: 'admin', password: 'Wenshu#2026x', passwordConfirm: 'Wenshu#2026x' }, NOW));
  const dept = await saveDepartment(db, admin, { code: 'BGS', name: '办公室' });
  const clerk = await addApprovedUser(db, admin, { username: 'mishu', displayName: '李秘书', password: PASSWORD, roles: ['秘书'] }, NOW);
  await send(db, clerk, 'outgoing.saveSeries', { series: [{ id: 'xzbf', code: '县政办发', pattern: '县政办发〔YYYY〕N号', issuerMark: '测试县人民政府办公室文件', issuerName: '测试县人民政府办公室' }] }, NOW);
  // 1号 reserved then voided, 2号 reserved (kept for a document signed elsewhere).
  const first = await send(db, clerk, 'outgoing.reserveNumber', { seriesId: 'xzbf', year: 2026, reason: '联合发文' }, NOW);
  await send(db, clerk, 'outgoing.voidNumber', { entryId: first.id, reason: '联合发文取消' }, NOW);
  await send(db, clerk, 'outgoing.reserveNumber', { seriesId: 'xzbf', year: 2026, reason: '县长签发的通报' }, NOW);
  // For 工作台: one 发文 signed a week ago and not yet 核发 (5 working days > 3), one waiting at 核稿.
  const leader = await savePerson(db, clerk, { name: '王县长', unit: '测试县人民政府', title: '县长' }, LAST_WEEK);
  const draft = (title: string) => outgoingDraft({ title, seriesId: 'xzbf', draftingUnit: { id: dept.id, name: dept.name }, drafter: { userId: clerk.id, name: clerk.displayName } });
  const signed = await send(db, clerk, 'outgoing.draft', { draft: draft('关于上周签发未核发的通知') }, LAST_WEEK);
  for (const action of [{ type: '送核稿' }, { type: '核稿', text: '同意' }, { type: '签发', signerId: leader.id, text: '同意', date: '2026-11-16' }] as const) {
    await send(db, clerk, 'outgoing.act', { id: signed.id, action }, LAST_WEEK);
  }
  const waiting = await send(db, clerk, 'outgoing.draft', { draft: draft('关于等待核稿的通知') }, NOW);
  await send(db, clerk, 'outgoing.act', { id: waiting.id, action: { type: '送核稿' } }, NOW);
  return { db, clerk };
}

const officeCopy = seededOnce(office, NOW);

function rowOf(number: string): HTMLElement {
  const cell = screen.getByText(number, { exact: true });
  return cell.closest('tr')!;
}

describe('文号台账', () => {
  test('lists 作废 and 预留 with their reasons, reserves the next number, and warns of a gap', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    try {
      const { db, clerk } = await officeCopy();
      const { user } = await renderComponent(db, clerk, <OutgoingPage />, { at: '/outgoing/numbers', path: '/outgoing/*' });
      await screen.findByText('县政办发〔2026〕2号');
      expect(within(rowOf('县政办发〔2026〕1号')).getByText('作废')).toBeTruthy();
      expect(within(rowOf('县政办发〔2026〕1号')).getByText('联合发文取消')).toBeTruthy();
      expect(within(rowOf('县政办发〔2026〕2号')).getByText('预留')).toBeTruthy();
      expect(within(rowOf('县政办发〔2026〕2号')).getByText('县长签发的通报')).toBeTruthy();
      expect(screen.queryByText(/文号不连续/)).toBeNull();

      // 预留文号: a reason is required, said beside the box; then 3号 is reserved.
      await user.click(screen.getByRole('button', { name: '预留文号' }));
      const dialog = await screen.findByRole('dialog', { name: /^预留文号/ });
      await user.click(within(dialog).getByRole('button', { name: '预留' }));
      await within(dialog).findByText('请填写预留理由');
      await user.type(within(dialog).getByLabelText('预留理由'), '市政府转发件');
      await user.click(within(dialog).getByRole('button', { name: '预留' }));
      await screen.findByText('县政办发〔2026〕3号');
      expect(within(rowOf('县政办发〔2026〕3号')).getByText('市政府转发件')).toBeTruthy();

      // A number missing from the 台账 (here 4号, as a damaged or hand-edited store would leave
      // it) is named in red.
      const entry: DocNumberEntry = {
        id: 'xzbf|2026|5',
        seriesId: 'xzbf',
        year: 2026,
        seq: 5,
        number: '县政办发〔2026〕5号',
        status: '预留',
        reason: '测试',
        history: [{ action: '预留', at: NOW.toISOString(), byName: '李秘书' }],
        createdAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
      };
      await db.docNumbers.put(entry);
      expect(await screen.findByText('文号不连续：缺 4号')).toBeTruthy();
    } finally {
      vi.useRealTimers();
    }
  });

  test('工作台: the 发文 waiting at 核稿, and the one signed 5 working days ago and not 核发', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    try {
      const { db, clerk } = await officeCopy();
      await renderComponent(db, clerk, <OutgoingCards />, { at: '/dashboard' });
      // Each card's list is named by its title (aria-label); found by text (role queries are slow in jsdom).
      const cardOf = (el: HTMLElement) => el.closest('[aria-label]')?.getAttribute('aria-label');
      expect(cardOf(await screen.findByText('关于等待核稿的通知'))).toBe('待核稿');
      // Signed, waiting at 复核: in the 待登记 queue, and late.
      const signed = await screen.findAllByText('关于上周签发未核发的通知');
      expect(signed.map(cardOf).sort()).toEqual(['发文签发后未按时核发', '待登记']);
      expect(screen.getByText('已过 5 个工作日')).toBeTruthy();
      expect(screen.getAllByText('关于等待核稿的通知')).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  test('设置 → 发文字号: a pattern without the year is refused beside its box; a series is added, then 停用; 核发时限 saved', async () => {
    const { db, clerk } = await officeCopy();
    const { user } = await renderComponent(db, clerk, <SettingsPage tabs={contributionsFor(FEATURES, clerk).settingsTabs} />, { at: '/settings' });
    await user.click(await screen.findByRole('tab', { name: '发文字号' }));
    await user.click(await screen.findByRole('button', { name: '添加发文字号' }));
    const dialog = await screen.findByRole('dialog', { name: '添加发文字号' });
    await user.type(within(dialog).getByLabelText('机关代字'), '县政办函');
    const pattern = within(dialog).getByLabelText('文号格式');
    expect((pattern as HTMLInputElement).value).toBe('县政办函〔YYYY〕N号');
    await user.clear(pattern);
    await user.type(pattern, '县政办函N号');
    await user.type(within(dialog).getByLabelText('发文机关标志'), '测试县人民政府办公室');
    await user.type(within(dialog).getByLabelText('发文机关署名'), '测试县人民政府办公室');
    await user.click(within(dialog).getByRole('button', { name: '保存' }));
    await within(pattern.closest<HTMLElement>('.ant-form-item')!).findByText(/文号格式必须包含年份 YYYY/);
    expect((await getOutgoingSeries(db)).map((x) => x.code)).toEqual(['县政办发']);
    await user.clear(pattern);
    await user.type(pattern, '县政办函〔YYYY〕N号');
    await user.click(within(dialog).getByRole('button', { name: '保存' }));
    await screen.findByText('县政办函');
    await user.click(screen.getByRole('button', { name: '停用 县政办函' }));
    await screen.findByRole('button', { name: '启用 县政办函' });
    expect((await getOutgoingSeries(db)).find((x) => x.code === '县政办函')?.retired).toBe(true);

    const days = screen.getByRole('spinbutton', { name: '核发时限' });
    await user.clear(days);
    await user.type(days, '5');
    await user.click(within(screen.getByRole('form', { name: '核发时限' })).getByRole('button', { name: '保存' }));
    await waitFor(async () => expect((await getSetting(db, 'outgoing')).overdueWorkdays).toBe(5));
  });
});
