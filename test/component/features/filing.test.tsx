import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { WenshuDB } from '../../../renderer/db/database';
import { completeSetup } from '../../../renderer/db/repositories/auth';
import { listArchive } from '../../../renderer/db/repositories/filing';
import { createMeetingRecord, issueMeetingMinutes, saveMinutes } from '../../../renderer/db/repositories/meetings';
import { saveDepartment } from '../../../renderer/db/repositories/settings';
import { toActor } from '../../../renderer/db/repositories/users';
import type { Actor } from '../../../renderer/db/types';
import { FilingPage } from '../../../renderer/features/filing/FilingPage';
import { finishedIncoming as finished } from '../../fixtures/filing';
import { meetingInput, minutesInput } from '../../fixtures/meetings';
import { addApprovedUser } from '../../unit/db/helpers';
import { chooseOption } from '../antd-select';
import { freshDb, seededOnce, renderComponent } from '../render-component';

// 归档 on screen (issue #6): the 待归档 of the 年度 as a table, two rows filed with a 机构 and a
// 保管期限 each (one set on the row, one through 所选设为), the 归档文件目录 with their 档号, and a
// refused batch (a 纪要 with no 机构) shown in words. The clock is fixed (only Date is faked).
// 归档 is rendered for the signed-in 秘书 at /filing (the sign-in, the menu and the whole filing
// flow are covered by test/e2e/filing.e2e.ts); the office is seeded once and cloned per test.

const NOW = new Date(2026, 11, 1, 10, 0); // Tuesday 2026-12-01
const T_REG = new Date(2026, 10, 20, 9, 0);
const T_ACT = new Date(2026, 10, 23, 10, 0);
const T_ISSUE = new Date(2026, 10, 30, 10, 0);
const PASSWORD = 'Lanting#2026';

/** An office (全宗号 Z109, 机构 BGS and CWK) with a 秘书, two finished 收文 of 办公室 and an issued 纪要 (no default 机构). */
async function office() {
  const db = freshDb();
  const admin = toActor(await completeSetup(db, { unitName: '测试县人民政府办公室', fondsCode: 'Z109', username: 'admin', password: 'Wenshu#2026x', passwordConfirm: 'Wenshu#2026x' }, T_REG));
  const bgs = await saveDepartment(db, admin, { code: 'BGS', name: '办公室' });
  const cwk = await saveDepartment(db, admin, { code: 'CWK', name: '财务科' });
  const clerk = await addApprovedUser(db, admin, { username: 'mishu', displayName: '李秘书', password: PASSWORD, roles: ['秘书'] }, T_REG);
  const host = { id: bgs.id, name: bgs.name };
  const a = await finished(db, clerk, host, { docNumber: '县财发〔2026〕11号', title: '关于预算执行的通知', writtenDate: '2026-03-02' });
  const b = await finished(db, clerk, host, { docNumber: '县财发〔2026〕12号', title: '关于资金清理的通知', writtenDate: '2026-03-05' });
  const m = await createMeetingRecord(db, clerk, meetingInput(), T_REG);
  await saveMinutes(db, clerk, m.id, minutesInput(), T_ACT);
  await issueMeetingMinutes(db, clerk, m.id, T_ISSUE);
  return { db, admin, clerk, cwk, a, b };
}

/** A copy of the seeded office: each test files (or fails to file) in its own. */
const officeCopy = seededOnce(office, NOW);

/** 归档 as the 秘书 opens it from the menu. */
async function openFiling(db: WenshuDB, clerk: Actor) {
  const { user } = await renderComponent(db, clerk, <FilingPage />, { at: '/filing', path: '/filing/*' });
  return user;
}

/** Picks `value` in a 所选设为 Select: it applies the value to the selected rows and shows empty again. */
async function pickBatch(user: ReturnType<typeof userEvent.setup>, label: string, value: string) {
  const box = screen.getByLabelText(label);
  await waitFor(() => expect(box.closest('.ant-select')).not.toHaveClass('ant-select-disabled'));
  await user.click(box);
  const listbox = document.getElementById(box.getAttribute('aria-controls') ?? '');
  const dropdown = listbox?.closest('.ant-select-dropdown') ?? document.body;
  const option = await waitFor(() => {
    const el = dropdown.querySelector<HTMLElement>(`.ant-select-item-option[title="${value}"]`);
    if (!el) throw new Error(`no option ${value}`);
    return el;
  });
  await user.click(option);
}

function bodyRows(table: HTMLElement): HTMLElement[] {
  return within(table)
    .getAllByRole('row')
    .filter((r) => r.closest('tbody') && !r.classList.contains('ant-table-placeholder') && !r.classList.contains('ant-table-measure-row'));
}

function rowWith(table: HTMLElement, text: string): HTMLElement {
  return within(table).getAllByText(text)[0]!.closest('tr')!;
}

configure({ asyncUtilTimeout: 5000 });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});

afterEach(() => {
  vi.useRealTimers();
  window.location.hash = '';
});

describe('归档', () => {
  test('the 待归档 of the 年度 show; two rows filed with their own 机构 and 保管期限 get their 档号 in the 归档文件目录', async () => {
    const { db, clerk, a, b } = await officeCopy();
    const user = await openFiling(db, clerk);
    expect(await screen.findByLabelText('年度')).toHaveValue('2026');
    expect(screen.queryByText(/未完成/)).toBeNull();

    const table = await screen.findByRole('table', { name: '待归档' });
    await waitFor(() => expect(bodyRows(table)).toHaveLength(3));
    for (const h of ['类别', '编号', '文号', '责任者', '题名', '日期', '密级', '页数', '机构', '保管期限']) expect(within(table).getByRole('columnheader', { name: h })).toBeVisible();
    const rowA = rowWith(table, a.serial);
    expect(rowA).toHaveTextContent('收文');
    expect(rowA).toHaveTextContent('县财发〔2026〕11号');
    expect(rowA).toHaveTextContent('关于预算执行的通知');
    expect(rowWith(table, '常务会议第1期')).toHaveTextContent('纪要');

    // Proposed: the 承办单位 (BGS) and 定期10年 for a 通知.
    expect(rowA).toHaveTextContent('BGS 办公室');
    expect(rowA).toHaveTextContent('定期10年');
    // Row a: 机构 set on the row. Row b: 保管期限 through 所选设为.
    await chooseOption(user, '机构', 'CWK 财务科', rowA);
    await user.click(within(rowWith(table, b.serial)).getByRole('checkbox'));
    await pickBatch(user, '所选设为保管期限', '永久');
    await waitFor(() => expect(within(rowWith(table, b.serial)).getByLabelText('保管期限').closest('.ant-select')).toHaveTextContent('永久'));
    expect(rowA).toHaveTextContent('定期10年');
    await user.click(within(rowA).getByRole('checkbox'));
    await user.click(screen.getByRole('button', { name: '归档' }));
    expect(await screen.findByText('已归档 2 件')).toBeVisible();
    await waitFor(() => expect(bodyRows(table)).toHaveLength(1));

    await user.click(screen.getByRole('tab', { name: '归档文件目录' }));
    const catalogue = await screen.findByRole('table', { name: '归档文件目录' });
    await waitFor(() => expect(bodyRows(catalogue)).toHaveLength(2));
    for (const h of ['序号', '档号', '文号', '责任者', '题名', '日期', '密级', '页数', '备注', '盒号']) expect(within(catalogue).getByRole('columnheader', { name: h })).toBeVisible();
    const cells = bodyRows(catalogue).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(cells).toEqual([
      // Catalogue order: 永久 before 定期10年.
      ['1', 'Z109-WS·2026-Y-BGS-0001', '县财发〔2026〕12号', '县财政局', '关于资金清理的通知', '20260305', '', '3', '', '1', '更正'],
      ['2', 'Z109-WS·2026-D10-CWK-0001', '县财发〔2026〕11号', '县财政局', '关于预算执行的通知', '20260302', '', '3', '', '1', '更正'],
    ]);
    expect((await listArchive(db, clerk, 2026)).entries.map((e) => e.recordId)).toEqual([b.id, a.id]);
  }, 120_000);

  test('a refused batch shows the reason and files nothing: a 纪要 with no 机构, a 机构 stopped meanwhile', async () => {
    const { db, clerk, admin, cwk, a, b } = await officeCopy();
    const user = await openFiling(db, clerk);
    const table = await screen.findByRole('table', { name: '待归档' });
    await waitFor(() => expect(bodyRows(table)).toHaveLength(3));

    // No default 机构 in the settings: the 纪要 has none proposed.
    await user.click(within(rowWith(table, '常务会议第1期')).getByRole('checkbox'));
    await user.click(screen.getByRole('button', { name: '归档' }));
    const missing = await screen.findByText('纪要 常务会议第1期：请选择机构');
    expect(missing.closest('[role="alert"]')).toBeTruthy();

    // The repository refuses the whole batch when one 机构 was stopped after it was chosen.
    await user.click(within(rowWith(table, '常务会议第1期')).getByRole('checkbox'));
    const rowA = rowWith(table, a.serial);
    await chooseOption(user, '机构', 'CWK 财务科', rowA);
    await user.click(within(rowA).getByRole('checkbox'));
    await user.click(within(rowWith(table, b.serial)).getByRole('checkbox'));
    await saveDepartment(db, admin, { id: cwk.id, code: 'CWK', name: '财务科', disabled: true });
    await user.click(screen.getByRole('button', { name: '归档' }));
    const refused = await screen.findByText(`收文 ${a.serial}：机构“财务科”（CWK）已停用，不能再归入新文件`);
    expect(refused.closest('[role="alert"]')).toBeTruthy();
    expect(bodyRows(table)).toHaveLength(3);
    expect((await listArchive(db, clerk, 2026)).entries).toEqual([]);
  }, 120_000);
});

describe('归档包 in the office’s words', () => {
  test('清单 and 校验值 on screen; file formats and hash names only under a collapsed 技术细节', async () => {
    const { db, clerk } = await officeCopy();
    const user = await openFiling(db, clerk);
    await user.click(await screen.findByRole('tab', { name: '归档包' }));
    const panel = await screen.findByRole('tabpanel', { name: '归档包' });
    await within(panel).findByText(/一份清单。清单记下包内每个文件的校验值/);
    expect(panel.textContent).not.toMatch(/SHA-256|JSON|manifest/i);
    const details = within(panel).getAllByRole('button', { name: /技术细节/ });
    expect(details.length).toBe(2);
    for (const d of details) expect(d).toHaveAttribute('aria-expanded', 'false');
    await user.click(details[0]!);
    await within(panel).findByText(/manifest\.json，含每个文件的 SHA-256/);
  });
});
