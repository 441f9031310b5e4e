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
import writeXlsxFile from 'write-excel-file/universal';
import { importIncoming } from '../../../renderer/db/repositories/incoming';
import { fileSha256 } from '../../../renderer/ui/legacy-import-core';
import { LegacyImportReader } from '../../../renderer/ui/legacy-import';
import { locateHeader } from '../../../shared/domain/incoming-import';
import { formatLocalDateTime } from '../../../shared/domain/dates';
import { sheetFileKey } from '../../../shared/domain/imported-files';
import { chooseOption } from '../antd-select';

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

  test('the same file again: refused at the file step, saying when and by whom; a file repeating imported rows lists them and imports only the new', async () => {
    const db = freshDb();
    const admin = toActor(await completeSetup(db, { unitName: '测试县人民政府办公室', fondsCode: 'Z109', username: 'admin', password: 'Wenshu#2026x', passwordConfirm: 'Wenshu#2026x' }));
    const zhang = await addApprovedUser(db, admin, { username: 'zhangws', displayName: '张文书', password: 'Wenshu#2026zw', roles: ['秘书'] });
    const clerk = await addApprovedUser(db, admin, { username: 'mishu', displayName: '李秘书', password: 'Lanting#2026', roles: ['秘书'] });
    const ledger = await makeLegacyLedgerXlsx({ rows: 12, from: '2026-01-05', to: '2026-03-31', classifiedEvery: 0 });
    // The file imported before, by 张文书, as the wizard does it (read and checked, then imported with its hash).
    const reader = new LegacyImportReader();
    const { sheets, sha256 } = await reader.read(ledger);
    expect(sha256).toBe(fileSha256(ledger));
    const checked = await reader.check(0, locateHeader(sheets[0]!.rows).mapping, { defaultSignedBy: '张文书', today: '2026-12-06' });
    const at = new Date('2026-12-06T06:32:00Z');
    const first = await importIncoming(db, zhang, checked.valid, at, {}, { sha256: sheetFileKey(sha256, sheets[0]!.name), name: '收文登记簿.xlsx' });
    expect(first).toHaveLength(12);

    // Another file: two rows of the first (原编号 and day as there, one title retyped) and one new.
    const [a, b] = [first[0]!, first[5]!];
    const text = (value: string) => ({ type: String, value });
    const repeat = await writeXlsxFile([
      ['收文号', '收文日期', '来文单位', '文号', '标题'].map(text),
      [a.legacyNumber!, a.receivedDate, a.fromUnit, a.docNumber, `${a.title}（补录）`].map(text),
      [b.legacyNumber!, b.receivedDate, b.fromUnit, b.docNumber, b.title].map(text),
      ['2026-0099', '2026-04-01', '县水利局', '县水发〔2026〕7号', '关于做好春季防汛准备工作的通知'].map(text),
    ]).toBlob();

    const platform = createTestingPlatform();
    platform.toOpen.push({ name: '收文登记簿（副本）.xlsx', data: ledger });
    platform.toOpen.push({ name: '补录收文.xlsx', data: new Uint8Array(await repeat.arrayBuffer()) });
    const { user } = await renderComponent(
      db,
      clerk,
      <PlatformProvider platform={platform}>
        <ImportWizard />
      </PlatformProvider>,
      { at: '/incoming/import' },
    );
    const audit = await db.auditLog.count();
    await user.click(screen.getByRole('button', { name: '选择 Excel 文件' }));
    const refused = await screen.findByRole('alert', { name: '文件已导入过' }, { timeout: 20_000 });
    expect(refused.textContent).toBe(`此文件已于 ${formatLocalDateTime(at)} 由 张文书 导入（收文 12 件），未重复导入`);
    expect(refused.textContent).toMatch(/^此文件已于 2026-12-06 \d\d:32 由 张文书/);
    // Beside the file, and nothing to map or import.
    expect(screen.getByText('收文登记簿（副本）.xlsx')).toBeTruthy();
    expect(screen.queryByRole('form', { name: '列对应' })).toBeNull();
    expect(screen.queryByLabelText('标题对应列')).toBeNull();
    expect(screen.queryByRole('button', { name: /^导入 \d+ 行$/ })).toBeNull();
    expect(await db.incoming.count()).toBe(12);
    expect(await db.auditLog.count()).toBe(audit);

    // The other file: its repeated rows listed with their 收文编号, only the new one imported.
    await user.click(screen.getByRole('button', { name: '选择 Excel 文件' }));
    await screen.findByText('可导入 1 行，已在登记簿中 2 行（不再导入）', {}, { timeout: 20_000 });
    expect(screen.queryByRole('alert', { name: '文件已导入过' })).toBeNull();
    const listed = screen.getByRole('table', { name: '已在登记簿中的行' });
    expect(within(listed).getByText('第 2 行')).toBeTruthy();
    expect(within(listed).getByText(`已导入过（${a.serial}）`)).toBeTruthy();
    expect(within(listed).getByText(`已导入过（${b.serial}）`)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '导入 1 行' }));
    await waitFor(async () => expect(await db.incoming.count()).toBe(13), { timeout: 20_000 });
    expect(await db.importedFiles.count()).toBe(2);
  });

  test('a workbook of one sheet per year: each sheet is imported once, the others still can be', async () => {
    const db = freshDb();
    const admin = toActor(await completeSetup(db, { unitName: '测试县人民政府办公室', fondsCode: 'Z109', username: 'admin', password: 'Wenshu#2026x', passwordConfirm: 'Wenshu#2026x' }));
    const clerk = await addApprovedUser(db, admin, { username: 'mishu', displayName: '李秘书', password: 'Lanting#2026', roles: ['秘书'] });
    const text = (value: string) => ({ type: String, value });
    const head = ['收文号', '收文日期', '来文单位', '文号', '标题'].map(text);
    const workbook = await writeXlsxFile([
      { sheet: '2025', data: [head, ['0001', '2025-03-02', '县财政局', '县财发〔2025〕3号', '关于二〇二五年预算执行的通知'].map(text)] },
      { sheet: '2026', data: [head, ['0001', '2026-03-02', '县水利局', '县水发〔2026〕7号', '关于做好春季防汛准备工作的通知'].map(text)] },
    ]).toBlob();
    const bytes = new Uint8Array(await workbook.arrayBuffer());
    const platform = createTestingPlatform();
    platform.toOpen.push({ name: '历年收文.xlsx', data: bytes }, { name: '历年收文.xlsx', data: bytes });
    const { user } = await renderComponent(
      db,
      clerk,
      <PlatformProvider platform={platform}>
        <ImportWizard />
      </PlatformProvider>,
      { at: '/incoming/import' },
    );
    await user.click(screen.getByRole('button', { name: '选择 Excel 文件' }));
    await user.click(await screen.findByRole('button', { name: '导入 1 行' }, { timeout: 20_000 }));
    await waitFor(async () => expect(await db.incoming.count()).toBe(1), { timeout: 20_000 });

    // The same workbook again: its sheet 2025 came in, so it says so and cannot be imported; 2026 can.
    await user.click(screen.getByRole('button', { name: '选择 Excel 文件' }));
    const refused = await screen.findByRole('alert', { name: '工作表已导入过' }, { timeout: 20_000 });
    expect(refused.textContent).toMatch(/^工作表“2025”：此文件已于 .* 由 李秘书 导入（收文 1 件），未重复导入；可选择其他工作表$/);
    expect(screen.queryByRole('alert', { name: '文件已导入过' })).toBeNull();
    // Its rows are also found in the register (checked in the worker); then another sheet is chosen.
    await screen.findByText(/^可导入 0 行，已在登记簿中 1 行/, {}, { timeout: 20_000 });
    expect(screen.getByRole('button', { name: '导入 0 行' })).toBeDisabled();
    await chooseOption(user, '工作表', '2026');
    await waitFor(() => expect(screen.queryByRole('alert', { name: '工作表已导入过' })).toBeNull());
    await user.click(await screen.findByRole('button', { name: '导入 1 行' }, { timeout: 20_000 }));
    await waitFor(async () => expect(await db.incoming.count()).toBe(2), { timeout: 20_000 });
    expect(await db.importedFiles.count()).toBe(2);
  });
});
