import { configure, screen, waitFor, within } from '@testing-library/react';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { WenshuDB } from '../../../renderer/db/database';
import type { Actor } from '../../../renderer/db/types';
import type { Platform, PrintRequest, PrintToPdfRequest, SaveFileRequest } from '../../../renderer/platform/types';
import type { FlowFigures, FlowQuery, FlowReport } from '../../../shared/domain/flow-stats-types';
import { addApprovedUser } from '../../unit/db/helpers';

// The 运转时效 page on screen (issue #17): what the office picks (register, 月/季/年/自定义, grouping,
// the period compared with) becomes the query the data layer answers, and what it answers is shown:
// the headline figures, each stage, "本期 6.6 个工作日，上年同期 27.0", the groups slowest first, the
// 10 longest and the 在办 list; a bad custom date is refused beside the field and asks nothing;
// 导出Excel writes the figures and logs the export with its period and register. The data layer
// itself (the figures from records) is tested apart and end to end in test/e2e/flow.e2e.ts: here it
// is replaced by one that answers per period, so the page's own work is what is checked.

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

const queries: FlowQuery[] = [];

function figures(over: Partial<FlowFigures>): FlowFigures {
  return {
    finished: 0,
    average: null,
    median: null,
    stages: [],
    withDeadline: 0,
    onTime: 0,
    onTimeRate: null,
    overdue: 0,
    longest: [],
    open: 0,
    openItems: [],
    ...over,
  };
}

/** 2026: 8 办结, 6.6 days on average; 2025: 27.0. Any other period: nothing. */
function answer(q: FlowQuery): FlowReport {
  const thisYear = q.start.startsWith('2026');
  const total = thisYear
    ? figures({
        finished: 8,
        average: 6.625,
        median: 5.5,
        stages: [
          { key: 'a', label: '登记→拟办', count: 8, average: 1.25, median: 1 },
          { key: 'b', label: '拟办→批示', count: 8, average: 2, median: 2 },
        ],
        withDeadline: 8,
        onTime: 7,
        onTimeRate: 0.875,
        overdue: 2,
        longest: [{ id: 'r1', number: '收〔2026〕0007', title: '关于冬季防火的通知', workdays: 21, dueDate: '2026-03-20', group: '财政科', late: true }],
        open: 1,
        openItems: [{ id: 'r9', number: '收〔2026〕0009', title: '【涉密】', workdays: 4, group: '教育科', late: false }],
      })
    : figures({ finished: 3, average: 27, median: 27 });
  return {
    query: q,
    asOf: '2026-12-04',
    total,
    groups: thisYear && q.groupBy ? [{ dimension: q.groupBy, key: 'cz', label: '财政科', figures: total }] : [],
    trend: thisYear ? [{ month: '2026-03', finished: 8, average: 6.6, onTimeRate: 0.875 }] : [],
    tookMs: 1,
  };
}

vi.mock('../../../renderer/db/repositories/flow-stats', () => ({
  flowReport: vi.fn(async (_db: unknown, _actor: unknown, q: FlowQuery) => {
    queries.push(q);
    return answer(q);
  }),
}));

const { completeSetup } = await import('../../../renderer/db/repositories/auth');
const { toActor } = await import('../../../renderer/db/repositories/users');
const { freshDb, renderComponent } = await import('../render-component');
const { FlowPage } = await import('../../../renderer/features/flow/FlowPage');
const { chooseOption } = await import('../antd-select');

const NOW = new Date(2026, 11, 4, 10, 0); // Friday 2026-12-04

async function office(): Promise<{ db: WenshuDB; clerk: Actor }> {
  const db = freshDb();
  const admin = toActor(await completeSetup(db, { unitName: '测试县人民政府办公室', fondsCode: 'Z109', username: 'admin', password: 'Wenshu#2026x', passwordConfirm: 'Wenshu#2026x' }, NOW));
  const clerk = await addApprovedUser(db, admin, { username: 'mishu', displayName: '李秘书', password: 'Lanting#2026', roles: ['秘书'] }, NOW);
  return { db, clerk };
}

beforeEach(() => {
  configure({ asyncUtilTimeout: 10_000 });
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  queries.length = 0;
});
afterEach(() => {
  vi.useRealTimers();
  vi.clearAllMocks();
});

async function open(at = '/flow') {
  const o = await office();
  const { user } = await renderComponent(o.db, o.clerk, <FlowPage />, { at, path: '/flow/*' });
  await screen.findByText('运转时效分析', { selector: '.ant-card-head-title' });
  return { ...o, user };
}

describe('运转时效 page', () => {
  test('this year by default: the headline figures, each stage, the comparison with 上年同期, groups, the longest and 在办', async () => {
    const { user } = await open();
    const figuresGroup = await screen.findByRole('group', { name: '主要指标' });
    await waitFor(() => expect(figuresGroup.textContent).toContain('6.6'));
    const text = figuresGroup.textContent!;
    expect(text).toMatch(/办结件数8件/);
    expect(text).toMatch(/平均用时6\.6个工作日/);
    expect(text).toMatch(/中位用时5\.5个工作日/);
    expect(text).toMatch(/按期办结率87\.5%/);
    expect(text).toMatch(/超期件数2件/);
    expect(text).toMatch(/在办1件/);
    // The year and the same year before, grouped by 承办单位 (the default for 收文).
    expect(queries).toContainEqual({ register: 'incoming', start: '2026-01-01', end: '2026-12-31', groupBy: '承办单位' });
    expect(queries).toContainEqual({ register: 'incoming', start: '2025-01-01', end: '2025-12-31' });
    await waitFor(() => expect(screen.getByRole('note', { name: '两期对比' }).textContent).toContain('本期 6.6 个工作日，上年同期 27.0'));
    expect(screen.getByRole('note', { name: '两期对比' }).textContent).toContain('缩短 20.4 个工作日');
    const stages = screen.getByRole('table', { name: '各环节用时' });
    expect(within(stages).getByRole('row', { name: /登记→拟办 8 1\.3 1\.0/ })).toBeTruthy();
    expect(within(screen.getByRole('table', { name: '各承办单位运转时效' })).getByText('财政科')).toBeTruthy();
    expect(within(screen.getByRole('table', { name: '用时最长的10件' })).getByText('收〔2026〕0007')).toBeTruthy();
    expect(await screen.findByRole('img', { name: '月度趋势图' })).toBeTruthy();
    // 在办: as the data layer masks it.
    await user.click(screen.getByRole('tab', { name: '在办（1）' }));
    const openTable = await screen.findByRole('table', { name: '在办' });
    expect(within(openTable).getByText('收〔2026〕0009')).toBeTruthy();
    expect(within(openTable).getByText('【涉密】')).toBeTruthy();
  });

  test('a quarter, a month, 上一期, 发文 and a custom range each ask for their own dates', async () => {
    const { user } = await open();
    await screen.findByRole('group', { name: '主要指标' });
    await user.click(screen.getByRole('radio', { name: '季' }));
    await chooseOption(user, '季度', '第四季度');
    await waitFor(() => expect(queries).toContainEqual({ register: 'incoming', start: '2026-10-01', end: '2026-12-31', groupBy: '承办单位' }));
    expect(queries).toContainEqual({ register: 'incoming', start: '2025-10-01', end: '2025-12-31' });
    await user.click(screen.getByRole('radio', { name: '月' }));
    await chooseOption(user, '月份', '2月');
    await waitFor(() => expect(queries).toContainEqual({ register: 'incoming', start: '2026-02-01', end: '2026-02-28', groupBy: '承办单位' }));
    await chooseOption(user, '对比', '上一期');
    await waitFor(() => expect(queries).toContainEqual({ register: 'incoming', start: '2026-01-01', end: '2026-01-31' }));
    await chooseOption(user, '分组', '来文单位');
    await waitFor(() => expect(queries).toContainEqual({ register: 'incoming', start: '2026-02-01', end: '2026-02-28', groupBy: '来文单位' }));
    await user.click(screen.getByRole('radio', { name: '发文' }));
    await waitFor(() => expect(queries).toContainEqual({ register: 'outgoing', start: '2026-02-01', end: '2026-02-28', groupBy: '文种' }));

    await user.click(screen.getByRole('radio', { name: '自定义' }));
    const from = screen.getByLabelText('自');
    const to = screen.getByLabelText('至');
    const asked = queries.length;
    await user.clear(to);
    await user.type(to, '2026-13-01');
    expect(await screen.findByText('请输入有效日期，如 2026-12-31')).toBeTruthy();
    await user.clear(from);
    await user.type(from, '2026-03-05');
    await user.clear(to);
    await user.type(to, '2026-03-01');
    expect(await screen.findByText('结束日期不能早于开始日期')).toBeTruthy();
    // Nothing was asked for a range that is not one.
    expect(queries.slice(asked).some((q) => q.start === '2026-03-05')).toBe(false);
    await user.clear(to);
    await user.type(to, '2026-03-31');
    await waitFor(() => expect(queries).toContainEqual({ register: 'outgoing', start: '2026-03-05', end: '2026-03-31', groupBy: '文种' }));
  });

  test('导出Excel writes the figures of both periods and logs the export with its period and register', async () => {
    const { db, user } = await open();
    await screen.findByRole('group', { name: '主要指标' });
    await waitFor(() => expect(screen.getByRole('button', { name: '导出Excel' })).toBeEnabled());
    await user.click(screen.getByRole('button', { name: '导出Excel' }));
    await waitFor(() => expect(fakePlatform.saveFile).toHaveBeenCalledTimes(1));
    const req = vi.mocked(fakePlatform.saveFile).mock.calls[0]![0];
    expect(req.suggestedName).toBe('运转时效分析-收文-2026-01-01至2026-12-31.xlsx');
    const files = unzipSync(req.data as Uint8Array);
    const shared = strFromU8(files['xl/sharedStrings.xml']!);
    expect(shared).toContain('本期 6.6 个工作日，上年同期 27.0');
    expect(shared).toContain('登记→拟办');
    const sheet1 = strFromU8(files['xl/worksheets/sheet1.xml']!);
    // 平均用时 of both periods as numbers.
    expect(sheet1).toContain('<v>6.6</v>');
    expect(sheet1).toContain('<v>27</v>');
    await waitFor(async () => expect((await db.auditLog.toArray()).filter((e) => e.action === '导出运转时效分析')).toHaveLength(1));
    const entry = (await db.auditLog.toArray()).find((e) => e.action === '导出运转时效分析')!;
    expect(entry.summary).toContain('收文运转时效分析，统计期间 2026-01-01 至 2026-12-31');
  });

  test('打印 from the page previews the A4 sheet of the same period; 导出PDF is logged with its period and register', async () => {
    const { db, user } = await open('/flow?r=incoming&p=%E5%AD%A3&d=2026-10-01&g=%E6%89%BF%E5%8A%9E%E5%8D%95%E4%BD%8D&c=%E4%B8%8A%E5%B9%B4%E5%90%8C%E6%9C%9F');
    await screen.findByRole('group', { name: '主要指标' });
    await waitFor(() => expect(screen.getByRole('button', { name: '打印' })).toBeEnabled());
    await user.click(screen.getByRole('button', { name: '打印' }));
    const summary = await screen.findByTestId('flow-summary', {}, { timeout: 15_000 });
    expect(summary.textContent).toContain('2026年第四季度收文办结8件，平均用时6.6个工作日，中位数5.5个工作日；按期办结率87.5%');
    expect(summary.textContent).toContain('本期 6.6 个工作日，上年同期 27.0');
    // The figures of both periods side by side.
    const main = screen.getByRole('table', { name: '主要指标' });
    expect(within(main).getByRole('row', { name: /平均用时（工作日） 6\.6 27\.0/ })).toBeTruthy();
    const toolbar = await waitFor(() => {
      const el = document.querySelector<HTMLElement>('.ws-print-toolbar');
      if (!el) throw new Error('no print preview tool bar');
      return el;
    });
    await waitFor(() => expect(within(toolbar).getByRole('button', { name: '导出PDF' })).toBeEnabled());
    await user.click(within(toolbar).getByRole('button', { name: '导出PDF' }));
    await waitFor(() => expect(fakePlatform.printToPdf).toHaveBeenCalledTimes(1));
    expect(vi.mocked(fakePlatform.printToPdf).mock.calls[0]![0].suggestedName).toBe('运转时效分析-收文-2026-10-01至2026-12-31.pdf');
    const entry = await waitFor(async () => {
      const entries = (await db.auditLog.toArray()).filter((e) => e.action === '打印运转时效分析');
      expect(entries).toHaveLength(1);
      return entries[0]!;
    });
    expect(entry.summary).toBe('收文运转时效分析，统计期间 2026-10-01 至 2026-12-31；导出PDF；文件：x.pdf');
  });
});
