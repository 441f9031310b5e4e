import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import { describe, expect, test, vi } from 'vitest';
import { DbProvider } from '../../../renderer/db/DbContext';
import { completeSetup } from '../../../renderer/db/repositories/auth';
import { toActor } from '../../../renderer/db/repositories/users';
import type { Actor } from '../../../renderer/db/types';
import { HolidaysPanel } from '../../../renderer/features/settings/HolidaysPanel';
import { freshDb } from '../render-app';

// 设置 → 节假日 → 录入全年安排 as the 系统管理员 uses it: the notice pasted or read from a file,
// previewed (what cannot be read is named and blocks 保存), then saved in one audited command.

const signedIn = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock('../../../renderer/ui/session', () => ({ useActor: () => signedIn.actor }));

configure({ asyncUtilTimeout: 5000 });

const NOTICE_2027 = '国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n二、春节：2月6日（周六）至12日（周五）放假调休，共7天。2月14日（周日）上班。';

describe('节假日: 录入全年安排', () => {
  test('a file is read, a bad line blocks 保存, the corrected notice is previewed and saved', { timeout: 60_000 }, async () => {
    const db = freshDb();
    signedIn.actor = toActor(await completeSetup(db, { unitName: '某县政府办', fondsCode: 'Z109', username: 'admin', password: 'Wenshu#2026x', passwordConfirm: 'Wenshu#2026x' }));
    render(
      <ConfigProvider button={{ autoInsertSpace: false }} theme={{ token: { motion: false } }}>
        <DbProvider db={db}>
          <AntApp>
            <HolidaysPanel />
          </AntApp>
        </DbProvider>
      </ConfigProvider>,
    );
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    const form = await screen.findByRole('form', { name: '录入全年安排' });
    const save = within(form).getByRole('button', { name: '保存全年安排' });

    // From a file: its text and the year of its title fill the form; a line read as neither is named.
    await user.upload(within(form).getByLabelText('通知文件'), new File([`${NOTICE_2027}\n三、清明节：4月5日 清明`], 'notice.txt', { type: 'text/plain' }));
    await waitFor(() => expect(within(form).getByLabelText('通知内容')).toHaveValue(`${NOTICE_2027}\n三、清明节：4月5日 清明`));
    expect(within(form).getByLabelText('年份')).toHaveValue('2027');
    await user.click(within(form).getByRole('button', { name: '预览' }));
    const preview = await within(form).findByRole('region', { name: '预览' });
    expect(preview).toHaveTextContent('有 1 处未能读懂');
    expect(preview).toHaveTextContent('未能判断是放假还是上班：“4月5日 清明”');
    expect(save).toBeDisabled();

    // Corrected: the preview by festival, then 保存.
    await user.clear(within(form).getByLabelText('通知内容'));
    await user.click(within(form).getByLabelText('通知内容'));
    await user.paste(NOTICE_2027);
    expect(save).toBeDisabled(); // the preview is of the text as it was
    await user.click(within(form).getByRole('button', { name: '预览' }));
    await waitFor(() => expect(within(form).getByRole('region', { name: '预览' })).toHaveTextContent('2027 年：放假 10 天，调休上班 1 天'));
    expect(within(form).getByRole('list', { name: '各节日安排' })).toHaveTextContent('春节：2月6日—2月12日放假，共7天；2月14日上班');
    await waitFor(() => expect(save).toBeEnabled());
    await user.click(save);

    await waitFor(async () => expect(await db.calendarOverrides.count()).toBe(11));
    expect(await db.calendarOverrides.get('2027-02-14')).toMatchObject({ kind: 'workday', note: '春节', noticeYear: 2027, updatedBy: 'admin' });
    expect(await db.auditLog.orderBy('seq').last()).toMatchObject({ action: '录入节假日安排', entityId: '2027', actorId: signedIn.actor.id });
    // The panel now counts 2027 as covered.
    await waitFor(() => expect(screen.getByText(/其中 2027 年为本机录入/)).toBeInTheDocument());
  });
});
