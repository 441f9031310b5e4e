import { formatLocalDateTime, toLocalIsoDate } from '@shared/domain/dates';
import { formatCarrierMarking, type CarrierRecord } from '@shared/domain/carrier';

// Pieces the 涉密载体 prints share: the 打印份号 line, the 密级 text, 数量/页数, local times and the
// blank lines people sign on. Kept apart from the layouts so every carrier print reads the same.

/** 全角空格: the separator a Chinese form uses between items on one line. */
export const SP = '\u3000';

/** A blank to sign or date on by hand (full-width low lines, so it keeps its width in any face). */
export const SIGN_BLANK = '＿＿＿＿';

/** An ISO instant → its local day, '2026-11-23'; '' when missing or unreadable. */
export function localDate(instant: string | undefined | null): string {
  if (!instant) return '';
  const d = new Date(instant);
  return Number.isNaN(d.getTime()) ? '' : toLocalIsoDate(d);
}

/** An ISO instant → '2026-11-23 09:05' in local time; '' when missing or unreadable. */
export function localDateTime(instant: string | undefined | null): string {
  return formatLocalDateTime(instant);
}

/** The marking now on the item, '机密★20年' (非密 once 解密). */
export function currentMarkingText(record: CarrierRecord): string {
  return formatCarrierMarking(record).current;
}

/** 数量/页数: '1件/12页', or '1件' when no page count was registered. */
export function quantityText(record: Pick<CarrierRecord, 'quantity' | 'pages'>): string {
  return record.pages ? `${record.quantity}件/${record.pages}页` : `${record.quantity}件`;
}

/** What the preview shows until 打印 / 导出PDF takes the number. */
export const COPY_NUMBER_PENDING = '（打印时编号）';

/**
 * A print of classified data is itself a numbered copy (DOMAIN.md §4), so its number goes at the
 * top right of the first page, where a reader of the paper looks for it. `value` '' means no
 * number has been taken yet (the preview): the screen says so, and paper made from that state
 * (Ctrl+P, a PDF of the preview) carries only the notice to print with the tool bar's buttons,
 * never an unnumbered copy. Render it as a direct child of the document (the stylesheet hides
 * the document's other children on paper while it is pending).
 */
export function PrintCopyNumber({ value }: { value: string }) {
  if (value) return <div className="ws-carrier-copyno">打印份号：{value}</div>;
  return (
    <>
      <div className="ws-carrier-copyno">打印份号：{COPY_NUMBER_PENDING}</div>
      <UnnumberedNotice />
    </>
  );
}

/**
 * What paper made from an unnumbered preview carries instead of the document (a direct child of
 * the document: the stylesheet then hides its siblings on paper, and it is hidden on screen).
 */
export function UnnumberedNotice() {
  return (
    <div className="ws-carrier-unnumbered" role="note">
      本件未取得打印份号，不能打印。请在打印预览上方点击“打印”或“导出PDF”：打印时自动编号并登记。
    </div>
  );
}

/** Column widths in mm; a column without one shares what is left of the text block. */
export interface CarrierColumn {
  label: string;
  mm?: number;
}

/** Each column's width as a percentage of the table (a column without mm counts as 0); they sum to 100. */
export function columnPercents(columns: readonly CarrierColumn[]): number[] {
  const total = columns.reduce((sum, c) => sum + (c.mm ?? 0), 0);
  return columns.map((c) => ((c.mm ?? 0) / total) * 100);
}

/**
 * <colgroup> and a one-row <thead> (Chromium repeats a table-header-group on every printed page).
 * `proportional`: every column's mm is its width as designed for the narrowest text block it may
 * get (landscape 261 mm, 18 mm each side; portrait 156 mm) and is printed as a share of the table
 * (fixed layout, widths summing to 100%), so the table fits the text block whatever the page's
 * margins are and keeps its proportions.
 */
export function CarrierTableHead({ columns, proportional = false }: { columns: readonly CarrierColumn[]; proportional?: boolean }) {
  const widths = proportional ? columnPercents(columns) : null;
  return (
    <>
      <colgroup>
        {columns.map((c, i) => (
          <col key={c.label} style={widths ? { width: `${widths[i]!.toFixed(3)}%` } : c.mm ? { width: `${c.mm}mm` } : undefined} />
        ))}
      </colgroup>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.label} scope="col">
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
    </>
  );
}

/** One line to sign, '销毁人：赵六 签字：＿＿＿＿ 日期：＿＿＿＿' (全角空格 between the parts); without a name, '保密员签字：…'. */
export function SignLine({ role, name }: { role: string; name?: string }) {
  const who = name === undefined ? `${role}签字：` : `${role}：${name}${SP}签字：`;
  return (
    <div className="ws-carrier-sign-line">
      {who}
      {SIGN_BLANK}
      {SP}日期：{SIGN_BLANK}
    </div>
  );
}
