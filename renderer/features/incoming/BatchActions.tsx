import { App, Button, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { useLiveQuery } from '../../db/live';
import { useDb } from '../../db/DbContext';
import { useSend } from '../../db/commands/use-send';
import { listActiveUserNames } from '../../db/repositories/users';
import { CommandDialog } from '../../ui/CommandDialog';

// 批量传阅 / 批量办结 on the 收文登记簿 (issue #14): one command over the chosen records
// (incoming.actMany): all or nothing; a record the rules refuse is named in the dialog's alert.

type Verb = '传阅' | '办结';

/** The batch buttons for `ids`; `onDone` clears the selection once the command went through. */
export function IncomingBatchActions({ ids, onDone }: { ids: readonly string[]; onDone(): void }) {
  const [open, setOpen] = useState<Verb | null>(null);
  return (
    <>
      <Button size="small" type="primary" onClick={() => setOpen('传阅')}>
        批量传阅
      </Button>
      <Button size="small" onClick={() => setOpen('办结')}>
        批量办结
      </Button>
      {open === '传阅' && <CirculateMany ids={ids} onClose={() => setOpen(null)} onDone={onDone} />}
      {open === '办结' && <FinishMany ids={ids} onClose={() => setOpen(null)} onDone={onDone} />}
    </>
  );
}

interface Props {
  ids: readonly string[];
  onClose(): void;
  onDone(): void;
}

function CirculateMany({ ids, onClose, onDone }: Props) {
  const db = useDb();
  const send = useSend();
  const { message } = App.useApp();
  const people = useLiveQuery(() => listActiveUserNames(db), [db]) ?? [];
  const run = (v: { readerIds?: string[] }) =>
    send('incoming.actMany', {
      ids: [...ids],
      action: {
        type: '传阅',
        readers: (v.readerIds ?? []).flatMap((id) => {
          const p = people.find((x) => x.id === id);
          return p ? [{ userId: p.id, name: p.displayName }] : [];
        }),
      },
    });
  return (
    <CommandDialog<{ readerIds?: string[] }, unknown>
      title={`批量传阅：已选 ${ids.length} 件`}
      verb="传阅"
      width={600}
      rename={{ readers: 'readerIds' }}
      run={run}
      onClose={onClose}
      onDone={() => {
        void message.success(`已送传阅 ${ids.length} 件`);
        onDone();
      }}
    >
      <Form.Item label="传阅人" name="readerIds" rules={[{ required: true, message: '请选择传阅人' }]} extra="每件按同一顺序传阅；有一件不能传阅时，整批都不办理">
        <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={people.map((p) => ({ value: p.id, label: p.displayName }))} autoFocus />
      </Form.Item>
    </CommandDialog>
  );
}

function FinishMany({ ids, onClose, onDone }: Props) {
  const send = useSend();
  const { message } = App.useApp();
  const run = (v: { note?: string }) => send('incoming.actMany', { ids: [...ids], action: { type: '办结', result: v.note?.trim() ?? '' } });
  return (
    <CommandDialog<{ note?: string }, unknown>
      title={`批量办结：已选 ${ids.length} 件`}
      verb="办结"
      width={600}
      rename={{ result: 'note' }}
      run={run}
      onClose={onClose}
      onDone={() => {
        void message.success(`已办结 ${ids.length} 件`);
        onDone();
      }}
    >
      <Form.Item label="办理结果" name="note" extra="阅件可不填，记为“已阅知”；办件须填写。有一件不能办结时，整批都不办理">
        <Input.TextArea rows={3} autoFocus />
      </Form.Item>
    </CommandDialog>
  );
}
