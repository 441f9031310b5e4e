import { describe, expect, test } from 'vitest';
import {
  DEFAULT_SLIP_LAYOUT,
  SLIP_BOXES_MM,
  SLIP_LINE_MM,
  SLIP_MAX_TOTAL_LINES,
  slipLayoutSchema,
  slipTitle,
  totalLines,
  type SlipLayout,
} from '../../../../shared/domain/slip-layout';

const problems = (v: unknown, unitName?: string) => {
  const r = slipLayoutSchema(unitName).safeParse(v);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};
const withRows = (rows: unknown[]) => ({ title: DEFAULT_SLIP_LAYOUT.title, rows });

describe('收文处理笺 layout rules', () => {
  test('the default layout is valid and prints today\'s title', () => {
    expect(problems(DEFAULT_SLIP_LAYOUT, '某某县人民政府办公室')).toEqual([]);
    expect(slipTitle(DEFAULT_SLIP_LAYOUT, '某某县人民政府办公室')).toBe('某某县人民政府办公室收文处理笺');
    expect(totalLines(DEFAULT_SLIP_LAYOUT.rows)).toBeLessThanOrEqual(SLIP_MAX_TOTAL_LINES);
  });

  test('the one-page budget is the text block less the reserved upper part, in whole lines', () => {
    expect(SLIP_MAX_TOTAL_LINES).toBe(Math.floor(SLIP_BOXES_MM / SLIP_LINE_MM));
    expect(SLIP_MAX_TOTAL_LINES * SLIP_LINE_MM).toBeLessThanOrEqual(SLIP_BOXES_MM);
    const over = withRows([...DEFAULT_SLIP_LAYOUT.rows, { kind: 'extra', label: '核稿', lines: SLIP_MAX_TOTAL_LINES - totalLines(DEFAULT_SLIP_LAYOUT.rows) + 1 }]);
    expect(problems(over)).toEqual([`rows: 各栏高度合计 ${SLIP_MAX_TOTAL_LINES + 1} 行，一页 A4 最多排 ${SLIP_MAX_TOTAL_LINES} 行（标题两行、登记栏之外），请减少 1 行`]);
    const full = withRows([...DEFAULT_SLIP_LAYOUT.rows, { kind: 'extra', label: '核稿', lines: SLIP_MAX_TOTAL_LINES - totalLines(DEFAULT_SLIP_LAYOUT.rows) }]);
    expect(problems(full)).toEqual([]);
  });

  test('an extra row: label 1–8 characters (cleaned), height 1–10 lines, two lines for a label over 4 characters', () => {
    expect(problems(withRows([...DEFAULT_SLIP_LAYOUT.rows.slice(0, 3), { kind: 'extra', label: ' ', lines: 1 }]))).toEqual(['rows.3.label: 请输入栏目名称']);
    expect(problems(withRows([...DEFAULT_SLIP_LAYOUT.rows.slice(0, 3), { kind: 'extra', label: '办公室负责人核稿意见', lines: 3 }]))).toEqual(['rows.3.label: 栏目名称不能超过 8 个字']);
    expect(problems(withRows([...DEFAULT_SLIP_LAYOUT.rows.slice(0, 3), { kind: 'extra', label: '分管领导圈阅', lines: 1 }]))).toEqual([
      'rows.3.lines: 栏目名称超过 4 个字时分两行排，高度至少 2 行',
    ]);
    expect(problems(withRows([...DEFAULT_SLIP_LAYOUT.rows.slice(0, 3), { kind: 'extra', label: '核稿', lines: 0 }]))).toEqual(['rows.3.lines: 高度应为 1–10 行']);
    expect(problems(withRows([...DEFAULT_SLIP_LAYOUT.rows.slice(0, 3), { kind: 'extra', label: '核稿', lines: null }]))).toEqual(['rows.3.lines: 请输入行数']);
    const parsed = slipLayoutSchema().parse(withRows([...DEFAULT_SLIP_LAYOUT.rows.slice(0, 3), { kind: 'extra', label: ' 核 稿\u200b', lines: 1 }])) as SlipLayout;
    expect(parsed.rows[3]).toEqual({ kind: 'extra', label: '核稿', lines: 1 });
  });

  test('拟办意见, 领导批示 and 办理结果 cannot be left off; 传阅 can; no box twice; at most 4 extra rows', () => {
    const [proposal, instruction, handling] = DEFAULT_SLIP_LAYOUT.rows;
    expect(problems(withRows([instruction, handling]))).toEqual(['rows: “拟办意见”记录办理过程，不能删去']);
    expect(problems(withRows([proposal, instruction, handling]))).toEqual([]);
    expect(problems(withRows([proposal, instruction, handling, proposal]))).toEqual(['rows: “拟办意见”只能有一栏', 'rows.3.label: 已有“拟办意见”栏']);
    expect(problems(withRows([proposal, instruction, handling, { kind: 'extra', label: '领导批示', lines: 1 }]))).toEqual(['rows.3.label: 已有“领导批示”栏']);
    const extras = ['核稿', '圈阅', '会签', '备注', '复核'].map((label) => ({ kind: 'extra', label, lines: 1 }));
    expect(problems(withRows([proposal, instruction, handling, ...extras]))).toEqual(['rows: 自定义栏目最多 4 个']);
  });

  test('the title: 1–40 characters, and with the unit\'s name at most two lines (38 characters)', () => {
    expect(problems({ ...DEFAULT_SLIP_LAYOUT, title: '  ' })).toEqual(['title: 请输入标题']);
    expect(problems({ ...DEFAULT_SLIP_LAYOUT, title: '某'.repeat(41) })).toEqual(['title: 标题不能超过 40 个字']);
    expect(problems({ ...DEFAULT_SLIP_LAYOUT, title: '{单位名称}收文办理呈批单（机要件专用）' }, '某'.repeat(24))).toEqual([]);
    expect(problems({ ...DEFAULT_SLIP_LAYOUT, title: '{单位名称}收文办理呈批单（机要件专用）' }, '某'.repeat(25))).toEqual(['title: 标题（含单位名称）共 39 字，超过两行（最多 38 字）']);
    // Stored without a unit name (it changes apart): the two-line rule is the command's.
    expect(problems({ ...DEFAULT_SLIP_LAYOUT, title: '{单位名称}收文办理呈批单（机要件专用）' })).toEqual([]);
  });
});
