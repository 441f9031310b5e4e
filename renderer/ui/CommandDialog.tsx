import { Form, Modal } from 'antd';
import type { ReactNode } from 'react';
import { CommandForm, useDiscardGuard, type CommandFormProps } from './CommandForm';

// Every dialog that sends a command: a CommandForm in an antd Modal. The dialog closes after
// success; typed input is asked about before it is thrown away, however the dialog is closed
// (Esc, the ×, 取消 or a click outside); nothing closes while the command runs.

export interface CommandDialogProps<V, T> extends Omit<CommandFormProps<V, T>, 'onCancel' | 'guard' | 'block' | 'submitDisabled'> {
  title: ReactNode;
  onClose: () => void;
  width?: number;
}

export function CommandDialog<V, T>({ title, onClose, onDone, width, ...formProps }: CommandDialogProps<V, T>) {
  const [own] = Form.useForm<V>();
  const form = formProps.form ?? own;
  const guard = useDiscardGuard(form, onClose);
  return (
    <>
      <Modal open title={title} onCancel={guard.request} footer={null} destroyOnHidden width={width ?? 560}>
        <CommandForm
          {...formProps}
          form={form}
          guard={guard}
          onCancel={onClose}
          onDone={(result, values) => {
            onDone?.(result, values);
            onClose();
          }}
        />
      </Modal>
      {guard.confirm}
    </>
  );
}
