import { App, Button, Form, Input, List, Modal, Select, Space, Typography, type FormInstance } from 'antd';
import { useState, type CSSProperties } from 'react';
import { isLeaderTitle } from '@shared/domain/directory';
import type { DirectoryPerson } from '@shared/domain/meeting-types';
import { can } from '@shared/domain/permissions';
import { insertPhrase, type PhraseKind } from '@shared/domain/phrases';
import { cleanLine } from '@shared/domain/text';
import { useSend } from '../db/commands/use-send';
import { useAccountChoices, usePeopleDirectory, usePhrases, useUnitChoices } from '../db/hooks';
import { errorText } from './error-text';
import { useActor } from './session';

// The picker kit (issue #14 "Pick, don't type"): names are picked from the 人员名录 and the 机构
// list instead of typed, so one person or unit is written one way everywhere (the 督办通报 groups
// by 责任单位). Typing filters; a name not in the list is offered as "添加“…”到人员名录/机构名录",
// which saves it through the list's own command (audited) and picks it. Keyboard only: type, ↓/↑,
// Enter. The value stays a plain name (the records store names).

const ADD = '\u0000add:';

export interface NameGroup {
  label: string;
  names: readonly string[];
}

export interface NamePickerProps {
  id?: string;
  value?: string;
  onChange?: (name: string) => void;
  groups: readonly NameGroup[];
  /** Shown beside a name in the list (单位 and 职务) and searched too. */
  describe?: (name: string) => string;
  /** The text of the add option, e.g. 添加“张三”到人员名录. */
  addLabel: (text: string) => string;
  /** Absent: nothing can be added (the user may not change the list). */
  onAdd?: (text: string) => Promise<unknown>;
  /** Longest name the list takes. */
  maxLength?: number;
  placeholder?: string;
  style?: CSSProperties;
  autoFocus?: boolean;
  loading?: boolean;
}

/** One name picked from grouped lists, or added to the list in place. */
export function NamePicker({ id, value, onChange, groups, describe, addLabel, onAdd, maxLength = 40, placeholder, style, autoFocus, loading }: NamePickerProps) {
  const { message } = App.useApp();
  const [search, setSearch] = useState('');
  const [adding, setAdding] = useState(false);
  const text = cleanLine(search).trim();
  const known = new Set(groups.flatMap((g) => g.names));
  const matches = (n: string) => !text || n.includes(text) || (describe?.(n) ?? '').includes(text);
  const option = (n: string) => ({ value: n, label: n, title: n });
  const options: (ReturnType<typeof option> | { label: string; title: string; options: ReturnType<typeof option>[] })[] = groups
    .map((g) => ({ label: g.label, title: g.label, options: [...new Set(g.names)].filter(matches).map(option) }))
    .filter((g) => g.options.length > 0);
  // A name stored before it was in the list (or just added) still shows as chosen.
  if (value && !known.has(value) && matches(value)) options.unshift(option(value));
  if (onAdd && text && !known.has(text) && text !== value) {
    const label = Array.from(text).length > maxLength ? `名称不能超过 ${maxLength} 个字` : addLabel(text);
    options.push({ value: `${ADD}${text}`, label, title: label });
  }

  const change = async (v: string | undefined) => {
    setSearch('');
    if (!v?.startsWith(ADD)) return onChange?.(v ?? '');
    const name = v.slice(ADD.length);
    if (Array.from(name).length > maxLength || !onAdd) return;
    setAdding(true);
    try {
      await onAdd(name);
      onChange?.(name);
      void message.success(`已添加 ${name}`);
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setAdding(false);
    }
  };

  return (
    <Select<string>
      id={id}
      value={value || undefined}
      onChange={(v) => void change(v)}
      allowClear
      autoFocus={autoFocus}
      loading={loading || adding}
      disabled={adding}
      placeholder={placeholder ?? (onAdd ? '输入筛选，可添加新名称' : '输入筛选')}
      showSearch={{ searchValue: search, onSearch: setSearch, filterOption: false }}
      options={options}
      optionRender={(o) => {
        const v = String(o.value ?? '');
        if (v.startsWith(ADD)) return <Typography.Text type="success">{String(o.label)}</Typography.Text>;
        const extra = describe?.(v);
        return (
          <span>
            {v}
            {extra && <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>{extra}</Typography.Text>}
          </span>
        );
      }}
      notFoundContent={text ? '名录中没有此名称' : '名录还是空的'}
      style={style}
    />
  );
}

type PickerProps = Omit<NamePickerProps, 'groups' | 'describe' | 'addLabel' | 'onAdd' | 'maxLength'>;

const personNote = (p: DirectoryPerson) => [p.unit, p.title].filter(Boolean).join(' ');

/**
 * A person from the 人员名录 (批示领导, 责任人, 交办人). `leaders`: people whose 职务 marks a leader
 * (isLeaderTitle) come first, under 领导, and someone added here gets the 职务 “领导”.
 */
export function PersonPicker({ leaders, ...props }: PickerProps & { leaders?: boolean }) {
  const people = usePeopleDirectory();
  const actor = useActor();
  const send = useSend();
  const list = people ?? [];
  const notes = new Map<string, string>();
  for (const p of list) if (!notes.has(p.name)) notes.set(p.name, personNote(p));
  const groups: NameGroup[] = leaders
    ? [
        { label: '领导', names: list.filter((p) => isLeaderTitle(p.title)).map((p) => p.name) },
        { label: '其他人员', names: list.filter((p) => !isLeaderTitle(p.title)).map((p) => p.name) },
      ]
    : [{ label: '人员名录', names: list.map((p) => p.name) }];
  return (
    <NamePicker
      {...props}
      loading={!people}
      groups={groups}
      describe={(n) => notes.get(n) ?? ''}
      maxLength={20}
      addLabel={(t) => `添加“${t}”到人员名录`}
      {...(can(actor, 'meetings.manage') ? { onAdd: (name: string) => send('people.save', { name, unit: '', title: leaders ? '领导' : '' }) } : {})}
    />
  );
}

/** A 机构: the office's own departments, then 其他机构 (县财政局 …), to which one can be added. */
export function UnitPicker(props: PickerProps) {
  const choices = useUnitChoices();
  const actor = useActor();
  const send = useSend();
  const groups: NameGroup[] = [
    { label: '本单位机构', names: choices?.own ?? [] },
    { label: '其他机构', names: choices?.others ?? [] },
  ];
  return (
    <NamePicker
      {...props}
      loading={!choices}
      groups={groups}
      maxLength={40}
      addLabel={(t) => `添加“${t}”到机构名录`}
      {...(can(actor, 'supervision.manage') ? { onAdd: (name: string) => send('settings.save', { key: 'unitDirectory', value: { names: [...(choices?.stored ?? []), name] } }) } : {})}
    />
  );
}

/**
 * Several 机构 in the order picked (a 纪要's 抄送, a 发文's 主送 and 抄送): the office's own
 * departments, then 其他机构. A unit not in the list is added to the 机构名录 first (设置, a 责任单位
 * picker, or here with `addable` for whoever keeps that list), so one unit is written one way everywhere.
 */
export function UnitsPicker({ id, value, onChange, style, addable }: { id?: string; value?: string[]; onChange?: (v: string[]) => void; style?: CSSProperties; addable?: boolean }) {
  const choices = useUnitChoices();
  const actor = useActor();
  const send = useSend();
  const { message } = App.useApp();
  const [search, setSearch] = useState('');
  const [adding, setAdding] = useState(false);
  const option = (n: string) => ({ value: n, label: n, title: n });
  const known = new Set([...(choices?.own ?? []), ...(choices?.others ?? [])]);
  // A unit stored before it left the list still shows as chosen.
  const stray = (value ?? []).filter((n) => !known.has(n));
  const mayAdd = !!addable && can(actor, 'supervision.manage');
  const text = cleanLine(search).trim();
  const options: { label: string; title: string; options: { value: string; label: string; title: string }[] }[] = [
    ...(stray.length ? [{ label: '已选', title: '已选', options: stray.map(option) }] : []),
    { label: '本单位机构', title: '本单位机构', options: (choices?.own ?? []).map(option) },
    { label: '其他机构', title: '其他机构', options: (choices?.others ?? []).map(option) },
  ].filter((g) => g.options.length > 0);
  if (mayAdd && text && !known.has(text) && !(value ?? []).includes(text) && Array.from(text).length <= 40) {
    const label = `添加“${text}”到机构名录`;
    options.push({ label: '添加', title: '添加', options: [{ value: `${ADD}${text}`, label, title: label }] });
  }
  const change = async (v: string[]) => {
    const added = v.find((x) => x.startsWith(ADD));
    setSearch('');
    if (!added) return onChange?.(v);
    const name = added.slice(ADD.length);
    setAdding(true);
    try {
      await send('settings.save', { key: 'unitDirectory', value: { names: [...(choices?.stored ?? []), name] } });
      onChange?.(v.map((x) => (x === added ? name : x)));
      void message.success(`已添加 ${name}`);
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setAdding(false);
    }
  };
  return (
    <Select<string[]>
      id={id}
      mode="multiple"
      value={value ?? []}
      onChange={(v) => void change(v)}
      allowClear
      loading={!choices || adding}
      placeholder={mayAdd ? '输入筛选，选择机构，可添加新机构' : '输入筛选，选择机构'}
      showSearch={{ searchValue: search, onSearch: setSearch, optionFilterProp: 'label' }}
      options={options}
      notFoundContent={mayAdd ? '机构名录中没有此名称' : '机构名录中没有此名称：请先在责任单位中添加到机构名录'}
      style={style}
    />
  );
}

/**
 * 承办人 or 传阅 readers (`multiple`, in the order picked): accounts, since the person must sign in
 * to see the document and mark 已阅; shown with the 单位 and 职务 of their 人员名录 entry and
 * filtered by both. An account is created by the 系统管理员 (三员分立), so none is added here.
 */
export function AccountPicker({ id, value, onChange, multiple, style }: { id?: string; value?: string | string[]; onChange?: (v: string | string[] | undefined) => void; multiple?: boolean; style?: CSSProperties }) {
  const accounts = useAccountChoices();
  const notes = new Map((accounts ?? []).map((a) => [a.id, a.note]));
  return (
    <Select<string | string[]>
      id={id}
      value={value}
      onChange={(v) => onChange?.(v)}
      allowClear
      loading={!accounts}
      {...(multiple ? { mode: 'multiple' as const } : {})}
      showSearch={{ filterOption: (input, o) => `${String(o?.label ?? '')} ${notes.get(String(o?.value)) ?? ''}`.includes(input.trim()) }}
      options={(accounts ?? []).map((a) => ({ value: a.id, label: a.name, title: a.name }))}
      optionRender={(o) => {
        const extra = notes.get(String(o.value));
        return (
          <span>
            {String(o.label)}
            {extra && <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>{extra}</Typography.Text>}
          </span>
        );
      }}
      notFoundContent="没有此人的账号：请系统管理员添加账号"
      style={style}
    />
  );
}

/**
 * 常用意见 beside a text box of the form (`field`): pick one (type to filter, ↓, Enter) and it is
 * inserted into the box, which takes the focus back. 管理 adds and removes the user's phrases.
 */
export function PhrasePicker({ kind, field }: { kind: PhraseKind; field: string }) {
  const form = Form.useFormInstance();
  const phrases = usePhrases();
  const [managing, setManaging] = useState(false);
  const list = phrases?.[kind] ?? [];
  const insert = (p: string) => {
    const next = insertPhrase(form.getFieldValue(field) as string | undefined, p);
    // touched: the dialog asks before discarding it, as if typed.
    form.setFields([{ name: field, value: next, touched: true, errors: [] }]);
    focusField(form, field);
  };
  return (
    <Space.Compact style={{ width: '100%', marginBottom: 8 }}>
      <Select<string>
        aria-label="常用意见"
        value={null}
        placeholder={list.length > 0 ? '常用意见：输入筛选，回车插入' : '还没有常用意见，点“管理”添加'}
        showSearch={{ optionFilterProp: 'label' }}
        options={list.map((p) => ({ value: p, label: p, title: p }))}
        onSelect={(p: string) => insert(p)}
        notFoundContent="没有匹配的常用意见"
        style={{ flex: 1 }}
      />
      <Button onClick={() => setManaging(true)}>管理</Button>
      {managing && <PhrasesManager kind={kind} phrases={list} onClose={() => setManaging(false)} />}
    </Space.Compact>
  );
}

function focusField(form: FormInstance, field: string) {
  const el = form.getFieldInstance(field) as { focus?: (o?: { cursor: 'end' }) => void } | undefined;
  // After the dropdown closes, or the Select takes the focus back.
  setTimeout(() => el?.focus?.({ cursor: 'end' }), 0);
}

/** 管理常用意见: the user's phrases of one kind; add and remove, saved at once (audited). */
function PhrasesManager({ kind, phrases, onClose }: { kind: PhraseKind; phrases: readonly string[]; onClose(): void }) {
  const send = useSend();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = async (next: string[]) => {
    try {
      await send('phrases.save', { kind, phrases: next });
      setError(null);
      return true;
    } catch (e) {
      setError(errorText(e));
      return false;
    }
  };
  const add = async () => {
    if (!draft.trim()) return setError('请输入常用意见');
    if (await save([...phrases, draft])) setDraft('');
  };
  return (
    <Modal open title={`${kind}常用意见`} onCancel={onClose} footer={<Button onClick={onClose}>关闭</Button>} destroyOnHidden>
      <List
        size="small"
        dataSource={[...phrases]}
        locale={{ emptyText: '还没有常用意见' }}
        renderItem={(p) => (
          <List.Item actions={[<Button key="remove" size="small" danger aria-label={`删除 ${p}`} onClick={() => void save(phrases.filter((x) => x !== p))}>删除</Button>]}>
            {p}
          </List.Item>
        )}
      />
      <div style={{ marginTop: 12 }}>
        <label htmlFor="new-phrase">新的常用意见</label>
        <Space.Compact style={{ width: '100%', marginTop: 4 }}>
          <Input
            id="new-phrase"
            value={draft}
            maxLength={200}
            status={error ? 'error' : undefined}
            aria-invalid={error ? true : undefined}
            onChange={(e) => setDraft(e.target.value)}
            onPressEnter={(e) => {
              e.preventDefault();
              void add();
            }}
          />
          <Button type="primary" onClick={() => void add()}>
            添加
          </Button>
        </Space.Compact>
        {error && (
          <Typography.Text type="danger" role="alert">
            {error}
          </Typography.Text>
        )}
      </div>
    </Modal>
  );
}
