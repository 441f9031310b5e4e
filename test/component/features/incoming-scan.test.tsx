import { configure, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { completeSetup } from '../../../renderer/db/repositories/auth';
import { toActor } from '../../../renderer/db/repositories/users';
import { send } from '../../../renderer/db/commands/client';
import { RegistrationForm } from '../../../renderer/features/incoming/RegistrationForm';
import { addApprovedUser } from '../../unit/db/helpers';
import { freshDb, renderComponent, seededOnce, type TestUser } from '../render-component';

// 收文登记 from a scan (issue #17 §2): the 原件扫描件 chosen on the form is attached when the 收文 is
// registered (用途 原件扫描件); if attaching fails (over the limit) the registration stands and the
// secretary is told so. The offers read from a PDF's text layer (and that nothing is filled until
// 采用) need pdf.js in a browser: test/e2e/attachments.e2e.ts.

const NOW = new Date(2026, 11, 1, 10, 0);

async function office() {
  const db = freshDb();
  const admin = toActor(await completeSetup(db, { unitName: '测试县人民政府办公室', fondsCode: 'Z109', username: 'admin', password: 'Wenshu#2026x', passwordConfirm: 'Wenshu#2026x' }, NOW));
  const clerk = await addApprovedUser(db, admin, { username: 'mishu', displayName: '李秘书', password: 'Lanting#2026', roles: ['秘书'] }, NOW);
  return { db, admin, clerk };
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

/** A PNG scan (its signature, then pixels that do not matter here). */
function png(name: string, size = 4096): File {
  const bytes = new Uint8Array(size).map((_, i) => (i * 13) % 256);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new File([bytes], name, { type: 'image/png' });
}

async function fillAndRegister(user: TestUser, scan: File, title: string) {
  const form = await screen.findByRole('form', { name: '收文登记' });
  const group = within(form).getByRole('group', { name: '原件扫描件' });
  await user.upload(within(group).getByLabelText('选择文件'), scan);
  expect(await within(group).findByText(new RegExp(scan.name))).toBeVisible();
  // Not a PDF: nothing to read, so nothing is offered.
  expect(screen.queryByTestId('scan-suggestions')).toBeNull();
  await user.type(within(form).getByLabelText('来文单位', { exact: true }), '县财政局');
  await user.type(within(form).getByLabelText('标题', { exact: true }), title);
  await user.click(within(form).getByRole('button', { name: '登记' }));
}

describe('收文登记 with the 原件扫描件', () => {
  test('the scan chosen on the form is kept with the new 收文 as its 原件扫描件', async () => {
    const { db, clerk } = await officeCopy();
    const { user } = await renderComponent(db, clerk, <RegistrationForm />, { at: '/incoming/new' });
    await fillAndRegister(user, png('来文扫描.png'), '关于做好年终决算工作的通知');
    await waitFor(async () => expect(await db.attachments.count()).toBe(1));
    const [record] = await db.incoming.toArray();
    const [meta] = await db.attachments.toArray();
    expect(meta).toMatchObject({ ownerKind: 'incoming', ownerId: record!.id, role: '原件扫描件', name: '来文扫描.png', type: 'image/png', size: 4096 });
    expect(record!.history.map((h) => h.action)).toEqual(['登记', '添加附件']);
  }, 60_000);

  test('a scan over the limit: the 收文 is registered all the same, and the secretary is told the scan was not kept', async () => {
    const { db, admin, clerk } = await officeCopy();
    await send(db, admin, 'settings.save', { key: 'attachments', value: { maxFileMB: 1, maxRecordMB: 500 } });
    const { user } = await renderComponent(db, clerk, <RegistrationForm />, { at: '/incoming/new' });
    await fillAndRegister(user, png('超大扫描.png', 1_600_000), '关于超大扫描件的通知');
    // (antd writes a confirm's title twice: once for screen readers.)
    const [warning] = await screen.findAllByText(/^已登记 收〔2026〕0001，但原件扫描件未能保存$/);
    const box = warning!.closest('.ant-modal') as HTMLElement;
    expect(document.querySelectorAll('.ant-modal')).toHaveLength(1);
    expect(box).toHaveTextContent('超过单个附件上限 1 MB');
    expect(box).toHaveTextContent('请在该收文页面的“附件”中重新添加扫描件');
    expect(await db.incoming.count()).toBe(1);
    expect((await db.incoming.toArray())[0]!.title).toBe('关于超大扫描件的通知');
    expect(await db.attachments.count()).toBe(0);
    expect(await db.attachmentChunks.count()).toBe(0);
  }, 60_000);
});
