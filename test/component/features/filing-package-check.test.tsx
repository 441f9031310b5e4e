import { screen, waitFor, within } from '@testing-library/react';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, test, vi } from 'vitest';
import type { Platform, ReadableFile } from '../../../renderer/platform/types';
import { addApprovedUser } from '../../unit/db/helpers';

// 校验归档包 of a large package (scans make it gigabytes) shows its progress and can be cancelled
// (DESIGN: every long job): the check is held after its first 1 MiB read, 取消 is pressed, and the
// panel says it was cancelled, with nothing logged and no error.

let release: () => void = () => undefined;
let file: ReadableFile | null = null;
const fakePlatform = {
  canMakePdf: true,
  canChooseFolder: true,
  canTellPrintCancelled: true,
  openFileForReading: vi.fn(async () => file),
} as unknown as Platform;
vi.mock('../../../renderer/platform/index', () => ({ platform: () => fakePlatform }));

const { completeSetup } = await import('../../../renderer/db/repositories/auth');
const { toActor } = await import('../../../renderer/db/repositories/users');
const { freshDb, renderComponent } = await import('../render-component');
const { FilingPackagePanel } = await import('../../../renderer/features/filing/FilingPackagePanel');

/** A package of a 3 MB stored scan and a manifest, read by range: every read after the first 1 MiB waits for `release`. */
function heldPackage(): ReadableFile {
  const scan = new Uint8Array(3_000_000).map((_, i) => (i * 2654435761) >>> 24);
  const data = zipSync({ 'items/2026-Y-BGS-0001/附件1.pdf': [scan, { level: 0 }], 'manifest.json': strToU8('{}') });
  const held = new Promise<void>((resolve) => (release = resolve));
  let big = 0;
  return {
    name: '归档包-大.zip',
    size: data.byteLength,
    read: async (offset, length) => {
      if (length === 1 << 20 && big++ >= 1) await held;
      return data.slice(offset, offset + length);
    },
    close: async () => undefined,
  };
}

describe('校验归档包: progress and 取消', () => {
  test('the bar shows while the package is read; 取消 stops it, says so, logs nothing', async () => {
    const db = freshDb();
    const admin = toActor(await completeSetup(db, { unitName: '测试县人民政府办公室', fondsCode: 'Z109', username: 'admin', password: 'Wenshu#2026x', passwordConfirm: 'Wenshu#2026x' }));
    const clerk = await addApprovedUser(db, admin, { username: 'mishu', displayName: '李秘书', password: 'Lanting#2026', roles: ['秘书'] });
    const before = await db.auditLog.count();
    file = heldPackage();
    const { user } = await renderComponent(db, clerk, <FilingPackagePanel year={2026} />, { at: '/filing' });
    await user.click(screen.getByRole('button', { name: '校验归档包' }));
    const bar = await screen.findByRole('group', { name: '校验进度' });
    await waitFor(() => expect(within(bar).getByText(/核对文件/)).toBeTruthy());
    await user.click(within(bar).getByRole('button', { name: '取消' }));
    release();
    await screen.findByText('已取消校验，未记录结果');
    expect(screen.queryByRole('group', { name: '校验进度' })).toBeNull();
    // The one message is the cancel's: no error.
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual(['已取消校验，未记录结果']);
    expect(screen.queryByRole('region', { name: '校验结果' })).toBeNull();
    expect(await db.auditLog.count()).toBe(before);
  });
});
