import { App, Button, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { addDays, todayIso } from '@shared/domain/dates';
import { useSend } from '../../db/commands/use-send';
import { CommandDialog } from '../../ui/CommandDialog';
import { personOptions, personRef, useCarrierPeople, type CarrierPerson } from './carrier-ui';

// 批量借出 on the 台账 (issue #14): several carriers to one person in one command
// (carrier.actMany): all or nothing; a carrier the rules refuse is named in the dialog's alert.

interface LendValues { borrowerId?: string; purpose?: string; approverId?: string; dueDate?: string; outsideApproverId?: string }

const RENAME = { borrower: 'borrowerId', approver: 'approverId', outsideScopeApprovalBy: 'outsideApproverId' };
const approvers = (p: CarrierPerson) => p.approver;

export function LendManyButton({ ids, onDone }: { ids: readonly string[]; onDone(): void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" type="primary" onClick={() => setOpen(true)}>
        批量借出
      </Button>
      {open && <LendManyDialog ids={ids} onClose={() => setOpen(false)} onDone={onDone} />}
    </>
  );
}

function LendManyDialog({ ids, onClose, onDone }: { ids: readonly string[]; onClose(): void; onDone(): void }) {
  const send = useSend();
  const { message } = App.useApp();
  const people = useCarrierPeople();
  const who = (id?: string) => personRef(people, id) ?? { userId: '', name: '' };
  const run = (v: LendValues) => {
    const outside = personRef(people, v.outsideApproverId);
    return send('carrier.actMany', {
      ids: [...ids],
      action: {
        type: '借出',
        borrower: who(v.borrowerId),
        purpose: v.purpose ?? '',
        approver: who(v.approverId),
        dueDate: (v.dueDate ?? '').trim(),
        ...(outside ? { outsideScopeApprovalBy: outside } : {}),
      },
    });
  };
  return (
    <CommandDialog<LendValues, unknown>
      title={`批量借出：已选 ${ids.length} 件`}
      verb="借出"
      width={620}
      rename={RENAME}
      run={run}
      onClose={onClose}
      initialValues={{ dueDate: addDays(todayIso(), 7) }}
      onDone={() => {
        void message.success(`已借出 ${ids.length} 件`);
        onDone();
      }}
    >
      <Form.Item label="借阅人" name="borrowerId" extra="所选载体都借给此人；有一件不能借出时，整批都不办理">
        <Select showSearch={{ optionFilterProp: 'label' }} options={personOptions(people)} autoFocus />
      </Form.Item>
      <Form.Item label="借阅事由" name="purpose">
        <Input />
      </Form.Item>
      <Form.Item label="批准人" name="approverId">
        <Select showSearch={{ optionFilterProp: 'label' }} options={personOptions(people)} />
      </Form.Item>
      <Form.Item label="知悉范围外借阅批准人" name="outsideApproverId" extra="借阅人不在某件载体的知悉范围内时须填写（安全保密管理员）">
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={personOptions(people, approvers)} />
      </Form.Item>
      <Form.Item label="应还日期" name="dueDate" extra="YYYY-MM-DD">
        <Input style={{ width: 160 }} />
      </Form.Item>
    </CommandDialog>
  );
}
