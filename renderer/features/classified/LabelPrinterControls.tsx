import { App, AutoComplete, Button, Form, InputNumber, Popconfirm, Select, Space } from 'antd';
import { useId, useState } from 'react';
import { DEFAULT_LABEL_SHEET, LABEL_OFFSET_LIMIT_MM, LABEL_SHEET_IDS, LABEL_SHEETS, NO_OFFSET, type LabelOffset, type LabelSheetId } from '@shared/domain/carrier-label';
import type { LabelPrinterProfile } from '@shared/domain/settings-schemas';
import { useDb } from '../../db/DbContext';
import { useLiveQuery } from '../../db/live';
import { getLabelPrinters } from '../../db/repositories/carriers';
import { useSend } from '../../db/commands/use-send';
import { CommandDialog } from '../../ui/CommandDialog';

// The label print's tool bar: which printer (a saved profile: its label sheet and the offsets that
// put the print on that sheet's cells) this PC prints on, and a dialog to save a profile. The
// profiles are the office's (setting 'labelPrinters', saved and deleted by the audited commands
// carrier.labelPrinter.save / .delete); which one this PC uses is remembered on this PC.

const CHOSEN_KEY = 'wenshu.labelPrinter';

/** The sheet and offsets a label print uses: the chosen profile's, or plain paper without offsets. */
export interface LabelLayout {
  sheet: LabelSheetId;
  offset: LabelOffset;
}

const PLAIN: LabelLayout = { sheet: DEFAULT_LABEL_SHEET, offset: NO_OFFSET };

function readChosen(): string {
  try {
    return localStorage.getItem(CHOSEN_KEY) ?? '';
  } catch {
    return '';
  }
}

function layoutOf(profile: LabelPrinterProfile | undefined): LabelLayout {
  return profile ? { sheet: profile.sheet, offset: { xMm: profile.offsetXMm, yMm: profile.offsetYMm } } : PLAIN;
}

/** The profiles, the one chosen on this PC, and the layout it gives. */
export function useLabelPrinter() {
  const db = useDb();
  const settings = useLiveQuery(() => getLabelPrinters(db), [db]);
  const [chosen, setChosenState] = useState(readChosen);
  const profiles = settings?.profiles ?? [];
  const profile = profiles.find((p) => p.name === chosen);
  const setChosen = (name: string) => {
    setChosenState(name);
    try {
      localStorage.setItem(CHOSEN_KEY, name);
    } catch {
      // A PC that keeps no local storage just asks again next time.
    }
  };
  return { profiles, chosen: profile ? chosen : '', setChosen, layout: layoutOf(profile), loaded: settings !== undefined };
}

function offsetText(mm: number): string {
  return mm === 0 ? '0' : `${mm > 0 ? '+' : ''}${mm}`;
}

interface Values {
  name: string;
  sheet: LabelSheetId;
  offsetXMm: number | null;
  offsetYMm: number | null;
}

function LabelPrinterDialog({ profiles, initial, onSaved, onClose }: { profiles: readonly LabelPrinterProfile[]; initial: LabelPrinterProfile | undefined; onSaved: (name: string) => void; onClose: () => void }) {
  const send = useSend();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const ids = { name: useId(), sheet: useId() };
  return (
    <CommandDialog<Values, LabelPrinterProfile>
      title="标签打印机"
      verb="保存"
      form={form}
      width={560}
      initialValues={{ name: initial?.name ?? '', sheet: initial?.sheet ?? DEFAULT_LABEL_SHEET, offsetXMm: initial?.offsetXMm ?? 0, offsetYMm: initial?.offsetYMm ?? 0 }}
      formProps={{
        onValuesChange: (changed: Partial<Values>) => {
          // Picking a saved printer's name shows what it has.
          const p = changed.name !== undefined ? profiles.find((x) => x.name === changed.name) : undefined;
          if (p) form.setFieldsValue({ sheet: p.sheet, offsetXMm: p.offsetXMm, offsetYMm: p.offsetYMm });
        },
      }}
      run={(v) =>
        send('carrier.labelPrinter.save', {
          name: v.name ?? '',
          sheet: v.sheet,
          // An emptied box is a mistake to say, not 0.
          offsetXMm: v.offsetXMm ?? Number.NaN,
          offsetYMm: v.offsetYMm ?? Number.NaN,
        })
      }
      onClose={onClose}
      onDone={(p) => {
        void message.success(`已保存打印机“${p.name}”的标签设置`);
        onSaved(p.name);
      }}
    >
      <Form.Item label="打印机名称" name="name" required extra="如 机要室 HP；同名的配置被替换" htmlFor={ids.name}>
        <AutoComplete id={ids.name} options={profiles.map((p) => ({ value: p.name }))} maxLength={30} />
      </Form.Item>
      <Form.Item label="标签纸" name="sheet" required htmlFor={ids.sheet}>
        <Select id={ids.sheet} options={LABEL_SHEET_IDS.map((id) => ({ value: id, label: LABEL_SHEETS[id].name }))} />
      </Form.Item>
      <Space size="large" wrap>
        <Form.Item label="左右偏移（毫米）" name="offsetXMm" extra="正数向右，负数向左">
          <InputNumber min={-LABEL_OFFSET_LIMIT_MM} max={LABEL_OFFSET_LIMIT_MM} step={0.5} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item label="上下偏移（毫米）" name="offsetYMm" extra="正数向下，负数向上">
          <InputNumber min={-LABEL_OFFSET_LIMIT_MM} max={LABEL_OFFSET_LIMIT_MM} step={0.5} style={{ width: 120 }} />
        </Form.Item>
      </Space>
    </CommandDialog>
  );
}

/** Tool bar controls: the printer used for this print, and 打印机设置. */
export function LabelPrinterControls({ printer, canEdit }: { printer: ReturnType<typeof useLabelPrinter>; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const send = useSend();
  const { message } = App.useApp();
  const current = printer.profiles.find((p) => p.name === printer.chosen);
  async function remove(name: string) {
    try {
      await send('carrier.labelPrinter.delete', { name });
      printer.setChosen('');
      void message.success(`已删除打印机“${name}”的标签设置`);
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  }
  return (
    <Space>
      <Select
        aria-label="标签打印机"
        style={{ width: 300 }}
        value={printer.chosen}
        onChange={printer.setChosen}
        options={[
          { value: '', label: `不指定打印机（${LABEL_SHEETS[DEFAULT_LABEL_SHEET].name}）` },
          ...printer.profiles.map((p) => ({
            value: p.name,
            label: `${p.name}：${LABEL_SHEETS[p.sheet].name.replace(/（.*$/, '')}，偏移 ${offsetText(p.offsetXMm)}/${offsetText(p.offsetYMm)} mm`,
          })),
        ]}
      />
      {canEdit && (
        <Button autoInsertSpace={false} onClick={() => setEditing(true)}>
          打印机设置
        </Button>
      )}
      {canEdit && current && (
        <Popconfirm title={`删除打印机“${current.name}”的标签设置？`} okText="删除" cancelText="取消" onConfirm={() => remove(current.name)}>
          <Button autoInsertSpace={false} danger>
            删除此打印机
          </Button>
        </Popconfirm>
      )}
      {editing && <LabelPrinterDialog profiles={printer.profiles} initial={current} onSaved={printer.setChosen} onClose={() => setEditing(false)} />}
    </Space>
  );
}
