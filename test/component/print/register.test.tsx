import { render, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { IncomingRegisterSheet } from '../../../renderer/print/index';
import { registerRows } from './fixtures';

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
