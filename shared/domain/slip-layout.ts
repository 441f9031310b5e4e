import { z } from 'zod';
import { cleanText } from './text';

// 收文处理笺 layout (设置 → 打印, issue #15): the office chooses the title, the order of the boxes
// below the registration table and extra boxes of its own (核稿, 领导圈阅 …) filled in by hand.
// The registration table (收文编号 … 紧急程度) stays at the head of the slip: it names the document.
//
// Built-in boxes carry what the procedure records (条例 §24): 拟办意见, 领导批示 and 办理结果 may be
// moved and resized but never left off (the recorded text would silently not be printed); 传阅 may
// be left off (offices that circulate with a separate 传阅单; the 传阅 record stays in the app).
//
// One page: the slip fills the 156×225 mm text block (GB/T 9704). What the boxes may take is the
// block less the parts above them, reserved at their usual height: the 密级 mark line, a title of
// at most two lines, and the registration table with a two-line 来文单位 and 标题. The heights a
// user gives are minimums; the boxes share whatever is left (by height) so the slip fills the page.

/** Unit-name placeholder in the title. */
export const UNIT_NAME_PLACEHOLDER = '{单位名称}';
export const DEFAULT_SLIP_TITLE = `${UNIT_NAME_PLACEHOLDER}收文处理笺`;

export const BUILT_IN_BOXES = {
  proposal: '拟办意见',
  instruction: '领导批示',
  handling: '办理结果',
  circulation: '传阅',
} as const;
export type BuiltInBox = keyof typeof BUILT_IN_BOXES;
/** Built-in boxes that can be left off the slip. */
export const OPTIONAL_BOXES: readonly BuiltInBox[] = ['circulation'];
const REQUIRED_BOXES = (Object.keys(BUILT_IN_BOXES) as BuiltInBox[]).filter((k) => !OPTIONAL_BOXES.includes(k));

export type SlipRow = { kind: BuiltInBox; lines: number } | { kind: 'extra'; label: string; lines: number };

export interface SlipLayout {
  /** The title; {单位名称} is replaced by the unit's name. */
  title: string;
  /** The boxes below the registration table, top to bottom. */
  rows: SlipRow[];
}

/** One line of height (mm): a line of handwriting, as on ruled office paper (a 3号 text line at 1.5 spacing is 8.5). */
export const SLIP_LINE_MM = 8;
/** The slip's column (print-styles.ts .ws-slip: 225 mm less a little so rounding never spills a page). */
export const SLIP_COLUMN_MM = 223;
/** The 密级 mark line above the title (14 pt × 1.4), reserved whether the record is classified or not. */
export const SLIP_MARK_MM = 7;
/** Title: 2号 (22 pt) × 1.3 per line, letter-spaced 0.05 em, margins 1 + 5 mm. */
export const SLIP_TITLE_LINE_MM = 10.1;
export const SLIP_TITLE_MARGINS_MM = 6;
export const SLIP_TITLE_MAX_LINES = 2;
/** Characters of 22 pt (+0.05 em) per 156 mm line. */
export const SLIP_TITLE_CHARS_PER_LINE = 19;
/**
 * The registration table with a 16-character (two-line) 来文单位, a 44-character (two-line) 标题 and
 * a 份号: measured 63.2 mm (test/e2e/print-slip.e2e.ts, which fails if it grows past this).
 */
export const SLIP_TABLE_RESERVE_MM = 63.5;
/** Height left for the boxes. */
export const SLIP_BOXES_MM = SLIP_COLUMN_MM - SLIP_MARK_MM - SLIP_TITLE_MAX_LINES * SLIP_TITLE_LINE_MM - SLIP_TITLE_MARGINS_MM - SLIP_TABLE_RESERVE_MM;
/** The most lines the boxes may take together. */
export const SLIP_MAX_TOTAL_LINES = Math.floor(SLIP_BOXES_MM / SLIP_LINE_MM);
export const SLIP_MAX_ROW_LINES = 10;
export const SLIP_MAX_EXTRA_ROWS = 4;
export const SLIP_LABEL_MAX = 8;
/** A label takes this many characters per line in the 23 mm label column (14 pt 黑体). */
export const SLIP_LABEL_CHARS_PER_LINE = 4;
export const SLIP_TITLE_MAX = 40;

export const DEFAULT_SLIP_LAYOUT: SlipLayout = {
  title: DEFAULT_SLIP_TITLE,
  rows: [
    { kind: 'proposal', lines: 3 },
    { kind: 'instruction', lines: 4 },
    { kind: 'handling', lines: 3 },
    { kind: 'circulation', lines: 2 },
  ],
};

const chars = (s: string) => Array.from(s).length;

/** A box's label as printed. */
export function rowLabel(row: SlipRow): string {
  return row.kind === 'extra' ? row.label : BUILT_IN_BOXES[row.kind];
}

/** Lines a label needs in the label column (a box is never lower than its label). */
export function labelLines(label: string): number {
  return Math.max(1, Math.ceil(chars(label) / SLIP_LABEL_CHARS_PER_LINE));
}

/** The printed title: the placeholder replaced by the unit's name. */
export function slipTitle(layout: Pick<SlipLayout, 'title'>, unitName: string): string {
  return layout.title.split(UNIT_NAME_PLACEHOLDER).join(unitName);
}

export function totalLines(rows: readonly Pick<SlipRow, 'lines'>[]): number {
  return rows.reduce((n, r) => n + (Number.isFinite(r.lines) ? r.lines : 0), 0);
}

const linesField = z
  .number({ error: '请输入行数' })
  .refine((n) => Number.isInteger(n) && n >= 1 && n <= SLIP_MAX_ROW_LINES, `高度应为 1–${SLIP_MAX_ROW_LINES} 行`);

const rowSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(Object.keys(BUILT_IN_BOXES) as [BuiltInBox, ...BuiltInBox[]]), lines: linesField }),
  z.object({
    kind: z.literal('extra'),
    label: z
      .string({ error: '请输入栏目名称' })
      .transform((v) => cleanText(v).replace(/\s+/g, ''))
      .refine((v) => chars(v) >= 1, '请输入栏目名称')
      .refine((v) => chars(v) <= SLIP_LABEL_MAX, `栏目名称不能超过 ${SLIP_LABEL_MAX} 个字`),
    lines: linesField,
  }),
]);

/**
 * The layout's rules; with `unitName`, also that the printed title fits two lines. Field paths are
 * the form's: title, rows (the whole list), rows.<i>.label, rows.<i>.lines.
 */
export function slipLayoutSchema(unitName?: string) {
  return z
    .object({
      title: z
        .string({ error: '请输入标题' })
        .transform((v) => cleanText(v).trim())
        .refine((v) => chars(v) >= 1, '请输入标题')
        .refine((v) => chars(v) <= SLIP_TITLE_MAX, `标题不能超过 ${SLIP_TITLE_MAX} 个字`),
      rows: z.array(rowSchema),
    })
    .superRefine((v, ctx) => {
      const max = SLIP_TITLE_MAX_LINES * SLIP_TITLE_CHARS_PER_LINE;
      if (unitName !== undefined && chars(slipTitle(v, unitName)) > max) {
        ctx.addIssue({ code: 'custom', path: ['title'], message: `标题（含单位名称）共 ${chars(slipTitle(v, unitName))} 字，超过两行（最多 ${max} 字）` });
      }
      const extras = v.rows.filter((r) => r.kind === 'extra');
      if (extras.length > SLIP_MAX_EXTRA_ROWS) ctx.addIssue({ code: 'custom', path: ['rows'], message: `自定义栏目最多 ${SLIP_MAX_EXTRA_ROWS} 个` });
      for (const kind of Object.keys(BUILT_IN_BOXES) as BuiltInBox[]) {
        const n = v.rows.filter((r) => r.kind === kind).length;
        if (n > 1) ctx.addIssue({ code: 'custom', path: ['rows'], message: `“${BUILT_IN_BOXES[kind]}”只能有一栏` });
        if (n === 0 && REQUIRED_BOXES.includes(kind)) ctx.addIssue({ code: 'custom', path: ['rows'], message: `“${BUILT_IN_BOXES[kind]}”记录办理过程，不能删去` });
      }
      const seen = new Map<string, number>();
      v.rows.forEach((r, i) => {
        const label = rowLabel(r);
        if (seen.has(label)) ctx.addIssue({ code: 'custom', path: ['rows', i, 'label'], message: `已有“${label}”栏` });
        seen.set(label, i);
        // Only a height that is itself valid (its own message says what is wrong otherwise).
        if (r.kind === 'extra' && r.lines >= 1 && r.lines < labelLines(label)) {
          ctx.addIssue({ code: 'custom', path: ['rows', i, 'lines'], message: `栏目名称超过 ${SLIP_LABEL_CHARS_PER_LINE} 个字时分两行排，高度至少 ${labelLines(label)} 行` });
        }
      });
      const total = totalLines(v.rows);
      if (total > SLIP_MAX_TOTAL_LINES) {
        ctx.addIssue({
          code: 'custom',
          path: ['rows'],
          message: `各栏高度合计 ${total} 行，一页 A4 最多排 ${SLIP_MAX_TOTAL_LINES} 行（标题两行、登记栏之外），请减少 ${total - SLIP_MAX_TOTAL_LINES} 行`,
        });
      }
    });
}

/** The stored setting: every rule but the title's length with the unit's name (that changes apart). */
export const storedSlipLayoutSchema = slipLayoutSchema();

/** How the audit log states a layout. */
export function slipLayoutSummary(layout: SlipLayout): string {
  return `标题：${layout.title}；栏目：${layout.rows.map((r) => `${rowLabel(r)} ${r.lines} 行`).join('、')}`;
}
