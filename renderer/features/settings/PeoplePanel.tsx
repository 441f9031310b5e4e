import { App, Button, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useLiveQuery } from '../../db/live';
import { useState } from 'react';
import type { DirectoryPerson } from '@shared/domain/meeting-types';
import { useDb } from '../../db/DbContext';
import { listPeople } from '../../db/repositories/meetings';
import { useSend } from '../../db/commands/use-send';
import { listActiveUserNames } from '../../db/repositories/users';
import { CommandDialog } from '../../ui/CommandDialog';
import { CommandForm } from '../../ui/CommandForm';
import { useActor } from '../../ui/session';
import { UnitPicker } from '../../ui/pickers';
import { OtherUnitsList } from './OtherUnitsList';
import { ellipsisColumn } from '../../ui/list-columns';

interface PersonForm {
  name: string;
  unit: string;
  title: string;
  /** 关联账号: the app account of this person, if any */
  userId?: string;
}

type Account = { id: string; displayName: string; username: string };

const EMPTY: PersonForm = { name: '', unit: '', title: '', userId: undefined };

const accountLabel = (a: Account) => `${a.displayName}（${a.username}）`;

/**
 * 设置 → 人员名录 (秘书): the people meetings invite — 姓名, 单位, 职务 and, for those with an account
 * in this app, the account (it gives them need-to-know of classified meetings they attend).
 * People are disabled, never deleted: past meetings name them.
 */
export function PeoplePanel() {
  const db = useDb();
  const actor = useActor();
  const send = useSend();
  const { message } = App.useApp();
  const people = useLiveQuery(() => listPeople(db, actor, true), [db, actor.id]);
  const accounts = useLiveQuery(() => listActiveUserNames(db), [db]);
  const [editing, setEditing] = useState<DirectoryPerson | null>(null);

  const [form] = Form.useForm<PersonForm>();
  const add = (v: PersonForm) => send('people.save', { name: v.name, unit: v.unit, title: v.title, ...(v.userId ? { userId: v.userId } : {}) });

  const toggle = async (p: DirectoryPerson) => {
    try {
      await send('people.save', { ...p, disabled: !p.disabled });
      void message.success(p.disabled ? `已启用 ${p.name}` : `已停用 ${p.name}`);
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };

  const accountOf = (userId?: string) => {
    if (!userId) return '—';
    const a = accounts?.find((u) => u.id === userId);
    return a ? accountLabel(a) : '（账号已停用）';
  };

  return (
    <div>
      <Typography.Paragraph type="secondary">
        新建会议、批示、纪要和督办时从名录中选择人员；职务为县长、局长、主任、书记等的人员在“批示领导”中列在前面。停用的人员不再出现在选择框中，已登记的记录不受影响。有本系统账号的人员可关联账号，以便查阅其参加的涉密会议。
      </Typography.Paragraph>
      <CommandForm<PersonForm, DirectoryPerson>
        form={form}
        verb="添加人员"
        formLabel="添加人员"
        initialValues={EMPTY}
        run={add}
        onDone={(p) => {
          form.resetFields();
          void message.success(`已添加 ${p.name}`);
        }}
      >
        {/* One row: PersonFields is a fragment, so a flex row (not Space) lays its fields side by side. */}
        <div style={{ display: 'flex', flexWrap: 'wrap', columnGap: 16, alignItems: 'flex-start' }}>
          <PersonFields accounts={accounts ?? []} />
        </div>
      </CommandForm>
      <Table<DirectoryPerson>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={people ?? []}
        loading={!people}
        locale={{ emptyText: '名录还是空的，请在上方添加人员' }}
        aria-label="人员名录"
        tableLayout="fixed"
        columns={[
          { ...ellipsisColumn<DirectoryPerson>({ width: 110, text: (p) => p.name }), title: '姓名' },
          { ...ellipsisColumn<DirectoryPerson>({ text: (p) => p.unit }), title: '单位' },
          { ...ellipsisColumn<DirectoryPerson>({ width: 160, text: (p) => p.title }), title: '职务' },
          { ...ellipsisColumn<DirectoryPerson>({ width: 160, text: (p) => accountOf(p.userId) }), title: '账号' },
          { title: '状态', dataIndex: 'disabled', width: 80, render: (x?: boolean) => (x ? <Tag>已停用</Tag> : <Tag color="green">启用</Tag>) },
          {
            title: '操作',
            width: 150,
            render: (_, p) => (
              <Space>
                <Button size="small" onClick={() => setEditing(p)}>
                  修改
                </Button>
                <Button size="small" danger={!p.disabled} onClick={() => void toggle(p)}>
                  {p.disabled ? '启用' : '停用'}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <OtherUnitsList />
      {editing && <EditPersonModal person={editing} accounts={accounts ?? []} onClose={() => setEditing(null)} />}
    </div>
  );
}

/** 姓名, 单位 (a department or another 机构, e.g. 县财政局, picked or added), 职务 and 关联账号. */
function PersonFields({ accounts, keepUserId }: { accounts: readonly Account[]; keepUserId?: string }) {
  const options = accounts.map((a) => ({ value: a.id, label: accountLabel(a) }));
  // A linked account since disabled stays shown (and kept on 保存) until it is cleared.
  if (keepUserId && !accounts.some((a) => a.id === keepUserId)) options.push({ value: keepUserId, label: '（账号已停用）' });
  return (
    <>
      <Form.Item label="姓名" name="name" required>
        <Input />
      </Form.Item>
      <Form.Item label="单位" name="unit">
        <UnitPicker style={{ width: 200 }} />
      </Form.Item>
      <Form.Item label="职务" name="title">
        <Input />
      </Form.Item>
      <Form.Item label="关联账号" name="userId" getValueFromEvent={(v?: string) => v ?? undefined}>
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={options} placeholder="可不选" style={{ width: 200 }} />
      </Form.Item>
    </>
  );
}

function EditPersonModal({ person, accounts, onClose }: { person: DirectoryPerson; accounts: readonly Account[]; onClose(): void }) {
  const send = useSend();
  const { message } = App.useApp();
  const run = (v: PersonForm) =>
    send('people.save', { id: person.id, name: v.name, unit: v.unit, title: v.title, ...(v.userId ? { userId: v.userId } : {}), ...(person.disabled ? { disabled: true } : {}) });
  return (
    <CommandDialog<PersonForm, unknown>
      title="修改人员"
      verb="保存"
      formLabel="修改人员"
      initialValues={{ name: person.name, unit: person.unit, title: person.title, userId: person.userId }}
      run={run}
      onDone={(_, v) => void message.success(`已保存 ${v.name.trim()}`)}
      onClose={onClose}
    >
      <PersonFields accounts={accounts} keepUserId={person.userId} />
    </CommandDialog>
  );
}
