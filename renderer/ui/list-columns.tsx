import { Button, Checkbox, Popover, Space, Tooltip, Typography } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { useState, type ReactNode } from 'react';
import { useActor } from './session';

// Lists that fit a 1366×768 screen (issue #14): long text is cut with an ellipsis and shown whole
// in a tooltip, and each register list has a column chooser whose choice is kept per user on this
// PC (localStorage: a screen preference, not a record; nothing in it is secret).

/**
 * Text cut to its cell with "…", whole in a tooltip on hover and for screen readers. Use in a
 * column declared with `ellipsis: { showTitle: false }` (ellipsisColumn does both).
 */
export function CellText({ text, secondary, children }: { text: string | undefined | null; secondary?: boolean; children?: ReactNode }) {
  const shown = children ?? text ?? '';
  if (!text) return <>{shown}</>;
  return (
    <Tooltip title={text} placement="topLeft" mouseEnterDelay={0.3}>
      <Typography.Text type={secondary ? 'secondary' : undefined} style={{ display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
        {shown}
      </Typography.Text>
    </Tooltip>
  );
}

/** A column of long text: cut with an ellipsis, the whole text in a tooltip. `text` reads the row's text. */
export function ellipsisColumn<T>(col: Omit<ColumnType<T>, 'render' | 'ellipsis'> & { text: (row: T) => string | undefined | null; secondary?: (row: T) => boolean; render?: (row: T) => ReactNode }): ColumnType<T> {
  const { text, secondary, render, ...rest } = col;
  return {
    ...rest,
    ellipsis: { showTitle: false },
    render: (_: unknown, row: T) => (
      <CellText text={text(row)} secondary={secondary?.(row) ?? false}>
        {render?.(row)}
      </CellText>
    ),
  };
}

/** A column the chooser can name: its key and a title that is a plain string. */
export type ChoosableColumn<T> = ColumnType<T> & {
  key: string;
  title: string;
  /** Not shown until the user turns it on (the key columns are on by default). */
  optional?: boolean;
  /** Always shown (the record's number): the chooser does not offer to hide it. */
  fixedOn?: boolean;
};

const storageKey = (userId: string, list: string) => `wenshu.columns.${userId}.${list}`;

/** The user's choice for `list`: the keys they turned on and off against the defaults. */
interface Choice {
  on: string[];
  off: string[];
}

function readChoice(userId: string, list: string): Choice {
  try {
    const raw = window.localStorage.getItem(storageKey(userId, list));
    if (!raw) return { on: [], off: [] };
    const v = JSON.parse(raw) as Partial<Choice>;
    const strings = (x: unknown) => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);
    return { on: strings(v.on), off: strings(v.off) };
  } catch {
    return { on: [], off: [] };
  }
}

function writeChoice(userId: string, list: string, choice: Choice): void {
  try {
    window.localStorage.setItem(storageKey(userId, list), JSON.stringify(choice));
  } catch {
    // A full or blocked storage only loses the preference; the list still works.
  }
}

function isShown(c: ChoosableColumn<never>, choice: Choice): boolean {
  if (c.fixedOn) return true;
  if (choice.off.includes(c.key)) return false;
  if (choice.on.includes(c.key)) return true;
  return !c.optional;
}

/**
 * The columns of `list` the user chose to see, and the 列设置 button that changes the choice.
 * Stored per user (the signed-in account) under `list`.
 */
export function useColumnChooser<T>(list: string, columns: readonly ChoosableColumn<T>[]): { columns: ChoosableColumn<T>[]; chooser: ReactNode } {
  const actor = useActor();
  const [choice, setChoice] = useState<Choice>(() => readChoice(actor.id, list));
  const all = columns as readonly ChoosableColumn<never>[];
  const toggle = (key: string, on: boolean) => {
    const next: Choice = { on: choice.on.filter((k) => k !== key), off: choice.off.filter((k) => k !== key) };
    (on ? next.on : next.off).push(key);
    setChoice(next);
    writeChoice(actor.id, list, next);
  };
  const reset = () => {
    setChoice({ on: [], off: [] });
    writeChoice(actor.id, list, { on: [], off: [] });
  };
  const chooser = (
    <Popover
      trigger="click"
      placement="bottomRight"
      title="显示的列"
      content={
        <Space orientation="vertical" role="group" aria-label="显示的列">
          {all
            .filter((c) => !c.fixedOn)
            .map((c) => (
              <Checkbox key={c.key} checked={isShown(c, choice)} onChange={(e) => toggle(c.key, e.target.checked)}>
                {c.title}
              </Checkbox>
            ))}
          <Button size="small" type="link" style={{ padding: 0 }} onClick={reset}>
            恢复默认
          </Button>
        </Space>
      }
    >
      <Button>列设置</Button>
    </Popover>
  );
  return { columns: columns.filter((c) => isShown(c as ChoosableColumn<never>, choice)), chooser };
}

/**
 * The bar above a list whose rows can be acted on together: how many are chosen, 全选筛选结果
 * (every row the filters select, not only this page) and the batch actions.
 */
export function SelectionBar({ count, total, onSelectAll, onClear, children }: { count: number; total: number; onSelectAll(): void; onClear(): void; children?: ReactNode }) {
  return (
    <Space wrap style={{ marginBottom: 8 }} role="toolbar" aria-label="批量办理">
      <Typography.Text aria-live="polite">{count ? `已选 ${count} 件` : '未选择'}</Typography.Text>
      <Button size="small" disabled={total === 0 || count === total} onClick={onSelectAll}>
        {`全选筛选结果（${total} 件）`}
      </Button>
      {count > 0 && (
        <Button size="small" onClick={onClear}>
          取消选择
        </Button>
      )}
      {count > 0 && children}
    </Space>
  );
}

/**
 * One item of a 工作台 card: its number (a link) and title on the first line — the title takes the
 * whole rest of the line, cut with "…" and whole in a tooltip — and the details (date, 承办单位,
 * 逾期) on a second line, so a narrow card never squeezes the title to a few characters.
 */
export function CardLine({ head, title, link, detail }: { head: ReactNode; title: string; /** The title as shown, when it is a link. */ link?: ReactNode; detail?: ReactNode }) {
  return (
    <div style={{ width: '100%', minWidth: 0 }}>
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 8, minWidth: 0 }}>
        <span style={{ flex: 'none' }}>{head}</span>
        <span style={{ flex: 1, minWidth: 0 }}>
          <CellText text={title}>{link}</CellText>
        </span>
      </div>
      {detail && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {detail}
        </Typography.Text>
      )}
    </div>
  );
}
