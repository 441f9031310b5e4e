import { Form, Modal } from 'antd';
import { useRef, type ReactNode } from 'react';
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
  const body = useRef<HTMLDivElement>(null);
  return (
    <>
      <Modal open title={title} onCancel={guard.request} footer={null} destroyOnHidden width={width ?? 560} afterOpenChange={(open) => open && focusFirstField(body.current)}>
        <div ref={body}>
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
        </div>
      </Modal>
      {guard.confirm}
    </>
  );
}

/**
 * The cursor in the dialog's first field once it has opened: the modal's focus trap moves the
 * focus to its × button on opening, which would send the first keys typed nowhere (a field's
 * autoFocus is overridden). Left alone when a field already has it.
 */
function focusFirstField(body: HTMLElement | null) {
  if (!body || (body.contains(document.activeElement) && document.activeElement?.matches('input, textarea'))) return;
  body.querySelector<HTMLElement>('input:not([type=hidden]):not([disabled]), textarea:not([disabled])')?.focus();
}
