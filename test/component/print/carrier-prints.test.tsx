import { render, within } from '@testing-library/react';
import jsQR from 'jsqr';
import { describe, expect, test } from 'vitest';
import {
  CarrierHandoverForm,
  CarrierLabels,
  CarrierLoanSheet,
  CarrierRegisterSheet,
  DestructionList,
  InventoryReport,
  QR_QUIET_ZONE,
  qrModules,
} from '../../../renderer/print/index';
import {
  PRINT_COPY,
  UNIT,
  WATERMARK,
  carrier,
  cleanInventorySession,
  destroyedCarriers,
  handedOverCarrier,
  inventorySession,
  loanCarriers,
  registerCarriers,
} from './carrier-fixtures';

function printRoot(): HTMLElement {
  const root = document.body.querySelector<HTMLElement>(':scope > .ws-print-root');
  if (!root) throw new Error('no print root under <body>');
  return root;
}

/** The column headers of `table`, from its <thead> (the row Chromium repeats on every page). */
function headers(table: HTMLElement): string[] {
  const thead = table.querySelector('thead');
  if (!thead) throw new Error('table without <thead>');
  return [...thead.querySelectorAll('th')].map((th) => th.textContent ?? '');
}

function bodyRows(table: HTMLElement): string[][] {
  return [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''));
}

/** What the page shows for an instant: local 'YYYY-MM-DD HH:mm', worked out here independently. */
function localTime(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Every print carries its own 份号 on the first page, above the heading, and the watermark when given. */
function expectCopyNumberAndWatermark(root: HTMLElement) {
  const copyNo = root.querySelector('.ws-carrier-copyno');
  expect(copyNo).toHaveTextContent(`打印份号：${PRINT_COPY}`);
  const heading = within(root).getByRole('heading', { level: 1 });
  // Before the heading in document order: the top of the first page.
  expect(copyNo!.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  expect(root.querySelector('.ws-print-watermark')).toHaveTextContent(WATERMARK);
}

describe('涉密载体登记表', () => {
  const COLUMNS = ['序号', '编号', '登记日期', '名称', '来文字号', '载体类型', '密级', '份号', '数量/页数', '来源', '保管人', '存放位置', '状态', '备注'];

  test('A4 landscape, heading, filter line and count, the 打印份号 and watermark, exact columns', () => {
    render(<CarrierRegisterSheet carriers={registerCarriers()} unitName={UNIT} filterText="状态：全部 保管人：全部" printCopyNumber={PRINT_COPY} watermark={WATERMARK} />);
    const root = printRoot();
    expect(root.dataset.orientation).toBe('landscape');
    expect(within(root).getByRole('heading', { level: 1 })).toHaveTextContent(`${UNIT}涉密载体登记表`);
    expect(root).toHaveTextContent('状态：全部 保管人：全部');
    expect(root).toHaveTextContent('共 5 件');
    expectCopyNumberAndWatermark(root);
    const table = within(root).getByRole('table');
    expect(headers(table)).toEqual(COLUMNS);
    expect(table.querySelectorAll('col')).toHaveLength(COLUMNS.length);
    expect(table.querySelectorAll('tbody tr')).toHaveLength(5);
  });

  test('a row prints every column; an earlier 密级 is struck through before the current one', () => {
    render(<CarrierRegisterSheet carriers={registerCarriers()} unitName={UNIT} printCopyNumber={PRINT_COPY} />);
    const table = within(printRoot()).getByRole('table');
    const rows = bodyRows(table);
    expect(rows[0]).toEqual([
      '1',
      '载〔2026〕0001',
      '2026-01-05',
      '某某工程设计方案第1册',
      '某政发〔2026〕1号',
      '纸质文件',
      '绝密★30年 机密★20年',
      '000001',
      '1件/12页',
      '收文 收〔2026〕0001',
      '张三',
      '机要室保密柜',
      '在库',
      '',
    ]);
    const markCell = table.querySelectorAll('tbody tr')[0]!.querySelectorAll('td')[6]!;
    const struck = [...markCell.querySelectorAll('s')].map((s) => s.textContent);
    expect(struck).toEqual(['绝密★30年']);
    // The marking in force is not struck, and comes after the old one.
    expect(markCell.textContent!.indexOf('机密★20年', 1)).toBeGreaterThan(markCell.textContent!.indexOf('绝密★30年'));
    expect(markCell.querySelector('s')!.textContent).not.toContain('机密★20年');
    // A carrier never re-marked has nothing struck.
    expect(table.querySelectorAll('tbody tr')[2]!.querySelectorAll('s')).toHaveLength(0);
  });

  test('数量/页数, 来源 and 备注 for a loan, a destruction, a 清退 and a copy', () => {
    render(<CarrierRegisterSheet carriers={registerCarriers()} unitName={UNIT} printCopyNumber={PRINT_COPY} />);
    const rows = bodyRows(within(printRoot()).getByRole('table'));
    expect(rows[1]).toEqual(['2', '载〔2026〕0002', '2026-01-05', '某某工程设计方案第2册', '', '光盘', '秘密★10年', '000002', '2件', '自制（办公室）', '李四', '档案室2号柜', '借出', '借给赵六，应还2026-11-30']);
    expect(rows[2]![12]).toBe('已销毁');
    expect(rows[2]![13]).toBe('2026-11-20 销毁');
    expect(rows[3]![13]).toBe('清退至某某省保密局');
    expect(rows[4]![13]).toBe('复制件');
  });

  test('no watermark unless given; an empty list says so', () => {
    render(<CarrierRegisterSheet carriers={[]} unitName={UNIT} printCopyNumber={PRINT_COPY} />);
    expect(printRoot().querySelector('.ws-print-watermark')).toBeNull();
    expect(printRoot()).toHaveTextContent('无符合条件的涉密载体');
    expect(printRoot()).toHaveTextContent('共 0 件');
  });

  test('the stylesheet keeps rows whole and repeats the header row on every page', () => {
    render(<CarrierRegisterSheet carriers={registerCarriers()} unitName={UNIT} printCopyNumber={PRINT_COPY} />);
    const css = printRoot().querySelector('style')!.textContent!;
    expect(css).toMatch(/\.ws-register-table tr \{ break-inside: avoid;/);
    expect(css).toMatch(/\.ws-register-table thead \{ display: table-header-group; \}/);
    expect(css).toMatch(/\.ws-carrier-copyno \{ text-align: right;/);
    expect(within(printRoot()).getByRole('table')).toHaveClass('ws-register-table');
  });
});

describe('涉密载体借阅登记表', () => {
  const COLUMNS = ['序号', '编号', '名称', '密级', '份号', '借阅人', '借阅事由', '批准人', '借出时间', '应还日期', '归还时间', '借阅人签字', '归还签收'];

  test('A4 landscape, heading, 打印份号, watermark, exact columns', () => {
    render(<CarrierLoanSheet carriers={loanCarriers()} unitName={UNIT} printCopyNumber={PRINT_COPY} watermark={WATERMARK} />);
    const root = printRoot();
    expect(root.dataset.orientation).toBe('landscape');
    expect(within(root).getByRole('heading', { level: 1 })).toHaveTextContent(`${UNIT}涉密载体借阅登记表`);
    expectCopyNumberAndWatermark(root);
    const table = within(root).getByRole('table');
    expect(headers(table)).toEqual(COLUMNS);
    expect(table.querySelectorAll('col')).toHaveLength(COLUMNS.length);
  });

  test('one row per loan, finished and current, in the order lent across carriers', () => {
    render(<CarrierLoanSheet carriers={loanCarriers()} unitName={UNIT} printCopyNumber={PRINT_COPY} />);
    const rows = bodyRows(within(printRoot()).getByRole('table'));
    // 10-01 (c1), 10-10 (c2), 10-20 (c1), 11-01 (c2, still out); c3 was never lent.
    expect(rows.map((r) => [r[0], r[1], r[5], r[8]])).toEqual([
      ['1', '载〔2026〕0001', '李四', localTime('2026-10-01T12:00:00.000Z')],
      ['2', '载〔2026〕0002', '李四', localTime('2026-10-10T12:00:00.000Z')],
      ['3', '载〔2026〕0001', '张三', localTime('2026-10-20T12:00:00.000Z')],
      ['4', '载〔2026〕0002', '赵六', localTime('2026-11-01T12:00:00.000Z')],
    ]);
    expect(rows[0]).toEqual([
      '1',
      '载〔2026〕0001',
      '某某工程设计方案第1册',
      '机密★20年',
      '000001',
      '李四',
      '起草年度工作总结',
      '王五',
      localTime('2026-10-01T12:00:00.000Z'),
      '2026-10-08',
      localTime('2026-10-07T12:00:00.000Z'),
      '',
      '',
    ]);
  });

  test('a loan outside the 知悉范围 names who approved it; one still out has no return time; signature cells are blank', () => {
    render(<CarrierLoanSheet carriers={loanCarriers()} unitName={UNIT} printCopyNumber={PRINT_COPY} />);
    const table = within(printRoot()).getByRole('table');
    const last = bodyRows(table)[3]!;
    expect(last[6]).toBe('应急演练方案编制');
    expect(last[7]).toBe('王五（范围外，王保密批准）');
    expect(last[9]).toBe('2026-11-15');
    expect(last[10]).toBe('');
    // Loans inside the 知悉范围 show the 批准人 alone.
    expect(bodyRows(table)[0]![7]).toBe('王五');
    for (const tr of table.querySelectorAll('tbody tr')) {
      const signCells = [...tr.querySelectorAll('td')].slice(-2);
      expect(signCells.map((td) => td.textContent)).toEqual(['', '']);
      for (const td of signCells) expect(td).toHaveClass('ws-carrier-sign-cell');
    }
  });
});

describe('涉密载体销毁清单', () => {
  const COLUMNS = ['序号', '编号', '名称', '载体类型', '密级', '份号', '数量/页数', '销毁方式', '销毁地点', '销毁日期'];

  test('A4 portrait, heading, 打印份号, watermark, exact columns and a row', () => {
    render(<DestructionList carriers={destroyedCarriers()} unitName={UNIT} printCopyNumber={PRINT_COPY} watermark={WATERMARK} />);
    const root = printRoot();
    expect(root.dataset.orientation).toBe('portrait');
    expect(within(root).getByRole('heading', { level: 1 })).toHaveTextContent(`${UNIT}涉密载体销毁清单`);
    expectCopyNumberAndWatermark(root);
    const table = within(root).getByRole('table');
    expect(headers(table)).toEqual(COLUMNS);
    const rows = bodyRows(table);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual(['1', '载〔2026〕0001', '某某工程设计方案第1册', '纸质文件', '机密★20年', '000001', '1件/12页', '送保密局销毁中心粉碎', '市保密局销毁中心', '2026-11-20']);
    expect(rows[1]![6]).toBe('1件');
  });

  test('names the approver, the 销毁人 and the 监销人 in plain text, each with lines to sign and date', () => {
    render(<DestructionList carriers={destroyedCarriers().slice(0, 2)} unitName={UNIT} printCopyNumber={PRINT_COPY} />);
    const blocks = printRoot().querySelectorAll('.ws-carrier-signs');
    expect(blocks).toHaveLength(1);
    const lines = [...blocks[0]!.querySelectorAll('.ws-carrier-sign-line')].map((l) => l.textContent);
    expect(lines).toEqual([
      '审批人：王五\u3000签字：＿＿＿＿\u3000日期：＿＿＿＿',
      '销毁人：赵六\u3000签字：＿＿＿＿\u3000日期：＿＿＿＿',
      '监销人：钱七\u3000签字：＿＿＿＿\u3000日期：＿＿＿＿',
    ]);
    // One group: no need to say which rows it covers.
    expect(blocks[0]!.querySelector('.ws-carrier-signs-scope')).toBeNull();
  });

  test('a different set of witnesses gets its own signature block, saying which rows it signs for', () => {
    render(<DestructionList carriers={destroyedCarriers()} unitName={UNIT} printCopyNumber={PRINT_COPY} />);
    const blocks = [...printRoot().querySelectorAll('.ws-carrier-signs')];
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toHaveTextContent('序号 1、2：');
    expect(blocks[0]).toHaveTextContent('监销人：钱七');
    expect(blocks[1]).toHaveTextContent('序号 3：');
    expect(blocks[1]).toHaveTextContent('销毁人：赵六');
    expect(blocks[1]).toHaveTextContent('监销人：孙八');
  });
});

describe('涉密载体清点报告', () => {
  const DIFF = ['序号', '编号', '名称', '密级', '份号', '情况'];
  const LIST = ['序号', '编号', '名称', '密级', '份号', '清点结果', '方式'];

  test('A4 portrait, heading, 打印份号, watermark, the header lines of a session still running', () => {
    const { session, carriers } = inventorySession();
    render(<InventoryReport session={session} carriers={carriers} unitName={UNIT} printCopyNumber={PRINT_COPY} watermark={WATERMARK} />);
    const root = printRoot();
    expect(root.dataset.orientation).toBe('portrait');
    expect(within(root).getByRole('heading', { level: 1 })).toHaveTextContent(`${UNIT}涉密载体清点报告`);
    expectCopyNumberAndWatermark(root);
    expect(root).toHaveTextContent('清点范围：保管人：张三');
    expect(root).toHaveTextContent(`开始时间：${localTime('2026-11-23T12:00:00.000Z')}`);
    expect(root).toHaveTextContent('结束时间：未结束');
    expect(root).toHaveTextContent('清点人：王保密');
  });

  test('counts from the ticks, a 差异 table of what is off, and the full list with result and how it was ticked', () => {
    const { session, carriers } = inventorySession();
    render(<InventoryReport session={session} carriers={carriers} unitName={UNIT} printCopyNumber={PRINT_COPY} />);
    const root = printRoot();
    expect(root.querySelector('.ws-carrier-summary')).toHaveTextContent('应在 4 件；在位 1；缺失 1；损坏 1；未清点 1；范围外 1');
    expect(root).not.toHaveTextContent('账物相符');

    const diff = within(root).getByRole('table', { name: '差异情况' });
    expect(headers(diff)).toEqual(DIFF);
    expect(bodyRows(diff).map((r) => [r[0], r[1], r[5]])).toEqual([
      ['1', '载〔2026〕0002', '缺失'],
      ['2', '载〔2026〕0003', '损坏'],
      ['3', '载〔2026〕0004', '未清点'],
      ['4', '载〔2026〕0009', '范围外（保管人：李四，存放位置：档案室2号柜）'],
    ]);

    const list = within(root).getByRole('table', { name: '清点明细' });
    expect(headers(list)).toEqual(LIST);
    expect(bodyRows(list)).toEqual([
      ['1', '载〔2026〕0001', '某某工程设计方案第1册', '机密★20年', '000001', '在位', '点选'],
      ['2', '载〔2026〕0002', '某某工程设计方案第2册', '机密★20年', '000002', '缺失', '扫码'],
      ['3', '载〔2026〕0003', '某某工程设计方案第3册', '机密★20年', '000003', '损坏', '点选'],
      ['4', '载〔2026〕0004', '某某工程设计方案第4册', '机密★20年', '000004', '未清点', ''],
    ]);
    const signs = [...root.querySelectorAll('.ws-carrier-sign-line')].map((l) => l.textContent);
    expect(signs).toEqual([
      '清点人：王保密\u3000签字：＿＿＿＿\u3000日期：＿＿＿＿',
      '保管人：张三\u3000签字：＿＿＿＿\u3000日期：＿＿＿＿',
      '保密员签字：＿＿＿＿\u3000日期：＿＿＿＿',
    ]);
  });

  test('an ended session prints its frozen report, not what the ticks say now', () => {
    const { session, carriers } = inventorySession();
    // Ended before c3 was looked at again: the stored report has it 未清点.
    const ended = { ...session, endedAt: '2026-11-23T12:30:00.000Z', report: { missing: ['c2'], damaged: [], notTicked: ['c3', 'c4'], unexpected: ['c9'] } };
    render(<InventoryReport session={ended} carriers={carriers} unitName={UNIT} printCopyNumber={PRINT_COPY} />);
    const root = printRoot();
    expect(root).toHaveTextContent(`结束时间：${localTime('2026-11-23T12:30:00.000Z')}`);
    expect(root.querySelector('.ws-carrier-summary')).toHaveTextContent('应在 4 件；在位 1；缺失 1；损坏 0；未清点 2；范围外 1');
  });

  test('账物相符: no 差异 table, the sentence instead; a 存放位置 scope', () => {
    const { session, carriers } = cleanInventorySession();
    render(<InventoryReport session={session} carriers={carriers} unitName={UNIT} printCopyNumber={PRINT_COPY} />);
    const root = printRoot();
    expect(root).toHaveTextContent('账物相符，无差异。');
    expect(root).toHaveTextContent('清点范围：存放位置：机要室保密柜');
    expect(root.querySelector('.ws-carrier-summary')).toHaveTextContent('应在 2 件；在位 2；缺失 0；损坏 0；未清点 0；范围外 0');
    expect(within(root).queryByRole('table', { name: '差异情况' })).toBeNull();
    expect(bodyRows(within(root).getByRole('table', { name: '清点明细' })).map((r) => r[5])).toEqual(['在位', '在位']);
    expect(root.querySelector('.ws-print-watermark')).toBeNull();
  });
});

describe('涉密载体移交（清退）单', () => {
  test('A4 portrait, title by kind, 打印份号, watermark, the carrier table, both sides and both signature lines', () => {
    render(<CarrierHandoverForm carrier={handedOverCarrier()} unitName={UNIT} printCopyNumber={PRINT_COPY} watermark={WATERMARK} />);
    const root = printRoot();
    expect(root.dataset.orientation).toBe('portrait');
    expect(within(root).getByRole('heading', { level: 1 })).toHaveTextContent(/^涉密载体移交单$/);
    expectCopyNumberAndWatermark(root);
    const table = within(root).getByRole('table', { name: '载体' });
    expect(headers(table)).toEqual(['编号', '名称', '载体类型', '密级', '份号', '数量/页数']);
    expect(bodyRows(table)).toEqual([['载〔2026〕0007', '某某工程设计方案第7册', '纸质文件', '机密★20年', '000007', '1件/12页']]);
    const cell = (label: string) => within(root).getByRole('rowheader', { name: label }).nextElementSibling?.textContent;
    expect(cell('移交方')).toBe(`${UNIT}\u3000经办人：王保密`);
    expect(cell('接收方')).toBe('某某县应急管理局（单位）');
    expect(cell('移交日期')).toBe('2026年11月23日');
    expect(root).toHaveTextContent('移交人签字：＿＿＿＿');
    expect(root).toHaveTextContent('接收人签字：＿＿＿＿');
  });

  test('a 清退 reads 清退单', () => {
    render(<CarrierHandoverForm carrier={handedOverCarrier('清退')} unitName={UNIT} printCopyNumber={PRINT_COPY} />);
    expect(within(printRoot()).getByRole('heading', { level: 1 })).toHaveTextContent(/^涉密载体清退单$/);
    expect(within(printRoot()).getByRole('rowheader', { name: '清退日期' })).toBeInTheDocument();
    expect(printRoot().querySelector('.ws-print-watermark')).toBeNull();
  });
});

/** Parses the SVG path back ("M x y h n v1 h -n z" runs) and paints it at `scale` px per module, black on white. */
function rasterizeSvg(svg: SVGSVGElement, scale: number): { data: Uint8ClampedArray; size: number } {
  const side = Number(svg.getAttribute('viewBox')!.split(' ')[2]);
  const size = side * scale;
  const data = new Uint8ClampedArray(size * size * 4).fill(255);
  const d = svg.querySelector('path')!.getAttribute('d')!;
  const runs = [...d.matchAll(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g)];
  // Every command of the path must be one of the runs, or the parse missed part of the symbol.
  expect(runs.map((m) => m[0]).join('')).toBe(d);
  for (const [, x, y, n] of runs) {
    for (let py = Number(y) * scale; py < (Number(y) + 1) * scale; py++) {
      for (let px = Number(x) * scale; px < (Number(x) + Number(n)) * scale; px++) {
        const i = (py * size + px) * 4;
        data[i] = data[i + 1] = data[i + 2] = 0;
      }
    }
  }
  return { data, size };
}

/** The same from the module matrix, with the quiet zone around it. */
function rasterizeModules(modules: boolean[][], scale: number): { data: Uint8ClampedArray; size: number } {
  const side = modules.length + 2 * QR_QUIET_ZONE;
  const size = side * scale;
  const data = new Uint8ClampedArray(size * size * 4).fill(255);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const r = Math.floor(py / scale) - QR_QUIET_ZONE;
      const c = Math.floor(px / scale) - QR_QUIET_ZONE;
      if (modules[r]?.[c]) {
        const i = (py * size + px) * 4;
        data[i] = data[i + 1] = data[i + 2] = 0;
      }
    }
  }
  return { data, size };
}

describe('涉密载体标签', () => {
  test('the module matrix decodes to the code it was made from', () => {
    const { data, size } = rasterizeModules(qrModules('ZT2026-0001'), 4);
    expect(jsQR(data, size, size)?.data).toBe('ZT2026-0001');
  });

  test('A4 portrait, 打印份号, no watermark; each printed QR decodes to the code printed beside it; no 名称 on a label', () => {
    const carriers = [carrier(1), carrier(12, { classification: '绝密', secrecyTerm: { kind: 'years', years: 30 } }), carrier(123)];
    render(<CarrierLabels carriers={carriers} printCopyNumber={PRINT_COPY} />);
    const root = printRoot();
    expect(root.dataset.orientation).toBe('portrait');
    expect(root.querySelector('.ws-carrier-copyno')).toHaveTextContent(`打印份号：${PRINT_COPY}`);
    expect(root.querySelector('.ws-print-watermark')).toBeNull();

    const labels = [...root.querySelectorAll<HTMLElement>('.ws-carrier-label')];
    expect(labels).toHaveLength(3);
    labels.forEach((label, i) => {
      const c = carriers[i]!;
      const svg = label.querySelector<SVGSVGElement>('svg')!;
      expect(svg).toHaveAttribute('role', 'img');
      expect(svg).toHaveAttribute('shape-rendering', 'crispEdges');
      const code = svg.getAttribute('data-code');
      expect(svg).toHaveAttribute('aria-label', code);

      const { data, size } = rasterizeSvg(svg, 4);
      const decoded = jsQR(data, size, size)?.data;
      expect(decoded).toBe(`ZT2026-${String(i === 0 ? 1 : i === 1 ? 12 : 123).padStart(4, '0')}`);
      expect(code).toBe(decoded);
      // The human-readable code, for typing when the label will not scan, is exactly what the QR holds.
      expect(label.querySelector('.ws-carrier-label-code')!.textContent).toBe(decoded);

      expect(label).toHaveTextContent(`编号：${c.serial}`);
      expect(label).toHaveTextContent(`份号：${c.copyNumber}`);
      expect(label).toHaveTextContent(i === 1 ? '密级：绝密★30年' : '密级：机密★20年');
      // A label is stuck on the item: it must not reveal what the item is.
      expect(label.textContent).not.toContain(c.name);
      expect(label.innerHTML).not.toContain('设计方案');
    });
    expect(root.textContent).not.toContain('设计方案');
  });

  test('the quiet zone is 4 modules of bare paper on every side', () => {
    render(<CarrierLabels carriers={[carrier(1)]} />);
    const svg = printRoot().querySelector<SVGSVGElement>('svg')!;
    const side = Number(svg.getAttribute('viewBox')!.split(' ')[2]);
    expect(side).toBe(qrModules('ZT2026-0001').length + 2 * QR_QUIET_ZONE);
    const runs = [...svg.querySelector('path')!.getAttribute('d')!.matchAll(/M(\d+) (\d+)h(\d+)/g)].map((m) => m.slice(1).map(Number));
    expect(Math.min(...runs.map(([x]) => x!))).toBe(QR_QUIET_ZONE);
    expect(Math.min(...runs.map(([, y]) => y!))).toBe(QR_QUIET_ZONE);
    expect(Math.max(...runs.map(([x, , n]) => x! + n!))).toBe(side - QR_QUIET_ZONE);
    expect(Math.max(...runs.map(([, y]) => y! + 1))).toBe(side - QR_QUIET_ZONE);
    // No 打印份号 line when none was given.
    expect(printRoot().querySelector('.ws-carrier-copyno')).toBeNull();
  });

  test('14 labels to a page, each page its own grid ending in a page break', () => {
    const carriers = Array.from({ length: 15 }, (_, i) => carrier(i + 1));
    render(<CarrierLabels carriers={carriers} />);
    const pages = [...printRoot().querySelectorAll('.ws-carrier-labels-page')];
    expect(pages.map((p) => p.querySelectorAll('.ws-carrier-label').length)).toEqual([14, 1]);
    const css = printRoot().querySelector('style')!.textContent!;
    expect(css).toMatch(/\.ws-carrier-labels-page \{[^}]*break-after: page;/);
    // Plain paper: dashed cutting lines around every label.
    expect(css).toMatch(/\.ws-carrier-label--cut \{[^}]*outline: 0\.3mm dashed #000;/);
    expect(printRoot().querySelectorAll('.ws-carrier-label--cut')).toHaveLength(15);
  });
});

describe('label sheets and printer offsets', () => {
  const labelBoxes = () =>
    [...printRoot().querySelectorAll<HTMLElement>('.ws-carrier-label')].map((l) => ({
      left: parseFloat(l.style.left),
      top: parseFloat(l.style.top),
      width: parseFloat(l.style.width),
      height: parseFloat(l.style.height),
    }));

  test('A4 3×8: 24 labels of 70×37 mm a page, edge to edge, no cutting lines, the page margins 0', () => {
    render(<CarrierLabels carriers={Array.from({ length: 25 }, (_, i) => carrier(i + 1))} sheet="a4-3x8" />);
    const root = printRoot();
    expect(root).toHaveClass('ws-print-root--labels');
    expect(root.dataset.pageMargins).toBe('0 0 0 0');
    expect([...root.querySelectorAll('.ws-carrier-labels-page')].map((p) => p.querySelectorAll('.ws-carrier-label').length)).toEqual([24, 1]);
    const boxes = labelBoxes();
    expect(boxes[0]).toEqual({ left: 0, top: 0.5, width: 70, height: 37 });
    expect(boxes[2]).toEqual({ left: 140, top: 0.5, width: 70, height: 37 });
    expect(boxes[23]).toEqual({ left: 140, top: 259.5, width: 70, height: 37 });
    expect(root.querySelectorAll('.ws-carrier-label--cut')).toHaveLength(0);
    // A sticker has no room for field names; the 份号 keeps its name (a bare 000001 says nothing).
    const first = root.querySelector('.ws-carrier-label')!;
    expect(first).toHaveTextContent('载〔2026〕0001');
    expect(first).toHaveTextContent('机密★20年');
    expect(first).toHaveTextContent('份号：000001');
    expect(first.textContent).not.toContain('编号：');
  });

  test('A4 4×10: 40 labels of 52.5×29.7 mm a page; an offset moves every label by that many mm', () => {
    render(<CarrierLabels carriers={Array.from({ length: 40 }, (_, i) => carrier(i + 1))} sheet="a4-4x10" offset={{ xMm: -1.5, yMm: 2 }} />);
    const boxes = labelBoxes();
    expect(boxes).toHaveLength(40);
    expect(boxes[0]).toEqual({ left: -1.5, top: 2, width: 52.5, height: 29.7 });
    expect(boxes[5]).toEqual({ left: 52.5 - 1.5, top: 29.7 + 2, width: 52.5, height: 29.7 });
    expect(boxes[39]!.left).toBeCloseTo(3 * 52.5 - 1.5, 3);
    expect(boxes[39]!.top).toBeCloseTo(9 * 29.7 + 2, 3);
  });

  test('plain paper keeps 2×7 boxes of 77×30 mm in the text block, the 打印份号 above them', () => {
    render(<CarrierLabels carriers={[carrier(1), carrier(2), carrier(3)]} printCopyNumber={PRINT_COPY} />);
    const boxes = labelBoxes();
    expect(boxes.slice(0, 3)).toEqual([
      { left: 28, top: 43, width: 77, height: 30 },
      { left: 105, top: 43, width: 77, height: 30 },
      { left: 28, top: 73, width: 77, height: 30 },
    ]);
    expect(printRoot().querySelector('.ws-carrier-copyno')).toHaveTextContent(`打印份号：${PRINT_COPY}`);
  });
});

describe('an unnumbered carrier print', () => {
  test('the preview says the number comes at printing; paper made from it carries only the notice', () => {
    render(<CarrierRegisterSheet carriers={registerCarriers()} unitName={UNIT} printCopyNumber="" />);
    const root = printRoot();
    expect(root.querySelector('.ws-carrier-copyno')).toHaveTextContent('打印份号：（打印时编号）');
    // Hidden on screen (the preview shows the number line instead): found with hidden elements.
    const notice = within(root).getByRole('note', { hidden: true });
    expect(notice).toHaveTextContent('本件未取得打印份号，不能打印');
    // A direct child of the sheet: the print stylesheet hides its siblings, and it is hidden on screen.
    expect(notice.parentElement).toHaveClass('ws-print-sheet');
    const css = root.querySelector('style')!.textContent!;
    expect(css).toContain('.ws-print-sheet:has(> .ws-carrier-unnumbered) > :not(.ws-carrier-unnumbered) { display: none !important; }');
    expect(css).toContain('@media screen { .ws-carrier-unnumbered { display: none; } }');
  });

  test('a numbered print has no notice', () => {
    render(<CarrierLabels carriers={[carrier(1)]} printCopyNumber={PRINT_COPY} />);
    expect(within(printRoot()).queryByRole('note', { hidden: true })).toBeNull();
  });
});

describe('carrier tables fit any text block', () => {
  test('every carrier table is fixed layout with column widths in % summing to 100', () => {
    const prints = [
      <CarrierRegisterSheet key="r" carriers={registerCarriers()} unitName={UNIT} printCopyNumber={PRINT_COPY} />,
      <CarrierLoanSheet key="l" carriers={loanCarriers()} unitName={UNIT} printCopyNumber={PRINT_COPY} />,
      <DestructionList key="d" carriers={destroyedCarriers()} unitName={UNIT} printCopyNumber={PRINT_COPY} />,
      <CarrierHandoverForm key="h" carrier={handedOverCarrier()} unitName={UNIT} printCopyNumber={PRINT_COPY} />,
    ];
    for (const print of prints) {
      const { unmount } = render(print);
      const table = printRoot().querySelector('table.ws-register-table')!;
      const widths = [...table.querySelectorAll('col')].map((c) => (c as HTMLElement).style.width);
      expect(widths.every((w) => w.endsWith('%'))).toBe(true);
      expect(widths.reduce((sum, w) => sum + parseFloat(w), 0)).toBeCloseTo(100, 1);
      unmount();
    }
  });
});
