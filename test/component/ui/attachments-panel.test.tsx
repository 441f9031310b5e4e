import { configure, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Registration } from '@shared/domain/incoming-types';
import { completeSetup } from '../../../renderer/db/repositories/auth';
import { registerIncoming } from '../../../renderer/db/repositories/incoming';
import { toActor } from '../../../renderer/db/repositories/users';
import { send } from '../../../renderer/db/commands/client';
import type { WenshuDB } from '../../../renderer/db/database';
import { IncomingDetail } from '../../../renderer/features/incoming/IncomingDetail';
import { TaskDetail } from '../../../renderer/features/supervision/TaskDetail';
import { createManualTask } from '../../../renderer/db/repositories/supervision';
import { PlatformProvider } from '../../../renderer/platform/context';
import { createTestingPlatform } from '../../../renderer/platform/testing';
import { baseRegistration } from '../../fixtures/filing';
import { addApprovedUser } from '../../unit/db/helpers';
import { freshDb, renderComponent, seededOnce, type TestUser } from '../render-component';

// 附件 on a record's page (issue #17 §2): 添加 with its 用途 (errors beside the field, a file over
// the limit refused with nothing stored), 移除 with a required reason, 另存 of the file itself (and
// of a classified record's OFD as a numbered copy, voided when the dialog is cancelled), the OFD
// message in the viewer, and nothing for someone outside the record's need to know. PDF pages in
// the viewer, the watermark and printing are test/e2e/attachments.e2e.ts (pdf.js needs a browser).

const NOW = new Date(2026, 11, 1, 10, 0);
const T_REG = new Date(2026, 10, 20, 9, 0);

const SECRET: Registration = {
  ...baseRegistration,
  docNumber: '县安发〔2026〕7号',
  title: '关于某专项工作的通报',
  classification: '机密',
  secrecyTerm: { kind: 'years', years: 20 },
  copyNumber: '000003',
} as Registration;

async function office() {
  const db = freshDb();
  const admin = toActor(await completeSetup(db, { unitName: '测试县人民政府办公室', fondsCode: 'Z109', username: 'admin', password: 'Wenshu#2026x', passwordConfirm: 'Wenshu#2026x' }, T_REG));
  const clerk = await addApprovedUser(db, admin, { username: 'mishu', displayName: '李秘书', password: 'Lanting#2026', roles: ['秘书'] }, T_REG);
  const outsider = await addApprovedUser(db, admin, { username: 'keyuan', displayName: '赵科员', password: 'Lanting#2026', roles: ['工作人员'] }, T_REG);
  const open = await registerIncoming(db, clerk, baseRegistration, {}, T_REG);
  const secret = await registerIncoming(db, clerk, SECRET, {}, T_REG);
  const task = await createManualTask(db, clerk, { assignedBy: '张主任', content: '清理拖欠企业账款', unit: '县财政局', person: '王科长', dueDate: '2026-12-10' }, T_REG);
  return { db, admin, clerk, outsider, open, secret, task };
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

/** An OFD (a ZIP package: its first bytes PK\3\4) of `size` bytes. */
function ofd(name: string, size = 2048): File {
  const bytes = new Uint8Array(size).map((_, i) => (i * 7) % 256);
  bytes.set([0x50, 0x4b, 0x03, 0x04]);
  return new File([bytes], name, { type: 'application/ofd' });
}

function pdf(name: string, size: number): File {
  const bytes = new Uint8Array(size).fill(0x20);
  bytes.set(new TextEncoder().encode('%PDF-1.7\n'));
  return new File([bytes], name, { type: 'application/pdf' });
}

function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const r = new FileReader();
    r.onload = () => resolve(new Uint8Array(r.result as ArrayBuffer));
    r.readAsArrayBuffer(blob);
  });
}

/** The 另存 button of the confirmation a classified record's OFD asks for. */
async function confirmSave(): Promise<HTMLElement> {
  const text = await screen.findByText(/OFD 文件无法加水印/);
  return within(text.closest('.ant-modal') as HTMLElement).getByRole('button', { name: '另存' });
}

function panel(): HTMLElement {
  return screen.getByText(/^附件（原件扫描件）（\d+）$/).closest('.ant-card') as HTMLElement;
}

async function addFile(user: TestUser, file: File, role?: string): Promise<HTMLElement> {
  await user.click(within(panel()).getByRole('button', { name: '添加附件' }));
  const dialog = await screen.findByRole('dialog', { name: '添加附件' });
  if (role) {
    await user.click(within(dialog).getByLabelText('用途'));
    await user.click(await screen.findByTitle(role));
  }
  await user.upload(within(dialog).getByLabelText('选择文件'), file);
  await user.click(within(dialog).getByRole('button', { name: '添加' }));
  return dialog;
}

async function shown(db: WenshuDB, ui: 'clerk' | 'outsider', recordId: string, o: Awaited<ReturnType<typeof officeCopy>>) {
  const platform = createTestingPlatform();
  const r = await renderComponent(
    db,
    o[ui],
    <PlatformProvider platform={platform}>
      <IncomingDetail />
    </PlatformProvider>,
    { at: `/incoming/${recordId}`, path: '/incoming/:id' },
  );
  return { ...r, platform };
}

describe('附件 panel on a 收文', () => {
  test('添加: the file is required beside its box; added with its 用途, listed with size and SHA-256; 另存 gives the same bytes, logged', async () => {
    const o = await officeCopy();
    const { user, platform } = await shown(o.db, 'clerk', o.open.id, o);
    await within(await screen.findByText(/^附件（原件扫描件）（0）$/).then((t) => t.closest('.ant-card') as HTMLElement)).findByText(/尚无附件/);

    // 添加 with no file: said beside the file box, nothing sent.
    await user.click(within(panel()).getByRole('button', { name: '添加附件' }));
    let dialog = await screen.findByRole('dialog', { name: '添加附件' });
    await user.click(within(dialog).getByRole('button', { name: '添加' }));
    await waitFor(() => expect(within(dialog).getByTestId('file-drop').closest('.ant-form-item')).toHaveTextContent('请选择文件'));
    await user.click(within(dialog).getByRole('button', { name: '取消' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: '添加附件' })).toBeNull());

    const file = ofd('来文原件.ofd');
    dialog = await addFile(user, file, '其他');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: '添加附件' })).toBeNull());
    const row = (await within(panel()).findByText('来文原件.ofd')).closest('tr') as HTMLElement;
    expect(row).toHaveTextContent('其他');
    expect(row).toHaveTextContent('2 KB');
    expect(row).toHaveTextContent('李秘书');
    const [meta] = await o.db.attachments.toArray();
    expect(meta).toMatchObject({ name: '来文原件.ofd', role: '其他', type: 'application/ofd', ownerId: o.open.id });
    expect(within(row).getByLabelText(`SHA-256 ${meta!.sha256}`)).toHaveTextContent(`${meta!.sha256.slice(0, 8)}…`);

    // 另存 of an unclassified record's file: the original bytes, then the audit entry naming the file.
    await user.click(within(row).getByRole('button', { name: '另存' }));
    await waitFor(() => expect(platform.saved).toHaveLength(1));
    expect(platform.saved[0]!.name).toBe('来文原件.ofd');
    expect(platform.saved[0]!.data).toEqual(await bytesOf(file));
    await waitFor(async () => expect((await o.db.auditLog.toArray()).map((e) => e.action)).toContain('另存附件'));
    const saved = (await o.db.auditLog.toArray()).find((e) => e.action === '另存附件')!;
    expect(saved.summary).toContain('《来文原件.ofd》');
    expect(saved.summary).not.toContain('打印份号');

    // 查看 an OFD: kept as a file, the viewer says so and offers 另存.
    const again = (await within(panel()).findByText('来文原件.ofd')).closest('tr') as HTMLElement;
    await user.click(await within(again).findByRole('button', { name: '查看' }));
    const viewer = await screen.findByRole('dialog', { name: /附件：来文原件\.ofd/ });
    expect(await within(viewer).findByText('OFD 文件请另存后用版式阅读器打开')).toBeVisible();
    expect(within(viewer).getAllByRole('button', { name: '另存' }).length).toBeGreaterThan(0);
  }, 60_000);

  test('a file over the limit is refused beside the box and nothing is stored', async () => {
    const o = await officeCopy();
    await send(o.db, o.admin, 'settings.save', { key: 'attachments', value: { maxFileMB: 1, maxRecordMB: 500 } });
    const { user } = await shown(o.db, 'clerk', o.open.id, o);
    await screen.findByText(/^附件（原件扫描件）（0）$/);
    const dialog = await addFile(user, pdf('大扫描件.pdf', 1_500_000));
    const item = within(dialog).getByTestId('file-drop').closest('.ant-form-item') as HTMLElement;
    await waitFor(() => expect(item).toHaveTextContent('超过单个附件上限 1 MB'));
    expect(dialog).toBeVisible();
    expect(await o.db.attachments.count()).toBe(0);
    expect(await o.db.attachmentChunks.count()).toBe(0);
  }, 60_000);

  test('移除 asks for a reason (said beside the box); then the file leaves the list, its bytes kept', async () => {
    const o = await officeCopy();
    const { user } = await shown(o.db, 'clerk', o.open.id, o);
    await screen.findByText(/^附件（原件扫描件）（0）$/);
    await addFile(user, ofd('重复扫描.ofd'));
    const row = (await within(panel()).findByText('重复扫描.ofd')).closest('tr') as HTMLElement;
    await user.click(within(row).getByRole('button', { name: '移除' }));
    const dialog = await screen.findByRole('dialog', { name: '移除附件：重复扫描.ofd' });
    await user.click(within(dialog).getByRole('button', { name: '移除' }));
    const reason = within(dialog).getByLabelText('移除理由');
    await waitFor(() => expect(reason.closest('.ant-form-item')).toHaveTextContent('请填写删除理由'));
    expect((await o.db.attachments.toArray())[0]!.removed).toBeUndefined();
    await user.type(reason, '扫描不清，已重新扫描');
    await user.click(within(dialog).getByRole('button', { name: '移除' }));
    await screen.findByText(/^附件（原件扫描件）（0）$/);
    const [meta] = await o.db.attachments.toArray();
    expect(meta!.removed?.reason).toBe('扫描不清，已重新扫描');
    expect(await o.db.attachmentChunks.count()).toBe(meta!.chunkCount);
  }, 60_000);

  test('a 机密 收文: its OFD is saved only as a numbered copy, the number voided when the save is cancelled; an outsider sees no files', async () => {
    const o = await officeCopy();
    const { user, platform, unmount } = await shown(o.db, 'clerk', o.secret.id, o);
    await screen.findByText(/^附件（原件扫描件）（0）$/);
    await addFile(user, ofd('通报原件.ofd'));
    const row = (await within(panel()).findByText('通报原件.ofd')).closest('tr') as HTMLElement;

    await user.click(within(row).getByRole('button', { name: '另存' }));
    await user.click(await confirmSave());
    await waitFor(() => expect(platform.saved).toHaveLength(1));
    expect(platform.saved[0]!.name).toBe('通报原件-份号附2026-000001.ofd');
    const audit = async () => (await o.db.auditLog.orderBy('seq').toArray()).filter((e) => e.action.includes('另存附件'));
    await waitFor(async () => expect(await audit()).toHaveLength(1));
    const first = (await audit())[0]!;
    expect(first.summary).toContain('打印份号 附2026-000001');
    expect(first.summary).toContain(`${o.secret.serial}【机密】`);
    // A classified record's file is named by its 用途 only, never by its name or the record's title.
    expect(first.summary).not.toContain('通报原件');
    expect(first.summary).not.toContain('专项工作');

    // Cancelled in the save dialog: the number it took (before the dialog) is voided, never reused.
    platform.answerNext('save', 'cancel');
    await user.click(within((await within(panel()).findByText('通报原件.ofd')).closest('tr') as HTMLElement).getByRole('button', { name: '另存' }));
    await user.click(await confirmSave());
    await waitFor(async () => expect(await audit()).toHaveLength(3));
    expect((await audit())[1]!.summary).toContain('打印份号 附2026-000002');
    expect((await audit())[2]).toMatchObject({ action: '取消另存附件' });
    expect((await audit())[2]!.summary).toContain('打印份号 附2026-000002 作废');
    expect(platform.saved).toHaveLength(1);
    unmount();

    await shown(o.db, 'outsider', o.secret.id, o);
    expect(await screen.findByTestId('attachments-forbidden')).toHaveTextContent('涉密文件：您不在知悉范围内，不能查看其附件。');
    expect(screen.queryByText('通报原件.ofd')).toBeNull();
    expect(screen.queryByRole('button', { name: '查看' })).toBeNull();
  }, 60_000);

  test('on a 督办 page the 用途 offered are the 督办 ones, 反馈材料 first; a 工作人员 reads the files but may not add or remove', async () => {
    const o = await officeCopy();
    const { user, unmount } = await renderComponent(o.db, o.clerk, <TaskDetail />, { at: `/supervision/${o.task.id}`, path: '/supervision/:id' });
    const card = (await screen.findByText(/^附件（反馈材料）（0）$/)).closest('.ant-card') as HTMLElement;
    await user.click(within(card).getByRole('button', { name: '添加附件' }));
    const dialog = await screen.findByRole('dialog', { name: '添加附件' });
    expect(within(dialog).getByTitle('反馈材料')).toBeInTheDocument();
    await user.click(within(dialog).getByLabelText('用途'));
    const options = await screen.findAllByRole('option');
    expect(options.map((x) => x.textContent)).toEqual(['反馈材料', '其他']);
    await user.click(await screen.findByTitle('其他'));
    await user.click(within(dialog).getByLabelText('用途'));
    await user.click((await screen.findAllByTitle('反馈材料')).find((el) => el.classList.contains('ant-select-item-option'))!);
    await user.upload(within(dialog).getByLabelText('选择文件'), ofd('责任单位反馈.ofd'));
    await user.click(within(dialog).getByRole('button', { name: '添加' }));
    await within(card).findByText('责任单位反馈.ofd');
    expect((await o.db.attachments.toArray())[0]).toMatchObject({ ownerKind: 'tasks', ownerId: o.task.id, role: '反馈材料' });
    unmount();

    await renderComponent(o.db, o.outsider, <TaskDetail />, { at: `/supervision/${o.task.id}`, path: '/supervision/:id' });
    const seen = (await screen.findByText(/^附件（反馈材料）（1）$/)).closest('.ant-card') as HTMLElement;
    expect(within(seen).getByText('责任单位反馈.ofd')).toBeVisible();
    expect(within(seen).queryByRole('button', { name: '添加附件' })).toBeNull();
    expect(within(seen).queryByRole('button', { name: '移除' })).toBeNull();
    expect(within(seen).getByRole('button', { name: '查看' })).toBeVisible();
  }, 60_000);
});
