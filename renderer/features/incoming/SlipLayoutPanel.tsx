import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, InputNumber, Space, Tag, Typography } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ZodType } from 'zod';
import {
  BUILT_IN_BOXES,
  OPTIONAL_BOXES,
  SLIP_LABEL_MAX,
  SLIP_MAX_EXTRA_ROWS,
  SLIP_MAX_ROW_LINES,
  SLIP_MAX_TOTAL_LINES,
  UNIT_NAME_PLACEHOLDER,
  slipLayoutSchema,
  totalLines,
  type BuiltInBox,
  type SlipLayout,
  type SlipRow,
} from '@shared/domain/slip-layout';
import { useDb } from '../../db/DbContext';
import { useSend } from '../../db/commands/use-send';
import { getUnitInfo } from '../../db/repositories/settings';
import { getSlipLayout } from '../../db/repositories/slip-layout';
import { CommandForm } from '../../ui/CommandForm';

// The print module (with the bundled print font) loads only when the preview is shown.
const SlipPreview = lazy(() => import('../../print/SlipPreview').then((m) => ({ default: m.SlipPreview })));

/** A row as the form holds it: the height is null while its box is empty. */
interface FormRow {
  kind: SlipRow['kind'];
  label?: string;
  lines: number | null;
}
interface FormValues {
  title: string;
  rows: FormRow[];
}

/** The preview scale: an A4 sheet (794 px) at half size sits beside the form on a 1366 px screen. */
const PREVIEW_SCALE = 0.5;

/**
 * No rule of its own (the layout's schema checks on saving), but a field with a rule is checked
 * again when it changes, which takes a message placed beside it away once the user edits it.
 */
const CLEAR_ON_EDIT = [{ validator: () => Promise.resolve() }];

const toForm = (l: SlipLayout): FormValues => ({ title: l.title, rows: l.rows.map((r) => ({ ...r })) });

/** What the preview draws while the user types: whatever is there, an empty height as one line. */
function previewLayout(v: Partial<FormValues> | undefined, fallback: SlipLayout): SlipLayout {
  const rows = (v?.rows ?? fallback.rows).flatMap((r): SlipRow[] => {
    if (!r) return [];
    const lines = Math.min(SLIP_MAX_ROW_LINES, Math.max(1, Math.round(Number(r.lines) || 1)));
    return r.kind === 'extra' ? [{ kind: 'extra', label: (r as FormRow).label ?? '', lines }] : [{ kind: r.kind, lines }];
  });
  return { title: v?.title ?? fallback.title, rows };
}

/**
 * 设置 → 打印: the 收文处理笺 layout (title, order and heights of the boxes, the office's own
 * boxes), with the real slip beside the form as a live preview. Rows move by their ↑ ↓ buttons or
 * Alt+↑ / Alt+↓ from anywhere in the row.
 */
export function SlipLayoutPanel() {
  const db = useDb();
  const send = useSend();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [loaded, setLoaded] = useState<{ layout: SlipLayout; unitName: string } | null>(null);

  // Loaded once, not live: a live reload would overwrite what is being edited.
  useEffect(() => {
    void Promise.all([getSlipLayout(db), getUnitInfo(db)]).then(([layout, unit]) => setLoaded({ layout, unitName: unit?.name ?? '' }));
  }, [db]);

  const title = Form.useWatch('title', form);
  const rows = Form.useWatch('rows', form);
  const preview = useMemo(() => (loaded ? previewLayout({ title, rows }, loaded.layout) : null), [loaded, title, rows]);
  const schema = useMemo(() => (loaded ? (slipLayoutSchema(loaded.unitName) as unknown as ZodType<FormValues>) : undefined), [loaded]);

  // After a move, the control that had the focus keeps it (it moved with its row).
  const refocus = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const el = refocus.current;
    refocus.current = null;
    if (!el) return;
    if (el.isConnected && !(el as HTMLButtonElement).disabled) el.focus();
    else el.closest<HTMLElement>('[data-slip-row]')?.querySelector<HTMLElement>('input')?.focus();
  });

  if (!loaded || !preview) return null;
  const total = totalLines(preview.rows);
  const extras = (rows ?? []).filter((r) => r?.kind === 'extra').length;
  const missingOptional = OPTIONAL_BOXES.filter((k) => !(rows ?? []).some((r) => r?.kind === k));

  return (
    <div style={{ display: 'flex', gap: 24, alignItems: 'flex-start', flexWrap: 'wrap' }}>
      <div style={{ flex: '1 1 420px', maxWidth: 560 }}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          收文处理笺
        </Typography.Title>
        <CommandForm<FormValues, SlipLayout>
          form={form}
          verb="保存"
          formLabel="收文处理笺格式"
          initialValues={toForm(loaded.layout)}
          formProps={{
            // The rows' message (too many lines, a box left off) is about the whole list: gone once the list changes.
            onValuesChange: (changed: Partial<FormValues>) => {
              if (changed.rows && form.getFieldError(['rows']).length) form.setFields([{ name: ['rows'], errors: [] }]);
            },
          }}
          {...(schema ? { schema } : {})}
          run={(v) => send('settings.slipLayout.save', v)}
          onDone={(saved) => {
            form.setFieldsValue(toForm(saved));
            void message.success('收文处理笺格式已保存');
          }}
        >
          <Form.Item
            label="标题"
            name="title"
            rules={CLEAR_ON_EDIT}
            extra={
              <>
                {UNIT_NAME_PLACEHOLDER} 处印本单位名称（{loaded.unitName || '单位信息中设置'}）；标题最多排两行。
                <Button type="link" size="small" onClick={() => form.setFieldValue('title', `${form.getFieldValue('title') ?? ''}${UNIT_NAME_PLACEHOLDER}`)}>
                  插入单位名称
                </Button>
              </>
            }
          >
            <Input />
          </Form.Item>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            登记栏（收文编号至紧急程度）固定在标题下；以下各栏自上而下排列，高度以行计（一行 8 毫米），剩余版面按高度分给各栏。
            拟办意见、领导批示、办理结果记录办理过程，可调整位置和高度，不能删去。选中某栏后按 Alt+↑ / Alt+↓ 可上下移动。
          </Typography.Paragraph>
          <Form.List name="rows">
            {(fields, { add, remove, move }, { errors }) => {
              const moveRow = (from: number, to: number) => {
                if (to < 0 || to >= fields.length) return;
                refocus.current = document.activeElement as HTMLElement | null;
                move(from, to);
              };
              return (
                <div role="list" aria-label="栏目">
                  {fields.map((field, i) => {
                    // Read from the form, not the watched copy: after a move or removal that is a render behind.
                    const row = form.getFieldValue(['rows', field.name]) as FormRow | undefined;
                    const kind = row?.kind ?? 'extra';
                    const builtIn = kind !== 'extra';
                    const name = builtIn ? BUILT_IN_BOXES[kind as BuiltInBox] : row?.label || '自定义栏目';
                    const onKeyDown = (e: KeyboardEvent) => {
                      if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
                      // Caught on the way down: the height box must not also step its number.
                      e.preventDefault();
                      e.stopPropagation();
                      moveRow(i, e.key === 'ArrowUp' ? i - 1 : i + 1);
                    };
                    return (
                      <div key={field.key} role="listitem" aria-label={name} data-slip-row onKeyDownCapture={onKeyDown} style={{ display: 'flex', gap: 8, alignItems: 'flex-start', marginBottom: 4 }}>
                        {/* Registered, so the row's kind is part of what is watched and sent. */}
                        <Form.Item name={[field.name, 'kind']} hidden>
                          <Input />
                        </Form.Item>
                        <div style={{ width: 180 }}>
                          {builtIn ? (
                            <div style={{ lineHeight: '32px' }}>
                              {name} <Tag>办理记录</Tag>
                            </div>
                          ) : (
                            <Form.Item name={[field.name, 'label']} rules={CLEAR_ON_EDIT} style={{ marginBottom: 8 }}>
                              <Input aria-label={`第 ${i + 1} 栏名称`} placeholder="如 核稿" maxLength={SLIP_LABEL_MAX + 4} />
                            </Form.Item>
                          )}
                        </div>
                        <Form.Item name={[field.name, 'lines']} rules={CLEAR_ON_EDIT} style={{ marginBottom: 8 }}>
                          <InputNumber aria-label={`${name}高度`} min={1} max={SLIP_MAX_ROW_LINES} precision={0} suffix="行" style={{ width: 110 }} />
                        </Form.Item>
                        <Space size={4}>
                          <Button icon={<ArrowUpOutlined />} aria-label={`上移 ${name}`} title="上移（Alt+↑）" disabled={i === 0} onClick={() => moveRow(i, i - 1)} />
                          <Button icon={<ArrowDownOutlined />} aria-label={`下移 ${name}`} title="下移（Alt+↓）" disabled={i === fields.length - 1} onClick={() => moveRow(i, i + 1)} />
                          {(!builtIn || OPTIONAL_BOXES.includes(kind as BuiltInBox)) && (
                            <Button icon={<DeleteOutlined />} aria-label={`删除 ${name}`} title={builtIn ? '不印此栏（办理记录仍保留在系统中）' : '删除此栏'} onClick={() => remove(field.name)} />
                          )}
                        </Space>
                      </div>
                    );
                  })}
                  <Form.ErrorList errors={errors} />
                  <Typography.Paragraph type={total > SLIP_MAX_TOTAL_LINES ? 'danger' : 'secondary'} style={{ margin: '4px 0 8px' }}>
                    合计 {total} 行，一页最多 {SLIP_MAX_TOTAL_LINES} 行
                  </Typography.Paragraph>
                  <Space wrap style={{ marginBottom: 16 }}>
                    <Button disabled={extras >= SLIP_MAX_EXTRA_ROWS} onClick={() => add({ kind: 'extra', label: '', lines: 2 })}>
                      添加栏目
                    </Button>
                    {missingOptional.map((k) => (
                      <Button key={k} onClick={() => add({ kind: k, lines: 2 })}>
                        恢复“{BUILT_IN_BOXES[k]}”栏
                      </Button>
                    ))}
                  </Space>
                </div>
              );
            }}
          </Form.List>
        </CommandForm>
      </div>
      <figure aria-label="预览" style={{ margin: 0, flex: 'none' }}>
        <figcaption style={{ marginBottom: 4, color: 'rgba(0,0,0,0.45)' }}>预览（示例收文，按 A4 缩小）</figcaption>
        <div style={{ border: '1px solid #d9d9d9', boxShadow: '0 1px 6px rgba(0,0,0,0.15)', lineHeight: 0 }}>
          <Suspense fallback={<div style={{ width: 397, height: 561 }} />}>
            <SlipPreview layout={preview} unitName={loaded.unitName} scale={PREVIEW_SCALE} />
          </Suspense>
        </div>
      </figure>
    </div>
  );
}
