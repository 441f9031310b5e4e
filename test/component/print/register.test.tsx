import { configure, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { DEFAULT_REGISTER_COLUMNS } from '@shared/domain/incoming-register';
import { PermissionError } from '@shared/domain/permissions';
import { send } from '../../../renderer/db/commands/client';
import type { WenshuDB } from '../../../renderer/db/database';
import { completeSetup } from '../../../renderer/db/repositories/auth';
import { registerIncoming } from '../../../renderer/db/repositories/incoming';
import { getSetting } from '../../../renderer/db/repositories/settings';
import { toActor } from '../../../renderer/db/repositories/users';
import type { Actor } from '../../../renderer/db/types';
import { RegisterPrintPage } from '../../../renderer/features/incoming/RegisterPrintPage';
import { PlatformProvider } from '../../../renderer/platform/context';
import { createTestingPlatform } from '../../../renderer/platform/testing';
import { IncomingRegisterSheet } from '../../../renderer/print/index';
import { baseRegistration } from '../../fixtures/filing';
import { addApprovedUser } from '../../unit/db/helpers';
import { freshDb, renderComponent, seededOnce } from '../render-component';
import { registerRows } from './fixtures';

configure({ asyncUtilTimeout: 5000 });

// The default set (issue #15 added 文种, 份数, 页数 and 签收人), in the register's order.
const COLUMNS = ['序号', '收文编号', '收文日期', '来文单位', '来文字号', '标题', '文种', '密级', '份数', '页数', '紧急程度', '签收人', '承办单位', '办理时限', '状态'];

function sheet(): HTMLElement {
  const root = document.body.querySelector<HTMLElement>(':scope > .ws-print-root');
  if (!root) throw new Error('no print root under <body>');
  return root;
}

describe('收文登记簿', () => {
  test('A4 landscape, title and filter line, one header row in a <thead> (repeated per printed page)', () => {
    render(<IncomingRegisterSheet rows={registerRows(3)} title="某单位 2026年 收文登记簿" filterText="年度：2026 状态：承办中" />);
    const root = sheet();
    expect(root.dataset.orientation).toBe('landscape');
    expect(within(root).getByRole('heading', { level: 1 })).toHaveTextContent('某单位 2026年 收文登记簿');
    expect(root).toHaveTextContent('年度：2026 状态：承办中');
    expect(root).toHaveTextContent('共 3 件');
    const table = within(root).getByRole('table');
    const thead = table.querySelector('thead')!;
    expect([...thead.querySelectorAll('th')].map((th) => th.textContent)).toEqual(COLUMNS);
    expect(table.querySelectorAll('tbody tr')).toHaveLength(3);
    expect(table.querySelectorAll('col')).toHaveLength(COLUMNS.length);
  });

  test('a row prints every column; 序号 counts from 1', () => {
    render(<IncomingRegisterSheet rows={registerRows(3)} title="登记簿" />);
    const cells = [...sheet().querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(cells[0]).toEqual(['1', '收〔2026〕0001', '2026-11-23', '来文单位1', '某发〔2026〕1号', '标题文字1', '通知', '非密', '2', '3', '特急', '张秘书', '办公室', '2026-11-26', '承办中']);
    expect(cells[2]![0]).toBe('3');
  });

  test('a masked row shows 【涉密】, blank 来文单位/来文字号, and its hidden text is nowhere in the page', () => {
    render(<IncomingRegisterSheet rows={registerRows(3)} title="登记簿" />);
    const row = [...sheet().querySelectorAll('tbody tr')][1]!;
    // Also blank: every column maskIncoming drops (文种, 页数, 签收人, 承办单位); 密级 without its 保密期限.
    expect([...row.querySelectorAll('td')].map((td) => td.textContent)).toEqual([
      '2',
      '收〔2026〕0002',
      '2026-11-23',
      '',
      '',
      '【涉密】',
      '',
      '机密',
      '2',
      '',
      '普通',
      '',
      '',
      '',
      '承办中',
    ]);
    expect(document.body.textContent).not.toContain('标题文字2');
    expect(document.body.textContent).not.toContain('来文单位2');
    expect(document.body.textContent).not.toContain('某发〔2026〕2号');
  });

  test('an empty list says so', () => {
    render(<IncomingRegisterSheet rows={[]} title="登记簿" />);
    expect(sheet()).toHaveTextContent('无符合条件的收文');
    expect(sheet()).toHaveTextContent('共 0 件');
  });

  test('the print stylesheet keeps rows whole and names the landscape A4 page with "— N —" numbers', () => {
    render(<IncomingRegisterSheet rows={registerRows(1)} title="登记簿" watermark="张三 2026-11-23 10:31 文枢" />);
    const css = sheet().querySelector('style')!.textContent!;
    expect(css).toMatch(/\.ws-register-table tr \{ break-inside: avoid;/);
    expect(css).toMatch(/@page ws-a4-landscape \{\s*size: A4 landscape;/);
    expect(css).toContain('content: "— " counter(page) " —"');
    expect(css).toMatch(/\.ws-print-root--landscape \{ page: ws-a4-landscape; \}/);
    expect(sheet().querySelector('.ws-print-watermark')).toHaveTextContent('张三 2026-11-23 10:31 文枢');
  });
});

// --- 打印列: the column chooser on the print page --------------------------------------------------

const NOW = new Date(2026, 11, 1, 10, 0);
const T_REG = new Date(2026, 10, 20, 9, 0);

async function office() {
  const db = freshDb();
  const admin = toActor(await completeSetup(db, { unitName: '测试县人民政府办公室', fondsCode: 'Z109', username: 'admin', password: 'Wenshu#2026x', passwordConfirm: 'Wenshu#2026x' }, T_REG));
  const clerk = await addApprovedUser(db, admin, { username: 'mishu', displayName: '李秘书', password: 'Lanting#2026', roles: ['秘书'] }, T_REG);
  const reader = await addApprovedUser(db, admin, { username: 'keyuan', displayName: '王科员', password: 'Lanting#2027', roles: ['工作人员'] }, T_REG);
  await registerIncoming(db, clerk, { ...baseRegistration, copyNumber: '000003', writtenDate: '2026-11-18' }, {}, T_REG);
  return { db, admin, clerk, reader };
}

const officeCopy = seededOnce(office, NOW);

function printPage(db: WenshuDB, actor: Actor) {
  return renderComponent(
    db,
    actor,
    <PlatformProvider platform={createTestingPlatform()}>
      <RegisterPrintPage />
    </PlatformProvider>,
    { at: '/incoming/print-register', path: '/incoming/print-register' },
  );
}

async function headers(): Promise<string[]> {
  const table = await waitFor(() => {
    const t = sheet().querySelector('table');
    if (!t) throw new Error('no table yet');
    return t;
  });
  return [...table.querySelectorAll('thead th')].map((th) => th.textContent ?? '');
}

const box = (label: string) => within(screen.getByRole('group', { name: '打印的列' })).getByRole('checkbox', { name: label });

describe('收文登记簿 打印列', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
    window.location.hash = '';
  });

  test('the 秘书 picks columns (the preview follows), saves them as the office default; opened again, the same set', async () => {
    const { db, clerk } = await officeCopy();
    const first = await printPage(db, clerk);
    await waitFor(async () => expect(await headers()).toEqual(COLUMNS));
    await first.user.click(screen.getByRole('button', { name: '打印列' }));
    expect(box('收文编号')).toBeDisabled();
    await first.user.click(box('签收人'));
    await first.user.click(box('份号'));
    await first.user.click(box('成文日期'));
    const chosen = ['序号', '收文编号', '收文日期', '来文单位', '来文字号', '标题', '文种', '密级', '份号', '份数', '页数', '紧急程度', '成文日期', '承办单位', '办理时限', '状态'];
    // Live: the preview shows the new columns in the register's order, with this record's values.
    await waitFor(async () => expect(await headers()).toEqual(chosen));
    expect([...sheet().querySelectorAll('tbody td')].map((td) => td.textContent)).toEqual(
      ['1', '收〔2026〕0001', '2026-11-20', '县财政局', '县财发〔2026〕1号', '关于做好年终财务决算工作的通知', '通知', '非密', '000003', '1', '3', '普通', '2026-11-18', '', '', '已登记'],
    );
    await first.user.click(screen.getByRole('button', { name: '保存为本单位默认' }));
    await screen.findByText('当前为本单位默认的列');
    expect((await getSetting(db, 'incomingRegister')).columns).toEqual(['index', 'serial', 'receivedDate', 'fromUnit', 'docNumber', 'title', 'docType', 'classification', 'copyNumber', 'copies', 'pages', 'urgency', 'writtenDate', 'hostDept', 'dueDate', 'state']);
    const audit = await db.auditLog.where('action').equals('修改收文登记簿打印列').toArray();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toBe(`收文登记簿打印列：${chosen.join('、')}`);
    first.unmount();

    // Opened again (another day, another print): the office's set.
    await printPage(db, clerk);
    await waitFor(async () => expect(await headers()).toEqual(chosen));
  }, 60_000);

  test('a 工作人员 may choose columns for one print but not save them: no button, and the command refuses', async () => {
    const { db, reader } = await officeCopy();
    const { user } = await printPage(db, reader);
    await waitFor(async () => expect(await headers()).toEqual(COLUMNS));
    await user.click(screen.getByRole('button', { name: '打印列' }));
    await user.click(box('签收人'));
    await waitFor(async () => expect(await headers()).toEqual(COLUMNS.filter((c) => c !== '签收人')));
    expect(screen.queryByRole('button', { name: '保存为本单位默认' })).toBeNull();
    expect(screen.getByText('本单位默认的列由秘书设定')).toBeInTheDocument();
    await expect(send(db, reader, 'settings.save', { key: 'incomingRegister', value: { columns: ['serial', 'title'] } })).rejects.toThrow(PermissionError);
    expect((await getSetting(db, 'incomingRegister')).columns).toEqual(DEFAULT_REGISTER_COLUMNS);
  }, 60_000);

  test('columns too wide for the page even at 小五: said beside the chooser, no table, 打印 and 导出PDF disabled', async () => {
    const { db, admin, clerk } = await officeCopy();
    // A long 收文编号 pattern (up to 40 characters) makes the 收文编号 column wide.
    await send(db, admin, 'settings.save', { key: 'numbering', value: { incomingPattern: '某某县人民政府办公室机要科收文登记〔YYYY〕第NNNNNN号' } });
    await registerIncoming(db, clerk, { ...baseRegistration, docNumber: '县财发〔2026〕2号' }, {}, NOW);
    const { user } = await printPage(db, clerk);
    await headers();
    await user.click(screen.getByRole('button', { name: '打印列' }));
    for (const label of ['份号', '成文日期', '办件/阅件', '办结日期']) await user.click(box(label));
    const alert = await screen.findAllByText(/所选的列在 A4 横向页面上放不下：即使用小五号字也宽出约 \d+ 毫米/);
    expect(alert.length).toBeGreaterThan(0);
    expect(sheet().querySelector('table')).toBeNull();
    expect(screen.getByRole('button', { name: '打印' })).toBeDisabled();
    expect(screen.getByRole('button', { name: '导出PDF' })).toBeDisabled();
    expect(screen.getByRole('button', { name: '保存为本单位默认' })).toBeDisabled();
    // One column fewer... or several: back to a set that fits, the table returns.
    for (const label of ['份号', '成文日期', '办件/阅件', '办结日期', '来文字号', '签收人']) await user.click(box(label));
    await waitFor(() => expect(sheet().querySelector('table')).not.toBeNull());
    expect(screen.getByRole('button', { name: '打印' })).toBeEnabled();
  }, 60_000);
});
