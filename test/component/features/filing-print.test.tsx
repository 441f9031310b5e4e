import { configure, screen, waitFor, within } from '@testing-library/react';
import { strFromU8, unzipSync } from 'fflate';
import { Route, Routes } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import type { WenshuDB } from '../../../renderer/db/database';
import type { Actor } from '../../../renderer/db/types';
import type { Platform, PrintRequest, PrintToPdfRequest, SaveFileRequest } from '../../../renderer/platform/types';
import { finishedIncoming as finished } from '../../fixtures/filing';
import { addApprovedUser } from '../../unit/db/helpers';

// 归档 prints on screen (issue #6): three 收文 filed into two classes (CWK 定期10年, BGS 永久),
// one of them 秘密 and one corrected; from the 归档文件目录 tab each print opens as a preview
// (目录 A4 landscape with its 9 columns in catalogue order; 归档章 labels with their values; one 备考表
// per box with the 盒内文件情况说明), and 打印 / 导出PDF / 导出Excel write their audit entry once
// the output has left. The platform is replaced: it is the one seam to the OS.
// 归档 and its print route are rendered for the signed-in 秘书 (the sign-in, the menu and a
// catalogue PDF are covered by test/e2e/filing.e2e.ts); the office is seeded once and cloned per test.

const fakePlatform: Platform = {
  canMakePdf: true,
  canChooseFolder: true,
  canTellPrintCancelled: true,
  saveFile: vi.fn(async (req: SaveFileRequest) => ({ saved: true as const, path: `/tmp/${req.suggestedName}` })),
  openFile: vi.fn(async () => null),
  openFileForReading: vi.fn(async () => null),
  printToPdf: vi.fn(async (_req: PrintToPdfRequest) => ({ kind: 'saved' as const, path: '/tmp/x.pdf' })),
  print: vi.fn(async (_req: PrintRequest) => ({ kind: 'printed' as const })),
  chooseBackupFolder: vi.fn(async () => ({ chosen: false as const, reason: 'unsupported' as const })),
  backupFolder: vi.fn(async () => null),
  beginWrite: vi.fn(async () => ({ started: false as const, reason: 'noFolder' as const })),
  appendWrite: vi.fn(async () => undefined),
  finishWrite: vi.fn(async () => ({ path: '', removed: [] })),
  abortWrite: vi.fn(async () => undefined),
  auditAnchor: null,
  secrets: null,
  lan: null,
};
vi.mock('../../../renderer/platform/index', () => ({ platform: () => fakePlatform }));

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

const { completeSetup } = await import('../../../renderer/db/repositories/auth');
const { correctFiledRecord, fileRecords } = await import('../../../renderer/db/repositories/filing');
const { saveDepartment } = await import('../../../renderer/db/repositories/settings');
const { toActor } = await import('../../../renderer/db/repositories/users');
const { cloneDb, freshDb, renderComponent } = await import('../render-component');
const { FilingPage } = await import('../../../renderer/features/filing/FilingPage');
const { FilingPrintPage } = await import('../../../renderer/features/filing/FilingPrintPage');

const NOW = new Date(2026, 11, 4, 10, 0); // Friday 2026-12-04
const T_REG = new Date(2026, 10, 20, 9, 0);
const T_FILE = new Date(2026, 11, 1, 10, 0);
const T_FIX = new Date(2026, 11, 3, 10, 0);
const PASSWORD = 'Lanting#2026';

const CWK_1 = 'Z109-WS·2026-D10-CWK-0001';
const BGS_1 = 'Z109-WS·2026-Y-BGS-0001';
const BGS_2 = 'Z109-WS·2026-Y-BGS-0002';

/**
 * 全宗号 Z109; a → CWK 定期10年 (0001), b and c → BGS 永久 (0001, 0002, one box); c is 秘密;
 * b's 题名 and 页数 were corrected after filing.
 */
async function filedOffice() {
  const db = freshDb();
  const admin = toActor(await completeSetup(db, { unitName: '测试县人民政府办公室', fondsCode: 'Z109', username: 'admin', password: 'Wenshu#2026x', passwordConfirm: 'Wenshu#2026x' }, T_REG));
  const bgs = await saveDepartment(db, admin, { code: 'BGS', name: '办公室' });
  await saveDepartment(db, admin, { code: 'CWK', name: '财务科' });
  const clerk = await addApprovedUser(db, admin, { username: 'mishu', displayName: '李秘书', password: PASSWORD, roles: ['秘书'] }, T_REG);
  const host = { id: bgs.id, name: bgs.name };
  const a = await finished(db, clerk, host, { docNumber: '县财发〔2026〕11号', title: '关于预算执行的通知', writtenDate: '2026-03-02', pages: 3 });
  const b = await finished(db, clerk, host, { docNumber: '县财发〔2026〕12号', title: '关于资金清理的通知', writtenDate: '2026-03-05', pages: 4 });
  const c = await finished(db, clerk, host, {
    docNumber: '县财发〔2026〕13号',
    title: '关于专项资金的通知',
    writtenDate: '2026-03-09',
    pages: 2,
    classification: '秘密',
    copyNumber: '000003',
  });
  const rows = await fileRecords(
    db,
    clerk,
    2026,
    [
      { kind: '收文', recordId: a.id, orgCode: 'CWK', retention: '定期10年' },
      { kind: '收文', recordId: b.id, orgCode: 'BGS', retention: '永久' },
      { kind: '收文', recordId: c.id, orgCode: 'BGS', retention: '永久' },
    ],
    T_FILE,
  );
  expect(rows.map((r) => r.archiveCode)).toEqual([CWK_1, BGS_1, BGS_2]);
  await correctFiledRecord(db, clerk, rows[1]!.id, { title: '关于资金清理工作的通知', pages: 5 }, '题名漏字，页数漏计封面', T_FIX);
  return { db, clerk };
}

type Office = Awaited<ReturnType<typeof filedOffice>>;
let seeded: Office;
beforeAll(async () => {
  // Seeded on the tests' clock, as when each test seeded its own office.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  seeded = await filedOffice();
  vi.useRealTimers();
}, 60_000);

/** A copy of the seeded office: each test's prints and exports are logged in its own. */
async function officeCopy(): Promise<Office> {
  return { ...seeded, db: await cloneDb(seeded.db) };
}

/** 归档 and its prints, routed as the app shell routes them, for the 秘书 at `at`. */
function renderFiling(db: WenshuDB, clerk: Actor, at: string) {
  return renderComponent(
    db,
    clerk,
    <Routes>
      <Route path="/filing/print/:what" element={<FilingPrintPage />} />
      <Route path="/filing/*" element={<FilingPage />} />
    </Routes>,
    { at },
  );
}

/** 归档 opened from the menu, on the 归档文件目录 tab with its buttons ready. */
async function openCatalogue(db: WenshuDB, clerk: Actor) {
  const { user } = await renderFiling(db, clerk, '/filing');
  await user.click(await screen.findByRole('tab', { name: '归档文件目录' }));
  const button = await screen.findByRole('button', { name: '打印目录' });
  await waitFor(() => expect(button).toBeEnabled());
  return user;
}

/** The print document of the open preview. */
async function printRoot(): Promise<HTMLElement> {
  return waitFor(() => {
    const root = document.querySelector<HTMLElement>('.ws-print-root--preview .ws-print-sheet');
    if (!root || !root.querySelector('table, section')) throw new Error('no print preview yet');
    return root;
  });
}

/** A button of the preview's tool bar, once it is usable again (not loading). */
async function toolButton(name: string): Promise<HTMLElement> {
  return waitFor(() => {
    const toolbar = document.querySelector<HTMLElement>('.ws-print-toolbar');
    if (!toolbar) throw new Error('no print preview tool bar');
    const button = within(toolbar).getByRole('button', { name });
    expect(button).toBeEnabled();
    return button;
  });
}

async function auditActions(db: WenshuDB, action: string) {
  return (await db.auditLog.orderBy('seq').toArray()).filter((e) => e.action === action);
}

configure({ asyncUtilTimeout: 5000 });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});

afterEach(() => {
  vi.useRealTimers();
  vi.clearAllMocks();
  window.location.hash = '';
});

describe('归档 prints', () => {
  test('归档文件目录 opens as an A4 landscape preview: 9 columns in catalogue order (永久 first), watermarked for a 秘密 件; 导出PDF is logged', async () => {
    const { db, clerk } = await officeCopy();
    const user = await openCatalogue(db, clerk);
    for (const name of ['打印目录', '打印归档章', '打印备考表', '导出Excel']) expect(screen.getByRole('button', { name })).toBeEnabled();
    // The prints and the Excel export are no longer announced as missing.
    expect(screen.queryByText(/以下功能尚未提供/)).toBeNull();

    // 归档文件目录: A4 landscape, the 9 columns, the 件 by 保管期限 (永久 before 定期10年), 机构, 件号, with 日期 as YYYYMMDD.
    await user.click(screen.getByRole('button', { name: '打印目录' }));
    const sheet = await printRoot();
    expect(window.location.hash).toBe('#/filing/print/catalogue?year=2026');
    expect(sheet.closest('.ws-print-root')).toHaveAttribute('data-orientation', 'landscape');
    expect(within(sheet).getByRole('heading', { name: '归档文件目录' })).toBeInTheDocument();
    expect(sheet).toHaveTextContent('全宗名称：测试县人民政府办公室 全宗号：Z109 年度：2026');
    expect(sheet).toHaveTextContent('共 3 件 10 页');
    const table = within(sheet).getByRole('table', { name: '归档文件目录' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['序号', '档号', '文号', '责任者', '题名', '日期', '密级', '页数', '备注']);
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(rows).toEqual([
      ['1', BGS_1, '县财发〔2026〕12号', '县财政局', '关于资金清理工作的通知', '20260305', '', '5', ''],
      ['2', BGS_2, '县财发〔2026〕13号', '县财政局', '关于专项资金的通知', '20260309', '秘密', '2', ''],
      ['3', CWK_1, '县财发〔2026〕11号', '县财政局', '关于预算执行的通知', '20260302', '', '3', ''],
    ]);
    // A 秘密 件 is listed: the paper names who printed it and when.
    expect(within(sheet).getByTestId('print-watermark')).toHaveTextContent('李秘书（mishu） 2026-12-04 10:00 文枢');

    await user.click(await toolButton('导出PDF'));
    await waitFor(() => expect(fakePlatform.printToPdf).toHaveBeenCalledWith({ landscape: true, mode: 'save', suggestedName: '归档文件目录-2026.pdf' }));
    const printed = await waitFor(async () => {
      const entries = await auditActions(db, '打印归档文件目录');
      expect(entries).toHaveLength(1);
      return entries[0]!;
    });
    expect(printed).toMatchObject({ entityType: '档案', entityId: '2026' });
    expect(printed.summary).toBe('2026 年度归档文件目录，共 3 件；导出PDF；水印“李秘书（mishu） 2026-12-04 10:00 文枢”');
    expect(printed.summary).not.toContain('专项资金');

    await user.click(await toolButton('关闭'));
    expect(await screen.findByRole('tab', { name: '归档文件目录' })).toBeInTheDocument();
    // 关闭 comes back to the same 年度 and tab.
    expect(screen.getByRole('tab', { name: '归档文件目录' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByLabelText('年度')).toHaveValue('2026');
    expect(document.querySelector('.ws-print-root')).toBeNull();
  }, 120_000);

  test('归档章: one label per 件 in catalogue order, each the 2 × 3 stamp with its values; 打印 is logged', async () => {
    const { db, clerk } = await officeCopy();
    const user = await openCatalogue(db, clerk);
    await user.click(screen.getByRole('button', { name: '打印归档章' }));
    const sheet = await printRoot();
    expect(window.location.hash).toBe('#/filing/print/stamps?year=2026');
    expect(sheet.closest('.ws-print-root')).toHaveAttribute('data-orientation', 'portrait');
    const labels = within(sheet).getAllByTestId('archive-stamp');
    expect(labels).toHaveLength(3);
    const stampCells = (label: HTMLElement) => within(label).getAllByRole('cell').map((c) => c.textContent);
    expect(stampCells(labels[0]!)).toEqual(['全宗号Z109', '年度2026', '件号0001', '机构(问题)BGS', '保管期限永久', '页数5']);
    expect(stampCells(labels[1]!)).toEqual(['全宗号Z109', '年度2026', '件号0002', '机构(问题)BGS', '保管期限永久', '页数2']);
    expect(stampCells(labels[2]!)).toEqual(['全宗号Z109', '年度2026', '件号0001', '机构(问题)CWK', '保管期限定期10年', '页数3']);
    expect(labels.map((l) => within(l).getByRole('table').getAttribute('aria-label'))).toEqual([`归档章 ${BGS_1}`, `归档章 ${BGS_2}`, `归档章 ${CWK_1}`]);
    expect(within(sheet).queryByTestId('print-watermark')).toBeNull();

    await user.click(await toolButton('打印'));
    await waitFor(() => expect(fakePlatform.print).toHaveBeenCalledWith({ landscape: false }));
    await waitFor(async () => expect(await auditActions(db, '打印归档章')).toHaveLength(1));
    expect((await auditActions(db, '打印归档章'))[0]!.summary).toBe('2026 年度归档章，共 3 件；打印');
  }, 120_000);

  test('备考表: one per box in catalogue order (BGS 永久 第1盒, CWK 定期10年 第1盒), with the 情况说明, 整理人 and blank 检查人', async () => {
    const { db, clerk } = await officeCopy();
    const user = await openCatalogue(db, clerk);
    await user.click(screen.getByRole('button', { name: '打印备考表' }));
    const sheet = await printRoot();
    expect(window.location.hash).toBe('#/filing/print/boxnotes?year=2026');
    expect(sheet.closest('.ws-print-root')).toHaveAttribute('data-orientation', 'portrait');
    const notes = within(sheet).getAllByTestId('archive-box-note');
    expect(notes).toHaveLength(2);
    for (const n of notes) expect(within(n).getByRole('heading', { name: '备考表' })).toBeInTheDocument();
    expect(notes[1]).toHaveTextContent('机构(问题)CWK（财务科）');
    expect(notes[1]).toHaveTextContent('保管期限定期10年');
    expect(notes[1]).toHaveTextContent(`起止档号${CWK_1} 至 ${CWK_1}`);
    expect(notes[1]).toHaveTextContent('盒内文件情况说明本盒共 1 件 3 页。更正情况：无。');
    expect(notes[0]).toHaveTextContent('机构(问题)BGS（办公室）');
    expect(notes[0]).toHaveTextContent('起止件号0001—0002');
    expect(notes[0]).toHaveTextContent('件数2页数7');
    expect(notes[0]).toHaveTextContent('本盒共 2 件 7 页。');
    expect(notes[0]).toHaveTextContent(
      `${BGS_1}：题名由“关于资金清理的通知”更正为“关于资金清理工作的通知”；页数由 4 更正为 5（2026年12月3日 李秘书，理由：题名漏字，页数漏计封面）。`,
    );
    for (const n of notes) {
      expect(n).toHaveTextContent('整理人：李秘书');
      expect(n).toHaveTextContent('整理日期：2026年12月1日');
      expect(n).toHaveTextContent('检查人：');
    }
    // The correction is of a non-classified 件: no watermark.
    expect(within(sheet).queryByTestId('print-watermark')).toBeNull();

    // A cancelled save is not an output: nothing logged.
    vi.mocked(fakePlatform.printToPdf).mockResolvedValueOnce({ kind: 'cancelled' });
    await user.click(await toolButton('导出PDF'));
    await waitFor(() => expect(fakePlatform.printToPdf).toHaveBeenCalledTimes(1));
    expect(await auditActions(db, '打印备考表')).toHaveLength(0);
    await user.click(await toolButton('导出PDF'));
    await waitFor(async () => expect(await auditActions(db, '打印备考表')).toHaveLength(1));
    expect((await auditActions(db, '打印备考表'))[0]!.summary).toBe('2026 年度备考表，共 3 件；导出PDF；2 盒');
  }, 120_000);

  test('导出Excel saves 归档文件目录-<年度>.xlsx and logs it only when saved; the buttons are off for a year without 件', async () => {
    const { db, clerk } = await officeCopy();
    const user = await openCatalogue(db, clerk);

    vi.mocked(fakePlatform.saveFile).mockResolvedValueOnce({ saved: false });
    await user.click(screen.getByRole('button', { name: '导出Excel' }));
    await waitFor(() => expect(fakePlatform.saveFile).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(screen.getByRole('button', { name: '导出Excel' })).toBeEnabled());
    expect(await auditActions(db, '导出归档文件目录')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: '导出Excel' }));
    await waitFor(async () => expect(await auditActions(db, '导出归档文件目录')).toHaveLength(1));
    const req = vi.mocked(fakePlatform.saveFile).mock.calls[1]![0];
    expect(req.suggestedName).toBe('归档文件目录-2026.xlsx');
    expect(req.filters).toEqual([{ name: 'Excel 工作簿', extensions: ['xlsx'] }]);
    expect([...req.data.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const logged = (await auditActions(db, '导出归档文件目录'))[0]!;
    // A 秘密 件 is in the catalogue: the file says so with who exported it and when, and the log keeps that mark.
    expect(logged).toMatchObject({ entityType: '档案', entityId: '2026', summary: '2026 年度归档文件目录，共 3 件；文件：归档文件目录-2026.xlsx；水印“李秘书（mishu） 2026-12-04 10:00 文枢”' });
    const xml = Object.entries(unzipSync(req.data)).map(([, b]) => strFromU8(b)).join('');
    expect(xml).toContain('含涉密内容 · 李秘书（mishu） 2026-12-04 10:00 文枢');
    expect(await screen.findByText('已导出归档文件目录')).toBeInTheDocument();

    // 2025 has no 件: nothing to print or export.
    const year = screen.getByLabelText('年度');
    await user.clear(year);
    await user.type(year, '2025');
    await waitFor(() => expect(screen.getByText('2025 年度共 0 件')).toBeInTheDocument());
    for (const name of ['打印目录', '打印归档章', '打印备考表', '导出Excel']) expect(screen.getByRole('button', { name })).toBeDisabled();
  }, 120_000);

  test('the print route of a year without 件 says so instead of printing an empty sheet', async () => {
    const { db, clerk } = await officeCopy();
    await renderFiling(db, clerk, '/filing');
    window.location.hash = '#/filing/print/catalogue?year=2025';
    expect(await screen.findByText('2025 年度尚无归档文件')).toBeInTheDocument();
    window.location.hash = '#/filing/print/other?year=2026';
    expect(await screen.findByText('没有这种打印内容')).toBeInTheDocument();
  }, 120_000);
});
