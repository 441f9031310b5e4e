import { render, screen, waitFor } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { App as AntApp, ConfigProvider, Form, Input } from 'antd';
import { describe, expect, test, vi } from 'vitest';
import { useSend } from '../../../renderer/db/commands/use-send';
import { DbProvider } from '../../../renderer/db/DbContext';
import type { WenshuDB } from '../../../renderer/db/database';
import type { Actor } from '../../../renderer/db/types';
import { CommandDialog } from '../../../renderer/ui/CommandDialog';
import { staffedOffice } from '../../unit/db/helpers';

// A form of the kit whose run is send(name, input) from useSend(): the command runs by name on the
// window's database as the signed-in user, and what it refuses comes back into the form.

const signedIn = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock('../../../renderer/ui/session', () => ({ useActor: () => signedIn.actor }));

interface V { date?: string; note?: string }

function OverrideDialog({ onClose }: { onClose(): void }) {
  const send = useSend();
  // No form-side schema: every check here is the command's own.
  return (
    <CommandDialog<V, unknown>
      title="节假日设定"
      verb="保存"
      run={(v) => send('calendar.saveOverride', { date: v.date ?? '', kind: 'workday', ...(v.note ? { note: v.note } : {}) })}
      onClose={onClose}
    >
      <Form.Item label="日期" name="date"><Input /></Form.Item>
      <Form.Item label="说明" name="note"><Input /></Form.Item>
    </CommandDialog>
  );
}

function renderAs(db: WenshuDB, actor: Actor) {
  signedIn.actor = actor;
  const onClose = vi.fn();
  const { unmount } = render(
    <ConfigProvider button={{ autoInsertSpace: false }} theme={{ token: { motion: false } }}>
      <DbProvider db={db}>
        <AntApp>
          <OverrideDialog onClose={onClose} />
        </AntApp>
      </DbProvider>
    </ConfigProvider>,
  );
  return { onClose, unmount, user: userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never }) };
}

describe('a form sending a command by name', () => {
  test('the command lands as the signed-in user; its field error shows beside the field; a refusal is the form alert', { timeout: 60_000 }, async () => {
    const { db, admin, clerk } = await staffedOffice();

    // A 秘书 may not change the calendar: the permission refusal is the form's alert, nothing stored.
    const asClerk = renderAs(db, clerk);
    await asClerk.user.type(screen.getByLabelText('日期'), '2026-10-10');
    await asClerk.user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('没有权限执行此操作');
    expect(asClerk.onClose).not.toHaveBeenCalled();
    expect(await db.calendarOverrides.count()).toBe(0);
    asClerk.unmount();

    // The administrator: the command's own validation names the field…
    const asAdmin = renderAs(db, admin);
    await asAdmin.user.type(screen.getByLabelText('日期'), '2026-13-40');
    await asAdmin.user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(screen.getByLabelText('日期')).toHaveAttribute('aria-invalid', 'true'));
    expect(await db.calendarOverrides.count()).toBe(0);

    // …and a valid date is saved through the pipeline: stored, audited and change-logged as him.
    await asAdmin.user.clear(screen.getByLabelText('日期'));
    await asAdmin.user.type(screen.getByLabelText('日期'), '2026-10-10');
    await asAdmin.user.type(screen.getByLabelText('说明'), '调休');
    await asAdmin.user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(asAdmin.onClose).toHaveBeenCalledTimes(1));
    expect(await db.calendarOverrides.get('2026-10-10')).toMatchObject({ kind: 'workday', note: '调休', updatedBy: admin.username });
    expect(await db.auditLog.orderBy('seq').last()).toMatchObject({ action: '新增节假日设定', entityId: '2026-10-10', actorId: admin.id });
    expect((await db.changeLog.toArray()).filter((r) => r.command === 'calendar.saveOverride')).toEqual([
      expect.objectContaining({ entity: 'calendarOverrides', entityId: '2026-10-10', operation: 'put', actorId: admin.id }),
    ]);
  });
});
