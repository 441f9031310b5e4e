import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { send } from '../../../renderer/db/commands/client';
import type { WenshuDB } from '../../../renderer/db/database';
import { listAttachments, openAttachment } from '../../../renderer/db/repositories/attachments';
import { completeSetup } from '../../../renderer/db/repositories/auth';
import { registerIncoming } from '../../../renderer/db/repositories/incoming';
import { getSetting, saveDepartment } from '../../../renderer/db/repositories/settings';
import { toActor } from '../../../renderer/db/repositories/users';
import type { Actor } from '../../../renderer/db/types';
import { contributionsFor, FEATURES } from '../../../renderer/app/features';
import { SettingsPage } from '../../../renderer/features/settings/SettingsPage';
import { baseRegistration } from '../../fixtures/filing';
import { addApprovedUser } from '../../unit/db/helpers';
import { freshDb, renderComponent, seededOnce } from '../render-component';

// 设置 → 存储 (issue #17): the attachment limits as the 系统管理员 changes them (a bad pair is
// refused beside its field, nothing saved) and as a 秘书 reads them, and the storage use. The
// office's one scan is added here, in jsdom, whose Blob does not survive fake-indexeddb's
// structured clone: the chunks are then stored as bytes, and the scan must still open unchanged.

const NOW = new Date(2026, 10, 20, 10, 0);

interface Office {
  db: WenshuDB;
  admin: Actor;
  clerk: Actor;
  serial: string;
  scan: Uint8Array;
}

async function office(): Promise<Office> {
  const db = freshDb();
  const admin = toActor(await completeSetup(db, { unitName: '测试县人民政府办公室', fondsCode: 'Z109', username: 'admin', password: 'Wenshu#2026x', passwordConfirm: 'Wenshu#2026x' }, NOW));
  await saveDepartment(db, admin, { code: 'BGS', name: '办公室' });
  const clerk = await addApprovedUser(db, admin, { username: 'mishu', displayName: '李秘书', password: 'Lanting#2026', roles: ['秘书'] }, NOW);
  const rec = await registerIncoming(db, clerk, baseRegistration, {}, NOW);
  // 1.5 MiB: two chunks.
  const scan = new Uint8Array(1.5 * 1024 * 1024);
  for (let i = 0; i < scan.length; i++) scan[i] = (i * 31 + 7) & 0xff;
  scan.set(new TextEncoder().encode('%PDF-1.7\n'));
  await send(db, clerk, 'attachment.add', { ownerKind: 'incoming', ownerId: rec.id, role: '原件扫描件', file: new File([scan], '扫描件.pdf', { type: 'application/pdf' }) }, NOW);
  return { db, admin, clerk, serial: rec.serial, scan };
}

const officeCopy = seededOnce(office, NOW);

async function openStorage(db: WenshuDB, actor: Actor) {
  const { user } = await renderComponent(db, actor, <SettingsPage tabs={contributionsFor(FEATURES, actor).settingsTabs} />, { at: '/settings' });
  await user.click(await screen.findByRole('tab', { name: '存储' }));
  return user;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});

afterEach(() => {
  vi.useRealTimers();
  window.location.hash = '';
});

describe('设置 → 存储', () => {
  test('the 系统管理员 sees the use and changes the limits; a file limit above the record limit is refused beside its field', async () => {
    const { db, admin, serial } = await officeCopy();
    const user = await openStorage(db, admin);

    const largest = await screen.findByRole('table', { name: '占用最多的记录' });
    const row = within(largest).getByText(serial).closest('tr')!;
    expect(within(row).getByText('收文')).toBeTruthy();
    expect(within(row).getByText('1.5 MB')).toBeTruthy();
    expect(screen.getByText(/^1\.5 MB，1 个文件/)).toBeTruthy();

    const perFile = screen.getByLabelText('单个附件上限');
    const perRecord = screen.getByLabelText('每件记录上限');
    expect(perFile).toHaveValue('50');
    expect(perRecord).toHaveValue('500');
    await user.clear(perFile);
    await user.type(perFile, '600');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('每件记录的上限不能小于单个附件上限')).toBeTruthy();
    expect(perRecord).toHaveAttribute('aria-invalid', 'true');
    expect(await getSetting(db, 'attachments')).toEqual({ maxFileMB: 50, maxRecordMB: 500 });

    await user.clear(perFile);
    await user.type(perFile, '100');
    await user.clear(perRecord);
    await user.type(perRecord, '1000');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(async () => expect(await getSetting(db, 'attachments')).toEqual({ maxFileMB: 100, maxRecordMB: 1000 }));
    const entry = (await db.auditLog.toArray()).at(-1)!;
    expect(entry).toMatchObject({ action: '修改附件上限', summary: '单个附件上限 100 MB；每件记录上限 1000 MB' });
  });

  test('a 秘书 reads the limits (no 保存) and the use; the scan stored in jsdom opens byte for byte', async () => {
    const { db, clerk, serial, scan } = await officeCopy();
    await openStorage(db, clerk);
    await screen.findByRole('table', { name: '占用最多的记录' });
    expect(screen.getByText(serial)).toBeTruthy();
    expect(screen.getByText('50 MB')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '保存' })).toBeNull();

    // Stored as bytes here (jsdom's Blob would come back from fake-indexeddb empty).
    const rows = await db.attachmentChunks.toArray();
    expect(rows.map((r) => ArrayBuffer.isView(r.data))).toEqual([true, true]);
    const rec = (await db.incoming.toArray())[0]!;
    const [meta] = await listAttachments(db, clerk, 'incoming', rec.id);
    const blob = await openAttachment(db, clerk, meta!.id);
    const bytes = await new Promise<Uint8Array>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
      reader.readAsArrayBuffer(blob);
    });
    expect(bytes.length).toBe(scan.length);
    expect(bytes.every((b, i) => b === scan[i])).toBe(true);
  });
});
