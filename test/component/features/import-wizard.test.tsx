import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { PlatformProvider } from '../../../renderer/platform/context';
import { createTestingPlatform } from '../../../renderer/platform/testing';
import { ImportWizard } from '../../../renderer/features/incoming/ImportWizard';
import { completeSetup } from '../../../renderer/db/repositories/auth';
import { toActor } from '../../../renderer/db/repositories/users';
import { makeLegacyLedgerXlsx } from '../../fixtures/legacy-ledger';
import { addApprovedUser } from '../../unit/db/helpers';
import { freshDb, renderComponent } from '../render-component';

// The import wizard's bar and 取消 (issue #18): the stages are shown with JobProgressBar, and a
// cancel during the write leaves the register and its numbering exactly as before, saying so;
// the same rows imported again arrive. (Here the file is read in place: jsdom has no Worker; the
// worker itself runs in the E2E test and the bench.)

// jsdom's Blob has no arrayBuffer() (browsers and Node have): read it the old way.
if (typeof Blob.prototype.arrayBuffer !== 'function') {
  Blob.prototype.arrayBuffer = function arrayBuffer(this: Blob) {
    return new Promise<ArrayBuffer>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as ArrayBuffer);
      reader.onerror = () => reject(reader.error ?? new Error('读取失败'));
      reader.readAsArrayBuffer(this);
    });
  };
}

describe('导入旧收文登记簿', () => {
  test('取消 during the write: nothing written, the wizard says so; 导入 again imports every row', async () => {
    const db = freshDb();
    const admin = toActor(await completeSetup(db, { unitName: '测试县人民政府办公室', fondsCode: 'Z109', username: 'admin', password: 'Wenshu#2026x', passwordConfirm: 'Wenshu#2026x' }));
    const clerk = await addApprovedUser(db, admin, { username: 'mishu', displayName: '李秘书', password: 'Lanting#2026', roles: ['秘书'] });
    const platform = createTestingPlatform();
    platform.toOpen.push({ name: '收文登记簿.xlsx', data: await makeLegacyLedgerXlsx({ rows: 30, from: '2026-01-05', to: '2026-03-31', classifiedEvery: 10 }) });
    const { user } = await renderComponent(
      db,
      clerk,
      <PlatformProvider platform={platform}>
        <ImportWizard />
      </PlatformProvider>,
      { at: '/incoming/import' },
    );
    await user.click(screen.getByRole('button', { name: '选择 Excel 文件' }));
    await screen.findByText('可导入 30 行', {}, { timeout: 20_000 });
    const counters = await db.counters.toArray();
    const audit = await db.auditLog.count();

    await user.click(screen.getByRole('button', { name: '导入 30 行' }));
    const bar = screen.getByRole('group', { name: '导入进度' });
    expect(within(bar).getByText(/写入|正在准备/)).toBeTruthy();
    await user.click(within(bar).getByRole('button', { name: '取消' }));
    await screen.findByText('已取消导入，收文登记簿未作任何改动', {}, { timeout: 20_000 });
    expect(screen.queryByRole('group', { name: '导入进度' })).toBeNull();
    expect(await db.incoming.count()).toBe(0);
    expect(await db.carriers.count()).toBe(0);
    expect(await db.counters.toArray()).toEqual(counters);
    expect(await db.auditLog.count()).toBe(audit);

    // The preview is kept: 导入 again, to the end.
    await user.click(screen.getByRole('button', { name: '导入 30 行' }));
    await waitFor(async () => expect(await db.incoming.count()).toBe(30), { timeout: 20_000 });
    expect(await db.carriers.count()).toBe(3);
    expect((await db.incoming.orderBy('[year+seq]').first())!.serial).toBe('收〔2026〕0001');
  });
});
