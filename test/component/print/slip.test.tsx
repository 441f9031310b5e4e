import { render, screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { IncomingSlip } from '../../../renderer/print/index';
import { SLIP_LINE_MM } from '../../../shared/domain/slip-layout';
import { fullRecord, freshRecord } from './fixtures';

function printRoot(): HTMLElement {
  const root = document.body.querySelector<HTMLElement>(':scope > .ws-print-root');
  if (!root) throw new Error('no print root under <body>');
  return root;
}

/** The text of the box whose label is `label` (拟办意见, 领导批示, 办理结果, 传阅). */
function box(label: string): string {
  const labelEl = within(printRoot()).getByText(label, { selector: '.ws-slip-box-label' });
  return labelEl.parentElement?.querySelector('.ws-slip-box-body')?.textContent ?? '';
}

describe('收文处理笺', () => {
  test('renders into its own print root under <body>, A4 portrait, with the title and the registration', () => {
    render(<IncomingSlip record={fullRecord()} unitName="某某市应急管理局" />);
    const root = printRoot();
    expect(root.dataset.orientation).toBe('portrait');
    expect(root.classList.contains('ws-print-root--portrait')).toBe(true);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('某某市应急管理局收文处理笺');

    const cell = (label: string) => within(root).getByRole('rowheader', { name: label }).nextElementSibling?.textContent;
    expect(cell('收文编号')).toBe('收〔2026〕0001');
    expect(cell('收文日期')).toBe('2026年11月23日');
    expect(cell('来文单位')).toBe('某某省人民政府办公厅');
    expect(cell('来文字号')).toBe('某政办发〔2026〕15号');
    expect(cell('标题')).toBe('关于做好2026年度安全生产大检查工作的通知');
    expect(cell('密级')).toBe('机密★20年');
    expect(cell('份数')).toBe('3份份号000012');
    expect(cell('紧急程度')).toBe('加急');
    // A classified slip carries its own 密级 mark above the title.
    expect(root.querySelector('.ws-slip-marks')).toHaveTextContent('机密★20年');
  });

  test('fills the recorded 拟办意见, 领导批示, 办理结果 and 传阅 into their boxes', () => {
    render(<IncomingSlip record={fullRecord()} unitName="某局" />);
    expect(box('拟办意见')).toContain('拟请李局长阅示，由安全生产科牵头办理。');
    expect(box('拟办意见')).toContain('王秘书\u30002026年11月23日');
    expect(box('领导批示')).toContain('同意。请抓紧落实，三日内报送方案。');
    expect(box('领导批示')).toContain('李局长\u30002026年11月23日（口头）');
    const handling = box('办理结果');
    expect(handling).toContain('主办：安全生产科');
    expect(handling).toContain('协办：办公室、财务科');
    expect(handling).toContain('承办人：赵六');
    expect(handling).toContain('办理时限：2026年11月26日（3个工作日）');
    expect(handling).toContain('已制定工作方案并报送。');
    expect(handling).toContain('赵六\u30002026年11月26日');
    const readers = within(printRoot()).getAllByRole('listitem').map((li) => li.textContent);
    expect(readers[0]).toMatch(/^张三\u3000已阅 2026年11月24日 \d\d:\d\d$/);
    // The paper is with the first reader who has not read it; the others wait.
    expect(readers.slice(1)).toEqual(['李四\u3000传阅中（文件在此）', '王五\u3000待阅']);
  });

  test('a written instruction is not marked 口头', () => {
    const record = fullRecord();
    record.instruction = { ...record.instruction!, oral: false };
    render(<IncomingSlip record={record} unitName="某局" />);
    expect(box('领导批示')).not.toContain('口头');
  });

  test('a freshly registered record prints empty boxes for handwriting, and no 密级 mark', () => {
    render(<IncomingSlip record={freshRecord()} unitName="某局" />);
    for (const label of ['拟办意见', '领导批示', '办理结果', '传阅']) expect(box(label)).toBe('');
    const root = printRoot();
    expect(root.querySelector('.ws-slip-marks')).toBeNull();
    expect(within(root).getByRole('rowheader', { name: '密级' }).nextElementSibling).toHaveTextContent('非密');
    expect(within(root).getByRole('rowheader', { name: '份数' }).nextElementSibling).toHaveTextContent(/^3份$/);
    // Empty boxes keep their height: the minimum is set on every box.
    for (const el of root.querySelectorAll<HTMLElement>('.ws-slip-box')) expect(el.style.minHeight).toMatch(/mm$/);
  });

  test('a returned record shows the reason in 办理结果', () => {
    const record = { ...freshRecord(), state: '已退回' as const, returned: { reason: '非本机关职责', at: '2026-11-23T12:00:00.000Z', byName: '王秘书' } };
    render(<IncomingSlip record={record} unitName="某局" />);
    expect(box('办理结果')).toContain('退回：非本机关职责');
  });

  test('the watermark is one fixed layer inside the print root, its text repeated', () => {
    render(<IncomingSlip record={fullRecord()} unitName="某局" watermark="张三（zhangsan） 2026-11-23 10:31 文枢" />);
    const layers = printRoot().querySelectorAll('.ws-print-watermark');
    expect(layers).toHaveLength(1);
    const tiles = layers[0]!.querySelectorAll('span');
    expect(tiles.length).toBeGreaterThan(20);
    expect(tiles[0]).toHaveTextContent('张三（zhangsan） 2026-11-23 10:31 文枢');
    expect(layers[0]).toHaveAttribute('aria-hidden', 'true');
  });

  test('no watermark unless asked for', () => {
    render(<IncomingSlip record={freshRecord()} unitName="某局" />);
    expect(printRoot().querySelector('.ws-print-watermark')).toBeNull();
  });

  test("the office's layout: its title with the unit's name, its order, its own empty boxes, 传阅 left off", () => {
    render(
      <IncomingSlip
        record={fullRecord()}
        unitName="某某市应急管理局"
        layout={{
          title: '{单位名称}公文处理单',
          rows: [
            { kind: 'instruction', lines: 5 },
            { kind: 'extra', label: '核稿', lines: 1 },
            { kind: 'proposal', lines: 3 },
            { kind: 'handling', lines: 3 },
            { kind: 'extra', label: '领导圈阅', lines: 2 },
          ],
        }}
      />,
    );
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(/^某某市应急管理局公文处理单$/);
    const labels = [...printRoot().querySelectorAll('.ws-slip-box-label')].map((l) => l.textContent);
    expect(labels).toEqual(['领导批示', '核稿', '拟办意见', '办理结果', '领导圈阅']);
    // Recorded texts still land in their boxes wherever they stand; the office's own boxes stay empty.
    expect(box('领导批示')).toContain('同意。请抓紧落实，三日内报送方案。');
    expect(box('拟办意见')).toContain('拟请李局长阅示');
    expect(box('核稿')).toBe('');
    expect(box('领导圈阅')).toBe('');
    const heights = [...printRoot().querySelectorAll<HTMLElement>('.ws-slip-box')].map((b) => b.style.minHeight);
    expect(heights).toEqual([5, 1, 3, 3, 2].map((n) => `${n * SLIP_LINE_MM}mm`));
  });
});
